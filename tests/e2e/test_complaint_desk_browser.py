"""The complaints desk in a real browser, in both languages: a queue with the village and programme by
name, a wrong transition refused beside the form that keeps what was typed, a response recorded that the
village's laptop pulls at its next sync."""

import pytest
from playwright.sync_api import expect

from sync_protocol.changeset import Operation
from tests.e2e.test_hub_browser import log_in
from tests.e2e.test_hub_sync_http import laptop
from tests.unit.protocol_helpers import valid_record

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def complaint_sent_up(siti) -> str:
    device = siti.device
    complaint_id = device.new_id()
    form = valid_record("complaint", village_code="35.07.01.2001", escalation_level="village", status="open",
                        date_transmitted=None, officer_in_charge=None, complainant_name="Ani Lestari",
                        programme_code="PKH", date_submitted="2026-03-01")
    siti.sync([device.changeset(Operation("create", "complaint", complaint_id, form)),
               device.changeset(Operation("append", "complaint_event", device.new_id(), {
                   "complaint_id": complaint_id, "kind": "escalation", "officer": "siti", "step": 1,
                   "time": "2026-03-02T02:00:00Z", "date": "2026-03-02", "escalation_level": "sub_district"}))])
    return complaint_id


def test_the_desk_in_both_languages(tab, hub_process):
    hub_process.cli("catalogue", "load")  # programmes by name beside their codes
    siti = laptop(hub_process, 1)
    complaint_id = complaint_sent_up(siti)
    log_in(tab, hub_process.url)
    tab.click("a[href='/desk/']")
    tab.click("#desk-levels a[href='/desk/queue/sub_district']")
    queue = tab.locator("#desk-queue").inner_text()
    assert "Ani Lestari" in queue and "Tulungrejo" in queue and "35.07.01.2001" in queue
    assert "Program Keluarga Harapan" in queue and "PKH" in queue and "Lewat tempo" in queue
    assert "Standar layanan tingkat Kecamatan: 7 hari." in tab.locator("#desk-standard").inner_text()

    tab.click("text=Ani Lestari >> xpath=../..//a")
    tab.fill("#action-close textarea[name=text]", "Ditutup tanpa jawaban")
    tab.click("#action-close button")
    assert "tanggapan" in tab.locator("#action-close [data-rule=response_needed]").inner_text()
    assert tab.input_value("#action-close textarea[name=text]") == "Ditutup tanpa jawaban"

    tab.click("button[name=lang][value=en]")
    expect(tab.locator("#action-forward button")).to_contain_text("Forward to District", use_inner_text=True)
    tab.fill("#action-respond textarea[name=text]", "The DTSEN data was corrected; PKH is paid next month.")
    tab.click("#action-respond button")
    assert "Action recorded" in tab.locator(".flash").first.inner_text()
    assert tab.locator("#complaint-status").inner_text() == "Resolved"
    assert "Due" in tab.locator("#desk-state").inner_text()

    pulled = [entry["data"] for entry in siti.sync()["entries"]
              if entry["kind"] == "record" and entry["data"].get("complaint_id") == complaint_id]
    assert [event["kind"] for event in pulled] == ["response"]
