"""Claims on a real laptop database: recorded offline for a member only, against the catalogue's checklist, refused
naming the field and saving nothing; the hub's steps arriving from the feed show paid with the amount, or refused
with the reason; the command line, and the claim form and list of the laptop's UI in both languages."""

import json

import pytest
from click.testing import CliRunner

from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from tests.integration.test_village_cases import outbox_ops
from tests.integration.test_village_field_checks import login
from tests.integration.test_village_programme_info import SHIPPED
from village_client import claims, incoming, memberships
from village_client.cli import main as village_cli
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.records import InvalidRecord, Officer
from village_client.store import open_store

VILLAGE = "35.07.01.2001"
SITI = Officer("siti", "Siti Aminah", "village_secretary")
RINA = Officer("rina", "Rina Wati", "midwife")
MEMBER, OTHER = "3507015505900001", "3507014403820002"
CARD = "12030045678"
TODAY = today_in()
CLAIM = {"nik": MEMBER, "programme_code": "ASKESOS", "claim_kind": "work_injury", "happened_on": "2026-03-01",
         "documents_present": "bpjs_card,ktp,medical_letter", "amount_claimed": "1.850.000"}


@pytest.fixture
def data_dir(tmp_path):
    data_dir = tmp_path / "desa"
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        store.update_device(scope=[VILLAGE])
        for officer, pin in ((SITI, "123456"), (RINA, "246810")):
            add_officer(store, officer.username, officer.full_name, officer.role, pin)
        with store.transaction() as db:
            for code in ("ASKESOS", "BPJS-PBI", "PKH"):
                db["programme"].upsert({"code": code, "name": SHIPPED[code]["name"],
                                        "data": json.dumps(SHIPPED[code])}, pk="code")
            incoming.apply_record(db, "person", "otherlaptp-1", {
                "nik": MEMBER, "name": "Siti Aminah", "village_code": VILLAGE, "birth_date": "1990-05-15",
                "sex": "F", "_deleted": False})
            memberships.keep(db, "7", {"programme": "ASKESOS", "nik": MEMBER, "number": CARD, "village_code": VILLAGE,
                                       "start": "2026-01-01", "payer": "self", "monthly_contribution": 16800,
                                       "payments": []})
    return data_dir


def hub_step(db, claim_id: str, n: int, kind: str, **fields) -> None:
    incoming.apply_record(db, "claim_event", f"hub-claim-event-{n}", {
        "claim_id": claim_id, "kind": kind, "officer": "kabupaten", "time": f"{TODAY.isoformat()}T01:00:00Z",
        "date": TODAY.isoformat(), "step": n, "_deleted": False, **fields})


def test_a_members_claim_is_recorded_offline_and_followed_to_paid(data_dir):
    with open_store(data_dir) as store:
        claim_id = claims.record_claim(store, SITI, CLAIM)
        held, state = claims.claim(store, claim_id)
    assert (held["card_number"], held["person_id"], held["amount_claimed"], held["name"]) == \
        (CARD, "otherlaptp-1", 1_850_000, "Siti Aminah")
    assert (state.status, state.missing_documents) == ("recorded", ("accident_report",))
    [op] = outbox_ops(data_dir)
    assert (op["t"], op["k"]) == ("claim", "create")
    with open_store(data_dir) as store, store.transaction() as db:
        hub_step(db, claim_id, 1, "submitted_to_agency", agency_reference="claims-askesos.csv")
        hub_step(db, claim_id, 2, "paid", amount_paid=1_850_000, paid_on=TODAY.isoformat())
    with open_store(data_dir) as store:
        [listed] = claims.claims(store)
    assert (listed["state"].status, listed["state"].amount_paid, listed["state"].paid_on) == ("paid", 1_850_000,
                                                                                             TODAY.isoformat())


@pytest.mark.parametrize(("change", "field", "rule"), [
    ({"nik": OTHER}, "programme_code", "claim_no_membership"),
    ({"card_number": "999"}, "card_number", "claim_card_mismatch"),
    ({"claim_kind": "hospital_bill"}, "claim_kind", "claim_kind_not_paid"),
    ({"documents_present": "ktp,kia_book"}, "documents_present.1", "claim_document_unknown"),
    ({"happened_on": "kemarin"}, "happened_on", "date_format"),
    ({"programme_code": ""}, "programme_code", "required"),
])
def test_a_wrong_claim_is_refused_naming_its_field_and_saves_nothing(data_dir, change, field, rule):
    with open_store(data_dir) as store, pytest.raises(InvalidRecord) as caught:
        claims.record_claim(store, SITI, {**CLAIM, **change})
    assert (field, rule) in [(error.field, error.rule) for error in caught.value.errors]
    assert outbox_ops(data_dir) == []


def test_a_midwife_records_no_claim(data_dir):
    with open_store(data_dir) as store, pytest.raises(InvalidRecord) as caught:
        claims.record_claim(store, RINA, CLAIM)
    assert [error.rule for error in caught.value.errors] == ["role_not_allowed"]


def test_the_command_line_records_and_lists_claims_with_the_hubs_answer(data_dir):
    env = {"SWS_VILLAGE_DATA_DIR": str(data_dir), "SWS_VILLAGE_PIN": "123456", "SWS_VILLAGE_LANGUAGE": "en"}
    runner = CliRunner(env=env)
    recorded = runner.invoke(village_cli, ["claim", "record", "--officer", "siti", *[f"{k}={v}" for k, v in
                                                                                     CLAIM.items()]])
    assert recorded.exit_code == 0, recorded.output
    claim_id = recorded.output.split()[1]
    assert "Required documents missing: Work accident report (stage I) (accident_report)" in recorded.output
    with open_store(data_dir) as store, store.transaction() as db:
        hub_step(db, claim_id, 1, "submitted_to_agency")
        hub_step(db, claim_id, 2, "refused", refusal_reason="documents_incomplete", text="Laporan kecelakaan")
    listed = runner.invoke(village_cli, ["claim", "list"]).output
    assert "Siti Aminah (3507015505900001)" in listed and "Work injury (JKK)" in listed
    assert "Refused" in listed and "Documents incomplete" in listed and TODAY.strftime("%d-%m-%Y") in listed
    refused = runner.invoke(village_cli, ["claim", "record", "--officer", "siti", f"nik={OTHER}",
                                          "programme_code=ASKESOS", "claim_kind=death", "happened_on=2026-03-01"])
    assert refused.exit_code != 0 and "not a member of ASKESOS" in refused.output


def test_the_claim_form_offers_the_memberships_and_checklists_and_keeps_what_was_typed(data_dir):
    browser = login(data_dir, "siti", "123456")
    form = browser.get(f"/claims/new?nik={MEMBER}").get_data(as_text=True)
    assert CARD in form and 'value="accident_report"' in form and "Laporan kecelakaan kerja" in form
    refused = browser.post("/claims/new", data={"csrf_token": browser.token, **CLAIM, "claim_kind": "hospital_bill",
                                                "documents_present": ["ktp", "bpjs_card"], "notes": "Jatuh"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "claim_kind-error" in page and "Jatuh" in page
    assert 'value="ktp" checked' in page and outbox_ops(data_dir) == []
    saved = browser.post("/claims/new", data={"csrf_token": browser.token, **CLAIM,
                                              "documents_present": ["ktp", "bpjs_card"]})
    assert saved.status_code == 302
    listed = browser.get("/claims").get_data(as_text=True)
    assert "Siti Aminah" in listed and "Dicatat" in listed and "Laporan kecelakaan kerja" in listed


def test_a_document_a_newer_hub_names_is_shown_by_its_code():
    from village_client.cli.claims import _documents

    assert _documents(["birth_certificate_v2", "accident_report"], "en") == \
        "birth_certificate_v2, Work accident report (stage I) (accident_report)"
