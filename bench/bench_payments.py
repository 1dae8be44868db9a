"""Payments benchmark: a month of contribution and benefit files for a generated district, imported and reconciled.

    .venv/bin/python -m bench.bench_payments --people 2700000
    .venv/bin/python -m bench.bench_payments --people 270000 --write-docs
    .venv/bin/python -m bench.bench_payments --people 270000 --months 12

It builds a hub the way a district does as far as payments need (migrated schema on SQLite, the
e-KTP extract imported for the residents, the shipped catalogue loaded), enrols the generator's
membership roll (`generator.payments.enrolments`: health insurance by welfare decile, JSLU, BPNT), writes
March 2026's payment files with planted faults, then times: the contribution import, the benefit
import, the reconciliation of the month as the admin page and a report see it (the totals computed by
the database and the first page of lines), every member's line and its CSV, and the contribution file
imported again (every row already held). With --months N the following months' files (April onwards)
are written and imported one after another, and the last month is reconciled. After each month it also
counts what the laptops of the village with the most members download of their feed for it (the pages as
`feed.page_for` builds them, compressed as a version 3 reply carries them: zlib, level 6).
"""

import argparse
import collections
import datetime as dt
import json
import os
import sys
import tempfile
import time
import zlib
from pathlib import Path

from sqlalchemy import select

from bench.bench_generator import machine
from bench.bench_population import ACTOR, timed, write_docs
from hub_server.generator import generate_district, iter_households
from hub_server.generator.summary import human_size

HEADING = "## Payments"
MONTH = dt.date(2026, 3, 1)
AIM = 20.0


def build_hub(url: str, folder: Path):
    import migrations
    from hub_server.db import Database
    from hub_server.services import catalogue
    from hub_server.services.imports import pipeline

    database = Database(url)
    migrations.upgrade(database.engine)
    with database.uow(immediate=True) as uow:
        pipeline.import_file(uow, "ektp", folder / "ektp.csv", actor=ACTOR, today=MONTH)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    return database


def _imported(database, kind: str, path: Path):
    from hub_server.services import payment_import

    with database.uow(immediate=True) as uow:
        batch, seconds = timed(payment_import.import_file, uow, kind, path, actor=ACTOR)
    print(f"  import {path.name:<28} {batch.rows_read:>10,} rows {seconds:7.1f} s", file=sys.stderr)
    return batch, seconds


def _reconciled(database, month: dt.date) -> tuple[float, list]:
    """(seconds, totals): the month as the admin page shows it, the totals and the first page of lines."""
    from hub_server.services import paging, reconciliation

    started = time.perf_counter()
    with database.uow() as uow:
        totals = reconciliation.month_totals(uow.session, month)
        reconciliation.page(uow.session, month, paging.Order())
    return time.perf_counter() - started, totals


def _feed_reached(database, village: str) -> str:
    """A cursor at the feed's last position for a laptop of `village`: one that holds everything sent so far."""
    from hub_server.models.records import HubCounter
    from hub_server.services import feed
    from sync_protocol.feed import encode_cursor
    from sync_protocol.scope import Scope

    with database.uow() as uow:
        reached = uow.session.execute(select(HubCounter.value).where(HubCounter.name == "feed")).scalar() or 0
        return encode_cursor(reached, feed.cursor_key(uow.session, Scope((village,))))


def _downloaded(database, village: str, cursor: str) -> tuple[dict, str]:
    """({"bytes", "entries", "pages"}, the cursor after): what a laptop of `village` downloads of its feed after
    `cursor`, a page at a time as the hub serves it, each page's entries compressed as a version 3 reply's."""
    from hub_server.models.device import Device
    from hub_server.services import feed

    laptop, counted = Device(device_id="bench00000", scope=[village]), {"bytes": 0, "entries": 0, "pages": 0}
    with database.uow() as uow:
        while True:
            page = feed.page_for(uow.session, laptop, cursor, 500)
            counted["pages"] += 1
            counted["entries"] += len(page.entries)
            counted["bytes"] += len(zlib.compress(json.dumps(page.entries).encode(), 6))
            cursor = page.cursor
            if not page.more:
                return counted, cursor


def _month(index: int) -> dt.date:
    return dt.date(MONTH.year + (MONTH.month - 1 + index) // 12, (MONTH.month - 1 + index) % 12 + 1, 1)


def _later_months(database, work: Path, members: list, months: int, seed: int, everyone: set, village) -> dict:
    """Write and import the files of the months after the first, one after another; reconcile the last."""
    from hub_server.generator.payments import write_payment_files
    from hub_server.services import reconciliation

    year = {"months": months, "rows": 0, "imports": [], "last": _month(months - 1)}
    for index in range(1, months):
        files = write_payment_files(work / "payments", members, _month(index), seed=seed * 100 + index,
                                    known_niks=everyone)
        seconds = sum(_imported(database, kind, path)[1]
                      for kind, path in (("contribution", files.contributions), ("benefit", files.benefits)))
        year["rows"] += files.rows
        year["imports"].append(seconds)
        counted, village["cursor"] = _downloaded(database, village["code"], village["cursor"])
        village["months"].append(counted)
    year["reconcile"], totals = _reconciled(database, year["last"])
    with database.uow() as uow:
        lines, year["lines_seconds"] = timed(reconciliation.lines, uow.session, year["last"])
        assert reconciliation.totals(lines) == totals, "month_totals differs from totals(lines)"
    year["lines"], year["flagged"] = len(lines), sum(line.flagged for line in lines)
    year["arrears"] = sum(row["arrears"] for row in totals)
    return year


def measure(people: int, seed: int, work: Path, months: int = 1) -> dict:
    from hub_server.generator.payments import enrolments, write_payment_files
    from hub_server.models.population import Person
    from hub_server.services import memberships, payment_import, reconciliation

    load_before = os.getloadavg()[0]
    folder = work / "district"
    generate_district(folder, people=people, seed=seed)
    started = time.perf_counter()
    database = build_hub(f"sqlite:///{work / 'hub.sqlite'}", folder)
    print(f"  hub built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    households = list(iter_households(people=people, seed=seed))
    everyone = {person.nik for household in households for person in household.members}
    with database.uow() as uow:  # the roll names residents the hub holds (here: those with an e-KTP)
        residents = set(uow.session.execute(select(Person.nik).where(Person.nik.is_not(None))).scalars())
    members = [member for member in enrolments(households, seed=seed) if member.nik in residents]
    del households, residents
    with database.uow(immediate=True) as uow:
        enrolled, enrol_seconds = timed(memberships.add_roll, uow, members, start=MONTH, actor=ACTOR)
    code, count = collections.Counter(member.village_code for member in members).most_common(1)[0]
    village = {"code": code, "members": count, "cursor": _feed_reached(database, code), "months": []}
    files, write_seconds = timed(write_payment_files, work / "payments", members, MONTH, seed=seed,
                                 known_niks=everyone)
    results = {"people": people, "members": enrolled, "enrol": enrol_seconds, "write": write_seconds,
               "planted": files.planted, "files": {}}
    for kind, path in (("contribution", files.contributions), ("benefit", files.benefits)):
        batch, seconds = _imported(database, kind, path)
        results["files"][kind] = {"rows": batch.rows_read, "bytes": path.stat().st_size, "seconds": seconds,
                                  "findings": dict(batch.summary)}
    counted, village["cursor"] = _downloaded(database, code, village["cursor"])
    village["months"].append(counted)
    results["reconcile"], results["totals"] = _reconciled(database, MONTH)
    with database.uow() as uow:
        lines, results["lines_seconds"] = timed(reconciliation.lines, uow.session, MONTH)
        _, results["csv"] = timed(reconciliation.csv_text, lines, MONTH)
        assert reconciliation.totals(lines) == results["totals"], "month_totals differs from totals(lines)"
    results["lines"], results["flagged"] = len(lines), sum(line.flagged for line in lines)
    del lines
    with database.uow(immediate=True) as uow:
        again, results["again"] = timed(payment_import.import_file, uow, "contribution", files.contributions,
                                        actor=ACTOR)
        results["again_unchanged"] = again.unchanged
    if months > 1:
        results["year"] = _later_months(database, work, members, months, seed, everyone, village)
    results["village"] = {name: village[name] for name in ("code", "members", "months")}
    results["database"] = (work / "hub.sqlite").stat().st_size
    results["load"] = (load_before, os.getloadavg()[0])
    database.dispose()
    return results


def report(r: dict) -> str:
    contributions, benefits = r["files"]["contribution"], r["files"]["benefit"]
    month = contributions["seconds"] + benefits["seconds"] + r["reconcile"]
    rows = [
        ("enrol the membership roll", f"{r['members']:,} memberships", r["enrol"]),
        ("write the month's files (generator)", f"{contributions['rows'] + benefits['rows']:,} rows", r["write"]),
        ("import contributions", f"{contributions['rows']:,} rows, {human_size(contributions['bytes'])}",
         contributions["seconds"]),
        ("import benefits", f"{benefits['rows']:,} rows, {human_size(benefits['bytes'])}", benefits["seconds"]),
        ("reconcile the month: totals and the first page of lines (the database)",
         f"{len(r['totals'])} totals, {r['lines']:,} lines", r["reconcile"]),
        ("every member's line (for the CSV)", f"{r['lines']:,} lines, {r['flagged']:,} flagged", r["lines_seconds"]),
        ("reconciliation CSV", f"{r['lines']:,} lines", r["csv"]),
        ("import contributions again", f"{r['again_unchanged']:,} already held", r["again"]),
    ]
    findings = {**contributions["findings"]}
    for name, count in benefits["findings"].items():
        findings[name] = findings.get(name, 0) + count
    lines = [
        HEADING, "",
        f"Measured with `.venv/bin/python -m bench.bench_payments --people {r['people']}"
        + (f" --months {r['year']['months']}" if "year" in r else "") + "` on SQLite (generated",
        f"district, seed 1; {r['people']:,} people; the e-KTP extract imported; the generator's membership roll",
        f"of the residents it holds enrolled from March: {r['members']:,} memberships of BPJS-PBI, BPJS-K1/K2/K3,",
        "JSLU and BPNT; March 2026's payment files with faults planted at a rate of 0.002 and 10 % of",
        "self-payers not paying).",
        f"Database {human_size(r['database'])}. Machine: {machine()}; load average {r['load'][0]:.1f} before,",
        f"{r['load'][1]:.1f} after (other work shared the two cores).", "",
        "| step | data | time |", "|---|---|---|",
        *[f"| {step} | {data} | {seconds:.2f} s |" for step, data, seconds in rows],
        f"| **a month imported and reconciled** | | **{month:.2f} s** (aim: under {AIM:.0f} s) |", "",
        "Findings of the month's import: " + ", ".join(f"{name} {count:,}" for name, count in sorted(findings.items()))
        + "; planted: " + ", ".join(f"{name} {count:,}" for name, count in sorted(r["planted"].items())) + ".",
        "The totals the database computes are checked equal to those of every line.", "",
    ]
    if "year" in r:
        lines += _year_report(r["year"])
    return "\n".join(lines + _village_report(r["village"]))


def _village_report(village: dict) -> list:
    months = village["months"]
    each = [f"{_month(index).isoformat()[:7]}: {human_size(held['bytes'])} in {held['entries']:,} "
            + ("entry" if held["entries"] == 1 else "entries") for index, held in enumerate(months)]
    return [
        f"What the laptops of the village with the most members ({village['code']}, {village['members']:,}",
        "memberships) download of their feed for each month's files, compressed as a reply carries it: "
        + "; ".join(each) + f"; {human_size(sum(held['bytes'] for held in months))} in all.", "",
    ]


def _year_report(year: dict) -> list:
    imports = year["imports"]
    last = year["last"].isoformat()[:7]
    return [
        f"A year: the files of the {year['months'] - 1} months after March written (other members unpaid each",
        "month, other faults) and imported one after another, then the last month reconciled.", "",
        "| step | data | time |", "|---|---|---|",
        f"| import the {len(imports)} months after March | {year['rows']:,} rows | {sum(imports):.2f} s "
        f"(first {imports[0]:.2f} s, last {imports[-1]:.2f} s) |",
        f"| reconcile {last}: totals and the first page of lines | {year['lines']:,} lines, {year['flagged']:,} "
        f"flagged, arrears Rp{year['arrears']:,} | {year['reconcile']:.2f} s |",
        f"| every member's line for {last} | {year['lines']:,} lines | {year['lines_seconds']:.2f} s |", "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=2_700_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--months", type=int, default=1, help="import this many monthly files, from March")
    parser.add_argument("--write-docs", action="store_true", help=f"rewrite the section '{HEADING}' of docs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-payments-") as work:
        results = measure(args.people, args.seed, Path(work), max(1, args.months))
    text = report(results)
    print(text)
    if args.write_docs:
        write_docs(text, HEADING)


if __name__ == "__main__":
    main()
