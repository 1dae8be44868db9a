"""The complaints desk's view of each complaint: its derived state, one row a complaint, for queues.

A complaint's state is derived from its form and events (`schemas.complaint_state.derive`); the desk
pages, sorts and filters district-sized queues on the server, so the derived state is kept here and
refreshed after every sync batch that brought a complaint or an event, and after every desk action
(`services/complaint_desk.refresh`). It is a cache: rebuilt from the records at any time, never edited.
"""

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base


class ComplaintStateRow(Base):
    __tablename__ = "complaint_states"
    __table_args__ = (Index("ix_complaint_states_queue", "level", "status", "level_date"),
                      Index("ix_complaint_states_village", "village_code"))

    complaint_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    reference_number: Mapped[str] = mapped_column(String(64))
    village_code: Mapped[str] = mapped_column(String(13))
    programme_code: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32))
    complainant: Mapped[str | None] = mapped_column(String(100))  # name as on the form; NULL when anonymous
    date_submitted: Mapped[str] = mapped_column(String(10))  # ISO dates as the records hold them
    level: Mapped[str] = mapped_column(String(16))
    level_date: Mapped[str | None] = mapped_column(String(10))  # when it reached its level: service standards
    status: Mapped[str] = mapped_column(String(16))
    officer_in_charge: Mapped[str | None] = mapped_column(String(100))
    answered: Mapped[bool] = mapped_column(Boolean)  # a response at the current level
    acknowledged: Mapped[bool] = mapped_column(Boolean)
    flagged: Mapped[int] = mapped_column(Integer)  # events that did not apply, for a person to act on
    step: Mapped[int] = mapped_column(Integer)
    # Settled (resolved or closed): the date it was settled and the days from submission, for statistics.
    resolved_date: Mapped[str | None] = mapped_column(String(10))
    settle_days: Mapped[int | None] = mapped_column(Integer)
