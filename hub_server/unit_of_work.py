"""A unit of work: one database transaction that services commit explicitly.

    with database.uow() as uow:
        enrollment.enroll(uow, ...)      # the service calls uow.commit() when its work is done

Leaving the block rolls back whatever was not committed, so an exception half-way through a
service changes nothing. Services get the current time from `uow.now()`, which tests can replace.
"""

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session


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
