"""Sync over real HTTP with the stand-in hub on 127.0.0.1: push, acknowledge, pull, resume, refuse."""

import shutil
import subprocess
import sys

import pytest

from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client import outbox, records
from village_client.device import status
from village_client.store import open_store
from village_client.sync.engine import SyncEngine
from village_client.sync.lock import SyncBusy, SyncLock
from village_client.sync.transport import HubError, HubUnreachable

HOUSEHOLD = {"kk_number": "3507010101010001", "village_code": "35.07.01.2001", "address_rt": "1",
             "address_rw": "2", "address": "Jl. Mawar 3"}
MEMBERS = [{"name": "Budi Santoso", "birth_date": "1980-01-02", "sex": "M", "nik": "3507010201800001",
            "relationship": "head"},
           {"name": "Ani Lestari", "birth_date": "1982-03-04", "sex": "F", "relationship": "spouse",
            "nik_status": "unregistered"}]


@pytest.fixture
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def laptop(tmp_path, hub):
    data_dir = tmp_path / "laptop"
    officer = enrolled_laptop(data_dir, hub)
    return data_dir, officer


def register(data_dir, officer, count=1):
    with open_store(data_dir) as store:
        return [records.register_household(store, officer, HOUSEHOLD, MEMBERS) for _ in range(count)]


def engine(data_dir, sleeps=None, **settings):
    return SyncEngine(data_dir, fast_settings(**settings), sleep=(sleeps.append if sleeps is not None else None)
                      or (lambda seconds: None))


def test_a_sync_pushes_the_outbox_and_marks_it_acknowledged(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer, 2)
    summary = engine(data_dir).sync()
    assert (summary.sent, summary.acknowledged, summary.refused) == (2, 2, 0)
    assert [changeset.seq for changeset in hub.received] == [1, 2]
    assert hub.received[0].officer == "siti"
    with open_store(data_dir) as store:
        state = status(store)
        assert state["pending"] == 0 and state["last_success_at"] and state["last_error"] is None
        assert store.scalar("SELECT count(*) FROM pending_edit") == 0


def test_a_sync_with_nothing_to_do_is_one_small_request(laptop, hub):
    data_dir, _ = laptop
    before = hub.requests
    summary = engine(data_dir).sync()
    assert (hub.requests - before, summary.sent, summary.rounds) == (1, 0, 1)


def test_a_reply_cut_mid_body_is_resumed_without_applying_twice(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer, 3)
    hub.cut_replies = 1
    sleeps = []
    summary = engine(data_dir, sleeps).sync()
    assert len(sleeps) == 1, "one retry after the cut"
    assert [changeset.seq for changeset in hub.received] == [1, 2, 3], "the hub took each change-set once"
    assert summary.acknowledged == 3
    with open_store(data_dir) as store:
        assert outbox.pending_count(store.db) == 0
        assert {row["outcome"] for row in store.db["outbox"].rows} == {"duplicate"}


def test_a_hub_slower_than_the_read_timeout_is_tried_again(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer)
    hub.slow_replies, hub.slow_seconds = 1, 1.0
    assert engine(data_dir, read_timeout=0.3).sync().acknowledged == 1


def test_a_busy_hub_is_retried_with_growing_waits(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer)
    hub.busy_replies = 3
    sleeps = []
    engine(data_dir, sleeps, retry_attempts=4, retry_base=1.0, retry_cap=100.0).sync()
    assert len(sleeps) == 3 and all(0.5 <= wait <= 4.0 for wait in sleeps)


def test_an_unreachable_hub_is_reported_and_the_outbox_kept(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer, 2)
    hub.busy_replies = 100
    with pytest.raises(HubUnreachable):
        engine(data_dir, retry_attempts=3).sync()
    with open_store(data_dir) as store:
        state = status(store)
        assert (state["pending"], state["last_error_code"], state["last_success_at"]) == (2, "unreachable", None)


def test_a_large_outbox_goes_up_in_several_requests(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer, 7)
    before = hub.requests
    summary = engine(data_dir, batch_size=3).sync()
    assert [changeset.seq for changeset in hub.received] == list(range(1, 8))
    assert (summary.sent, summary.acknowledged, hub.requests - before) == (7, 7, 3)


def test_feed_pages_are_pulled_until_the_hub_has_no_more(laptop, hub):
    data_dir, _ = laptop
    hub.page_size = 2
    for number in range(5):
        hub.publish("record", f"hub-{number}", {"name": f"Warga {chr(65 + number)}", "village_code": "35.07.01.2001"},
                    table="person")
    hub.publish("record", "elsewhere-1", {"name": "Other village"}, table="person", region="35.07.02.2001")
    hub.publish("programme", "PKH", {"name": "Program Keluarga Harapan", "guarantee": "children"}, region=None)
    summary = engine(data_dir).sync()
    assert (summary.received, summary.rounds) == (6, 3)
    with open_store(data_dir) as store:
        assert store.scalar("SELECT count(*) FROM person") == 5
        assert store.scalar("SELECT name FROM programme WHERE code = 'PKH'") == "Program Keluarga Harapan"
        assert store.device()["feed_cursor"]


def test_a_refused_change_set_is_kept_with_its_reason_and_later_work_continues(laptop, hub):
    data_dir, officer = laptop
    [(household_id, _)] = register(data_dir, officer)
    hub.refuse_ops_of = {household_id}
    register(data_dir, officer)
    summary = engine(data_dir).sync()
    assert (summary.refused, summary.acknowledged) == (1, 2)
    with open_store(data_dir) as store:
        refusal = next(store.db["refusal"].rows)
        assert (refusal["seq"], refusal["code"]) == (1, "out_of_scope") and household_id in refusal["reason"]
        assert store.db["outbox"].get(1)["outcome"] == "refused"


def test_a_sequence_gap_makes_the_laptop_resend_from_what_the_hub_expects(laptop, hub):
    data_dir, officer = laptop
    register(data_dir, officer, 2)
    engine(data_dir).sync()
    device = next(iter(hub.devices.values()))
    from sync_protocol.chain import ChainHead
    from sync_protocol.changeset import GENESIS_HASH

    device["head"], device["hashes"] = ChainHead(0, GENESIS_HASH), {}  # the hub was restored from an old backup
    register(data_dir, officer)
    summary = engine(data_dir).sync()
    assert [changeset.seq for changeset in hub.received] == [1, 2, 1, 2, 3]
    assert summary.acknowledged == 3


def test_a_laptop_restored_from_a_backup_is_told_its_history_forked(laptop, hub, tmp_path):
    data_dir, officer = laptop
    register(data_dir, officer)
    engine(data_dir).sync()
    backup = tmp_path / "backup"
    shutil.copytree(data_dir, backup)
    register(data_dir, officer)
    engine(data_dir).sync()
    with open_store(backup) as store:  # seq 2 again, with other content
        records.register_household(store, officer, {**HOUSEHOLD, "address": "Jl. Melati 1"}, MEMBERS)
    with pytest.raises(HubError) as raised:
        engine(backup).sync()
    assert raised.value.code == "fork"
    with open_store(backup) as store:
        assert (outbox.pending_count(store.db), store.device()["last_error_code"]) == (1, "fork")


def test_two_syncs_never_run_at_once_even_from_two_processes(laptop):
    data_dir, _ = laptop
    with SyncLock(data_dir), pytest.raises(SyncBusy):
        engine(data_dir).sync()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from village_client.sync.lock import SyncLock\n"
        f"lock = SyncLock({str(data_dir)!r}); lock.acquire(); print('held', flush=True); time.sleep(30)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(SyncBusy):
            engine(data_dir).sync()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    engine(data_dir).sync()  # the kernel released the dead holder's lock
