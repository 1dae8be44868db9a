"""Enrolment: an approved application becomes a programme membership, through the admin UI's form.

Real parts: a generated district imported into a migrated hub (SQLite, and PostgreSQL when
reachable), an application pushed by an enrolled laptop and approved, then enrolled on /memberships.
"""

import pytest
from sqlalchemy import select

from hub_server.models.payments import Membership
from hub_server.models.programmes import Programme
from hub_server.services import applications, memberships
from tests.integration.test_applications import apply_from_list, hub, laptop, listed, push, small_district  # noqa: F401

TODAY = "2026-03-01"


@pytest.fixture
def approved(app, hub, laptop, listed):  # noqa: F811
    """The record id of an application approved at the hub."""
    changeset, record_id = apply_from_list(laptop, listed)
    push(app, hub, laptop, changeset)
    import datetime as dt

    with hub.uow() as uow:
        applications.decide(uow, record_id, "approved", None, user="admin", today=dt.date(2026, 3, 1))
    return record_id


def test_an_approved_application_is_enrolled_with_the_catalogue_contribution(app, hub, approved, listed, client,  # noqa: F811
                                                                            hub_users):
    hub_users.login(client)
    page = client.get("/memberships/").get_data(as_text=True)
    assert approved in page and listed["nik"] in page
    answer = hub_users.post(client, f"/memberships/enrol/{approved}", number="0001234567890", start=TODAY)
    assert answer.status_code == 302
    with hub.uow() as uow:
        member = uow.session.execute(select(Membership)).scalar_one()
        owed = memberships.terms(uow.session.get(Programme, listed["programme"]))
        assert (member.number, member.start_date.isoformat(), member.person_id) == ("0001234567890", TODAY,
                                                                                   listed["person_id"])
        assert (member.monthly_contribution, member.health_class, member.payer) == (owed["amount"], owed["class"],
                                                                                    owed["payers"][0])
    shown = client.get(f"/memberships/?q={listed['nik']}").get_data(as_text=True)
    assert "0001234567890" in shown and "01-03-2026" in shown
    again = hub_users.post(client, f"/memberships/enrol/{approved}", number="0009", start=TODAY)
    assert again.status_code == 302
    with hub.uow() as uow:
        assert len(uow.session.execute(select(Membership)).all()) == 1


def test_a_bad_enrolment_says_why_beside_each_field_keeps_what_was_typed_and_saves_nothing(app, hub, approved,  # noqa: F811
                                                                                         client, hub_users):
    hub_users.login(client)
    client.post("/language", data={"lang": "en", "csrf_token": hub_users.csrf(client), "next": "/memberships/"})
    answer = hub_users.post(client, f"/memberships/enrol/{approved}", number="no spaces!", start="2026-03-01",
                            end="2026-02-01", payer="nobody")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert "Card number: 1-32 letters" in page and 'value="no spaces!"' in page
    assert "The end date is before the start date." in page and "Must be one of" in page
    with hub.uow() as uow:
        assert uow.session.execute(select(Membership)).first() is None


def test_the_catalogue_gives_classes_and_payers_of_the_health_programmes(hub):  # noqa: F811
    with hub.uow() as uow:
        held = {code: memberships.terms(uow.session.get(Programme, code))
                for code in ("BPJS-PBI", "BPJS-K1", "BPJS-K2", "BPJS-K3", "JSLU")}
    assert held["BPJS-PBI"] == {"amount": 25500, "class": 3, "payers": ["state", "district"]}
    assert [held[code]["amount"] for code in ("BPJS-K1", "BPJS-K2", "BPJS-K3")] == [59500, 42500, 25500]
    assert [held[code]["class"] for code in ("BPJS-K1", "BPJS-K2", "BPJS-K3")] == [1, 2, 3]
    assert held["JSLU"] == {"amount": 0, "class": None, "payers": ["state"]}


def test_every_approved_application_awaiting_enrolment_is_reachable_page_by_page(app, hub, client, hub_users):  # noqa: F811
    """More than a page (50) of approved applications waiting: the second page holds the rest, and paging that
    table keeps the members' table where it was."""
    import datetime as dt

    from hub_server.models.population import Person
    from hub_server.models.programmes import Application

    with hub.uow() as uow:
        people = uow.session.execute(select(Person.id, Person.village_code).where(Person.nik.is_not(None))
                                     .order_by(Person.id).limit(55)).all()
        uow.session.add_all([Application(record_id=f"waiting-{index:02d}", programme_code="JSLU", person_id=person,
                                         village_code=village, status="approved", status_date=dt.date(2026, 3, 1),
                                         updated_at=dt.datetime(2026, 3, 1, 3, index, tzinfo=dt.UTC))
                             for index, (person, village) in enumerate(people)])
        uow.commit()
    hub_users.login(client)
    first = client.get("/memberships/").get_data(as_text=True)
    assert first.count('<tr data-record="waiting-') == 50 and "waiting-54" in first  # newest first
    assert 'href="/memberships/?waiting_page=2"' in first
    second = client.get("/memberships/?waiting_page=2").get_data(as_text=True)
    assert second.count('<tr data-record="waiting-') == 5 and "waiting-00" in second and "waiting-54" not in second


def test_the_command_line_enrols_an_approved_application_and_refuses_naming_each_field(app, hub, approved,  # noqa: F811
                                                                                      monkeypatch):
    from click.testing import CliRunner

    from hub_server.cli import main

    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    runner = CliRunner(env={"SWS_HUB_DATABASE_URL": app.config["DATABASE_URL"]})
    base = ["--data-dir", app.config["DATA_DIR"], "payments", "enrol", approved]
    refused = runner.invoke(main, [*base, "--number", "no spaces!", "--start", "2026-13-01"])
    assert refused.exit_code == 1 and "number:" in refused.output and "start:" in refused.output
    with hub.uow() as uow:
        assert uow.session.execute(select(Membership)).first() is None
    done = runner.invoke(main, [*base, "--number", "0001234567890", "--start", TODAY])
    assert done.exit_code == 0 and "is enrolled in" in done.output and "0001234567890" in done.output
    again = runner.invoke(main, [*base, "--number", "0009", "--start", TODAY])
    assert again.exit_code == 1 and again.output.strip()
