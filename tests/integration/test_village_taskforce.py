"""The village task force on the laptop: outreach sessions recorded by the secretary or a case worker, refused
naming the field and rule, and a referral to the LTSA made as a prospective migrant worker's case."""

import pytest

from tests.integration.test_village_cases import DEWI, SITI, VILLAGE, data_dir, outbox_ops  # noqa: F401 (fixture)
from tests.integration.test_village_field_checks import login
from village_client import cases, taskforce
from village_client.records import InvalidRecord, Officer
from village_client.store import open_store

SESSION = {"village_code": VILLAGE, "held_on": "2026-03-04", "place": "Balai desa", "topic": "safe_migration",
           "men": "12", "women": "18", "niks": "3507015505900001, 3507015505900002"}
BIDAN = Officer("rina", "Rina Wati", "midwife")


def test_the_secretary_and_a_case_worker_record_outreach_sessions(data_dir):  # noqa: F811
    with open_store(data_dir) as store:
        first = taskforce.record_outreach(store, SITI, SESSION)
        taskforce.record_outreach(store, DEWI, {**SESSION, "topic": "trafficking", "niks": "", "held_on": "2026-03-09"})
        found = taskforce.outreach_sessions(store)
    assert [row["topic"] for row in found] == ["trafficking", "safe_migration"]
    assert found[1]["id"] == first and found[1]["men"] == 12 and found[1]["niks"] == ["3507015505900001",
                                                                                      "3507015505900002"]
    sent = [op for op in outbox_ops(data_dir) if op["t"] == "outreach_session"]
    assert len(sent) == 2 and sent[0]["f"]["officer"] == "siti"


@pytest.mark.parametrize(("values", "field", "rule"), [
    ({"men": "0", "women": "0"}, "men", "outreach_nobody_informed"),
    ({"men": "1", "women": "0"}, "niks", "outreach_named_exceed"),
    ({"topic": "football"}, "topic", "choice"),
    ({"niks": "123"}, "niks.0", "id_length"),
])
def test_a_wrong_session_is_refused_naming_the_field_and_nothing_is_saved(data_dir, values, field, rule):  # noqa: F811
    with open_store(data_dir) as store, pytest.raises(InvalidRecord) as refused:
        taskforce.record_outreach(store, SITI, {**SESSION, **values})
    assert (refused.value.errors[0].field, refused.value.errors[0].rule) == (field, rule)
    with open_store(data_dir) as store:
        assert taskforce.outreach_sessions(store) == []


def test_a_midwife_records_no_outreach_session(data_dir):  # noqa: F811
    with open_store(data_dir) as store, pytest.raises(InvalidRecord) as refused:
        taskforce.record_outreach(store, BIDAN, SESSION)
    assert refused.value.errors[0].rule == "role_not_allowed"


def test_a_referral_to_the_ltsa_is_a_prospective_migrant_case_with_its_referral(data_dir):  # noqa: F811
    with open_store(data_dir) as store:
        case_id, referral_id = taskforce.refer_to_ltsa(store, DEWI, {
            "subject_name": "Rina Marlina", "nik": "3507015505900003", "village_code": VILLAGE,
            "service_code": "ltsa-malang", "text": "Ingin bekerja ke Taiwan"})
        found = cases.case_file(store, case_id, DEWI)
        with pytest.raises(InvalidRecord) as refused:
            taskforce.refer_to_ltsa(store, DEWI, {"subject_name": "Rina", "nik": "3507015505900004",
                                                  "village_code": VILLAGE, "service_code": "ltsa malang"})
        held = store.db.execute("SELECT COUNT(*) FROM [case]").fetchone()[0]
    assert found["case"]["case_kind"] == "prospective_migrant" and found["state"].status == "active"
    assert found["state"].referrals[referral_id]["event"]["service_code"] == "LTSA-MALANG"
    assert refused.value.errors[0].field == "service_code" and held == 1  # no case left behind


@pytest.mark.parametrize("lang, message", [
    ("id", "Laki-laki yang diinformasikan: sosialisasi menginformasikan setidaknya satu orang"),
    ("en", "Men informed: an outreach session informs at least one person")])
def test_the_outreach_form_keeps_what_was_typed_and_says_why_beside_the_field(data_dir, lang,  # noqa: F811
                                                                               message):
    client = login(data_dir, "siti", "123456")
    assert "Satgas desa" in client.get("/taskforce/?lang=id").get_data(as_text=True)
    client.get(f"/taskforce/?lang={lang}")
    typed = {"csrf_token": client.token, "held_on": "04-03-2026", "_dates": "held_on", "place": "Balai desa",
             "topic": "safe_migration", "men": "0", "women": "0", "niks": "3507015505900001", "notes": "Bersama LTSA"}
    refused = client.post("/taskforce/outreach", data=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="men-error">' + message in page
    assert 'value="Balai desa"' in page and 'value="3507015505900001"' in page and "Bersama LTSA</textarea>" in page
    refused = client.post("/taskforce/outreach", data={**typed, "men": "1", "niks": "3507015505900001, 123"})
    assert 'id="niks-error">' in refused.get_data(as_text=True)
    saved = client.post("/taskforce/outreach", data={**typed, "men": "4", "women": "6"})
    assert saved.status_code == 302
    listed = client.get("/taskforce/").get_data(as_text=True)
    assert "04-03-2026" in listed and ("Migrasi aman" if lang == "id" else "Safe migration") in listed
    assert 'id="refer-link"' not in listed and client.get("/taskforce/refer").status_code == 404


def test_a_case_worker_refers_a_person_to_the_ltsa_from_the_task_force_page(data_dir):  # noqa: F811
    client = login(data_dir, "dewi", "246810")
    assert 'id="refer-link"' in client.get("/taskforce/?lang=en").get_data(as_text=True)
    typed = {"csrf_token": client.token, "subject_name": "Rina Marlina", "nik": "3507015505900003",
             "village_code": VILLAGE, "service_code": "LTSA MALANG", "text": "Ingin bekerja ke Taiwan"}
    refused = client.post("/taskforce/refer", data=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="service_code-error">' in page and "Ingin bekerja ke Taiwan" in page
    saved = client.post("/taskforce/refer", data={**typed, "service_code": "LTSA-MALANG"})
    assert saved.status_code == 302
    case_page = client.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Rina Marlina" in case_page and "LTSA-MALANG" in case_page and "Prospective migrant worker" in case_page
