"""Cases at the hub (SQLite and PostgreSQL): applied from laptops, their state derived for the cases page, a crisis
case and counselling notes reaching only the recording laptop, and every read of a case file in the audit log."""

import json
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from hub_server.errors import Forbidden, NotFound
from hub_server.models import AuditLog
from hub_server.models.cases import CaseStateRow
from hub_server.services import cases, paging, users
from hub_server.services.actors import operator
from hub_server.services.ingest import sync
from sync_protocol.changeset import Operation
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import OTHER_VILLAGE, VILLAGE, enroll, request
from tests.integration.test_complaint_sensitive import actor
from tests.unit.protocol_helpers import Device, valid_record

NOTE = "Trauma setelah majikan menahan paspor; takut keluar rumah."


@pytest.fixture
def hub(database, hub_key):
    laptops = {"first": Device(21, officer="dewi.pendamping"), "second": Device(22), "other": Device(23)}
    enroll(database, laptops["first"])
    enroll(database, laptops["second"])
    enroll(database, laptops["other"], scope=(OTHER_VILLAGE,))
    with database.uow() as uow:
        for name, role, extra in (("kabupaten", "district_admin", {}), ("dewi.pendamping", "case_worker", {}),
                                  ("budi", "case_worker", {}), ("camat2", "case_worker", {"area": "35.07.02"}),
                                  ("ppa", "protection_unit", {})):
            users.add_user(uow, operator("test"), name, "kata-sandi-uji-1", role, **extra)
    return {"database": database, "laptops": laptops, "key": hub_key.private_key,
            "public": hub_key.private_key.public_key().public_bytes_raw()}


def sync_as(hub, name, *changesets, cursor=""):
    laptop = hub["laptops"][name]
    with hub["database"].uow(immediate=True) as uow:
        reply = sync(uow, request(laptop, changesets, cursor=cursor), hub["key"])
    page = open_page(reply["feed"], hub["public"], laptop.device_id)
    return reply, list(page.entries), page.cursor


def event(case_id, step, kind, **fields):
    return {"case_id": case_id, "kind": kind, "officer": "dewi.pendamping", "step": step,
            "time": f"2026-03-{step + 2:02d}T02:00:00Z", "date": f"2026-03-{step + 2:02d}", **fields}


def open_case(hub, kind="returnee", **fields):
    laptop = hub["laptops"]["first"]
    case_id = laptop.new_id()
    values = valid_record("case", village_code=VILLAGE, case_kind=kind, person_id=None, **fields)
    reply, _, _ = sync_as(hub, "first", laptop.changeset(Operation("create", "case", case_id, values)))
    assert reply["summary"]["applied"] == 1, reply
    return case_id


def append(hub, case_id, *events):
    laptop = hub["laptops"]["first"]
    ops = [Operation("append", "case_event", laptop.new_id(), values) for values in events]
    reply, _, _ = sync_as(hub, "first", laptop.changeset(*ops))
    return reply, [op.record_id for op in ops]


def row(database, case_id):
    """The case's row on the cases page, as a plain namespace."""
    with database.uow() as uow:
        found = uow.session.get(CaseStateRow, case_id)
        return SimpleNamespace(**{column.name: getattr(found, column.name) for column in CaseStateRow.__table__.c})


def test_a_returnee_case_from_intake_to_closure_is_derived_at_the_hub(hub):
    case_id = open_case(hub)
    assert (row(hub["database"], case_id).status, row(hub["database"], case_id).actions) == ("open", 0)
    _, ids = append(hub, case_id, event(case_id, 1, "migrant", migrant_stage="returned", destination_country="HK",
                                        return_date="2026-02-20"),
                    event(case_id, 2, "plan_action", service_code="BLK-KEPANJEN", action="Pelatihan tata boga",
                          responsible="Dewi", due_date="2026-05-30"),
                    event(case_id, 3, "referral", service_code="BPJSTK-KEPANJEN"))
    append(hub, case_id, event(case_id, 4, "referral_answer", referral_id=ids[2], referral_answer="served"),
           event(case_id, 5, "closure", closure_reason="plan_completed"))
    found = row(hub["database"], case_id)
    assert (found.status, found.closure_reason, found.first_action_on, found.closed_on) == (
        "closed", "plan_completed", "2026-03-04", "2026-03-07")
    assert (found.referrals, found.referrals_answered, found.migrant_stage, found.destination_country) == (
        1, 1, "returned", "HK")


def test_an_event_of_a_case_the_hub_does_not_hold_is_refused(hub):
    reply, _ = append(hub, "nothing-1", event("nothing-1", 1, "note", text="?"))
    assert reply["summary"]["refused"] == 1 and reply["results"][0]["code"] == "unknown_record"


def test_a_crisis_case_and_its_events_never_reach_another_laptop_of_the_village(hub):
    crisis = open_case(hub, kind="crisis", summary="Korban perdagangan orang, dipulangkan dari Malaysia.")
    plain = open_case(hub, kind="household_plan", kk_number="3507010804090003", nik=None)
    append(hub, crisis, event(crisis, 1, "note", text=NOTE))
    append(hub, plain, event(plain, 1, "session", session_kind="counselling", session_outcome="improved", text=NOTE),
           event(plain, 2, "session", session_kind="visit", session_outcome="unchanged", text="Rumah dikunjungi."))
    _, entries, _ = sync_as(hub, "second")
    sent = json.dumps(entries, ensure_ascii=False)
    assert crisis not in sent and NOTE not in sent and "perdagangan" not in sent
    assert plain in sent and "Rumah dikunjungi." in sent
    _, own, _ = sync_as(hub, "first")  # its own records are not echoed: nothing else for it here either
    assert NOTE not in json.dumps(own, ensure_ascii=False)


def test_the_case_list_shows_each_reader_what_they_may_see(hub):
    crisis = open_case(hub, kind="crisis")
    plain = open_case(hub, kind="household_plan", kk_number="3507010804090003", nik=None)
    database, order = hub["database"], paging.Order()
    with database.uow() as uow:
        listed = {name: cases.page(uow.session, actor(database, name), cases.Filters(), order)
                  for name in ("kabupaten", "dewi.pendamping", "budi", "camat2")}
        with pytest.raises(Forbidden):
            cases.page(uow.session, actor(database, "ppa"), cases.Filters(), order)
        closed = cases.page(uow.session, actor(database, "kabupaten"), cases.Filters(status="closed"), order)
        by_kind = cases.page(uow.session, actor(database, "kabupaten"), cases.Filters(kind="crisis"), order)
    ids = {name: {item["case_id"] for item in found.items} for name, found in listed.items()}
    assert ids == {"kabupaten": {crisis, plain}, "dewi.pendamping": {crisis, plain}, "budi": {plain}, "camat2": set()}
    assert listed["budi"].extra["withheld"] == 1 and listed["kabupaten"].extra["withheld"] == 0
    assert closed.total == 0 and [item["case_id"] for item in by_kind.items] == [crisis]


def test_every_read_of_a_case_file_is_audited_and_counselling_notes_stay_with_who_may_read_them(hub):
    case_id = open_case(hub, kind="household_plan", kk_number="3507010804090003", nik=None)
    crisis = open_case(hub, kind="crisis")
    append(hub, case_id, event(case_id, 1, "session", session_kind="counselling", session_outcome="improved",
                               text=NOTE))
    database = hub["database"]
    with database.uow() as uow:
        mine = cases.case_file(uow, actor(database, "dewi.pendamping"), case_id)
        theirs = cases.case_file(uow, actor(database, "budi"), case_id)
        uow.commit()
    assert [e["text"] for e in mine["events"]] == [NOTE] and theirs["events"] == []
    assert (mine["withheld_notes"], theirs["withheld_notes"]) == (0, 1)
    for name, wanted, error in (("budi", crisis, NotFound), ("camat2", case_id, Forbidden),
                                ("kabupaten", "nothing-1", NotFound)):
        with database.uow() as uow, pytest.raises(error):
            cases.case_file(uow, actor(database, name), wanted)
    with database.uow() as uow:
        log = [(entry.actor, entry.action, entry.subject) for entry in uow.session.scalars(
            select(AuditLog).where(AuditLog.action.startswith("case.")).order_by(AuditLog.id))]
    assert log == [("user:dewi.pendamping", "case.read", f"case:{case_id}"),
                   ("user:budi", "case.read", f"case:{case_id}"),
                   ("user:budi", "case.read_refused", f"case:{crisis}"),
                   ("user:camat2", "case.read_refused", f"case:{case_id}")]
