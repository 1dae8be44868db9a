"""The laptop prints offline: a village's list for the village meeting, a decision letter once the decision came
down, and the complaint receipt, each under the district's letterhead of the laptop's settings, from the
laptop's own web app with no hub anywhere (its hub address is a closed port)."""

import re

import pytest

from village_client import incoming, lists, outbox, residents
from village_client.config import load_settings
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.store import open_store
from village_client.web import create_app

VILLAGE = "35.07.01.2001"
PKH = {"code": "PKH", "name": "Program Keluarga Harapan", "name_en": "Family Hope Programme", "guarantee": "children",
       "level": "national", "benefit": "Bantuan tunai bersyarat", "benefit_amount": 750000,
       "benefit_period": "quarterly",
       "matching": {"reasons": [{"code": "pregnant", "id": "Ibu hamil", "en": "Pregnant woman"},
                                {"code": "elderly", "id": "Lanjut usia", "en": "Elderly person"}]}}
SITI = ["3507015505900001", "Siti Aminah", ["pregnant"], "listed"]
BUDI = ["3507010201800001", "Budi Santoso", ["elderly"], "awaiting"]
KK = "3507010101260001"
OFFICE = "Dinas Sosial Kabupaten Malang"


@pytest.fixture
def data_dir(tmp_path):
    return laptop_holding_a_list(tmp_path / "laptop")


def laptop_holding_a_list(data_dir):
    """A laptop of Tulungrejo holding the PKH list (Siti, Budi) and its residents, as feed pages leave them."""
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        store.update_device(scope=[VILLAGE], hub_url="http://127.0.0.1:9")  # no hub: a closed port
        with store.transaction() as db:
            incoming.KEPT_AS_SENT["programme"](db, "PKH", PKH)
            incoming.KEPT_AS_SENT["list"](db, "101", {
                "programme": "PKH", "village_code": VILLAGE, "version": 3, "base_version": 0, "size": 2,
                "list_date": "2026-03-01", "columns": ["nik", "name", "reasons", "status"], "added": [BUDI, SITI]})
            residents.apply_version(db, "7", {"village_code": VILLAGE, "version": 1, "base_version": 0, "added": {
                "nik": [SITI[0]], "name": [SITI[1]], "kk_number": [KK], "address": ["Dusun Krajan"],
                "address_rt": ["002"], "address_rw": ["005"]}}, "2026-03-02T00:00:00Z")
    return data_dir


@pytest.fixture
def client(data_dir):
    settings = load_settings({"letterhead_office": OFFICE, "letterhead_address": "Jl. Panji 158, Kepanjen"},
                             environ={})
    client = create_app(data_dir, settings).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(as_text=True))[1]
    client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"})
    client.token = token
    return client


def test_the_village_meeting_list_prints_offline_with_the_letterhead(client):
    lists_page = client.get("/lists").get_data(as_text=True)
    assert f'href="/lists/PKH/{VILLAGE}/print"' in lists_page
    page = client.get(f"/lists/PKH/{VILLAGE}/print").get_data(as_text=True)
    assert "Pemerintah Kabupaten Malang" in page and OFFICE in page and "Jl. Panji 158" in page  # from the scope
    assert "Daftar calon penerima untuk musyawarah desa" in page and "Program Keluarga Harapan (PKH)" in page
    assert page.index("Budi Santoso") < page.index("Siti Aminah") and '<dd id="print-count">2</dd>' in page
    assert KK in page and "Dusun Krajan RT 002/RW 005" in page and "Ibu hamil" in page and "menunggu" in page
    assert page.count('<td class="blank"></td>') >= 4 and "Ketua BPD" in page and "Saksi 2" in page
    assert "Tulungrejo (35.07.01.2001)" in page
    english = client.get(f"/lists/PKH/{VILLAGE}/print?lang=en").get_data(as_text=True)
    assert "Beneficiary list for the village meeting" in english and "Pregnant woman" in english
    assert "Chair of the village council (BPD)" in english and "Family Hope Programme (PKH)" in english
    missing = client.get("/lists/PKH/35.07.01.2002/print?lang=id")
    assert missing.status_code == 404 and "tidak menyimpan daftar PKH" in missing.get_data(as_text=True)


def _apply_and_decide(client, data_dir, decision: dict) -> str:
    client.post(f"/lists/PKH/{VILLAGE}/apply", data={"csrf_token": client.token, "nik": SITI[0]})
    with open_store(data_dir) as store:
        application_id = lists.applications(store.db)[0]["id"]
        [last] = store.db.query("SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1")
        with store.transaction() as db:  # the hub acknowledged it, then its decision came down at a sync
            outbox.mark_acked(db, last["seq"], last["hash"])
            if decision:
                incoming.apply_record(db, "application", application_id, decision)
    return application_id


def test_an_undecided_application_has_no_letter_yet(client, data_dir):
    application_id = _apply_and_decide(client, data_dir, {})
    assert 'class="letter"' not in client.get("/applications").get_data(as_text=True)
    waiting = client.get(f"/applications/{application_id}/letter")
    assert waiting.status_code == 409 and "belum diputuskan" in waiting.get_data(as_text=True)


def test_a_rejection_prints_as_a_letter_with_its_reason_and_number(client, data_dir):
    reason = "Desil kesejahteraan 6 menurut DTSEN 2025."
    application_id = _apply_and_decide(client, data_dir, {"status": "rejected", "status_date": "2026-03-10",
                                                          "justification": reason})
    assert f'href="/applications/{application_id}/letter"' in client.get("/applications").get_data(as_text=True)
    letter = client.get(f"/applications/{application_id}/letter").get_data(as_text=True)
    number = f"SWS/PKH/{application_id.upper()}/2026"  # the number the hub prints for the same decision
    assert f'<strong id="letter-number">{number}</strong>' in letter and OFFICE in letter
    assert "TIDAK DAPAT DISETUJUI" in letter and reason in letter and "Siti Aminah" in letter
    assert "10-03-2026" in letter and "Program Keluarga Harapan" in letter


def test_an_approval_names_the_benefit(client, data_dir):
    application_id = _apply_and_decide(client, data_dir, {"status": "approved", "status_date": "2026-03-12"})
    letter = client.get(f"/applications/{application_id}/letter?lang=en").get_data(as_text=True)
    assert "Your application is APPROVED." in letter and "Rp750.000" in letter
    assert "Bantuan tunai bersyarat" in letter and "Family Hope Programme" in letter
