"""Scheduled sync: every few minutes while the hub answers, backing off while it does not.

An apscheduler job ticks every `scheduler_tick` seconds and syncs when the sync is due. The due
time is kept here, on the wall clock, so a laptop that slept through several ticks syncs once when
it wakes (`coalesce`, no misfire limit) and then keeps its rhythm. After a failure the next try
waits an exponentially growing, jittered delay capped at `backoff_cap`, so days of hub downtime
cost a few requests an hour, and a hundred laptops do not all knock at once when it returns. The
engine takes the laptop's sync lock: a tick that finds a sync running (CLI, UI) skips.
"""

import datetime as dt
import logging
import random
import time

from apscheduler.schedulers.background import BackgroundScheduler

from village_client.at_rest import DatabaseLocked
from village_client.sync.backoff import backoff_delay
from village_client.sync.engine import NotEnrolled, SyncEngine
from village_client.sync.lock import SyncBusy

LOG = logging.getLogger(__name__)
JOB_ID = "sws-village-sync"
FIRST_BACKOFF = 60.0  # seconds after the first failure; doubles with each further failure


class SyncScheduler:
    def __init__(self, data_dir, settings, engine=None, *, clock=time.time, rng=random.random):
        self.settings = settings
        self.engine = engine or SyncEngine(data_dir, settings)
        self.clock, self.rng = clock, rng
        self.failures = 0
        self.next_due = clock()
        self.last_outcome = None
        self.scheduler = BackgroundScheduler(timezone=dt.UTC)

    def start(self) -> None:
        self.scheduler.add_job(self.tick, "interval", seconds=self.settings["scheduler_tick"], id=JOB_ID,
                               next_run_time=dt.datetime.now(dt.UTC), misfire_grace_time=None, coalesce=True,
                               max_instances=1)
        self.scheduler.start()

    def shutdown(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def tick(self) -> str:
        """Sync if due; return what happened: waiting, synced, busy, not_enrolled, locked or the error code."""
        now = self.clock()
        if now < self.next_due:
            return "waiting"
        self.last_outcome = self._sync(now)
        return self.last_outcome

    def _sync(self, now: float) -> str:
        interval = float(self.settings["sync_interval"])
        try:
            self.engine.sync()
        except SyncBusy:
            self.next_due = now + float(self.settings["scheduler_tick"])
            return "busy"
        except NotEnrolled:
            self.next_due = now + interval
            return "not_enrolled"
        except DatabaseLocked:  # a protected laptop before any officer logged in to the UI: soon, again
            self.next_due = now + float(self.settings["scheduler_tick"])
            return "locked"
        except Exception as error:  # noqa: BLE001 - every failure waits and is retried; the reason is stored
            self.failures += 1
            self.next_due = now + backoff_delay(self.failures - 1, FIRST_BACKOFF, self.settings["backoff_cap"],
                                                self.rng)
            LOG.warning("scheduled sync failed (%s); next try in %.0f s", error, self.next_due - now)
            return getattr(error, "code", "error")
        self.failures = 0
        self.next_due = now + interval * (0.9 + 0.2 * self.rng())
        return "synced"
