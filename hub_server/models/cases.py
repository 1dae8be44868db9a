"""The cases page's view of each case: its derived state, one row a case, for lists.

A case's state is derived from its record and events (`schemas.case_state.derive`); the cases page
pages, sorts and filters district-sized lists on the server, so the derived state is kept here and
refreshed after every sync batch that brought a case or an event (`services/cases.refresh`). It is a
cache: rebuilt from the records at any time, never edited. It holds no counselling note and no answer.
"""

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base


class CaseStateRow(Base):
    __tablename__ = "case_states"
    __table_args__ = (Index("ix_case_states_list", "status", "opened_on"),
                      Index("ix_case_states_village", "village_code"))

    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    village_code: Mapped[str] = mapped_column(String(13))
    case_kind: Mapped[str] = mapped_column(String(24))
    subject_name: Mapped[str] = mapped_column(String(100))
    nik: Mapped[str | None] = mapped_column(String(16))
    kk_number: Mapped[str | None] = mapped_column(String(16))
    officer: Mapped[str] = mapped_column(String(64))  # the case worker in charge (user name)
    crisis: Mapped[bool] = mapped_column(Boolean)
    opened_on: Mapped[str] = mapped_column(String(10))  # ISO dates as the records hold them
    status: Mapped[str] = mapped_column(String(16))
    first_action_on: Mapped[str | None] = mapped_column(String(10))
    closed_on: Mapped[str | None] = mapped_column(String(10))
    closure_reason: Mapped[str | None] = mapped_column(String(24))
    actions: Mapped[int] = mapped_column(Integer)
    sessions: Mapped[int] = mapped_column(Integer)
    referrals: Mapped[int] = mapped_column(Integer)
    referrals_answered: Mapped[int] = mapped_column(Integer)
    migrant_stage: Mapped[str | None] = mapped_column(String(16))
    destination_country: Mapped[str | None] = mapped_column(String(8))
    flagged: Mapped[int] = mapped_column(Integer)  # events that did not apply, for a person to look at
    step: Mapped[int] = mapped_column(Integer)
