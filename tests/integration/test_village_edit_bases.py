"""The laptop's side of change-set format 2: it keeps the edit that produced each field, as the hub's feed names
it and as its officers save, names it as `e` when an officer edits the field, and makes format 2 only once its
hub's feed has shown that it reads it (docs/protocol.md §3, §8, §13)."""

import json

import pytest

from sync_protocol.errors import MalformedMessage
from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from tests.integration.test_village_pull import PERSON, page_reply, person_entry
from village_client import outbox, records
from village_client.incoming import apply_reply
from village_client.store import open_store
from village_client.sync.engine import SyncEngine

HUB_EDIT = "otherlaptp:7:0"


@pytest.fixture
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def laptop(tmp_path, hub):
    """An enrolled laptop that registered a person and synced it: (data dir, officer, person id)."""
    data_dir = tmp_path / "laptop"
    officer = enrolled_laptop(data_dir, hub)
    with open_store(data_dir) as store:
        person_id = records.add_person(store, officer, PERSON)
    SyncEngine(data_dir, fast_settings()).sync()
    return data_dir, officer, person_id


def pull(store, hub, *entries):
    device_id = store.device()["device_id"]
    apply_reply(store, page_reply(hub.key, device_id, list(entries)), hub.public_key, device_id)


def last_body(store) -> dict:
    return json.loads(store.db.execute("SELECT body FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()[0])


def with_edits(record_id, edits, **data):
    return {**person_entry(record_id, **data), "edits": edits}


def test_a_laptop_whose_hub_names_no_edits_makes_format_1_change_sets(laptop, hub):
    data_dir, officer, person_id = laptop
    hub.publish("record", person_id, {**PERSON, "occupation": "farmer"}, table="person")  # an older hub's entry
    SyncEngine(data_dir, fast_settings()).sync()
    with open_store(data_dir) as store:
        assert store.db["person"].get(person_id)["occupation"] == "farmer"
        records.update_person(store, officer, person_id, {"occupation": "trader"}, {})
        body = last_body(store)
        assert store.device()["changeset_version"] == 1
    assert body["v"] == 1 and "e" not in body["ops"][-1]
    summary = SyncEngine(data_dir, fast_settings()).sync()
    assert (summary.acknowledged, summary.refused) == (1, 0)


def test_once_the_feed_names_edits_an_update_names_the_edit_each_field_came_from(laptop, hub):
    data_dir, officer, person_id = laptop
    with open_store(data_dir) as store:
        pull(store, hub, with_edits(person_id, {"occupation": HUB_EDIT}, **PERSON, occupation="farmer"))
        assert store.device()["changeset_version"] == 2
        seq = records.update_person(store, officer, person_id, {"occupation": "trader", "phone": "081234567890"}, {})
        body = last_body(store)
        assert body["v"] == 2 and body["ops"][-1]["e"] == {"occupation": HUB_EDIT, "phone": "origin"}
        # The next edit of the same field, before any sync, names this laptop's own.
        index = len(body["ops"]) - 1
        records.update_person(store, officer, person_id, {"occupation": "fisher"}, {})
        assert last_body(store)["ops"][-1]["e"] == {"occupation": f"{store.device()['device_id']}:{seq}:{index}"}


def test_a_field_the_officer_saw_otherwise_than_held_names_no_edit(laptop, hub):
    data_dir, officer, person_id = laptop
    with open_store(data_dir) as store:
        pull(store, hub, with_edits(person_id, {"occupation": HUB_EDIT}, **PERSON, occupation="farmer"))
        # The form was shown before the pull brought "farmer": the officer saw it empty.
        records.update_person(store, officer, person_id, {"occupation": "trader", "name": "Siti A"},
                              {"occupation": ""})
        op = last_body(store)["ops"][-1]
        assert op["b"] == {"occupation": None, "name": "Siti Aminah"} and op["e"] == {"name": "origin"}


def test_a_pulled_record_keeps_the_laptops_own_edit_for_a_field_not_yet_acknowledged(laptop, hub):
    data_dir, officer, person_id = laptop
    with open_store(data_dir) as store:
        pull(store, hub, with_edits(person_id, {}, **PERSON))
        seq = records.update_person(store, officer, person_id, {"occupation": "trader"}, {})
        index = len(last_body(store)["ops"]) - 1
        pull(store, hub, with_edits(person_id, {"occupation": HUB_EDIT, "name": "hub:9:0"},
                                    **{**PERSON, "occupation": "farmer", "name": "Siti Rahayu"}))
        mine = f"{store.device()['device_id']}:{seq}:{index}"
        assert outbox.producers(store.db, "person", person_id) == {"occupation": mine, "name": "hub:9:0"}
        assert store.db["person"].get(person_id)["occupation"] == "trader"
        # An entry from a hub that does not name edits leaves the record's history unknown: matched by value.
        pull(store, hub, person_entry(person_id, **PERSON))
        assert outbox.producers(store.db, "person", person_id) is None
        records.update_person(store, officer, person_id, {"phone": "081234567890"}, {})
        assert "e" not in last_body(store)["ops"][-1]


def test_a_page_whose_edits_are_not_edit_ids_is_refused_whole_and_nothing_changes(laptop, hub):
    data_dir, _, person_id = laptop
    with open_store(data_dir) as store:
        before = store.db["person"].get(person_id)
        with pytest.raises(MalformedMessage) as refused:
            pull(store, hub, with_edits(person_id, {"occupation": 7}, **PERSON, occupation="farmer"))
        assert refused.value.part == "feed.entry" and "edits.occupation" in refused.value.detail
        with pytest.raises(MalformedMessage) as refused:
            pull(store, hub, with_edits(person_id, {"occupation": "yesterday"}, **PERSON, occupation="farmer"))
        assert refused.value.part == "feed.entry" and "edits.occupation" in refused.value.detail
        assert "'yesterday' is not an edit id" in refused.value.detail
        assert store.db["person"].get(person_id) == before and store.device()["changeset_version"] == 1
        assert outbox.producers(store.db, "person", person_id) == {}
