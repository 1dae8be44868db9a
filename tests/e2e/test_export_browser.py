"""The exports page in a real browser, in both languages: an empty purpose sent back beside its field with the
choices kept, then the CSV and the XLSX downloaded and read back; the page saved as a picture in docs/img."""

import csv
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_hub_browser import log_in
from tests.e2e.test_report_browser import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def choose(tab, kind: str, programme: str, area: str, fmt: str) -> None:
    tab.check(f"input[name=kind][value={kind}]")
    tab.select_option("form.export-form select[name=programme]", programme)
    tab.select_option("form.export-form select[name=area]", area)
    tab.check(f"input[name=format][value={fmt}]")


def download(tab, tmp_path) -> Path:
    with tab.expect_download() as made:
        tab.click("form.export-form button.primary")
    saved = tmp_path / made.value.suggested_filename
    made.value.save_as(saved)
    return saved


def test_the_export_page_refuses_an_empty_purpose_then_downloads_in_both_languages(tab, reporting_hub, tmp_path):
    from openpyxl import load_workbook

    log_in(tab, reporting_hub.url)
    tab.click("nav a[href='/exports/']")
    expect(tab.locator("h1")).to_have_text("Ekspor untuk instansi", use_inner_text=True)
    choose(tab, "beneficiaries", "OLD-D", "35.07.01", "csv")
    tab.click("form.export-form button.primary")
    assert tab.locator(".field-error[data-field=purpose]").inner_text() == "Wajib diisi."
    assert tab.locator("form.export-form select[name=programme]").input_value() == "OLD-D"  # the choices are kept
    assert tab.locator("form.export-form select[name=area]").input_value() == "35.07.01"
    tab.screenshot(path=str(SCREENSHOTS / "export-id.png"), full_page=True)
    tab.fill("textarea[name=purpose]", "BPJS Kesehatan: pemutakhiran PBI Maret")
    saved = download(tab, tmp_path)
    assert saved.name == "ekspor-beneficiaries-OLD-D-35.07.01.csv"
    with open(saved, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [line["name"] for line in lines] == ["Budi Santoso", "Sri Wahyuni", "Eko Prasetyo"]

    tab.goto(reporting_hub.url + "/exports/")
    tab.click("button[name=lang][value=en]")
    expect(tab.locator("h1")).to_have_text("Exports for the agencies", use_inner_text=True)
    choose(tab, "applications", "OLD-D", "35.07", "xlsx")
    tab.click("form.export-form button.primary")
    assert tab.locator(".field-error[data-field=purpose]").inner_text() == "Required."
    assert "Purpose of the export (required)" in tab.locator("form.export-form").inner_text()
    tab.fill("textarea[name=purpose]", "Dinas Sosial: monthly check of applications")
    saved = download(tab, tmp_path)
    rows = list(load_workbook(saved).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("record_id", "programme_code") and {row[rows[0].index("name")] for row in rows[1:]} == {
        "Budi Santoso", "Joko Widodo"}
    tab.goto(reporting_hub.url + "/admin/audit")
    assert tab.locator("td", has_text="data exported").count() == 2  # the two downloads, not the refusals
    tab.goto(reporting_hub.url + "/exports/")
    tab.screenshot(path=str(SCREENSHOTS / "export-en.png"), full_page=True)
