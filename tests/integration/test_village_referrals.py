"""Referrals from the SWS desk on the laptop (real SQLite file): the village secretary refers a person or a household
to a service of the directory with the reason, offline; a wrong referral is refused naming the field and rule and
nothing is saved; the secretary writes nothing else of a case; the answer arriving from the hub is shown."""


import pytest

from schemas.local_time import today_in  # the villages' date (WIB), not the machine's (UTC)
from schemas.roles import refusal
from tests.integration.test_directory_on_laptops import with_directory  # noqa: F401 (fixture)
from tests.integration.test_village_cases import DEWI, RETURNEE, SITI, VILLAGE, data_dir, outbox_ops  # noqa: F401
from tests.integration.test_village_field_checks import login
from tests.integration.test_village_taskforce import BIDAN
from village_client import cases, incoming, referrals
from village_client.officers import add_officer
from village_client.records import InvalidRecord
from village_client.store import open_store

PERSON = {"subject_name": "Rina Marlina", "nik": "3507015505900003", "village_code": VILLAGE,
          "service_code": "PKM-KEPANJEN", "text": "Batuk lama, belum pernah periksa."}
TODAY = today_in().isoformat()
HOUSEHOLD = {"subject_name": "Keluarga Suparman", "kk_number": "3507010101100001", "village_code": VILLAGE,
             "service_code": "BLK-KEPANJEN", "text": "Kepala keluarga kehilangan pekerjaan."}


def test_the_secretary_refers_a_person_and_a_household_offline(with_directory):  # noqa: F811
    with open_store(with_directory) as store:
        person_case, person_referral = referrals.refer(store, SITI, PERSON)
        referrals.refer(store, SITI, HOUSEHOLD)
        listed = referrals.referrals(store, SITI)
        seen_by_case_worker = cases.case_file(store, person_case, DEWI)
    assert [(row["case"]["subject_name"], row["referral"]["service_code"], row["answer"]) for row in listed] == [
        ("Keluarga Suparman", "BLK-KEPANJEN", None), ("Rina Marlina", "PKM-KEPANJEN", None)]  # newest first
    assert listed[1]["referral_id"] == person_referral and listed[1]["status"] == "active"
    ops = outbox_ops(with_directory)
    assert [(op["t"], op["k"]) for op in ops] == [("case", "create"), ("case_event", "append")] * 2
    assert ops[0]["f"]["case_kind"] == "desk_referral" and ops[0]["f"]["officer"] == "siti"
    assert ops[1]["f"]["kind"] == "referral" and ops[1]["f"]["text"] == PERSON["text"]
    assert ops[2]["f"]["kk_number"] == "3507010101100001" and "nik" not in ops[2]["f"]
    # A case worker reads the same referral as a case, and can follow the person on from there.
    assert seen_by_case_worker["case"]["case_kind"] == "desk_referral"
    assert seen_by_case_worker["state"].referrals[person_referral]["event"]["service_code"] == "PKM-KEPANJEN"


@pytest.mark.parametrize("values, field, rule", [
    ({"text": ""}, "text", "referral_reason_required"),
    ({"nik": ""}, "nik", "referral_subject_required"),
    ({"nik": "123"}, "nik", "id_length"),
    ({"service_code": ""}, "service_code", "event_field_required"),
    ({"service_code": "BLK-NOWHERE"}, "service_code", "service_unknown"),
    ({"service_code": "PKM-PUJON"}, "service_code", "service_inactive"),
    ({"subject_name": ""}, "subject_name", "required"),
    ({"case_kind": "crisis"}, "case_kind", "unknown_field"),
])
def test_a_wrong_referral_is_refused_naming_the_field_and_nothing_is_saved(with_directory, values, field,  # noqa: F811
                                                                           rule):
    with open_store(with_directory) as store, pytest.raises(InvalidRecord) as refused:
        referrals.refer(store, SITI, {**PERSON, **values})
    assert (field, rule) in [(error.field, error.rule) for error in refused.value.errors]
    assert all(error.message("en") and error.message("id") for error in refused.value.errors)
    with open_store(with_directory) as store:
        assert store.db["case"].count == 0 and store.db["case_event"].count == 0
    assert outbox_ops(with_directory) == []


def test_a_refusal_names_every_field_at_once(with_directory):  # noqa: F811
    with open_store(with_directory) as store, pytest.raises(InvalidRecord) as refused:
        referrals.refer(store, SITI, {**PERSON, "text": "", "service_code": "BLK-NOWHERE", "nik": ""})
    assert {(error.field, error.rule) for error in refused.value.errors} == {
        ("text", "referral_reason_required"), ("service_code", "service_unknown"), ("nik", "referral_subject_required")}


def test_the_secretary_writes_nothing_else_of_a_case(with_directory):  # noqa: F811
    with open_store(with_directory) as store:
        case_id, _ = referrals.refer(store, SITI, PERSON)
        before = len(outbox_ops(with_directory))
        with pytest.raises(InvalidRecord) as other_kind:
            cases.open_case(store, SITI, RETURNEE)
        with pytest.raises(InvalidRecord) as other_event:
            cases.add_case_event(store, SITI, case_id, {"kind": "note", "text": "Sudah ditelepon."})
        with pytest.raises(InvalidRecord) as midwife:
            referrals.refer(store, BIDAN, PERSON)
        returnee = cases.open_case(store, DEWI, RETURNEE)
        with pytest.raises(InvalidRecord) as not_hers:
            cases.case_file(store, returnee, SITI)
        assert cases.cases(store, SITI) == ([], 0) and referrals.referrals(store, BIDAN) == []
    assert [(e.value.errors[0].field, e.value.errors[0].rule) for e in (other_kind, other_event, midwife)] == [
        ("case", "role_not_allowed"), ("case_event", "role_not_allowed"), ("case", "role_not_allowed")]
    assert (not_hers.value.errors[0].field, not_hers.value.errors[0].rule) == ("case_id", "not_found")
    assert len(outbox_ops(with_directory)) == before + 1  # the case worker's returnee only


def test_one_rule_for_laptop_and_hub():
    case = {"case_kind": "desk_referral", "subject_name": "Rina", "nik": "3507015505900003"}
    assert refusal("village_secretary", "case", "create", case) is None
    assert refusal("village_secretary", "case_event", "append", {"kind": "referral"}) is None
    assert refusal("village_secretary", "case", "create", {**case, "case_kind": "crisis"}).field == "case"
    assert refusal("village_secretary", "case_event", "append", {"kind": "closure"}).field == "case_event"
    assert refusal("village_secretary", "case", "update", {"summary": "x"}).field == "summary"
    assert refusal("midwife", "case", "create", case).field == "case"
    assert refusal("sub_district_officer", "case", "create", case).field == "case"


def test_the_answer_from_the_hub_shows_with_the_referral(with_directory):  # noqa: F811
    with open_store(with_directory) as store:
        case_id, referral_id = referrals.refer(store, SITI, PERSON)
        with store.transaction() as db:
            incoming.apply_record(db, "case_event", "hub-case-1", {
                "case_id": case_id, "kind": "referral_answer", "referral_id": referral_id,
                "referral_answer": "accepted",
                "officer": "rini", "time": f"{TODAY}T02:00:00Z", "date": TODAY, "step": 2,
                "text": "Datang Senin pagi ke poli umum.", "_deleted": False})
        (listed,) = referrals.referrals(store, SITI)
    assert (listed["answer"], listed["answered_on"], listed["answer_text"]) == (
        "accepted", TODAY, "Datang Senin pagi ke poli umum.")


@pytest.mark.parametrize("lang, reason, service", [
    ("id", "Tulis alasan rujukan: apa yang dibutuhkan dari layanan itu.", "Layanan tujuan"),
    ("en", "Give the reason for the referral: what the service is asked for.", "Service referred to")])
def test_the_referral_form_keeps_what_was_typed_and_says_why_beside_the_field(with_directory, lang,  # noqa: F811
                                                                               reason, service):
    client = login(with_directory, "siti", "123456")
    listed = client.get(f"/referrals/?lang={lang}").get_data(as_text=True)
    assert 'id="referral-new"' in listed and ("Belum ada rujukan" if lang == "id" else "No referrals") in listed
    form = client.get("/referrals/new").get_data(as_text=True)
    assert service in form and "Puskesmas Kepanjen — PKM-KEPANJEN" in form and "PKM-PUJON" not in form
    typed = {"csrf_token": client.token, "subject_name": "Rina Marlina", "nik": "3507015505900003",
             "village_code": VILLAGE, "service_code": "PKM-KEPANJEN", "text": ""}
    refused = client.post("/referrals/new", data=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="text-error">' + reason in page
    assert 'value="Rina Marlina"' in page and 'value="3507015505900003"' in page
    assert '<option value="PKM-KEPANJEN" selected>' in page
    refused = client.post("/referrals/new", data={**typed, "nik": "", "text": "Batuk lama"})
    assert 'id="nik-error">' in refused.get_data(as_text=True) and "Batuk lama</textarea>" in refused.get_data(
        as_text=True)
    with open_store(with_directory) as store:
        assert store.db["case"].count == 0
    saved = client.post("/referrals/new", data={**typed, "nik": "", "kk_number": "3507010101100001",
                                                "text": "Batuk lama"})
    assert saved.status_code == 302
    listed = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Rina Marlina" in listed and "KK 3507010101100001" in listed
    assert "Puskesmas Kepanjen (PKM-KEPANJEN)" in listed
    assert ("Menunggu jawaban" if lang == "id" else "Waiting for an answer") in listed


def test_the_answer_shows_on_the_referrals_page_and_other_roles_have_none(with_directory):  # noqa: F811
    with open_store(with_directory) as store:
        case_id, referral_id = referrals.refer(store, SITI, PERSON)
        with store.transaction() as db:
            incoming.apply_record(db, "case_event", "hub-case-1", {
                "case_id": case_id, "kind": "referral_answer", "referral_id": referral_id,
                "referral_answer": "served", "officer": "rini", "time": f"{TODAY}T02:00:00Z", "date": TODAY,
                "step": 2, "text": "Sudah diperiksa dokter.", "_deleted": False})
        add_officer(store, "bidan", "Rina Wati", "midwife", "112233")
    client = login(with_directory, "siti", "123456")
    page = client.get("/referrals/?lang=en").get_data(as_text=True)
    day = today_in().strftime("%d-%m-%Y")
    assert f"Served · {day}" in page and "Sudah diperiksa dokter." in page
    assert 'href="/referrals/"' in page and 'href="/cases/"' not in page
    midwife = login(with_directory, "bidan", "112233")
    assert midwife.get("/referrals/").status_code == 403
    case_worker = login(with_directory, "dewi", "246810")
    assert "Sudah diperiksa dokter." in case_worker.get("/referrals/").get_data(as_text=True)
