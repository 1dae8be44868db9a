"""The village task force at the hub (SQLite and PostgreSQL): outreach sessions applied from a laptop and sent to the
village's other laptops, and the LTSA's answer to a referral written as an event that reaches the village back."""

import datetime as dt

import pytest
from sqlalchemy import select

from hub_server.errors import NotFound
from hub_server.models import AuditLog
from hub_server.models.records import Record
from hub_server.services import case_actions, directory
from schemas.errors import ValidationFailure
from schemas.examples import example
from sync_protocol.changeset import Operation
from tests.integration.sync_helpers import VILLAGE
from tests.integration.test_complaint_sensitive import actor
from tests.integration.test_hub_cases import append, event, hub, open_case, row, sync_as  # noqa: F401 (fixture)


def test_an_outreach_session_is_applied_and_reaches_the_village_s_other_laptop(hub):  # noqa: F811
    laptop = hub["laptops"]["first"]
    session_id = laptop.new_id()
    values = {name: value for name, value in example("outreach_session").items() if name != "id"}
    reply, _, _ = sync_as(hub, "first", laptop.changeset(Operation("create", "outreach_session", session_id,
                                                                   {**values, "officer": "dewi.pendamping"})))
    assert reply["summary"]["applied"] == 1, reply
    _, entries, _ = sync_as(hub, "second")
    sent = [entry for entry in entries if entry.get("ref") == session_id or entry.get("id") == session_id]
    assert sent and repr(sent).count("Balai desa") == 1


def test_a_wrong_outreach_session_is_refused_naming_the_rule(hub):  # noqa: F811
    laptop = hub["laptops"]["first"]
    values = {**{k: v for k, v in example("outreach_session").items() if k != "id"}, "men": 0, "women": 0}
    reply, _, _ = sync_as(hub, "first", laptop.changeset(Operation("create", "outreach_session", laptop.new_id(),
                                                                   values)))
    assert reply["summary"]["refused"] == 1 and "outreach_nobody_informed" in repr(reply["results"])


def referred(hub):  # noqa: F811
    case_id = open_case(hub, kind="prospective_migrant")
    _, ids = append(hub, case_id, event(case_id, 1, "referral", service_code="LTSA-MALANG",
                                        text="Ingin bekerja ke Taiwan"))
    return case_id, ids[0]


def test_the_ltsa_answers_a_referral_and_the_answer_reaches_the_village(hub):  # noqa: F811
    case_id, referral_id = referred(hub)
    database = hub["database"]
    with database.uow() as uow:
        saved = case_actions.answer_referral(uow, actor(database, "kabupaten"), case_id, {
            "referral_id": referral_id, "referral_answer": "accepted", "text": "Jadwal konseling 12 Maret"}, lang="en")
    assert saved.id.startswith("hub-case-") and saved.village_code == VILLAGE
    assert (row(database, case_id).referrals, row(database, case_id).referrals_answered) == (1, 1)
    with database.uow() as uow:
        held = uow.session.get(Record, saved.id).data
        log = [entry.action for entry in uow.session.scalars(select(AuditLog).where(AuditLog.action.startswith(
            "case.")))]
    assert (held["referral_answer"], held["officer"], held["step"]) == ("accepted", "kabupaten", 2)
    assert log == ["case.read", "case.referral_answer"]
    _, entries, _ = sync_as(hub, "first")  # made at the hub: the recording laptop receives it too
    assert "Jadwal konseling 12 Maret" in repr(entries)


def test_an_answer_given_after_midnight_in_the_village_is_dated_by_the_village_s_day_not_the_utc_one(hub):  # noqa: F811
    """At 00:30 WIB the UTC date is still the day before: an answer dated by it would fall before a case the
    village opened that morning, and be refused."""
    case_id, referral_id = referred(hub)
    database = hub["database"]
    half_past_midnight = dt.datetime(2026, 12, 4, 17, 30, tzinfo=dt.UTC)  # 00:30 WIB, 08:30 WITA... of 5 December
    with database.uow(clock=lambda: half_past_midnight) as uow:
        assert [uow.today_in(code) for code in ("35.07.01.2001", "73.71", "94.71", None)] == [
            dt.date(2026, 12, 5)] * 4  # Java, Sulawesi (WITA), Papua (WIT), and WIB for no region
        saved = case_actions.answer_referral(uow, actor(database, "kabupaten"), case_id, {
            "referral_id": referral_id, "referral_answer": "accepted"}, lang="en")
    assert saved.data["date"] == "2026-12-05"
    with database.uow(clock=lambda: dt.datetime(2026, 12, 4, 16, 30, tzinfo=dt.UTC)) as uow:
        assert [uow.today_in(code) for code in ("35.07.01.2001", "94.71")] == [dt.date(2026, 12, 4),
                                                                                dt.date(2026, 12, 5)]


@pytest.mark.parametrize(("form", "field", "rule"), [
    ({"referral_answer": "maybe"}, "referral_answer", "choice"),
    ({"referral_answer": ""}, "referral_answer", "event_field_required"),
    ({"referral_id": "nothing-1"}, "referral_id", "referral_unknown"),
])
def test_a_wrong_answer_is_refused_naming_the_field_and_nothing_is_saved(hub, form, field, rule):  # noqa: F811
    case_id, referral_id = referred(hub)
    database = hub["database"]
    with database.uow() as uow, pytest.raises(ValidationFailure) as refused:
        case_actions.answer_referral(uow, actor(database, "dewi.pendamping"), case_id, {
            "referral_id": referral_id, "referral_answer": "served", **form})
    assert (refused.value.errors[0].field, refused.value.errors[0].rule) == (field, rule)
    assert row(database, case_id).referrals_answered == 0


def test_a_referral_answered_for_good_takes_no_second_answer_and_a_crisis_case_is_not_there(hub):  # noqa: F811
    case_id, referral_id = referred(hub)
    crisis = open_case(hub, kind="crisis")
    database = hub["database"]
    with database.uow() as uow:
        case_actions.answer_referral(uow, actor(database, "budi"), case_id, {"referral_id": referral_id,
                                                                             "referral_answer": "served"})
    with database.uow() as uow, pytest.raises(ValidationFailure) as refused:
        case_actions.answer_referral(uow, actor(database, "budi"), case_id, {"referral_id": referral_id,
                                                                             "referral_answer": "declined"})
    assert refused.value.errors[0].rule == "referral_answered"
    with database.uow() as uow, pytest.raises(NotFound):
        case_actions.answer_referral(uow, actor(database, "budi"), crisis, {"referral_id": "x-1",
                                                                            "referral_answer": "served"})


def test_the_ltsa_answers_on_the_case_page_and_a_refused_answer_keeps_what_was_typed(client, hub_users,
                                                                                     hub):  # noqa: F811
    with hub["database"].uow() as uow:
        directory.load_file(uow, actor="cli:test")
    case_id, referral_id = referred(hub)
    hub_users.login(client, "budi", "kata-sandi-uji-1")
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'id="referral-answer"' in page and "Layanan Terpadu Satu Atap" in page and "Jawab rujukan" in page
    form = {"referral_id": referral_id, "referral_answer": "", "text": "Jadwal 12 Maret",
            "csrf_token": hub_users.csrf(client)}
    refused = client.post(f"/cases/{case_id}/answer", data=form)
    shown = refused.get_data(as_text=True)
    assert refused.status_code == 400 and 'data-field="referral_answer"' in shown and "Jadwal 12 Maret" in shown
    assert "wajib" in shown
    client.post("/language", data={"lang": "en", "next": "/cases/", "csrf_token": hub_users.csrf(client)})
    shown = client.post(f"/cases/{case_id}/answer", data=form).get_data(as_text=True)
    assert "required" in shown and 'data-field="referral_answer"' in shown
    done = client.post(f"/cases/{case_id}/answer", data={**form, "referral_answer": "served"})
    assert done.status_code == 302
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "Served" in page and 'id="referral-answer"' not in page and "Referral answer saved" in page
