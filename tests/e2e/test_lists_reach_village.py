"""Beneficiary lists from the real hub to an enrolled village laptop and its UI, and applications back.

Every part is real and a separate process: `sws-hub` imports a generated district, loads the shipped
catalogue and matches it; `sws-village` enrolls and syncs over HTTP on 127.0.0.1; the village UI is
`sws-village ui`, driven in Debian's chromium. A second matching run five years on reaches the laptop
as a delta version; an application made in the UI goes up, is rejected at the hub with a
justification, and the village UI shows the rejection and why.
"""

import csv
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, HubProcess, running_village_ui
from village_client.store import DB_FILE

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
PIN = "135790"
APPLIED, REJECTED = r"Applied|Mengajukan", r"Rejected|Ditolak"  # the UI speaks the officer's language
JUSTIFICATION = "Desil kesejahteraan 8 menurut DTSEN 2026, di atas batas program."


def village_cli(data_dir, *args, check=True) -> str:
    env = {**os.environ, "SWS_VILLAGE_PIN": PIN, "SWS_VILLAGE_OFFICER": "siti", "SWS_VILLAGE_LANGUAGE": "en",
           "SWS_VILLAGE_RETRY_BASE": "0.05", "SWS_VILLAGE_RETRY_ATTEMPTS": "2"}
    result = subprocess.run([sys.executable, "-m", "village_client", "--data-dir", str(data_dir), *args],
                            env=env, capture_output=True, text=True, timeout=120)
    assert not check or result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def held_lists(data_dir) -> dict:
    with sqlite3.connect(data_dir / DB_FILE) as db:
        return {row[0]: row[1] for row in db.execute("SELECT programme_code, version FROM beneficiary_list")}


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("lists-district")
    generate_district(folder, people=3000, seed=3)
    with open(folder / "people.csv", encoding="utf-8") as handle:
        village = Counter(row["village_code"] for row in csv.DictReader(handle)).most_common(1)[0][0]
    return folder, village


@pytest.fixture(scope="module")
def matched_hub(district, tmp_path_factory):
    """A hub folder with the district's four extracts imported, the shipped catalogue loaded and matched on
    2026-03-01 by `sws-hub` processes, made once per module: each test's hub starts as a copy of it
    (importing and matching again took some 30 s a test)."""
    folder, _ = district
    hub = HubProcess(tmp_path_factory.mktemp("matched-hub") / "hub").init()
    for source, name in (("ektp", "ektp.csv"), ("kk", "kk.csv"), ("welfare", "welfare.csv"), ("census", "people.csv")):
        hub.cli("import", source, str(folder / name))
    hub.cli("catalogue", "load")
    hub.cli("match", "--on", "2026-03-01")
    return hub.data_dir


def started_copy(start_hub, matched_hub, data_dir):
    """A hub serving from a copy of the matched hub's folder."""
    shutil.copytree(matched_hub, data_dir)
    return start_hub(data_dir)


@pytest.fixture
def world(start_hub, tmp_path, district, matched_hub):
    _, village = district
    hub = started_copy(start_hub, matched_hub, tmp_path / "hub")
    laptop = tmp_path / "desa"
    village_cli(laptop, "init", "--label", "Desa uji")
    village_cli(laptop, "officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    village_cli(laptop, "enroll", "--hub", hub.url, "--token", hub.issue_token(scope=village))
    return hub, laptop, village


@pytest.fixture
def village_ui(world):
    _, laptop, _ = world
    with running_village_ui(laptop, SWS_VILLAGE_LANGUAGE="en") as address:
        yield address


@pytest.fixture
def browser_page(village_ui):
    if CHROMIUM is None:
        pytest.skip("chromium is not on the PATH: run `make browser` (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        page.set_default_timeout(10_000)
        page.goto(village_ui + "login")
        page.fill("#username", "siti")
        page.fill("#pin", PIN)
        page.click("main button[type=submit]")
        yield page
        browser.close()


def test_lists_and_their_next_version_reach_the_village_and_a_rejection_comes_back(world, village_ui, browser_page):
    hub, laptop, village = world
    village_cli(laptop, "sync")
    first = held_lists(laptop)
    assert first and set(first.values()) == {1}  # every programme's list for the village, version 1
    published = hub.cli("lists", "--village", village, "--limit", "100").stdout
    assert all(re.search(rf"^{code}\s+{re.escape(village)}\s+v1\s", published, re.M) for code in first)

    # The officer opens the lists and applies for the first member of the largest list.
    page = browser_page
    programme = max(first, key=lambda code: int(re.search(
        rf"^{code}\s.*size\s+(\d+)", published, re.M).group(1)))
    page.goto(village_ui + f"lists?programme={programme}")
    section = page.locator("section.list").first
    assert section.locator(".list-version").inner_text() == "1"
    member = section.locator("table.members tbody tr").first
    nik = member.locator("td").first.inner_text().strip()
    member.locator("button.apply").click()
    row = f"#list-{programme}-{village.replace('.', '')}-{nik}"
    expect(page.locator(f"{row} td.status")).to_contain_text(re.compile(APPLIED), use_inner_text=True)

    # Up to the hub, rejected there with a justification; five years on the rule gives new versions.
    village_cli(laptop, "sync")
    application_id = re.search(rf"^(\S+)\s+{programme}\s+{nik}\s+applied", hub.cli(
        "applications", "--status", "applied").stdout, re.M).group(1)
    hub.cli("decide", application_id, "rejected", "--justification", JUSTIFICATION)
    rematch = hub.cli("match", "--on", "2031-03-01").stdout
    assert re.search(r"lists: [1-9]\d* new village versions", rematch)
    synced = village_cli(laptop, "sync")
    second = held_lists(laptop)
    assert any(second[code] == 2 for code in first), (first, second, synced, rematch,
                                                       hub.cli("lists", "--village", village).stdout)

    page.goto(village_ui + f"lists?programme={programme}")
    status = page.locator(f"{row} td.status")
    if status.count():  # still on the list: the rejection shows beside the name, with why
        assert re.search(REJECTED, status.inner_text()) and JUSTIFICATION in status.inner_text()
    else:  # five years on the rule no longer lists them: the page says they left in this version
        assert nik in page.locator("section.list table.removed").first.inner_text()
    page.goto(village_ui + "applications")
    assert re.search(REJECTED, page.inner_text("main")) and JUSTIFICATION in page.inner_text("main")
    changed = [code for code in first if second[code] == 2]
    page.goto(village_ui + f"lists?programme={changed[0]}")
    shown = page.locator("section.list").first
    assert shown.locator(".list-version").inner_text() == "2"
    assert shown.locator(".badge.new").count() + shown.locator("table.removed tbody tr").count() >= 1
