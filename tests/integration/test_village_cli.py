"""`sws-village` commands on a real data folder and a real hub on 127.0.0.1."""

import re

import pytest
from click.testing import CliRunner

from tests.integration.test_village_hub_standin import StandInHub
from village_client.cli import main


@pytest.fixture
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("SWS_VILLAGE_DATA_DIR", str(tmp_path / "laptop"))
    monkeypatch.setenv("SWS_VILLAGE_PIN", "123456")
    monkeypatch.setenv("SWS_VILLAGE_RETRY_BASE", "0.01")
    monkeypatch.setenv("SWS_VILLAGE_LANGUAGE", "en")
    runner = CliRunner()

    def invoke(*args, ok=True):
        result = runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)
        assert (result.exit_code == 0) == ok, result.output
        return result.output

    return invoke


def test_a_day_on_the_command_line(run, hub, tmp_path):
    assert "ready" in run("init", "--label", "Desa Sukamaju")
    assert "officer siti added" in run("officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    assert "enrolled as" in run("enroll", "--hub", hub.url, "--token", hub.issue_token())
    head = "name=Budi Santoso;birth_date=1980-01-02;sex=M;nik=3507010201800001"
    added = run("household", "add", "--officer", "siti", "kk_number=3507010101010001", "village_code=35.07.01.2001",
                "--member", head)
    person_id = added.strip().rsplit(" ", 1)[1]
    assert "updated" in run("person", "update", "--officer", "siti", person_id, "phone=081234567890")
    assert "recorded" in run("complaint", "add", "--officer", "siti", "category=payment_delay",
                             "complainant_name=Ani", "description=PKH belum cair", "village_code=35.07.01.2001",
                             "date_submitted=2025-11-20")
    assert "pending change-sets: 3" in run("status", "--no-check-hub")
    synced = run("sync")
    assert "Sent 3, acknowledged 3" in synced and "Round 1" in synced
    status = run("status")
    assert "pending change-sets: 0" in status and "hub reachable: yes" in status
    assert re.search(r"last successful sync: \d\d-\d\d-\d{4} \d\d:\d\d WIB$", status, re.M)


def test_bad_input_names_the_field_and_rule_and_exits_non_zero(run):
    run("init")
    run("officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    output = run("person", "add", "--officer", "siti", "name=Ani", "birth_date=2030-01-01", "sex=F", "village_code=1",
                 "nik_status=newborn", ok=False)
    assert "birth_date: Date of birth may not be after today" in output and "[date_future]" in output
    assert "village_code:" in output
    assert "pending change-sets: 0" in run("status", "--no-check-hub")


def test_a_wrong_pin_is_refused(run, monkeypatch):
    run("init")
    run("officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    monkeypatch.setenv("SWS_VILLAGE_PIN", "000000")
    assert "Wrong user name or PIN" in run("person", "add", "--officer", "siti", "name=Ani", ok=False)


def test_sync_before_enrolling_says_what_to_do(run):
    run("init")
    assert "not enrolled yet" in run("sync", ok=False)


def test_import_csv_reports_bad_rows_and_loads_the_rest(run, tmp_path):
    run("init")
    run("officer", "add", "kec.andi", "--name", "Andi", "--role", "sub_district_officer")
    csv_file = tmp_path / "warga.csv"
    csv_file.write_text("name,birth_date,sex,village_code,nik_status\nBudi,1980-01-02,M,35.07.01.2001,unregistered\n"
                        "Ani,1980-13-01,F,35.07.01.2001,unregistered\n", encoding="utf-8")
    output = run("import-csv", "--officer", "kec.andi", csv_file, ok=False)
    assert "line 3: birth_date:" in output and "[date_" in output and "1 people loaded" in output


def test_a_csv_row_that_is_not_utf8_is_refused_naming_its_line_and_the_rest_loads(run, tmp_path):
    run("init")
    run("officer", "add", "kec.andi", "--name", "Andi", "--role", "sub_district_officer")
    csv_file = tmp_path / "warga.csv"
    csv_file.write_bytes("name,birth_date,sex,village_code,nik_status\nBudi,1980-01-02,M,35.07.01.2001,unregistered\n"
                         "Dédé,1981-02-03,F,35.07.01.2001,unregistered\n".encode("cp1252"))
    output = run("import-csv", "--officer", "kec.andi", csv_file, ok=False)
    assert "line 3: name:" in output and "[not_utf8]" in output and "1 people loaded" in output
    assert "Traceback" not in output


def test_bundles_from_the_command_line(run, hub, tmp_path):
    run("init")
    run("enroll", "--hub", hub.url, "--token", hub.issue_token())
    assert "0 change-sets written" in run("export-bundle", tmp_path / "out.sws")
    (tmp_path / "junk.sws").write_bytes(b"not a bundle")
    assert "bundle_corrupt" in run("import-bundle", tmp_path / "junk.sws", ok=False)


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for path in (["init"], ["officer", "add"], ["enroll"], ["ui"], ["sync"], ["status"], ["export-bundle"],
                 ["import-bundle"], ["relay"], ["household", "add"], ["person", "add"], ["person", "update"],
                 ["complaint", "add"], ["import-csv"]):
        output = runner.invoke(main, [*path, "-h"]).output
        assert "Example" in output, path


def test_a_complaint_shows_the_programme_by_its_name_with_the_code_beside(run, tmp_path):
    import json

    from village_client.store import Store

    run("init")
    run("officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    with Store(tmp_path / "laptop") as store:  # as the hub's catalogue reaches the laptop (kind "programme")
        store.db["programme"].insert({"code": "PKH", "name": "Program Keluarga Harapan", "data": json.dumps({})})
    recorded = run("complaint", "add", "--officer", "siti", "category=payment_delay", "complainant_name=Ani",
                   "description=PKH belum cair", "village_code=35.07.01.2001", "programme_code=PKH")
    complaint_id = recorded.split()[1]
    run("complaint", "event", "--officer", "siti", complaint_id, "note", "text=Ditanyakan ke pendamping PKH")
    shown = run("complaint", "show", "--officer", "siti", complaint_id)
    assert "Programme code: Program Keluarga Harapan (PKH)" in shown
    assert re.search(r"^  \d+\. .* · siti: Note · Ditanyakan ke pendamping PKH$", shown, re.M), shown


def test_a_wrong_current_pin_is_refused_before_a_new_one_is_asked(run, tmp_path, monkeypatch):
    run("init")
    run("officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    monkeypatch.setenv("SWS_VILLAGE_PIN", "999999")
    monkeypatch.delenv("SWS_VILLAGE_NEW_PIN", raising=False)
    refused = run("officer", "pin", "--officer", "siti", ok=False)  # no input: a prompt for the new PIN would fail
    assert "login_failed" in refused and "New PIN" not in refused
    monkeypatch.setenv("SWS_VILLAGE_PIN", "123456")
    monkeypatch.setenv("SWS_VILLAGE_NEW_PIN", "24680135")
    assert "PIN of siti changed" in run("officer", "pin", "--officer", "siti")
    complaint = ("complaint", "add", "--officer", "siti", "category=payment_delay", "complainant_name=Ani",
                 "description=PKH belum cair", "village_code=35.07.01.2001")
    assert "login_failed" in run(*complaint, ok=False)  # the old PIN no longer logs her in
    monkeypatch.setenv("SWS_VILLAGE_PIN", "24680135")
    assert "recorded" in run(*complaint)
