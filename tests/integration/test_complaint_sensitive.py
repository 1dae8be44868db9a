"""Sensitive cases at the hub (SQLite and PostgreSQL): a complaint of violence against women and children
or of trafficking, and its events, reach only the laptop that recorded it; the desk and the call centre
show it only to district admins and the women's and children's protection unit."""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from hub_server.errors import NotFound
from hub_server.models import User
from hub_server.services import complaint_actions, complaint_desk, complaints, users
from hub_server.services.actors import operator
from hub_server.services.ingest import sync
from sync_protocol.changeset import Operation
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import VILLAGE, enroll, request
from tests.unit.protocol_helpers import Device, valid_record

DAYS = {"village": 7, "sub_district": 7, "district": 14, "skpd": 14, "ombudsman": 30}
SECRET = "Suami memukul istri dan anaknya; anak tidak bersekolah sejak Januari."


@pytest.fixture
def hub(database, hub_key):
    """Two laptops of Sukamaju (35.07.01.2001), the sub-district's laptop, and the desk's people."""
    laptops = {"first": Device(11), "second": Device(12), "sub_district": Device(13)}
    enroll(database, laptops["first"])
    enroll(database, laptops["second"])
    enroll(database, laptops["sub_district"], scope=("35.07.01",), role="sub_district")
    with database.uow() as uow:
        for name, role, extra in (("camat", "sub_district_officer", {"area": "35.07.01"}),
                                  ("ppa", "protection_unit", {}), ("tamu", "viewer", {}),
                                  ("krisis", "protection_unit", {"area": "35.07.01"}),
                                  ("krisis2", "protection_unit", {"area": "35.07.02"})):
            users.add_user(uow, operator("test"), name, "kata-sandi-uji-1", role, **extra)
    return {"database": database, "key": hub_key.private_key, "laptops": laptops,
            "public": hub_key.private_key.public_key().public_bytes_raw()}


def actor(database, username):
    with database.uow() as uow:
        return users._actor(uow.session.scalar(select(User).where(User.username == username)))


def sync_as(hub, name, *changesets, cursor=""):
    """One sync of a laptop: push `changesets`, pull its feed after `cursor`; returns (entries, next cursor)."""
    laptop = hub["laptops"][name]
    with hub["database"].uow(immediate=True) as uow:
        reply = sync(uow, request(laptop, changesets, cursor=cursor), hub["key"])
    page = open_page(reply["feed"], hub["public"], laptop.device_id)
    return list(page.entries), page.cursor


def record_complaint(hub, category, description=SECRET, complainant="Sri Wahyuni", level="village",
                     submitted="2026-03-01") -> tuple:
    """A complaint recorded on the first laptop, at the village level; returns (its id, its reference)."""
    laptop = hub["laptops"]["first"]
    complaint_id = laptop.new_id()
    reference = f"ADU/{VILLAGE}/{laptop.device_id.upper()}/{int(complaint_id.split('-')[1]):04d}"
    values = valid_record("complaint", **{
        "village_code": VILLAGE, "escalation_level": level, "status": "open", "date_transmitted": None,
        "officer_in_charge": None, "date_submitted": submitted, "category": category, "programme_code": None,
        "complainant_person_id": None, "complainant_name": complainant, "description": description,
        "reference_number": reference})
    referral = {"complaint_id": complaint_id, "kind": "referral", "officer": "siti.aminah", "step": 1,
                "time": "2026-03-01T03:00:00Z", "date": "2026-03-01", "referred_to": "uptd_ppa",
                "text": "Diantar ke UPTD PPA"}
    operations = [Operation("create", "complaint", complaint_id, values)]
    if category in ("violence_women_children", "trafficking"):
        operations.append(Operation("append", "complaint_event", laptop.new_id(), referral))
    sync_as(hub, "first", laptop.changeset(*operations))
    return complaint_id, reference


def trace(entries, *texts) -> list:
    """The texts found anywhere in a page's entries."""
    sent = json.dumps(entries, ensure_ascii=False)
    return [text for text in texts if text in sent]


@pytest.mark.parametrize("category", ["violence_women_children", "trafficking"])
def test_a_sensitive_case_never_reaches_the_other_laptops_and_its_response_reaches_its_own(hub, category):
    database = hub["database"]
    _, first_cursor = sync_as(hub, "first")
    ordinary_id, _ = record_complaint(hub, "payment_delay", description="Bantuan PKH belum cair.",
                                      complainant="Bambang Sutrisno")
    complaint_id, reference = record_complaint(hub, category)

    entries, second_cursor = sync_as(hub, "second")
    assert ordinary_id in {entry["id"] for entry in entries}  # the village's other complaints do arrive
    assert trace(entries, complaint_id, reference, SECRET, "Sri Wahyuni", "uptd_ppa") == []
    sub_entries, sub_cursor = sync_as(hub, "sub_district")
    assert ordinary_id in {entry["id"] for entry in sub_entries}
    assert trace(sub_entries, complaint_id, reference, SECRET) == []

    answered = act(database, actor(database, "ppa"), complaint_id, "respond",
                   text="Pendampingan psikologis dan hukum oleh UPTD PPA.")
    mine, _ = sync_as(hub, "first", cursor=first_cursor)
    assert {entry["id"]: entry["data"]["text"] for entry in mine if entry["id"] == answered.id} == {
        answered.id: "Pendampingan psikologis dan hukum oleh UPTD PPA."}
    theirs, _ = sync_as(hub, "second", cursor=second_cursor)
    assert trace(theirs, answered.id, complaint_id, "UPTD PPA") == []
    relayed, _ = sync_as(hub, "sub_district", cursor=sub_cursor)
    assert trace(relayed, answered.id, complaint_id) == []
    found = state(database, complaint_id)
    assert (found.status, found.referred_to, found.referral_date) == ("resolved", "uptd_ppa", "2026-03-01")


def test_a_laptop_starting_its_feed_again_finds_no_trace_of_another_laptops_sensitive_case(hub):
    complaint_id, reference = record_complaint(hub, "trafficking")
    act(hub["database"], operator("test"), complaint_id, "note", text="Koordinasi dengan Unit PPA Polres")
    entries, cursor = sync_as(hub, "second")
    more = True
    while more:  # every page, from the very start
        page, cursor = sync_as(hub, "second", cursor=cursor)
        entries += page
        more = bool(page)
    assert trace(entries, complaint_id, reference, SECRET, "Unit PPA Polres") == []


def act(database, who, complaint_id, action, **form):
    with database.uow() as uow:
        return complaint_actions.act(uow, who, complaint_id, action, form, lang="en")


def state(database, complaint_id):
    with database.uow() as uow:
        return complaints.complaint_file(uow.session, complaints.complaint(uow.session, complaint_id))["state"]


def queue(database, who, level, **filters):
    with database.uow() as uow:
        wanted = complaint_desk.Filters(level=level, **{"status": "all", **filters})
        page = complaint_desk.queue(uow.session, who, wanted, days=DAYS, today=dt.date(2026, 3, 16))
        return [item["row"].complaint_id for item in page.items]


def test_the_desk_shows_a_sensitive_case_only_to_the_protection_unit_and_district_admins(hub):
    database = hub["database"]
    complaint_id, _ = record_complaint(hub, "violence_women_children")
    act(database, operator("test"), complaint_id, "forward", text="Ke kecamatan")  # now on the sub-district queue
    camat, ppa, guest = actor(database, "camat"), actor(database, "ppa"), actor(database, "tamu")
    admin = actor(database, "admin")
    for who in (camat, guest):
        assert queue(database, who, "sub_district") == [] and queue(database, who, "sensitive") == []
        with database.uow() as uow:
            assert complaint_desk.find(uow.session, who, complaint_id) is None
            assert complaint_desk.withheld_count(uow.session, who) == 1  # a number, never which
        with pytest.raises(NotFound):
            act(database, who, complaint_id, "note", text="?")
    assert queue(database, ppa, "sensitive") == [complaint_id] and queue(database, admin, "sensitive") == [complaint_id]
    assert queue(database, admin, "sub_district") == queue(database, ppa, "sub_district") == [complaint_id]
    event = act(database, ppa, complaint_id, "refer", referred_to="p2tp2a", text="Rumah aman")
    assert event.data["kind"] == "referral" and state(database, complaint_id).referred_to == "p2tp2a"
    with database.uow() as uow:
        assert complaint_desk.level_counts(uow.session, ppa) == {"sub_district": 1, "sensitive": 1}
        assert complaint_desk.withheld_count(uow.session, ppa) == 0


def test_a_referral_of_an_ordinary_complaint_is_refused_naming_its_rule(hub):
    from schemas.errors import ValidationFailure

    database = hub["database"]
    complaint_id, _ = record_complaint(hub, "payment_delay", description="Bantuan PKH belum cair.",
                                       level="sub_district")
    with pytest.raises(ValidationFailure) as refused:
        act(database, operator("test"), complaint_id, "refer", referred_to="uptd_ppa")
    assert [error["rule"] for error in refused.value.as_dicts("en")] == ["referral_not_sensitive"]
    assert state(database, complaint_id).referred_to is None


def test_a_sensitive_case_recorded_on_the_sub_districts_laptop_stays_there(hub):
    """Data entry for a village on the sub-district's laptop: that laptop is the case's recorder."""
    database, clerk = hub["database"], hub["laptops"]["sub_district"]
    complaint_id = clerk.new_id()
    values = valid_record("complaint", **{
        "village_code": VILLAGE, "escalation_level": "village", "status": "open", "date_transmitted": None,
        "officer_in_charge": None, "date_submitted": "2026-03-01", "category": "trafficking", "programme_code": None,
        "complainant_person_id": None, "complainant_name": "Wulan Sari", "description": SECRET})
    _, cursor = sync_as(hub, "sub_district")
    sync_as(hub, "sub_district", clerk.changeset(Operation("create", "complaint", complaint_id, values)))
    answered = act(database, actor(database, "ppa"), complaint_id, "respond", text="Ditangani UPTD PPA.")
    for name in ("first", "second"):
        entries, _ = sync_as(hub, name)
        assert trace(entries, complaint_id, SECRET, answered.id) == []
    entries, _ = sync_as(hub, "sub_district", cursor=cursor)
    assert [entry["id"] for entry in entries if complaint_id in json.dumps(entry)] == [answered.id]


def test_the_sensitive_queue_flags_each_case_overdue_by_the_standard_of_its_level(hub):
    late, _ = record_complaint(hub, "trafficking")  # at the village since 1 March: 7 days, overdue on the 16th
    recent, _ = record_complaint(hub, "violence_women_children", submitted="2026-03-14")
    ppa = actor(hub["database"], "ppa")
    assert set(queue(hub["database"], ppa, "sensitive")) == {late, recent}
    assert queue(hub["database"], ppa, "sensitive", overdue=True, status="active") == [late]


def test_a_sub_districts_crisis_centre_sees_the_sensitive_cases_of_its_sub_district_only(hub):
    database = hub["database"]
    complaint_id, _ = record_complaint(hub, "trafficking")
    mine, other = actor(database, "krisis"), actor(database, "krisis2")
    assert queue(database, mine, "sensitive") == [complaint_id] and queue(database, other, "sensitive") == []
    with pytest.raises(NotFound):  # not even there for a crisis centre of another sub-district
        act(database, other, complaint_id, "note", text="?")
    assert act(database, mine, complaint_id, "refer", referred_to="p2tp2a").data["kind"] == "referral"
