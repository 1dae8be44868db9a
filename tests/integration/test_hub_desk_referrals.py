"""Referrals from the SWS desk at the hub (SQLite and PostgreSQL): the village secretary's `desk_referral` case and
its referral are applied, the secretary's other case work is refused by the same rule the laptop uses, the
receiving service finds the referral on the cases page and answers it, and the answer reaches the village."""

from sqlalchemy import select

from hub_server.models.records import Record
from hub_server.services import case_actions, cases, paging
from sync_protocol.changeset import Operation
from tests.integration.sync_helpers import VILLAGE
from tests.integration.test_complaint_sensitive import actor
from tests.integration.test_hub_cases import hub, open_case, sync_as  # noqa: F401 (fixture)
from tests.integration.test_hub_sync_service import announced

DESK_CASE = {"village_code": VILLAGE, "case_kind": "desk_referral", "subject_name": "Rina Marlina",
             "nik": "3507015505900003", "opened_on": "2026-03-02", "officer": "siti"}


def referral(case_id, **fields):
    return {"case_id": case_id, "kind": "referral", "officer": "siti", "step": 1, "time": "2026-03-02T02:00:00Z",
            "date": "2026-03-02", "service_code": "PKM-KEPANJEN", "text": "Batuk lama, belum pernah periksa.",
            **fields}


def as_secretary(hub, *ops):  # noqa: F811
    laptop = hub["laptops"]["first"]
    laptop.officer = "siti"
    first = [announced(laptop, "siti", "village_secretary")] if not getattr(laptop, "announced", False) else []
    laptop.announced = True
    reply, _, _ = sync_as(hub, "first", laptop.changeset(*first, *ops))
    return reply


def test_the_secretary_s_referral_is_applied_listed_answered_and_the_answer_reaches_the_village(hub):  # noqa: F811
    laptop, database = hub["laptops"]["first"], hub["database"]
    case_id, referral_id = laptop.new_id(), laptop.new_id()
    reply = as_secretary(hub, Operation("create", "case", case_id, DESK_CASE),
                         Operation("append", "case_event", referral_id, referral(case_id)))
    assert reply["summary"]["applied"] == 1, reply
    with database.uow() as uow:
        listed = cases.page(uow.session, actor(database, "budi"), cases.Filters(kind="desk_referral"), paging.Order())
    assert [(item["case_id"], item["case_kind"]) for item in listed.items] == [(case_id, "desk_referral")]
    with database.uow() as uow:
        saved = case_actions.answer_referral(uow, actor(database, "budi"), case_id, {
            "referral_id": referral_id, "referral_answer": "accepted", "text": "Datang Senin ke poli umum."})
    with database.uow() as uow:
        assert uow.session.get(Record, saved.id).data["referral_answer"] == "accepted"
    _, entries, _ = sync_as(hub, "first")  # the secretary's laptop receives the answer
    assert "Datang Senin ke poli umum." in repr(entries)
    _, entries, _ = sync_as(hub, "second")  # and so does the village's other laptop, with the referral
    assert "Batuk lama, belum pernah periksa." in repr(entries) and "Datang Senin ke poli umum." in repr(entries)


def test_the_secretary_s_other_case_work_is_refused_at_the_hub(hub):  # noqa: F811
    database = hub["database"]
    returnee = open_case(hub)  # a case worker's case
    laptop = hub["laptops"]["first"]
    desk_case = laptop.new_id()
    assert as_secretary(hub, Operation("create", "case", desk_case, DESK_CASE))["summary"]["applied"] == 1
    other_kind = as_secretary(hub, Operation("create", "case", laptop.new_id(), {**DESK_CASE,
                                                                                 "case_kind": "returnee"}))
    note = as_secretary(hub, Operation("append", "case_event", laptop.new_id(), {
        **referral(returnee), "kind": "note", "service_code": None, "text": "Sudah ditelepon."}))
    on_another_case = as_secretary(hub, Operation("append", "case_event", laptop.new_id(), referral(returnee)))
    refused = other_kind["results"] + note["results"] + on_another_case["results"]
    assert [result["code"] for result in refused] == ["role_not_allowed"] * 3
    assert on_another_case["results"][0]["errors"][0]["field"] == "case_id"  # a referral, but on a returnee's case
    with database.uow() as uow:
        held = uow.session.scalars(select(Record.id).where(Record.table_name.in_(("case", "case_event")))).all()
    assert sorted(held) == sorted([returnee, desk_case])


def test_the_case_page_names_the_secretary_as_who_referred(client, hub_users, hub):  # noqa: F811
    laptop = hub["laptops"]["first"]
    case_id = laptop.new_id()
    as_secretary(hub, Operation("create", "case", case_id, DESK_CASE),
                 Operation("append", "case_event", laptop.new_id(), referral(case_id)))
    hub_users.login(client, "budi", "kata-sandi-uji-1")
    page = client.get(f"/cases/{case_id}").get_data(as_text=True)
    assert 'id="case-officer-label">Dirujuk oleh (meja SWS desa)<' in page and "Pendamping<" not in page
    listed = client.get("/cases/?kind=desk_referral").get_data(as_text=True)
    assert "Pendamping atau perujuk" in listed and "siti · perujuk" in listed
    client.post("/language", data={"lang": "en", "next": "/cases/", "csrf_token": hub_users.csrf(client)})
    assert 'id="case-officer-label">Referred by (village SWS desk)<' in client.get(f"/cases/{case_id}").get_data(
        as_text=True)
