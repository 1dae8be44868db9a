"""The hub's claims pages in a real browser (Debian's chromium), in both languages: a district officer lists the
claims a laptop sent, filters them, opens one with its missing documents, passes it to the agency from the command
line, and records the agency's refusal on the claim's page: a refusal without its reason is refused with the reason
beside the field and what was typed kept; with its reason, the claim shows refused."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from sync_protocol.changeset import Operation
from tests.e2e.test_hub_sync_http import laptop
from tests.e2e.test_sensitive_desk_browser import PASSWORD, log_in
from tests.unit.protocol_helpers import valid_record

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
VILLAGE = "35.07.01.2001"
NIK = "3507015505900001"  # the example claim's member


def member_at_the_hub(hub_process) -> None:
    """Siti's ASKESOS membership, card 12030045678 from 1 January 2026, as the district's enrolment makes it."""
    from hub_server import create_app, db
    from hub_server.models.payments import Membership
    from hub_server.models.population import Person

    app = create_app({"DATA_DIR": str(hub_process.data_dir)})
    try:
        with db.get(app).uow() as uow:
            uow.session.add(Person(id=1, nik=NIK, name="Siti Aminah", name_key="siti aminah", village_code=VILLAGE))
            uow.session.add(Membership(person_id=1, nik=NIK, programme_code="ASKESOS", village_code=VILLAGE,
                                       number="12030045678", payer="self", monthly_contribution=16800,
                                       start_date=dt.date(2026, 1, 1), created_at=dt.datetime.now(dt.UTC),
                                       created_by="cli:test"))
            uow.commit()
    finally:
        db.get(app).dispose()


def test_a_district_officer_follows_a_claim_to_refused_in_both_languages(tab, hub_process, tmp_path):
    hub_process.extra_env["SWS_HUB_USER_PASSWORD"] = PASSWORD
    hub_process.cli("user", "add", "budi", "--role", "district_admin")
    hub_process.cli("catalogue", "load")
    siti = laptop(hub_process, 1)
    claim_id = siti.device.new_id()
    siti.sync([siti.device.changeset(Operation("create", "claim", claim_id, valid_record(
        "claim", village_code=VILLAGE, person_id=None, officer="siti")))])
    log_in(tab, hub_process.url, "budi")
    tab.goto(f"{hub_process.url}/claims/")
    listed = tab.locator("#claims").inner_text()
    assert "Siti Aminah" in listed and "Kecelakaan kerja (JKK)" in listed and "Dicatat" in listed
    tab.select_option("select[name=status]", "paid")
    tab.click("#claims-filter button")
    tab.wait_for_url(re.compile(r"[?&]status=paid"))  # the filtered page, loaded
    assert "Siti Aminah" not in tab.locator("main").inner_text()
    tab.goto(f"{hub_process.url}/claims/{claim_id}")
    assert "Laporan kecelakaan kerja" in tab.locator("#claim-missing").inner_text()
    # The hub holds no membership for her yet (the laptop's copy said she had one): marked, and held back.
    tab.goto(f"{hub_process.url}/claims/?member=no")
    assert "Bukan peserta di hub pada hari kejadian" in tab.locator("#claims").inner_text()
    held = hub_process.cli("claims", "export", "--programme", "ASKESOS", "--out", str(tmp_path / "none.csv"),
                           "--reason", "BPJS TK Malang").stdout
    assert "1 klaim ditahan" in held or "1 claims held back" in held
    member_at_the_hub(hub_process)
    hub_process.cli("claims", "export", "--programme", "ASKESOS", "--out", str(tmp_path / "claims.csv"),
                    "--reason", "BPJS TK Malang")
    tab.goto(f"{hub_process.url}/claims/{claim_id}")
    tab.click("button[name=lang][value=en]")
    expect(tab.locator("#claim-status")).to_contain_text("Passed to the agency", use_inner_text=True)
    tab.select_option("#claim-answer select[name=kind]", "refused")
    tab.fill("#claim-answer textarea[name=text]", "Dokumen belum lengkap")
    tab.click("#claim-answer button")
    assert "Reason the claim was refused is required" in tab.locator(".field-error[data-field=refusal_reason]") \
        .inner_text()
    assert tab.input_value("#claim-answer textarea[name=text]") == "Dokumen belum lengkap"
    tab.select_option("#claim-answer select[name=refusal_reason]", "documents_incomplete")
    tab.click("#claim-answer button")
    expect(tab.locator("#claim-status")).to_contain_text("Refused", use_inner_text=True)
    assert "Documents incomplete" in tab.locator("#claim-status").inner_text()
