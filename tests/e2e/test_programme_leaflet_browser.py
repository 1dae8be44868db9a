"""A citizen's leaflet and a guarantee's overview in a real browser, printed from a laptop that is offline:
the catalogue arrives at a sync, the hub goes away, and the officer prints in either language."""

import json
import re

import pytest

from hub_server.services import catalogue
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, running_village_ui
from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client.sync.engine import SyncEngine

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SHIPPED = {entry["code"]: entry for entry in json.loads(catalogue.SHIPPED.read_text(encoding="utf-8"))}
IMAGES = catalogue.SHIPPED.parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture(scope="module")
def offline_laptop(tmp_path_factory):
    """A laptop that received the Malang catalogue at its last sync; the hub has gone since."""
    data_dir = tmp_path_factory.mktemp("leaflet") / "laptop"
    with StandInHub() as hub:
        for code, entry in SHIPPED.items():
            hub.publish("programme", code, {**entry, "revision": 1}, region=None)
        enrolled_laptop(data_dir, hub)
        SyncEngine(data_dir, fast_settings()).sync()
    return data_dir


@pytest.fixture(scope="module")
def page(offline_laptop):
    if CHROMIUM is None:
        pytest.skip("chromium is not on the PATH: run `make browser` (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with running_village_ui(offline_laptop) as ui, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 900, "height": 1000})
        tab.set_default_timeout(10_000)
        tab.goto(ui + "login")
        tab.fill("#username", "siti")
        tab.fill("#pin", "123456")
        tab.click("main button[type=submit]")
        tab.ui = ui
        yield tab
        browser.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_leaflet_prints_in_the_officers_language(page, lang):
    jslu = SHIPPED["JSLU"]
    page.goto(page.ui + f"programmes?lang={lang}")
    page.click("#programme-JSLU a.leaflet")
    page.wait_for_url("**/programmes/JSLU/leaflet")  # waits for the page's load, not only the new address
    title = page.inner_text("#leaflet-title")
    name = jslu["name_en"] if lang == "en" else jslu["name"]
    assert title == (name if "(JSLU)" in name else f"{name} (JSLU)")  # the code once, beside the name
    body = page.inner_text(".leaflet")
    assert jslu["eligibility_plain"][lang] in body and jslu["focal_point"]["office"][lang] in body
    assert (jslu["benefit_en"] if lang == "en" else jslu["benefit"]) in body
    assert page.locator(".info-procedure li").count() == 4
    assert page.locator(".info-documents li").count() == len(jslu["required_documents"])
    assert page.locator(".letterhead").count() == 1
    page.emulate_media(media="print")  # on paper: the letterhead and the leaflet, not the links back
    assert not page.is_visible("p.no-print") and page.is_visible(".leaflet")
    page.screenshot(path=IMAGES / f"leaflet-{lang}.png", full_page=True)
    page.emulate_media(media="screen")


def test_the_overview_of_a_guarantee_lists_its_programmes(page):
    page.goto(page.ui + "programmes?lang=en")
    page.click("#overviews >> text=Health")
    page.wait_for_url("**/programmes/guarantee/health")
    row = page.inner_text("#overview-BPJS-PBI")
    assert SHIPPED["BPJS-PBI"]["eligibility_plain"]["en"] in row and SHIPPED["BPJS-PBI"]["benefit_en"] in row
    health = [code for code, entry in SHIPPED.items() if entry["guarantee"] == "health"]
    assert page.locator("table.overview tbody tr").count() == len(health)


def pages_printed(page) -> int:
    """How many A4 pages chromium prints the page on (with the print style sheet)."""
    page.emulate_media(media="print")
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


@pytest.mark.parametrize("guarantee", ["health", "children", "working_age", "old_age"])
def test_each_overview_prints_on_one_page(page, guarantee):
    page.goto(page.ui + f"programmes/guarantee/{guarantee}?lang=id")
    assert pages_printed(page) == 1


def test_the_longest_leaflet_prints_on_one_page(page):
    longest = max(SHIPPED, key=lambda code: len(json.dumps(SHIPPED[code], ensure_ascii=False)))
    page.goto(page.ui + f"programmes/{longest}/leaflet?lang=en")
    assert pages_printed(page) == 1
