"""The synchronized records and everything the sync path keeps about them.

- `Record`: one person, household, complaint, complaint event, application... with its current
  values (`data`), the values it was created with once it has been edited (`initial`), and its
  position in the change feed.
- `RecordEdit`: every field edit received, (before, after, who, and the edit its editor saw when the
  change-set says so): the merge replays these.
- `ReceivedChangeSet`: every change-set the hub received from a device, applied or refused with
  its reason; its hash answers duplicate and fork checks.
- `Conflict`: the admin's queue: both sides with their provenance and the last agreed value.
- `FeedEntry`: what devices pull, one row per thing (record, conflict, revocation...), moved to a
  new position each time it changes; `HubCounter` hands out those positions in commit order.
"""

import datetime as dt

from sqlalchemy import JSON, BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

BIG_ID = BigInteger().with_variant(Integer, "sqlite")


class Record(Base):
    __tablename__ = "records"
    __table_args__ = (Index("ix_records_village_code", "village_code"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32))
    village_code: Mapped[str | None] = mapped_column(String(13))
    data: Mapped[dict] = mapped_column(JSON)
    initial: Mapped[dict | None] = mapped_column(JSON)  # NULL while `data` is still the created values
    created_by: Mapped[str] = mapped_column(String(10))
    created_seq: Mapped[int] = mapped_column(Integer)


class RecordEdit(Base):
    __tablename__ = "record_edits"
    __table_args__ = (Index("ix_record_edits_record", "record_id", "field"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    before: Mapped[object] = mapped_column(JSON(none_as_null=False))
    after: Mapped[object] = mapped_column(JSON(none_as_null=False))
    device_id: Mapped[str] = mapped_column(String(10))  # "hub" for a person's resolution
    seq: Mapped[int] = mapped_column(BigInteger)
    op_index: Mapped[int] = mapped_column(Integer)
    officer: Mapped[str] = mapped_column(String(80))
    # The edit whose value the editor saw (an edit id, `sync_protocol.merge.edit_id`); NULL: not said.
    base: Mapped[str | None] = mapped_column(String(40))


class ReceivedChangeSet(Base):
    __tablename__ = "received_changesets"
    __table_args__ = (Index("ix_received_changesets_outcome", "outcome", "device_id"),)

    device_id: Mapped[str] = mapped_column(String(10), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))  # applied | refused
    code: Mapped[str | None] = mapped_column(String(32))
    reason: Mapped[str | None] = mapped_column(Text)
    officer: Mapped[str] = mapped_column(String(80))
    wall_time: Mapped[int] = mapped_column(BigInteger)  # the laptop's clock, for display only
    ops: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict | None] = mapped_column(JSON)  # kept for refused change-sets, for the admin to read
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    via: Mapped[str] = mapped_column(String(16))  # http | relay | bundle


class Conflict(Base):
    __tablename__ = "conflicts"
    __table_args__ = (Index("ix_conflicts_record", "record_id", "field", "status"),
                      Index("ix_conflicts_status", "status", "village_code"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # concurrent_edit | identity_mismatch | ...
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(64))
    field: Mapped[str] = mapped_column(String(64))
    village_code: Mapped[str | None] = mapped_column(String(13))
    base: Mapped[object] = mapped_column(JSON(none_as_null=False))  # the last agreed value
    sides: Mapped[list] = mapped_column(JSON)  # [{"value", "device_id", "seq", "officer", "op_index"}]
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | resolved
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    resolution: Mapped[object] = mapped_column(JSON(none_as_null=False), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text)


class FeedEntry(Base):
    __tablename__ = "feed_entries"
    __table_args__ = (Index("ix_feed_entries_pos", "pos"), Index("ix_feed_entries_village", "village_code", "pos"))

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # record | conflict | revocation | ...
    ref: Mapped[str] = mapped_column(String(64), primary_key=True)
    pos: Mapped[int] = mapped_column(BigInteger)
    village_code: Mapped[str | None] = mapped_column(String(13))  # NULL: every device gets it
    # The device whose change put the entry here and already holds exactly this state: not echoed back.
    origin_device: Mapped[str | None] = mapped_column(String(10))
    # The one device that may receive the entry (a sensitive complaint and its events: the device that
    # recorded it, `services/sensitive_cases.py`); NULL: every device of its region.
    only_device: Mapped[str | None] = mapped_column(String(10))


class HubCounter(Base):
    __tablename__ = "hub_counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
