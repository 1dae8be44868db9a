"""Exports to the agencies on SQLite and PostgreSQL: the CSV's lines and columns against the report's small
fixed district (tests/integration/report_data.py), the XLSX read back, the audit entry with who and why, an
empty purpose refused naming the field with nothing written; the admin UI's page and `sws-hub export`."""

import csv
import io

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from sqlalchemy import select

from hub_server.cli import main as hub_cli
from hub_server.errors import Forbidden, Invalid
from hub_server.models import AuditLog
from hub_server.models.records import Record
from hub_server.reports import tables
from hub_server.services import exports, identity
from hub_server.services.actors import Actor, operator
from hub_server.services.apply import RecordState
from tests.integration import report_data as data

PURPOSE = "BPJS Kesehatan: pemutakhiran PBI Maret"


@pytest.fixture
def hub(app, database, tmp_path):
    data.build(database, tmp_path)
    _village_household(database)
    return database


def _village_household(database):
    """Wati, registered in V3 with a family card no extract holds: her household is proposed for DTSEN."""
    values = {"nik": "3507025009880001", "name": "Wati Susanti", "birth_date": "1988-09-10", "sex": "F",
              "birth_place": "Malang", "village_code": data.V3, "kk_number": "3507020909200009",
              "relationship": "head", "address_rt": "003", "address_rw": "001", "occupation": "farmer"}
    with database.uow() as uow:
        uow.session.add(Record(id="vthree2345-7", table_name="person", village_code=data.V3, data=values,
                               created_by=data.D4, created_seq=7))
        data._changeset(uow.session, data.D4, 7, data.utc(2026, 3, 22))
        uow.session.flush()
        identity.check(uow.session, [RecordState("person", "vthree2345-7", data.V3, dict(values),
                                                 values=dict(values), is_new=True, changed=True)],
                       data.utc(2026, 3, 22))
        uow.commit()


def _export(database, **choice):
    with database.uow() as uow:
        return exports.make(uow, operator("tester"), **{"fmt": "csv", "purpose": PURPOSE, **choice})


def _lines(made) -> list:
    text = tables.content(made).decode("utf-8")
    assert text.startswith(tables.BOM)
    return list(csv.DictReader(io.StringIO(text.removeprefix(tables.BOM))))


def _audit(database) -> list:
    """(actor, subject, detail) of each export entry of the audit log."""
    with database.uow() as uow:
        return [(entry.actor, entry.subject, entry.detail) for entry in uow.session.execute(
            select(AuditLog).where(AuditLog.action == "export.made").order_by(AuditLog.id)).scalars()]


def test_the_beneficiaries_of_a_programme_line_by_line(hub):
    lines = _lines(_export(hub, kind="beneficiaries", area="35.07.01", programme_code="OLD-D"))
    assert list(lines[0]) == list(exports.COLUMNS["beneficiaries"])
    # 60 or over on 1 March: Budi and Sri in V1, Eko in V2 (listed while he awaits verification); Joko applied
    # but is 36, so he is not on the list.
    assert [(line["village_code"], line["name"], line["list_status"], line["application_status"]) for line in lines] \
        == [(data.V1, "Budi Santoso", "listed", "approved"), (data.V1, "Sri Wahyuni", "listed", ""),
            (data.V2, "Eko Prasetyo", "awaiting", "")]
    budi = lines[0]
    assert budi["nik"] == "3507010101600001" and budi["kk_number"] == data.KK_A and budi["birth_date"] == "1960-01-01"
    assert budi["village_name"] == "Tulungrejo" and budi["list_version"] == "1" and budi["listed_on"] == "2026-03-15"
    assert budi["programme_code"] == "OLD-D" and budi["sex"] == "M" and budi["address_rt"] == "001"


def test_the_applications_of_a_programme_line_by_line(hub):
    lines = _lines(_export(hub, kind="applications", area="35.07", programme_code="OLD-D"))
    assert list(lines[0]) == list(exports.COLUMNS["applications"])
    by_name = {line["name"]: line for line in lines}
    assert set(by_name) == {"Budi Santoso", "Joko Widodo"}
    assert by_name["Budi Santoso"]["status"] == "approved" and by_name["Budi Santoso"]["status_date"] == "2026-03-20"
    assert by_name["Budi Santoso"]["pre_identified"] == "true" and by_name["Budi Santoso"]["counted"] == "true"
    assert by_name["Joko Widodo"]["status"] == "applied" and by_name["Joko Widodo"]["record_id"] == f"{data.D2}-9"
    ahmad = _lines(_export(hub, kind="applications", area="35.07.02", programme_code="HH-N"))
    assert [(line["name"], line["status"], line["justification"]) for line in ahmad] == [
        ("Ahmad Fauzi", "rejected", "Bukan keluarga sasaran menurut musyawarah")]


def test_the_households_proposed_for_dtsen_are_those_no_source_holds(hub):
    lines = _lines(_export(hub, kind="dtsen", area="35.07", programme_code=None))
    assert list(lines[0]) == list(exports.COLUMNS["dtsen"])
    assert [(line["name"], line["kk_number"], line["village_code"], line["head"], line["verification"])
            for line in lines] == [("Wati Susanti", "3507020909200009", data.V3, "true", "awaiting")]
    assert lines[0]["registered_on"] == "2026-03-22" and lines[0]["address_rt"] == "003"
    assert _lines(_export(hub, kind="dtsen", area="35.07.01", programme_code=None)) == []  # Dewi's card is a source's


def test_each_export_is_in_the_audit_log_with_who_and_why(hub):
    _export(hub, kind="beneficiaries", area="35.07.01", programme_code="OLD-D")
    [(actor, subject, detail)] = _audit(hub)
    assert actor == "cli:tester" and subject == "export:beneficiaries"
    assert detail == {"kind": "beneficiaries", "programme": "OLD-D", "area": "35.07.01", "format": "csv",
                            "purpose": PURPOSE, "rows": 3}


@pytest.mark.parametrize("purpose", ["", "   "])
def test_an_empty_purpose_is_refused_naming_the_field_and_nothing_is_written(hub, purpose):
    with pytest.raises(Invalid) as refused:
        _export(hub, kind="beneficiaries", area="35.07.01", programme_code="OLD-D", purpose=purpose)
    assert [(error.field, error.rule) for error in refused.value.errors] == [("purpose", "required")]
    assert _audit(hub) == []


def test_bad_choices_are_refused_naming_each_field(hub):
    with pytest.raises(Invalid) as refused:
        _export(hub, kind="everything", area="35", programme_code=None, fmt="pdf")
    assert {error.field for error in refused.value.errors} == {"kind", "format", "area"}
    with pytest.raises(Invalid) as refused:
        _export(hub, kind="dtsen", area="35.07", programme_code=None, purpose="x" * 501)
    assert [(error.field, error.rule) for error in refused.value.errors] == [("purpose", "max_length")]
    with pytest.raises(Invalid) as refused:
        _export(hub, kind="applications", area="35.07", programme_code="NOPE")
    assert [(error.field, error.rule) for error in refused.value.errors] == [("programme", "unknown_programme")]
    assert _audit(hub) == []


def test_an_officer_exports_their_own_area_only(hub):
    officer = Actor("user:camat", "sub_district_officer", area="35.07.02")
    with hub.uow() as uow, pytest.raises(Forbidden):
        exports.make(uow, officer, kind="dtsen", area="35.07", programme_code=None, fmt="csv", purpose=PURPOSE)
    with hub.uow() as uow:
        made = exports.make(uow, officer, kind="dtsen", area="35.07.02", programme_code=None, fmt="csv",
                            purpose=PURPOSE)
    assert len(made.rows) == 1
    with hub.uow() as uow, pytest.raises(Forbidden):
        exports.make(uow, Actor("user:lihat", "viewer"), kind="dtsen", area="35.07", programme_code=None, fmt="csv",
                     purpose=PURPOSE)


def test_the_xlsx_holds_the_same_lines_with_numbers_kept_as_text(hub):
    made = _export(hub, kind="beneficiaries", area="35.07.01", programme_code="OLD-D", fmt="xlsx")
    sheet = load_workbook(io.BytesIO(tables.content(made))).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(exports.COLUMNS["beneficiaries"])
    csv_lines = _lines(_export(hub, kind="beneficiaries", area="35.07.01", programme_code="OLD-D"))
    assert [row[rows[0].index("nik")] for row in rows[1:]] == [line["nik"] for line in csv_lines]
    assert isinstance(rows[1][rows[0].index("nik")], str) and rows[1][rows[0].index("list_version")] == 1


def test_the_page_downloads_and_sends_back_an_empty_purpose_beside_the_field(hub, client, hub_users):
    hub_users.login(client)
    page = client.get("/exports/").get_data(as_text=True)
    assert 'href="/exports/"' in page and "35.07.01 Donomulyo" in page and "OLD-D · Lansia uji" in page
    form = {"kind": "beneficiaries", "programme": "OLD-D", "area": "35.07.01", "format": "csv", "purpose": ""}
    refused = hub_users.post(client, "/exports/", **form)
    body = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'data-field="purpose">Wajib diisi.' in body
    assert 'value="OLD-D" selected' in body and _audit(hub) == []
    made = hub_users.post(client, "/exports/", **{**form, "purpose": PURPOSE, "format": "xlsx"})
    assert made.status_code == 200 and "ekspor-beneficiaries-OLD-D-35.07.01.xlsx" in made.headers["Content-Disposition"]
    assert made.data.startswith(b"PK") and _audit(hub)[0][0] == "user:admin"
    assert "data diekspor" in client.get("/admin/audit").get_data(as_text=True)


def test_the_command_line_writes_the_export_and_refuses_an_empty_purpose(hub, app, tmp_path):
    env = {"SWS_HUB_DATA_DIR": app.config["DATA_DIR"], "SWS_HUB_DATABASE_URL": app.config["DATABASE_URL"]}
    runner = CliRunner(env=env)
    out = tmp_path / "old.csv"
    made = runner.invoke(hub_cli, ["export", "applications", "--programme", "OLD-D", "--area", "35.07", "--purpose",
                                   PURPOSE, "--output", str(out)], catch_exceptions=False)
    assert made.exit_code == 0 and "2 rows" in made.output
    assert {line["name"] for line in csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))} == {
        "Budi Santoso", "Joko Widodo"}
    refused = runner.invoke(hub_cli, ["export", "dtsen", "--area", "35.07"])
    assert refused.exit_code == 1 and "purpose" in refused.output and len(_audit(hub)) == 1
