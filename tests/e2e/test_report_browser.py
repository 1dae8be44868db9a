"""The monthly report in a real browser, in both languages: the pickers, the charts and figures, and the PDF
download, each saved as a picture in docs/img for readers."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_hub_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"


def figure(tab, section: str, row: str, measure: str) -> str:
    return tab.locator(f"table[data-section={section}] tr[data-row='{row}'] td[data-measure={measure}]").inner_text()


def test_the_monthly_report_in_both_languages_and_as_a_pdf(tab, reporting_hub, tmp_path):
    import pypdfium2
    from pypdf import PdfReader

    log_in(tab, reporting_hub.url)
    tab.click("nav a[href='/reports/monthly']")
    tab.select_option("select[name=area]", "35.07.01")
    tab.fill("input[name=month]", "2026-03")
    tab.click("form.report-picker button")
    tab.wait_for_url(re.compile(r"/reports/monthly\?area=35\.07\.01&month=2026-03$"))  # the page's load too
    assert "Laporan pemantauan bulanan" in tab.locator("h1").inner_text()
    assert "35.07.01 Donomulyo (kecamatan)" in tab.locator("dl.report-head").inner_text()
    assert tab.locator("svg.chart").count() == 6
    assert figure(tab, "taskforce", "total", "open") == "1"
    assert figure(tab, "budget", "total", "yearly") == "Rp10.200.000"
    assert figure(tab, "coverage", "health", "share") == "71,4%"
    assert figure(tab, "programmes", "OLD-D", "enrolled") == "1" and figure(tab, "programmes", "OLD-D", "paid") == "1"
    assert figure(tab, "cases", "total", "first_action_average") == "10,0"
    tab.screenshot(path=str(SCREENSHOTS / "report-id.png"), full_page=True)

    tab.click("button[name=lang][value=en]")
    expect(tab.locator("h1")).to_contain_text("Monthly monitoring report", use_inner_text=True)
    assert "March 2026 (01-03-2026 – 31-03-2026)" in tab.locator("dl.report-head").inner_text()
    assert figure(tab, "budget", "total", "yearly") == "Rp10,200,000"
    assert "Tulungrejo" in tab.locator("table[data-section=areas]").inner_text()
    tab.screenshot(path=str(SCREENSHOTS / "report-en.png"), full_page=True)

    with tab.expect_download() as download:
        tab.click("a.download[href*='format=pdf']")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "laporan-bulanan-35.07.01-2026-03.pdf"
    pages = [page.extract_text() for page in PdfReader(saved).pages]
    assert "Monthly monitoring report" in pages[0] and "Rp10,200,000" in " ".join(pages)
    charted = next(number for number, text in enumerate(pages) if "Target group covered per guarantee" in text)
    pdf = pypdfium2.PdfDocument(saved)
    pdf[charted].render(scale=1.4).to_pil().save(SCREENSHOTS / "report-pdf-page.png")
    pdf.close()


def test_the_finance_report_in_both_languages(tab, reporting_hub):
    """The report to BPJS and the use of funds, beside the monthly report: Budi's OLD-D membership and his March
    benefit (tests/integration/report_data.py)."""
    log_in(tab, reporting_hub.url)
    tab.goto(reporting_hub.url + "/reports/monthly?area=35.07.01&month=2026-03")
    tab.click("nav.report-kinds a[href*='/reports/finance']")
    expect(tab.locator("article h1")).to_contain_text("Laporan keuangan bulanan", use_inner_text=True)
    assert figure(tab, "memberships", "OLD-D", "enrolled") == "1"
    assert figure(tab, "benefits", "OLD-D", "benefit_paid") == "Rp200.000"
    assert figure(tab, "use_of_funds", "OLD-D", "paid_month") == "Rp200.000"
    tab.click("button[name=lang][value=en]")
    expect(tab.locator("article h1")).to_contain_text("Monthly finance report", use_inner_text=True)
    assert figure(tab, "benefits", "total", "members_unpaid") == "0"
    assert tab.locator("select[name=area]").input_value() == "35.07.01"  # the area and month kept
