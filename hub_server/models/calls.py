"""The call centre's own tables: the call log and the directory of services and facilities.

Both are the hub's alone: they are not synced records and never reach a laptop. A call that records
a complaint makes a normal `complaint` record of the caller's village (which does travel), and the
call keeps that complaint's id and reference number.

- `Call`: one telephone call, as the officer who took it logged it: when, the caller (a person of the
  population, or a caller as told: name, NIK when given, village, phone), topic, programme, what was
  asked and answered, the outcome, and the complaint or the referral it led to. The caller's name,
  NIK and village are copied from the population when the caller is found there, so the log reads
  the same after a later import renumbers people.
- `DirectoryService`: one service or facility people are referred to (a health centre, a hospital, a
  BPJS office, a training centre, an elderly home, the women and children protection unit), loaded
  from a data file (`sws-hub directory load`). An entry a newer file no longer holds is kept inactive,
  so the referrals that named it still read.
"""

import datetime as dt

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

BIG_ID = BigInteger().with_variant(Integer, "sqlite")
REGION = String(13)


class DirectoryService(Base):
    __tablename__ = "directory_services"
    __table_args__ = (Index("ix_directory_services_kind", "kind", "name"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # the data file's key, stable across loads
    name: Mapped[str] = mapped_column(String(150))
    kind: Mapped[str] = mapped_column(String(32))  # schemas.choices "service_kind"
    address: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(REGION)  # its village, or its sub-district when it serves one
    phone: Mapped[str | None] = mapped_column(String(20))
    opening_hours: Mapped[str | None] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (Index("ix_calls_at", "at"), Index("ix_calls_village", "village_code", "at"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    officer: Mapped[str] = mapped_column(String(80))  # who took the call, as the audit log names them
    person_id: Mapped[int | None] = mapped_column(BIG_ID)  # the caller in the population, when found there
    caller_name: Mapped[str | None] = mapped_column(String(100))
    caller_nik: Mapped[str | None] = mapped_column(String(16))
    village_code: Mapped[str | None] = mapped_column(REGION)
    caller_phone: Mapped[str | None] = mapped_column(String(20))
    topic: Mapped[str] = mapped_column(String(32))  # schemas.choices "call_topic"
    programme_code: Mapped[str | None] = mapped_column(String(32))
    summary: Mapped[str] = mapped_column(Text)  # what the caller asked or complained of
    answer: Mapped[str | None] = mapped_column(Text)  # what the officer told them
    outcome: Mapped[str] = mapped_column(String(32))  # schemas.choices "call_outcome"
    complaint_id: Mapped[str | None] = mapped_column(String(64))
    complaint_reference: Mapped[str | None] = mapped_column(String(64))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("directory_services.id"))
