"""Claims at the hub (SQLite and PostgreSQL): recorded on a laptop or at the hub, passed to the agency in an
export, answered paid or refused from the agency's file or the claim page, each step in the audit log and in the
village's feed; whatever is refused changes nothing, and reading the same answers again changes nothing."""

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from hub_server.errors import Forbidden, Invalid
from hub_server.models import AuditLog, Record
from hub_server.models.claims import ClaimStateRow
from hub_server.models.payments import Membership
from hub_server.models.population import Person
from hub_server.services import catalogue, claim_exports, claim_intake, claims, paging, users
from hub_server.services.actors import Actor, operator
from hub_server.services.ingest import sync
from schemas.errors import ValidationFailure
from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from sync_protocol.changeset import Operation
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import OTHER_VILLAGE, VILLAGE, enroll, request
from tests.unit.protocol_helpers import Device, valid_record

NIK, OTHER_NIK = "3507015505900001", "3507010101800003"
ADMIN = Actor("user:kabupaten", "district_admin")


@pytest.fixture
def hub(database, hub_key):
    laptops = {"village": Device(31, officer="siti.aminah"), "other": Device(32)}
    enroll(database, laptops["village"])
    enroll(database, laptops["other"], scope=(OTHER_VILLAGE,))
    with database.uow() as uow:
        catalogue.load_file(uow, actor="cli:test")
        for name, role, extra in (("kabupaten", "district_admin", {}), ("camat2", "sub_district_officer",
                                                                         {"area": "35.07.02"}),
                                  ("lihat", "viewer", {})):
            users.add_user(uow, operator("test"), name, "kata-sandi-uji-1", role, **extra)
        for person_id, nik, name, number in ((1, NIK, "Siti Aminah", "12030045678"),
                                             (2, OTHER_NIK, "Bambang Sutrisno", "0001112223334")):
            uow.session.add(Person(id=person_id, nik=nik, name=name, name_key=name.lower(), village_code=VILLAGE))
            programme = "ASKESOS" if person_id == 1 else "BPJS-PBI"
            uow.session.add(Membership(person_id=person_id, nik=nik, programme_code=programme, village_code=VILLAGE,
                                       number=number, payer="self", monthly_contribution=16800,
                                       start_date=dt.date(2026, 1, 1), created_at=dt.datetime.now(dt.UTC),
                                       created_by="cli:test"))
        uow.commit()
    return {"database": database, "laptops": laptops, "key": hub_key.private_key,
            "public": hub_key.private_key.public_key().public_bytes_raw()}


def sync_as(hub, name, *changesets, cursor=""):
    laptop = hub["laptops"][name]
    with hub["database"].uow(immediate=True) as uow:
        reply = sync(uow, request(laptop, changesets, cursor=cursor), hub["key"])
    page = open_page(reply["feed"], hub["public"], laptop.device_id)
    return reply, list(page.entries), page.cursor


def laptop_claim(hub, **fields) -> str:
    laptop = hub["laptops"]["village"]
    claim_id = laptop.new_id()
    values = valid_record("claim", village_code=VILLAGE, person_id=None, officer="siti.aminah", **fields)
    reply, _, _ = sync_as(hub, "village", laptop.changeset(Operation("create", "claim", claim_id, values)))
    assert reply["summary"]["applied"] == 1, reply
    return claim_id


def row(database, claim_id):
    with database.uow() as uow:
        found = uow.session.get(ClaimStateRow, claim_id)
        return SimpleNamespace(**{column.name: getattr(found, column.name) for column in ClaimStateRow.__table__.c})


def counts(database) -> tuple:
    """(records, audit entries): what a refused step must leave as it was."""
    with database.uow() as uow:
        return (uow.session.execute(select(func.count()).select_from(Record)).scalar(),
                uow.session.execute(select(func.count()).select_from(AuditLog)).scalar())


def export(database, tmp_path, programme="ASKESOS", name="claims-askesos.csv") -> tuple:
    out = tmp_path / name
    with database.uow(immediate=True) as uow:
        count = claim_exports.export(uow, operator("test"), programme, out, reason="BPJS TK Malang: klaim Maret")
    return count, list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))


def outcomes(database, *rows) -> dict:
    text = ",".join(claim_exports.OUTCOME_COLUMNS) + "\n" + "".join(",".join(row) + "\n" for row in rows)
    with database.uow(immediate=True) as uow:
        return claim_exports.read_outcomes(uow, operator("test"), text, file_name="outcome.csv", lang="en")


def test_a_laptop_claim_is_derived_with_its_missing_documents_and_listed(hub):
    claim_id = laptop_claim(hub)
    found = row(hub["database"], claim_id)
    assert (found.status, found.programme_code, found.claim_kind, found.missing) == ("recorded", "ASKESOS",
                                                                                      "work_injury", 1)
    with hub["database"].uow() as uow:
        page = claims.page(uow.session, ADMIN, claims.Filters(programme="askesos", status="recorded"), paging.Order())
        assert [item["claim_id"] for item in page.items] == [claim_id]
        assert claims.page(uow.session, ADMIN, claims.Filters(status="paid"), paging.Order()).total == 0
        assert claims.page(uow.session, ADMIN, claims.Filters(search="siti"), paging.Order()).total == 1
        elsewhere = Actor("user:camat2", "sub_district_officer", area="35.07.02")
        assert claims.page(uow.session, elsewhere, claims.Filters(), paging.Order()).total == 0
        file = claims.claim_file(uow.session, ADMIN, claim_id)
        assert file["state"].missing_documents == ("accident_report",)
        with pytest.raises(Forbidden):
            claims.claim_file(uow.session, elsewhere, claim_id)


def test_a_laptop_may_not_write_the_hubs_steps(hub):
    claim_id = laptop_claim(hub)
    laptop = hub["laptops"]["village"]
    paid = valid_record("claim_event", claim_id=claim_id, officer="siti.aminah", step=1)
    laptop.officer = "siti.aminah"
    reply, _, _ = sync_as(hub, "village", laptop.changeset(Operation("create", "officer", laptop.new_id(),
                                                                     valid_record("officer", username="siti.aminah",
                                                                                  role="village_secretary"))))
    reply, _, _ = sync_as(hub, "village", laptop.changeset(Operation("append", "claim_event", laptop.new_id(), paid)))
    assert reply["summary"]["applied"] == 0 and row(hub["database"], claim_id).status == "recorded"


def test_recorded_at_the_hub_for_a_member_only_every_error_named_and_nothing_saved(hub):
    form = {"nik": NIK, "programme_code": "askesos", "card_number": "", "claim_kind": "death",
            "happened_on": "2026-03-02", "amount_claimed": "42.000.000",
            "documents_present": ["bpjs_card", "ktp", "kk", "death_certificate", "heir_letter"], "notes": ""}
    before = counts(hub["database"])
    for wrong, field, rule in (({"nik": OTHER_NIK}, "programme_code", "claim_no_membership"),
                               ({"card_number": "999"}, "card_number", "claim_card_mismatch"),
                               ({"claim_kind": "hospital_bill"}, "claim_kind", "claim_kind_not_paid"),
                               ({"documents_present": ["ktp", "kia_book"]}, "documents_present.1",
                                "claim_document_unknown"),
                               ({"happened_on": "2099-01-01"}, "happened_on", "date_future"),
                               ({"programme_code": ""}, "programme_code", "required")):
        with hub["database"].uow(immediate=True) as uow, pytest.raises(ValidationFailure) as caught:
            claim_intake.record(uow, ADMIN, {**form, **wrong}, lang="en")
        assert (field, rule) in [(error.field, error.rule) for error in caught.value.errors], caught.value.errors
    with hub["database"].uow(immediate=True) as uow, pytest.raises(ValidationFailure) as caught:
        claim_intake.record(uow, ADMIN, {**form, "nik": OTHER_NIK}, lang="en")
    assert [error.field for error in caught.value.errors] == ["programme_code"]  # nothing about what it would take
    assert "3507010101800003 is not a member of ASKESOS" in caught.value.as_dicts("en")[0]["message"]
    assert counts(hub["database"]) == before
    with hub["database"].uow(immediate=True) as uow:
        saved = claim_intake.record(uow, ADMIN, form, lang="en")
    found = row(hub["database"], saved.id)
    assert saved.id.startswith("hub-claim-") and (found.card_number, found.name, found.amount_claimed, found.missing) \
        == ("12030045678", "Siti Aminah", 42_000_000, 0)
    _, entries, _ = sync_as(hub, "village")
    assert saved.id in [entry["id"] for entry in entries if entry.get("table") == "claim"]
    with hub["database"].uow() as uow:
        assert uow.session.execute(select(AuditLog.action).where(AuditLog.subject == f"claim:{saved.id}")).scalar() \
            == "claim.recorded"


def test_exported_once_then_paid_or_refused_from_the_agencys_file_and_a_second_read_changes_nothing(hub, tmp_path):
    first, second = laptop_claim(hub), laptop_claim(hub, claim_kind="death", notes=None,
                                                     documents_present=["ktp", "death_certificate"])
    laptop_claim(hub, programme_code="BPJS-PBI", claim_kind="hospital_bill", documents_present=["ktp"])
    count, rows = export(hub["database"], tmp_path)
    assert count == 2 and {item["claim_id"] for item in rows} == {first, second}
    assert list(rows[0]) == list(claim_exports.COLUMNS)
    by_id = {item["claim_id"]: item for item in rows}
    assert by_id[second]["documents_missing"] == "bpjs_card kk heir_letter"
    assert by_id[first]["village_name"] == "Tulungrejo" and by_id[first]["amount_claimed"] == "1850000"
    assert row(hub["database"], first).status == "passed_to_agency"
    assert export(hub["database"], tmp_path, name="again.csv") == (0, [])
    with hub["database"].uow() as uow:
        logged = uow.session.execute(select(AuditLog).where(AuditLog.action == "claims.export")
                                     .order_by(AuditLog.id)).scalars().first()
        assert (logged.actor, logged.detail["reason"], logged.detail["rows"]) == ("cli:test",
                                                                                   "BPJS TK Malang: klaim Maret", 2)
    today = today_in().isoformat()
    answers = ([first, "paid", "1850000", today, "", "JKK/3507/2026/0042", ""],
               [second, "refused", "", "", "documents_incomplete", "", "Surat ahli waris belum ada"])
    assert outcomes(hub["database"], *answers) == {"paid": 1, "refused": 1, "unchanged": 0}
    paid, refused = row(hub["database"], first), row(hub["database"], second)
    assert (paid.status, paid.amount_paid, paid.paid_on) == ("paid", 1_850_000, today)
    assert (refused.status, refused.refusal_reason) == ("refused", "documents_incomplete")
    before = counts(hub["database"])
    assert outcomes(hub["database"], *answers) == {"paid": 0, "refused": 0, "unchanged": 2}
    assert counts(hub["database"])[0] == before[0]
    _, entries, _ = sync_as(hub, "village")
    steps = [entry["data"] for entry in entries if entry.get("table") == "claim_event"]
    assert {(step["claim_id"], step["kind"]) for step in steps} >= {(first, "submitted_to_agency"), (first, "paid"),
                                                                     (second, "refused")}


def test_a_bad_outcome_file_is_reported_by_line_and_saves_nothing(hub, tmp_path):
    first, waiting = laptop_claim(hub), laptop_claim(hub, programme_code="BPJS-PBI", claim_kind="hospital_bill",
                                                     documents_present=["ktp"])
    export(hub["database"], tmp_path)
    before = counts(hub["database"])
    today = today_in().isoformat()
    with pytest.raises(Invalid) as caught:
        outcomes(hub["database"], [first, "paid", "1850000", today, "", "", ""],
                 [waiting, "paid", "900000", today, "", "", ""],
                 ["nosuch-claim-1", "refused", "", "", "duplicate", "", ""],
                 [first, "refused", "", "", "because", "", ""], [first, "lost", "", "", "", "", ""])
    found = {(error.field, error.rule) for error in caught.value.errors}
    assert {("line.3.kind", "claim_not_passed"), ("line.4.claim_id", "claim_unknown"),
            ("line.5.refusal_reason", "choice"), ("line.6.outcome", "choice")} <= found, found
    assert counts(hub["database"]) == before and row(hub["database"], first).status == "passed_to_agency"


def test_the_claim_pages_form_records_answers_and_refuses_steps_out_of_order(hub, tmp_path):
    claim_id = laptop_claim(hub)
    before = counts(hub["database"])
    with hub["database"].uow(immediate=True) as uow, pytest.raises(ValidationFailure) as caught:
        claims.answer(uow, ADMIN, claim_id, {"kind": "paid", "amount_paid": "100", "paid_on": "2026-03-10"})
    assert [error.rule for error in caught.value.errors] == ["claim_not_passed"]
    assert counts(hub["database"]) == before
    export(hub["database"], tmp_path)
    with hub["database"].uow(immediate=True) as uow, pytest.raises(ValidationFailure) as caught:
        claims.answer(uow, ADMIN, claim_id, {"kind": "refused", "refusal_reason": "other"})
    assert [(error.field, error.rule) for error in caught.value.errors] == [("text", "event_field_required")]
    with hub["database"].uow(immediate=True) as uow:
        claims.answer(uow, ADMIN, claim_id, {"kind": "refused", "refusal_reason": "late_claim"})
    with hub["database"].uow(immediate=True) as uow, pytest.raises(ValidationFailure) as caught:
        claims.answer(uow, ADMIN, claim_id, {"kind": "paid", "amount_paid": "100",
                                             "paid_on": today_in().isoformat()})
    assert [error.rule for error in caught.value.errors] == ["claim_settled"]
    viewer = Actor("user:lihat", "viewer")
    with hub["database"].uow(immediate=True) as uow, pytest.raises(Forbidden):
        claims.answer(uow, viewer, claim_id, {"kind": "note", "text": "Sudah diberi tahu."})
    with hub["database"].uow(immediate=True) as uow:
        claims.answer(uow, ADMIN, claim_id, {"kind": "note", "text": "Keluarga sudah diberi tahu."})
        actions = list(uow.session.execute(select(AuditLog.action).where(AuditLog.subject == f"claim:{claim_id}")
                                           .order_by(AuditLog.id)).scalars())
    assert actions == ["claim.submitted_to_agency", "claim.refused", "claim.note"]
    assert row(hub["database"], claim_id).status == "refused"


def answered_this_month(hub, tmp_path) -> dt.date:
    """Two ASKESOS claims (one recorded in March, one in April) passed and answered today, one paid Rp1.850.000 and
    one refused; a BPJS-PBI claim recorded in March and still open. Returns today."""
    paid, refused = laptop_claim(hub), laptop_claim(hub, recorded_on="2026-04-02")
    laptop_claim(hub, programme_code="BPJS-PBI", claim_kind="hospital_bill", documents_present=["ktp"])
    export(hub["database"], tmp_path)
    today = today_in()
    outcomes(hub["database"], [paid, "paid", "1850000", today.isoformat(), "", "", ""],
             [refused, "refused", "", "", "late_claim", "", ""])
    return today


def test_the_monthly_claim_figures_per_village_and_programme(hub, tmp_path):
    from hub_server.services.reports import claims as claim_report
    from hub_server.services.reports.period import area, month

    today = answered_this_month(hub, tmp_path)
    with hub["database"].uow() as uow:
        march = claim_report.statistics(uow.session, area("35.07.01"), month("2026-03"), {})[VILLAGE]
        april = claim_report.statistics(uow.session, area("35.07"), month("2026-04"), {})[VILLAGE]
        now = claim_report.statistics(uow.session, area(VILLAGE), month(today.isoformat()[:7]), {})[VILLAGE]
        assert claim_report.statistics(uow.session, area("35.07.02"), month("2026-03"), {}) == {}
    assert {key: value for key, value in march.items() if value} == {
        ("ASKESOS", "claims_received"): 1, ("ASKESOS", "claims_open"): 1, ("BPJS-PBI", "claims_received"): 1,
        ("BPJS-PBI", "claims_open"): 1}
    assert (april[("ASKESOS", "claims_received")], april[("ASKESOS", "claims_open")]) == (1, 2)
    assert {key: value for key, value in now.items() if value} == {
        ("ASKESOS", "claims_passed"): 2, ("ASKESOS", "claims_paid"): 1, ("ASKESOS", "claims_paid_amount"): 1_850_000,
        ("ASKESOS", "claims_refused"): 1, ("BPJS-PBI", "claims_open"): 1}


def test_the_export_command_refuses_a_missing_folder_or_reason_and_marks_nothing(hub, tmp_path, app):
    from click.testing import CliRunner

    from hub_server.cli import main as hub_cli

    claim_id = laptop_claim(hub)
    runner, data_dir = CliRunner(), app.config["DATA_DIR"]
    missing = runner.invoke(hub_cli, ["--data-dir", str(data_dir), "claims", "export", "--programme", "ASKESOS",
                                      "--out", str(tmp_path / "nowhere" / "c.csv"), "--reason", "BPJS"])
    assert missing.exit_code != 0 and "is not a folder" in missing.output
    blank = runner.invoke(hub_cli, ["--data-dir", str(data_dir), "claims", "export", "--programme", "ASKESOS",
                                    "--out", str(tmp_path / "c.csv"), "--reason", " "])
    unknown = runner.invoke(hub_cli, ["--data-dir", str(data_dir), "claims", "export", "--programme", "NOPE",
                                      "--out", str(tmp_path / "c.csv"), "--reason", "BPJS"])
    assert blank.exit_code != 0 and unknown.exit_code != 0 and not (tmp_path / "c.csv").exists()
    assert row(hub["database"], claim_id).status == "recorded"


def test_the_finance_report_counts_the_claims_per_programme(hub, tmp_path):
    from hub_server.services.reports import finance

    today = answered_this_month(hub, tmp_path)
    with hub["database"].uow() as uow:
        report = finance.build(uow.session, "35.07", today.isoformat()[:7], now=dt.datetime.now(dt.UTC))
    section = report.sections["claims"]
    found = {row["key"]: tuple(row[column] for column in section.columns) for row in section.rows}
    # received, passed, paid, amount paid, refused, open: as the monthly claim figures above say for this month
    assert found == {"ASKESOS": (0, 2, 1, 1_850_000, 1, 0), "BPJS-PBI": (0, 0, 0, 0, 0, 1),
                     "total": (0, 2, 1, 1_850_000, 1, 1)}


def test_a_laptop_claim_without_a_membership_at_the_hub_on_the_day_is_flagged_and_held_back(hub, tmp_path):
    member = laptop_claim(hub)
    unknown_card = laptop_claim(hub, card_number="99999999999")  # the laptop's copy held a card the hub never made
    before_start = laptop_claim(hub, happened_on="2025-12-20")  # the membership starts on 1 January 2026
    database = hub["database"]
    with database.uow() as uow:
        listed = claims.page(uow.session, ADMIN, claims.Filters(), paging.Order())
        flagged = claims.page(uow.session, ADMIN, claims.Filters(member="no"), paging.Order())
        assert claim_exports.held_back(uow.session, ADMIN, "askesos") == 2
    assert {item["claim_id"]: item["member"] for item in listed.items} == {member: True, unknown_card: False,
                                                                           before_start: False}
    assert {item["claim_id"] for item in flagged.items} == {unknown_card, before_start}
    count, rows = export(database, tmp_path)
    assert count == 1 and [item["claim_id"] for item in rows] == [member]
    assert (row(database, unknown_card).status, row(database, before_start).status) == ("recorded", "recorded")
    with database.uow() as uow:  # the district finds the membership began earlier: corrected, the claim goes next
        found = uow.session.execute(select(Membership).where(Membership.nik == NIK)).scalars().one()
        found.start_date = dt.date(2025, 12, 1)
        uow.commit()
    count, rows = export(database, tmp_path, name="next.csv")
    assert count == 1 and [item["claim_id"] for item in rows] == [before_start]


def test_the_claims_page_marks_and_filters_claims_of_people_not_members_at_the_hub(client, hub_users, hub):
    laptop_claim(hub)
    laptop_claim(hub, card_number="99999999999", name="Sri Wahyuni")
    hub_users.login(client, "kabupaten", "kata-sandi-uji-1")
    page = client.get("/claims/").get_data(as_text=True)
    assert page.count("data-no-member") == 1 and "Bukan peserta di hub pada hari kejadian" in page
    only = client.get("/claims/?member=no").get_data(as_text=True)
    assert "Sri Wahyuni" in only and only.count('data-claim="') == 1
