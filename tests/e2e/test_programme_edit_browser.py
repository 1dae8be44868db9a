"""The district admin edits a programme's information in a real browser: refused beside the field with what
was typed kept, then saved as a new revision shown on the programme's page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_hub_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"


def test_an_edit_refused_then_saved(tab, hub_process):
    hub_process.cli("catalogue", "load")
    log_in(tab, hub_process.url)
    tab.goto(hub_process.url + "/population/programmes/JSLU")
    tab.click("button[name=lang][value=en]")
    revision = int(tab.inner_text("#revision").split(" ")[0])
    tab.click("#edit-programme")
    tab.fill("#procedure_en", "")
    tab.fill("#focal_phone", "0341")
    tab.fill("#focal_name", "Bu Sri Wahyuni")
    tab.click("main button[type=submit]")
    assert "both languages" in tab.inner_text("#procedure_en-error")
    assert "Mobile number" in tab.inner_text("#focal_phone-error")
    assert tab.input_value("#focal_name") == "Bu Sri Wahyuni" and tab.input_value("#focal_phone") == "0341"
    tab.screenshot(path=str(SCREENSHOTS / "programme-edit-errors.png"), full_page=True)

    tab.fill("#procedure_en", "1. Tell the village secretary. 2. The sub-district TKSK proposes you.")
    tab.fill("#focal_phone", "0812-3456-7890")
    tab.click("main button[type=submit]")
    expect(tab.locator(".flash")).to_contain_text("saved as a new revision", use_inner_text=True)
    assert tab.inner_text("#revision").startswith(str(revision + 1))
    shown = tab.inner_text("main")
    assert "Bu Sri Wahyuni" in shown and "The sub-district TKSK proposes you." in shown
