"""The hub's admin UI in a real browser (Debian's chromium through Playwright) against `sws-hub serve`."""

import base64

import pytest
import requests
from playwright.sync_api import expect

from sync_protocol.signing import device_id_for, generate_private_key, public_key_bytes
from tests.e2e.conftest import ADMIN_PASSWORD, TIMEOUT

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def log_in(tab, url):
    tab.goto(url + "/admin/devices")
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", ADMIN_PASSWORD)
    tab.click("button.primary")


def test_an_admin_issues_a_token_then_revokes_the_laptop_that_used_it(tab, hub_process):
    log_in(tab, hub_process.url)
    expect(tab.locator("h1")).to_have_text("Perangkat terdaftar", use_inner_text=True)
    tab.click("a[href='/admin/tokens']")
    tab.fill("input[name=scope]", "35.07.01.2001")
    tab.fill("input[name=label]", "Laptop sekretaris Tulungrejo")
    tab.click("button.primary")
    token = tab.locator("#token").inner_text()
    assert token.split(".")[1].replace("-", "") == hub_process.hello()["hub_fingerprint"][:16]

    key = public_key_bytes(generate_private_key())
    requests.post(f"{hub_process.url}/api/v1/enroll", timeout=TIMEOUT,
                  json={"token": token, "public_key": base64.b64encode(key).decode()}).raise_for_status()
    tab.click("a[href='/admin/devices']")
    tab.click(f"text={device_id_for(key)}")
    tab.click("summary")
    tab.fill("textarea[name=reason]", "laptop hilang di pasar")
    tab.click("button.danger")
    assert "telah dicabut" in tab.locator(".flash").first.inner_text()
    assert "laptop hilang di pasar" in tab.locator("dl.facts").inner_text()


def test_the_language_switch_and_a_wrong_form_answer_in_english(tab, hub_process):
    log_in(tab, hub_process.url)
    tab.click("button[value=en]")
    expect(tab.locator("h1")).to_have_text("Enrolled devices", use_inner_text=True)
    tab.goto(hub_process.url + "/admin/tokens")
    tab.fill("input[name=scope]", "35.07.01")
    tab.fill("input[name=label]", "Laptop")
    tab.click("button.primary")
    assert "35.07.01 is not a village code" in tab.locator("[role=alert]").inner_text()
    assert tab.locator("input[name=scope]").input_value() == "35.07.01"
