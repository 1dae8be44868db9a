"""Applying change-sets to records in memory: whole change-sets, scope, merge outcomes."""

from hub_server.services.apply import RecordCache, apply_changeset, referenced_ids
from sync_protocol.changeset import Operation
from sync_protocol.scope import Scope
from tests.unit.protocol_helpers import Device, valid_person, valid_record

VILLAGE = "35.07.01.2001"
SCOPE = Scope((VILLAGE,))


def register(device, cache, **fields):
    changeset = device.create(**valid_person(village_code=VILLAGE, **fields))
    return apply_changeset(cache, changeset, SCOPE), changeset.ops[0].record_id


def test_a_registration_creates_the_record():
    cache, device = RecordCache({}), Device(1)
    result, record = register(device, cache, name="Siti")
    assert result.outcome == "applied" and result.ops[0].outcome == "applied"
    assert cache.get(record).values["name"] == "Siti" and cache.get(record).is_new


def test_a_household_and_its_member_in_one_changeset_apply_together():
    cache, device = RecordCache({}), Device(1)
    household, person = device.new_id(), device.new_id()
    changeset = device.changeset(
        Operation("create", "household", household, valid_record("household", village_code=VILLAGE)),
        Operation("create", "person", person, valid_person(village_code=VILLAGE, household_id=household)),
        Operation("update", "household", household, {"head_person_id": person}, {"head_person_id": "g7nsjwgg34-15"}))
    result = apply_changeset(cache, changeset, SCOPE)
    assert [op.outcome for op in result.ops] == ["applied", "applied", "applied"]
    assert cache.get(household).values["head_person_id"] == person


def test_one_operation_out_of_scope_refuses_the_whole_changeset():
    cache, device = RecordCache({}), Device(1)
    changeset = device.changeset(
        Operation("create", "person", device.new_id(), valid_person(village_code=VILLAGE)),
        Operation("create", "person", device.new_id(), valid_person(village_code="35.07.02.2001")))
    result = apply_changeset(cache, changeset, SCOPE)
    assert (result.outcome, result.code) == ("refused", "out_of_scope")
    assert "35.07.02.2001" in result.reason and cache.changed() == []


def test_moving_a_record_out_of_scope_is_refused():
    cache, device = RecordCache({}), Device(1)
    _, record = register(device, cache, name="Siti")
    moved = apply_changeset(cache, device.update(record, {"village_code": VILLAGE}, {"village_code": "35.08.01.2001"}),
                            SCOPE)
    assert moved.code == "out_of_scope" and cache.get(record).village_code == VILLAGE


def test_an_update_of_an_unknown_record_is_refused_with_its_reason():
    result = apply_changeset(RecordCache({}), Device(1).update("nobody-1", {"name": "A"}, {"name": "B"}), SCOPE)
    assert (result.outcome, result.code) == ("refused", "unknown_record")


def test_two_laptops_editing_the_same_field_differently_make_a_conflict():
    cache, one, two = RecordCache({}), Device(1), Device(2)
    _, record = register(one, cache, phone="+6281211110000")
    first = apply_changeset(cache, one.update(record, {"phone": "+6281211110000"}, {"phone": "+6281222220000"}), SCOPE)
    second = apply_changeset(cache, two.update(record, {"phone": "+6281211110000"}, {"phone": "+6281233330000"}), SCOPE)
    assert first.ops[0].outcome == "applied" and second.ops[0].outcome == "conflict"
    assert cache.get(record).values["phone"] == "+6281211110000"  # the last agreed value
    (name, fork), = second.ops[0].forks
    assert name == "phone" and len(fork.candidates) == 2


def test_edits_of_different_fields_merge():
    cache, one, two = RecordCache({}), Device(1), Device(2)
    _, record = register(one, cache, phone="+6281211110000", occupation="farmer")
    apply_changeset(cache, one.update(record, {"phone": "+6281211110000"}, {"phone": "+6281222220000"}), SCOPE)
    apply_changeset(cache, two.update(record, {"occupation": "farmer"}, {"occupation": "trader"}), SCOPE)
    values = cache.get(record).values
    assert (values["phone"], values["occupation"]) == ("+6281222220000", "trader")


def test_referenced_ids_include_parents():
    device = Device(1)
    changeset = device.changeset(Operation("append", "complaint_event", "e-1", {"complaint_id": "c-9"}))
    assert referenced_ids([changeset]) == {"e-1", "c-9"}


def test_an_invalid_record_refuses_its_changeset_naming_the_field_and_rule():
    cache, device = RecordCache({}), Device(1)
    result, _ = register(device, cache, nik="3507015508900000", name="Siti")
    assert (result.outcome, result.code) == ("refused", "invalid")
    assert {e["field"] for e in result.errors} == {"nik"} and "nik" in result.reason
    assert cache.changed() == []


def test_a_record_of_an_unknown_kind_is_refused():
    device = Device(1)
    result = apply_changeset(RecordCache({}), device.changeset(Operation("create", "weather", device.new_id(), {})),
                             SCOPE)
    assert result.code == "invalid" and result.errors[0]["rule"] == "record_kind_unknown"


def test_a_complaint_event_needs_its_complaint_and_is_kept_even_against_its_state():
    cache, device = RecordCache({}), Device(1)
    orphan = device.changeset(Operation("append", "complaint_event", device.new_id(), {
        **valid_record("complaint_event"), "complaint_id": "zzzzzzzzzz-1"}))
    assert apply_changeset(cache, orphan, SCOPE).code == "unknown_record"
    complaint_id = device.new_id()
    created = device.changeset(Operation("create", "complaint", complaint_id, valid_record("complaint")))
    # Closing without a response breaks a rule against the state; another device's concurrent event may
    # be why, so the hub keeps it (the derived state flags it everywhere) instead of refusing it.
    closing = device.changeset(Operation("append", "complaint_event", device.new_id(), {
        **valid_record("complaint_event"), "complaint_id": complaint_id, "kind": "status_change",
        "status": "closed", "escalation_level": None, "text": None, "step": 1}))
    assert [apply_changeset(cache, changeset, SCOPE).outcome for changeset in (created, closing)] == [
        "applied", "applied"]
