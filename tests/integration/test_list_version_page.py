"""A list version opens to its members: who is on it, with the parts of the rule and their status, or who that
version added or removed; paged and filtered on the server (the report's fixed district, `report_data.py`)."""

import re

import pytest

from hub_server.models.programmes import ListVersion
from tests.integration import report_data as data


@pytest.fixture
def hub(app, database, tmp_path):
    data.build(database, tmp_path)
    return database


def version_id(database, programme: str, village: str) -> int:
    with database.uow() as uow:
        return uow.session.query(ListVersion.id).filter_by(programme_code=programme, village_code=village).scalar()


def members(page: str) -> list:
    return re.findall(r'<tr data-nik="(\d+)">', page)


def test_a_list_version_shows_its_members_with_names_reasons_and_status(hub, client, hub_users):
    hub_users.login(client)
    lists = client.get("/population/lists?programme=OLD-D").get_data(as_text=True)
    number = version_id(hub, "OLD-D", data.V2)
    assert f'href="/population/lists/{number}"' in lists and "Lansia uji" in lists and "Banjarejo" in lists
    page = client.get(f"/population/lists/{number}").get_data(as_text=True)
    assert "Daftar Lansia uji · Banjarejo, versi 1" in page and "35.07.01.2002" in page
    # Banjarejo's old-age list: Eko, listed while his registration awaits verification (Joko and Rina are 36, 33).
    assert members(page) == ["3507010808580001"] and "Eko Prasetyo" in page
    assert "Terdaftar, menunggu verifikasi" in page and "Masuk di versi ini" in page
    assert "Baris 1–1 dari 1" in page


def test_a_list_version_filters_by_name_status_and_change(hub, client, hub_users):
    hub_users.login(client)
    number = version_id(hub, "HEALTH", data.V1)
    everyone = client.get(f"/population/lists/{number}?sort=name&desc=0").get_data(as_text=True)
    names = re.findall(r'<tr data-nik="\d+">\s*<td>([^<]+)<br>', everyone)
    assert names == sorted(names) and len(names) == 4  # Ani, Budi, Dewi (proposed), Sri
    assert members(client.get(f"/population/lists/{number}?q=budi").get_data(as_text=True)) == [data.PEOPLE[0][0]]
    proposed = client.get(f"/population/lists/{number}?status=proposed").get_data(as_text=True)
    assert members(proposed) == ["3507014707000001"]  # Dewi, awaiting verification at the run
    assert members(client.get(f"/population/lists/{number}?change=removed").get_data(as_text=True)) == []
    assert client.get("/population/lists/999999").status_code == 404
