"""The hub's printables on SQLite and PostgreSQL: a village's list for the village meeting and the decision
letters, as HTML and as PDFs read back as text, each under the letterhead of the settings (logo included);
the call centre's receipt with the same letterhead; refusals (undecided, another area, not a village)."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from hub_server import config
from hub_server.models.population import Person
from hub_server.models.programmes import Application
from tests.integration import report_data as data

OFFICE = "Dinas Sosial Kabupaten Malang"
ADDRESS = "Jl. Panji No. 158, Kepanjen"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18"/></svg>'


@pytest.fixture
def hub_settings(hub_settings, tmp_path):
    logo = tmp_path / "garuda.svg"
    logo.write_text(LOGO)
    return {**hub_settings, "DISTRICT_CODE": "35.07", "LETTERHEAD_OFFICE": OFFICE, "LETTERHEAD_ADDRESS": ADDRESS,
            "LETTERHEAD_LOGO": str(logo)}


@pytest.fixture
def hub(app, database, tmp_path, client, hub_users):
    data.build(database, tmp_path)
    hub_users.login(client)
    return database


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _application(database, nik: str) -> str:
    """The record id of the application of the person with `nik`."""
    with database.uow() as uow:
        return uow.session.execute(select(Application.record_id).join(Person, Person.id == Application.person_id)
                                   .where(Person.nik == nik)).scalar_one()


def test_the_village_meeting_list_holds_the_members_and_the_letterhead(hub, client, hub_users):
    url = f"/print/village-list?programme=OLD-D&village={data.V1}"
    page = client.get(url).get_data(as_text=True)
    assert "Pemerintah Kabupaten Malang" in page and OFFICE in page and 'src="data:image/svg+xml;base64,' in page
    assert page.index("Budi Santoso") < page.index("Sri Wahyuni")  # by name
    assert "3507010101600001" in page and data.KK_A in page and "RT 001/RW 002" in page
    assert "Ketua BPD" in page and "Saksi 2" in page and '<td class="blank"></td>' in page
    assert '<dd id="print-count">2</dd>' in page and "@page" in page
    text = pdf_text(client.get(url + "&format=pdf").data)
    assert "PEMERINTAH KABUPATEN MALANG" in text and ADDRESS in text  # the government's line in capitals
    assert "Budi Santoso" in text and "3507014505650001" in text and "Sri Wahyuni" in text
    assert "Tulungrejo" in text and "Kepala Desa" in text and "Sekretaris Desa" in text
    hub_users.post(client, "/language", lang="en", next="/")
    english = client.get(url).get_data(as_text=True)
    assert "Beneficiary list for the village meeting" in english and "Village head" in english


def test_a_household_list_names_each_household_head_and_refuses_a_wrong_village(hub, client):
    text = pdf_text(client.get(f"/print/village-list?programme=HH-N&village={data.V3}&format=pdf").data)
    assert "Ahmad Fauzi" in text and data.KK_C in text
    refused = client.get("/print/village-list?programme=HH-N&village=35.07.01")
    assert refused.status_code == 400 and "35.07.01 bukan kode desa/kelurahan" in refused.get_data(as_text=True)
    assert client.get(f"/print/village-list?programme=NOPE&village={data.V1}").status_code == 404


def test_the_decision_letters_say_the_decision_in_plain_words(hub, client):
    budi, ahmad = _application(hub, "3507010101600001"), _application(hub, "3507020606500001")
    approved = pdf_text(client.get(f"/print/decision/{budi}?format=pdf").data)
    assert "PEMERINTAH KABUPATEN MALANG" in approved and OFFICE in approved
    assert f"SWS/OLD-D/{budi.upper()}/2026" in approved and "Budi Santoso" in approved
    assert "Lansia uji" in approved and "DISETUJUI" in approved and "20-03-2026" in approved
    assert "Rp200.000" in approved
    rejected = pdf_text(client.get(f"/print/decision/{ahmad}?format=pdf").data)
    assert "TIDAK DAPAT DISETUJUI" in rejected and "Bukan keluarga sasaran menurut musyawarah" in rejected
    assert "Keluarga uji" in rejected and "pengaduan" in rejected and "Ahmad Fauzi" in rejected
    queue = client.get("/applications/").get_data(as_text=True)
    assert f'href="/print/decision/{ahmad}"' in queue and f'href="/print/decision/{budi}?format=pdf"' in queue
    page = client.get(f"/print/decision/{ahmad}").get_data(as_text=True)
    assert f'<strong id="letter-number">SWS/HH-N/{ahmad.upper()}/2026</strong>' in page


def test_an_undecided_application_has_no_letter_and_an_officer_sees_their_area_only(hub, client, hub_users):
    joko = _application(hub, "3507010303900001")
    undecided = client.get(f"/print/decision/{joko}")
    assert undecided.status_code == 409 and "belum diputuskan" in undecided.get_data(as_text=True)
    password = hub_users.add("camat.pagak", "sub_district_officer", area="35.07.02")
    hub_users.login(client, "camat.pagak", password)
    assert client.get(f"/print/decision/{_application(hub, '3507010101600001')}").status_code == 404
    assert client.get(f"/print/village-list?programme=OLD-D&village={data.V1}").status_code == 403


def test_the_call_centre_receipt_carries_the_letterhead(hub, client):
    receipt = client.get(f"/callcentre/complaint/{data.D1}-c1/receipt").get_data(as_text=True)
    assert 'class="letterhead"' in receipt and OFFICE in receipt and "ADU-1" in receipt


def test_a_logo_that_is_no_image_file_stops_the_hub_naming_the_setting(tmp_path):
    with pytest.raises(config.SettingError, match="LETTERHEAD_LOGO"):
        config.load({"DATA_DIR": str(tmp_path), "LETTERHEAD_LOGO": str(tmp_path / "missing.png")}, environ={})
