"""The residents a laptop holds from the hub (feed kind "population"): whole, delta, gap, replay, search."""

import pytest

from village_client import residents
from village_client.device import initialise
from village_client.store import open_store

VILLAGE = "35.07.01.2001"


def version(number: int, base: int, rows=(), removed=()) -> dict:
    columns = {name: [] for name in residents.COLUMNS}
    for nik, name in rows:
        for column in residents.COLUMNS:
            columns[column].append({"nik": nik, "name": name}.get(column))
    return {"village_code": VILLAGE, "version": number, "base_version": base, "size": len(rows),
            "added": columns, "removed": list(removed)}


@pytest.fixture
def store(tmp_path):
    initialise(tmp_path / "laptop", "Desa uji")
    with open_store(tmp_path / "laptop") as opened:
        yield opened


def held(store) -> dict:
    return {row["nik"]: row["name"] for row in store.db.query("SELECT nik, name FROM resident")}


def apply(store, data: dict) -> str:
    with store.transaction() as db:
        return residents.apply_version(db, str(data["version"]), data, "2026-03-01T00:00:00Z")


def test_whole_then_delta_then_a_gap_marks_the_village_stale_until_a_whole_version(store):
    assert apply(store, version(1, 0, [("3507010101800001", "Budi Santoso"), ("3507014101850002", "Sri Wahyuni")]))\
        == "whole"
    assert apply(store, version(2, 1, [("3507014101850002", "Sri Wahyuningsih")], ["3507010101800001"])) == "delta"
    assert held(store) == {"3507014101850002": "Sri Wahyuningsih"}
    assert apply(store, version(2, 1, [("3507019999990009", "Tidak Boleh")])) == "ignored"  # replayed page
    assert apply(store, version(5, 4, [("3507010202900003", "Agus Salim")])) == "gap"
    assert store.scalar("SELECT stale FROM population_sheet") == 1
    assert apply(store, version(6, 0, [("3507010202900003", "Agus Salim")])) == "whole"
    assert held(store) == {"3507010202900003": "Agus Salim"} and store.scalar("SELECT stale FROM population_sheet") == 0


def test_search_by_every_word_of_the_name_in_any_order_or_by_nik(store):
    apply(store, version(1, 0, [("3507010101800001", "Budi Santoso"), ("3507014101850002", "Sri Wahyuni"),
                                ("3507014101850003", "Sri Budi Lestari")]))
    assert [row["nik"] for row in residents.find(store.db, "santoso budi")[0]] == ["3507010101800001"]
    assert {row["nik"] for row in residents.find(store.db, "budi")[0]} == {"3507010101800001", "3507014101850003"}
    assert residents.find(store.db, "3507014101850002")[1] == 1 and residents.find(store.db, "  ")[1] == 0


def test_a_malformed_version_is_refused_and_changes_nothing(store):
    apply(store, version(1, 0, [("3507010101800001", "Budi Santoso")]))
    with pytest.raises((TypeError, ValueError)):
        apply(store, {**version(2, 1), "added": [["3507019999990009", "Baris"]]})
    assert held(store) == {"3507010101800001": "Budi Santoso"}
