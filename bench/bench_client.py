"""Village client benchmark: start-up, saving, and syncing 10,000 registrations with a real hub.

    .venv/bin/python -m bench.bench_client                  # loopback and the emulated slow link
    .venv/bin/python -m bench.bench_client --write-docs     # also rewrite its section of docs/performance.md

A real `sws-hub serve` (SQLite, initialised in a temporary folder) and village laptops enrolled with
tokens from `sws-hub device-token`. Each laptop saves household members from the district generator
through `village_client.records` (each registration its own change-set, as one form saved) and
syncs with its own engine and default settings. Requests and bytes are the client's own count
(`CountingSession`: bodies and headers as sent, replies as read from the socket, before gzip
decoding). The slow link is `bench.slowlink`: 256 kbit/s, 300 ms one way, 2 % segment loss.

This module also holds what the push benchmark shares: the hub process, the laptop, phase timers.
"""

import argparse
import contextlib
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "performance.md"
HEADING = "## Village client sync"
VILLAGE = "35.07.01.2001"
# One hub, a laptop per village: each pulls only its own village, as in the field.
VILLAGES = ("35.07.01.2001", "35.07.01.2002", "35.07.01.2003", "35.07.01.2004")
ADMIN_PASSWORD = "kata-sandi-admin-1"
SWS_VILLAGE = str(Path(sys.executable).with_name("sws-village"))
PEOPLE, EDITS, SINGLE_SAVES, IDLE_SYNCS, STARTS = 10_000, 100, 100, 5, 5
BATCH_SIZE = 2000  # the village client's default `batch_size`
IMPORT = "import time; started = time.perf_counter(); import {}; print(time.perf_counter() - started)"


class Phases:
    """Seconds spent in named functions, timed by wrapping them where their callers look them up."""

    def __init__(self):
        self.seconds = defaultdict(float)
        self.calls = defaultdict(list)  # (start, end) of each call, perf_counter() seconds

    def wrap(self, phase: str, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.calls[phase].append((started, time.perf_counter()))
                self.seconds[phase] += self.calls[phase][-1][1] - started
        return timed

    @contextlib.contextmanager
    def patched(self, targets):
        """Wrap each `(module, attribute, phase)` for the duration of the block."""
        saved = [(module, name, getattr(module, name)) for module, name, _ in targets]
        for module, name, phase in targets:
            setattr(module, name, self.wrap(phase, getattr(module, name)))
        try:
            yield self
        finally:
            for module, name, original in saved:
                setattr(module, name, original)


def village_people(count: int, seed: int = 11, village: str = VILLAGE) -> list:
    """Registrations from the district generator, all saved by one village's laptop."""
    from bench.registrations import registrations  # the generator is not part of a laptop's memory

    return [{**person, "village_code": village} for person in registrations(count, seed)]


class HubServer:
    """`sws-hub serve` in its own process on a free 127.0.0.1 port, from a data folder under `root`.

    With `phases_file`, the same command runs through `bench.bench_push` with timers around the sync
    service's phases, one JSON line per request appended to that file.
    """

    def __init__(self, root: Path, phases_file: Path | None = None):
        self.data_dir, self.phases_file = Path(root) / "hub", phases_file
        self.log = Path(root) / "hub-serve.log"
        self.process: subprocess.Popen | None = None
        self.url = ""

    def env(self) -> dict:
        env = {name: value for name, value in os.environ.items() if not name.startswith("SWS_HUB_")}
        return {**env, "SWS_HUB_ADMIN_PASSWORD": ADMIN_PASSWORD, "PYTHONUNBUFFERED": "1"}

    def cli(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "hub_server", "--data-dir", str(self.data_dir), *args],
                              env=self.env(), cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode:
            raise RuntimeError(f"sws-hub {' '.join(args)} failed: {done.stdout}{done.stderr}")
        return done.stdout

    def token(self, scope: str = VILLAGE, role: str = "village") -> str:
        """A one-time enrollment token from `sws-hub device-token`."""
        output = self.cli("device-token", "--scope", scope, "--role", role, "--label", "bench laptop")
        return next(line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("token: "))

    def __enter__(self) -> "HubServer":
        self.cli("init")
        serve = ["--data-dir", str(self.data_dir), "serve", "--port", "0"]
        command = [sys.executable, "-m", "hub_server", *serve]
        if self.phases_file is not None:
            command = [sys.executable, "-m", "bench.bench_push", "--timed-hub", str(self.phases_file), "--", *serve]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, env=self.env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
                                            text=True, start_new_session=True)
        line = self.process.stdout.readline()
        if "listening on " not in line:
            self.__exit__()
            raise RuntimeError(f"sws-hub serve did not start: {line}{self.log.read_text()}")
        self.url = line.split("listening on ", 1)[1].split()[0].rstrip("/")
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.process.stdout.close()

    def address(self) -> tuple:
        host, port = self.url.removeprefix("http://").rsplit(":", 1)
        return host, int(port)


class VillageLaptop:
    """A village client in `data_dir`: initialised, enrolled at a hub, saving through `records`."""

    OFFICER = ("siti.aminah", "Siti Aminah", "village_secretary")

    def __init__(self, data_dir: Path, village: str = VILLAGE):
        from village_client.device import initialise

        self.data_dir, self.village = Path(data_dir), village
        self.device_id = initialise(self.data_dir, f"Desa {village}")

    def settings(self, **overrides) -> dict:
        from village_client.config import load_settings

        return load_settings({"data_dir": str(self.data_dir), **overrides}, environ={})

    def enroll(self, hub: HubServer) -> "VillageLaptop":
        from village_client.enrollment import enroll

        enroll(self.data_dir, hub.url, hub.token(self.village), "bench laptop", self.settings())
        return self

    def officer(self):
        from village_client.records import Officer

        return Officer(*self.OFFICER)

    def save(self, people: list, *, one_transaction: bool = True) -> list:
        """Save each person as its own change-set; inside one transaction unless told otherwise."""
        from village_client.records import add_person
        from village_client.store import open_store

        officer = self.officer()
        with open_store(self.data_dir) as store:
            if not one_transaction:
                return [add_person(store, officer, person) for person in people]
            with store.transaction():
                return [add_person(store, officer, person) for person in people]

    def count(self, table: str) -> int:
        from village_client.store import open_store

        with open_store(self.data_dir) as store:
            return store.scalar(f"SELECT count(*) FROM [{table}]")

    def sync(self, transport, **settings):
        from village_client.sync.engine import SyncEngine

        return SyncEngine(self.data_dir, self.settings(**settings), transport=transport).sync()


def client_targets() -> list:
    from village_client.sync import engine

    return [(engine, "batch_body", "read, hash, sign and encode"), (engine, "apply_reply", "apply reply")]


def timed_sync(laptop: VillageLaptop, url: str, transport=None, **settings) -> dict:
    """One sync by the laptop's engine: seconds, the laptop's phases, requests and bytes, and when the
    reply acknowledging its last change-set had been applied. A new connection unless `transport` is given."""
    from village_client import outbox
    from village_client.sync.http import HttpTransport

    own, phases, sent = transport is None, Phases(), []
    transport = transport or HttpTransport(url)
    counted = transport.session.counters()
    transport.exchange = phases.wrap("exchange", transport.exchange)
    with phases.patched(client_targets()):
        count_unacked = outbox.count_unacked

        def counting(db, limit):
            sent.append(count := count_unacked(db, limit))
            return count
        outbox.count_unacked = counting
        started = time.perf_counter()
        summary = laptop.sync(transport, **settings)
        seconds = time.perf_counter() - started
    del transport.exchange  # the class's own method again
    if own:
        transport.close()
    replies = [end for (_, end), size in zip(phases.calls["apply reply"], sent, strict=False) if size]
    phases.seconds["other"] = seconds - sum(phases.seconds.values())
    return {"seconds": seconds, "acked_after": (replies[-1] - started) if replies else seconds,
            "phases": dict(phases.seconds), "exchanges": [end - start for start, end in phases.calls["exchange"]],
            "summary": summary, **{name: n - counted[name] for name, n in transport.session.counters().items()}}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"




def write_section(heading: str, text: str) -> None:
    """Replace the section `heading` of docs/performance.md (or add it at the end), keeping the others."""
    current, body = DOCS.read_text(encoding="utf-8"), text.rstrip("\n") + "\n"
    start = current.find(heading + "\n")
    if start < 0:
        DOCS.write_text(current.rstrip("\n") + "\n\n" + body, encoding="utf-8")
        return
    following = current.find("\n## ", start + len(heading))
    rest = "" if following < 0 else "\n" + current[following + 1:]
    DOCS.write_text(current[:start] + body + rest, encoding="utf-8")


def wall(command: list) -> float:
    """Seconds from starting `command` to its exit, with Python's bytecode cache written and read as on an
    installed laptop (an environment that sets PYTHONDONTWRITEBYTECODE would compile every module each time)."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith("SWS_VILLAGE_") and name != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def startup(data_dir: Path) -> dict:
    """The interpreter alone, `sws-village status`, importing the sync engine and the CLI: best of five each."""
    python = min(wall([sys.executable, "-c", "pass"]) for _ in range(STARTS))
    status = min(wall([SWS_VILLAGE, "--data-dir", str(data_dir), "status", "--no-check-hub"]) for _ in range(STARTS))
    return {"python": {"seconds": python}, "status": {"seconds": status},
            "import": {"seconds": import_time("village_client.sync.engine")},
            "import_cli": {"seconds": import_time("village_client.cli")}}


def import_time(module: str) -> float:
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return min(float(subprocess.run([sys.executable, "-c", IMPORT.format(module)], cwd=ROOT, check=True, text=True,
                                    capture_output=True, env=env).stdout) for _ in range(STARTS))


def save_singly(laptop: VillageLaptop, people: list) -> dict:
    """Save each person in its own transaction (as the form does): median and 90th percentile."""
    from village_client.records import add_person
    from village_client.store import open_store

    officer, seconds = laptop.officer(), []
    with open_store(laptop.data_dir) as store:
        for person in people:
            started = time.perf_counter()
            add_person(store, officer, person)
            seconds.append(time.perf_counter() - started)
    return {"seconds": statistics.median(seconds), "p90": statistics.quantiles(seconds, n=10)[-1]}


def edit(laptop: VillageLaptop, count: int) -> None:
    """An officer corrects the phone and address of `count` people, each edit saved on its own."""
    from village_client.records import update_person
    from village_client.store import open_store

    officer = laptop.officer()
    with open_store(laptop.data_dir) as store:
        rows = list(store.db.query("SELECT id, address FROM person ORDER BY rowid LIMIT ?", [count]))
        for n, row in enumerate(rows):
            update_person(store, officer, row["id"], {"phone": f"0812{n:08d}", "address": f"{row['address']} Timur"},
                          {})


def loopback(root: Path, hub: HubServer) -> dict:
    """One laptop: single saves, then the first push, 100 edits pushed, and syncs with nothing to do."""
    laptop = VillageLaptop(root / "loopback", VILLAGES[0]).enroll(hub)
    people = village_people(PEOPLE, 12, VILLAGES[0])
    results = {"save": save_singly(laptop, people[:SINGLE_SAVES])}
    laptop.save(people[SINGLE_SAVES:])
    results["pending_rows"] = laptop.count("pending_edit")
    results["first"] = timed_sync(laptop, hub.url)
    edit(laptop, EDITS)
    results["edits"] = timed_sync(laptop, hub.url)
    results["idle"] = min((timed_sync(laptop, hub.url) for _ in range(IDLE_SYNCS)), key=lambda r: r["seconds"])
    return results | startup(laptop.data_dir)


def peak_memory(root: Path, hub: HubServer) -> dict:
    """A fresh process pushes 10,000 registrations with the engine; its own peak resident memory."""
    laptop = VillageLaptop(root / "memory", VILLAGES[1]).enroll(hub)
    laptop.save(village_people(PEOPLE, 13, VILLAGES[1]))
    done = subprocess.run([sys.executable, "-m", "bench.bench_client", "--child-push", str(laptop.data_dir), hub.url],
                          cwd=ROOT, check=True, capture_output=True, text=True, timeout=600)
    return json.loads(done.stdout)


def child_push(data_dir: str, url: str) -> None:
    import village_client.sync.engine  # noqa: F401  (what a laptop loads before it syncs)

    laptop = VillageLaptop(Path(data_dir))
    ready = peak_resident()
    result = timed_sync(laptop, url)
    print(json.dumps({"seconds": result["seconds"], "requests": result["requests"], "ready_bytes": ready,
                      "peak_bytes": peak_resident()}))


def peak_resident() -> int:
    """This process's peak resident memory in bytes: VmHWM, which is `ru_maxrss` without what Linux carries
    over from the parent through fork and exec (here, the benchmark's own few hundred MB)."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024


def slow_link(root: Path, hub: HubServer, count: int, seed: int, village: str) -> dict:
    """First push of `count` registrations through the emulated link, then syncs with nothing to do: on a
    new connection (as each sync of the engine opens one) and on one kept open."""
    from bench.slowlink import SlowLink
    from village_client.sync.http import HttpTransport

    laptop = VillageLaptop(root / f"slow-{count}", village).enroll(hub)
    laptop.save(village_people(count, seed, village))
    with SlowLink(hub.address()) as link:
        first = timed_sync(laptop, link.url) | {"link": link.counters()}
        idle = link_delta(link, lambda: timed_sync(laptop, link.url))
        kept = HttpTransport(link.url)
        laptop.sync(kept)
        idle_kept = link_delta(link, lambda: timed_sync(laptop, link.url, kept))
        kept.close()
    return {f"slow_{count}": first, "slow_idle": idle, "slow_idle_kept": idle_kept}


def link_delta(link, measure) -> dict:
    """`measure()` with what crossed the link meanwhile."""
    before = link.counters()
    result = measure()
    return result | {"link": {name: value - before[name] for name, value in link.counters().items()}}


def run_once() -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-client-") as root, HubServer(Path(root)) as hub:
        root = Path(root)
        results = loopback(root, hub)
        results["memory"] = peak_memory(root, hub)
        results |= slow_link(root, hub, 1_000, 14, VILLAGES[2])
        results |= slow_link(root, hub, PEOPLE, 15, VILLAGES[3])
    print(", ".join(f"{name} {r['seconds']:.3f} s" for name, r in results.items() if isinstance(r, dict)),
          file=sys.stderr)
    return results


def best(runs: list) -> dict:
    """Each measurement from the run in which it was fastest."""
    return {name: min((run[name] for run in runs), key=lambda r: r["seconds"]) if isinstance(runs[0][name], dict)
            else runs[0][name] for name in runs[0]}


def kb(count: int) -> str:
    return f"{count:,} B" if count < 10_000 else f"{count / 1000:,.1f} kB"


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def table(r: dict) -> list:
    def sync_row(label, data, m, aim, shown):
        return (f"| {label} | {data} | {shown} | {m['requests']} | {kb(m['bytes_sent'])} | "
                f"{kb(m['bytes_received'])} | {aim} |")

    first, slow, memory = r["first"], r["slow_10000"], r["memory"]
    return [
        "| measurement | data | time | requests | bytes up | bytes down | aim |",
        "|---|---|---|---|---|---|---|",
        f"| start-up: `python -c pass`, the interpreter alone | - | {ms(r['python']['seconds'])} | | | | |",
        f"| start-up: `sws-village status --no-check-hub`, process start to exit | a laptop holding 10,100 records "
        f"| {ms(r['status']['seconds'])} | | | | |",
        f"| import `village_client.sync.engine` (and `village_client.cli`) in a fresh interpreter | - | "
        f"{ms(r['import']['seconds'])} ({ms(r['import_cli']['seconds'])}) | | | | |",
        f"| save one registration (`records.add_person`: record and outbox in one transaction), median "
        f"(90th percentile) of {SINGLE_SAVES} | 1 person, 19 fields | {r['save']['seconds'] * 1000:.1f} ms "
        f"({r['save']['p90'] * 1000:.1f} ms) | | | | |",
        sync_row("first push, loopback: last acknowledgement (sync returned)", "10,000 registrations", first,
                 "under 1.5 s", f"{first['acked_after']:.2f} s ({first['seconds']:.2f} s)"),
        sync_row("incremental push, loopback", "100 edits (2 fields each)", r["edits"], "under 0.03 s and 5 kB",
                 f"{r['edits']['seconds'] * 1000:.0f} ms"),
        sync_row("sync with nothing to do, loopback", "-", r["idle"], "1 request, under 1 kB, under 5 ms",
                 f"{r['idle']['seconds'] * 1000:.1f} ms"),
        f"| peak resident memory of a fresh process doing the first push (ready to sync: "
        f"{memory['ready_bytes'] / 1e6:.0f} MB) | 10,000 registrations | {memory['peak_bytes'] / 1e6:.0f} MB "
        f"(push {memory['seconds']:.2f} s) | {memory['requests']} | | | under 80 MB |",
        sync_row("first push, slow link", "1,000 registrations", r["slow_1000"], "-",
                 f"{r['slow_1000']['seconds']:.1f} s"),
        sync_row("first push, slow link: last acknowledgement (sync returned)", "10,000 registrations", slow,
                 "under 25 s", f"{slow['acked_after']:.1f} s ({slow['seconds']:.1f} s)"),
        sync_row("sync with nothing to do, slow link, on a new connection (as a sync from the command line)", "-",
                 r["slow_idle"], "under 1 s", f"{r['slow_idle']['seconds']:.2f} s"),
        sync_row("the same on a connection kept open", "-", r["slow_idle_kept"], "under 1 s",
                 f"{r['slow_idle_kept']['seconds']:.2f} s"),
    ]


def link_table(r: dict, model) -> list:
    lines = ["| over the slow link | bytes up / down | segments up / down | lost segments | the bytes up alone "
             "take | time |", "|---|---|---|---|---|---|"]
    for name, label in (("slow_1000", "first push, 1,000"), ("slow_10000", "first push, 10,000"),
                        ("slow_idle", "nothing to do, new connection"), ("slow_idle_kept", "nothing to do, kept")):
        link = r[name]["link"]
        lines.append(f"| {label} | {kb(link['bytes_up'])} / {kb(link['bytes_down'])} | {link['segments_up']} / "
                     f"{link['segments_down']} | {link['lost_up'] + link['lost_down']} | "
                     f"{link['bytes_up'] * 8 / model.rate_bps:.1f} s | {r[name]['seconds']:.2f} s |")
    return lines


PHASE_NAMES = {"read, hash, sign and encode": "read the outbox, hash and sign, encode (columns, LZMA), in one walk",
               "exchange": "requests: connection, transfer, the hub's work",
               "apply reply": "apply the replies (acknowledgements, feed pages)",
               "other": "the rest: lock, open the store, request signature, status writes"}


def phase_lines(r: dict) -> list:
    runs = (r["first"], r["edits"], r["idle"])
    lines = ["| laptop's phases on loopback | first push, 10,000 | 100 edits | nothing to do |", "|---|---|---|---|"]
    for name, label in PHASE_NAMES.items():
        cells = [f"{ms(run['phases'].get(name, 0))} ({run['phases'].get(name, 0) / run['seconds']:.0%})"
                 if run["phases"].get(name, 0) >= 0.001 else f"{run['phases'].get(name, 0) * 1000:.1f} ms"
                 for run in runs]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def notes(r: dict) -> list:
    first, edits, idle, slow = r["first"], r["edits"], r["idle"], r["slow_10000"]
    phase = {name: {key: run["phases"].get(key, 0) for key in PHASE_NAMES} for name, run in
             (("first", first), ("edits", edits), ("idle", idle))}
    before = phase["first"]["read, hash, sign and encode"]
    return [
        f"- First push of 10,000, loopback: {first['acked_after']:.2f} s ({verdict(first['acked_after'] < 1.5)}; "
        f"aim 1.5 s). Requests take {phase['first']['exchange']:.2f} s, nearly all of it the hub's sync service, "
        "which validates every record with the schemas (see Hub push). The laptop spends "
        f"{before:.2f} s before sending (reading its outbox, hashing, signing, and LZMA at its strongest preset) "
        f"and {phase['first']['apply reply']:.2f} s applying the acknowledgements and the statuses of the new "
        f"residents (`pending_edit` held {r['pending_rows']:,} rows for 10,000 registrations: one per new record).",
        requests_note(first),
        f"- 100 edits: {edits['seconds'] * 1000:.0f} ms ({verdict(edits['seconds'] < 0.03)}), "
        f"{kb(edits['bytes_sent'])} up ({verdict(edits['bytes_sent'] < 5000)}) and {kb(edits['bytes_received'])} "
        f"down. The request takes {ms(phase['edits']['exchange'])}, applying the reply "
        f"{ms(phase['edits']['apply reply'])}. The hub does not send the edited records back to the laptop that "
        "edited them when it had pulled their last state (`_origins` in `hub_server/services/ingest.py`): what "
        "comes down is the acknowledgement and the hub's word on each record.",
        f"- Nothing to do: {idle['requests']} request, {kb(idle['bytes_sent'] + idle['bytes_received'])} both ways "
        f"(met), {idle['seconds'] * 1000:.1f} ms on loopback ({verdict(idle['seconds'] < 0.005)}). The request "
        f"takes {phase['idle']['exchange'] * 1000:.1f} ms: a new connection, and a transaction on the hub that "
        "writes the device's `last_seen_at`, so it waits for the disk. The rest is the laptop's own writes (last "
        "attempt, the reply and its cursor, last success), each committed with `synchronous=FULL`.",
        f"- Slow link, nothing to do: {r['slow_idle']['seconds']:.2f} s on a new connection "
        f"({verdict(r['slow_idle']['seconds'] < 1)}), {r['slow_idle_kept']['seconds']:.2f} s on one kept open "
        f"({verdict(r['slow_idle_kept']['seconds'] < 1)}). Opening the connection costs a round trip (0.6 s); "
        "the laptop's scheduler keeps its engine's connection from one sync to the next (`SyncEngine`), so its "
        "syncs cost the kept figure; a sync from the command line opens one. TLS would add another round trip "
        "to opening it.",
        f"- Slow link, first push of 10,000: {slow['acked_after']:.1f} s ({verdict(slow['acked_after'] < 25)}; aim "
        f"25 s). The bytes up alone take {slow['link']['bytes_up'] * 8 / 256_000:.1f} s; each of the "
        f"{slow['requests']} requests then waits a round trip and the hub's work before the laptop reads and "
        "encodes the next batch, and each lost segment stalls the direction for a retransmission timeout.",
        f"- Peak memory of the pushing process: {r['memory']['peak_bytes'] / 1e6:.0f} MB "
        f"({verdict(r['memory']['peak_bytes'] < 80e6)}); {r['memory']['ready_bytes'] / 1e6:.0f} MB of it is "
        "there before the sync starts (the interpreter, requests, sqlite-utils, cryptography). `ru_maxrss` would "
        "report the benchmark's own size, which Linux carries into a child through fork and exec: the child "
        "reads VmHWM, its own peak.",
        f"- Start-up: `sws-village status` takes {ms(r['status']['seconds'])}. Every command imports "
        "`cli/records.py` (`village_client/cli/__init__.py`), and through it `schemas` and lokal-id, whose NIK "
        "detectors "
        f"compile some 320 regular expressions at import: `import village_client.cli` alone takes "
        f"{ms(r['import_cli']['seconds'])}, although `status` and `sync` validate nothing.",
    ]


def requests_note(first: dict) -> str:
    fewest = -(-PEOPLE // BATCH_SIZE)
    if first["requests"] > fewest:
        extra = (f"{first['requests'] - fewest} more than `batch_size` ({BATCH_SIZE:,}) needs: after a full batch "
                 "the engine asked again with an empty body (`_another_round` in `village_client/sync/engine.py`)")
    else:
        extra = f"the fewest `batch_size` ({BATCH_SIZE:,} change-sets per request) allows"
    return (f"- The push took {first['requests']} requests, {extra}. The whole push is {kb(first['bytes_sent'])}, "
            "far under the hub's 8 MiB request limit: one request could carry it, and on the slow link each "
            "request costs a round trip while the link waits for the hub.")


def section(r: dict, load: tuple, repeat: int) -> str:
    from bench.bench_generator import machine
    from bench.slowlink import LinkModel

    model = LinkModel()
    return "\n".join([
        HEADING,
        "",
        "Measured with `.venv/bin/python -m bench.bench_client`: a real `sws-hub serve` on 127.0.0.1 (SQLite) and",
        "village laptops enrolled with tokens from `sws-hub device-token`, one hub and one village per laptop",
        "(35.07.01.2001 to .2004). Each laptop saves household members from the district generator (19 form",
        "fields) through `village_client.records`, one change-set per registration, and syncs with its own",
        "engine and default settings (`batch_size` 2,000). Requests and bytes are the laptop's own count",
        "(`CountingSession`: headers and bodies as sent, replies as read from the socket before gzip",
        f"decoding). Each figure is the best of {repeat} runs: other work shared the machine (load average",
        f"{load[0]:.1f} before the runs, {load[1]:.1f} after).",
        f"Machine: {machine()}.",
        f"The slow link is `bench/slowlink.py`: {model.rate_bps // 1000} kbit/s each way, {model.delay * 1000:.0f} "
        f"ms one way, {model.loss:.0%} of segments lost",
        "and resent after an RFC 6298 retransmission timeout (at least 1 s), a round trip to open a connection;",
        "its docstring gives the model.",
        "",
        *table(r),
        "",
        *phase_lines(r),
        "",
        *link_table(r, model),
        "",
        "### What bounds it",
        "",
        *notes(r),
        "",
    ])


def main() -> None:
    if sys.argv[1:2] == ["--child-push"]:  # DATA_DIR HUB_URL: the process whose peak memory is measured
        child_push(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs; each measurement keeps its best")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite the section '{HEADING}' of docs")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    results = best([run_once() for _ in range(args.repeat)])
    text = section(results, (load_before, os.getloadavg()[0]), args.repeat)
    print(text)
    if args.write_docs:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
