"""A district database that cannot feed a province is refused with what to do, and left unchanged."""

import pytest

from hub_server.province import replication

pytestmark = pytest.mark.postgres


def test_a_district_database_without_logical_wal_is_refused_and_left_unchanged(pg_url):
    with replication.connect(pg_url) as connection:
        if connection.execute("SHOW wal_level").fetchone()[0] == "logical":
            pytest.skip("the server on 127.0.0.1:5432 runs with wal_level = logical (the province test covers it)")
        with pytest.raises(replication.ProvinceError, match="wal_level is not 'logical': set wal_level = logical"):
            replication.publish(connection, "35.07")
        assert connection.execute("SELECT count(*) FROM pg_publication WHERE pubname = %s",
                                  (replication.PUBLICATION,)).fetchone()[0] == 0


def test_an_unreachable_database_is_named_as_such():
    with pytest.raises(replication.ProvinceError, match="cannot reach the database"):
        replication.connect("host=127.0.0.1 port=1 dbname=none user=postgres connect_timeout=2")
