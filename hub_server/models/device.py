"""An enrolled laptop: its public key, its scope and where its chain of change-sets stands."""

import datetime as dt

from sqlalchemy import JSON, BigInteger, CheckConstraint, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime
from sync_protocol.changeset import GENESIS_HASH

DEVICE_ROLES = ("village", "sub_district")
GENESIS_HEAD = GENESIS_HASH.hex()  # head_hash before the first change-set


class Device(Base):
    __tablename__ = "devices"
    __table_args__ = (CheckConstraint("role IN ('village', 'sub_district')", name="role"),)

    # sync_protocol.signing.device_id_for(public_key): the laptop names itself before enrolling.
    device_id: Mapped[str] = mapped_column(String(10), primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    scope: Mapped[list] = mapped_column(JSON)  # Kemendagri codes: villages and/or sub-districts
    role: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(200))
    enrolled_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reenrolled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    revoke_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by: Mapped[str | None] = mapped_column(String(80))
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The device's last accepted change-set: its sequence number (0 before the first) and hash.
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(64), default=GENESIS_HEAD)
    accepted_count: Mapped[int] = mapped_column(Integer, default=0)  # change-sets applied
    refused_count: Mapped[int] = mapped_column(Integer, default=0)  # change-sets refused, with a reason
    pending_count: Mapped[int] = mapped_column(Integer, default=0)  # changes waiting for a person (conflicts)
    # The highest version 2 request counter seen: a request at or below it is a replay (docs/protocol.md §11).
    # 64 bits: the wire allows counters of up to 18 digits (sync_protocol.binding._whole_number).
    request_counter: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    # The protocol version the device's last request was answered in (0: not since revision 0024).
    protocol: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def protocol_version(self) -> int:
        """The version the laptop was last answered in (docs/protocol.md §10); for a laptop not heard from
        since that was kept, 2 if it has made a version 2 request, else 1."""
        return self.protocol or (2 if self.request_counter > 0 else 1)
