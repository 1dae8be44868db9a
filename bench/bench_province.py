"""A province fed by two district hubs through PostgreSQL logical replication: how fast a district's
registrations reach the province database.

    .venv/bin/python -m bench.bench_province                  # 2 districts x 2,000 registrations
    .venv/bin/python -m bench.bench_province --people 10000   # the full size
    .venv/bin/python -m bench.bench_province --demo           # `make province-demo`: a few, step by step
    .venv/bin/python -m bench.bench_province --write-docs     # also rewrite its section of docs/performance.md

Three throwaway clusters on 127.0.0.1 (`hub_server.province.local_clusters`): Kabupaten Malang (35.07) and
Kota Malang (35.73), each a hub schema in its own cluster, and the province of East Java (35). Each district's
registrations are applied by the hub's own sync service (`ingest.sync`, signed change-sets of 1,000, as a laptop
sends them); the province is fed by `CREATE SUBSCRIPTION` only. Figures per district: the hub's time to apply
them, the time after its last commit until the province holds them all, the whole from first push to last row
at the province, the WAL the district wrote for them, the lag of one registration (median of 5), and how fast
the province takes a rewrite of all the district's people in one transaction (as a family card import makes), and
the time of a first copy when the district leaves and joins again (all 13 tables, its people included).
"""

import argparse
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.bench_client import village_people, write_section
from bench.bench_generator import machine
from bench.bench_push import Laptop, enroll, hub_database

HEADING = "## Province replication"
DISTRICTS = {"35.07": "35.07.01.2001", "35.73": "35.73.01.1001"}  # district -> a village of it
BATCH = 1_000
SINGLES = 5
POLL = 0.01


class District:
    """A district hub's schema on its own cluster, with the hub's app to apply registrations through."""

    def __init__(self, code: str, cluster, data_dir: Path):
        from hub_server.province.tables import district_schema

        self.code, self.cluster, self.schema = code, cluster, district_schema(code)
        cluster.create_database("sws_hub")
        with _connect(cluster.dsn("sws_hub")) as connection:
            connection.execute(f"CREATE SCHEMA {self.schema}")
        self.url = cluster.url("sws_hub", self.schema)
        self.data_dir = data_dir
        self.laptop = Laptop(seed=int(code.replace(".", "")) % 250 + 1)

    def push(self, database, hub_key, changesets) -> None:
        from hub_server.services import ingest

        for start in range(0, len(changesets), BATCH):
            chunk = changesets[start:start + BATCH]
            with database.uow(immediate=True) as uow:
                reply = ingest.sync(uow, self.laptop.request(chunk), hub_key)
            if reply["summary"]["applied"] != len(chunk):
                raise RuntimeError(f"the hub did not apply everything: {reply['summary']} {reply['results'][:3]}")

    def wal_position(self) -> int:
        with _connect(self.cluster.dsn("sws_hub")) as connection:
            return connection.execute("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn").fetchone()[0]


def _connect(dsn: str):
    from hub_server.province.replication import connect

    return connect(dsn)


def province_people(province_dsn: str, district: str) -> int:
    with _connect(province_dsn) as connection:
        return _people(connection, district)


def _people(connection, district: str) -> int:
    return connection.execute("SELECT count(*) FROM province.people WHERE district_code = %s",
                              (district,)).fetchone()[0]


def wait_for_people(province_dsn: str, district: str, count: int, timeout: float = 300) -> float:
    """Seconds until the province holds `count` people of `district` (polled every 10 ms)."""
    started = time.perf_counter()
    with _connect(province_dsn) as connection:
        while True:
            held = _people(connection, district)
            if held >= count:
                return time.perf_counter() - started
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"the province holds {held} of {count} people of {district} after {timeout} s")
            time.sleep(POLL)


def wait_for_first_copy(province_dsn: str, districts: int, timeout: float = 120) -> None:
    from hub_server.province.replication import ALL_TABLES
    from hub_server.province.replication import districts as joined

    deadline = time.monotonic() + timeout
    while True:
        with _connect(province_dsn) as connection:
            states = joined(connection)
        if len(states) == districts and all(s.tables_ready == len(ALL_TABLES) for s in states):
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"first copy not done after {timeout} s: {states}")
        time.sleep(0.2)


@contextlib.contextmanager
def province_of_two(say=print):
    """Three clusters: two district hubs published, a province subscribed to both. Yields (districts, dsn)."""
    from hub_server.province import local_clusters, replication
    from migrations import head_revision

    parent, clusters, stack = local_clusters.scratch_parent(), [], contextlib.ExitStack()
    try:
        districts = []
        for code in DISTRICTS:
            clusters.append(local_clusters.start_cluster(f"district-{code}", parent))
            district = District(code, clusters[-1], Path(stack.enter_context(tempfile.TemporaryDirectory())))
            district.hub = stack.enter_context(hub_database(district.url, district.data_dir))
            enroll(district.hub[0], district.laptop, DISTRICTS[code])
            with _connect(district.cluster.dsn("sws_hub")) as connection:
                replication.publish(connection, code)
            say(f"district {code}: hub schema {district.schema} on 127.0.0.1:{district.cluster.port}, published")
            districts.append(district)
        province = local_clusters.start_cluster("province", parent)
        clusters.append(province)
        province.create_database("sws_province")
        province_dsn = province.dsn("sws_province")
        with _connect(province_dsn) as connection:
            replication.init_province(connection, head_revision())
            for district in districts:
                replication.add_district(connection, district.code, district.cluster.dsn("sws_hub"), head_revision())
        wait_for_first_copy(province_dsn, len(districts))
        say(f"province 35 on 127.0.0.1:{province.port}: subscribed to {', '.join(DISTRICTS)}, first copy done")
        yield districts, province_dsn
    finally:
        stack.close()
        for cluster in reversed(clusters):
            cluster.stop()
        shutil.rmtree(parent, ignore_errors=True)


def measure(district: District, province_dsn: str, count: int) -> dict:
    database, hub_key = district.hub
    before = province_people(province_dsn, district.code)
    changesets = district.laptop.register(village_people(count, seed=int(district.code[-2:]),
                                                         village=DISTRICTS[district.code]))
    wal = district.wal_position()
    started = time.perf_counter()
    district.push(database, hub_key, changesets)
    applied = time.perf_counter() - started
    catch_up = wait_for_people(province_dsn, district.code, before + count)
    wal_bytes = district.wal_position() - wal
    singles = []
    for n in range(SINGLES):
        one = district.laptop.register(village_people(1, seed=100 + n, village=DISTRICTS[district.code]))
        district.push(database, hub_key, one)
        singles.append(wait_for_people(province_dsn, district.code, before + count + n + 1))
    rewrite = measure_rewrite(district, province_dsn)
    rewrite.update(measure_first_copy(district, province_dsn))
    return {"district": district.code, "people": count, "apply_s": applied, "catch_up_s": catch_up,
            "total_s": applied + catch_up, "wal_bytes": wal_bytes, "single_ms": statistics.median(singles) * 1000,
            **rewrite}


def measure_rewrite(district: District, province_dsn: str) -> dict:
    """Every person of the district rewritten in one transaction, as an import does: rows/s at the province."""
    marker = f"rewrite-{time.monotonic_ns()}"
    with _connect(district.cluster.dsn("sws_hub")) as connection:
        rows = connection.execute(f"UPDATE {district.schema}.people SET verification_note = %s", (marker,)).rowcount
    started = time.perf_counter()
    with _connect(province_dsn) as connection:
        while connection.execute("SELECT count(*) FROM province.people WHERE district_code = %s "
                                 "AND verification_note = %s", (district.code, marker)).fetchone()[0] < rows:
            if time.perf_counter() - started > 300:
                raise RuntimeError("the province did not receive the rewrite within 300 s")
            time.sleep(POLL)
    return {"rewrite_rows": rows, "rewrite_s": time.perf_counter() - started}


def measure_first_copy(district: District, province_dsn: str) -> dict:
    """The district leaves and joins again: seconds until its first copy is done and its people are all there."""
    from hub_server.province import replication
    from migrations import head_revision

    with _connect(district.cluster.dsn("sws_hub")) as connection:
        people = connection.execute(f"SELECT count(*) FROM {district.schema}.people").fetchone()[0]
    with _connect(province_dsn) as connection:
        replication.remove_district(connection, district.code)
        started = time.perf_counter()
        replication.add_district(connection, district.code, district.cluster.dsn("sws_hub"), head_revision())
    wait_for_people(province_dsn, district.code, people)
    wait_for_first_copy(province_dsn, len(DISTRICTS))
    return {"copy_rows": people, "copy_s": time.perf_counter() - started}


def describe(row: dict) -> str:
    return (f"{row['district']}  {row['people']:>6,} registrations  hub {row['apply_s']:6.2f} s  "
            f"province caught up {row['catch_up_s']:5.2f} s after  {row['people'] / row['total_s']:7,.0f}/s end to end"
            f"  WAL {row['wal_bytes'] / row['people']:,.0f} B each  one registration {row['single_ms']:.0f} ms"
            f"  rewrite of {row['rewrite_rows']:,} people {row['rewrite_rows'] / row['rewrite_s']:,.0f} rows/s"
            f"  first copy {row['copy_s']:.1f} s")


def demo() -> None:
    """A registration in each district, then what the province holds."""
    from hub_server.province.replication import districts as joined

    with province_of_two() as (districts, province_dsn):
        for district in districts:
            database, hub_key = district.hub
            person = village_people(1, seed=int(district.code[-2:]), village=DISTRICTS[district.code])[0]
            district.push(database, hub_key, district.laptop.register([person]))
            print(f"district {district.code}: the hub applied the registration of {person['name']} "
                  f"({person['village_code']})")
            print(f"  ... at the province after {wait_for_people(province_dsn, district.code, 1) * 1000:.0f} ms")
        with _connect(province_dsn) as connection:
            for state in joined(connection):
                print(f"province: district {state.district} people {state.people}, tables copied {state.tables_ready}")
            rows = connection.execute("SELECT district_code, tableoid::regclass::text, name, village_code, "
                                      "verification FROM province.people ORDER BY district_code").fetchall()
        for row in rows:
            print("  province.people:", " | ".join(map(str, row)))


def markdown(rows: list, count: int, load: tuple) -> str:
    lines = [HEADING, "", *textwrap.wrap(
             f"Measured {time.strftime('%d-%m-%Y')} on {machine()}, load average {load[0]:.1f} before and "
             f"{load[1]:.1f} after (other work sharing the machine): three PostgreSQL 15 clusters on this machine "
             f"(two district hubs and the province, `fsync=off`), {count:,} person registrations per district "
             f"applied by the district hub's sync service in change-sets of {BATCH:,}; the province is fed by "
             "logical replication only (`python -m bench.bench_province`).", width=110), "",
             "| district | registrations | hub applies | province caught up after the last commit | end to end "
             "| WAL per registration | one registration, hub commit to province "
             "| all people rewritten in one transaction, at the province | the district joining again: first copy |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['district']} | {row['people']:,} | {row['apply_s']:.2f} s | {row['catch_up_s']:.2f} s "
                     f"| {row['people'] / row['total_s']:,.0f}/s | {row['wal_bytes'] / row['people']:,.0f} B "
                     f"| {row['single_ms']:.0f} ms | {row['rewrite_rows']:,} rows in {row['rewrite_s']:.1f} s "
                     f"({row['rewrite_rows'] / row['rewrite_s']:,.0f}/s) | {row['copy_s']:.1f} s |")
    rate = min(row["rewrite_rows"] / row["rewrite_s"] for row in rows)
    lines += ["", *textwrap.wrap(
        "What bounds it: the hub's own work. Applying the registrations (validation, merge, population, feed) takes "
        "the time, and it varies with what else the machine runs (the same 10,000 in change-sets of 1,000 under "
        "\"Hub push\" above, on a quiet machine). Replication's part is the catch-up after the district's last "
        "commit, the lag of one registration and the rate of a rewrite: the province applies a district's changes "
        "as fast as the district commits them. At the slower rewrite rate here, a family card import rewriting all "
        f"2.7 million people of Kabupaten Malang reaches the province in about {2_700_000 / rate / 60:.0f} minutes "
        "(extrapolated, not measured at that size).", width=110)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=2_000, help="registrations per district")
    parser.add_argument("--demo", action="store_true", help="a registration per district, shown step by step")
    parser.add_argument("--write-docs", action="store_true", help="rewrite its section of docs/performance.md")
    args = parser.parse_args()
    from hub_server.province.local_clusters import ClustersUnavailable

    try:
        if args.demo:
            demo()
            return 0
        with province_of_two(say=lambda text: print(text, file=sys.stderr)) as (districts, province_dsn):
            load = [os.getloadavg()[0]]
            rows = [measure(district, province_dsn, args.people) for district in districts]
            load.append(os.getloadavg()[0])
    except ClustersUnavailable as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    for row in rows:
        print(describe(row))
    print(f"load average {load[0]:.1f} before, {load[1]:.1f} after")
    if args.write_docs:
        write_section(HEADING, markdown(rows, args.people, tuple(load)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
