"""The district's directory of services reaches every laptop in the feed (SQLite and PostgreSQL at the hub), and a
case worker's plan action or referral names a service the laptop's directory holds: an unknown or inactive code is
refused naming `service_code` and nothing is saved; a laptop that holds no directory yet takes any code."""

import json

import pytest
from sqlalchemy import delete

from hub_server.models.records import FeedEntry
from hub_server.services import directory as hub_directory
from tests.integration.test_hub_cases import hub, sync_as  # noqa: F401 (fixture)
from tests.integration.test_village_cases import DEWI, RETURNEE, data_dir, outbox_ops  # noqa: F401 (fixture)
from village_client import cases, directory, taskforce
from village_client.records import InvalidRecord
from village_client.store import open_store


def services_in(entries) -> dict:
    return {entry["id"]: entry["data"] for entry in entries if entry["kind"] == "service"}


def test_a_loaded_directory_reaches_every_laptop_and_a_service_dropped_later_arrives_inactive(hub, tmp_path):  # noqa: F811
    with hub["database"].uow() as uow:
        hub_directory.load_file(uow, actor="cli:test")
    _, entries, cursor = sync_as(hub, "other")  # a laptop of another village: the directory is the district's
    held = services_in(entries)
    assert len(held) == 19 and held["LTSA-MALANG"]["kind"] == "ltsa" and held["LTSA-MALANG"]["active"] is True
    shipped = json.loads(hub_directory.SHIPPED.read_text(encoding="utf-8"))
    shipped["services"] = [entry for entry in shipped["services"] if entry["code"] != "PKM-PUJON"]
    smaller = tmp_path / "directory.json"
    smaller.write_text(json.dumps(shipped), encoding="utf-8")
    with hub["database"].uow() as uow:
        hub_directory.load_file(uow, smaller, actor="cli:test")
    _, entries, _ = sync_as(hub, "other", cursor=cursor)
    assert services_in(entries) == {"PKM-PUJON": {**held["PKM-PUJON"], "active": False}}  # nothing else again


def test_an_upgraded_hub_puts_a_directory_loaded_before_into_the_feed_once(hub):  # noqa: F811
    with hub["database"].uow() as uow:
        hub_directory.load_file(uow, actor="cli:test")
        uow.session.execute(delete(FeedEntry).where(FeedEntry.kind == "service"))  # as loaded before the upgrade
        uow.commit()
    with hub["database"].uow() as uow:
        assert hub_directory.publish_missing(uow) == 19
    with hub["database"].uow() as uow:
        assert hub_directory.publish_missing(uow) == 0
    _, entries, _ = sync_as(hub, "first")
    assert len(services_in(entries)) == 19


@pytest.fixture
def with_directory(data_dir):  # noqa: F811
    shipped = json.loads(hub_directory.SHIPPED.read_text(encoding="utf-8"))["services"]
    with open_store(data_dir) as store:
        for entry in shipped:
            directory.keep(store.db, entry["code"], {**entry, "active": entry["code"] != "PKM-PUJON"})
    return data_dir


@pytest.mark.parametrize("code, rule", [("BLK-NOWHERE", "service_unknown"), ("PKM-PUJON", "service_inactive")])
def test_a_service_the_directory_does_not_hold_is_refused_and_nothing_is_saved(with_directory, code, rule):
    with open_store(with_directory) as store:
        case_id = cases.open_case(store, DEWI, RETURNEE)
        before = len(outbox_ops(with_directory))
        with pytest.raises(InvalidRecord) as refused:
            cases.add_case_event(store, DEWI, case_id, {"kind": "referral", "service_code": code})
        assert [(error.field, error.rule) for error in refused.value.errors] == [("service_code", rule)]
        assert code in refused.value.errors[0].message("en")
        assert len(outbox_ops(with_directory)) == before
        assert cases.add_case_event(store, DEWI, case_id, {"kind": "referral", "service_code": "BLK-KEPANJEN"})


def test_a_referral_to_an_unknown_ltsa_opens_no_case(with_directory):
    with open_store(with_directory) as store:
        with pytest.raises(InvalidRecord) as refused:
            taskforce.refer_to_ltsa(store, DEWI, {"subject_name": "Rina Marlina", "nik": "3507015505900003",
                                                  "village_code": RETURNEE["village_code"],
                                                  "service_code": "LTSA-SURABAYA", "text": "Ditawari kerja"})
        assert refused.value.errors[0].field == "service_code"
        assert store.db["case"].count == 0
        assert [row["code"] for row in directory.services(store.db, "ltsa")] == ["LTSA-MALANG"]


def test_a_laptop_without_a_directory_takes_any_code(data_dir):  # noqa: F811
    with open_store(data_dir) as store:
        case_id = cases.open_case(store, DEWI, RETURNEE)
        assert cases.add_case_event(store, DEWI, case_id, {"kind": "referral", "service_code": "BLK-NOWHERE"})
