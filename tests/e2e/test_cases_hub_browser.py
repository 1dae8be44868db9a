"""The hub's cases page in a real browser (Debian's chromium), in both languages: a case worker lists the district's
cases, filters them, opens a returnee's file with its plan, referral and answer, and is told how many crisis cases
of other case workers are withheld, whose file is not there for them."""

import re

import pytest
from playwright.sync_api import expect

from sync_protocol.changeset import Operation
from tests.e2e.test_hub_sync_http import laptop
from tests.e2e.test_sensitive_desk_browser import PASSWORD, log_in
from tests.unit.protocol_helpers import valid_record

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
VILLAGE = "35.07.01.2001"


def cases_from_a_laptop(siti) -> tuple:
    """A returnee's case referred and answered, and a crisis case, as a laptop sends them."""
    device = siti.device
    returnee, crisis, referral = device.new_id(), device.new_id(), device.new_id()
    day = {"case_id": returnee, "officer": "dewi", "time": "2026-03-03T02:00:00Z", "date": "2026-03-03"}
    siti.sync([device.changeset(
        Operation("create", "case", returnee, valid_record("case", village_code=VILLAGE, person_id=None,
                                                           officer="dewi")),
        Operation("create", "case", crisis, valid_record("case", village_code=VILLAGE, person_id=None,
                                                         case_kind="crisis", subject_name="Wulan Sari",
                                                         officer="dewi")),
        Operation("append", "case_event", referral, {**day, "kind": "referral", "step": 1,
                                                     "service_code": "BLK-KEPANJEN"}),
        Operation("append", "case_event", device.new_id(), {**day, "kind": "referral_answer", "step": 2,
                                                            "referral_id": referral, "referral_answer": "served"}))])
    return returnee, crisis


def test_a_case_worker_reads_the_cases_page_in_both_languages(tab, hub_process):
    hub_process.extra_env["SWS_HUB_USER_PASSWORD"] = PASSWORD
    hub_process.cli("user", "add", "budi", "--role", "case_worker")
    returnee, crisis = cases_from_a_laptop(laptop(hub_process, 1))
    log_in(tab, hub_process.url, "budi")
    tab.goto(f"{hub_process.url}/cases/")
    listed = tab.locator("main").inner_text()
    assert "Sri Wahyuni" in listed and "Wulan Sari" not in listed and "Pekerja migran purna" in listed
    assert "1 kasus krisis" in tab.locator("#cases-withheld").inner_text()
    tab.select_option("select[name=kind]", "household_plan")
    tab.click("#cases-filter button")
    tab.wait_for_url(re.compile(r"[?&]kind=household_plan"))  # the filtered page, loaded
    assert "Sri Wahyuni" not in tab.locator("main").inner_text()
    tab.goto(f"{hub_process.url}/cases/{returnee}")
    assert "Sudah dilayani" in tab.locator("#case-referrals").inner_text()
    assert "Balai Latihan Kerja" in tab.locator("#case-referrals").inner_text() or "BLK-KEPANJEN" in tab.content()
    tab.click("button[name=lang][value=en]")
    expect(tab.locator("#case-referrals")).to_contain_text("Served", use_inner_text=True)
    assert "Returnee migrant worker" in tab.locator("#case-kind").inner_text()
    refused = tab.goto(f"{hub_process.url}/cases/{crisis}")
    assert refused.status == 404 and "Wulan Sari" not in tab.content()
