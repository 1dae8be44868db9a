"""An officer's announcement (name and role, at the head of their first change-set) reaches the hub even when that
change-set is refused: the hub keeps nothing of a refused change-set, so the officer's next change-set announces
them again, and the hub checks their role from then on."""

import json

import pytest

from tests.integration.test_village_sync import HOUSEHOLD, MEMBERS
from village_client import outbox, records
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.records import Officer
from village_client.store import open_store

VILLAGE = "35.07.01.2001"
SITI = Officer("siti", "Siti Aminah", "village_secretary")


@pytest.fixture
def store(tmp_path):
    initialise(tmp_path / "desa", "Desa Tulungrejo")
    with open_store(tmp_path / "desa") as store:
        store.update_device(scope=[VILLAGE])
        add_officer(store, SITI.username, SITI.full_name, SITI.role, "123456")
        yield store


def announced_in(store, seq: int) -> list:
    body = json.loads(store.db.execute("SELECT body FROM outbox WHERE seq = ?", (seq,)).fetchone()[0])
    return [op for op in body["ops"] if op["t"] == "officer"]


def register(store) -> None:
    records.register_household(store, SITI, {**HOUSEHOLD, "village_code": VILLAGE}, MEMBERS)


def refuse(store, seq: int, reason: str) -> None:
    with store.transaction() as db:
        outbox.record_outcome(db, {"seq": seq, "outcome": "refused", "code": "unknown_record", "reason": reason})


def test_an_officer_announced_in_a_refused_change_set_is_announced_again(store):
    register(store)
    register(store)
    assert len(announced_in(store, 1)) == 1 and announced_in(store, 2) == []  # once, at the head of the first
    refuse(store, 1, "person 7f-3 is not held by the hub")
    register(store)
    again = announced_in(store, 3)
    assert [(op["f"]["username"], op["f"]["role"]) for op in again] == [("siti", "village_secretary")]
    assert again[0]["id"] == announced_in(store, 1)[0]["id"]  # the same officer record, never a second one
    register(store)
    assert announced_in(store, 4) == []


def test_a_refused_announcement_is_not_sent_again_to_be_refused_again(store):
    register(store)
    officer_id = announced_in(store, 1)[0]["id"]
    refuse(store, 1, f"officer {officer_id} is not valid (full_name: required)")
    register(store)
    assert announced_in(store, 2) == []
