"""The call log in a real browser, in both languages: a caller the population does not hold complains, the
form refuses a wrong NIK beside the field and keeps what was typed, the complaint is settled at once on the
phone, and the call shows in the call log and the complaint in the statistics. Pictures go to docs/img."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_hub_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"


def test_a_call_settled_at_once_in_both_languages(tab, start_hub, tmp_path):
    hub = start_hub(tmp_path / "hub-data", SWS_HUB_DISTRICT_CODE="35.07")
    hub.cli("catalogue", "load")
    assert "19 added" in hub.cli("directory", "load").stdout
    log_in(tab, hub.url)
    tab.click("a[href='/callcentre/']")
    tab.click("#new-call")
    tab.fill("input[name=caller_name]", "Sulastri")
    tab.fill("input[name=caller_nik]", "3507014506850000")  # serial 0000: no NIK has it
    tab.fill("input[name=caller_phone]", "0812-3456-7890")
    tab.select_option("select[name=topic]", "payment")
    tab.select_option("select[name=programme_code]", "PKH")
    tab.fill("textarea[name=summary]", "PKH tahap dua belum cair, kapan dibayar?")
    tab.select_option("select[name=outcome]", "complaint_recorded")
    tab.fill("textarea[name=answer]", "Tahap dua dibayar mulai 15 Juni lewat Kantor Pos Donomulyo.")
    tab.select_option("select[name=category]", "payment_delay")
    tab.click("#call-form button.primary")

    expect(tab.locator("[data-field=caller_nik]")).to_be_visible()
    assert tab.locator("[data-field=village_code]").inner_text() == "Wajib diisi untuk hasil panggilan yang dipilih."
    assert tab.input_value("input[name=caller_name]") == "Sulastri"
    assert tab.input_value("textarea[name=answer]").startswith("Tahap dua dibayar")
    tab.screenshot(path=str(SCREENSHOTS / "call-form-errors.png"), full_page=True)

    tab.fill("input[name=caller_nik]", "3507014506850002")
    tab.select_option("select[name=village_code]", "35.07.01.2001")
    tab.click("#call-form button.primary")
    assert "langsung selesai" in tab.locator(".flash").first.inner_text()
    assert tab.locator("#complaint-status").inner_text() == "Selesai"
    reference = tab.locator("h1").inner_text().split()[-1]
    assert reference.startswith("ADU/35.07.01.2001/HUB/")

    tab.click("button[name=lang][value=en]")
    tab.goto(hub.url + "/callcentre/calls")
    row = tab.locator("#calls tbody tr").first.inner_text()
    assert "Sulastri" in row and "3507014506850002" in row and "not in the population" in row
    assert "Tulungrejo" in row and "Complaint recorded" in row and reference in row
    tab.screenshot(path=str(SCREENSHOTS / "call-log.png"), full_page=True)

    tab.goto(hub.url + "/desk/statistics")
    category = tab.locator("#stats-category tbody tr").first
    assert "Payment delay" in category.inner_text()
    assert [category.locator(f"[data-figure={name}]").inner_text()
            for name in ("received", "settled", "share_settled", "median_days", "overdue")] == [
        "1", "1", "100.0%", "0.0", "0"]
    assert tab.locator("#stats-village svg").count() == 1
    tab.screenshot(path=str(SCREENSHOTS / "complaint-statistics.png"), full_page=True)
