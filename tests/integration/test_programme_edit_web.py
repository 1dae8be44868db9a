"""The district admin edits a programme's information in the admin UI (SQLite and PostgreSQL): refused beside
the field with what was typed kept, then saved as a new revision, audited and placed in every laptop's feed."""

import re

import pytest
from sqlalchemy import select

from hub_server.models.audit import AuditLog
from hub_server.models.records import FeedEntry
from hub_server.services import catalogue
from tests.integration.test_population_support import ACTOR

PATH = "/population/programmes/JSLU/edit"


@pytest.fixture
def hub(database):
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    return database


def held(hub) -> tuple:
    """(revision, record, feed position, audit actions) of JSLU as the hub holds it."""
    with hub.uow() as uow:
        programme = next(p for p in catalogue.programmes(uow.session) if p.code == "JSLU")
        position = uow.session.execute(select(FeedEntry.pos).where(FeedEntry.kind == "programme",
                                                                   FeedEntry.ref == "JSLU")).scalar()
        actions = uow.session.execute(select(AuditLog.actor, AuditLog.action).where(
            AuditLog.subject == "programme:JSLU").order_by(AuditLog.id)).all()
        return programme.revision, dict(programme.record), position, [tuple(row) for row in actions]


def form_fields(html: str) -> dict:
    """The programme edit form's inputs as the page fills them (inputs, textareas, the checked documents)."""
    form = dict(re.findall(r'<input id="([a-z_]+)" name="[a-z_]+" value="([^"]*)"', html))
    form.update(re.findall(r'<textarea id="([a-z_]+)" name="[a-z_]+" rows="\d+">([^<]*)</textarea>', html))
    form = {name: value.replace("&#39;", "'").replace("&amp;", "&") for name, value in form.items()}
    return {**form, "required_documents": re.findall(r'name="required_documents" value="([a-z_]+)" checked', html),
            "active": "on"}


def test_an_edit_is_refused_beside_the_field_then_saved_versioned_audited_and_in_the_feed(hub, client, hub_users):
    hub_users.login(client)
    revision, record, position, actions = held(hub)
    form = form_fields(client.get(PATH).get_data(as_text=True))
    assert form["eligibility_plain_en"] == record["eligibility_plain"]["en"] and "ktp" in form["required_documents"]

    bad = {**form, "procedure_en": "", "focal_phone": "0341", "quota": "-3", "where_to_apply_id": "Kantor desa"}
    hub_users.post(client, "/language", lang="en")
    refused = hub_users.post(client, PATH, **bad)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'id="form-refused"' in html
    assert 'id="procedure_en-error"' in html and "both languages" in html
    assert 'id="focal_phone-error"' in html and 'id="quota-error"' in html
    assert 'value="0341"' in html and 'value="-3"' in html and ">Kantor desa</textarea>" in html  # kept as typed
    assert held(hub) == (revision, record, position, actions)  # nothing saved, nothing sent

    good = {**form, "where_to_apply_id": "Kantor Kecamatan Kepanjen",
            "where_to_apply_en": "Kepanjen sub-district office",
            "focal_name": "Bu Sri Wahyuni", "focal_phone": "0812-3456-7890", "quota": "3500"}
    saved = hub_users.post(client, PATH, **good)
    assert saved.status_code == 302 and saved.location.endswith("/population/programmes/JSLU")
    new_revision, new_record, new_position, new_actions = held(hub)
    assert new_revision == revision + 1 and new_position > position
    assert new_record["where_to_apply"] == {"id": "Kantor Kecamatan Kepanjen", "en": "Kepanjen sub-district office"}
    assert new_record["focal_point"] == {"office": record["focal_point"]["office"], "name": "Bu Sri Wahyuni",
                                         "phone": "+6281234567890"}
    assert new_record["quota"] == 3500 and new_record["eligibility_rule"] == record["eligibility_rule"]
    assert new_actions[-1] == ("user:admin", "programme.saved") and len(new_actions) == len(actions) + 1
    with hub.uow() as uow:
        sent = catalogue.feed_entries(uow.session, ["JSLU"])["JSLU"]["data"]
    assert sent["revision"] == new_revision and sent["where_to_apply"]["en"] == "Kepanjen sub-district office"
    page = client.get("/population/programmes/JSLU").get_data(as_text=True)
    assert "Kepanjen sub-district office" in page and "Bu Sri Wahyuni" in page

    again = hub_users.post(client, PATH, **good)  # the same again: no new revision, nothing sent
    assert again.status_code == 302 and held(hub)[0] == new_revision and held(hub)[2] == new_position


def test_only_who_may_edit_the_catalogue_sees_the_form(hub, client, hub_users):
    password = hub_users.add("lihat", "viewer")
    hub_users.login(client, "lihat", password)
    assert client.get(PATH).status_code == 403
    assert 'id="edit-programme"' not in client.get("/population/programmes/JSLU").get_data(as_text=True)
    assert hub_users.post(client, PATH, name="X").status_code == 403
    client.get("/logout")
    hub_users.login(client)
    assert client.get("/population/programmes/NOPE/edit").status_code == 404
    assert 'id="edit-programme"' in client.get("/population/programmes/JSLU").get_data(as_text=True)
