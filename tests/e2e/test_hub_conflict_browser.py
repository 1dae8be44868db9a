"""Resolving a conflict in the admin UI, in both languages, and the decision reaching the laptops."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.test_hub_browser import log_in
from tests.e2e.test_hub_sync_http import laptop, register
from tests.unit.protocol_helpers import valid_person

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
SCREENSHOTS = Path(__file__).parents[2] / "docs" / "img"


def make_conflict(hub):
    siti, kecamatan = laptop(hub, 1), laptop(hub, 2, scope="35.07.01", role="sub_district")
    (created,) = register(siti, ["Siti Aminah"])
    record = created.ops[0].record_id
    siti.sync([created])
    kecamatan.sync()
    phone = valid_person()["phone"]
    siti.sync([siti.device.update(record, {"phone": phone}, {"phone": "+6281211110000"})])
    reply = kecamatan.sync([kecamatan.device.update(record, {"phone": phone}, {"phone": "+6285722220000"})])
    return siti, kecamatan, reply["results"][0]["ops"][0]["conflict_id"]


def test_an_admin_compares_both_sides_and_resolves_with_a_reason(tab, hub_process):
    siti, kecamatan, conflict_id = make_conflict(hub_process)
    log_in(tab, hub_process.url)
    tab.click("a[href='/admin/conflicts']")
    assert "Menunggu keputusan (1)" in tab.locator("h2").first.inner_text()
    tab.click(f"text=#{conflict_id}")
    compare = tab.locator("table.compare").inner_text()
    assert "+6281211110000" in compare and "+6285722220000" in compare and "Nilai terakhir disepakati" in compare
    assert '"' not in compare and "None" not in compare and "Nomor HP" in compare  # labels, not codes or JSON
    subject = tab.locator("p.subject").inner_text()
    assert "Siti Aminah" in subject and "Tulungrejo" in subject and "35.07.01.2001" in subject
    tab.screenshot(path=str(SCREENSHOTS / "conflict-id.png"), full_page=True)

    tab.click("button[name=lang][value=en]")
    expect(tab.locator("table.compare")).to_contain_text("Last agreed value", use_inner_text=True)
    tab.screenshot(path=str(SCREENSHOTS / "conflict-en.png"), full_page=True)

    assert tab.locator("input[name=choice]:checked").count() == 0  # no side is chosen for the admin
    tab.click("button:has-text('Save the decision')")
    assert "Required" in tab.locator("[data-field=choice]").inner_text()
    tab.check("input[value=side-0]")
    tab.click("button:has-text('Save the decision')")  # no reason: said beside the reason, the choice kept
    assert "Required" in tab.locator("[data-field=reason]").inner_text()
    assert tab.locator("input[value=side-0]").is_checked()
    tab.fill("textarea[name=reason]", "Checked with the resident by phone")
    tab.click("button:has-text('Save the decision')")
    assert f"Conflict #{conflict_id} decided" in tab.locator(".flash").first.inner_text()
    assert "Checked with the resident by phone" in tab.locator("#conflicts-decided").inner_text()

    for client in (siti, kecamatan):
        entries = client.sync()["entries"]
        assert [e["data"]["phone"] for e in entries if e["kind"] == "record"] == ["+6281211110000"]


def test_an_edited_value_is_checked_like_any_laptops_edit(tab, hub_process):
    _, _, conflict_id = make_conflict(hub_process)
    log_in(tab, hub_process.url)
    tab.goto(f"{hub_process.url}/admin/conflicts/{conflict_id}")
    tab.check("input[value=edited]")
    tab.fill("input[name=edited]", "12345")
    tab.fill("textarea[name=reason]", "salah ketik")
    tab.click("button:has-text('Simpan keputusan')")
    shown = tab.locator("[data-field=edited]").inner_text()
    assert "Nomor HP" in shown, shown  # beside the value typed, which is kept with the reason
    assert tab.input_value("input[name=edited]") == "12345"
    assert tab.input_value("textarea[name=reason]") == "salah ketik"
    assert tab.locator("input[value=edited]").is_checked()
    tab.goto(f"{hub_process.url}/admin/conflicts")
    assert "Menunggu keputusan (1)" in tab.locator("h2").first.inner_text()
