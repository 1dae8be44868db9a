"""`sws-hub import`, `inconsistencies`, `catalogue`, `match` and `lists` on a real data folder."""

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import hub_server
from hub_server.cli.common import CONTEXT, HubGroup, data_dir_option
from hub_server.cli.population import COMMANDS
from hub_server.cli.setup import init
from schemas.local_time import WIB, today_in
from tests.integration.test_population_support import district  # noqa: F401  (fixture)


@click.group(cls=HubGroup, context_settings=CONTEXT)
@data_dir_option
def hub_cli():
    """The hub's command line with the population commands, as `sws-hub` has them."""


for _command in (init, *COMMANDS):
    hub_cli.add_command(_command)


@pytest.fixture
def run(tmp_path):
    runner = CliRunner(env={"SWS_HUB_ADMIN_PASSWORD": "kata-sandi-admin-1", "LANG": "en_GB.UTF-8"})

    def invoke(*args, ok=True):
        result = runner.invoke(hub_cli, ["--data-dir", str(tmp_path / "hub"), *map(str, args)], catch_exceptions=False)
        assert (result.exit_code == 0) == ok, result.output
        return result.output

    invoke("init")
    return invoke


def test_a_district_from_extracts_to_published_lists(run, district, tmp_path):  # noqa: F811
    out = run("import", "ektp", district / "ektp.csv")
    assert "ektp.csv:" in out and "new" in out and "inconsistencies:" in out
    run("import", "kk", district / "kk.csv")
    run("import", "welfare", district / "welfare.csv")
    assert "0 left out" in run("import", "census", district / "people.csv")
    assert "name_spelling" in run("inconsistencies", "--kind", "name_spelling", "--limit", "3")
    shipped = json.loads((Path(hub_server.__file__).parent / "catalogue" / "malang.json").read_text())
    assert f"{len(shipped)} programme(s) saved" in run("catalogue", "load")
    assert "BPJS-K3" in run("catalogue")
    assert json.loads(run("catalogue", "show", "JSLU"))["quota"] == 3458
    matched = run("match", "--on", "2026-03-01")
    assert "PKH" in matched and "new village versions" in matched
    assert "whole" in run("lists", "--programme", "PKH", "--limit", "2")


def test_refusals_are_one_clear_line(run, tmp_path):
    (tmp_path / "bad.csv").write_text("nik,name\n3507015505900001,Siti\n", encoding="utf-8")
    assert "lacks the columns: kk_number, village_code" in run("import", "kk", tmp_path / "bad.csv", ok=False)
    (tmp_path / "catalogue.json").write_text(json.dumps([{"code": "X1", "name": "Uji", "guarantee": "health",
                                                          "level": "national", "benefit": "Uji",
                                                          "eligibility_rule": {"fact": "age", "op": "gt"}}]))
    refused = run("catalogue", "load", tmp_path / "catalogue.json", ok=False)
    assert "X1.eligibility_rule" in refused and "not saved" in refused
    assert "use YYYY-MM-DD" in run("match", "--on", "1/3/2026", ok=False)


def test_a_match_without_a_date_lists_on_the_district_s_day(run):
    # The district of a fresh hub is in WIB: its day, not the UTC one (a day behind from midnight to 07:00 WIB).
    assert f"on {today_in(WIB).isoformat()}:" in run("match")


def test_rejected_rows_are_listed_by_batch(run, district, tmp_path):  # noqa: F811
    lines = (district / "ektp.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",M,", ",X,").replace(",F,", ",X,")
    (tmp_path / "ektp.csv").write_text("\n".join(lines[:10]) + "\n", encoding="utf-8")
    out = run("import", "ektp", tmp_path / "ektp.csv")
    assert "1 left out" in out and "line 4: sex:" in out
    assert "line 4: sex = 'X'" in run("inconsistencies", "--batch", "1")
