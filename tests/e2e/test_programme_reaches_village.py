"""A programme's information edited in the hub's admin UI reaches the village laptop at its next sync, and
the laptop's leaflet prints the new words with the hub gone.

The hub is `sws-hub serve` and the laptop `sws-village` commands, each a process; the admin UI is used over
HTTP as a browser would (login, CSRF token, form posts); the leaflet is the laptop's own web UI process.
"""

import re

import pytest
import requests

from tests.e2e.conftest import running_village_ui
from tests.e2e.test_complaint_desk_with_hub import TIMEOUT, desk_session
from tests.e2e.test_village_with_hub import hub, laptop, query, run  # noqa: F401 (hub is a fixture)
from tests.integration.test_programme_edit_web import form_fields

pytestmark = pytest.mark.e2e
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
WHERE = {"where_to_apply_id": "Kantor Kecamatan Kepanjen, loket SWS",
         "where_to_apply_en": "Kepanjen sub-district office, SWS desk"}


def test_an_edit_at_the_hub_reaches_the_laptops_leaflet(tmp_path, hub):  # noqa: F811
    run(["sws-hub", "catalogue", "load"], hub.env)
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    run(["village_client", "sync"], siti)
    [(before,)] = query(siti, "SELECT json_extract(data, '$.revision') FROM programme WHERE code = 'JSLU'")

    session, token = desk_session(hub)
    url = f"{hub.url}/population/programmes/JSLU/edit"
    form = form_fields(session.get(url, timeout=TIMEOUT).text)
    saved = session.post(url, data={**form, **WHERE, "csrf_token": token}, timeout=TIMEOUT)
    assert saved.status_code == 200 and saved.url.endswith("/population/programmes/JSLU"), saved.text[-500:]

    run(["village_client", "sync"], siti)
    [(after, where)] = query(siti, "SELECT json_extract(data, '$.revision'), json_extract(data, '$.where_to_apply.en')"
                                   " FROM programme WHERE code = 'JSLU'")
    assert (after, where) == (before + 1, WHERE["where_to_apply_en"])

    hub.kill()  # the leaflet is printed with no hub to ask
    with running_village_ui(tmp_path / "sukamaju") as ui:
        browser = requests.Session()
        token = CSRF.search(browser.get(ui + "login", timeout=TIMEOUT).text)[1]
        browser.post(ui + "login", data={"csrf_token": token, "username": "siti", "pin": "123456"}, timeout=TIMEOUT)
        leaflet = browser.get(ui + "programmes/JSLU/leaflet?lang=en", timeout=TIMEOUT)
    assert leaflet.status_code == 200 and WHERE["where_to_apply_en"] in leaflet.text
