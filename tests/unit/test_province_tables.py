"""The province's names and tables, as both sides of the replication must agree on them (no server needed)."""

import pytest
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from hub_server.models import Base
from hub_server.province import replication, tables


def test_a_district_code_names_its_schema_and_subscription():
    assert tables.district_schema("35.07") == "district_35_07"
    assert tables.subscription_name("81.71") == "province_81_71"
    assert tables.province_code("35.73") == "35"


@pytest.mark.parametrize("code", ["3507", "35.07\n", "35.07.01", "", "35.7", "35.07; DROP TABLE people"])
def test_anything_but_a_district_code_is_refused(code):
    with pytest.raises(tables.BadDistrictCode, match="not a district code like 35.07"):
        tables.district_schema(code)


def test_each_province_table_is_its_hub_table_keyed_and_partitioned_by_district():
    made = {table.name: table for table in replication.province_tables()}
    assert set(made) == set(tables.ALL_TABLES)
    for name, table in made.items():
        source = Base.metadata.tables[name]
        assert [c.name for c in table.columns] == ["district_code", *(c.name for c in source.columns)]
        assert [c.name for c in table.primary_key.columns] == ["district_code",
                                                               *(c.name for c in source.primary_key.columns)]
    sql = str(CreateTable(made["people"]).compile(dialect=postgresql.dialect()))
    assert "PARTITION BY LIST (district_code)" in sql and "BIGSERIAL" not in sql.upper()
    assert "CREATE TABLE province.people" in sql


def test_a_hub_url_becomes_a_connection_string_the_province_server_can_use():
    url = "postgresql+psycopg://repl:secret@hub-malang:5432/sws_hub?options=-csearch_path%3Ddistrict_35_07"
    assert replication.libpq_dsn(url) == \
        "postgresql://repl:secret@hub-malang:5432/sws_hub?options=-csearch_path%3Ddistrict_35_07"
    assert replication.libpq_dsn("host=hub dbname=sws_hub") == "host=hub dbname=sws_hub"


def test_a_refused_step_is_one_line_and_exit_status_1():
    from click.testing import CliRunner

    from hub_server.province.cli import main

    result = CliRunner().invoke(main, ["publish", "--district", "35.07", "--database-url",
                                       "host=127.0.0.1 port=1 dbname=none user=postgres connect_timeout=2"])
    assert result.exit_code == 1 and result.output.startswith("Error: cannot reach the database")
    assert "Traceback" not in result.output
