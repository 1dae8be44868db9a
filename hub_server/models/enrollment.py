"""A one-time enrollment token: the hub keeps only the SHA-256 of its secret."""

import datetime as dt

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime


class EnrollmentToken(Base):
    __tablename__ = "enrollment_tokens"
    __table_args__ = (CheckConstraint("role IN ('village', 'sub_district')", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)  # hex SHA-256 of the secret
    scope: Mapped[list] = mapped_column(JSON)
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(80))
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.device_id"))
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancelled_by: Mapped[str | None] = mapped_column(String(80))

    def state(self, now: dt.datetime) -> str:
        """One of used, cancelled, expired, open."""
        if self.used_at is not None:
            return "used"
        if self.cancelled_at is not None:
            return "cancelled"
        return "expired" if now >= self.expires_at else "open"
