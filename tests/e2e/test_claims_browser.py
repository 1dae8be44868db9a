"""A member's claim on the laptop in a real browser (`sws-village ui` as a process, Debian's chromium), in both
languages: the claim form finds the member's memberships by NIK and offers the programme's documents checklist; a
refused claim keeps what was typed and says why beside the field; the saved claim is listed with the documents
still missing."""

import json

import pytest

from tests.e2e.conftest import running_village_ui
from tests.e2e.test_sensitive_laptop_browser import log_in
from tests.integration.test_village_programme_info import SHIPPED

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
VILLAGE, NIK = "35.07.01.2001", "3507015505900001"


@pytest.fixture
def ui(tmp_path):
    from village_client import incoming, memberships
    from village_client.device import initialise
    from village_client.officers import add_officer
    from village_client.store import open_store

    data_dir = tmp_path / "laptop"
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        store.update_device(scope=[VILLAGE])
        with store.transaction() as db:
            db["programme"].upsert({"code": "ASKESOS", "name": SHIPPED["ASKESOS"]["name"],
                                    "data": json.dumps(SHIPPED["ASKESOS"])}, pk="code")
            incoming.apply_record(db, "person", "otherlaptp-1", {"nik": NIK, "name": "Sri Wahyuni",
                                                                 "village_code": VILLAGE, "_deleted": False})
            memberships.keep(db, "7", {"programme": "ASKESOS", "nik": NIK, "number": "12030045678",
                                       "village_code": VILLAGE, "start": "2026-01-01", "payer": "self",
                                       "monthly_contribution": 16800, "payments": []})
    with running_village_ui(data_dir) as address:
        yield address


@pytest.mark.parametrize("lang,words", [
    ("id", {"kind": "tidak membayar klaim", "document": "Laporan kecelakaan kerja", "recorded": "Dicatat"}),
    ("en", {"kind": "pays no claim of kind", "document": "Work accident report", "recorded": "Recorded"})])
def test_a_secretary_records_a_members_claim(tab, ui, lang, words):
    log_in(tab, ui, "siti", "123456", lang)
    tab.goto(ui + f"claims/new?nik={NIK}")
    assert "12030045678" in tab.inner_text("#claim-memberships")
    assert words["document"] in tab.inner_text("#claim-documents")
    tab.select_option("#programme_code", "ASKESOS")
    tab.select_option("#claim_kind", "hospital_bill")
    tab.fill("#happened_on", "01-03-2026")
    tab.check("#claim-documents input[value=ktp]")
    tab.fill("#notes", "Jatuh dari tangga saat panen")
    tab.click("#claim-form button[type=submit]")
    assert words["kind"] in tab.inner_text("#claim_kind-error")
    assert tab.input_value("#notes") == "Jatuh dari tangga saat panen" and tab.is_checked(
        "#claim-documents input[value=ktp]")
    tab.select_option("#claim_kind", "work_injury")
    tab.check("#claim-documents input[value=bpjs_card]")
    tab.click("#claim-form button[type=submit]")
    listed = tab.inner_text("#claims")
    assert "Sri Wahyuni" in listed and words["recorded"] in listed and words["document"] in listed
