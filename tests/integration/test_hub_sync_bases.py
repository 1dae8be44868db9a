"""Change-set format 2 at the hub, on a real database: an update names the edit its officer saw (`e`), the hub
keeps it with the edit and merges with it, and its feed names the edit that produced each field
(docs/protocol.md §3, §6, §8, §13). Format 1 change-sets are still taken, matched by value as before."""

import pytest
from sqlalchemy import select

from hub_server.models.records import Record, RecordEdit
from sync_protocol.errors import MalformedMessage
from sync_protocol.merge import Source, edit_id
from sync_protocol.wire import CODEC_NONE, encode_batch
from tests.integration.sync_helpers import enroll, request
from tests.integration.test_hub_sync_service import entries, run
from tests.unit.protocol_helpers import Device, valid_person

P1, P2 = "+6281211110000", "+6281222220000"


@pytest.fixture
def laptops(hub_database):
    siti, rina = Device(1), Device(2)
    for device in (siti, rina):
        enroll(hub_database, device)
    created = siti.create(**valid_person(name="Warga Ani", phone=P1))
    run(hub_database, request(siti, [created]))
    return siti, rina, created.ops[0].record_id


def made(device, changeset, index=0) -> str:
    return edit_id(Source(device.device_id, changeset.seq, index))


def phone_at_hub(database, record) -> str:
    with database.uow() as uow:
        return uow.session.get(Record, record).data["phone"]


def there_and_back(database, siti, rina, record, named: bool):
    """P1 -> P2 (rina), P2 -> P1 (siti), P1 -> P2 (rina): one after the other, each after pulling the last.
    `named`: each update names the edit its officer saw (format 2), else only the value (format 1)."""
    a = rina.update(record, {"phone": P1}, {"phone": P2}, bases={"phone": "origin"} if named else None)
    first = run(database, request(rina, [a]))
    b = siti.update(record, {"phone": P2}, {"phone": P1}, bases={"phone": made(rina, a)} if named else None)
    run(database, request(siti, [b]))
    c = rina.update(record, {"phone": P1}, {"phone": P2}, bases={"phone": made(siti, b)} if named else None)
    last = run(database, request(rina, [c], cursor=first["feed"]["cursor"]))
    return a, b, c, last


def test_edits_naming_the_edit_seen_follow_the_officers_order_when_a_field_returns_to_a_value(hub_database, laptops):
    siti, rina, record = laptops
    a, b, c, reply = there_and_back(hub_database, siti, rina, record, named=True)
    assert [changeset.version for changeset in (a, b, c)] == [2, 2, 2]
    assert phone_at_hub(hub_database, record) == P2, "the last edit, made on the second P1, applied"
    assert reply["results"] == [] and reply["summary"]["applied"] == 1
    with hub_database.uow() as uow:
        kept = uow.session.execute(select(RecordEdit.device_id, RecordEdit.seq, RecordEdit.base)
                                   .where(RecordEdit.record_id == record).order_by(RecordEdit.id)).all()
    assert kept == [(rina.device_id, a.seq, "origin"), (siti.device_id, b.seq, made(rina, a)),
                    (rina.device_id, c.seq, made(siti, b))]
    # The feed names the edit that produced each field, beside the values: here rina's last one.
    (entry,) = [e for e in entries(reply, rina) if e["kind"] == "record"]
    assert entry["edits"] == {"phone": made(rina, c)} and entry["data"]["phone"] == P2


def test_the_same_edits_in_format_1_are_matched_by_value_as_before(hub_database, laptops):
    siti, rina, record = laptops
    a, b, c, reply = there_and_back(hub_database, siti, rina, record, named=False)
    assert [changeset.version for changeset in (a, b, c)] == [1, 1, 1]
    # Version 1's known limit (§13): the last edit is taken as part of the first visit of P1.
    assert phone_at_hub(hub_database, record) == P1
    assert reply["results"][0]["ops"][0]["outcome"] == "converged"
    with hub_database.uow() as uow:
        assert set(uow.session.scalars(select(RecordEdit.base).where(RecordEdit.record_id == record))) == {None}


def test_an_edit_in_format_1_and_edits_in_format_2_merge_on_one_field(hub_database, laptops):
    siti, rina, record = laptops  # siti's laptop makes format 2, rina's an older one's format 1
    a = siti.update(record, {"phone": P1}, {"phone": P2}, bases={"phone": "origin"})
    run(hub_database, request(siti, [a]))
    b = rina.update(record, {"phone": P2}, {"phone": P1})
    run(hub_database, request(rina, [b]))
    c = siti.update(record, {"phone": P1}, {"phone": P2}, bases={"phone": made(rina, b)})
    reply = run(hub_database, request(siti, [c]))
    assert phone_at_hub(hub_database, record) == P2 and reply["results"] == []


def test_a_record_never_edited_names_no_edit_and_a_new_record_is_not_echoed(hub_database, laptops):
    siti, rina, record = laptops
    (entry,) = [e for e in entries(run(hub_database, request(rina)), rina) if e["kind"] == "record"]
    assert entry["id"] == record and entry["edits"] == {}


def test_an_update_naming_a_malformed_edit_is_refused_whole_and_nothing_changes(hub_database, laptops):
    siti, rina, record = laptops
    good = rina.update(record, {"phone": P1}, {"phone": P2}, bases={"phone": "origin"})
    body = encode_batch([rina.segment([good])], CODEC_NONE).replace(b'"origin"', b'"rina:01:0"')
    with pytest.raises(MalformedMessage) as refused:
        run(hub_database, request(rina, body=body))
    assert refused.value.part == "operation.e.phone" and "not an edit id" in refused.value.detail
    assert phone_at_hub(hub_database, record) == P1
    with hub_database.uow() as uow:
        assert uow.session.scalars(select(RecordEdit).where(RecordEdit.record_id == record)).all() == []
