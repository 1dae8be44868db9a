"""Scheduled sync: on rhythm while the hub answers, backing off while it does not, never two at once."""

import time

import pytest

from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client.sync.engine import SyncEngine
from village_client.sync.lock import SyncLock
from village_client.sync.scheduler import FIRST_BACKOFF, SyncScheduler


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def laptop(tmp_path, hub):
    data_dir = tmp_path / "laptop"
    enrolled_laptop(data_dir, hub)
    return data_dir


def scheduler_for(data_dir, clock, **settings):
    settings = fast_settings(retry_attempts=1, sync_interval=300, backoff_cap=3600, **settings)
    engine = SyncEngine(data_dir, settings, sleep=lambda seconds: None)
    return SyncScheduler(data_dir, settings, engine, clock=clock, rng=lambda: 1.0)


def test_ticks_sync_when_due_and_wait_in_between(laptop, hub):
    clock = Clock()
    scheduler = scheduler_for(laptop, clock)
    assert scheduler.tick() == "synced"
    clock.now += 60
    assert scheduler.tick() == "waiting"
    clock.now += 300
    assert scheduler.tick() == "synced"
    assert hub.requests == 3  # enrollment and two syncs


def test_while_the_hub_is_away_waits_double_up_to_the_cap_and_reset_when_it_returns(laptop, hub):
    clock = Clock()
    scheduler = scheduler_for(laptop, clock)
    hub.busy_replies = 1000
    waits = []
    for _ in range(8):
        assert scheduler.tick() == "unreachable"
        waits.append(scheduler.next_due - clock.now)
        clock.now = scheduler.next_due
    assert waits == [FIRST_BACKOFF * 2**n for n in range(6)] + [3600, 3600]
    hub.busy_replies = 0
    assert scheduler.tick() == "synced" and scheduler.failures == 0


def test_a_tick_skips_while_another_sync_holds_the_lock(laptop):
    scheduler = scheduler_for(laptop, Clock())
    with SyncLock(laptop):
        assert scheduler.tick() == "busy"


def test_the_background_job_runs_and_stops_cleanly(laptop, hub):
    settings = fast_settings(scheduler_tick=0.05, sync_interval=300)
    scheduler = SyncScheduler(laptop, settings)
    scheduler.start()
    try:
        job = scheduler.scheduler.get_job("sws-village-sync")
        assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (None, True, 1)
        deadline = time.monotonic() + 5
        while scheduler.last_outcome is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        scheduler.shutdown()
    assert scheduler.last_outcome == "synced"
