"""A unit of work: one database transaction that services commit explicitly.

    with database.uow() as uow:
        enrollment.enroll(uow, ...)      # the service calls uow.commit() when its work is done

Leaving the block rolls back whatever was not committed, so an exception half-way through a
service changes nothing. Services get the current time from `uow.now()`, which tests can replace.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from schemas.local_time import zone_name


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UnitOfWork:
    """A session, a clock and explicit commit; rollback and close on exit.

    `immediate=True` takes SQLite's write lock when the transaction begins (BEGIN IMMEDIATE), so
    a service that reads then writes cannot fail half-way on a lock another writer took in between;
    on PostgreSQL services lock rows with SELECT ... FOR UPDATE instead.
    """

    def __init__(self, session_factory: Callable[[], Session], clock: Callable[[], dt.datetime] = utcnow,
                 immediate: bool = False):
        self._session_factory = session_factory
        self._clock = clock
        self._immediate = immediate
        self.session: Session | None = None

    def __enter__(self) -> "UnitOfWork":
        self.session = self._session_factory()
        if self._immediate:
            self.session.connection(execution_options={"sqlite_immediate": True})
        return self

    def __exit__(self, *exc_info) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def now(self) -> dt.datetime:
        """The current time, timezone-aware UTC."""
        return self._clock()

    def today_in(self, region_code: str | None) -> dt.date:
        """Today's date where `region_code` lies (its province's zone: WIB, WITA or WIT), by this unit's clock:
        the date a laptop there records. The UTC date is a day behind from midnight to 07:00 WIB (09:00 WIT)."""
        return self.now().astimezone(ZoneInfo(zone_name(region_code))).date()
