"""The action form, a complaint's history and its receipt in a real browser, in both languages.

`sws-village ui` runs as a process on a real data folder; Debian's chromium drives it through
Playwright (the `tab` fixture). The screenshots go to docs/user-guide/img/ for the complaints
section of the user guides.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import running_village_ui
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture(scope="module")
def ui(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("complaints") / "laptop"
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        store.update_device(scope=["35.07.01.2001"])
        store.db["programme"].insert({"code": "PKH", "name": "Program Keluarga Harapan",
                                      "data": json.dumps({"name": "Program Keluarga Harapan"})})
    with running_village_ui(data_dir) as address:
        yield address


@pytest.fixture
def page(tab, ui):
    """The officer logged in (a fresh browser page each test, from tests/e2e/conftest.py)."""
    tab.set_viewport_size({"width": 1100, "height": 900})
    tab.goto(ui + "login")
    tab.fill("#username", "siti")
    tab.fill("#pin", "123456")
    tab.click("main button[type=submit]")
    return tab


def test_the_form_keeps_what_was_typed_after_an_error_then_the_history_shows_the_derived_state(page, ui):
    page.goto(ui + "complaints/new?lang=id")
    page.select_option("#category", "exclusion_error")
    page.select_option("#programme_code", "PKH")
    page.fill("#description", "Sedang hamil tetapi tidak tercantum sebagai penerima PKH.")
    page.fill("#desired_action", "Dimasukkan ke daftar PKH.")
    page.fill("#complainant_name", "Sulastri")
    page.fill("#complainant_nik", "35070157078500")
    page.fill("#complainant_address", "RT 2 RW 1 Tulungrejo")
    page.click("main form button[type=submit]")
    assert "16" in page.inner_text("#complainant_nik-error")
    assert page.input_value("#description").startswith("Sedang hamil")
    assert (page.input_value("#desired_action"), page.input_value("#complainant_name"),
            page.input_value("#complainant_nik")) == ("Dimasukkan ke daftar PKH.", "Sulastri", "35070157078500")
    assert page.input_value("#programme_code") == "PKH"
    page.screenshot(path=IMAGES / "complaint-form-errors.png", full_page=True)
    page.fill("#complainant_nik", "3507015707850003")
    page.click("main form button[type=submit]")
    expect(page.locator("h1")).to_contain_text(re.compile(r"ADU/35\.07\.01\.2001/[A-Z2-7]{10}/0001"),
                                               use_inner_text=True)
    assert page.inner_text("#complaint-status") == "Baru"

    page.click("#action-status_change-closed button")  # closing with no response: refused, naming why
    assert "memerlukan tanggapan di tingkat Desa/kelurahan" in page.inner_text("main [role=alert]")
    assert page.inner_text("#complaint-status") == "Baru"
    page.fill("#escalation-text", "Perlu verifikasi DTSEN di kecamatan.")
    page.click("#action-escalation-sub_district button")
    expect(page.locator("#complaint-status")).to_have_text("Diproses", use_inner_text=True)
    expect(page.locator("#complaint-level")).to_have_text("Kecamatan", use_inner_text=True)
    page.fill("#response-text", "Diusulkan masuk daftar PKH bulan depan.")
    page.click("#action-response button")
    expect(page.locator("#complaint-status")).to_have_text("Selesai", use_inner_text=True)
    page.screenshot(path=IMAGES / "complaint-history.png", full_page=True)


def test_the_receipt_carries_the_reference_and_prints_without_the_page_links(page, ui):
    page.goto(ui + "complaints/?lang=id")
    page.click("table a")
    expect(page.locator("h1")).to_contain_text("ADU/", use_inner_text=True)  # the complaint's page
    reference = re.search(r"ADU/\S+", page.inner_text("h1"))[0]
    page.click("text=Cetak tanda terima")
    page.wait_for_url("**/receipt")  # waits for the page's load, not only the new address
    assert page.inner_text("#receipt-reference") == reference
    assert "Tanda Terima Pengaduan" in page.inner_text("h1") and "Program Keluarga Harapan (PKH)" in page.content()
    page.emulate_media(media="print")
    assert not page.is_visible(".no-print") and page.is_visible("#receipt-reference")
    page.screenshot(path=IMAGES / "complaint-receipt.png", full_page=True)
    page.emulate_media(media="screen")
    page.goto(page.url.split("?")[0] + "?lang=en")
    assert "Complaint Receipt" in page.inner_text("h1") and page.inner_text("#receipt-reference") == reference


def test_in_english_an_anonymous_complaint_that_names_someone_is_refused_keeping_the_input(page, ui):
    page.goto(ui + "complaints/new?lang=en")
    page.check("input[name=anonymous]")
    page.fill("#complainant_name", "Budi")
    page.select_option("#category", "service_quality")
    page.fill("#description", "The health centre was closed during opening hours.")
    page.click("main form button[type=submit]")
    assert "must stay empty for an anonymous complaint" in page.inner_text("#complainant_name-error")
    assert page.is_checked("input[name=anonymous]") and page.input_value("#description").startswith("The health")
    page.fill("#complainant_name", "")
    page.click("main form button[type=submit]")
    assert page.inner_text("#complaint-status") == "Open"
    page.click("text=Print the receipt")
    page.wait_for_url("**/receipt")
    assert "Anonymous complainant" in page.inner_text("dl")
