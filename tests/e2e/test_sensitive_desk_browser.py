"""Sensitive cases at the desk in a real browser (Debian's chromium), in both languages: hidden from the
sub-district officer, who is told only how many there are; shown to the women's and children's protection
unit, which records the referral. The protection unit's page (English) is saved in docs/img for the admin guide."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from sync_protocol.changeset import Operation
from tests.e2e.test_hub_sync_http import laptop
from tests.unit.protocol_helpers import valid_record

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"
PASSWORD = "kata-sandi-uji-1"


def sent_up(siti, category: str, name: str, description: str) -> str:
    """A complaint of Tulungrejo recorded on the laptop and sent up to the sub-district."""
    device = siti.device
    complaint_id = device.new_id()
    form = valid_record("complaint", village_code="35.07.01.2001", escalation_level="village", status="open",
                        date_transmitted=None, officer_in_charge=None, complainant_name=name, programme_code=None,
                        complainant_person_id=None, category=category, description=description,
                        date_submitted="2026-03-01")
    siti.sync([device.changeset(Operation("create", "complaint", complaint_id, form)),
               device.changeset(Operation("append", "complaint_event", device.new_id(), {
                   "complaint_id": complaint_id, "kind": "escalation", "officer": "siti", "step": 1,
                   "time": "2026-03-02T02:00:00Z", "date": "2026-03-02", "escalation_level": "sub_district"}))])
    return complaint_id


def log_in(page, url, username):
    page.goto(url + "/desk/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")


def test_the_desk_hides_a_sensitive_case_from_the_sub_district_and_shows_it_to_the_protection_unit(tab, hub_process):
    hub_process.extra_env["SWS_HUB_USER_PASSWORD"] = PASSWORD
    hub_process.cli("user", "add", "camat", "--role", "sub_district_officer", "--area", "35.07.01")
    hub_process.cli("user", "add", "ppa", "--role", "protection_unit")
    siti = laptop(hub_process, 1)
    sent_up(siti, "payment_delay", "Ani Lestari", "PKH belum cair")
    case = sent_up(siti, "violence_women_children", "Ratna Sari", "Dipukul suami, anak ikut dipukul")

    log_in(tab, hub_process.url, "camat")
    tab.wait_for_url("**/desk/queue/sub_district")  # waits for the page's load, not only the new address
    queue = tab.locator("main").inner_text()
    assert "Ani Lestari" in queue and "Ratna Sari" not in queue and "Dipukul" not in queue
    assert "1 kasus sensitif di wilayah Anda" in tab.locator("#desk-withheld").inner_text()
    assert tab.locator("#desk-sensitive-tab").count() == 0
    tab.click("button[name=lang][value=en]")
    expect(tab.locator("#desk-withheld")).to_contain_text("1 sensitive case(s) in your area", use_inner_text=True)
    refused = tab.goto(f"{hub_process.url}/desk/complaint/{case}")
    assert refused.status == 404 and "Ratna Sari" not in tab.content()

    unit = tab.context.browser.new_page(viewport={"width": 1024, "height": 900})
    log_in(unit, hub_process.url, "ppa")
    unit.wait_for_url("**/desk/queue/sensitive")
    queue = unit.locator("#desk-queue").inner_text()
    assert "Ratna Sari" in queue and "Kekerasan terhadap perempuan dan anak" in queue and "Ani Lestari" not in queue
    unit.click("text=Ratna Sari >> xpath=../..//a")
    assert "Kasus sensitif: hanya admin kabupaten" in unit.locator("#desk-sensitive").inner_text()
    assert unit.locator("#complaint-referral").inner_text() == "Belum dirujuk"
    unit.select_option("#action-refer select[name=referred_to]", "uptd_ppa")
    unit.fill("#action-refer textarea[name=text]", "Pendampingan psikologis dan rumah aman")
    unit.click("#action-refer button")
    expect(unit.locator("#complaint-referral")).to_contain_text("UPTD PPA", use_inner_text=True)
    assert "Dirujuk ke unit perlindungan perempuan dan anak" in unit.locator("#desk-history").inner_text()
    unit.click("button[name=lang][value=en]")
    expect(unit.locator("#desk-sensitive")).to_contain_text("Sensitive case: only the district's admins",
                                                             use_inner_text=True)
    assert "Referred to the women's and children's protection unit" in unit.locator("#desk-history").inner_text()
    assert "UPTD PPA (women's and children's protection)" in unit.locator("#complaint-referral").inner_text()
    unit.screenshot(path=str(SCREENSHOTS / "desk-sensitive-en.png"), full_page=True)
    unit.close()
