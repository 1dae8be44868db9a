"""The sub-district's verification worklist, end to end with real processes: a sub-district laptop receives
its area's open inconsistencies, an officer records a field check offline in the browser, the laptop
syncs, and the hub's population and inconsistency list show the outcome; the laptop hears it back.

`sws-hub` (a real server on 127.0.0.1) imports a generated district; `sws-village` enrolls a sub-district
laptop and syncs over HTTP; its web UI runs as its own process, driven by Debian's chromium.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.e2e.test_lists_reach_village import PIN, district, village_cli  # noqa: F401
from tests.e2e.test_residents_reach_lists import query

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"  # for the user guides
REASON = "KK asli dilihat di rumah warga bersama ketua RT"


@pytest.fixture
def kecamatan(start_hub, tmp_path, district):  # noqa: F811
    folder, village = district
    hub = start_hub(tmp_path / "hub")
    for source in ("ektp", "kk", "welfare", "census"):
        hub.cli("import", source, str(folder / ("people.csv" if source == "census" else f"{source}.csv")))
    laptop = tmp_path / "kecamatan"
    sub_district = village.rsplit(".", 1)[0]
    village_cli(laptop, "init", "--label", "Kecamatan uji")
    village_cli(laptop, "officer", "add", "kec.andi", "--name", "Andi Wijaya", "--role", "sub_district_officer")
    village_cli(laptop, "enroll", "--hub", hub.url, "--token", hub.issue_token(scope=sub_district, role="sub_district"))
    return hub, laptop, sub_district


@pytest.fixture
def kecamatan_page(kecamatan):
    if CHROMIUM is None:
        pytest.skip("chromium is not on the PATH: run `make browser` (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    _, laptop, _ = kecamatan
    process = subprocess.Popen([sys.executable, "-m", "village_client", "--data-dir", str(laptop), "ui", "--port",
                                "0", "--no-scheduled-sync"], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "SWS_VILLAGE_LANGUAGE": "id"})
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(10_000)
            page.goto(url + "login")
            page.fill("#username", "kec.andi")
            page.fill("#pin", PIN)
            page.click("main button[type=submit]")
            page.base = url
            yield page
            browser.close()
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


def test_a_field_check_recorded_offline_resolves_the_inconsistency_at_the_hub(kecamatan, kecamatan_page):
    (hub, laptop, sub_district), page = kecamatan, kecamatan_page
    village_cli(laptop, "sync")
    # The whole sub-district's residents came down with the worklist, from more than one village.
    [(villages,)] = query(laptop, "SELECT count(DISTINCT village_code) FROM resident WHERE village_code LIKE ?",
                          sub_district + ".%")
    assert villages > 1
    rows = query(laptop, "SELECT id, nik, sources FROM inconsistency WHERE status = 'open' AND kind = "
                         "'name_spelling' ORDER BY id LIMIT 1")
    assert rows, "the generated district has name spellings that disagree in the sub-district"
    [(item, nik, sources)] = rows
    right = json.loads(sources)[0]["value"]
    assert nik in hub.cli("inconsistencies", "--area", sub_district, "--limit", "100000").stdout

    # Offline, in the browser: a bad form is refused beside its fields and keeps what was typed.
    page.goto(page.base + f"worklist/inconsistency/{item}")
    page.fill("#decided_value", right)
    page.fill("#reason", "pendek")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#document-error")).to_be_visible()
    expect(page.locator("#reason-error")).to_be_visible()
    assert page.locator("#decided_value").input_value() == right
    page.select_option("#document", "kk")
    page.fill("#reason", REASON)
    page.screenshot(path=IMAGES / "worklist-check.png", full_page=True)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/worklist/**")
    assert "menunggu sinkronisasi" in page.locator(f"table.inconsistencies tr[data-nik='{nik}']").inner_text()
    page.screenshot(path=IMAGES / "worklist.png", full_page=True)

    village_cli(laptop, "sync")  # up: the hub applies it; the next page brings the closed item and the status
    assert nik not in hub.cli("inconsistencies", "--area", sub_district, "--limit", "100000").stdout
    assert right in hub.cli("find", nik).stdout
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT status FROM inconsistency WHERE id = ?", item) == [("resolved",)]
    [(status,)] = query(laptop, "SELECT s.status FROM field_check c JOIN record_status s ON s.record_id = c.id")
    assert status == "field_check_applied"
    page.goto(page.base + "worklist/")
    assert page.locator(f"table.inconsistencies tr[data-nik='{nik}']").count() == 0
    page.click("text=English")  # the same worklist in English
    expect(page.locator("h1")).to_contain_text("Sub-district verification worklist", use_inner_text=True)
    expect(page.locator("table.inconsistencies a", has_text="Record the field check")).not_to_have_count(0)
