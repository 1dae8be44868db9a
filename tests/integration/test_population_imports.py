"""Importing source extracts: ground truth found, re-imports, rejected rows, crosswalk, household history."""

import csv
import shutil

import pytest
from sqlalchemy import func, select

from hub_server.models.population import (
    Household,
    HouseholdKk,
    ImportBatch,
    ImportRowError,
    Inconsistency,
    Person,
    SourceEktp,
    SourceKk,
)
from hub_server.services.imports import pipeline
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    ACTOR,
    TODAY,
    district,
    import_all,
    population_db,
    wipe,
)

FAULT_KINDS = {"duplicated": "duplicate"}  # the generator's word -> the hub's


@pytest.fixture
def hub(population_db):  # noqa: F811
    wipe(population_db)
    return population_db


def read_csv(path) -> list:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path, rows: list, columns=None) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns or list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def open_findings(hub) -> dict:
    with hub.uow() as uow:
        rows = uow.session.execute(select(Inconsistency).where(Inconsistency.status == "open")).scalars()
        return {(row.nik, row.kind): row.sources for row in rows}


def test_every_planted_fault_is_found_as_its_kind_and_nothing_else(hub, district):  # noqa: F811
    import_all(hub, district, census=False)
    found = open_findings(hub)
    faults = read_csv(district / "faults.csv")
    planted = {(fault["nik"], FAULT_KINDS.get(fault["kind"], fault["kind"])) for fault in faults}
    assert set(found) - planted == set(), "flagged where nothing was planted"
    assert planted - set(found) == set(), "planted faults not found"
    for fault in faults:
        if fault["line"]:  # the faulty row itself is named, with its source and line
            sources = found[(fault["nik"], FAULT_KINDS.get(fault["kind"], fault["kind"]))]
            assert {"ektp.csv": "ektp", "kk.csv": "kk", "welfare.csv": "welfare"}[fault["source"]] in {
                side["source"] for side in sources if side["line"] == int(fault["line"])}, fault


def test_inconsistencies_name_each_source_value_and_the_village(hub, district):  # noqa: F811
    import_all(hub, district, census=False)
    found = open_findings(hub)
    spelling = next(fault for fault in read_csv(district / "faults.csv") if fault["kind"] == "name_spelling")
    values = {side["value"] for side in found[(spelling["nik"], "name_spelling")]}
    assert {spelling["true_value"], spelling["planted_value"]} <= values
    with hub.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(Inconsistency)
                                   .where(Inconsistency.village_code.is_(None))).scalar() == 0


def test_reimporting_a_newer_extract_updates_and_says_what_changed(hub, district, tmp_path):  # noqa: F811
    import_all(hub, district, census=False)
    rows = read_csv(district / "ektp.csv")
    with hub.uow() as uow:
        people_before = uow.session.execute(select(func.count()).select_from(Person)).scalar()
    newer = [dict(row) for row in rows[:-2]]  # two people gone from the extract
    for row in newer[10:13]:
        row["name"] = row["name"] + " Baru"
    newcomer = dict(rows[0], nik=rows[0]["nik"][:12] + "9876", name="Warga Pendatang")
    write_csv(tmp_path / "ektp.csv", newer + [newcomer])
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "ektp", tmp_path / "ektp.csv", actor=ACTOR, today=TODAY)
    gone = {row["nik"] for row in rows[-2:]}
    assert (report.new, report.changed, report.absent) == (1, 3, len(gone - {r["nik"] for r in newer}))
    assert report.fields == {"name": 3, "name_key": 3}
    with hub.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(Person)).scalar() == people_before + 1
        assert uow.session.execute(select(Person.name).where(Person.nik == newer[11]["nik"])).scalar() \
            == newer[11]["name"]
    with hub.uow() as uow:
        again = pipeline.import_file(uow, "ektp", tmp_path / "ektp.csv", actor=ACTOR, today=TODAY)
    assert (again.new, again.changed, again.absent) == (0, 0, 0)
    assert (again.inconsistencies["opened"], again.inconsistencies["cleared"]) == (0, 0)


def test_rows_that_break_a_rule_are_reported_and_the_rest_loads(hub, district, tmp_path):  # noqa: F811
    rows = read_csv(district / "ektp.csv")[:20]
    bad = [dict(rows[0], nik=rows[0]["nik"][:15]), dict(rows[1], birth_date="1990-02-30"),
           dict(rows[2], village_code="35.07.99.9999"), dict(rows[3], sex="X", occupation="astronaut")]
    write_csv(tmp_path / "ektp.csv", bad + rows[4:])
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "ektp", tmp_path / "ektp.csv", actor=ACTOR, today=TODAY)
    assert (report.read, report.failed) == (20, 4)
    assert report.loaded == 16 - report.extra["duplicate_rows"]
    found = {(error["line"], error["field"], error["rule"]) for error in report.errors}
    assert found == {(2, "nik", "id_length"), (3, "birth_date", "date_invalid"), (4, "village_code", "region_unknown"),
                     (5, "sex", "choice"), (5, "occupation", "choice")}
    with hub.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(ImportRowError)).scalar() == 5
        assert uow.session.execute(select(func.count()).select_from(SourceEktp)).scalar() == report.loaded
    message = pipeline.row_message("id_length", "nik", {"length": 15}, "en")
    assert "16 digits" in message and "NIK" in message


def test_a_nik_written_with_hyphens_in_a_family_card_extract_is_read_like_any_nik(hub, district, tmp_path):  # noqa: F811
    rows = read_csv(district / "kk.csv")[:20]
    nik = rows[0]["nik"]
    write_csv(tmp_path / "kk.csv", [dict(rows[0], nik=f"{nik[:6]}-{nik[6:12]}-{nik[12:]}")] + rows[1:])
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "kk", tmp_path / "kk.csv", actor=ACTOR, today=TODAY)
    assert (report.read, report.failed) == (20, 0)
    with hub.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(SourceKk).where(SourceKk.nik == nik)).scalar() == 1


def test_a_row_that_is_not_utf8_is_left_out_naming_its_line_and_the_rest_loads(hub, district, tmp_path):  # noqa: F811
    rows = read_csv(district / "ektp.csv")[:20]
    write_csv(tmp_path / "ektp.csv", rows)
    data = (tmp_path / "ektp.csv").read_bytes().replace(rows[2]["name"].encode(), "Dédé Surédja".encode("cp1252"), 1)
    (tmp_path / "ektp.csv").write_bytes(data)
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "ektp", tmp_path / "ektp.csv", actor=ACTOR, today=TODAY)
    assert (report.read, report.failed) == (20, 1)
    assert [(error["line"], error["field"], error["rule"]) for error in report.errors] == [(4, "name", "not_utf8")]
    with hub.uow() as uow:
        kept = uow.session.execute(select(ImportRowError.value)).scalar()
    assert kept == "Dédé Surédja"  # shown as its bytes most likely meant
    assert "UTF-8" in pipeline.row_message("not_utf8", "name", {}, "en")


def test_a_file_without_the_needed_columns_changes_nothing_and_is_recorded(hub, tmp_path):
    write_csv(tmp_path / "kk.csv", [{"nik": "3507015505900001", "name": "Siti"}])
    with pytest.raises(pipeline.ImportRefused) as refused, hub.uow() as uow:
        pipeline.import_file(uow, "kk", tmp_path / "kk.csv", actor=ACTOR, today=TODAY)
    assert refused.value.code == "import_columns_missing"
    assert "kk_number" in pipeline.describe(refused.value, "en")
    with hub.uow() as uow:
        batch = uow.session.execute(select(ImportBatch)).scalar_one()
        assert (batch.status, batch.summary["code"]) == ("failed", "import_columns_missing")


def test_bps_village_codes_are_mapped_through_the_crosswalk(hub, district, tmp_path):  # noqa: F811
    rows = read_csv(district / "ektp.csv")[:30]
    villages = sorted({row["village_code"] for row in rows})
    bps = {code: code[:2] + code[3:5] + "0" + code[6:8] + f"{index + 1:03d}" for index, code in enumerate(villages)}
    with pytest.raises(pipeline.ImportRefused, match="import_crosswalk_empty"), hub.uow() as uow:
        pipeline.import_file(uow, "ektp", district / "ektp.csv", actor=ACTOR, codes="bps", today=TODAY)
    write_csv(tmp_path / "crosswalk.csv", [{"bps_code": bps[code], "kemendagri_code": code, "name": "Desa"}
                                            for code in villages[1:]])
    coded = [dict(row, village_code=bps[row["village_code"]]) for row in rows]
    write_csv(tmp_path / "ektp.csv", coded)
    with hub.uow() as uow:
        assert pipeline.import_file(uow, "crosswalk", tmp_path / "crosswalk.csv", actor=ACTOR).new == len(villages) - 1
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "ektp", tmp_path / "ektp.csv", actor=ACTOR, codes="bps", today=TODAY)
    unmapped = [row for row in rows if row["village_code"] == villages[0]]
    assert report.failed == len(unmapped)
    assert {error["rule"] for error in report.errors} <= {"bps_code_unmapped"}
    with hub.uow() as uow:
        held = dict(uow.session.execute(select(Person.nik, Person.village_code)).all())
    assert all(held[row["nik"]] == row["village_code"] for row in rows if row["nik"] in held)


def test_a_new_family_card_continues_its_household(hub, district, tmp_path):  # noqa: F811
    import_all(hub, district, sources=("ektp", "kk"), census=False)
    rows = read_csv(district / "kk.csv")
    old = rows[0]["kk_number"]
    new = old[:6] + "010326" + "0001"  # re-issued on 1 March 2026 after a move
    renewed = [dict(row, kk_number=new, kk_issue_date="2026-03-01") if row["kk_number"] == old else row for row in rows]
    write_csv(tmp_path / "kk.csv", renewed)
    with hub.uow() as uow:
        household_before = uow.session.execute(select(Household.id).where(Household.kk_number == old)).scalar()
        report = pipeline.import_file(uow, "kk", tmp_path / "kk.csv", actor=ACTOR, today=TODAY)
    assert report.extra["households_continued"] == 1
    with hub.uow() as uow:
        assert uow.session.execute(select(Household.id).where(Household.kk_number == new)).scalar() == household_before
        history = uow.session.execute(select(HouseholdKk.kk_number).where(
            HouseholdKk.household_id == household_before)).scalars()
        assert set(history) == {old, new}


def test_a_census_fills_socio_economic_fields_by_nik(hub, district, tmp_path):  # noqa: F811
    reports = import_all(hub, district, sources=("ektp", "kk"), census=True)
    assert reports["census"].extra["not_in_population"] <= 2  # someone both extracts lack
    person = read_csv(district / "people.csv")[5]
    with hub.uow() as uow:
        held = uow.session.execute(select(Person).where(Person.nik == person["nik"])).scalar()
        assert (held.monthly_income, held.education is not None, held.socio_source) == (
            int(person["monthly_income"]), True, "census")


def test_importing_the_same_rows_twice_never_duplicates(hub, district, tmp_path):  # noqa: F811
    shutil.copy(district / "kk.csv", tmp_path / "kk.csv")
    for _ in range(2):
        with hub.uow() as uow:
            pipeline.import_file(uow, "kk", tmp_path / "kk.csv", actor=ACTOR, today=TODAY)
    with hub.uow() as uow:
        people = uow.session.execute(select(func.count(), func.count(func.distinct(Person.nik)))).one()
    assert people[0] == people[1]


def test_a_large_file_checked_in_worker_processes_loads_the_same(hub, district, tmp_path, monkeypatch):  # noqa: F811
    from hub_server.models.population import SourceKk
    from hub_server.services.imports import parse

    def held_rows():
        with hub.uow() as uow:
            return sorted(tuple(row)[:-1] for row in uow.session.execute(select(SourceKk.__table__)).all())

    with hub.uow() as uow:
        serial = pipeline.import_file(uow, "kk", district / "kk.csv", actor=ACTOR, today=TODAY)
    expected = held_rows()
    wipe(hub)
    monkeypatch.setattr(parse, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(parse, "CHUNK_LINES", 500)
    with hub.uow() as uow:
        parallel = pipeline.import_file(uow, "kk", district / "kk.csv", actor=ACTOR, today=TODAY)
    assert (parallel.read, parallel.loaded, parallel.failed) == (serial.read, serial.loaded, serial.failed)
    assert held_rows() == expected
