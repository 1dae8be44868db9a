"""The audit log: append-only (the database refuses UPDATE and DELETE on it)."""

import datetime as dt

from sqlalchemy import JSON, BigInteger, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

# SQLite gives an INTEGER PRIMARY KEY its rowid; PostgreSQL gets a 64-bit key for a province's years.
AUDIT_ID = BigInteger().with_variant(Integer, "sqlite")


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_actor", "actor", "id"),
        Index("ix_audit_log_subject", "subject", "id"),
        Index("ix_audit_log_action", "action", "id"),
    )

    id: Mapped[int] = mapped_column(AUDIT_ID, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(80))  # "user:siti", "device:abcd234567", "cli:root"
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
