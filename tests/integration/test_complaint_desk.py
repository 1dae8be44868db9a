"""The complaints desk's services on a migrated hub (SQLite and PostgreSQL): queues per level and scope,
actions as complaint events that reach the village's feed, refusals, overdue at each level, the case file."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from hub_server.errors import Forbidden
from hub_server.models.records import Record
from hub_server.services import catalogue, complaint_actions, complaint_desk, complaints, users
from hub_server.services.actors import operator
from hub_server.services.ingest import sync
from schemas.errors import ValidationFailure
from sync_protocol.changeset import Operation
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import VILLAGE, enroll, request
from tests.unit.protocol_helpers import Device, valid_record

DAYS = {"village": 7, "sub_district": 7, "district": 14, "skpd": 14, "ombudsman": 30}
TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def desk(database, hub_key):
    """A laptop of Sukamaju (35.07.01.2001) enrolled, the catalogue loaded and the desk's people."""
    laptop = Device(7)
    enroll(database, laptop)
    with database.uow() as uow:
        catalogue.load_file(uow, actor="cli:test")
    with database.uow() as uow:
        for name, role, extra in (("camat", "sub_district_officer", {"area": "35.07.01"}),
                                  ("camat2", "sub_district_officer", {"area": "35.07.02"}),
                                  ("dinsos", "technical_unit", {"programmes": "PKH"}),
                                  ("dinkes", "technical_unit", {"programmes": "BPJS-PBI"})):
            users.add_user(uow, operator("test"), name, "kata-sandi-uji-1", role, **extra)
    return {"laptop": laptop, "key": hub_key.private_key, "database": database,
            "public": hub_key.private_key.public_key().public_bytes_raw()}


def actor(database, username):
    from hub_server.models import User

    with database.uow() as uow:
        user = uow.session.scalar(select(User).where(User.username == username))
        return users._actor(user)


def push(desk, *changesets, cursor=""):
    with desk["database"].uow(immediate=True) as uow:
        return sync(uow, request(desk["laptop"], changesets, cursor=cursor), desk["key"])


def file_complaint(desk, **form) -> str:
    """A complaint of the village pushed by its laptop, at the village level unless `form` says otherwise."""
    laptop = desk["laptop"]
    complaint_id = laptop.new_id()
    values = valid_record("complaint", **{"village_code": VILLAGE, "escalation_level": "village", "status": "open",
                                          "date_transmitted": None, "officer_in_charge": None,
                                          "date_submitted": "2026-03-01", **form})
    push(desk, laptop.changeset(Operation("create", "complaint", complaint_id, values)))
    return complaint_id


def escalate(desk, complaint_id, level="sub_district", step=1, date="2026-03-02"):
    laptop = desk["laptop"]
    push(desk, laptop.changeset(Operation("append", "complaint_event", laptop.new_id(), {
        "complaint_id": complaint_id, "kind": "escalation", "officer": "siti.aminah", "step": step,
        "time": f"{date}T02:00:00Z", "date": date, "escalation_level": level, "text": "Ke kecamatan"})))


def act(database, who, complaint_id, action, **form):
    with database.uow() as uow:
        return complaint_actions.act(uow, who, complaint_id, action, form, lang="en")


def queue(database, who, level, **filters):
    with database.uow() as uow:
        page = complaint_desk.queue(uow.session, who, complaint_desk.Filters(level=level, **filters), days=DAYS,
                                    today=TODAY)
        return [item["row"].complaint_id for item in page.items], [item["row"].status for item in page.items]


def state(database, complaint_id):
    with database.uow() as uow:
        return complaints.complaint_file(uow.session, complaints.complaint(uow.session, complaint_id))["state"]


def test_a_complaint_goes_up_the_desk_is_answered_by_the_technical_unit_and_closed(desk):
    database = desk["database"]
    complaint_id = file_complaint(desk)
    escalate(desk, complaint_id)
    camat, other, admin = actor(database, "camat"), actor(database, "camat2"), operator("test")
    dinsos, dinkes = actor(database, "dinsos"), actor(database, "dinkes")
    assert queue(database, camat, "sub_district")[0] == [complaint_id]
    assert queue(database, other, "sub_district")[0] == []

    act(database, camat, complaint_id, "assign", officer_in_charge="Bambang Sutrisno")
    act(database, camat, complaint_id, "forward", text="Perlu keputusan kabupaten")
    with pytest.raises(Forbidden):  # the district's level is not the sub-district officer's
        act(database, camat, complaint_id, "forward")
    act(database, admin, complaint_id, "forward", text="Ke Dinas Sosial")
    assert queue(database, dinsos, "skpd")[0] == [complaint_id] and queue(database, dinkes, "skpd")[0] == []
    with pytest.raises(Forbidden):
        act(database, dinkes, complaint_id, "respond", text="Bukan program kami")

    act(database, dinsos, complaint_id, "respond", text="Data DTSEN diperbaiki; PKH cair bulan depan.")
    act(database, dinsos, complaint_id, "acknowledge")
    event = act(database, dinsos, complaint_id, "close")
    found = state(database, complaint_id)
    assert (found.status, found.level, found.officer_in_charge) == ("closed", "skpd", "Bambang Sutrisno")
    assert found.response == "Data DTSEN diperbaiki; PKH cair bulan depan." and found.acknowledged
    assert event.id == "hub-6" and event.data["step"] == found.step == 7 and not found.flags
    assert queue(database, dinsos, "skpd", status="closed") == ([complaint_id], ["closed"])


def test_a_wrong_transition_at_the_desk_is_refused_with_its_rule_and_saves_nothing(desk):
    database = desk["database"]
    complaint_id = file_complaint(desk)
    escalate(desk, complaint_id)
    with pytest.raises(ValidationFailure) as refused:
        act(database, actor(database, "camat"), complaint_id, "close", text="Selesai")
    assert [(error["field"], error["rule"]) for error in refused.value.as_dicts("en")] == [
        ("status", "response_needed")]
    assert "response" in refused.value.as_dicts("en")[0]["message"]
    with pytest.raises(ValidationFailure) as handover:
        act(database, operator("test"), complaint_id, "handover", to="ombudsman", text="No. 12/2026")
    assert handover.value.as_dicts("en")[0]["rule"] == "handover_level"
    with database.uow() as uow:
        count = uow.session.scalar(select(func.count()).select_from(Record).where(
            Record.table_name == "complaint_event"))
    assert count == 1 and state(database, complaint_id).status == "in_progress"


def test_a_response_written_at_the_desk_is_in_the_villages_feed(desk):
    database = desk["database"]
    complaint_id = file_complaint(desk)
    escalate(desk, complaint_id)
    cursor = push(desk)["feed"]["cursor"]
    answered = act(database, actor(database, "camat"), complaint_id, "respond", text="Sudah diverifikasi.")
    pulled = open_page(push(desk, cursor=cursor)["feed"], desk["public"], desk["laptop"].device_id)
    sent = {entry["id"]: entry["data"] for entry in pulled.entries if entry["kind"] == "record"}
    assert sent[answered.id]["text"] == "Sudah diverifikasi." and sent[answered.id]["kind"] == "response"
    assert sent[answered.id]["escalation_level"] == "sub_district"


@pytest.mark.parametrize("level,late_on,in_time_on", [
    ("sub_district", dt.date(2026, 3, 9), dt.date(2026, 3, 8)),
    ("district", dt.date(2026, 3, 16), dt.date(2026, 3, 15)),
    ("skpd", dt.date(2026, 3, 16), dt.date(2026, 3, 15)),
    ("ombudsman", dt.date(2026, 4, 1), dt.date(2026, 3, 31)),
])
def test_a_complaint_is_overdue_the_day_after_its_levels_standard(desk, level, late_on, in_time_on):
    database = desk["database"]
    waiting = file_complaint(desk, escalation_level=level, date_transmitted="2026-03-01")
    answered = file_complaint(desk, escalation_level=level, date_transmitted="2026-03-01", status="resolved",
                              response="Dijawab", response_date="2026-03-02", resolved_date="2026-03-02")
    admin = operator("test")
    for today, expected in ((late_on, [waiting]), (in_time_on, [])):
        shown = standings(database, admin, complaint_desk.Filters(level=level, status="all", overdue=True), today)
        assert list(shown) == expected and all(standing.overdue for standing in shown.values())
    standing = standings(database, admin, complaint_desk.Filters(level=level, status="all"), late_on)
    assert standing[waiting].overdue and standing[waiting].days_over == 1
    assert not standing[answered].overdue and standing[answered].due_date == standing[waiting].due_date


def standings(database, who, filters, today) -> dict:
    with database.uow() as uow:
        page = complaint_desk.queue(uow.session, who, filters, days=DAYS, today=today)
        return {item["row"].complaint_id: item["standing"] for item in page.items}

def test_the_case_file_and_the_hand_over_at_the_ombudsman_level(desk):
    database = desk["database"]
    complaint_id = file_complaint(desk, escalation_level="skpd", date_transmitted="2026-03-01")
    admin = operator("test")
    act(database, admin, complaint_id, "forward", text="Tidak selesai di SKPD")
    act(database, admin, complaint_id, "handover", to="sp4n_lapor", text="Tiket LAPOR 2026-0042")
    with database.uow() as uow:
        record = complaints.complaint(uow.session, complaint_id)
        found = complaint_actions.case_file(uow.session, record, exported_by="user:admin",
                                            now=dt.datetime(2026, 3, 20, tzinfo=dt.UTC), hub="Hub Uji")
    assert found["format"] == "sws-complaint-case-file" and found["version"] == 1
    assert found["state"]["level"] == "ombudsman" and found["complaint"]["id"] == complaint_id
    assert [(event["kind"], event.get("officer_in_charge")) for event in found["events"]] == [
        ("escalation", None), ("handover", "LAPOR")]


def test_flagged_complaints_are_listed_for_the_desk(desk):
    database = desk["database"]
    complaint_id = file_complaint(desk)
    laptop = desk["laptop"]
    # Closed at the village without a response: kept, flagged, changes nothing.
    push(desk, laptop.changeset(Operation("append", "complaint_event", laptop.new_id(), {
        "complaint_id": complaint_id, "kind": "status_change", "officer": "siti.aminah", "step": 1,
        "time": "2026-03-02T02:00:00Z", "date": "2026-03-02", "status": "closed"})))
    with database.uow() as uow:
        page = complaint_desk.flagged(uow.session, operator("test"))
        assert [(item["row"].complaint_id, item["row"].flagged) for item in page.items] == [(complaint_id, 1)]
        assert page.total == 1 and complaint_desk.flagged(uow.session, actor(database, "camat2")).items == []


@pytest.mark.parametrize("role,programmes,rule", [("technical_unit", "", "required"),
                                                  ("technical_unit", "PKH,NOPE", "unknown_programme"),
                                                  ("viewer", "PKH", "programmes_unused")])
def test_a_technical_units_programmes_are_checked_against_the_catalogue(desk, role, programmes, rule):
    from hub_server.errors import Invalid

    with desk["database"].uow() as uow, pytest.raises(Invalid) as refused:
        users.add_user(uow, operator("test"), "unit.baru", "kata-sandi-uji-1", role, programmes=programmes)
    assert [(error.field, error.rule) for error in refused.value.errors] == [("programmes", rule)]
    with desk["database"].uow() as uow:
        changed = users.set_role(uow, operator("test"), "dinkes", "technical_unit", programmes="bpjs-pbi, pkh")
    assert changed.programmes == "BPJS-PBI,PKH" and actor(desk["database"], "dinkes").programmes == ("BPJS-PBI", "PKH")
