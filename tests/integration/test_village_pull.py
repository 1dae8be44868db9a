"""Applying what the hub sends: verified pages, applied whole with their cursor, local edits kept on top."""

import pytest

from sync_protocol.binding import SyncReply
from sync_protocol.errors import BadSignature, MalformedMessage
from sync_protocol.feed import FeedPage, sign_page
from sync_protocol.signing import generate_private_key
from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client import outbox, records
from village_client.enrollment import EnrollmentRefused, enroll
from village_client.incoming import apply_reply
from village_client.store import open_store
from village_client.sync.engine import SyncEngine

PERSON = {"name": "Siti Aminah", "birth_date": "1990-05-14", "sex": "F", "village_code": "35.07.01.2001",
          "nik_status": "unregistered"}


@pytest.fixture
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def laptop(tmp_path, hub):
    data_dir = tmp_path / "laptop"
    return data_dir, enrolled_laptop(data_dir, hub)


def page_reply(key, device_id, entries, cursor="c1", more=False, ack=None) -> SyncReply:
    return SyncReply(ack=ack, feed=sign_page(key, FeedPage(device_id, tuple(entries), cursor, more)))


def person_entry(record_id, **data):
    return {"kind": "record", "table": "person", "id": record_id, "data": data}


def test_a_pulled_value_never_overwrites_a_field_with_an_unsynced_local_edit(laptop, hub):
    data_dir, officer = laptop
    with open_store(data_dir) as store:
        person_id = records.add_person(store, officer, PERSON)
    SyncEngine(data_dir, fast_settings()).sync()
    with open_store(data_dir) as store:
        records.update_person(store, officer, person_id, {"phone": "081234567890"}, {"phone": ""})
        device_id = store.device()["device_id"]
        reply = page_reply(hub.key, device_id, [person_entry(person_id, phone="0899", occupation="Petani")])
        apply_reply(store, reply, hub.public_key, device_id)
        row = store.db["person"].get(person_id)
        assert (row["phone"], row["occupation"]) == ("+6281234567890", "Petani")
        assert outbox.pending_fields(store.db, "person", person_id) == {"phone"}


def test_a_pulled_value_never_overwrites_a_new_record_the_hub_has_not_acknowledged(laptop, hub):
    data_dir, officer = laptop
    with open_store(data_dir) as store:
        person_id = records.add_person(store, officer, PERSON)
        device_id = store.device()["device_id"]
        reply = page_reply(hub.key, device_id, [person_entry(person_id, name="Siti Rahayu", occupation="Petani")])
        apply_reply(store, reply, hub.public_key, device_id)
        row = store.db["person"].get(person_id)
        assert (row["name"], row["occupation"]) == ("Siti Aminah", None)
        assert outbox.pending_fields(store.db, "person", person_id) == {outbox.WHOLE_RECORD}


def test_once_the_hub_has_the_edit_its_values_apply_again(laptop, hub):
    data_dir, officer = laptop
    with open_store(data_dir) as store:
        person_id = records.add_person(store, officer, PERSON)
    SyncEngine(data_dir, fast_settings()).sync()
    hub.publish("record", person_id, {"name": "Siti Aminah Rahayu", "extra_from_hub": 3}, table="person")
    SyncEngine(data_dir, fast_settings()).sync()
    with open_store(data_dir) as store:
        row = store.db["person"].get(person_id)
        assert row["name"] == "Siti Aminah Rahayu" and '"extra_from_hub": 3' in row["extra"]


def test_a_page_is_applied_whole_with_its_cursor_or_not_at_all(laptop, hub):
    data_dir, _ = laptop
    with open_store(data_dir) as store:
        device_id = store.device()["device_id"]
        entries = [person_entry("hub-1", name="A"), {"kind": "record", "table": "person"}]  # the second has no id
        broken = page_reply(hub.key, device_id, entries)
        with pytest.raises(MalformedMessage):
            apply_reply(store, broken, hub.public_key, device_id)
        assert (store.db["person"].count, store.device()["feed_cursor"]) == (0, "")
        apply_reply(store, page_reply(hub.key, device_id, [person_entry("hub-1", name="A")]), hub.public_key,
                    device_id)
        assert (store.db["person"].count, store.device()["feed_cursor"]) == (1, "c1")


def test_a_page_not_signed_by_the_pinned_hub_key_changes_nothing(laptop, hub):
    data_dir, _ = laptop
    with open_store(data_dir) as store:
        device_id = store.device()["device_id"]
        forged = page_reply(generate_private_key(), device_id, [person_entry("hub-1", name="A")])
        with pytest.raises(BadSignature):
            apply_reply(store, forged, hub.public_key, device_id)
        other_device = page_reply(hub.key, "otherdevic", [person_entry("hub-1", name="A")])
        with pytest.raises(MalformedMessage):
            apply_reply(store, other_device, hub.public_key, device_id)
        assert (store.db["person"].count, store.device()["feed_cursor"]) == (0, "")


def test_conflicts_resolutions_revocations_and_tombstones_arrive_through_the_feed(laptop, hub):
    data_dir, _ = laptop
    conflict = {"table": "person", "record": "hub-1", "field": "name", "base": "Siti",
                "sides": [{"value": "Siti A.", "device": "aaaaaaaaaa", "officer": "siti"},
                          {"value": "Siti B.", "device": "bbbbbbbbbb", "officer": "rina"}]}
    hub.publish("record", "hub-1", {"name": "Siti", "village_code": "35.07.01.2001"}, table="person")
    hub.publish("conflict", "7", conflict)
    hub.publish("record", "hub-2", {"name": "Gone", "_deleted": True}, table="person")
    hub.publish("revocation", "stolenlapt", {"reason": "stolen", "at": 3}, region=None)
    summary = SyncEngine(data_dir, fast_settings()).sync()
    assert summary.conflicts == 1
    hub.publish("resolution", "7", {"value": "Siti B.", "who": "admin.malang", "why": "KTP checked"})
    SyncEngine(data_dir, fast_settings()).sync()
    with open_store(data_dir) as store:
        assert store.db["conflict"].get("7")["status"] == "resolved"
        assert store.db["person"].get("hub-2")["_deleted"] == 1
        assert store.db["revocation"].get("stolenlapt")["reason"] == "stolen"


def test_enrollment_refuses_a_hub_whose_key_does_not_match_the_token(tmp_path, hub):
    from village_client.device import initialise

    data_dir = tmp_path / "laptop"
    initialise(data_dir)
    secret, _ = hub.issue_token().rsplit(".", 1)
    false_prefix = "a" * 20
    with pytest.raises(EnrollmentRefused) as refused:
        enroll(data_dir, hub.url, f"{secret}.{false_prefix}", settings=fast_settings())
    assert refused.value.code == "false_hub"
    with open_store(data_dir) as store:
        assert store.device()["hub_public_key"] is None


def test_re_enrolling_keeps_unsynced_work_and_it_is_sent_afterwards(laptop, hub):
    data_dir, officer = laptop
    with open_store(data_dir) as store:
        records.add_person(store, officer, PERSON)
        records.add_person(store, officer, {**PERSON, "name": "Ani"})
    enroll(data_dir, hub.url, hub.issue_token(("35.07.01",), "sub_district"), settings=fast_settings())
    with open_store(data_dir) as store:
        device = store.device()
        assert (outbox.pending_count(store.db), device["scope"], device["feed_cursor"]) == (2, ["35.07.01"], "")
    assert SyncEngine(data_dir, fast_settings()).sync().acknowledged == 2
