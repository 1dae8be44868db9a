"""The verification worklist in a real browser, in both languages: residents a laptop registered by name and
village, a form that keeps what was typed and says why beside the field, a confirmation and a refusal
that reach the laptop."""

from pathlib import Path

import pytest

from tests.e2e.test_hub_browser import log_in
from tests.e2e.test_hub_sync_http import laptop, register

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"


def test_an_officer_works_the_worklist_in_both_languages(tab, hub_process):
    siti = laptop(hub_process, 1)
    made = register(siti, ["Suwarni", "Joko Susilo"])
    siti.sync(made)  # no extract holds these NIKs: residents awaiting verification
    log_in(tab, hub_process.url)
    tab.click("a[href='/verification/']")
    worklist = tab.locator("#worklist").inner_text()
    assert "Suwarni" in worklist and "Joko Susilo" in worklist and "Tulungrejo" in worklist
    assert "siti" in worklist and "None" not in worklist
    assert tab.locator("#verification-counts [data-status=awaiting]").inner_text() == "2"
    tab.screenshot(path=str(SCREENSHOTS / "verification-id.png"), full_page=True)

    tab.click("text=Suwarni")
    tab.check("#confirm-form input[value=kk]")
    tab.fill("#confirm-form textarea[name=reason]", "KK ok")
    tab.click("#confirm-form button")
    assert "paling sedikit 10" in tab.locator("#confirm-form [data-field=reason]").inner_text()
    assert tab.input_value("#confirm-form textarea[name=reason]") == "KK ok"
    assert tab.locator("#confirm-form input[value=kk]").is_checked()

    tab.click("button[name=lang][value=en]")
    tab.click("#refuse-form button")
    assert "Required" in tab.locator("#refuse-form [data-field=justification]").inner_text()
    tab.fill("#refuse-form textarea[name=justification]", "Moved to Surabaya in 2024, says the family card")
    tab.click("#refuse-form button")
    assert "was refused" in tab.locator(".flash").first.inner_text()
    assert tab.locator("#verification-counts [data-status=refused]").inner_text() == "1"
    tab.screenshot(path=str(SCREENSHOTS / "verification-en.png"), full_page=True)

    tab.click("text=Joko Susilo")
    tab.check("#confirm-form input[value=ktp]")
    tab.fill("#confirm-form textarea[name=reason]", "e-KTP seen at the village office")
    tab.click("#confirm-form button")
    assert "confirmed" in tab.locator(".flash").first.inner_text()

    statuses = {entry["data"]["status"]: entry["data"] for entry in siti.sync()["entries"]
                if entry["kind"] == "status"}
    assert set(statuses) == {"refused", "confirmed"}
    assert statuses["refused"]["note"] == "Moved to Surabaya in 2024, says the family card"
    assert statuses["refused"]["counted"] is False
