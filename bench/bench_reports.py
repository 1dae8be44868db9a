"""Monthly report benchmark: the report of every level for a generated district on SQLite.

    .venv/bin/python -m bench.bench_reports --people 2700000
    .venv/bin/python -m bench.bench_reports --people 2700000 --keep /tmp/report-hub   # keep the hub to time again
    .venv/bin/python -m bench.bench_reports --people 2700000 --hub /tmp/report-hub/hub.sqlite --write-docs   # again

It builds a hub the way a district does (migrated schema, the four extracts imported, the shipped
catalogue loaded, one matching run publishing the lists), adds a month of village work (a person
record, a household edit and a complaint per 1,000 residents, and a laptop per village syncing every
day), then times `monthly.build` for the district, every sub-district and a sample of villages (the
largest, the smallest and every tenth), and renders the district's report as HTML, CSV and PDF.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.bench_generator import machine
from bench.bench_population import ACTOR, LIST_DATE, import_all, write_docs
from hub_server.generator import generate_district

HEADING = "## Monthly report"
BOUNDS = [
    "### What bounds the times", "",
    "A village's report reads its people, households, records and list counts through indexes (people",
    "through the index on (verification, village_code), by naming every status). A district's report reads",
    "every person once (about 16 conditions each: a COUNT(*) FILTER per figure costs about 0.3 s per 2.7",
    "million people) and every household once; the month measured is the worst case for the household",
    "figures: all four extracts were imported in it, so every household is looked at for a new card or decile.",
    "The lists' open entries and whom each guarantee's lists cover are the counts the matching run kept when it",
    "published the lists (`coverage_counts.refresh`): a few thousand rows. `covered` is therefore as of the",
    "latest list date while the target groups are counted when the report is made (docs/reports.md, section 6);",
    "a hub whose latest run kept no counts counts them from the entries as before.",
    "The district's PDF is bound by WeasyPrint's layout of the laptops' table (one row per laptop).",
    "Memberships (a hub given `--payments` once) are read through the index on memberships (village, programme,",
    "start, end): one scan of it for the district, most of it looking up each membership's payment of the month.",
    "",
]
NOW = dt.datetime.now(dt.UTC)


def build_hub(url: str, folder: Path) -> dict:
    import migrations
    from hub_server.db import Database
    from hub_server.services import catalogue, matching

    database = Database(url)
    migrations.upgrade(database.engine)
    started = time.perf_counter()
    import_all(database, folder)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    with database.uow() as uow:
        matching.run(uow, actor=ACTOR, on=LIST_DATE)
    a_month_of_work(database)
    print(f"  hub built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return database


def a_month_of_work(database) -> None:
    """Per village, this month: a laptop syncing daily, records and complaints in proportion to its residents."""
    from hub_server.models import Device
    from hub_server.models.population import Person
    from hub_server.models.records import ReceivedChangeSet, Record, RecordEdit

    with database.uow() as uow:
        villages = uow.session.execute(select(Person.village_code, func.count()).group_by(Person.village_code)).all()
        for number, (village, residents) in enumerate(villages):
            device = f"{number:010d}".translate(str.maketrans("0123456789", "abcdefghij"))
            uow.session.add(Device(device_id=device, public_key=number.to_bytes(32, "big"), scope=[village],
                                   role="village", label=f"Laptop {village}", enrolled_at=NOW - dt.timedelta(days=60),
                                   last_seen_at=NOW - dt.timedelta(days=number % 10)))
            for seq in range(1, 29):
                uow.session.add(ReceivedChangeSet(device_id=device, seq=seq, hash=f"{seq:064d}", outcome="applied",
                                                  officer="bench", wall_time=0, ops=1, via="http",
                                                  received_at=NOW - dt.timedelta(hours=seq)))
            for index in range(max(1, residents // 1000)):
                seq, submitted = 1 + index % 28, (NOW - dt.timedelta(days=index % 40)).date().isoformat()
                uow.session.add(Record(id=f"{device}-p{index}", table_name="person", village_code=village,
                                       data={"village_code": village}, created_by=device, created_seq=seq))
                uow.session.add(Record(id=f"{device}-h{index}", table_name="household", village_code=village,
                                       data={"village_code": village}, created_by=device, created_seq=seq))
                uow.session.add(RecordEdit(record_id=f"{device}-h{index}", field="address", before="a", after="b",
                                           device_id=device, seq=seq, op_index=0, officer="bench"))
                uow.session.add(Record(id=f"{device}-c{index}", table_name="complaint", village_code=village,
                                       created_by=device, created_seq=seq,
                                       data={"category": "payment_delay", "status": "open", "village_code": village,
                                             "date_submitted": submitted}))
        uow.commit()


def timed_report(database, area: str) -> float:
    from hub_server.services.reports import monthly

    with database.uow() as uow:
        started = time.perf_counter()
        monthly.build(uow.session, area, NOW.strftime("%Y-%m"), now=NOW, zone="Asia/Jakarta")
        return time.perf_counter() - started


def district_steps(database, district: str) -> list:
    """Each step of the district's report timed on its own (the steps `monthly.build` runs)."""
    from hub_server.services.reports import cases, complaints, enrolment, population, programmes, sync_health
    from hub_server.services.reports.period import area, month

    place, period = area(district), month(NOW.strftime("%Y-%m"), "Asia/Jakarta")
    with database.uow() as uow:
        session, villages = uow.session, {}
        batches, catalogue = population.month_batches(session, period), programmes.catalogue(session)
        steps = [("people (one pass)", population.count_people, (batches,)), ("households", population.households,
                 None), ("coverage per guarantee", programmes.coverage, (catalogue,)),
                 ("lists", programmes.lists, ()), ("village records", population.village_records, ()),
                 ("applications", programmes.applications, ()), ("complaints", complaints.statistics, ()),
                 ("enrolled and paid", enrolment.count, (catalogue,)), ("cases", cases.statistics, ())]
        found = []
        for name, step, extra in steps:
            started = time.perf_counter()
            if extra is None:
                step(session, place, batches, villages)
            else:
                step(session, place, period, *extra, villages)
            found.append((name, time.perf_counter() - started))
        started = time.perf_counter()
        sync_health.devices(session, place, period, NOW)
        found.append(("laptops", time.perf_counter() - started))
    return found


def sample(database) -> tuple[list, list, str]:
    from hub_server.models.population import Person

    with database.uow() as uow:
        villages = uow.session.execute(select(Person.village_code, func.count()).group_by(Person.village_code)
                                       .order_by(func.count().desc())).all()
    chosen = sorted({villages[0], villages[-1], *villages[::10]}, key=lambda row: -row[1])
    sub_districts = sorted({code[:8] for code, _ in villages})
    return chosen, sub_districts, villages[0][0][:5]


def add_payments(database, people: int, scratch: Path) -> int:
    """Enrol the generator's membership roll of the residents the hub holds, from March, and import the report
    month's contribution and benefit files (as `bench_payments` does), so that the enrolment figures and the
    finance report read the district's millions of memberships and payments. Returns the memberships."""
    from hub_server.generator import iter_households
    from hub_server.generator.payments import enrolments, write_payment_files
    from hub_server.models.population import Person
    from hub_server.services import memberships, payment_import

    households = list(iter_households(people=people, seed=1))
    with database.uow() as uow:
        residents = set(uow.session.execute(select(Person.nik).where(Person.nik.is_not(None))).scalars())
    members = [member for member in enrolments(households, seed=1) if member.nik in residents]
    everyone = {person.nik for household in households for person in household.members}
    del households, residents
    with database.uow(immediate=True) as uow:
        enrolled = memberships.add_roll(uow, members, start=dt.date(2026, 3, 1), actor=ACTOR)
    files = write_payment_files(scratch / "payments", members, NOW.date().replace(day=1), seed=1, known_niks=everyone)
    for kind, path in (("contribution", files.contributions), ("benefit", files.benefits)):
        with database.uow(immediate=True) as uow:
            payment_import.import_file(uow, kind, path, actor=ACTOR)
    print(f"  {enrolled:,} memberships enrolled and the month's payments imported", file=sys.stderr)
    return enrolled


def measure(database) -> dict:
    from hub_server.reports import render
    from hub_server.services.reports import finance, monthly

    villages, sub_districts, district = sample(database)
    timed_report(database, district)  # the first read warms the page cache, as a running hub has
    result = {"district": district, "district_seconds": timed_report(database, district),
              "steps": district_steps(database, district),
              "sub_districts": [(code, timed_report(database, code)) for code in sub_districts],
              "villages": [(code, residents, timed_report(database, code)) for code, residents in villages]}
    with database.uow() as uow:
        report = monthly.build(uow.session, district, NOW.strftime("%Y-%m"), now=NOW, zone="Asia/Jakarta")
        result["residents"] = report.figure("residents", "residents", "count")
        result["households"] = report.figure("residents", "households", "count")
        result["entries"] = sum(row["listed"] + row["awaiting"] + row["proposed"]
                                for row in report.sections["programmes"].rows)
    for name, function in (("html", render.document), ("csv", render.csv_text), ("pdf", render.pdf)):
        started = time.perf_counter()
        function(report, "id")
        result[f"{name}_seconds"] = time.perf_counter() - started
    with database.uow() as uow:
        started = time.perf_counter()
        money = finance.build(uow.session, district, NOW.strftime("%Y-%m"), now=NOW, zone="Asia/Jakarta")
        result["finance_seconds"] = time.perf_counter() - started
        result["memberships"] = money.figure("memberships", "total", "enrolled")
    return result


def section(people: int, result: dict, load: tuple, size: int) -> str:
    subs = [seconds for _, seconds in result["sub_districts"]]
    villages = result["villages"]
    biggest, smallest = villages[0], villages[-1]
    lines = [
        HEADING, "",
        f"Measured with `.venv/bin/python -m bench.bench_reports --people {people}` on SQLite (a hub built with",
        "`--keep`, given the generator's membership roll and a month's payment files once with `--payments`, and",
        "timed again with `--hub`; generated district,",
        f"seed 1; {result['residents']:,} residents in {result['households']:,} households; the shipped catalogue",
        f"matched on 2026-03-01: {result['entries']:,} open list entries; a month of village work: a laptop per",
        "village syncing daily, a person record, a household edit and a complaint per 1,000 residents).",
        f"Database {size / 1e9:.2f} GB. Machine: {machine()}; load average {load[0]:.1f} before, {load[1]:.1f} after.",
        "Each report is built once to warm the page cache, as on a running hub, then timed.", "",
        "| report | areas timed | time |", "|---|---|---|",
        f"| district {result['district']} | 1 | {result['district_seconds']:.2f} s |",
        f"| sub-district | {len(subs)} | median {statistics.median(subs):.2f} s, slowest {max(subs):.2f} s |",
        f"| village | {len(villages)} (largest {biggest[1]:,} residents, smallest {smallest[1]:,}) | "
        f"median {statistics.median(v[2] for v in villages):.2f} s, largest village {biggest[2]:.2f} s |",
        f"| district rendered as HTML / CSV / PDF | 1 | {result['html_seconds']:.2f} / {result['csv_seconds']:.2f} / "
        f"{result['pdf_seconds']:.2f} s |",
        f"| district's finance report ({result['memberships']:,} memberships in force) | 1 | "
        f"{result['finance_seconds']:.2f} s |", "",
        "The district's report step by step:", "",
        "| step | time |", "|---|---|",
        *[f"| {name} | {seconds:.2f} s |" for name, seconds in result["steps"]], "",
        *BOUNDS,
    ]
    return "\n".join(lines)


def arguments(description: str, heading: str, *, payments: bool = False) -> argparse.Namespace:
    """The options of a benchmark timed on a built hub (this one's and `bench_dashboard`'s)."""
    parser = argparse.ArgumentParser(description=description)
    if payments:
        parser.add_argument("--payments", action="store_true",
                            help="enrol the generator's membership roll and import the month's payment files before "
                                 "timing (once per kept hub)")
    parser.add_argument("--people", type=int, default=270_000)
    parser.add_argument("--data", type=Path, help="a district generated with these people (made if missing)")
    parser.add_argument("--keep", type=Path, help="build the hub in this folder and keep it")
    parser.add_argument("--hub", type=Path, help="time a hub kept with --keep (no build; give the --people it was "
                                                 "built with)")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite '{heading}' in docs/performance.md")
    return parser.parse_args()


def open_hub(args, scratch: str) -> tuple:
    """(the database file, its Database): the hub kept with --keep, or one built now from a generated district."""
    from hub_server.db import Database

    if args.hub:  # kept by an earlier version, maybe: brought to the current schema first
        import migrations

        database = Database(f"sqlite:///{args.hub}")
        migrations.upgrade(database.engine)
        return args.hub, database
    folder = args.data or Path(scratch) / "district"
    if not (folder / "people.csv").exists():
        generate_district(folder, people=args.people, seed=1)
    path = (args.keep or Path(scratch)) / "hub.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path, build_hub(f"sqlite:///{path}", folder)


def main() -> None:
    args = arguments(__doc__.split("\n")[0], HEADING, payments=True)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as scratch:
        path, database = open_hub(args, scratch)
        if args.payments:
            add_payments(database, args.people, Path(scratch))
        result = measure(database)
        size = path.stat().st_size
        database.dispose()
    text_ = section(args.people, result,
                    (load_before, os.getloadavg()[0]), size)
    print(text_)
    if args.write_docs:
        write_docs(text_, HEADING)


if __name__ == "__main__":
    main()
