"""The village meeting's list printed from the laptop in a real browser, with no hub anywhere: `sws-village ui`
runs as a process on a data folder holding a list, Chromium prints the page to PDF (print media), and the PDF
read back holds the letterhead and the members while the page's links are left out. The printed page goes to
docs/user-guide/img/ for the user guides."""

from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import running_village_ui
from tests.integration.test_village_printables import OFFICE, VILLAGE, laptop_holding_a_list

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture
def ui(tmp_path):
    with running_village_ui(laptop_holding_a_list(tmp_path / "laptop"), SWS_VILLAGE_LETTERHEAD_OFFICE=OFFICE,
                    SWS_VILLAGE_LETTERHEAD_ADDRESS="Jl. Panji 158, Kepanjen") as address:
        yield address


def test_the_list_prints_with_the_letterhead_and_without_the_screen_links(tab, ui, tmp_path):
    tab.goto(ui + "login")
    tab.fill("#username", "siti")
    tab.fill("#pin", "123456")
    tab.click("main button[type=submit]")
    tab.goto(ui + "lists?lang=id")
    tab.click("a.print-list")
    tab.wait_for_url(f"**/lists/PKH/{VILLAGE}/print")  # waits for the page's load, not only the new address
    tab.emulate_media(media="print")
    expect(tab.locator(".letterhead")).to_be_visible()
    expect(tab.locator(".no-print:visible")).to_have_count(0)
    tab.screenshot(path=str(IMAGES / "print-list.png"), full_page=True)
    printed = tmp_path / "musdes.pdf"
    tab.pdf(path=str(printed), format="A4")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(printed).pages)
    assert "PEMERINTAH KABUPATEN MALANG" in text and OFFICE in text
    assert "Budi Santoso" in text and "3507015505900001" in text and "Ketua BPD" in text
    assert "Bahasa Indonesia" not in text  # the language links are for the screen
