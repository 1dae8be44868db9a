"""The midwife's screens and the trouble banners in a real browser, in both languages: `sws-village ui` as a
process, Debian's chromium through Playwright. The screenshots go to docs/user-guide/img/.
"""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import running_village_ui
from tests.e2e.test_village_browser import ARGS, CHROMIUM, IMAGES
from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client import records
from village_client.officers import add_officer
from village_client.records import Officer
from village_client.store import open_store
from village_client.sync.engine import SyncEngine

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
MOTHER = {"name": "Sri Wahyuni", "birth_date": "1996-04-12", "sex": "F", "nik": "3507015204960001",
          "relationship": "spouse", "pregnant": True}


@pytest.fixture(scope="module")
def laptop(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("midwife") / "laptop"
    with StandInHub() as hub:
        enrolled_laptop(data_dir, hub)
        SyncEngine(data_dir, fast_settings()).sync()  # synced once: no "never synced" banner
    with open_store(data_dir) as store:
        add_officer(store, "bidan.rina", "Rina Wati", "midwife", "246810")
        _, (_, mother, child) = records.register_household(
            store, Officer("siti", "Siti Aminah", "village_secretary"),
            {"kk_number": "3507011204200001", "village_code": "35.07.01.2001"},
            [{"name": "Agus Salim", "birth_date": "1992-01-02", "sex": "M", "nik": "3507010201920001"}, MOTHER,
             {"name": "Putri", "birth_date": "2025-06-01", "sex": "F", "nik_status": "newborn",
              "relationship": "child"}])
    return data_dir, mother, child


@pytest.fixture(scope="module")
def ui(laptop):
    with running_village_ui(laptop[0]) as address:
        yield address


@pytest.fixture
def browser(ui):
    if CHROMIUM is None:
        pytest.skip("chromium is not on the PATH: run `make browser` (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        running = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield running
        running.close()


def logged_in(browser, ui, username: str, pin: str):
    tab = browser.new_page(viewport={"width": 1100, "height": 900})
    tab.set_default_timeout(10_000)
    tab.goto(ui + "login")
    tab.fill("#username", username)
    tab.fill("#pin", pin)
    tab.click("main button[type=submit]")
    tab.wait_for_url(re.compile(r".*/$"))
    return tab


def test_the_midwife_records_antenatal_visits_and_growth_in_both_languages(browser, ui, laptop):
    _, mother, child = laptop
    tab = logged_in(browser, ui, "bidan.rina", "246810")
    tab.goto(ui + f"people/{mother}/visits")
    tab.fill("#muac_mm", "220")
    tab.fill("#visit_date", "")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("#visit_date-error")).to_be_visible()  # refused beside the field, what was typed kept
    assert tab.locator("#muac_mm").input_value() == "220"
    tab.fill("#visit_date", "2026-03-02")
    tab.fill("#pregnancy_week", "24")
    tab.locator("main form button[type=submit]").click()
    row = tab.locator("table.visits tbody tr").first
    expect(row).to_contain_text("02-03-2026", use_inner_text=True)
    assert "KEK" in row.inner_text() and "Rina Wati" in row.inner_text()
    tab.screenshot(path=IMAGES / "midwife-visits.png", full_page=True)
    tab.click("text=English")
    tab.goto(ui + f"people/{child}/growth")
    assert "growth" in tab.locator("h1").inner_text().lower()
    tab.fill("#measured_on", "2026-03-02")
    tab.fill("#weight_g", "7400")
    tab.fill("#height_mm", "650")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("main table").first).to_contain_text("7400", use_inner_text=True)
    tab.screenshot(path=IMAGES / "midwife-growth.png", full_page=True)
    # Complaint files are not hers to read: the page says so in her language.
    refused = tab.goto(ui + "complaints/")
    assert refused.status == 403 and "midwife" in tab.locator("main").inner_text().lower()
    tab.click("text=Bahasa Indonesia")
    tab.goto(ui + "complaints/")
    assert "bukan untuk peran" in tab.locator("main").inner_text()


def test_the_secretary_cannot_record_an_antenatal_visit(browser, ui, laptop):
    _, mother, _ = laptop
    tab = logged_in(browser, ui, "siti", "123456")
    tab.goto(ui + f"people/{mother}/visits")
    tab.fill("#visit_date", "2026-03-02")
    tab.locator("main form button[type=submit]").click()
    expect(tab.locator("#antenatal_visit-error")).to_be_visible()
    assert "tidak boleh" in tab.locator("#antenatal_visit-error").inner_text()


def test_a_laptop_in_trouble_says_so_on_every_page_in_both_languages(browser, ui, laptop):
    data_dir = laptop[0]
    tab = logged_in(browser, ui, "siti", "123456")
    assert tab.locator(".trouble").count() == 0
    month_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=30)).isoformat().replace("+00:00", "Z")
    with open_store(data_dir) as store:
        store.update_device(last_success_at=month_ago)
    for path in ("", "households", "sync"):
        tab.goto(ui + path)
        expect(tab.locator("[data-trouble=stale]"), path).to_be_visible()
    assert "30" in tab.locator("[data-trouble=stale]").inner_text()
    tab.screenshot(path=IMAGES / "trouble-stale.png")
    with open_store(data_dir) as store:
        store.db["revocation"].insert({"device_id": store.device()["device_id"], "reason": "Laptop hilang",
                                       "at": "2026-03-01T00:00:00Z"})
    tab.click("text=English")
    tab.goto(ui)
    banners = tab.locator(".trouble")
    assert banners.first.get_attribute("data-trouble") == "revoked"  # the most serious first
    assert "Laptop hilang" in banners.first.inner_text() and "revoked" in banners.first.inner_text().lower()
    tab.click("text=Bahasa Indonesia")
    with open_store(data_dir) as store:
        store.db.execute("DELETE FROM revocation")
        store.update_device(last_success_at=dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"))
