"""The programme catalogue, matching runs, the eligibility cross-table and the versioned beneficiary lists.

- `Programme`: one catalogue entry (its `record` is the `schemas` programme record; `matching` the
  hub's matching settings: unit, priority order, reason codes, contribution).
- `MatchingRun`: one evaluation of the whole catalogue over the district.
- `MatchFact`: the facts rules read, one row per person, rebuilt at the start of each run so every
  programme of a run sees the same population.
- `Eligibility`: the cross-table programme x person: the rule result with its reason bits, and the
  community correction beside it (never instead of it).
- `Selection`: each programme's list after corrections, priority order and quota, for the latest run.
- `ListVersion` and `ListEntry`: the published list of one programme in one village, versioned.
  An entry lives from the version that added it until the version that removed it, so any version
  and any delta between versions can be read back.
- A list entry's `status`, one of LIST_STATUSES: "listed"; "awaiting" (listed while the village's
  registration awaits verification, for programmes whose catalogue entry allows it); "proposed"
  (eligible and awaiting verification, for a programme that lists only verified people: shown to
  the village as a proposal, outside the quota).
- `ListCount` and `CoverageCount`: what the latest published lists hold, counted per village when the
  matching run publishes them (`services/coverage_counts.py`), so that reports and the dashboard sum a
  few hundred rows instead of reading every entry and person.
- `ListCorrection` and `Application`: village records (community corrections, applications) as the
  hub reads them.
"""

import datetime as dt

from sqlalchemy import JSON, BigInteger, Boolean, Date, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

BIG_ID = BigInteger().with_variant(Integer, "sqlite")
CODE = String(32)
NIK = String(16)
REGION = String(13)
LIST_STATUSES = ("listed", "awaiting", "proposed")


class Programme(Base):
    __tablename__ = "programmes"

    code: Mapped[str] = mapped_column(CODE, primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    guarantee: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    record: Mapped[dict] = mapped_column(JSON)  # the programme as `schemas` defines it
    matching: Mapped[dict] = mapped_column(JSON)  # unit, priority, reasons, contribution
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_by: Mapped[str] = mapped_column(String(80))


class MatchingRun(Base):
    __tablename__ = "matching_runs"

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    list_date: Mapped[dt.date] = mapped_column(Date)  # ages are counted on this day
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | done | failed
    actor: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class MatchFact(Base):
    __tablename__ = "match_facts"

    # On SQLite the person's id is the row's own key (INTEGER PRIMARY KEY): a look-up reads one B-tree, not two.
    person_id: Mapped[int] = mapped_column(BIG_ID, primary_key=True, autoincrement=False)
    household_id: Mapped[int | None] = mapped_column(BigInteger)
    representative_id: Mapped[int] = mapped_column(BigInteger)  # who stands for the household on a list
    village_code: Mapped[str | None] = mapped_column(REGION)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    marital_status: Mapped[str | None] = mapped_column(String(16))
    relationship: Mapped[str | None] = mapped_column(String(16))
    occupation: Mapped[str | None] = mapped_column(String(32))
    education: Mapped[str | None] = mapped_column(String(32))
    disability: Mapped[str | None] = mapped_column(String(16))
    disability_severe: Mapped[bool | None] = mapped_column(Boolean)
    monthly_income: Mapped[int | None] = mapped_column(BigInteger)
    pregnant: Mapped[bool | None] = mapped_column(Boolean)
    migration: Mapped[str | None] = mapped_column(String(8))
    nik_status: Mapped[str | None] = mapped_column(String(16))
    welfare_decile: Mapped[int | None] = mapped_column(Integer)
    household_size: Mapped[int | None] = mapped_column(Integer)
    household_income_per_capita: Mapped[int | None] = mapped_column(BigInteger)
    children_under_5: Mapped[int | None] = mapped_column(Integer)
    children_of_school_age: Mapped[int | None] = mapped_column(Integer)
    awaiting: Mapped[bool] = mapped_column(Boolean, default=False)  # registered by a village, awaiting verification
    # of a household a migrant worker left behind (services/migrant_families.py)
    migrant_family: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Eligibility(Base):
    __tablename__ = "eligibility"
    # Rows clustered by (programme, person) on SQLite: a run writes each programme's rows in person order,
    # into one B-tree instead of a table and its primary key's index.
    __table_args__ = {"sqlite_with_rowid": False}

    programme_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    person_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    rule_met: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[int] = mapped_column(BigInteger, default=0)  # bit i: the rule's part i held
    correction: Mapped[str | None] = mapped_column(String(8))  # include | exclude (musyawarah desa)
    run_id: Mapped[int] = mapped_column(BigInteger)


class Selection(Base):
    __tablename__ = "selections"
    __table_args__ = (Index("ix_selections_household", "programme_code", "household_id"),
                      Index("ix_selections_village", "programme_code", "village_code"))

    programme_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    person_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    household_id: Mapped[int | None] = mapped_column(BigInteger)
    village_code: Mapped[str | None] = mapped_column(REGION)
    reasons: Mapped[int] = mapped_column(BigInteger, default=0)
    rank: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12), default="listed", server_default="listed")  # see LIST_STATUSES


class ListVersion(Base):
    __tablename__ = "list_versions"
    __table_args__ = (UniqueConstraint("programme_code", "village_code", "version"),
                      Index("ix_list_versions_run", "run_id", "programme_code", "village_code"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)  # the feed entry's ref
    programme_code: Mapped[str] = mapped_column(CODE)
    village_code: Mapped[str] = mapped_column(REGION)
    version: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    size: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean)  # published whole, replacing what devices held
    chain: Mapped[int] = mapped_column(Integer)  # entries a new device pulls to reach this version


class ListEntry(Base):
    __tablename__ = "list_entries"
    __table_args__ = (Index("ix_list_entries_open", "programme_code", "village_code", "removed_in"),
                      Index("ix_list_entries_person", "programme_code", "person_id", "village_code", "removed_in"),
                      Index("ix_list_entries_added_in", "added_in"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    programme_code: Mapped[str] = mapped_column(CODE)
    village_code: Mapped[str] = mapped_column(REGION)
    person_id: Mapped[int] = mapped_column(BigInteger)
    reasons: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12), default="listed", server_default="listed")  # see LIST_STATUSES
    added_in: Mapped[int] = mapped_column(BigInteger)  # a ListVersion id
    removed_in: Mapped[int | None] = mapped_column(BigInteger)


class ListCount(Base):
    """Open entries of one programme's list in one village with one status, as the latest publication left them."""

    __tablename__ = "list_counts"

    programme_code: Mapped[str] = mapped_column(CODE, primary_key=True)
    village_code: Mapped[str] = mapped_column(REGION, primary_key=True)
    status: Mapped[str] = mapped_column(String(12), primary_key=True)
    entries: Mapped[int] = mapped_column(Integer)


class CoverageCount(Base):
    """Residents of a village in one guarantee's target group whom its lists cover, on the list date."""

    __tablename__ = "coverage_counts"

    village_code: Mapped[str] = mapped_column(REGION, primary_key=True)
    guarantee: Mapped[str] = mapped_column(String(16), primary_key=True)
    people: Mapped[int] = mapped_column(Integer)


class ListCorrection(Base):
    """A community (musyawarah desa) decision to include or exclude someone, from a village record."""

    __tablename__ = "list_corrections"
    __table_args__ = (Index("ix_list_corrections_person", "person_id", "programme_code"),)

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_code: Mapped[str | None] = mapped_column(CODE)
    person_id: Mapped[int | None] = mapped_column(BigInteger)  # the synchronized person it names
    nik: Mapped[str | None] = mapped_column(NIK)
    village_code: Mapped[str | None] = mapped_column(REGION)
    decision: Mapped[str | None] = mapped_column(String(8))  # include | exclude
    reason: Mapped[str | None] = mapped_column(Text)
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    problem: Mapped[str | None] = mapped_column(String(64))  # why it cannot count yet; None when it counts
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (Index("ix_applications_person", "person_id", "programme_code"),
                      Index("ix_applications_village", "village_code", "programme_code"))

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    programme_code: Mapped[str | None] = mapped_column(CODE)
    person_record_id: Mapped[str | None] = mapped_column(String(64))
    person_id: Mapped[int | None] = mapped_column(BigInteger)
    village_code: Mapped[str | None] = mapped_column(REGION)
    status: Mapped[str | None] = mapped_column(String(16))
    status_date: Mapped[dt.date | None] = mapped_column(Date)
    justification: Mapped[str | None] = mapped_column(Text)
    list_version: Mapped[int | None] = mapped_column(Integer)
    problem: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
