"""The village task force on the laptop in a real browser (`sws-village ui` as a process, Debian's chromium), in
both languages: a refused outreach session keeps what was typed and says why beside the field, the session is
listed, and a case worker refers a woman to the LTSA and lands on her case waiting for the answer. The task
force's page is saved in docs/user-guide/img/ for the user guides."""

from pathlib import Path

import pytest

from tests.e2e.conftest import village_ui_with
from tests.e2e.test_sensitive_laptop_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture
def ui(tmp_path):
    with village_ui_with(tmp_path, [("siti", "Siti Aminah", "village_secretary", "123456"),
                                    ("dewi", "Dewi Lestari", "case_worker", "654321")]) as address:
        yield address


@pytest.mark.parametrize("lang,words", [
    ("id", {"nobody": "setidaknya satu orang", "topic": "Risiko perdagangan orang", "waiting": "Menunggu jawaban"}),
    ("en", {"nobody": "at least one person", "topic": "Trafficking risks", "waiting": "Waiting for an answer"})])
def test_the_task_force_records_a_session_and_refers_a_woman_to_the_ltsa(tab, ui, lang, words):
    log_in(tab, ui, "siti", "123456", lang)
    tab.goto(ui + "taskforce/outreach")
    tab.fill("#place", "Balai desa")
    tab.select_option("#topic", "trafficking")
    tab.fill("#men", "0")
    tab.fill("#women", "0")
    tab.click("#outreach-form button[type=submit]")
    assert words["nobody"] in tab.inner_text("#men-error")
    assert tab.input_value("#place") == "Balai desa"
    tab.fill("#men", "7")
    tab.fill("#women", "11")
    tab.click("#outreach-form button[type=submit]")
    assert words["topic"] in tab.inner_text("#outreach-sessions")
    if lang == "id":
        tab.screenshot(path=IMAGES / "taskforce.png", full_page=True)

    other = tab.context.browser.new_page()
    log_in(other, ui, "dewi", "654321", lang)
    other.goto(ui + "taskforce/refer")
    other.fill("#subject_name", "Rina Marlina")
    other.fill("#nik", "3507015505900003")
    other.fill("#service_code", "LTSA-MALANG")
    other.click("#refer-form button[type=submit]")
    assert words["waiting"] in other.inner_text("#case-referrals")
    other.close()
