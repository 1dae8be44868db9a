"""Background jobs started from the admin UI: an import of a source extract, or a matching run.

A job row says what was asked (`kind`, `parameters`), who asked and when, how far it got (`step`,
`done` of `total`) and how it ended (`result`: the import's or the run's summary; `error`). While a
job is queued or running its `slot` holds the name of what it occupies (`population`); the unique
constraint on `slot` is what lets only one such job exist at a time, across every hub process on the
database. `owner` names the hub process running it (host, data folder, lock file), so that a hub
starting again can tell a job whose process died.
"""

import datetime as dt

from sqlalchemy import JSON, BigInteger, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

BIG_ID = BigInteger().with_variant(Integer, "sqlite")


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (UniqueConstraint("slot"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # import | match
    parameters: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued | running | done | failed
    step: Mapped[str | None] = mapped_column(String(32))
    done: Mapped[int] = mapped_column(BigInteger, default=0)
    total: Mapped[int | None] = mapped_column(BigInteger)
    started_by: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    result: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(255), default="")
    slot: Mapped[str | None] = mapped_column(String(16))
