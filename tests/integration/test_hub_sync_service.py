"""The hub's sync service on a real database: push, duplicates, chain errors, scope, feed, conflicts."""

from dataclasses import replace

import pytest
from sqlalchemy import select

from hub_server.models import AuditLog
from hub_server.models import Device as DeviceRow
from hub_server.models.records import Conflict, ReceivedChangeSet, Record
from hub_server.services import complaints, conflicts
from hub_server.services.ingest import sync
from sync_protocol.changeset import Operation
from sync_protocol.errors import BadSignature, ChainFork, RevokedDevice, SequenceGap, UnknownDevice
from sync_protocol.feed import open_page
from tests.integration.sync_helpers import OTHER_VILLAGE, VILLAGE, enroll, request
from tests.unit.protocol_helpers import Device, valid_person, valid_record

HUB = Device(250)


def run(database, req, page_size=500):
    with database.uow(immediate=True) as uow:
        return sync(uow, req, HUB.key, page_size=page_size)


def entries(reply, device):
    return open_page(reply["feed"], HUB.public_key, device.device_id).entries


def warga(device, i):
    """A name for the i-th person a laptop registers (names hold letters only)."""
    return f"Warga {'ABCDEFGHIJ'[device.seed]}{'abcdefghij'[i]}"


def register(device, n, village=VILLAGE):
    return [device.create(**valid_person(name=warga(device, i), village_code=village)) for i in range(n)]


@pytest.fixture
def laptop(hub_database):
    device = Device(1)
    enroll(hub_database, device)
    return device


def test_a_push_is_applied_and_acknowledged(hub_database, laptop):
    reply = run(hub_database, request(laptop, register(laptop, 3)))
    assert reply["ack"] == {"seq": 3, "hash": laptop.head.hex()}
    assert reply["summary"]["applied"] == 3 and reply["results"] == []
    with hub_database.uow() as uow:
        names = sorted(r.data["name"] for r in uow.session.scalars(select(Record)))
    assert names == ["Warga Ba", "Warga Bb", "Warga Bc"]


def test_pushing_the_same_changesets_twice_applies_them_once(hub_database, laptop):
    made = register(laptop, 2)
    run(hub_database, request(laptop, made))
    again = run(hub_database, request(laptop, made))
    assert again["summary"] == {"applied": 0, "duplicate": 2, "refused": 0, "conflicts": 0}
    with hub_database.uow() as uow:
        assert len(uow.session.scalars(select(Record)).all()) == 2


def test_a_resumed_push_sends_only_what_was_not_acknowledged(hub_database, laptop):
    made = register(laptop, 4)
    run(hub_database, request(laptop, made[:2]))
    reply = run(hub_database, request(laptop, made[2:]))
    assert reply["summary"]["applied"] == 2 and reply["ack"]["seq"] == 4


def test_a_gap_is_refused_naming_what_to_resend_and_is_recorded(hub_database, laptop):
    made = register(laptop, 3)
    with pytest.raises(SequenceGap) as caught:
        run(hub_database, request(laptop, made[2:]))
    assert caught.value.expected == 1
    with hub_database.uow() as uow:
        refusal = uow.session.scalars(select(AuditLog).where(AuditLog.action == "sync.refused")).one()
        assert refusal.detail["code"] == "sequence_gap"
        assert uow.session.scalars(select(Record)).all() == []


def test_a_laptop_restored_from_backup_is_refused_as_a_fork(hub_database, laptop):
    run(hub_database, request(laptop, register(laptop, 2)))
    restored = Device(1)
    restored.create(**valid_person(name="Someone Else", village_code=VILLAGE))
    with pytest.raises(ChainFork):
        run(hub_database, request(restored, restored.made))


def test_a_tampered_body_fails_the_request_signature(hub_database, laptop):
    good = request(laptop, register(laptop, 1))
    body = bytearray(good.body)
    body[-1] ^= 1
    with pytest.raises(BadSignature):
        run(hub_database, replace(good, body=bytes(body)))


def test_unknown_and_revoked_devices_are_refused(hub_database, laptop):
    stranger = Device(9)
    with pytest.raises(UnknownDevice):
        run(hub_database, request(stranger, register(stranger, 1)))
    with hub_database.uow() as uow:
        row = uow.session.get(DeviceRow, laptop.device_id)
        row.revoked_at, row.revoke_reason = uow.now(), "laptop stolen"
        uow.commit()
    with pytest.raises(RevokedDevice) as caught:
        run(hub_database, request(laptop, register(laptop, 1)))
    assert caught.value.reason == "laptop stolen"


def test_an_out_of_scope_changeset_is_refused_recorded_and_later_work_still_applies(hub_database, laptop):
    made = register(laptop, 1, village=OTHER_VILLAGE) + register(laptop, 1)
    reply = run(hub_database, request(laptop, made))
    assert reply["summary"] == {"applied": 1, "duplicate": 0, "refused": 1, "conflicts": 0}
    assert reply["results"][0]["code"] == "out_of_scope" and OTHER_VILLAGE in reply["results"][0]["reason"]
    assert reply["ack"]["seq"] == 2
    with hub_database.uow() as uow:
        refused = uow.session.scalars(select(ReceivedChangeSet).where(ReceivedChangeSet.outcome == "refused")).one()
        assert refused.body["ops"][0]["f"]["village_code"] == OTHER_VILLAGE


def test_the_feed_pages_through_another_laptops_work_and_does_not_echo_ones_own(hub_database, laptop):
    neighbour = Device(2)
    enroll(hub_database, neighbour)
    made = register(laptop, 7)
    first = run(hub_database, request(laptop, made))
    # Not its own records back; only what the hub made of them (new residents, awaiting verification).
    own = {op.record_id for changeset in made for op in changeset.ops}
    assert {(e["kind"], e["id"], e["data"]["status"]) for e in entries(first, laptop)} == {
        ("status", record_id, "awaiting_verification") for record_id in own}
    seen, statuses, cursor, pages = [], set(), "", 0
    while True:
        reply = run(hub_database, request(neighbour, cursor=cursor), page_size=3)
        seen += [e["data"]["name"] for e in entries(reply, neighbour) if e["kind"] == "record"]
        statuses |= {e["id"] for e in entries(reply, neighbour) if e["kind"] == "status"}
        cursor, pages = reply["feed"]["cursor"], pages + 1
        if not reply["feed"]["more"]:
            break
    assert pages == 3 and sorted(seen) == sorted(warga(laptop, i) for i in range(7)) and statuses == own
    assert entries(run(hub_database, request(neighbour, cursor=cursor)), neighbour) == ()


def records_in(reply, device) -> dict:
    return {e["id"]: e["data"] for e in entries(reply, device) if e["kind"] == "record"}


def test_an_edit_of_a_record_the_laptop_had_pulled_is_not_echoed_back_but_one_it_had_not_is_sent_merged(
        hub_database, laptop):
    neighbour = Device(2)
    enroll(hub_database, neighbour)
    (made,) = register(laptop, 1)
    person = made.ops[0].record_id
    cursor = run(hub_database, request(laptop, [made]))["feed"]["cursor"]
    # The laptop holds the person as the hub does: its own edit is not sent back to it...
    edited = laptop.update(person, {"name": warga(laptop, 0)}, {"name": "Siti Aminah"})
    reply = run(hub_database, request(laptop, [edited], cursor=cursor))
    assert reply["summary"]["applied"] == 1 and person not in records_in(reply, laptop)
    # ...but the neighbour, who never saw it, receives it.
    assert records_in(run(hub_database, request(neighbour)), neighbour)[person]["name"] == "Siti Aminah"
    # The neighbour's edit reaches the hub; the laptop edits another field without having pulled it first.
    reply_n = run(hub_database, request(neighbour, [neighbour.update(person, {"phone": "0812-3456-7890"},
                                                                    {"phone": "0812-1111-2222"})]))
    assert reply_n["summary"]["applied"] == 1
    edited_again = laptop.update(person, {"occupation": "farm_labourer"}, {"occupation": "fisher"})
    later = run(hub_database, request(laptop, [edited_again], cursor=reply["feed"]["cursor"]))
    merged = records_in(later, laptop)[person]  # sent back with both edits: it lacked the neighbour's
    assert (merged["name"], merged["phone"], merged["occupation"]) == ("Siti Aminah", "0812-1111-2222", "fisher")


def test_a_page_cut_before_its_cursor_was_stored_is_simply_pulled_again(hub_database, laptop):
    neighbour = Device(2)
    enroll(hub_database, neighbour)
    run(hub_database, request(laptop, register(laptop, 4)))
    first = run(hub_database, request(neighbour), page_size=2)
    lost = run(hub_database, request(neighbour, cursor=first["feed"]["cursor"]), page_size=2)  # reply lost
    again = run(hub_database, request(neighbour, cursor=first["feed"]["cursor"]), page_size=2)
    assert entries(lost, neighbour) == entries(again, neighbour)


def test_a_conflict_is_queued_and_its_resolution_reaches_both_laptops(hub_database, laptop):
    neighbour = Device(2)
    enroll(hub_database, neighbour)
    (created,) = register(laptop, 1)
    record = created.ops[0].record_id
    run(hub_database, request(laptop, [created]))
    run(hub_database, request(laptop, [laptop.update(record, {"name": "Warga Ba"}, {"name": "Siti"})]))
    reply = run(hub_database, request(neighbour, [neighbour.update(record, {"name": "Warga Ba"}, {"name": "Sri"})]))
    assert reply["summary"]["conflicts"] == 1
    assert reply["results"][0]["ops"][0]["outcome"] == "conflict"
    with hub_database.uow() as uow:
        (conflict,) = conflicts.open_conflicts(uow)
        assert reply["results"][0]["ops"][0]["conflict_id"] == conflict.id
        assert conflict.base == "Warga Ba" and {s["value"] for s in conflict.sides} == {"Siti", "Sri"}
        assert uow.session.get(Record, record).data["name"] == "Warga Ba"
        conflict_id = conflict.id
    with hub_database.uow() as uow:
        conflicts.resolve(uow, conflict_id, "Siti", user="admin", reason="KTP checked at the office")
    for device in (laptop, neighbour):
        seen = entries(run(hub_database, request(device)), device)
        names = [e["data"]["name"] for e in seen if e["kind"] == "record"]
        resolution = [e for e in seen if e["kind"] == "resolution"]
        assert names == ["Siti"] and resolution[0]["data"]["reason"] == "KTP checked at the office"
    with hub_database.uow() as uow:
        assert uow.session.get(Conflict, conflict_id).status == "resolved"


def test_a_household_registered_with_its_member_in_one_form_applies_together(hub_database, laptop):
    household, person = laptop.new_id(), laptop.new_id()
    household_fields = valid_record("household", village_code=VILLAGE)
    form = laptop.changeset(Operation("create", "household", household, household_fields),
                            Operation("create", "person", person, valid_person(household_id=household,
                                                                               village_code=VILLAGE)))
    assert run(hub_database, request(laptop, [form]))["summary"]["applied"] == 1


def test_an_invalid_registration_is_refused_with_its_field_errors_and_kept_for_the_admin(hub_database, laptop):
    bad = laptop.create(**valid_person(village_code=VILLAGE, sex="M", pregnant=False))  # the NIK says a woman
    reply = run(hub_database, request(laptop, [bad]))
    (result,) = reply["results"]
    assert result["code"] == "invalid" and result["errors"][0]["rule"] == "nik_sex_mismatch"
    assert "NIK" in result["errors"][0]["message"]
    with hub_database.uow() as uow:
        assert uow.session.scalars(select(Record)).all() == []
        assert uow.session.get(ReceivedChangeSet, (laptop.device_id, 1)).code == "invalid"


def test_a_record_created_and_corrected_before_its_first_sync_keeps_its_history(hub_database, laptop):
    neighbour = Device(2)
    enroll(hub_database, neighbour)
    (created,) = register(laptop, 1)
    record = created.ops[0].record_id
    fixed = laptop.update(record, {"name": "Warga Ba"}, {"name": "Warga Bb"})
    run(hub_database, request(laptop, [created, fixed]))
    run(hub_database, request(neighbour))
    back = run(hub_database, request(neighbour, [neighbour.update(record, {"name": "Warga Bb"}, {"name": "Warga Ba"})]))
    assert back["results"] == [] and back["summary"]["applied"] == 1
    with hub_database.uow() as uow:
        assert uow.session.get(Record, record).data["name"] == "Warga Ba"


def test_a_laptop_still_receives_what_others_changed_on_a_record_it_edits(hub_database, laptop):
    neighbour = Device(2)
    enroll(hub_database, neighbour)
    (created,) = register(laptop, 1)
    record, phone = created.ops[0].record_id, valid_person()["phone"]
    first = run(hub_database, request(laptop, [created]))
    run(hub_database, request(neighbour))
    run(hub_database, request(neighbour, [neighbour.update(record, {"phone": phone}, {"phone": "+6281299990000"})]))
    reply = run(hub_database, request(laptop, [laptop.update(record, {"name": "Warga Ba"}, {"name": "Warga Bz"})],
                                      cursor=first["feed"]["cursor"]))
    (entry,) = [e for e in entries(reply, laptop) if e["kind"] == "record"]
    assert entry["data"]["phone"] == "+6281299990000" and entry["data"]["name"] == "Warga Bz"


def test_an_application_takes_its_persons_village_for_scope_and_feed(hub_database, laptop):
    other = Device(3)
    enroll(hub_database, other, scope=(OTHER_VILLAGE,))
    (created,) = register(laptop, 1)
    run(hub_database, request(laptop, [created]))
    application = other.changeset(Operation("create", "application", other.new_id(), valid_record(
        "application", person_id=created.ops[0].record_id, status="applied", justification=None)))
    refused = run(hub_database, request(other, [application]))
    assert refused["results"][0]["code"] == "out_of_scope" and VILLAGE in refused["results"][0]["reason"]


def test_complaint_events_reach_only_their_villages_laptops(hub_database, laptop):
    stranger = Device(3)
    enroll(hub_database, stranger, scope=(OTHER_VILLAGE,))
    complaint_id = laptop.new_id()
    complaint = laptop.changeset(Operation("create", "complaint", complaint_id,
                                           valid_record("complaint", village_code=VILLAGE)))
    event = laptop.changeset(Operation("append", "complaint_event", laptop.new_id(), {
        **valid_record("complaint_event"), "complaint_id": complaint_id}))
    assert run(hub_database, request(laptop, [complaint, event]))["summary"]["applied"] == 2
    assert entries(run(hub_database, request(stranger)), stranger) == ()


def _event(device, complaint_id, kind, step, **fields):
    base = {"complaint_id": complaint_id, "kind": kind, "officer": "siti.aminah", "step": step,
            "time": f"2026-03-0{5 + step}T02:00:00Z", "date": f"2026-03-0{5 + step}"}
    return device.changeset(Operation("append", "complaint_event", device.new_id(), {**base, **fields}))


def test_the_hub_derives_a_complaints_state_from_the_events_of_every_laptop(hub_database, laptop):
    second = Device(2)
    enroll(hub_database, second)
    complaint_id = laptop.new_id()
    created = laptop.changeset(Operation("create", "complaint", complaint_id, valid_record(
        "complaint", village_code=VILLAGE, escalation_level="village", status="open", date_transmitted=None)))
    escalated = _event(laptop, complaint_id, "escalation", 1, escalation_level="sub_district", text="Ke kecamatan")
    assert run(hub_database, request(laptop, [created, escalated]))["summary"]["applied"] == 2
    # The second laptop answers at the sub-district and closes; the first, offline, closes without a response.
    answered = _event(second, complaint_id, "response", 2, text="Data DTSEN diperbaiki.",
                      escalation_level="sub_district")
    closed = _event(second, complaint_id, "status_change", 3, status="closed")
    early_close = _event(laptop, complaint_id, "status_change", 2, status="closed", time="2026-03-06T01:00:00Z")
    summaries = [run(hub_database, request(second, [answered, closed]))["summary"]["applied"],
                 run(hub_database, request(laptop, [early_close]))["summary"]["applied"]]
    assert summaries == [2, 1]  # every event is kept: the one made against an older state is flagged
    with hub_database.uow() as uow:
        found = complaints.complaint_file(uow.session, complaints.complaint(uow.session, complaint_id))
    state = found["state"]
    assert (state.status, state.level, state.response) == ("closed", "sub_district", "Data DTSEN diperbaiki.")
    assert [error.rule for error in state.flags[early_close.ops[0].record_id]] == ["response_needed"]
    assert [event["kind"] for event in found["events"]] == ["escalation", "status_change", "response",
                                                            "status_change"]


def test_a_record_id_not_made_on_the_sending_laptop_is_refused(hub_database, laptop):
    squatter = Device(2)
    enroll(hub_database, squatter)
    taken = squatter.changeset(Operation("create", "person", f"{laptop.device_id}-1", valid_person(
        village_code=VILLAGE)))
    assert run(hub_database, request(squatter, [taken]))["results"][0]["code"] == "foreign_id"


def test_a_move_from_a_village_the_record_has_left_is_refused(hub_database, laptop):
    kecamatan = Device(2)
    enroll(hub_database, kecamatan, scope=("35.07.01",), role="sub_district")
    (created,) = register(laptop, 1)
    record = created.ops[0].record_id
    run(hub_database, request(laptop, [created]))
    moved = run(hub_database, request(kecamatan, [kecamatan.update(
        record, {"village_code": VILLAGE}, {"village_code": "35.07.01.2002"})]))
    assert moved["summary"]["applied"] == 1
    stale = run(hub_database, request(kecamatan, [kecamatan.update(
        record, {"village_code": VILLAGE}, {"village_code": "35.07.01.2003"})]))
    assert stale["results"][0]["code"] == "stale_move"


def test_a_village_laptop_hands_a_person_who_moves_to_another_village_of_the_district(hub_database, laptop):
    second = Device(2)  # another laptop of the same village, and one of the village the person moves to
    enroll(hub_database, second)
    receiving = Device(3)
    enroll(hub_database, receiving, scope=(OTHER_VILLAGE,))
    (created,) = register(laptop, 1)
    record = created.ops[0].record_id
    run(hub_database, request(laptop, [created]))
    cursor = run(hub_database, request(second))["feed"]["cursor"]
    moved = run(hub_database, request(laptop, [laptop.update(
        record, {"village_code": VILLAGE, "migration": None, "migration_date": None},
        {"village_code": OTHER_VILLAGE, "migration": "in", "migration_date": "2026-01-05"})]))
    assert moved["summary"]["applied"] == 1
    (arrived,) = [e for e in entries(run(hub_database, request(receiving)), receiving) if e["kind"] == "record"]
    assert arrived["id"] == record and arrived["data"]["village_code"] == OTHER_VILLAGE
    (told,) = [e for e in entries(run(hub_database, request(second, cursor=cursor)), second) if e["kind"] == "record"]
    assert told["id"] == record and told["data"]["village_code"] == OTHER_VILLAGE  # the village it left hears
    # From now on the record is the new village's: the old laptop can no longer edit it.
    late = run(hub_database, request(laptop, [laptop.update(record, {"phone": None}, {"phone": "+6281299990000"})]))
    assert late["results"][0]["code"] == "out_of_scope"


def test_a_move_to_another_district_is_not_a_change_of_village(hub_database, laptop):
    (created,) = register(laptop, 1)
    record = created.ops[0].record_id
    run(hub_database, request(laptop, [created]))
    away = run(hub_database, request(laptop, [laptop.update(
        record, {"village_code": VILLAGE}, {"village_code": "35.08.01.2001"})]))
    assert away["results"][0]["code"] == "out_of_scope"
    archived = run(hub_database, request(laptop, [laptop.update(
        record, {"migration": None, "migration_date": None, "moved_to": None},
        {"migration": "out", "migration_date": "2026-01-05", "moved_to": "Kota Surabaya, Jawa Timur"})]))
    assert archived["summary"]["applied"] == 1
    with hub_database.uow() as uow:
        held = uow.session.get(Record, record)
        assert held.village_code == VILLAGE and held.data["moved_to"] == "Kota Surabaya, Jawa Timur"


def announced(device, username: str, role: str) -> Operation:
    return Operation("create", "officer", f"{device.device_id}-officer-{username.replace('.', '')}",
                     {"username": username, "full_name": "Rina Wati", "role": role, "village_code": VILLAGE,
                      "active": True})


def test_the_hub_checks_each_changeset_against_its_officers_role(hub_database, laptop):
    (created,) = register(laptop, 1)
    woman = created.ops[0].record_id
    run(hub_database, request(laptop, [created]))
    laptop.officer = "bidan.rina"  # the midwife announces herself with her first work: a pregnancy
    pregnancy = laptop.changeset(announced(laptop, "bidan.rina", "midwife"), Operation(
        "update", "person", woman, {"pregnant": True, "expected_delivery_date": "2026-09-01"},
        {"pregnant": None, "expected_delivery_date": None}))
    visit = laptop.changeset(Operation("append", "antenatal_visit", laptop.new_id(), {
        "person_id": woman, "visit_date": "2026-03-10", "pregnancy_week": 20, "muac_mm": 228}))
    complaint = laptop.changeset(Operation("create", "complaint", laptop.new_id(),
                                           valid_record("complaint", village_code=VILLAGE)))
    phone = laptop.update(woman, {"phone": None}, {"phone": "+6281299990000"})
    reply = run(hub_database, request(laptop, [pregnancy, visit, complaint, phone]))
    assert reply["summary"]["applied"] == 2 and reply["summary"]["refused"] == 2
    assert [(r["seq"], r["code"]) for r in reply["results"] if r.get("code")] == [
        (complaint.seq, "role_not_allowed"), (phone.seq, "role_not_allowed")]
    # The secretary may not record an antenatal visit; an officer the hub never heard of is not checked.
    laptop.officer = "siti"
    secretary = laptop.changeset(announced(laptop, "siti", "village_secretary"), Operation(
        "append", "antenatal_visit", laptop.new_id(), {"person_id": woman, "visit_date": "2026-03-11"}))
    laptop.officer = "lama"
    older = laptop.update(woman, {"phone": None}, {"phone": "+6281299990001"})
    reply = run(hub_database, request(laptop, [secretary, older]))
    assert [r.get("code") for r in reply["results"] if r.get("code")] == ["role_not_allowed"]
    assert reply["summary"]["applied"] == 1


def test_open_inconsistencies_reach_the_sub_districts_laptops_and_not_the_villages(hub_database, laptop):
    import datetime as dt

    from hub_server.models.population import Inconsistency
    from hub_server.services import inconsistencies

    kecamatan = Device(2)
    enroll(hub_database, kecamatan, scope=("35.07.01",), role="sub_district")
    with hub_database.uow() as uow:
        found = Inconsistency(nik="3507015505900001", kind="name_spelling", village_code=VILLAGE, status="open",
                              sources=[{"source": "ektp", "value": "Siti Aminah", "line": 7},
                                       {"source": "kk", "value": "Siti Aminnah", "line": 12}],
                              first_batch_id=1, last_batch_id=1, opened_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
        uow.session.add(found)
        uow.session.flush()
        inconsistencies.publish(uow.session, [found])
        uow.commit()
    (entry,) = [e for e in entries(run(hub_database, request(kecamatan)), kecamatan) if e["kind"] == "inconsistency"]
    assert entry["data"]["sources"][1]["value"] == "Siti Aminnah" and entry["data"]["field"] == "name"
    assert [e for e in entries(run(hub_database, request(laptop)), laptop) if e["kind"] == "inconsistency"] == []


def test_a_cursor_from_before_a_restore_pulls_again_from_the_start(hub_database, laptop):
    from hub_server.services import feed
    from sync_protocol.feed import encode_cursor
    from sync_protocol.scope import Scope

    neighbour = Device(2)
    enroll(hub_database, neighbour)
    run(hub_database, request(laptop, register(laptop, 2)))
    names = sorted(warga(laptop, i) for i in range(2))

    def pulled(cursor):
        return sorted(e["data"]["name"] for e in entries(run(hub_database, request(neighbour, cursor=cursor)),
                                                         neighbour) if e["kind"] == "record")

    # A position this hub never reached: the laptop saw a hub that was later restored from a backup.
    assert pulled(encode_cursor(10_000, Scope((VILLAGE,)).key())) == names
    # The same position as now, issued before `sws-hub db restored` turned the epoch: from the start too.
    reply = run(hub_database, request(neighbour))
    assert pulled(reply["feed"]["cursor"]) == []
    with hub_database.uow() as uow:
        feed.turn_epoch(uow.session)
        uow.commit()
    assert pulled(reply["feed"]["cursor"]) == names


@pytest.mark.parametrize("together", [True, False], ids=["one change-set", "two change-sets"])
def test_a_new_resident_edited_in_the_same_push_joins_the_population_with_the_edited_values(hub_database, laptop,
                                                                                           together):
    from hub_server.models.population import Person

    fields = valid_person(name="Warga Baru", occupation="farmer", monthly_income=900_000)
    record_id = laptop.new_id()
    create = Operation("create", "person", record_id, fields)
    edit = Operation("update", "person", record_id, {"occupation": "trader", "monthly_income": "1.250.000"},
                     {"occupation": "farmer", "monthly_income": 900_000})
    made = [laptop.changeset(create, edit)] if together else [laptop.changeset(create), laptop.changeset(edit)]
    assert run(hub_database, request(laptop, made))["summary"]["applied"] == len(made)
    with hub_database.uow() as uow:
        person = uow.session.execute(select(Person.name, Person.occupation, Person.monthly_income)
                                     .where(Person.registered_record == record_id)).one()
    assert tuple(person) == ("Warga Baru", "trader", 1_250_000)
