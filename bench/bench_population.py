"""Import and matching benchmark: extracts into the synchronized population, the catalogue over it, lists out.

    .venv/bin/python -m bench.bench_population --people 270000
    .venv/bin/python -m bench.bench_population --people 2700000 --data /tmp/malang   # reuse a generated district
    .venv/bin/python -m bench.bench_population --people 270000 --databases sqlite --write-docs

For each database (a fresh SQLite file in a temporary folder; a fresh PostgreSQL database on
127.0.0.1:5432 when reachable, dropped afterwards) it migrates an empty hub, then times: importing
each extract (e-KTP, family cards, welfare registry, the village census), re-importing the e-KTP
extract unchanged, loading the shipped catalogue, a full matching run with its first list
publication, and a second run after a month of changes (2% of households a decile poorer, some new
pregnancies, one person in 1,000 dead and one in 1,000 moved village). It reports the bytes the
devices of a village of about 7,000 residents pull: its first lists, and the new versions after the
second run (JSON as the feed carries it, and LZMA compressed as the wire sends it).
"""

import argparse
import datetime as dt
import json
import lzma
import os
import resource
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import func, select, text, update

from bench.bench_generator import machine
from hub_server.generator import generate_district
from hub_server.generator.summary import human_size

DOCS = Path(__file__).resolve().parent.parent / "docs" / "performance.md"
HEADING = "## Import and matching"
KEPT = "\n### "  # the section's hand-written subsections (dated measurements, what bounds the times), left as they are
LIST_DATE = dt.date(2026, 3, 1)
ACTOR = "bench"
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3"
SOURCES = (("ektp", "ektp.csv"), ("kk", "kk.csv"), ("welfare", "welfare.csv"), ("census", "people.csv"))
VILLAGE_SIZE = 7000


def peak_memory() -> int:
    """Peak resident memory, including the database file's pages SQLite maps (file-backed, reclaimable)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class AnonymousPeak(threading.Thread):
    """The peak of this process's own (anonymous) memory, sampled every 0.2 s: what a hub really needs,
    without the page cache of the mapped database file that the RSS peak also counts."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak = 0

    @staticmethod
    def now() -> int:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) * 1024 for line in status if line.startswith("RssAnon:"))

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, self.now())
            time.sleep(0.2)


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - started


def import_all(database, folder: Path) -> dict:
    from hub_server.services.imports import pipeline

    results = {}
    for source, name in SOURCES:
        with database.uow(immediate=True) as uow:
            report, seconds = timed(pipeline.import_file, uow, source, folder / name, actor=ACTOR, today=LIST_DATE)
        results[source] = {"seconds": seconds, "rows": report.read, "bytes": (folder / name).stat().st_size,
                           "inconsistencies": report.inconsistencies.get("open")}
        print(f"  import {source:<8} {report.read:>10,} rows {seconds:7.1f} s", file=sys.stderr)
    with database.uow(immediate=True) as uow:
        report, seconds = timed(pipeline.import_file, uow, "ektp", folder / "ektp.csv", actor=ACTOR, today=LIST_DATE)
    results["ektp again"] = {"seconds": seconds, "rows": report.read, "bytes": (folder / "ektp.csv").stat().st_size,
                             "unchanged": report.unchanged}
    print(f"  import ektp again {seconds:7.1f} s", file=sys.stderr)
    return results


def village_near(database, size: int) -> tuple[str, int]:
    """The village whose number of residents is closest to `size`."""
    from hub_server.models.population import Person

    with database.uow() as uow:
        counts = uow.session.execute(select(Person.village_code, func.count()).group_by(Person.village_code)).all()
    return min(counts, key=lambda row: abs(row[1] - size))


def pulled_bytes(database, village: str, after: int) -> dict:
    """What the village's devices pull of programmes and lists after feed position `after`."""
    from hub_server.models.records import FeedEntry
    from hub_server.services import feed

    with database.uow() as uow:
        rows = uow.session.execute(select(FeedEntry.kind, FeedEntry.ref).where(
            FeedEntry.pos > after, FeedEntry.kind.in_(("programme", "list")),
            (FeedEntry.village_code == village) | FeedEntry.village_code.is_(None)).order_by(FeedEntry.pos)).all()
        entries = []
        for kind in ("programme", "list"):
            refs = [ref for found, ref in rows if found == kind]
            entries += list(feed.ENTRY_LOADERS[kind](uow.session, refs).values()) if refs else []
    body = json.dumps(entries, separators=(",", ":"), ensure_ascii=False).encode()
    return {"entries": len(entries), "json": len(body), "lzma": len(lzma.compress(body))}


def feed_position(database) -> int:
    from hub_server.models.records import HubCounter

    with database.uow() as uow:
        return uow.session.execute(select(HubCounter.value).where(HubCounter.name == "feed")).scalar() or 0


def a_month_of_changes(database) -> None:
    """2% of households a decile poorer; one woman in 200 of 20-39 newly pregnant; one person in 1,000 dead and
    one in 1,000 moved to another village, as villages record them (the laptops hear of both)."""
    from hub_server.models.population import Household, Person

    with database.uow() as uow:
        uow.session.execute(update(Household).where(Household.id % 50 == 0, Household.welfare_decile > 1)
                            .values(welfare_decile=Household.welfare_decile - 1))
        uow.session.execute(update(Person).where(Person.id % 200 == 0, Person.sex == "F",
                                                 Person.birth_date.between(dt.date(1987, 1, 1), dt.date(2006, 1, 1)))
                            .values(pregnant=True))
        died = LIST_DATE - dt.timedelta(days=9)
        uow.session.execute(update(Person).where(Person.id % 1000 == 1).values(died_on=died))
        neighbour = Person.__table__.alias("neighbour")  # ids are not given by village: the next id lives elsewhere
        uow.session.execute(update(Person).where(Person.id % 1000 == 2).values(
            village_code=select(neighbour.c.village_code).where(neighbour.c.id == Person.id + 1).scalar_subquery(),
            migration="in"))
        uow.commit()


def match(database) -> dict:
    from hub_server.services import matching

    with database.uow() as uow:
        report, seconds = timed(matching.run, uow, actor=ACTOR, on=LIST_DATE)
    steps = {step: round(value, 2) for step, value in report.seconds.items()}
    print(f"  match {seconds:7.1f} s {steps} {report.lists}", file=sys.stderr)
    return {"seconds": seconds, "steps": steps, "lists": report.lists,
            "selected": sum(counts["selected"] for counts in report.programmes.values())}


def measure(url: str, folder: Path, size_of) -> dict:
    import migrations
    from hub_server.db import Database
    from hub_server.services import catalogue

    database = Database(url)
    migrations.upgrade(database.engine)
    result = {"imports": import_all(database, folder)}
    with database.uow() as uow:
        _, result["catalogue_seconds"] = timed(catalogue.load_file, uow, actor=ACTOR)
        result["programmes"] = len(catalogue.programmes(uow.session))
    start = feed_position(database)
    result["first_match"] = match(database)
    village, residents = village_near(database, VILLAGE_SIZE)
    result["village"] = {"code": village, "residents": residents, "first": pulled_bytes(database, village, start)}
    mark = feed_position(database)
    a_month_of_changes(database)
    result["second_match"] = match(database)
    result["village"]["new_version"] = pulled_bytes(database, village, mark)
    result["database_bytes"] = size_of(database)
    database.dispose()
    return result


def on_sqlite(folder: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-population-") as scratch:
        path = Path(scratch) / "hub.sqlite"
        return measure(f"sqlite:///{path}", folder, lambda _database: path.stat().st_size)


def on_postgres(folder: Path) -> dict | None:
    import psycopg

    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as error:
        print(f"  PostgreSQL not reachable on 127.0.0.1:5432: {error}", file=sys.stderr)
        return None
    name = f"bench_population_{os.getpid()}_{secrets.token_hex(3)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        def size_of(database):
            with database.engine.connect() as connection:
                return connection.execute(text("SELECT pg_database_size(current_database())")).scalar()

        return measure(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", folder, size_of)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def table(people: int, results: dict) -> list:
    lines = ["| step | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]

    def row(label, pick):
        lines.append(f"| {label} | " + " | ".join(pick(result) for result in results.values()) + " |")

    def rate(result, source):
        step = result["imports"][source]
        return f"{step['seconds']:.1f} s ({step['rows'] / step['seconds']:,.0f} rows/s)"

    sizes = next(iter(results.values()))["imports"]
    for source, name in (*SOURCES, ("ektp again", "ektp.csv")):
        row(f"import {source} ({name}, {human_size(sizes[source]['bytes'])})", lambda r, s=source: rate(r, s))
    programmes = next(iter(results.values()))["programmes"]
    row(f"load the catalogue ({programmes} programmes)", lambda r: f"{r['catalogue_seconds']:.2f} s")
    for key, label in (("first_match", "first matching run"), ("second_match", "run after a month of changes")):
        row(f"{label}: facts / rules / lists", lambda r, k=key: " / ".join(
            f"{r[k]['steps'].get(step, 0):.1f}" for step in ("facts", "rules", "lists")) + " s")
        row(f"{label}: total", lambda r, k=key: f"{r[k]['seconds']:.1f} s, {r[k]['lists']['versions']:,} versions")
    row("village lists, first pull (JSON / LZMA)", lambda r: f"{r['village']['first']['json']:,} / "
                                                              f"{r['village']['first']['lzma']:,} B")
    row("village lists, new version (JSON / LZMA)", lambda r: f"{r['village']['new_version']['json']:,} / "
                                                               f"{r['village']['new_version']['lzma']:,} B")
    row("database size", lambda r: human_size(r["database_bytes"]))
    return lines


def section(people: int, results: dict, load: tuple) -> str:
    any_result = next(iter(results.values()))
    village = any_result["village"]
    return "\n".join([
        HEADING, "",
        f"Measured with `.venv/bin/python -m bench.bench_population --people {people}` (generated district, seed 1,",
        f"fault rate 0.02; list date 2026-03-01; the shipped Kabupaten Malang catalogue of {any_result['programmes']} "
        "programmes).",
        f"Machine: {machine()}; load average {load[0]:.1f} before, {load[1]:.1f} after.",
        f"The village is {village['code']} with {village['residents']:,} residents.", "",
        *table(people, results), "",
    ])


def write_docs(text_: str, heading: str = HEADING) -> None:
    """Replace the measured part of `heading`'s section in docs/performance.md (or add it); other sections stay."""
    current = DOCS.read_text(encoding="utf-8")
    start = current.find(heading + "\n")
    if start < 0:
        DOCS.write_text(current.rstrip("\n") + "\n\n" + text_, encoding="utf-8")
        return
    kept = current.find(KEPT, start)
    following = current.find("\n## ", start + len(heading))
    if kept >= 0 and (following < 0 or kept < following):
        end = kept + 1
    else:
        end = following + 1 if following >= 0 else len(current)
    DOCS.write_text(current[:start] + text_ + "\n" + current[end:], encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=270_000)
    parser.add_argument("--data", type=Path, help="a district generated with these people (made if missing)")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite the measured part of '{HEADING}'")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    anonymous = AnonymousPeak()
    anonymous.start()
    with tempfile.TemporaryDirectory(prefix="bench-district-") as scratch:
        folder = args.data or Path(scratch)
        if not (folder / "people.csv").exists():
            generate_district(folder, people=args.people, seed=1)
        results = {}
        for name in args.databases.split(","):
            print(f"{name}, {args.people:,} people", file=sys.stderr)
            found = on_sqlite(folder) if name == "sqlite" else on_postgres(folder)
            if found:
                results[name] = found
    print(json.dumps(results, indent=1, default=str))
    print(f"peak memory {human_size(peak_memory())} (of which the process's own: {human_size(anonymous.peak)})",
          file=sys.stderr)
    text_ = section(args.people, results, (load_before, os.getloadavg()[0]))
    print(text_)
    if args.write_docs:
        write_docs(text_)


if __name__ == "__main__":
    main()
