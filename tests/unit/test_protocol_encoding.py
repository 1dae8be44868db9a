"""Canonical encoding and the change-set model."""

import datetime as dt

import pytest

from sync_protocol.canonical import canonical_bytes
from sync_protocol.changeset import GENESIS_HASH, ChangeSet, Operation
from sync_protocol.errors import MalformedMessage


def test_keys_are_sorted_and_there_is_no_white_space():
    assert canonical_bytes({"b": 1, "a": [True, None, "x"]}) == b'{"a":[true,null,"x"],"b":1}'


def test_the_same_name_typed_decomposed_or_composed_encodes_the_same():
    assert canonical_bytes({"name": "Jose\u0301"}) == canonical_bytes({"name": "Jos\u00e9"})


def test_non_ascii_text_is_utf8_not_escaped():
    assert canonical_bytes("Ngadirejo–Pakis") == '"Ngadirejo–Pakis"'.encode()


@pytest.mark.parametrize("value", [1.5, float("nan"), b"raw", {1: "x"}, {"a": {1.0}}])
def test_values_outside_the_rules_are_refused_not_rounded(value):
    with pytest.raises(MalformedMessage):
        canonical_bytes(value)


def test_dates_and_utc_times_become_iso_text():
    when = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
    assert canonical_bytes([dt.date(2024, 2, 29), when]) == b'["2024-02-29","2026-11-23T08:30:00Z"]'


def test_local_times_are_refused_because_laptop_clocks_lie():
    with pytest.raises(MalformedMessage):
        canonical_bytes(dt.datetime(2026, 11, 23, 8, 30))


def test_keys_that_collide_after_normalisation_are_refused():
    with pytest.raises(MalformedMessage):
        canonical_bytes({"Jose\u0301": 1, "Jos\u00e9": 2})


def test_a_changeset_survives_its_canonical_body():
    op = Operation("update", "person", "abc-1", {"phone": "+6281234567890"}, {"phone": None})
    changeset = ChangeSet("abc", 4, GENESIS_HASH, 1_763_884_800, "bidan.rina", [op])
    assert ChangeSet.from_body(changeset.body()) == changeset
    assert ChangeSet.from_body(changeset.body()).hash() == changeset.hash()


@pytest.mark.parametrize("kind, fields, before", [
    ("rename", {}, {}),
    ("update", {"name": "x"}, {}),
    ("delete", {"name": "x"}, {}),
])
def test_malformed_operations_say_what_is_wrong(kind, fields, before):
    with pytest.raises(MalformedMessage) as caught:
        Operation(kind, "person", "abc-1", fields, before)
    assert caught.value.part.startswith("operation")


def test_a_delete_is_a_tombstone_edit():
    assert Operation("delete", "person", "abc-1").edited_fields() == {"_deleted": (False, True)}
