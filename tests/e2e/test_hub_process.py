"""A real `sws-hub serve` process: enrollment over HTTP, the error envelope, a kill and a restart."""

import base64
import re

import pytest
import requests

from sync_protocol.binding import verify_enroll_reply
from sync_protocol.signing import device_id_for, fingerprint, generate_private_key, public_key_bytes
from tests.e2e.conftest import ADMIN_PASSWORD, TIMEOUT

pytestmark = pytest.mark.e2e


def enroll(hub, token, public_key, **headers):
    body = {"token": token, "public_key": base64.b64encode(public_key).decode(), "label": "laptop uji"}
    return requests.post(f"{hub.url}/api/v1/enroll", json=body, headers=headers, timeout=TIMEOUT)


def test_hello_names_the_hub_and_its_protocol_versions(hub_process):
    hello = hub_process.hello()
    assert hello["ok"] and 1 in hello["protocol_versions"] and re.fullmatch(r"\d{4}-\d\d-\d\dT.*Z", hello["time"])


def test_a_laptop_enrolls_over_http_and_checks_the_hub_signature_with_the_token(hub_process):
    token = hub_process.issue_token(scope="35.07.01.2001")
    key = public_key_bytes(generate_private_key())
    reply = enroll(hub_process, token, key).json()
    hub_public = base64.b64decode(reply["hub_public_key"])
    prefix = token.split(".")[1].replace("-", "")
    assert len(prefix) * 5 >= 80 and fingerprint(hub_public).startswith(prefix)
    verify_enroll_reply(reply, hub_public)
    assert reply["device_id"] == device_id_for(key) and reply["scope"] == ["35.07.01.2001"]
    assert device_id_for(key) in hub_process.cli("devices").stdout


def test_errors_from_the_real_server_use_the_envelope(hub_process):
    missing = requests.get(f"{hub_process.url}/api/v1/missing", timeout=TIMEOUT)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    bad = requests.post(f"{hub_process.url}/api/v1/enroll", data=b"{oops", timeout=TIMEOUT)
    assert bad.status_code == 400 and bad.json()["code"] == "malformed"
    used = hub_process.issue_token()
    enroll(hub_process, used, public_key_bytes(generate_private_key()))
    again = enroll(hub_process, used, public_key_bytes(generate_private_key()), **{"Accept-Language": "en"})
    assert again.status_code == 409 and again.json()["error"].startswith("This enrollment token has already")


@pytest.mark.parametrize("chunked", [False, True])
def test_a_body_over_the_limit_is_refused_with_the_envelope(start_hub, tmp_path, chunked):
    hub = start_hub(tmp_path / "small", SWS_HUB_MAX_BODY_BYTES="4096")
    data = b"x" * 10_000
    body = (data[i:i + 1000] for i in range(0, len(data), 1000)) if chunked else data
    response = requests.post(f"{hub.url}/api/v1/enroll", data=body, timeout=TIMEOUT)
    assert response.status_code == 413
    assert response.json()["code"] == "body_too_large" and response.json()["limit"] == 4096


def test_a_killed_hub_restarts_with_its_key_and_enrollments(hub_process):
    first = hub_process.hello()
    token = hub_process.issue_token()
    key = public_key_bytes(generate_private_key())
    assert enroll(hub_process, token, key).status_code == 200
    hub_process.kill()
    hub_process.start()
    assert hub_process.hello()["hub_fingerprint"] == first["hub_fingerprint"]
    assert enroll(hub_process, token, key).json()["code"] == "token_used"


def test_an_officer_logs_in_to_the_admin_ui_over_http(hub_process):
    browser = requests.Session()
    page = browser.get(f"{hub_process.url}/login", timeout=TIMEOUT).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = browser.post(f"{hub_process.url}/login", timeout=TIMEOUT,
                            data={"username": "admin", "password": ADMIN_PASSWORD, "csrf_token": csrf})
    assert response.status_code == 200 and "<h1>Dasbor</h1>" in response.text  # the home page after login
    refused = browser.post(f"{hub_process.url}/logout", data={}, timeout=TIMEOUT)
    assert refused.status_code == 403


@pytest.mark.postgres
def test_the_hub_serves_from_postgresql(start_hub, tmp_path, pg_url):
    hub = start_hub(tmp_path / "pg-hub", database_url=pg_url)
    key = public_key_bytes(generate_private_key())
    assert enroll(hub, hub.issue_token(), key).json()["device_id"] == device_id_for(key)
    assert device_id_for(key) in hub.cli("devices").stdout
