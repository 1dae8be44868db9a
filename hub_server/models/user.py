"""A person who logs in to the hub's admin UI."""

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

ROLES = ("district_admin", "sub_district_officer", "technical_unit", "protection_unit", "case_worker", "viewer")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('district_admin', 'sub_district_officer', 'technical_unit', 'protection_unit', "
                        "'case_worker', 'viewer')", name="role"),
        CheckConstraint("role <> 'sub_district_officer' OR sub_district_code IS NOT NULL", name="officer_area"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    # The sub-district (Kemendagri code, e.g. "35.07.01") a sub_district_officer is limited to.
    sub_district_code: Mapped[str | None] = mapped_column(String(8))
    # The programme codes (comma-separated, e.g. "PKH,BPJS-PBI") a technical_unit answers complaints of.
    programmes: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2), default="id")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(80))
    password_changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Sessions started before this are no longer accepted: set at logout (every browser of the user) and
    # with a new password, so a copied or stolen session cookie stops working at once.
    sessions_ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
