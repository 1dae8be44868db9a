"""The claims page's view of each claim: its derived state, one row a claim, for lists and reports.

A claim is a `claim` record and its `claim_event` records (the hub's: passed to the agency, paid,
refused, notes); its status is derived by `schemas.claim_state.derive`. The claims page pages, sorts
and filters district-sized lists on the server, and the monthly figures count from it, so the state is
kept here and refreshed whenever a sync batch brings a claim or the hub appends an event
(`services/claims.refresh`). A cache: rebuilt from the records at any time, never edited.
"""

from sqlalchemy import BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base


class ClaimStateRow(Base):
    __tablename__ = "claim_states"
    __table_args__ = (Index("ix_claim_states_list", "programme_code", "status", "recorded_on"),
                      Index("ix_claim_states_village", "village_code"))

    claim_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(13))
    nik: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(100))
    programme_code: Mapped[str] = mapped_column(String(32))
    card_number: Mapped[str] = mapped_column(String(32))
    claim_kind: Mapped[str] = mapped_column(String(24))
    happened_on: Mapped[str] = mapped_column(String(10))  # ISO dates as the records hold them
    recorded_on: Mapped[str] = mapped_column(String(10))
    amount_claimed: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(24))
    passed_on: Mapped[str | None] = mapped_column(String(10))
    paid_on: Mapped[str | None] = mapped_column(String(10))
    amount_paid: Mapped[int | None] = mapped_column(BigInteger)
    refused_on: Mapped[str | None] = mapped_column(String(10))
    refusal_reason: Mapped[str | None] = mapped_column(String(32))
    missing: Mapped[int] = mapped_column(Integer)  # required documents not brought
    flagged: Mapped[int] = mapped_column(Integer)  # events that did not apply, for a person to look at
    step: Mapped[int] = mapped_column(Integer)
