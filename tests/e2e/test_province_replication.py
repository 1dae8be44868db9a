"""A province fed by two district hubs through PostgreSQL logical replication, on three real clusters.

Each cluster is started on a free 127.0.0.1 port for this module and removed afterwards
(`hub_server.province.local_clusters`: initdb and pg_ctl, as the `postgres` user when the tests run as root).
District 35.07 runs a real `sws-hub serve` with its tables in schema district_35_07; district 35.73 is an
initialised hub schema on its own cluster. Both publish; the province subscribes to both. A village laptop
registers a person and syncs with its district hub: the person reaches the province database, in the
district's partition, through that hub's publication alone; what the district commits while the province
is down reaches it once it is back.
"""

import os
import re
import shutil
import subprocess
import sys
import time

import psycopg
import pytest

from hub_server.province.tables import subscription_name
from tests.e2e.conftest import HubProcess

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

MALANG, KOTA_MALANG = "35.07", "35.73"
VILLAGE = "35.07.01.2001"
NIK = "3507015505900001"
REPLICATION_TIMEOUT = 60


def province_cli(*args, ok=True) -> str:
    result = subprocess.run([sys.executable, "-m", "hub_server.province", *args], capture_output=True, text=True,
                            timeout=120)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    return result.stdout + result.stderr


def village(*args, env) -> str:
    result = subprocess.run([sys.executable, "-m", "village_client", *args], env=env, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def clusters():
    from hub_server.province import local_clusters

    parent, started = local_clusters.scratch_parent(), {}
    try:
        for name in (MALANG, KOTA_MALANG, "province"):
            try:
                started[name] = local_clusters.start_cluster(name.replace(".", "_"), parent)
            except local_clusters.ClustersUnavailable as error:  # not this machine's: a failed start is an error
                pytest.skip(f"cannot create PostgreSQL clusters on this machine: {error}")
        yield started
    finally:
        for cluster in started.values():
            cluster.stop()
        shutil.rmtree(parent, ignore_errors=True)


def district_database(cluster, code: str) -> str:
    """A hub database on `cluster` whose tables live in the district's schema; its URL."""
    from hub_server.province.tables import district_schema

    cluster.create_database("sws_hub")
    with psycopg.connect(cluster.dsn("sws_hub"), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {district_schema(code)}")
    return cluster.url("sws_hub", district_schema(code))


@pytest.fixture(scope="module")
def province(clusters, tmp_path_factory):
    """Both districts published, the province subscribed to both; yields (Malang's hub process, province DSN)."""
    root = tmp_path_factory.mktemp("province")
    malang = HubProcess(root / "hub-35.07", district_database(clusters[MALANG], MALANG))
    kota = HubProcess(root / "hub-35.73", district_database(clusters[KOTA_MALANG], KOTA_MALANG))
    try:
        malang.init().start()
        kota.init()
        for code, hub in ((MALANG, malang), (KOTA_MALANG, kota)):
            assert "13 tables of district" in province_cli("publish", "--district", code, "--database-url",
                                                           hub.database_url)
        clusters["province"].create_database("sws_province")
        province_dsn = clusters["province"].dsn("sws_province")
        assert "province tables and columns created: 13" in province_cli("init", "--database-url", province_dsn)
        for code in (MALANG, KOTA_MALANG):
            province_cli("subscribe", "--district", code, "--dsn", clusters[code].dsn("sws_hub"),
                         "--database-url", province_dsn)
        for code in (MALANG, KOTA_MALANG):  # each district's first copy runs in the background: wait for it
            assert copied_tables(province_dsn, code) == [(13,)]
        yield malang, province_dsn
    finally:
        malang.kill()


def copied_tables(province_dsn: str, district: str) -> list:
    """[(13,)] once every table of `district` has had its first copy at the province (waits for it)."""
    return wait_for(province_dsn, "SELECT count(*) FROM pg_subscription_rel r JOIN pg_subscription s "
                                  "ON s.oid = r.srsubid WHERE s.subname = %s AND r.srsubstate = 'r' "
                                  "HAVING count(*) = 13", (subscription_name(district),))


def wait_for(province_dsn: str, sql: str, params=(), timeout: float = REPLICATION_TIMEOUT) -> list:
    """The rows of `sql` at the province once there are some (or none after `timeout`)."""
    deadline = time.monotonic() + timeout
    with psycopg.connect(province_dsn, autocommit=True) as connection:
        while True:
            rows = connection.execute(sql, params).fetchall()
            if rows or time.monotonic() > deadline:
                return rows
            time.sleep(0.1)


@pytest.fixture(scope="module")
def laptop(province, tmp_path_factory) -> dict:
    """A village laptop of Desa Tulungrejo enrolled with the Malang hub; its environment."""
    malang, _province_dsn = province
    env = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(tmp_path_factory.mktemp("tulungrejo")),
           "SWS_VILLAGE_PIN": "123456", "SWS_VILLAGE_RETRY_BASE": "0.05", "SWS_VILLAGE_RETRY_ATTEMPTS": "2",
           "SWS_VILLAGE_LANGUAGE": "en"}
    village("init", "--label", "Desa Tulungrejo", env=env)
    village("officer", "add", "siti", "--name", "Siti", "--role", "village_secretary", env=env)
    village("enroll", "--hub", malang.url, "--token", malang.issue_token(VILLAGE), env=env)
    return env


def register(laptop: dict, name: str, nik: str) -> None:
    village("person", "add", "--officer", "siti", f"name={name}", "birth_date=1990-05-15", "sex=F", f"nik={nik}",
            f"village_code={VILLAGE}", env=laptop)
    assert "Sent 1, acknowledged 1" in village("sync", env=laptop)


def test_a_registration_made_in_a_village_reaches_the_province_through_its_district_hub(province, laptop):
    _malang, province_dsn = province
    register(laptop, "Ani Wulandari", NIK)

    people = wait_for(province_dsn, "SELECT district_code, tableoid::regclass::text, name, village_code, verification "
                                    "FROM province.people WHERE nik = %s", (NIK,))
    assert people == [(MALANG, "district_35_07.people", "Ani Wulandari", VILLAGE, "awaiting")]
    records = wait_for(province_dsn, "SELECT district_code, table_name FROM province.records "
                                     "WHERE data->>'nik' = %s", (NIK,))
    assert records == [(MALANG, "person")]
    status = province_cli("status", "--database-url", province_dsn)
    assert "35.07  enabled  tables copied 13/13  people 1" in status
    assert "35.73  enabled  tables copied 13/13  people 0" in status
    assert re.search(r"35\.07 .* last message \d\d-\d\d-\d{4} \d\d:\d\d WIB", status), status


def test_the_province_reads_complaints_but_a_sensitive_case_stays_in_its_district(province, laptop):
    _malang, province_dsn = province
    for category, name in (("payment_delay", "Ani Lestari"), ("trafficking", "Sri Rahayu")):
        village("complaint", "add", "--officer", "siti", f"category={category}", f"complainant_name={name}",
                "description=Laporan warga", f"village_code={VILLAGE}", "date_submitted=2025-11-20", env=laptop)
    assert "Sent 2, acknowledged 2" in village("sync", env=laptop)
    assert wait_for(province_dsn, "SELECT category, complainant FROM province.complaint_states") == \
        [("payment_delay", "Ani Lestari")]
    assert wait_for(province_dsn, "SELECT 1 FROM province.records WHERE table_name IN ('complaint', "
                                  "'complaint_event')", timeout=0) == []


def test_a_province_that_was_down_gets_what_its_district_committed_meanwhile(province, laptop, clusters):
    _malang, province_dsn = province
    clusters["province"].halt()
    try:
        register(laptop, "Dewi Lestari", "3507015505900002")  # the district hub works on without its province
    finally:
        clusters["province"].start()
    people = wait_for(province_dsn, "SELECT district_code, name FROM province.people WHERE nik = %s",
                      ("3507015505900002",))
    assert people == [(MALANG, "Dewi Lestari")]


def test_a_district_that_cannot_publish_is_refused_with_what_to_do(province, clusters):
    malang, province_dsn = province
    wrong = province_cli("publish", "--district", "35.73", "--database-url", malang.database_url, ok=False)
    assert "no hub tables in schema district_35_73" in wrong and "csearch_path%3Ddistrict_35_73" in wrong
    assert "not a district code like 35.07" in province_cli("publish", "--district", "3507", "--database-url",
                                                            malang.database_url, ok=False)
    with psycopg.connect(clusters["province"].dsn(), autocommit=True) as connection:
        connection.execute("CREATE DATABASE empty_province")
    refused = province_cli("subscribe", "--district", MALANG, "--dsn", clusters[MALANG].dsn("sws_hub"),
                           "--database-url", clusters["province"].dsn("empty_province"), ok=False)
    assert "run `init` first" in refused


def test_init_again_brings_the_province_tables_to_the_hub_version_it_runs(province):
    _malang, province_dsn = province
    assert "province tables already there" in province_cli("init", "--database-url", province_dsn)
    with psycopg.connect(province_dsn, autocommit=True) as connection:
        connection.execute("ALTER TABLE province.people DROP COLUMN phone")  # as a province of an older version
    assert "province tables and columns created: 1" in province_cli("init", "--database-url", province_dsn)
    with psycopg.connect(province_dsn, autocommit=True) as connection:
        partitions = connection.execute("SELECT table_schema FROM information_schema.columns "
                                        "WHERE table_name = 'people' AND column_name = 'phone' ORDER BY 1").fetchall()
    assert partitions == [("district_35_07",), ("district_35_73",), ("province",)]


def test_a_district_that_leaves_takes_its_rows_and_its_slot_and_can_join_again(province, clusters):
    _malang, province_dsn = province
    assert "district 35.73 left the province" in province_cli("leave", "--district", KOTA_MALANG,
                                                              "--database-url", province_dsn)
    assert "35.73" not in province_cli("status", "--database-url", province_dsn)
    with psycopg.connect(clusters[KOTA_MALANG].dsn("sws_hub"), autocommit=True) as district:
        assert district.execute("SELECT slot_name FROM pg_replication_slots").fetchall() == []
    with psycopg.connect(province_dsn, autocommit=True) as connection:
        assert connection.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'district_35_73'").fetchall() == []
    province_cli("subscribe", "--district", KOTA_MALANG, "--dsn", clusters[KOTA_MALANG].dsn("sws_hub"),
                 "--database-url", province_dsn)
    assert copied_tables(province_dsn, KOTA_MALANG) == [(13,)]
