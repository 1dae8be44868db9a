"""The verification worklist in the admin UI: residents by name and village, confirm or refuse, forms
that keep what was typed, and a sub-district officer limited to their area."""

import datetime as dt
import itertools

import pytest
from sqlalchemy import select

from hub_server.models.population import Person
from hub_server.models.records import ReceivedChangeSet, Record
from hub_server.services import identity
from hub_server.services.apply import RecordState

NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
_ids = itertools.count(1)


def register(database, nik: str, name: str, village: str = "35.07.01.2001") -> None:
    record_id, seq = f"k3m9x2p7qa-{next(_ids)}", next(_ids)
    values = {"nik": nik, "name": name, "birth_date": "1990-05-15", "sex": "M", "village_code": village,
              "kk_number": f"350701020326{next(_ids):04d}"}
    with database.uow() as uow:
        uow.session.add(Record(id=record_id, table_name="person", village_code=village, data=values,
                               created_by="k3m9x2p7qa", created_seq=seq))
        uow.session.add(ReceivedChangeSet(device_id="k3m9x2p7qa", seq=seq, hash="0" * 64, outcome="applied",
                                          officer="siti.aminah", wall_time=0, ops=1, received_at=NOW, via="http"))
        uow.session.flush()
        identity.check(uow.session, [RecordState("person", record_id, village, dict(values), values=dict(values),
                                                  is_new=True, changed=True)], NOW)
        uow.commit()


def person_id(database, nik: str) -> int:
    with database.uow() as uow:
        return uow.session.execute(select(Person.id).where(Person.nik == nik)).scalar()


@pytest.fixture
def residents(database):
    register(database, "3507011505900001", "Budi Santoso")
    register(database, "3507021505900002", "Slamet Riyadi", village="35.07.02.2001")
    return database


def test_the_worklist_shows_people_by_name_and_village_name(client, hub_users, residents):
    hub_users.login(client)
    page = client.get("/verification/").get_data(as_text=True)
    assert "Budi Santoso" in page and "3507011505900001" in page and "Slamet Riyadi" in page
    assert "Tulungrejo" in page  # 35.07.01.2001's name, beside its code
    assert "siti.aminah" in page and "None" not in page
    assert 'data-status="awaiting">2<' in page
    home = client.get("/population/").get_data(as_text=True)
    assert 'data-status="awaiting">2<' in home


def test_a_refused_confirmation_keeps_what_was_typed_and_says_why_beside_the_field(client, hub_users, residents):
    hub_users.login(client)
    ident = person_id(residents, "3507011505900001")
    response = hub_users.post(client, f"/verification/{ident}/decide", decision="confirm", reason="KK ok",
                              documents="kk")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert ">KK ok</textarea>" in page and 'value="kk" checked' in page
    assert 'data-field="reason"' in page and "paling sedikit 10" in page
    client.post("/language", data={"lang": "en", "csrf_token": hub_users.csrf(client), "next": "/"})
    response = hub_users.post(client, f"/verification/{ident}/decide", decision="refuse", justification="")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'data-field="justification"' in page and "Required" in page
    with residents.uow() as uow:
        assert uow.session.get(Person, ident).verification == "awaiting"


def test_an_officer_confirms_from_the_documents_seen(client, hub_users, residents):
    hub_users.login(client)
    ident = person_id(residents, "3507011505900001")
    response = hub_users.post(client, f"/verification/{ident}/decide", decision="confirm",
                              reason="KK asli dilihat di kantor desa", documents="kk")
    assert response.status_code == 302
    with residents.uow() as uow:
        held = uow.session.get(Person, ident)
        assert (held.verification, held.verification_documents, held.verified_by) == (
            "confirmed", ["kk"], "user:admin")
    assert "dikonfirmasi" in client.get("/verification/").get_data(as_text=True)  # the flash, once
    assert "Budi Santoso" not in client.get("/verification/").get_data(as_text=True)
    assert "Budi Santoso" in client.get("/verification/?status=confirmed").get_data(as_text=True)


def test_a_sub_district_officer_sees_and_decides_only_their_area(client, hub_users, residents):
    password = hub_users.add("camat", "sub_district_officer", area="35.07.02")
    hub_users.login(client, "camat", password)
    page = client.get("/verification/?area=35.07").get_data(as_text=True)
    assert "Slamet Riyadi" in page and "Budi Santoso" not in page
    other = person_id(residents, "3507011505900001")
    assert client.get(f"/verification/{other}").status_code == 403
    response = hub_users.post(client, f"/verification/{other}/decide", decision="refuse",
                              justification="Bukan warga kecamatan ini")
    assert response.status_code == 403
    with residents.uow() as uow:
        assert uow.session.get(Person, other).verification == "awaiting"


def test_a_viewer_cannot_decide(client, hub_users, residents):
    password = hub_users.add("pemantau", "viewer")
    hub_users.login(client, "pemantau", password)
    ident = person_id(residents, "3507011505900001")
    assert "confirm-form" not in client.get(f"/verification/{ident}").get_data(as_text=True)
    assert hub_users.post(client, f"/verification/{ident}/decide", decision="refuse",
                          justification="Tidak berhak memutuskan").status_code == 403


def test_the_call_centre_finds_a_village_registered_resident_and_says_they_await_verification(client, hub_users,
                                                                                            residents):
    hub_users.login(client)
    found = client.get("/callcentre/?q=budi+santoso").get_data(as_text=True)
    assert "3507011505900001" in found and "Tulungrejo" in found and "Menunggu verifikasi" in found
    page = client.get(f"/callcentre/person/{person_id(residents, '3507011505900001')}").get_data(as_text=True)
    assert 'data-status="awaiting"' in page and "siti.aminah" in page and "15-05-1990" in page
