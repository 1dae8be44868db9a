"""Cases on the laptop in a real browser (`sws-village ui` as a process, Debian's chromium), in both languages:
a refused case form keeps what was typed and says why beside the field, a returnee's case is opened, assessed,
referred, the referral answered and the case closed; another case worker never sees a crisis case. The closed
case's page is saved in docs/user-guide/img/ for the user guides."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import village_ui_with
from tests.e2e.test_sensitive_laptop_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


def shipped_directory(store):
    """The district's directory of services, as the hub's feed brings it."""
    from hub_server.services.directory import SHIPPED
    from village_client.directory import keep

    for entry in json.loads(SHIPPED.read_text(encoding="utf-8"))["services"]:
        keep(store.db, entry["code"], {**entry, "active": True})


@pytest.fixture
def ui(tmp_path):
    with village_ui_with(tmp_path, [("dewi", "Dewi Lestari", "case_worker", "123456"),
                                    ("rini", "Rini Astuti", "case_worker", "654321")], shipped_directory) as address:
        yield address


def open_case(tab, ui, kind, name, nik=""):
    tab.goto(ui + "cases/new")
    tab.select_option("#case_kind", kind)
    tab.fill("#subject_name", name)
    tab.fill("#nik", nik)
    tab.click("#case-form button[type=submit]")


@pytest.mark.parametrize("lang,words", [
    ("id", {"nik": "NIK wajib diisi untuk kasus jenis Pekerja migran purna.", "active": "Berjalan",
            "served": "Sudah dilayani", "closed": "Ditutup", "withheld": "1 kasus krisis"}),
    ("en", {"nik": "NIK is required for a case of kind Returnee migrant worker.", "active": "Active",
            "served": "Served", "closed": "Closed", "withheld": "1 crisis cases"})])
def test_a_case_worker_follows_a_returnee_from_intake_to_closure(tab, ui, lang, words):
    log_in(tab, ui, "dewi", "123456", lang)
    open_case(tab, ui, "returnee", "Sri Wahyuni")
    assert words["nik"] in tab.inner_text("#nik-error")
    assert tab.input_value("#subject_name") == "Sri Wahyuni"
    tab.fill("#nik", "3507015505900001")
    tab.click("#case-form button[type=submit]")
    tab.select_option("[id='assessment-answers.main_income']", "remittances")
    tab.select_option("[id='assessment-answers.health_insurance']", "tidak")
    tab.select_option("[id='assessment-answers.wants']", "enterprise")
    tab.click("#step-assessment button[type=submit]")
    assert "Balai Latihan Kerja Disnaker Kabupaten Malang — BLK-KEPANJEN" in tab.inner_text(
        "#referral-service_code")  # the directory's services, by name with the code beside
    tab.select_option("#referral-service_code", "BLK-KEPANJEN")
    tab.click("#step-referral button[type=submit]")
    expect(tab.locator("#case-status")).to_contain_text(words["active"], use_inner_text=True)
    tab.locator("[id^='step-referral_answer-'] select").select_option("served")
    tab.locator("[id^='step-referral_answer-'] button[type=submit]").click()
    expect(tab.locator("#case-referrals")).to_contain_text(words["served"], use_inner_text=True)
    tab.select_option("#closure-closure_reason", "plan_completed")
    tab.click("#step-closure button[type=submit]")
    expect(tab.locator("#case-status")).to_contain_text(words["closed"], use_inner_text=True)
    if lang == "id":
        tab.screenshot(path=IMAGES / "case.png", full_page=True)
    open_case(tab, ui, "crisis", "Wulan Sari", "3507015505900002")

    other = tab.context.browser.new_page()
    log_in(other, ui, "rini", "654321", lang)
    other.goto(ui + "cases/")
    listed = other.inner_text("main")
    assert "Sri Wahyuni" in listed and "Wulan Sari" not in listed and words["withheld"] in listed
    other.close()
