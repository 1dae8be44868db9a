"""Referrals from the SWS desk on the laptop in a real browser (`sws-village ui` as a process, Debian's chromium), in
both languages: the secretary's referral without a reason is refused, keeping what was typed and saying why beside
the field; saved, it is listed waiting for the service's answer. The page is saved in docs/user-guide/img/ for the
user guides."""

from pathlib import Path

import pytest

from tests.e2e.conftest import village_ui_with
from tests.e2e.test_sensitive_laptop_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture
def ui(tmp_path):
    with village_ui_with(tmp_path, [("siti", "Siti Aminah", "village_secretary", "123456")]) as address:
        yield address


@pytest.mark.parametrize("lang,words", [
    ("id", {"reason": "Tulis alasan rujukan", "waiting": "Menunggu jawaban", "nav": "Rujukan"}),
    ("en", {"reason": "Give the reason for the referral", "waiting": "Waiting for an answer", "nav": "Referrals"})])
def test_the_secretary_refers_a_household_and_sees_it_waiting_for_the_answer(tab, ui, lang, words):
    log_in(tab, ui, "siti", "123456", lang)
    tab.click(f"nav >> text={words['nav']}")
    tab.click("#referral-new")
    tab.fill("#subject_name", "Keluarga Suparman")
    tab.fill("#kk_number", "3507010101100001")
    tab.fill("#service_code", "BLK-KEPANJEN")
    tab.click("#referral-form button[type=submit]")
    assert words["reason"] in tab.inner_text("#text-error")
    assert tab.input_value("#kk_number") == "3507010101100001" and tab.input_value("#service_code") == "BLK-KEPANJEN"
    tab.fill("#text", "Kepala keluarga kehilangan pekerjaan")
    tab.click("#referral-form button[type=submit]")
    listed = tab.inner_text("#referrals")
    assert "Keluarga Suparman" in listed and "KK 3507010101100001" in listed and words["waiting"] in listed
    if lang == "id":
        tab.screenshot(path=IMAGES / "referrals.png", full_page=True)
