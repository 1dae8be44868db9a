"""Hub push benchmark: operations applied per second by the sync service, and 10,000 registrations
pushed end to end over HTTP.

    .venv/bin/python -m bench.bench_push                  # SQLite, PostgreSQL when reachable, HTTP
    .venv/bin/python -m bench.bench_push --write-docs     # also rewrite its section of docs/performance.md
    .venv/bin/python -m bench.bench_push --profile        # also print cProfile's view of one 10,000 push

In process: signed requests go through `hub_server.services.ingest.sync`, the code behind
POST /api/v1/sync, which decodes the batch, verifies the request signature, the chain and the
segment signature, validates every record with the schemas, merges and writes, and signs the
feed page of the reply, in one transaction. Each batch size runs on a fresh database (a temporary
SQLite file; a database made for the run on the PostgreSQL server at 127.0.0.1:5432, dropped
afterwards) and pushes 10,000 registrations from one laptop; then the laptop edits 100 of them.

End to end: `sws-hub serve` (initialised in a temporary folder) and a village laptop enrolled with a
token from `sws-hub device-token`; the laptop saves 10,000 registrations through
`village_client.records`, and its own sync engine pushes them, timed from "in the outbox" to
"acknowledged". The hub's share comes from a second hub started through this module, which runs
the same `sws-hub serve` with timers around the phases of the sync service.
"""

import argparse
import contextlib
import cProfile
import json
import os
import pstats
import secrets
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench.bench_client import (
    ADMIN_PASSWORD,
    ROOT,
    VILLAGE,
    HubServer,
    Phases,
    VillageLaptop,
    ms,
    timed_sync,
    village_people,
    write_section,
)
from bench.bench_generator import machine

HEADING = "## Hub push"
PEOPLE = 10_000
BATCHES = (100, 1_000, 10_000)
EDITS = 100
PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname={} connect_timeout=3"
HUB_PHASES = ("authenticate", "decode", "verify", "load", "validate", "apply", "write", "feed", "commit")


def hub_targets() -> list:
    """The sync service's phases; `validate` runs inside `apply` and is taken out of it when reported.

    A function the service no longer has is left out (its time shows as `other`)."""
    from hub_server.services import apply, audit, conflicts, feed, ingest, record_store

    targets = [(ingest, "_authenticate", "authenticate"), (ingest, "decode_batch", "decode"),
               (ingest, "verify_segment", "verify"), (record_store, "lock_writes", "load"),
               (ingest, "_held_hashes", "load"), (ingest, "load_cache", "load"), (apply, "_validate", "validate"),
               (ingest, "apply_changeset", "apply"), (ingest, "write_cache", "write"),
               (ingest, "_record_received", "write"), (conflicts, "record_forks", "write"),
               (audit, "record", "write"), (feed, "page_for", "feed"), (ingest, "sign_page", "feed")]
    return [(module, name, phase) for module, name, phase in targets if hasattr(module, name)]


def hub_breakdown(seconds: dict, total: float) -> dict:
    """Seconds per phase, `apply` without the validation inside it, and `other` for the rest."""
    phases = {name: seconds.get(name, 0.0) for name in HUB_PHASES}
    phases["apply"] -= phases["validate"]
    phases["other"] = max(0.0, total - sum(phases.values()))
    return phases


class Laptop:
    """A device that makes signed change-sets in memory, as the village client would send them."""

    def __init__(self, seed: int = 1):
        from sync_protocol.signing import device_id_for, private_key_from_seed, public_key_bytes

        self.key = private_key_from_seed(bytes([seed]) * 32)
        self.public_key = public_key_bytes(self.key)
        self.device_id = device_id_for(self.public_key)
        self.made, self.created = [], {}

    def changeset(self, op):
        from sync_protocol.changeset import GENESIS_HASH, ChangeSet

        seq = len(self.made) + 1
        prev = self.made[-1].hash() if self.made else GENESIS_HASH
        self.made.append(ChangeSet(self.device_id, seq, prev, 1_763_884_800 + 40 * seq, "siti.aminah", (op,)))
        return self.made[-1]

    def register(self, people) -> list:
        from sync_protocol.changeset import Operation, record_id

        made = []
        for fields in people:
            record = record_id(self.device_id, len(self.created) + 1)
            self.created[record] = fields
            made.append(self.changeset(Operation("create", "person", record, fields)))
        return made

    def edit(self, count: int) -> list:
        """Change the phone and address of `count` records, each edit its own change-set."""
        from sync_protocol.changeset import Operation

        ids, made = list(self.created), []
        for n, record in enumerate(ids[:count]):
            current, other = self.created[record], self.created[ids[-1 - n]]
            after = {"phone": f"0812{n:08d}", "address": other["address"] + " Timur"}
            before = {name: current[name] for name in after}
            made.append(self.changeset(Operation("update", "person", record, after, before)))
        return made

    def request(self, changesets, cursor: str = ""):
        from sync_protocol.binding import SyncRequest
        from sync_protocol.chain import sign_segment
        from sync_protocol.wire import encode_batch

        body = encode_batch([sign_segment(self.key, changesets)]) if changesets else b""
        return SyncRequest.signed(self.key, self.device_id, cursor, body)


@contextlib.contextmanager
def hub_database(url: str, data_dir: Path):
    """An initialised hub (schema, key pair) on `url`: yields (Database, hub private key)."""
    from hub_server import bootstrap, create_app, db, keys

    app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": url, "SECRET_KEY": "bench"})
    bootstrap.initialise(app, admin="admin", password=lambda: ADMIN_PASSWORD)
    try:
        yield db.get(app), keys.get(app).private_key
    finally:
        db.get(app).dispose()


def enroll(database, laptop: Laptop, village: str = VILLAGE) -> None:
    import datetime as dt

    from hub_server.models import Device

    with database.uow() as uow:
        uow.session.add(Device(device_id=laptop.device_id, public_key=laptop.public_key, scope=[village],
                               role="village", label="bench laptop", enrolled_at=dt.datetime.now(dt.UTC)))
        uow.commit()


class Unavailable(Exception):
    """A database server this benchmark would use cannot be reached."""


@contextlib.contextmanager
def postgres_url():
    """URL of a database made for this run on 127.0.0.1:5432, dropped afterwards. Raises Unavailable."""
    import psycopg

    try:
        admin = psycopg.connect(PG_DSN.format("postgres"), autocommit=True)
    except psycopg.OperationalError as error:
        raise Unavailable(str(error).strip()) from None
    name = f"sws_bench_{os.getpid()}_{secrets.token_hex(4)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def push(database, hub_key, laptop: Laptop, changesets, batch: int, cursor: str = "") -> dict:
    """Send `changesets` in requests of `batch` through the sync service, reading the feed from `cursor` as the
    laptop would; hub seconds and phases, and the cursor the last reply gave."""
    from hub_server.services import ingest

    phases, hub_seconds, client_seconds, wire, requests = Phases(), 0.0, 0.0, 0, 0
    with phases.patched(hub_targets()):
        for start in range(0, len(changesets), batch):
            chunk = changesets[start:start + batch]
            started = time.perf_counter()
            request = laptop.request(chunk, cursor)
            client_seconds += time.perf_counter() - started
            started = time.perf_counter()
            with database.uow(immediate=True) as uow:
                uow.commit = phases.wrap("commit", uow.commit)
                reply = ingest.sync(uow, request, hub_key)
            hub_seconds += time.perf_counter() - started
            if reply["summary"]["applied"] != len(chunk):
                raise RuntimeError(f"the hub did not apply everything: {reply['summary']} {reply['results'][:3]}")
            cursor, wire, requests = reply["feed"]["cursor"], wire + len(request.body), requests + 1
    return {"requests": requests, "ops": len(changesets), "batch": min(batch, len(changesets)), "wire_bytes": wire,
            "cursor": cursor,
            "client_seconds": client_seconds, "seconds": hub_seconds,
            "phases": hub_breakdown(phases.seconds, hub_seconds)}


def run_backend(backend: str, url_for, people: list) -> list:
    """Each batch size on a fresh database of `backend`; the 100 edits after the 10,000 in one request."""
    rows = []
    for batch in BATCHES:
        laptop = Laptop()
        created = laptop.register(people)
        with url_for() as url, tempfile.TemporaryDirectory(prefix="bench-push-") as data_dir, \
                hub_database(url(data_dir), Path(data_dir)) as (database, hub_key):
            enroll(database, laptop)
            pushed = push(database, hub_key, laptop, created, batch)
            rows.append({"backend": backend, "what": "registrations", **pushed})
            print(describe(rows[-1]), file=sys.stderr)
            if batch == max(BATCHES):
                # From where the push left the feed: the 10,000 statuses are already the laptop's.
                edited = push(database, hub_key, laptop, laptop.edit(EDITS), EDITS, pushed["cursor"])
                rows.append({"backend": backend, "what": "edits", **edited})
                print(describe(rows[-1]), file=sys.stderr)
    return rows


@contextlib.contextmanager
def sqlite_url():
    yield lambda data_dir: f"sqlite:///{Path(data_dir) / 'hub.sqlite'}"


@contextlib.contextmanager
def postgres_url_maker():
    with postgres_url() as url:
        yield lambda _data_dir: url


def describe(row: dict) -> str:
    return (f"{row['backend']:<10} {row['what']:<13} {row['requests']:>4} x {row['batch']:>6}  "
            f"{row['seconds']:7.3f} s  {row['ops'] / row['seconds']:>8,.0f} ops/s")


def in_process(people: list, repeat: int) -> tuple[list, str | None]:
    """The fastest of `repeat` runs of each row; and why PostgreSQL was skipped, if it was."""
    runs, skipped = [], None
    for _ in range(repeat):
        rows = run_backend("SQLite", sqlite_url, people)
        try:
            rows += run_backend("PostgreSQL", postgres_url_maker, people)
        except Unavailable as error:
            skipped = f"PostgreSQL not reachable on 127.0.0.1:5432 ({error})"
            print(f"skipped: {skipped}", file=sys.stderr)
        runs.append(rows)
    return [min(same, key=lambda row: row["seconds"]) for same in zip(*runs, strict=True)], skipped


def profile(people: list, limit: int = 25) -> dict:
    """cProfile of one 10,000 push on SQLite: own time grouped by package, and the top functions printed."""
    laptop = Laptop()
    created = laptop.register(people)
    request = laptop.request(created)
    from hub_server.services import ingest

    with tempfile.TemporaryDirectory(prefix="bench-push-") as data_dir, \
            hub_database(f"sqlite:///{data_dir}/hub.sqlite", Path(data_dir)) as (database, hub_key):
        enroll(database, laptop)
        profiler = cProfile.Profile()
        with database.uow(immediate=True) as uow:
            profiler.runcall(ingest.sync, uow, request, hub_key)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    if limit:
        stats.sort_stats("tottime").print_stats(limit)
    groups = defaultdict(float)
    for (filename, _, function), (_, _, own, _, _) in stats.stats.items():
        groups[package_of(filename, function)] += own
    total = sum(groups.values())
    return {name: seconds / total for name, seconds in sorted(groups.items(), key=lambda item: -item[1])}


def package_of(filename: str, function: str) -> str:
    """The top-level package (or standard module, or C extension) a profiled function belongs to."""
    path = filename.replace("\\", "/")
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if path.startswith(str(ROOT)):
        return Path(path).relative_to(ROOT).parts[0]
    if path == "~":
        return next((name for name in ("sqlite3", "lzma", "json", "hashlib", "zlib") if name in function),
                    "other built-ins")
    if "/lib/python3." in path:
        return path.split("/lib/python3.", 1)[1].split("/", 2)[1].removesuffix(".py")
    return "other"


def timed_hub(phases_file: str, hub_args: list) -> None:
    """Run `sws-hub HUB_ARGS` with the sync service's phases timed, one JSON line per sync request."""
    from hub_server import cli
    from hub_server.services import ingest

    phases, service = Phases(), ingest.sync

    def sync(uow, request, hub_key, **options):
        phases.seconds.clear()
        uow.commit = phases.wrap("commit", uow.commit)
        started = time.perf_counter()
        try:
            return service(uow, request, hub_key, **options)
        finally:
            total = time.perf_counter() - started
            with open(phases_file, "a", encoding="utf-8") as out:
                out.write(json.dumps({"seconds": total, "phases": hub_breakdown(phases.seconds, total)}) + "\n")

    with phases.patched(hub_targets()):
        ingest.sync = sync
        cli.main(args=hub_args, prog_name="sws-hub")


def end_to_end(people: list, timed: bool) -> dict:
    """Push `people` from a new laptop to a new `sws-hub serve` (with the hub's phases timed, or not)."""
    with tempfile.TemporaryDirectory(prefix="bench-push-") as root:
        root = Path(root)
        phases_file = root / "hub-phases.jsonl" if timed else None
        with HubServer(root, phases_file) as hub:
            laptop = VillageLaptop(root / "laptop").enroll(hub)
            laptop.save(people)
            result = timed_sync(laptop, hub.url, batch_size=len(people))
        lines = phases_file.read_text().splitlines() if timed else []
    result["hub"] = [json.loads(line) for line in lines]
    print(f"end to end{' (hub timed)' if timed else ''}: acknowledged after {result['acked_after']:.2f} s, "
          f"sync {result['seconds']:.2f} s, {result['requests']} requests", file=sys.stderr)
    return result


def throughput_table(rows: list) -> list:
    lines = ["| database | pushed | requests x change-sets | wire bytes | hub time | operations/s | per request |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        pushed = f"{r['ops']:,} {r['what']}"
        lines.append(f"| {r['backend']} | {pushed} | {r['requests']} x {r['batch']:,} | {r['wire_bytes']:,} | "
                     f"{r['seconds']:.2f} s | {r['ops'] / r['seconds']:,.0f} | {ms(r['seconds'] / r['requests'])} |")
    return lines


def phase_table(rows: list) -> list:
    lines = ["| database | pushed (per request) | " + " | ".join(HUB_PHASES) + " | other |",
             "|---|---|" + "---|" * (len(HUB_PHASES) + 1)]
    for r in rows:
        shares = [f"{r['phases'][name] / r['seconds']:.0%}" for name in (*HUB_PHASES, "other")]
        lines.append(f"| {r['backend']} | {r['ops']:,} {r['what']} ({r['batch']:,}) | " + " | ".join(shares) + " |")
    return lines


def breakdown_lines(timed: dict) -> list:
    """Where the end-to-end time goes, from the run whose hub timed its phases."""
    client, hub = timed["phases"], timed["hub"][0]
    http = timed["exchanges"][0] - hub["seconds"]
    parts = [("laptop: read the outbox, hash and sign, encode (columns, LZMA)",
              client.get("read, hash, sign and encode", 0)),
             ("HTTP on loopback: transfer, waitress, Flask, reply JSON and gzip", http),
             *((f"hub: {name}", hub["phases"][name]) for name in (*HUB_PHASES, "other")),
             (f"laptop: apply the reply (mark {timed['summary'].acknowledged:,} acknowledged, feed page)",
              client.get("apply reply", 0)),
             ("laptop: the rest (lock, open the store, request signature, status)", client.get("other", 0)),
             *([("the engine's further, empty requests", sum(timed["exchanges"][1:]))]
               if timed["exchanges"][1:] else [])]
    lines = ["| phase | time | share |", "|---|---|---|"]
    lines += [f"| {name} | {ms(seconds)} | {seconds / timed['seconds']:.0%} |" for name, seconds in parts]
    return lines


def pick(rows: list, backend: str, what: str = "registrations", batch: int | None = None) -> dict | None:
    found = [r for r in rows if r["backend"] == backend and r["what"] == what and batch in (None, r["batch"])]
    return max(found, key=lambda r: r["batch"]) if found else None


def notes(rows: list, plain: dict, timed: dict, groups: dict) -> list:
    """What the figures say against the aims, and what bounds the ones missed."""
    best = pick(rows, "SQLite")
    rate = best["ops"] / best["seconds"]
    share = {name: best["phases"][name] / best["seconds"] for name in (*HUB_PHASES, "other")}
    schemas = groups.get("marshmallow", 0) + groups.get("schemas", 0)
    laptop = {name: timed["phases"].get(name, 0) for name in ("read, hash, sign and encode", "apply reply")}
    hub = timed["hub"][0]["seconds"]
    return [
        f"- Aim: above 10,000 operations/s on SQLite. Measured {rate:,.0f} with 10,000 per request "
        f"({'met' if rate > 10_000 else 'missed'}). Validating each record with the schemas takes "
        f"{share['validate']:.0%} of the hub's time, about {best['phases']['validate'] / best['ops'] * 1e6:.0f} "
        f"µs per registration; in the profile, marshmallow and `schemas/` hold {schemas:.0%} of all own time "
        "(some 25 fields per person, each through a marshmallow field and our checks: NIK structure against "
        "birth date and sex, region codes against the Kemendagri list, phone, enumerations). Next come the "
        f"writes ({share['write']:.0%}) and decoding ({share['decode']:.0%}: decompressing and rebuilding the "
        "change-sets, with the SHA-256 of each one's canonical JSON); the merge itself is "
        f"{share['apply']:.0%}. Without validation the rest runs at about "
        f"{best['ops'] / (best['seconds'] - best['phases']['validate']):,.0f} operations/s.",
        f"- Aim: 10,000 registrations end to end in under 1.5 s. Measured: acknowledged after "
        f"{plain['acked_after']:.2f} s ({'met' if plain['acked_after'] < 1.5 else 'missed'}). The hub spends "
        f"{hub:.2f} s in the sync service (above). The laptop spends {laptop['read, hash, sign and encode']:.2f} s "
        "reading its outbox, hashing the change-sets for the segment signature and encoding them (LZMA at its "
        "strongest preset, `sync_protocol/wire.py`), and "
        f"{laptop['apply reply']:.2f} s applying the acknowledgement and the statuses of the new residents (see "
        "Village client sync). Loopback transfer is a few milliseconds.",
        *([f"- The engine sent {plain['requests']} requests where one carries the whole push: after a batch as "
           "large as `batch_size` that the hub acknowledged, `_another_round` in `village_client/sync/engine.py` "
           "asked again with an empty body."] if plain["requests"] > 1 else []),
    ]


def section(rows: list, skipped: str | None, plain: dict, timed: dict, groups: dict, load: tuple,
            repeat: int) -> str:
    profile_line = ", ".join(f"{name} {share:.0%}" for name, share in list(groups.items())[:8])
    return "\n".join([
        HEADING,
        "",
        "Measured with `.venv/bin/python -m bench.bench_push`: household-member registrations from the district",
        "generator (seed 11, 19 form fields), all saved by one village's laptop (village 35.07.01.2001), one",
        f"change-set each. Each figure is the best of {repeat} runs: other work shared the machine (load average",
        f"{load[0]:.1f} before the runs, {load[1]:.1f} after).",
        f"Machine: {machine()}.",
        "",
        "### Through the sync service, in process",
        "",
        "`hub_server.services.ingest.sync`, the code behind POST /api/v1/sync, from the request's bytes to the",
        "committed transaction and the signed reply: decode, verify the request signature, the chain and the",
        "segment signature, validate every record with the schemas, merge, write. Each batch size runs on a",
        "fresh database and pushes 10,000 registrations; then the laptop edits 100 of them (phone and address,",
        "each edit its own change-set) in one request. SQLite is a file on the local disk (WAL,",
        "`synchronous=FULL`); PostgreSQL 15 runs on the same machine.",
        *([f"({skipped}: its rows are missing.)"] if skipped else []),
        "",
        *throughput_table(rows),
        "",
        "Share of the hub's time by phase: `authenticate` finds the device and checks the request signature,",
        "`verify` the chain and the segment signature, `load` takes the write lock and reads the records and",
        "hashes the batch touches, `validate` runs the schemas, `apply` merges in memory, `write` inserts and",
        "updates records, edits, feed entries, received change-sets and the audit entry, `feed` builds and",
        "signs the reply's page:",
        "",
        *phase_table(rows),
        "",
        f"cProfile of the 10,000 push on SQLite, own time by package: {profile_line}.",
        "",
        "### End to end over HTTP",
        "",
        "A real `sws-hub serve` on 127.0.0.1 (SQLite) and a village laptop enrolled with a token from",
        "`sws-hub device-token`; 10,000 registrations saved through `village_client.records`, then the",
        "laptop's own sync engine (`batch_size` 10,000) pushes them. Timed from \"in the outbox\" to the",
        "acknowledgement applied on the laptop.",
        "",
        "| run | requests | bytes up | bytes down | acknowledged after | sync returned after |",
        "|---|---|---|---|---|---|",
        *(f"| {name} | {r['requests']} | {r['bytes_sent']:,} | {r['bytes_received']:,} | {r['acked_after']:.2f} s "
          f"| {r['seconds']:.2f} s |" for name, r in (("sws-hub serve", plain), ("the same, phases timed", timed))),
        "",
        "Where the time goes (the run whose hub timed its phases):",
        "",
        *breakdown_lines(timed),
        "",
        "### What bounds it",
        "",
        *notes(rows, plain, timed, groups),
        "",
    ])


def main() -> None:
    if sys.argv[1:2] == ["--timed-hub"]:  # FILE -- HUB ARGS: the hub process of the end-to-end run
        timed_hub(sys.argv[2], sys.argv[4:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs of each measurement; the best is kept")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions of one push")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite the section '{HEADING}' of docs")
    args = parser.parse_args()
    people = village_people(PEOPLE)
    load_before = os.getloadavg()[0]
    rows, skipped = in_process(people, args.repeat)
    plain = min((end_to_end(people, timed=False) for _ in range(args.repeat)), key=lambda r: r["acked_after"])
    timed = min((end_to_end(people, timed=True) for _ in range(args.repeat)), key=lambda r: r["acked_after"])
    groups = profile(people, 25 if args.profile else 0)
    text = section(rows, skipped, plain, timed, groups, (load_before, os.getloadavg()[0]), args.repeat)
    print(text)
    if args.write_docs:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
