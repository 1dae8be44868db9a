"""Laptop save path benchmark: checking a record, saving one registration, bulk saves and the CSV import.

    .venv/bin/python -m bench.bench_laptop               # print the figures
    .venv/bin/python -m bench.bench_laptop --people 7000 --csv-rows 10000

No hub is needed: a village laptop initialised in a temporary folder (not enrolled, so no scope
check and no officer announcement) saves household members from the district generator through
`village_client.records`, as the forms do. Measured:
- checking one registration (19 form fields) and one household with the marshmallow schema's
  `load` and with the compiled validator (`schemas.compiled`), per record;
- saving one registration (`records.add_person`: validation, record, change-set, its pending edits,
  one transaction committed with `synchronous=FULL`) on a laptop already holding `--people` people:
  median and 90th percentile of 100, the median CPU time of a save, and the median of a transaction
  that changes one value (the disk's flush, which every save waits for);
- saving `--people` registrations in one transaction (each its own change-set);
- importing a CSV file of `--csv-rows` rows (`village_client.csv_import`, households by KK number).
With `--protected` each laptop is protected at rest right after it is made (`village_client.protect`):
every step then reads and writes through SQLCipher.
Each time is given with the process's CPU time beside it: on a machine others share, the wall time
is mostly waiting for a core.
"""

import argparse
import csv
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_client import VillageLaptop, village_people
from bench.bench_generator import machine

SINGLE_SAVES = 100
PROTECTED = {"on": False}  # --protected: every laptop encrypted at rest (SQLCipher)
CSV_COLUMNS = ("nik", "kk_number", "name", "birth_place", "birth_date", "sex", "marital_status", "relationship",
               "address", "address_rt", "address_rw", "village_code", "occupation", "education", "disability",
               "monthly_income", "pregnant", "phone")


def per_record(load, records: list, rounds: int = 3) -> float:
    """Microseconds per record of `load`, the best of `rounds` passes."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for record in records:
            load(record)
        best = min(best, time.perf_counter() - started)
    return best / len(records) * 1e6


def checking(people: list) -> dict:
    """µs per record: the schema's `load`, and the compiled validator when this tree has one."""
    from schemas import records as schema_records
    from schemas.examples import example
    from schemas.records import schema_for

    persons = [{**person, "id": f"abcdefghij-{n + 1}"} for n, person in enumerate(people[:3000])]
    households = [{**example("household"), "id": f"abcdefghij-{n + 1}"} for n in range(1000)]
    found = {}
    for kind, records in (("person", persons), ("household", households)):
        schema = schema_for(kind)
        found[f"{kind} marshmallow"] = per_record(schema.load, records)
        if not hasattr(schema_records, "clean_record"):
            continue  # a tree from before the compiled validator
        from schemas.compiled import compiled

        found[f"{kind} compiled"] = per_record(compiled(schema).load, records)
    return found


def made(data_dir: Path) -> VillageLaptop:
    """A new laptop; protected at rest when the run asks for it (the key then held by this process)."""
    laptop = VillageLaptop(data_dir)
    if PROTECTED["on"]:
        from village_client.protect import protect

        protect(laptop.data_dir)
    return laptop


def single_saves(people: list, held: int) -> dict:
    """A laptop holding `held` people saves 100 more, each in its own transaction."""
    from village_client.records import add_person
    from village_client.store import open_store

    with tempfile.TemporaryDirectory(prefix="bench-laptop-") as root:
        laptop = made(Path(root) / "laptop")
        started, started_cpu = time.perf_counter(), time.process_time()
        laptop.save(people[:held])
        bulk, bulk_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        officer, seconds, cpu = laptop.officer(), [], []
        with open_store(laptop.data_dir) as store:
            for person in people[held:held + SINGLE_SAVES]:
                started, started_cpu = time.perf_counter(), time.process_time()
                add_person(store, officer, person)
                seconds.append(time.perf_counter() - started)
                cpu.append(time.process_time() - started_cpu)
            pending = store.scalar("SELECT count(*) FROM pending_edit")
            commits = durable_commits(store)
    return {"median": statistics.median(seconds), "p90": statistics.quantiles(seconds, n=10)[-1],
            "cpu": statistics.median(cpu), "commit": commits, "bulk": bulk, "bulk_cpu": bulk_cpu,
            "pending_rows": pending}


def durable_commits(store) -> float:
    """Median seconds of a transaction that changes one value: what the disk's flush costs every save."""
    seconds = []
    for _ in range(SINGLE_SAVES):
        started = time.perf_counter()
        with store.transaction() as db:
            db.execute("UPDATE device SET record_counter = record_counter + 1 WHERE id = 1")
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def csv_text(people: list) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for person in people:
        writer.writerow({name: "" if person.get(name) is None else person[name] for name in CSV_COLUMNS})
    return out.getvalue()


def csv_import(people: list) -> dict:
    from village_client.csv_import import import_people
    from village_client.store import open_store

    text = csv_text(people)
    with tempfile.TemporaryDirectory(prefix="bench-laptop-") as root:
        laptop = made(Path(root) / "laptop")
        with open_store(laptop.data_dir) as store:
            started, started_cpu = time.perf_counter(), time.process_time()
            report = import_people(store, laptop.officer(), text)
            seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    return {"seconds": seconds, "cpu": cpu, "loaded": report.loaded, "households": report.households,
            "errors": len(report.errors)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=7_000, help="people the laptop holds before the single saves")
    parser.add_argument("--csv-rows", type=int, default=10_000, help="rows of the CSV import")
    parser.add_argument("--protected", action="store_true", help="laptops encrypted at rest (SQLCipher)")
    args = parser.parse_args()
    PROTECTED["on"] = args.protected
    load_before = os.getloadavg()[0]
    people = village_people(max(args.people + SINGLE_SAVES, args.csv_rows))
    lines = [f"Machine: {machine()}", f"laptops {'protected at rest (SQLCipher)' if args.protected else 'plain'}",
             ""]
    for name, micros in checking(people).items():
        lines.append(f"check one {name}: {micros:.1f} µs")
    saves = single_saves(people, args.people)
    lines += [f"save {args.people:,} registrations in one transaction: {saves['bulk']:.2f} s "
              f"(CPU {saves['bulk_cpu']:.2f} s)",
              f"save one registration on a laptop holding {args.people:,}: median {saves['median'] * 1e3:.2f} ms "
              f"(90th percentile {saves['p90'] * 1e3:.2f} ms), of which CPU {saves['cpu'] * 1e3:.2f} ms; "
              f"a transaction changing one value takes {saves['commit'] * 1e3:.2f} ms; "
              f"pending_edit rows {saves['pending_rows']:,}"]
    imported = csv_import(people[:args.csv_rows])
    lines.append(f"CSV import of {args.csv_rows:,} rows: {imported['seconds']:.2f} s (CPU {imported['cpu']:.2f} s; "
                 f"{imported['loaded']:,} loaded, "
                 f"{imported['households']:,} households, {imported['errors']} errors)")
    lines.append(f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print("\n".join(lines))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
