"""The dashboard in a real browser, in both languages: where a login lands, its charts, its figures for the
report's fixed district, and its links to the work waiting; saved as pictures in docs/img for readers."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hub_server.db import Database
from hub_server.services import complaint_desk
from tests.e2e.conftest import ADMIN_PASSWORD
from tests.integration import report_data

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"


@pytest.fixture
def busy_hub(hub_process, tmp_path):
    database = Database(f"sqlite:///{hub_process.data_dir / 'hub.sqlite'}")
    report_data.build(database, tmp_path)
    with database.uow() as uow:  # the desk's derived states, as a sync batch writes them
        complaint_desk.refresh(uow.session, [f"{report_data.D1}-c{number}" for number in range(1, 6)])
        uow.commit()
    database.dispose()
    return hub_process


def figure(tab, table: str, row: str, measure: str) -> str:
    return tab.locator(f"#{table} tr[data-{'guarantee' if table == 'dash-guarantees' else 'programme'}='{row}'] "
                       f"td[data-measure={measure}]").inner_text()


def test_the_dashboard_in_both_languages(tab, busy_hub):
    tab.goto(busy_hub.url + "/")
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", ADMIN_PASSWORD)
    tab.click("button.primary")
    expect(tab.locator("h1")).to_have_text("Dasbor", use_inner_text=True)  # where a login lands
    expect(tab.locator("svg.chart")).to_have_count(3)
    assert "Kabupaten Malang (35.07)" in tab.locator("#dash-area").inner_text()
    assert tab.locator("#dash-waiting li[data-waiting=verification] strong").inner_text() == "1"
    assert tab.locator("#dash-waiting li[data-waiting=complaints_overdue] strong").inner_text() == "2"
    assert figure(tab, "dash-guarantees", "health", "share") == "75,0%"
    assert figure(tab, "dash-programmes", "OLD-D", "listed") == "4"
    assert figure(tab, "dash-programmes", "OLD-D", "enrolled") == "1"  # Budi, enrolled from 20 March
    assert "Banjarejo" in tab.locator("#dash-stale").inner_text()  # a stale laptop's village, by name
    tab.screenshot(path=str(SCREENSHOTS / "dashboard-id.png"), full_page=True)

    tab.click("button[name=lang][value=en]")
    expect(tab.locator("h1")).to_have_text("Dashboard", use_inner_text=True)
    assert "Laptops by last sync" in tab.locator("#dash-sync").inner_text()
    assert figure(tab, "dash-guarantees", "health", "share") == "75.0%"
    assert figure(tab, "dash-programmes", "HEALTH", "enrolled") == "0"
    tab.screenshot(path=str(SCREENSHOTS / "dashboard-en.png"), full_page=True)

    tab.click("#dash-waiting li[data-waiting=verification] a")
    tab.wait_for_url(re.compile("/verification/"))  # waits for the page's load, not only the new address
    assert tab.locator("#worklist tr[data-nik]").count() == 1  # Eko
