"""The village meeting's list printed from the laptop in a real browser, with no hub anywhere: `sws-village ui`
runs as a process on a data folder holding a list, Chromium prints the page to PDF (print media), and the PDF
read back holds the letterhead and the members while the page's links are left out. The printed page goes to
docs/user-guide/img/ for the user guides."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.integration.test_village_printables import OFFICE, VILLAGE, laptop_holding_a_list

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
IMAGES = Path(__file__).resolve().parents[2] / "docs" / "user-guide" / "img"


@pytest.fixture
def ui(tmp_path):
    data_dir = laptop_holding_a_list(tmp_path / "laptop")
    environment = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(data_dir), "SWS_VILLAGE_LETTERHEAD_OFFICE": OFFICE,
                   "SWS_VILLAGE_LETTERHEAD_ADDRESS": "Jl. Panji 158, Kepanjen"}
    process = subprocess.Popen([sys.executable, "-m", "village_client", "ui", "--port", "0", "--no-scheduled-sync"],
                               stdout=subprocess.PIPE, text=True, env=environment)
    try:
        yield re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


def test_the_list_prints_with_the_letterhead_and_without_the_screen_links(tab, ui, tmp_path):
    tab.goto(ui + "login")
    tab.fill("#username", "siti")
    tab.fill("#pin", "123456")
    tab.click("main button[type=submit]")
    tab.goto(ui + "lists?lang=id")
    tab.click("a.print-list")
    assert tab.url.endswith(f"/lists/PKH/{VILLAGE}/print")
    tab.emulate_media(media="print")
    assert tab.locator(".letterhead").is_visible() and not tab.locator(".no-print").is_visible()
    tab.screenshot(path=str(IMAGES / "print-list.png"), full_page=True)
    printed = tmp_path / "musdes.pdf"
    tab.pdf(path=str(printed), format="A4")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(printed).pages)
    assert "PEMERINTAH KABUPATEN MALANG" in text and OFFICE in text
    assert "Budi Santoso" in text and "3507015505900001" in text and "Ketua BPD" in text
    assert "Bahasa Indonesia" not in text  # the language links are for the screen
