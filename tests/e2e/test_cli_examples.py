"""Every example the `sws-hub` and `sws-village` help prints runs, in the order of a district's first days.

The examples are read from the help as printed (`--help` of every command and group): each
`Example:` paragraph, and each command line of an `Examples:` or first-day block. They run as
written, in-process, against a real hub data folder and real laptop data folders; only what cannot
be the same on a test machine is replaced: an absolute path is taken under a temporary folder, the
hub's address and the ports are the test's, and a token, a device or record id, a conflict number
or a listed person's NIK is the one the hub or the laptop actually made (each checked to have the
shape the example shows). Servers (`serve`, `ui`, `relay --port`) run as real processes until they
answer, then stop. An example that fails, or one no step of the day runs, fails the test.
"""

import datetime as dt
import os
import queue
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import click
import pytest
import requests
from click.testing import CliRunner

import hub_server
from hub_server import tokens
from hub_server.cli import main as hub_cli
from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from schemas.nik import check_nik
from village_client import at_rest
from village_client.cli import main as village_cli
from village_client.pins import LoginFailed

pytestmark = pytest.mark.e2e
PROGRAMS = {"sws-hub": (hub_cli, "hub_server"), "sws-village": (village_cli, "village_client")}
DEVICE_ID = re.compile(r"[a-z2-7]{10}")
SHIPPED_CATALOGUE = Path(hub_server.__file__).parent / "catalogue" / "malang.json"
SHIPPED_DIRECTORY = Path(hub_server.__file__).parent / "directory" / "malang.json"
ENV = {"SWS_HUB_ADMIN_PASSWORD": "kata-sandi-admin-1", "SWS_HUB_USER_PASSWORD": "kata-sandi-budi-1",
       "SWS_VILLAGE_PIN": "135790", "SWS_VILLAGE_NEW_PIN": "24680135", "SWS_VILLAGE_RETRY_BASE": "0.05",
       "SWS_VILLAGE_RETRY_ATTEMPTS": "2"}


def command_paths(group: click.Group, path=()):
    yield path
    for name in group.list_commands(None):  # sws-village imports some commands on first use only
        command = group.get_command(None, name)
        yield from command_paths(command, (*path, name)) if isinstance(command, click.Group) else [(*path, name)]


def help_examples(program: str) -> list:
    """The argv of every example in the printed help of every command of `program`, in order, once each."""
    cli, runner, lines = PROGRAMS[program][0], CliRunner(), []
    for path in command_paths(cli):
        printed = runner.invoke(cli, [*path, "--help"], terminal_width=100, catch_exceptions=False).output
        for paragraph in re.split(r"\n\s*\n", printed):
            texts = [line.strip() for line in paragraph.splitlines()]
            if texts[0].startswith("Example:"):  # a paragraph, wrapped by click: join its lines again
                lines.append(" ".join(texts).removeprefix("Example:"))
            else:
                lines += [text for text in texts if text.startswith(f"{program} ")]
    return list(dict.fromkeys(tuple(shlex.split(line, comments=True)) for line in lines))


def command_of(argv: tuple) -> str:
    """The command an example runs, e.g. "sws-hub conflicts resolve" (group options skipped)."""
    command, words, args = PROGRAMS[argv[0]][0], [argv[0]], list(argv[1:])
    while isinstance(command, click.Group) and args:
        arg = args.pop(0)
        if arg.startswith("-"):
            option = next(param for param in command.params if arg in param.opts)
            if not option.is_flag:
                args.pop(0)
        elif arg in command.list_commands(None):
            command = command.get_command(None, arg)
            words.append(arg)
        else:
            break
    return " ".join(words)


def is_server(argv: tuple) -> bool:
    """Examples that serve until stopped: `sws-hub serve`, `sws-village ui`, `sws-village relay` without --bundle."""
    command = command_of(argv)
    return command in ("sws-hub serve", "sws-village ui") or (command == "sws-village relay" and "--bundle" not in argv)


def free_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


class Day:
    """Runs the examples of one command at a time, each with the substitutions the test machine needs."""

    def __init__(self, root: Path):
        self.root, self.work = root, root / "work"
        self.hub_dir, self.laptop, self.kecamatan = root / "srv" / "sws-hub", root / "laptop", root / "kecamatan"
        self.examples = [argv for program in PROGRAMS for argv in help_examples(program)]
        self.ran, self.processes, self.tokens = set(), [], []
        self.hub_url = self.device_id = None

    def examples_of(self, command: str, servers: bool) -> list:
        found = [argv for argv in self.examples if command_of(argv) == command and is_server(argv) == servers]
        assert found, f"no example of `{command}` in the help"
        return found

    def args(self, argv: tuple, exact: dict) -> list:
        args = []
        for arg in argv[1:]:
            if arg in exact:
                arg = exact[arg]
            elif arg.startswith("/"):
                arg = str(self.root / arg.lstrip("/"))
            elif arg == "https://sws.malangkab.go.id":
                arg = self.hub_url
            elif args and args[-1] == "--port":
                arg = free_port()
            elif args and args[-1] == "--token":
                tokens.parse_token(arg)  # the example's token has the shape of a real one
                arg = self.tokens.pop(0)
            for placeholder in ("kzdvvj2umn", "k3m7x2p4qa"):
                if placeholder in arg:
                    assert DEVICE_ID.fullmatch(placeholder)
                    arg = arg.replace(placeholder, self.device_id)
            args.append(arg)
        return args

    def env(self, data_dir) -> dict:
        return {**ENV, "SWS_HUB_DATA_DIR": str(self.hub_dir), "SWS_VILLAGE_DATA_DIR": str(data_dir or self.laptop)}

    def run(self, command: str, data_dir=None, exact=None) -> list:
        """Run every example of `command` (in-process); return their outputs."""
        outputs = []
        for argv in self.examples_of(command, servers=False):
            outputs.append(self.cli(argv[0], *self.args(argv, exact or {}), data_dir=data_dir))
            self.ran.add(argv)
        return outputs

    def cli(self, program: str, *args, data_dir=None) -> str:
        """Run `program ARGS` in-process (also for the day's steps that are not examples)."""
        result = CliRunner(env=self.env(data_dir)).invoke(PROGRAMS[program][0], list(args), catch_exceptions=False)
        assert result.exit_code == 0, f"{program} {shlex.join(args)}\n{result.output}"
        return result.output

    def serve(self, command: str, data_dir=None, check=lambda url: None, keep=False) -> str:
        """Start every example of `command` as a process, wait until it listens, check it; stop it unless `keep`."""
        url = None
        for argv in self.examples_of(command, servers=True):
            environment = {**os.environ, **self.env(data_dir), "PYTHONUNBUFFERED": "1",
                           "SWS_VILLAGE_UI_PORT": free_port(), "SWS_VILLAGE_RELAY_PORT": free_port()}
            process = subprocess.Popen([sys.executable, "-m", PROGRAMS[argv[0]][1], *self.args(argv, {})],
                                       cwd=self.work, env=environment, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True, start_new_session=True)
            self.processes.append(process)
            url = self.listening(process, argv).replace("0.0.0.0", "127.0.0.1")  # it listens on every address
            check(url)
            self.ran.add(argv)
            if not keep:
                self.stop(process)
        return url

    @staticmethod
    def listening(process, argv, timeout=30.0) -> str:
        lines = queue.Queue()
        process.reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True)
        process.reader.start()
        deadline, seen = time.monotonic() + timeout, []
        while time.monotonic() < deadline:
            try:
                seen.append(lines.get(timeout=0.2))
            except queue.Empty:
                assert process.poll() is None, f"{shlex.join(argv)} stopped:\n{''.join(seen)}"
                continue
            found = re.search(r" on (http://[\d.]+:\d+)/", seen[-1])
            if found:
                return found.group(1)
        raise AssertionError(f"{shlex.join(argv)} did not start:\n{''.join(seen)}")

    @staticmethod
    def stop(process) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        if not process.stdout.closed:
            process.reader.join(10)
            process.stdout.close()


@pytest.fixture
def day(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")  # relative paths of the examples (district/, warga-sukamaju.csv)
    running = Day(tmp_path)
    yield running
    for process in running.processes:
        running.stop(process)


def enrol_member(hub_dir: Path, nik: str, programme: str, number: str) -> None:
    """Enrol a resident in a programme at the hub, as a membership roll from BPJS would (no command loads a roll)."""
    from hub_server.cli.common import Hub
    from hub_server.generator.payments import Member
    from hub_server.models.population import Person
    from hub_server.services import memberships

    hub = Hub()
    hub.data_dir = hub_dir
    try:
        with hub.uow(immediate=True) as uow:
            village = uow.session.query(Person.village_code).filter(Person.nik == nik).scalar()
            member = Member(nik, programme, number, village, "self", 16800, 0)
            assert memberships.add_roll(uow, [member], start=dt.date(2026, 3, 1), actor="cli:test") == 1
    finally:
        hub.close()


def answers(path: str, status: int):
    def check(url):
        assert requests.get(url + path, timeout=(3, 10)).status_code == status
    return check


def test_every_example_in_the_help_runs(day):
    # The hub: set up, a synthetic district imported and matched, users, enrollment tokens.
    day.run("sws-hub init")
    day.run("sws-hub db upgrade")
    day.run("sws-hub generate")
    (day.root / "srv" / "extracts").mkdir()
    shutil.copy(day.work / "district" / "ektp.csv", day.root / "srv" / "extracts" / "ektp-2026-03.csv")
    day.run("sws-hub import")
    for source, name in (("kk", "kk.csv"), ("welfare", "welfare.csv"), ("census", "people.csv")):
        day.cli("sws-hub", "import", source, str(day.work / "district" / name))
    day.run("sws-hub inconsistencies")
    shutil.copy(SHIPPED_CATALOGUE, day.root / "srv" / "catalogue-2026.json")
    day.run("sws-hub catalogue load")
    day.run("sws-hub catalogue")
    assert '"code": "PKH"' in day.run("sws-hub catalogue show")[0]
    shutil.copy(SHIPPED_DIRECTORY, day.root / "srv" / "directory-2026.json")
    assert "19 added" in day.run("sws-hub directory load")[0]
    assert "Puskesmas Kepanjen" in day.run("sws-hub directory")[0]
    day.run("sws-hub match")
    assert "PKH" in day.run("sws-hub lists")[0]
    day.run("sws-hub user add")
    day.run("sws-hub user set-role")
    day.run("sws-hub user reset-password")
    for output in day.run("sws-hub device-token"):
        day.tokens += re.findall(r"^token: (\S+)$", output, re.M)
    kecamatan_token = re.search(r"^token: (\S+)$", day.cli(
        "sws-hub", "device-token", "--scope", "35.07.01", "--role", "sub_district", "--label", "Kecamatan"), re.M)[1]
    day.hub_url = day.serve("sws-hub serve", check=answers("/api/v1/hello", 200), keep=True)

    # A village laptop's first day, and the sub-district laptop that relays for it.
    day.device_id = re.search(r"device (\S+) ready", day.run("sws-village init")[0])[1]
    day.run("sws-village officer add")
    day.run("sws-village enroll")
    day.run("sws-village sync")
    day.run("sws-village lists")
    assert "BLK-KEPANJEN" in day.run("sws-village services")[0]  # the directory came with the sync
    assert "PKH" in day.run("sws-village list")[0]
    registered = day.run("sws-village household add")[0]
    household_id = re.search(r"household (\S+) registered", registered)[1]
    moving_member = re.search(r"members: (.+)$", registered, re.M)[1].split(", ")[-1]
    assert re.fullmatch(rf"{DEVICE_ID.pattern}-\d+", "kzdvvj2umn-1")
    day.run("sws-village household new-card", exact={"kzdvvj2umn-1": household_id})
    day.run("sws-village person add")
    day.cli("sws-village", "sync")
    # A household no extract holds: residents awaiting verification, found by name, confirmed.
    assert "3507010201800001" in day.run("sws-hub residents")[0]
    assert "3507010201800001" in day.run("sws-hub find")[0]
    assert "confirmed" in day.run("sws-hub verify")[0]
    kecamatan = {"data_dir": day.kecamatan}
    day.cli("sws-village", "init", "--label", "Kecamatan Donomulyo", **kecamatan)
    day.cli("sws-village", "enroll", "--hub", day.hub_url, "--token", kecamatan_token, **kecamatan)
    day.cli("sws-village", "officer", "add", "kec.andi", "--name", "Andi", "--role", "sub_district_officer",
            **kecamatan)
    day.cli("sws-village", "sync", **kecamatan)
    # The sub-district's worklist came down with its sync: one inconsistency checked in the field, offline.
    listed_items = day.run("sws-village worklist list", **kecamatan)[0]
    item = re.search(r"^inconsistency (\d+) ", listed_items, re.M)[1]
    assert "saved" in day.run("sws-village worklist check", exact={"1": item}, **kecamatan)[0]
    # The same phone, changed differently on both laptops from the value both saw: a conflict at the hub.
    day.run("sws-village person update")
    day.run("sws-village person visit")  # the midwife, on the same woman
    day.run("sws-village person growth")  # and on the child the household registered
    day.cli("sws-village", "person", "update", "--officer", "kec.andi", f"{day.device_id}-3", "phone=081234500002",
            **kecamatan)
    day.cli("sws-village", "sync", **kecamatan)
    complaint_id = re.search(r"complaint (\S+) recorded: ADU/", day.run("sws-village complaint add")[0])[1]
    assert re.fullmatch(rf"{DEVICE_ID.pattern}-\d+", "kzdvvj2umn-9")
    assert "sub_district" in day.run("sws-village complaint event", exact={"kzdvvj2umn-9": complaint_id})[0]
    assert "Kecamatan" in day.run("sws-village complaint show", exact={"kzdvvj2umn-9": complaint_id})[0]
    # A returnee's case, opened offline by the village's case worker and referred to the training centre.
    day.cli("sws-village", "officer", "add", "dewi", "--name", "Dewi Lestari", "--role", "case_worker")
    case_id = re.search(r"case (\S+) opened", day.run("sws-village case open")[0])[1]
    assert re.fullmatch(rf"{DEVICE_ID.pattern}-\d+", "kzdvvj2umn-12")
    assert "is active" in day.run("sws-village case event", exact={"kzdvvj2umn-12": case_id})[0]
    assert "Sri Wahyuni" in day.run("sws-village case list")[0]
    assert "BLK-KEPANJEN" in day.run("sws-village case show", exact={"kzdvvj2umn-12": case_id})[0]
    # The village task force: an outreach session by the secretary, a referral to the LTSA by the case worker.
    assert "recorded" in day.run("sws-village taskforce outreach")[0]
    assert "1 outreach session\n" in day.run("sws-village taskforce sessions")[0]
    assert "waits for its answer" in day.run("sws-village taskforce refer")[0]
    # A referral made at the SWS desk by the secretary, and the list where its answer will show.
    assert "waits for its answer" in day.run("sws-village referral make")[0]
    assert "Rina Marlina (NIK 3507015505900003)" in day.run("sws-village referral list")[0]
    (day.work / "warga-sukamaju.csv").write_text(
        "name,birth_date,sex,village_code,nik_status\nBayu,2026-01-05,M,35.07.01.2001,newborn\n", encoding="utf-8")
    day.run("sws-village import-csv", **kecamatan)
    day.run("sws-village correction add")
    listed = re.search(r"^ {2}(\d{16}) ", day.cli("sws-village", "list", "PKH"), re.M)[1]
    assert check_nik("3507015505900001").ok and check_nik(listed).ok
    application_id = re.search(r"application (\S+) recorded", day.run(
        "sws-village apply", exact={"3507015505900001": listed})[0])[1]
    second = re.findall(r"^ {2}(\d{16}) ", day.cli("sws-village", "list", "PKH"), re.M)[1]
    approved_id = re.search(r"application (\S+) recorded", day.cli(
        "sws-village", "apply", "--officer", "siti", "PKH", second))[1]  # approved and enrolled at the hub
    # The village's residents came down with its syncs: found by name, one updated without registering again.
    assert "found" in day.run("sws-village residents find")[0]
    assert "updated" in day.run("sws-village residents update", exact={"3507015505900001": listed})[0]
    day.cli("sws-village", "sync")
    day.run("sws-village status")
    (day.root / "media" / "usb").mkdir(parents=True)
    day.run("sws-village export-bundle")
    day.run("sws-hub import-bundle")
    day.run("sws-village import-bundle")
    day.run("sws-village relay", **kecamatan)  # --bundle: the same requests again, refused by the hub as replays
    day.serve("sws-village relay", day.kecamatan, check=answers("/api/v1/sync", 405))
    day.serve("sws-village ui", check=answers("/login", 200))
    # A member moves out of the district: the record stays on the laptop, archived.
    day.run("sws-village household move", exact={"kzdvvj2umn-1": household_id, "kzdvvj2umn-3": moving_member})

    # Back at the hub: the conflict, the application, the devices.
    listing = day.run("sws-hub conflicts")[0]
    conflict = next(re.match(r"#(\d+) ", block)[1] for block in listing.split("\n\n") if "81234500002" in block)
    assert "Confirmed by phone call" not in listing
    day.run("sws-hub conflicts resolve", exact={"7": conflict})
    assert application_id in day.run("sws-hub applications")[0]
    assert re.fullmatch(rf"{DEVICE_ID.pattern}-\d+", "k3m7x2p4qa-12")
    day.run("sws-hub decide", exact={"k3m7x2p4qa-12": application_id})
    day.cli("sws-hub", "decide", approved_id, "approved")
    assert "0001234567890" in day.run("sws-hub payments enrol", exact={"k3m7x2p4qa-12": approved_id})[0]
    # The month's report of the sub-district, as a PDF to print.
    (day.root / "tmp").mkdir(exist_ok=True)
    assert "35.07.01 Donomulyo" in day.run("sws-hub report monthly")[0]
    assert next((day.root / "tmp").glob("*.pdf")).read_bytes().startswith(b"%PDF")
    # The sub-district's PKH beneficiaries for BPJS, recorded in the audit log with the purpose.
    assert "rows, csv" in day.run("sws-hub export")[0]
    assert (day.root / "tmp" / "pkh.csv").read_text(encoding="utf-8-sig").startswith("programme_code,village_code")
    # The bank's contribution file of the month: its one row names no member the hub holds, a finding.
    (day.root / "tmp" / "contributions-2026-03.csv").write_text(
        "reference,nik,membership_number,programme,period,paid_on,amount,payer\n"
        "BRI/2026/03/0000001,3507014101900009,0001,BPJS-K3,2026-03,2026-03-05,25500,self\n", encoding="utf-8")
    assert re.search(r"1 (loaded|dimuat)", day.run("sws-hub payments import")[0])
    day.run("sws-hub payments reconcile")
    assert (day.root / "tmp" / "reconciliation-2026-03.csv").read_text(encoding="utf-8").startswith("month,")
    day.run("sws-hub report finance")
    assert ",use_of_funds,total," in (day.root / "tmp" / "keuangan-2026-03.csv").read_text(encoding="utf-8")
    # A member's claim: enrolled in ASKESOS at the hub, recorded on the laptop, passed to BPJS and paid.
    enrol_member(day.hub_dir, listed, "ASKESOS", "12030045678")
    day.cli("sws-village", "sync")
    claim_id = re.search(r"claim (\S+) recorded", day.run("sws-village claim record",
                                                          exact={"nik=3507015505900001": f"nik={listed}"})[0])[1]
    assert "ASKESOS" in day.run("sws-village claim list")[0]
    day.cli("sws-village", "sync")
    assert "1" in day.run("sws-hub claims export")[0]
    (day.root / "tmp" / "claims-askesos-outcome.csv").write_text(
        "claim_id,outcome,amount_paid,paid_on,refusal_reason,agency_reference,note\n"
        f"{claim_id},paid,1850000,{today_in().isoformat()},,JKK/3507/2026/0042,\n", encoding="utf-8")
    assert re.search(r"1 (paid|dibayar)", day.run("sws-hub claims outcome")[0])
    day.cli("sws-village", "sync")
    assert "Rp1.850.000" in day.cli("sws-village", "claim", "list")
    day.run("sws-hub devices")
    day.run("sws-hub db restored")  # as after a restore: the laptops then pull again from the start
    assert int(re.search(r"diterima dari hub (\d+)", day.cli("sws-village", "sync"))[1]) > 0
    day.run("sws-hub devices revoke")
    # The revoked laptop's next sync is refused; the district re-admits it under a new identity.
    with pytest.raises(AssertionError, match="revoked_device"):
        day.cli("sws-village", "sync")
    day.tokens += re.findall(r"^token: (\S+)$", day.run("sws-hub devices readmit")[0], re.M)
    assert "re-admitted as" in day.run("sws-village readmit")[0]
    day.cli("sws-village", "sync")
    assert re.search(r"(now encrypted|kini tersandi)", day.run("sws-village protect")[0])
    assert not (day.laptop / "village.db").read_bytes().startswith(b"SQLite format 3")
    day.cli("sws-village", "sync")  # this process opened it: it holds the key (tests/e2e/test_protected_laptop.py)
    # The midwife changes her PIN: the new one opens the protected data, the old one no longer does.
    assert "changed" in day.run("sws-village officer pin")[0]
    at_rest.forget(day.laptop)
    with pytest.raises(LoginFailed):
        at_rest.unlock(day.laptop, "bidan.rina", ENV["SWS_VILLAGE_PIN"])
    at_rest.unlock(day.laptop, "bidan.rina", ENV["SWS_VILLAGE_NEW_PIN"])

    never = [shlex.join(argv) for argv in help_examples("sws-hub") + help_examples("sws-village")
             if argv not in day.ran]
    assert never == []
