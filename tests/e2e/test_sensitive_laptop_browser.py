"""A sensitive case on the laptop in a real browser (`sws-village ui` as a process, Debian's chromium), in
both languages: what the secretary sees when recording it, the referral, and what another officer of the
same laptop sees. The recording officer's page is saved in docs/user-guide/img/ for the user guides."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import village_ui_with

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture
def ui(tmp_path):
    with village_ui_with(tmp_path, [("siti", "Siti Aminah", "village_secretary", "123456"),
                                    ("budi", "Budi Santoso", "village_secretary", "654321")]) as address:
        yield address


def log_in(page, ui, username, pin, lang):
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(ui + f"login?lang={lang}")
    page.fill("#username", username)
    page.fill("#pin", pin)
    page.click("main button[type=submit]")


@pytest.mark.parametrize("lang,words", [
    ("id", {"hint": "hanya Anda yang melihatnya", "notice": "Kasus sensitif: di laptop ini hanya Anda",
            "referred": "UPTD PPA (Perlindungan Perempuan dan Anak)", "withheld": "1 kasus sensitif dicatat"}),
    ("en", {"hint": "only you see them", "notice": "Sensitive case: on this laptop only you",
            "referred": "UPTD PPA (women's and children's protection)", "withheld": "1 sensitive case(s) were"})])
def test_the_recording_officer_sees_and_refers_a_sensitive_case_and_another_officer_does_not(tab, ui, lang, words):
    log_in(tab, ui, "siti", "123456", lang)
    tab.goto(ui + "complaints/new")
    assert words["hint"] in tab.inner_text("main form")
    tab.select_option("#category", "violence_women_children")
    tab.fill("#description", "Ibu R. dipukul suaminya; dua anak ikut dipukul.")
    tab.fill("#complainant_name", "Ratna Sari")
    tab.click("main form button[type=submit]")
    assert words["notice"] in tab.inner_text("#complaint-sensitive")
    case_url = tab.url
    tab.select_option("#referral-referred_to", "uptd_ppa")
    tab.fill("#referral-text", "Diantar ke UPTD PPA kabupaten")
    tab.click("#action-referral button[type=submit]")
    expect(tab.locator("#complaint-referral")).to_contain_text(words["referred"], use_inner_text=True)
    if lang == "id":
        tab.screenshot(path=IMAGES / "complaint-sensitive.png", full_page=True)

    other = tab.context.browser.new_page()
    log_in(other, ui, "budi", "654321", lang)
    other.goto(ui + "complaints/")
    listed = other.inner_text("main")
    assert words["withheld"] in listed and "Ratna Sari" not in listed
    assert other.goto(case_url).status == 404 and "Ratna Sari" not in other.content()
    other.close()
