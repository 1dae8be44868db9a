"""Memberships, the payments the district's payment files report, and what their imports found.

- `Membership`: an approved application made a programme membership: its membership or card number
  (unique within the programme), start and end, the BPJS Kesehatan class (1-3, for the health
  programmes), who pays the contribution (`PAYERS`) and the monthly contribution the catalogue said
  at enrolment.
- `Payment`: one row of a payment file, a contribution paid (`kind` "contribution") or a benefit
  disbursed ("benefit"), for one month (`period`, its first day). Its natural key is the payer's or
  bank's reference: a file imported twice never doubles a payment. `membership_id` is None when the
  row names no membership the hub holds (a finding says why).
- `PaymentTotal`: the payments of each month summed per kind, payer, programme and the membership's
  village, kept by the import as it stores them: the finance report's use of funds reads a year of
  them without reading the year's millions of payments.
- `PaymentImport`: one import of a payment file, its counts and findings per kind.
- `PaymentFinding`: what an import found about a row: a row left out (`bad_row`, with its field, rule
  and value as typed) or a row loaded with something to check (`FINDINGS`).

A payment's index by membership, kind and period holds its amount too, so the reconciliation sums a
member's payments from the index alone.
"""

import datetime as dt

from sqlalchemy import JSON, BigInteger, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime
from hub_server.models.programmes import BIG_ID, CODE, NIK, REGION

PAYERS = ("self", "state", "district", "province")
PAYMENT_KINDS = ("contribution", "benefit")
FINDINGS = ("bad_row", "nik_unknown", "membership_unknown", "nik_mismatch", "duplicate_payment", "amount_differs")


def month_number(day: dt.date) -> int:
    """A month as one number (year * 12 + month - 1): months between two are a subtraction, in SQL too."""
    return day.year * 12 + day.month - 1


def _start_month(context) -> int:
    return month_number(context.get_current_parameters()["start_date"])


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("programme_code", "number"),
                      Index("ix_memberships_person", "person_id", "programme_code"),
                      Index("ix_memberships_nik", "nik"),
                      # the reports' enrolment figures: a scan of this index, a range of it for one village
                      Index("ix_memberships_village", "village_code", "programme_code", "start_date", "end_date"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    application_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(BigInteger)
    nik: Mapped[str] = mapped_column(NIK)
    programme_code: Mapped[str] = mapped_column(CODE)
    village_code: Mapped[str | None] = mapped_column(REGION)
    number: Mapped[str] = mapped_column(String(32))
    health_class: Mapped[int | None] = mapped_column(Integer)
    payer: Mapped[str] = mapped_column(String(16))
    monthly_contribution: Mapped[int] = mapped_column(BigInteger, default=0)
    start_date: Mapped[dt.date] = mapped_column(Date)
    # The start's month_number, kept with it so that the database computes arrears (services/reconciliation.py).
    start_month: Mapped[int] = mapped_column(Integer, default=_start_month)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(80))


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("kind", "reference"),
                      Index("ix_payments_member_paid", "membership_id", "kind", "period", "amount"),
                      Index("ix_payments_period", "kind", "period"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(64))
    batch_id: Mapped[int] = mapped_column(BigInteger)
    line: Mapped[int] = mapped_column(Integer)
    membership_id: Mapped[int | None] = mapped_column(BigInteger)
    nik: Mapped[str] = mapped_column(NIK)
    membership_number: Mapped[str] = mapped_column(String(32))
    programme_code: Mapped[str] = mapped_column(CODE)
    period: Mapped[dt.date] = mapped_column(Date)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    payer: Mapped[str | None] = mapped_column(String(16))


class PaymentTotal(Base):
    """What the payments of a month that matched a membership add up to, per kind, payer, programme and the
    membership's village (a payer or village not given is ''). Payments are only ever inserted, by the
    import, which adds them here in the same transaction (`payment_rows.add_totals`)."""

    __tablename__ = "payment_totals"

    period: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    payer: Mapped[str] = mapped_column(String(16), primary_key=True)
    programme_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    village_code: Mapped[str] = mapped_column(REGION, primary_key=True)
    payments: Mapped[int] = mapped_column(BigInteger)
    amount: Mapped[int] = mapped_column(BigInteger)


class PaymentImport(Base):
    __tablename__ = "payment_imports"

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # contribution | benefit
    file_name: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | done | failed
    actor: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_loaded: Mapped[int] = mapped_column(Integer, default=0)
    rows_failed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)  # references held already: never loaded twice
    summary: Mapped[dict] = mapped_column(JSON, default=dict)  # findings per kind


class PaymentFinding(Base):
    __tablename__ = "payment_findings"
    __table_args__ = (Index("ix_payment_findings_batch", "batch_id", "line"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    batch_id: Mapped[int] = mapped_column(BigInteger)
    line: Mapped[int] = mapped_column(Integer)
    finding: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str | None] = mapped_column(String(64))
    nik: Mapped[str | None] = mapped_column(NIK)
    field: Mapped[str | None] = mapped_column(String(64))
    rule: Mapped[str | None] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
