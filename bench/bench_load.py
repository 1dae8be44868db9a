"""Load benchmark: a district's ~390 village laptops syncing with one hub at the same time.

    .venv/bin/python -m bench.bench_load                    # 390 laptops, SQLite then PostgreSQL
    .venv/bin/python -m bench.bench_load --quick            # 40 laptops, for a first look
    .venv/bin/python -m bench.bench_load --write-docs       # also rewrite its section of docs/performance.md

Each laptop is what the hub sees of a real one: its own Ed25519 key, enrolled over HTTP with a
one-time token for its own village (the real villages of Kabupaten Malang), then `ROUNDS` sync
requests, each pushing one change-set of `PER_ROUND` registrations and pulling its feed page on a
kept connection, with the reply's signature checked. The laptops run in `PROCESSES` separate client
processes on 127.0.0.1, each driving `CONCURRENT` laptops at once, so up to PROCESSES x CONCURRENT
requests are in flight: the peak of a district whose villages all come online after an outage.

Hubs under test:
  sqlite      `sws-hub serve` (waitress, 16 threads) on the SQLite file, as the demo and a small district run it;
  postgres    gunicorn with WORKERS processes x 4 threads on one PostgreSQL database (127.0.0.1:5432),
              the deployment docs/operations.md describes for a district on PostgreSQL.

After the run the hub's own tables are checked: every laptop's chain ends at ROUNDS change-sets,
each applied exactly once, and the records table holds exactly laptops x ROUNDS x PER_ROUND people:
nothing lost, nothing duplicated. A request that fails is retried as a laptop would (same change-set,
the hub's ack decides), and counted as an error.
"""

import argparse
import base64
import contextlib
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

from bench.bench_client import ADMIN_PASSWORD, ROOT, write_section
from bench.bench_generator import machine
from bench.bench_push import Unavailable, postgres_url

HEADING = "## Many laptops at once"
DISTRICT = "35.07"
ROUNDS, PER_ROUND = 3, 5
PROCESSES, CONCURRENT, WORKERS = 4, 12, 3
REQUEST_TIMEOUT = (10.0, 120.0)
BOUNDS = ("What bounds it: the 390 simulated laptops and the hub share the same two cores, and each laptop signs its "
          "change-sets and checks every reply's signature in Python, as a real one does; the hub's share is its sync "
          "service (validation, merge, population, signed feed page) for each request. On SQLite one writer at a "
          "time applies the change-sets (the others wait on the database's lock, which the p95 and p99 show); on "
          "PostgreSQL three worker processes contend for the same two cores. What the run checks is that nothing is "
          "lost, duplicated or left stuck when a whole district syncs at once.")


def district_villages(count: int) -> list:
    """The first `count` villages of the district, in code order."""
    from hub_server.generator.regions import sub_districts, villages

    codes = [code for sub, _ in sub_districts(DISTRICT) for code, _ in villages(sub)]
    return codes[:count]


# --- the hub -------------------------------------------------------------------------------------

@dataclass
class Hub:
    """A hub data folder and database, served by waitress (`sws-hub serve`) or by gunicorn workers."""

    root: Path
    database_url: str = ""
    workers: int = 0  # 0: `sws-hub serve`; n: gunicorn with n worker processes
    url: str = ""
    process: subprocess.Popen | None = None

    def env(self) -> dict:
        env = {name: value for name, value in os.environ.items() if not name.startswith("SWS_HUB_")}
        env.update(SWS_HUB_ADMIN_PASSWORD=ADMIN_PASSWORD, SWS_HUB_DATA_DIR=str(self.root / "hub"),
                   SWS_HUB_DISTRICT_CODE=DISTRICT, PYTHONUNBUFFERED="1")
        if self.database_url:
            env["SWS_HUB_DATABASE_URL"] = self.database_url
        if self.workers:  # as docs/operations.md runs gunicorn (`sws-hub serve` sets it itself)
            env["MALLOC_ARENA_MAX"] = "2"
        return env

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "hub_server", "init"], env=self.env(), cwd=ROOT, check=True,
                       capture_output=True)

    def issue_tokens(self, codes: list) -> list:
        """One enrollment token per village, issued through the hub's own service in one process."""
        from hub_server import create_app, db, keys
        from hub_server.services import enrollment
        from hub_server.services.actors import operator

        app = create_app({"DATA_DIR": str(self.root / "hub"), "DISTRICT_CODE": DISTRICT,
                          **({"DATABASE_URL": self.database_url} if self.database_url else {})})
        fingerprint = keys.get(app).fingerprint
        with app.app_context():
            tokens = []
            for code in codes:
                with db.get(app).uow() as uow:
                    tokens.append(enrollment.issue_token(uow, operator("bench"), scope=code, role="village",
                                                         label=f"laptop {code}", hours=4,
                                                         hub_fingerprint=fingerprint, district=DISTRICT).text)
        db.get(app).dispose()
        return tokens

    def __enter__(self) -> "Hub":
        port = free_port()
        if self.workers:
            command = [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--threads", "4",
                       "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "hub_server:create_app()"]
        else:
            command = [sys.executable, "-m", "hub_server", "serve", "--port", str(port), "--threads", "16"]
        self.process = subprocess.Popen(command, env=self.env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                                        stderr=open(self.root / "hub.log", "ab"), start_new_session=True)
        self.url = f"http://127.0.0.1:{port}"
        wait_until_answering(self.url, self.process)
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)

    def check(self, laptops: int) -> dict:
        """What the hub holds after the run: change-sets per device, applied once each, people in total."""
        from sqlalchemy import create_engine, text

        url = self.database_url or f"sqlite:///{self.root / 'hub' / 'hub.sqlite'}"
        engine = create_engine(url)
        with engine.connect() as connection:
            devices = connection.execute(text("SELECT last_seq, accepted_count FROM devices")).all()
            received = connection.execute(text(
                "SELECT count(*), count(DISTINCT device_id || ':' || seq) FROM received_changesets "
                "WHERE outcome = 'applied'")).one()
            refused = connection.execute(text(
                "SELECT count(*), min(code), min(reason) FROM received_changesets WHERE outcome = 'refused'")).one()
            people = connection.execute(text("SELECT count(*) FROM records WHERE table_name = 'person'")).scalar()
        engine.dispose()
        expected_people = laptops * ROUNDS * PER_ROUND
        return {"devices": len(devices), "complete_chains": sum(1 for seq, _ in devices if seq == ROUNDS),
                "applied": received[0], "duplicated": received[0] - received[1], "refused": refused[0],
                "refusal": f"{refused[1]}: {refused[2]}" if refused[0] else "",
                "lost": expected_people - people if people <= expected_people else 0,
                "extra_people": max(0, people - expected_people), "people": people}


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_answering(url: str, process, timeout: float = 60.0) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the hub stopped at start (status {process.returncode})")
        with contextlib.suppress(requests.RequestException):
            if requests.get(url + "/api/v1/hello", timeout=2).status_code < 500:
                return
        time.sleep(0.2)
    raise RuntimeError("the hub did not answer within a minute")


# --- the laptops (in client processes) -----------------------------------------------------------

@dataclass
class LaptopRun:
    device_id: str = ""
    latencies: list = field(default_factory=list)  # seconds of each sync request that succeeded
    errors: list = field(default_factory=list)  # what failed, one entry per failed attempt
    acknowledged: int = 0


def person(index: int, serial: int, village: str) -> dict:
    """A registration whose NIK is unique in the run and agrees with its birth date and region."""
    day, month, year = 1 + index % 28, 1 + index // 28 % 12, 1950 + index // 336
    region = village.replace(".", "")[:6]
    return {"nik": f"{region}{day:02d}{month:02d}{year % 100:02d}{serial:04d}",
            "name": f"Warga {letters(index)} {letters(serial)}",
            "birth_place": "Malang", "birth_date": f"{year}-{month:02d}-{day:02d}", "sex": "M",
            "marital_status": "married", "relationship": "head", "address_rt": "001", "address_rw": "002",
            "village_code": village, "occupation": "farmer", "education": "primary", "disability": "none",
            "monthly_income": "1.250.000", "kk_number": f"{region}{day:02d}{month:02d}15{serial:04d}",
            "migration": "none"}


def letters(number: int) -> str:
    """A number written in letters (names take no digits): 0 -> "A", 27 -> "Bb"."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = chr(ord("a") + digit) + word
        if not number:
            return word.capitalize()


def run_laptop(job: tuple) -> LaptopRun:
    """Enroll one laptop, then push ROUNDS change-sets of PER_ROUND registrations, each in one sync request."""
    import requests

    from sync_protocol.binding import ENROLL_PATH, SYNC_PATH, SyncRequest, verify_enroll_reply
    from sync_protocol.chain import sign_segment
    from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation, record_id
    from sync_protocol.feed import open_page
    from sync_protocol.signing import device_id_for, private_key_from_seed, public_key_bytes
    from sync_protocol.wire import encode_batch

    url, token, village, index = job
    key = private_key_from_seed(secrets.token_bytes(32))
    public_key = public_key_bytes(key)
    run, session = LaptopRun(device_id_for(public_key)), requests.Session()
    enrolled = session.post(url + ENROLL_PATH, timeout=REQUEST_TIMEOUT, json={
        "token": token, "public_key": base64.b64encode(public_key).decode(), "label": village}).json()
    hub_key = base64.b64decode(enrolled["hub_public_key"])
    verify_enroll_reply(enrolled, hub_key)
    head, cursor, counter = GENESIS_HASH, "", 0
    for seq in range(1, ROUNDS + 1):
        ops = []
        for serial in range(PER_ROUND):
            counter += 1
            ops.append(Operation("create", "person", record_id(run.device_id, counter),
                                 person(index, (seq - 1) * PER_ROUND + serial + 1, village)))
        changeset = ChangeSet(run.device_id, seq, head, int(time.time()), "siti", tuple(ops))
        head = changeset.hash()
        body = encode_batch([sign_segment(key, [changeset])])
        while True:  # a laptop retries the same change-set until the hub's ack covers it
            signed = SyncRequest.signed(key, run.device_id, cursor, body)
            started = time.perf_counter()
            try:
                reply = session.post(url + SYNC_PATH, data=signed.body, headers=signed.headers(),
                                     timeout=REQUEST_TIMEOUT)
                answer = reply.json()
                if reply.status_code != 200:
                    raise RuntimeError(f"{reply.status_code} {answer.get('code')}")
                cursor = open_page(answer["feed"], hub_key, run.device_id).cursor
            except Exception as error:  # noqa: BLE001  (every failure counts, then the laptop retries)
                run.errors.append(str(error)[:120])
                if len(run.errors) > 5:
                    return run
                time.sleep(1.0)
                continue
            run.latencies.append(time.perf_counter() - started)
            if answer["ack"]["seq"] >= seq:
                run.acknowledged = answer["ack"]["seq"]
                break
    return run


def run_client_process(jobs: list) -> list:
    """One client process: its share of the laptops, CONCURRENT at a time."""
    with ThreadPoolExecutor(CONCURRENT) as pool:
        return list(pool.map(run_laptop, jobs))


# --- one measurement -----------------------------------------------------------------------------

def measure(hub: Hub, laptops: int) -> dict:
    codes = district_villages(laptops)
    hub.init()
    tokens = hub.issue_tokens(codes)
    jobs = [(None, token, code, index) for index, (token, code) in enumerate(zip(tokens, codes, strict=True))]
    with hub:
        jobs = [(hub.url, *job[1:]) for job in jobs]
        shares = [jobs[start::PROCESSES] for start in range(PROCESSES)]
        started = time.perf_counter()
        with Pool(PROCESSES) as pool:
            runs = [run for share in pool.map(run_client_process, shares) for run in share]
        elapsed = time.perf_counter() - started
    latencies = sorted(seconds for run in runs for seconds in run.latencies)
    errors = [error for run in runs for error in run.errors]
    return {"laptops": laptops, "seconds": elapsed, "requests": len(latencies), "errors": len(errors),
            "error_kinds": sorted(set(errors))[:5], "requests_per_s": len(latencies) / elapsed,
            "registrations_per_s": laptops * ROUNDS * PER_ROUND / elapsed,
            "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
            "stuck": sum(1 for run in runs if run.acknowledged < ROUNDS), **hub.check(laptops)}


def percentile(values: list, p: int) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def report(results: list) -> str:
    lines = [HEADING, "",
             f"`python -m bench.bench_load` on {machine()}, {time.strftime('%d-%m-%Y')}. Each laptop enrolls over "
             f"HTTP, then makes {ROUNDS} sync requests, each pushing one change-set of {PER_ROUND} registrations and "
             f"pulling its feed; {PROCESSES} client processes drive {CONCURRENT} laptops at once each "
             f"({PROCESSES * CONCURRENT} requests in flight at most). Latency is one sync request's, from sending "
             "to the verified reply. Checked after each run in the hub's tables: lost, duplicated and stuck "
             "change-sets.", "",
             "| hub | laptops | requests | wall time | requests/s | registrations/s | p50 | p95 | p99 | errors "
             "| lost | duplicated | stuck |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results:
        lines.append(f"| {name} | {r['laptops']} | {r['requests']} | {r['seconds']:.1f} s | {r['requests_per_s']:.0f} "
                     f"| {r['registrations_per_s']:.0f} | {r['p50'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms "
                     f"| {r['p99'] * 1000:.0f} ms | {r['errors']} | {r['lost']} | {r['duplicated']} | {r['stuck']} |")
    lines += ["", BOUNDS]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 laptops instead of 390")
    parser.add_argument("--write-docs", action="store_true", help="rewrite this section of docs/performance.md")
    args = parser.parse_args()
    laptops = 40 if args.quick else 390
    results = []
    with tempfile.TemporaryDirectory(prefix="sws-load-") as root:
        results.append(("waitress, SQLite", measure(Hub(Path(root) / "sqlite"), laptops)))
        print(results[-1], flush=True)
        try:
            with postgres_url() as url:
                hub = Hub(Path(root) / "postgres", database_url=url, workers=WORKERS)
                results.append((f"gunicorn {WORKERS} workers, PostgreSQL", measure(hub, laptops)))
                print(results[-1], flush=True)
        except Unavailable as error:
            print(f"PostgreSQL not reachable on 127.0.0.1:5432 ({error}): its run is left out", flush=True)
    text = report(results)
    print(text)
    if args.write_docs:
        write_section(HEADING, text)
    failed = any(r["lost"] or r["duplicated"] or r["stuck"] or r["extra_people"] or r["refused"] for _, r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
