"""The hub's programme information on paper, on SQLite and PostgreSQL: a programme's leaflet for citizens and
the overview of one guarantee's programmes, under the letterhead of the settings, in both languages, as HTML and
as PDFs read back as text; the refusals (an unknown programme, a word that is no guarantee)."""

import json

import pytest
from markupsafe import escape

from hub_server.services import catalogue
from tests.integration.test_printables import ADDRESS, OFFICE, pdf_text

SHIPPED = {entry["code"]: entry for entry in json.loads(catalogue.SHIPPED.read_text(encoding="utf-8"))}


@pytest.fixture
def hub_settings(hub_settings):
    return {**hub_settings, "DISTRICT_CODE": "35.07", "LETTERHEAD_OFFICE": OFFICE, "LETTERHEAD_ADDRESS": ADDRESS}


@pytest.fixture
def hub(app, database, client, hub_users):
    with database.uow() as uow:
        catalogue.load_file(uow, actor="cli:test")
    hub_users.login(client)
    return database


def test_a_leaflet_holds_what_a_citizen_is_told_in_their_language(hub, client, hub_users):
    page = client.get("/print/programme/PANTI-WERDHA").get_data(as_text=True)
    entry = SHIPPED["PANTI-WERDHA"]
    assert "Pemerintah Kabupaten Malang" in page and OFFICE in page and "@page" in page
    assert entry["name"] in page and entry["benefit"] in page and entry["eligibility_plain"]["id"] in page
    assert entry["where_to_apply"]["id"] in page and entry["focal_point"]["office"]["id"] in page
    assert "<li>Surat keterangan dokter</li>" in page and "Jaminan perlindungan sosial: Lanjut usia" in page
    assert "<li>Tenaga kesejahteraan sosial kecamatan (TKSK) mengunjungi dan menilai keadaannya.</li>" in page
    assert "Rp200.000 · Per bulan" in client.get("/print/programme/JSLU").get_data(as_text=True)
    hub_users.post(client, "/language", lang="en", next="/")
    english = client.get("/print/programme/PANTI-WERDHA").get_data(as_text=True)
    assert entry["name_en"] in english and entry["benefit_en"] in english and "Documents to bring" in english
    assert escape(entry["eligibility_plain"]["en"]) in english and "<li>Medical certificate</li>" in english


def test_a_guarantee_overview_lists_its_active_programmes(hub, client):
    page = client.get("/print/guarantee/children").get_data(as_text=True)
    children = sorted(code for code, entry in SHIPPED.items() if entry["guarantee"] == "children")
    assert [code for code in SHIPPED if f'id="overview-{code}"' in page] == [c for c in SHIPPED if c in children]
    assert {"PMT-AS", "IMUNISASI", "PKH", "BSM"} <= set(children) and 'id="overview-JSLU"' not in page
    assert SHIPPED["IMUNISASI"]["eligibility_plain"]["id"] in page and OFFICE in page
    listing = client.get("/population/programmes").get_data(as_text=True)
    assert 'href="/print/guarantee/old_age"' in listing and 'href="/print/guarantee/health?format=pdf"' in listing
    assert 'href="/print/programme/PMT-AS"' in client.get("/population/programmes/PMT-AS").get_data(as_text=True)


def test_an_unknown_programme_or_guarantee_is_refused_naming_it(hub, client):
    missing = client.get("/print/programme/NOPE")
    assert missing.status_code == 404 and "NOPE tidak ada di katalog" in missing.get_data(as_text=True)
    wrong = client.get("/print/guarantee/pension")
    assert wrong.status_code == 400 and "pension bukan jaminan perlindungan sosial" in wrong.get_data(as_text=True)


def test_the_pdfs_hold_the_same_words(hub, client):
    leaflet = pdf_text(client.get("/print/programme/IMUNISASI?format=pdf").data)
    assert "PEMERINTAH KABUPATEN MALANG" in leaflet and "Imunisasi Dasar Lengkap Anak Balita" in leaflet
    assert "Posyandu desa, bidan desa atau puskesmas." in leaflet
    overview = pdf_text(client.get("/print/guarantee/old_age?format=pdf").data)
    assert "JSLU" in overview and "Panti Werdha" in overview and ADDRESS in overview
