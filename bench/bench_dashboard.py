"""Dashboard benchmark: the hub's home page for a generated district on SQLite, per role and area.

    .venv/bin/python -m bench.bench_dashboard --people 2700000
    .venv/bin/python -m bench.bench_dashboard --people 2700000 --keep /tmp/report-hub   # keep the hub to time again
    .venv/bin/python -m bench.bench_dashboard --people 2700000 --hub /tmp/report-hub/hub.sqlite --write-docs

The hub is built as `bench_reports` builds it (the four extracts imported, the shipped catalogue matched,
a month of village work with a laptop per village and a complaint per 1,000 residents), so a hub kept by
either benchmark serves both. Times `services.dashboard.build` and the charts for a district admin, the
officer of the largest sub-district and a technical unit: the first view (residents per age group read from
the people with the counts the matching run kept of the lists, then kept), the next views (coverage kept;
median of five), and each part on its own.
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time

from sqlalchemy import func, select

from bench.bench_generator import machine
from bench.bench_population import write_docs
from bench.bench_reports import arguments, open_hub

HEADING = "## Dashboard"
NOW = dt.datetime.now(dt.UTC)
ZONE = "Asia/Jakarta"
MAX_AGE = dt.timedelta(minutes=10)


def complaint_states(database) -> int:
    """The complaints desk's derived states of the month's complaints, as sync batches would have written them."""
    from hub_server.models.complaints import ComplaintStateRow
    from hub_server.models.records import Record
    from hub_server.services import complaint_desk

    with database.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(ComplaintStateRow)):
            return uow.session.scalar(select(func.count()).select_from(ComplaintStateRow))
        ids = list(uow.session.scalars(select(Record.id).where(Record.table_name == "complaint")))
        written = complaint_desk.refresh(uow.session, ids)
        uow.commit()
        return written


def actors(database) -> list:
    """(name, Actor): the district admin, the officer of the largest sub-district, a technical unit."""
    from hub_server.models.population import Person
    from hub_server.services.actors import Actor

    with database.uow() as uow:
        village, _ = uow.session.execute(select(Person.village_code, func.count()).group_by(Person.village_code)
                                         .order_by(func.count().desc())).first()
    largest = village[:8]
    return [("district admin, district", Actor("user:admin", "district_admin")),
            (f"sub-district officer, {largest}", Actor("user:camat", "sub_district_officer", area=largest)),
            ("technical unit (PKH), district", Actor("user:dinsos", "technical_unit", programmes=("PKH",)))]


def view(database, actor, lang: str = "id") -> float:
    from hub_server.reports.dashboard import chart_svgs
    from hub_server.services import complaint_desk, dashboard

    with database.uow() as uow:
        started = time.perf_counter()
        found = dashboard.build(uow.session, actor, district="", now=NOW, zone=ZONE,
                                days=dict(complaint_desk.LEVEL_DAYS), max_age=MAX_AGE)
        chart_svgs(found, lang)
        return time.perf_counter() - started


def parts(database, actor) -> list:
    """Each part of a first view timed on its own."""
    from hub_server.services import complaint_desk, dashboard
    from hub_server.services.reports import monthly

    month, found = NOW.strftime("%Y-%m"), []
    with database.uow() as uow:
        session, area = uow.session, dashboard.area_of(uow.session, actor, "")
        steps = [("work waiting", lambda: dashboard.waiting(session, actor, actor.area, days=complaint_desk.LEVEL_DAYS,
                                                             today=NOW.date())),
                 ("sync health", lambda: dashboard.sync(session, area, now=NOW, zone=ZONE)),
                 ("coverage totals (kept between views)", lambda: monthly.coverage_totals(session, area, month,
                                                                                          zone=ZONE)),
                 ("applications and the sections", lambda: monthly.coverage_sections(session, area, month, {},
                                                                                     zone=ZONE))]
        for name, step in steps:
            started = time.perf_counter()
            step()
            found.append((name, time.perf_counter() - started))
    return found


def sizes(database) -> dict:
    from hub_server.models import Device
    from hub_server.models.complaints import ComplaintStateRow
    from hub_server.models.population import Household, Person
    from hub_server.models.programmes import Application, ListEntry, ListVersion

    def count(model, *conditions):
        return uow.session.scalar(select(func.count()).select_from(model).where(*conditions))

    with database.uow() as uow:
        return {"people": count(Person), "households": count(Household),
                "entries": count(ListEntry, ListEntry.removed_in.is_(None)), "versions": count(ListVersion),
                "devices": count(Device), "complaints": count(ComplaintStateRow), "applications": count(Application)}


def measure(database) -> dict:
    from hub_server.services import dashboard

    complaint_states(database)
    result = {"sizes": sizes(database), "views": []}
    for name, actor in actors(database):
        view(database, actor)  # warms the page cache, as on a running hub
        dashboard.forget()
        first = view(database, actor)
        again = statistics.median(view(database, actor) for _ in range(5))
        result["views"].append((name, first, again))
    result["parts"] = parts(database, actors(database)[0][1])
    return result


def section(people: int, result: dict, load: tuple, size: int) -> str:
    found = result["sizes"]
    lines = [
        HEADING, "",
        f"Measured with `.venv/bin/python -m bench.bench_dashboard --people {people}` on SQLite (the hub",
        "`bench_reports` builds: generated district, seed 1, the shipped catalogue matched on 2026-03-01, a month",
        f"of village work). {found['people']:,} people in {found['households']:,} households; "
        f"{found['entries']:,} open list entries in {found['versions']:,} list versions;",
        f"{found['devices']:,} laptops; {found['complaints']:,} complaints; {found['applications']:,} applications.",
        f"Database {size / 1e9:.2f} GB. Machine: {machine()}; load average {load[0]:.1f} before, {load[1]:.1f} after.",
        "Each view is the service and its three charts (`services.dashboard.build`, `reports.dashboard`), the page",
        "cache warmed first; *first view* after the kept coverage was dropped, *next views* the median of five.", "",
        "| who | first view | next views |", "|---|---|---|",
        *[f"| {name} | {first:.2f} s | {again:.3f} s |" for name, first, again in result["views"]], "",
        "The district admin's first view part by part:", "",
        "| part | time |", "|---|---|",
        *[f"| {name} | {seconds:.2f} s |" for name, seconds in result["parts"]], "",
    ]
    return "\n".join(lines)


def main() -> None:
    args = arguments(__doc__.split("\n")[0], HEADING)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as scratch:
        path, database = open_hub(args, scratch)
        result = measure(database)
        size = path.stat().st_size
        database.dispose()
    text_ = section(args.people, result, (load_before, os.getloadavg()[0]), size)
    print(text_)
    print(f"  measured at {dt.datetime.now(dt.UTC):%H:%M} UTC", file=sys.stderr)
    if args.write_docs:  # the section's "What bounds the times" is written by hand and kept
        write_docs(text_, HEADING)


if __name__ == "__main__":
    main()
