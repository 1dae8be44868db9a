"""A response written at the hub's complaints desk reaches the village laptop at its next sync.

The hub is `sws-hub serve` on a free port and the laptop `sws-village` commands, each a process; the
desk is used over HTTP as a browser would (login, CSRF token, form posts).
"""

import re

import pytest
import requests

from tests.e2e.test_village_with_hub import hub, laptop, run  # noqa: F401 (hub is a fixture)

pytestmark = pytest.mark.e2e
TIMEOUT = (5, 30)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def desk_session(hub) -> tuple[requests.Session, str]:  # noqa: F811
    """A logged-in admin session and its CSRF token (a login starts a fresh session, with a new token)."""
    session = requests.Session()
    token = CSRF.search(session.get(f"{hub.url}/login", timeout=TIMEOUT).text)[1]
    page = session.post(f"{hub.url}/login", data={"username": "admin", "password": "admin-pass-123",
                                                  "csrf_token": token}, timeout=TIMEOUT)
    return session, CSRF.search(page.text)[1]


def test_a_desk_response_reaches_the_village_at_its_next_sync(tmp_path, hub):  # noqa: F811
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    added = run(["village_client", "complaint", "add", "--officer", "siti", "category=payment_delay",
                 "programme_code=PKH", "complainant_name=Ani Lestari", "description=PKH belum cair",
                 "village_code=35.07.01.2001"], siti)
    complaint = re.search(r"complaint (\S+) recorded", added)[1]
    run(["village_client", "complaint", "event", "--officer", "siti", complaint, "escalation",
         "escalation_level=sub_district", "text=Perlu verifikasi DTSEN"], siti)
    run(["village_client", "sync"], siti)

    session, token = desk_session(hub)
    queue = session.get(f"{hub.url}/desk/queue/sub_district", timeout=TIMEOUT).text
    assert "Ani Lestari" in queue
    page = f"{hub.url}/desk/complaint/{complaint}"
    refused = session.post(f"{page}/acknowledge", data={"csrf_token": token, "text": "Diterima"}, timeout=TIMEOUT)
    assert refused.status_code == 400 and "acknowledgement_needs_response" in refused.text
    for action, form in (("assign", {"officer_in_charge": "Bambang Sutrisno"}),
                         ("respond", {"text": "Data DTSEN diperbaiki, PKH cair bulan depan."})):
        answer = session.post(f"{page}/{action}", data={"csrf_token": token, **form}, timeout=TIMEOUT)
        assert answer.status_code == 200 and answer.url == page, answer.text[-500:]

    run(["village_client", "sync"], siti)
    shown = run(["village_client", "complaint", "show", "--officer", "siti", complaint], siti)
    assert "Response: Data DTSEN diperbaiki, PKH cair bulan depan." in shown
    assert "Status: Resolved" in shown and "Bambang Sutrisno" in shown
