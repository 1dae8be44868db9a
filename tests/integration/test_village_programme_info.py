"""Programme information on the laptop, offline: the catalogue page, a leaflet per programme and a one-page
overview per guarantee, from programmes received through the signed feed."""

import json
import re

import pytest

from hub_server.services import catalogue
from tests.integration.test_village_lists import Feed, hub, laptop  # noqa: F401  (fixtures)
from village_client.web import create_app

SHIPPED = {entry["code"]: entry for entry in json.loads(catalogue.SHIPPED.read_text(encoding="utf-8"))}


def published(code: str, **changes) -> dict:
    """A programme as the hub's feed carries it: the record, its matching settings and its revision."""
    data = {**SHIPPED[code], "revision": 1, **changes}
    return {"kind": "programme", "table": "programme", "id": code, "data": data}


@pytest.fixture
def browser(laptop):  # noqa: F811
    store, _, hub_standin = laptop
    Feed(store, hub_standin).deliver(published("JSLU"), published("BPJS-PBI"), published("PKH"))
    client = create_app(store.data_dir).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(True)).group(1)
    client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"})
    client.feed = Feed(store, hub_standin)
    client.feed.pages = 1
    return client


def page(browser, path: str) -> str:
    response = browser.get(path)
    assert response.status_code == 200, path
    html = response.get_data(as_text=True)
    assert not re.search(r">\s*[a-z_]+\.[a-z_.]+\s*<", html) and "None" not in html  # no raw keys, no None
    return html


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_leaflet_tells_a_citizen_everything_in_the_officers_language(browser, lang):
    html = page(browser, f"/programmes/JSLU/leaflet?lang={lang}")
    jslu = SHIPPED["JSLU"]
    assert 'class="letterhead"' in html and "@page" not in html  # the laptop's letterhead, print CSS from style.css
    assert jslu["eligibility_plain"][lang] in html and jslu["where_to_apply"][lang] in html
    assert jslu["focal_point"]["office"][lang] in html
    assert (jslu["benefit"] if lang == "id" else jslu["benefit_en"]) in html
    assert ("Surat keterangan desa" if lang == "id" else "Village letter") in html
    assert html.count("<li>") >= 4 + len(jslu["required_documents"])  # the procedure's four steps, one by one
    assert ("Siapa yang berhak" if lang == "id" else "Who is eligible") in html
    other = "en" if lang == "id" else "id"
    assert jslu["eligibility_plain"][other] not in html


def test_the_overview_of_a_guarantee_lists_its_programmes_with_benefit_and_who_is_eligible(browser):
    html = page(browser, "/programmes/guarantee/health?lang=en")
    assert 'id="overview-BPJS-PBI"' in html and SHIPPED["BPJS-PBI"]["eligibility_plain"]["en"] in html
    assert SHIPPED["BPJS-PBI"]["benefit_en"] in html and "JSLU" not in html and "PKH" not in html
    assert "Health" in page(browser, "/programmes/guarantee/health?lang=en")
    assert "Belum ada program" in page(browser, "/programmes/guarantee/working_age?lang=id")
    assert 'id="overview-JSLU"' in page(browser, "/programmes/guarantee/old_age")


def test_the_programmes_page_links_the_leaflets_and_overviews(browser):
    html = page(browser, "/programmes?lang=en")
    assert html.count('class="leaflet"') == 3 and 'href="/programmes/JSLU/leaflet"' in html
    assert all(f'href="/programmes/guarantee/{g}"' in html for g in ("health", "children", "working_age", "old_age"))
    assert "<li>The village records the application and sends it to the Social Affairs Office.</li>" in html


def test_a_changed_programme_changes_its_leaflet_and_an_inactive_one_leaves_the_overview(browser):
    browser.feed.deliver(published("JSLU", revision=2, where_to_apply={"id": "Kantor kecamatan Kepanjen",
                                                                      "en": "The Kepanjen sub-district office"}))
    assert "The Kepanjen sub-district office" in page(browser, "/programmes/JSLU/leaflet?lang=en")
    browser.feed.deliver(published("JSLU", revision=3, active=False))
    assert 'id="overview-JSLU"' not in page(browser, "/programmes/guarantee/old_age")


def test_a_programme_without_information_still_prints_what_it_has_and_an_unknown_one_is_not_found(browser):
    bare = {key: value for key, value in SHIPPED["BPJS-K3"].items()
            if key not in ("eligibility_plain", "procedure", "where_to_apply", "focal_point", "benefit_en")}
    browser.feed.deliver({"kind": "programme", "table": "programme", "id": "BPJS-K3", "data": bare})
    html = page(browser, "/programmes/BPJS-K3/leaflet?lang=en")
    assert bare["benefit"] in html and "Who is eligible" not in html
    assert "—" in page(browser, "/programmes/guarantee/health")  # no plain words yet: a dash, not a blank
    assert browser.get("/programmes/NOPE/leaflet").status_code == 404
    assert browser.get("/programmes/guarantee/pension").status_code == 404
