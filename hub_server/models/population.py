"""The synchronized population: people keyed by NIK, households by a stable id, and what built them.

- `SourceEktp`, `SourceKk`, `SourceWelfare`: the latest extract of each source database as loaded,
  one row per NIK (per family card number for the welfare registry). Keeping each source's own
  values is what lets the hub show a disagreement instead of silently picking a winner.
- `SourceFinding`: what an extract says about itself (a NIK twice, a NIK on two family cards).
- `Person` and `Household`: the synchronized population the rest of the hub reads (matching, call
  centre, lists), rebuilt from the sources on every import and kept current by village registrations.
- `HouseholdKk`: every family card number a household has had; a new card continues the household.
- `ImportBatch` and `ImportRowError`: one import of one file, and the rows it could not load.
- `Inconsistency`: a disagreement between sources, for the sub-district to check.
- `RegionCrosswalk`: BPS statistical village codes -> Kemendagri codes, for extracts coded by BPS.
- `ResidentRegistration`: which village record registers which NIK (one resident record per NIK).

A person the sources do not hold joins `Person` from the village record that registered them
(`verification` "awaiting", with the village, device, officer and time it arrived): an unknown NIK
is a verification task, not a conflict. An officer confirms them from the documents seen or
refuses them with a justification; an extract that later holds the NIK verifies them by itself
(`verification` "source"). A newborn without a NIK joins the same way with no NIK, known by the village
record that registered them, and is merged with the person the NIK names when it arrives (from the
village or from an extract). See docs/matching.md, "Residents registered by a village".
"""

import datetime as dt

from sqlalchemy import JSON, BigInteger, Boolean, Date, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from hub_server.models.base import Base, UTCDateTime

BIG_ID = BigInteger().with_variant(Integer, "sqlite")
NIK = String(16)
REGION = String(13)


class ImportBatch(Base):
    __tablename__ = "import_batches"
    __table_args__ = (Index("ix_import_batches_source", "source", "status"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))  # ektp | kk | welfare | census | crosswalk
    file_name: Mapped[str] = mapped_column(String(255))
    codes: Mapped[str] = mapped_column(String(16), default="kemendagri")  # region codes of the file
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | done | failed
    actor: Mapped[str] = mapped_column(String(80))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_loaded: Mapped[int] = mapped_column(Integer, default=0)
    rows_failed: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    absent: Mapped[int] = mapped_column(Integer, default=0)  # held before, missing from this extract
    summary: Mapped[dict] = mapped_column(JSON, default=dict)


class ImportRowError(Base):
    __tablename__ = "import_row_errors"
    __table_args__ = (Index("ix_import_row_errors_batch", "batch_id", "line"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    batch_id: Mapped[int] = mapped_column(BigInteger)
    line: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text)
    params: Mapped[dict] = mapped_column(JSON, default=dict)


class SourceEktp(Base):
    """The civil registry's biodata (e-KTP), one row per NIK."""

    __tablename__ = "source_ektp"
    __table_args__ = {"sqlite_with_rowid": False}  # rows clustered by NIK: joins probe one B-tree, not two

    nik: Mapped[str] = mapped_column(NIK, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))  # the name as compared (see services/imports/rows.py)
    birth_place: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    address: Mapped[str | None] = mapped_column(String(200))
    address_rt: Mapped[str | None] = mapped_column(String(3))
    address_rw: Mapped[str | None] = mapped_column(String(3))
    village_code: Mapped[str] = mapped_column(REGION)
    marital_status: Mapped[str | None] = mapped_column(String(16))
    occupation: Mapped[str | None] = mapped_column(String(32))
    nik_mismatch: Mapped[str | None] = mapped_column(String(24))  # "sex", "birth_date" or both: the NIK says otherwise
    line: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int] = mapped_column(BigInteger)


class SourceKk(Base):
    """Family card membership, one row per NIK; birth date and sex are what the NIK itself says."""

    __tablename__ = "source_kk"
    __table_args__ = (Index("ix_source_kk_kk_number", "kk_number"), {"sqlite_with_rowid": False})

    nik: Mapped[str] = mapped_column(NIK, primary_key=True)
    kk_number: Mapped[str] = mapped_column(NIK)
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    relationship: Mapped[str | None] = mapped_column(String(16))
    head_nik: Mapped[str | None] = mapped_column(NIK)
    kk_issue_date: Mapped[dt.date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(200))
    address_rt: Mapped[str | None] = mapped_column(String(3))
    address_rw: Mapped[str | None] = mapped_column(String(3))
    village_code: Mapped[str] = mapped_column(REGION)
    nik_birth_date: Mapped[dt.date | None] = mapped_column(Date)
    nik_sex: Mapped[str | None] = mapped_column(String(1))
    line: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int] = mapped_column(BigInteger)


class SourceWelfare(Base):
    """The socio-economic registry (DTSEN) ranking, one row per family card."""

    __tablename__ = "source_welfare"
    __table_args__ = (Index("ix_source_welfare_head_nik", "head_nik"), {"sqlite_with_rowid": False})

    kk_number: Mapped[str] = mapped_column(NIK, primary_key=True)
    head_nik: Mapped[str] = mapped_column(NIK)
    head_name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    village_code: Mapped[str] = mapped_column(REGION)
    members: Mapped[int | None] = mapped_column(Integer)
    decile: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int] = mapped_column(BigInteger)


class SourceFinding(Base):
    """A problem an extract has by itself, replaced on each import of that source."""

    __tablename__ = "source_findings"
    __table_args__ = (Index("ix_source_findings_source", "source", "nik"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    nik: Mapped[str] = mapped_column(NIK)
    kind: Mapped[str] = mapped_column(String(32))  # duplicate | family_membership
    values: Mapped[list] = mapped_column(JSON)  # [{"line", "value"}] of every row involved
    batch_id: Mapped[int] = mapped_column(BigInteger)


class Household(Base):
    __tablename__ = "households"
    __table_args__ = (Index("ix_households_village_code", "village_code"),
                      Index("ix_households_registered_record", "registered_record"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)  # stable: outlives its family card numbers
    kk_number: Mapped[str | None] = mapped_column(NIK, unique=True)  # the current card (a village's may have none)
    head_nik: Mapped[str | None] = mapped_column(NIK)
    village_code: Mapped[str | None] = mapped_column(REGION)
    address: Mapped[str | None] = mapped_column(String(200))
    address_rt: Mapped[str | None] = mapped_column(String(3))
    address_rw: Mapped[str | None] = mapped_column(String(3))
    kk_issue_date: Mapped[dt.date | None] = mapped_column(Date)
    welfare_decile: Mapped[int | None] = mapped_column(Integer)
    decile_batch_id: Mapped[int | None] = mapped_column(BigInteger)  # None with a decile: the village gave it
    registered_record: Mapped[str | None] = mapped_column(String(64))  # the village household record that made it


class HouseholdKk(Base):
    """One family card number of a household; a household's history is all of its rows."""

    __tablename__ = "household_kk_numbers"
    __table_args__ = (Index("ix_household_kk_numbers_household", "household_id"), {"sqlite_with_rowid": False})

    kk_number: Mapped[str] = mapped_column(NIK, primary_key=True)
    household_id: Mapped[int] = mapped_column(BigInteger)
    issued: Mapped[dt.date | None] = mapped_column(Date)
    batch_id: Mapped[int | None] = mapped_column(BigInteger)  # the import that first saw it; None: a village


class Person(Base):
    __tablename__ = "people"
    # Few indexes on purpose: an import rewrites hundreds of thousands of rows, and each index is
    # rewritten with them. Name searches scan; village lists come from `selections`.
    __table_args__ = (Index("ix_people_household_id", "household_id"),
                      Index("ix_people_verification", "verification", "village_code"),
                      # a village record's status and its later edits find the resident it registered
                      Index("ix_people_registered_record", "registered_record"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)  # stable, never the NIK
    # NULL for a newborn (or someone not yet registered with Dukcapil) a village registered: known by the
    # village record that registered them (their provisional id) until the NIK arrives and they are merged.
    nik: Mapped[str | None] = mapped_column(NIK, unique=True)
    nik_status: Mapped[str] = mapped_column(String(16), default="recorded")
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    birth_place: Mapped[str | None] = mapped_column(String(100))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    sex: Mapped[str | None] = mapped_column(String(1))
    marital_status: Mapped[str | None] = mapped_column(String(16))
    relationship: Mapped[str | None] = mapped_column(String(16))
    household_id: Mapped[int | None] = mapped_column(BigInteger)
    village_code: Mapped[str | None] = mapped_column(REGION)
    address: Mapped[str | None] = mapped_column(String(200))
    address_rt: Mapped[str | None] = mapped_column(String(3))
    address_rw: Mapped[str | None] = mapped_column(String(3))
    occupation: Mapped[str | None] = mapped_column(String(32))
    education: Mapped[str | None] = mapped_column(String(32))
    disability: Mapped[str | None] = mapped_column(String(16))
    disability_severe: Mapped[bool | None] = mapped_column(Boolean)
    monthly_income: Mapped[int | None] = mapped_column(BigInteger)
    pregnant: Mapped[bool | None] = mapped_column(Boolean)
    migration: Mapped[str | None] = mapped_column(String(8))
    migration_date: Mapped[dt.date | None] = mapped_column(Date)
    moved_to: Mapped[str | None] = mapped_column(String(200))  # moved out of the district (migration "out"): archived
    phone: Mapped[str | None] = mapped_column(String(20))
    in_ektp: Mapped[bool] = mapped_column(Boolean, default=False)
    in_kk: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where occupation and the other socio-economic fields last came from: ektp | census | village.
    # A village's registration is the most current and is never overwritten by a source extract.
    socio_source: Mapped[str | None] = mapped_column(String(16))
    batch_id: Mapped[int | None] = mapped_column(BigInteger)  # the import that last changed the row
    # source (an extract holds the NIK) | awaiting (registered by a village, awaiting verification) |
    # confirmed (an officer saw the documents) | refused (an officer refused it, with a justification)
    verification: Mapped[str] = mapped_column(String(16), default="source", server_default="source")
    registered_record: Mapped[str | None] = mapped_column(String(64))  # the village record that registered them
    registered_village: Mapped[str | None] = mapped_column(REGION)
    registered_device: Mapped[str | None] = mapped_column(String(64))
    registered_officer: Mapped[str | None] = mapped_column(String(80))
    registered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verified_by: Mapped[str | None] = mapped_column(String(80))  # an officer, or "import:<batch id>"
    verified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    verification_documents: Mapped[list | None] = mapped_column(JSON)  # document codes seen (schemas.choices)
    verification_note: Mapped[str | None] = mapped_column(Text)  # the reason or the justification
    died_on: Mapped[dt.date | None] = mapped_column(Date)  # recorded by the village: no longer matched


class Inconsistency(Base):
    __tablename__ = "inconsistencies"
    __table_args__ = (Index("ix_inconsistencies_status", "status", "village_code"),
                      Index("ix_inconsistencies_nik", "nik", "kind"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    nik: Mapped[str] = mapped_column(NIK)
    # name_spelling | birth_date | sex | family_membership | missing_from_source | duplicate | moved_village
    kind: Mapped[str] = mapped_column(String(32))
    sources: Mapped[list] = mapped_column(JSON)  # [{"source", "value", "line"}], one per source (or row) involved
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | cleared (sources agree now) | resolved
    village_code: Mapped[str | None] = mapped_column(REGION)  # where the sub-district checks it
    first_batch_id: Mapped[int] = mapped_column(BigInteger)
    last_batch_id: Mapped[int] = mapped_column(BigInteger)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(80))
    note: Mapped[str | None] = mapped_column(Text)


class RegionCrosswalk(Base):
    __tablename__ = "region_crosswalk"

    bps_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    kemendagri_code: Mapped[str] = mapped_column(REGION)
    name: Mapped[str | None] = mapped_column(String(100))
    batch_id: Mapped[int] = mapped_column(BigInteger)


class ResidentRegistration(Base):
    __tablename__ = "resident_registrations"
    __table_args__ = (Index("ix_resident_registrations_nik", "nik"),)

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # the village's person record
    nik: Mapped[str | None] = mapped_column(NIK)
    village_code: Mapped[str | None] = mapped_column(REGION)
    person_id: Mapped[int | None] = mapped_column(BigInteger)  # the synchronized person, when the NIK is known
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class PopulationVersion(Base):
    """One version of a village's residents as its laptops receive them (feed kind "population")."""

    __tablename__ = "population_versions"
    __table_args__ = (UniqueConstraint("village_code", "version"),)

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)  # the feed entry's ref
    village_code: Mapped[str] = mapped_column(REGION)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    size: Mapped[int] = mapped_column(Integer)
    added: Mapped[int] = mapped_column(Integer)
    removed: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean)  # sent whole, replacing what laptops held
    chain: Mapped[int] = mapped_column(Integer)  # rows a new laptop pulls to reach this version


class PopulationRow(Base):
    """A resident as a version sent them: open from `added_in` until a later version changes or drops them.

    `fingerprint` is a short hash of the values sent (`population_feed.fingerprint_sql`), so the next
    publication sends only what changed."""

    __tablename__ = "population_rows"
    __table_args__ = (Index("ix_population_rows_open", "removed_in", "village_code"),
                      Index("ix_population_rows_added", "added_in"))

    id: Mapped[int] = mapped_column(BIG_ID, primary_key=True)
    village_code: Mapped[str] = mapped_column(REGION)
    person_id: Mapped[int] = mapped_column(BigInteger)
    nik: Mapped[str] = mapped_column(NIK)
    fingerprint: Mapped[str] = mapped_column(String(16))
    added_in: Mapped[int] = mapped_column(BigInteger)
    removed_in: Mapped[int | None] = mapped_column(BigInteger)


class DecidedValue(Base):
    """A value of a person an officer decided after a field check (`services.inconsistencies`): the population
    keeps it over later extracts that still disagree; the extracts keep their own values in their tables."""

    __tablename__ = "decided_values"

    person_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    field: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    decided_by: Mapped[str] = mapped_column(String(80))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class FieldCheckOutcome(Base):
    """What the hub made of a field check a sub-district laptop recorded (`services.field_checks`): applied to
    the population, or kept with the word that someone decided the item first. The record itself is a
    synced record like any other; this row is what its status says back to the laptops."""

    __tablename__ = "field_check_outcomes"

    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    village_code: Mapped[str] = mapped_column(REGION)
    subject: Mapped[str] = mapped_column(String(16))  # inconsistency | resident
    target: Mapped[str] = mapped_column(String(64))  # the inconsistency's number, or the registration's record id
    outcome: Mapped[str] = mapped_column(String(16))
    applied: Mapped[bool] = mapped_column(Boolean)
    decided_by: Mapped[str | None] = mapped_column(String(80))  # who decided first, when not applied
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
