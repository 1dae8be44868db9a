"""The synchronized population, the programme catalogue, matching and the beneficiary lists.

Source extracts as last imported (e-KTP, family cards, welfare registry), import batches and their
rejected rows, the BPS -> Kemendagri crosswalk, people and households with their family card
history, inconsistencies between sources, village registrations by NIK; programmes, matching runs,
the eligibility cross-table, lists and their versions, community corrections and applications.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    _imports()
    _sources()
    _population()
    _programmes()
    _lists()


def _imports() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("codes", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_loaded", sa.Integer(), nullable=False),
        sa.Column("rows_failed", sa.Integer(), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("absent", sa.Integer(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index("ix_import_batches_source", "import_batches", ["source", "status"])
    op.create_table(
        "import_row_errors",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_row_errors")),
    )
    op.create_index("ix_import_row_errors_batch", "import_row_errors", ["batch_id", "line"])
    op.create_table(
        "region_crosswalk",
        sa.Column("bps_code", sa.String(length=10), nullable=False),
        sa.Column("kemendagri_code", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bps_code", name=op.f("pk_region_crosswalk")),
    )


def _sources() -> None:
    op.create_table(
        "source_ektp",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("birth_place", sa.String(length=100), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("address_rt", sa.String(length=3), nullable=True),
        sa.Column("address_rw", sa.String(length=3), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("marital_status", sa.String(length=16), nullable=True),
        sa.Column("occupation", sa.String(length=32), nullable=True),
        sa.Column("nik_mismatch", sa.String(length=24), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("nik", name=op.f("pk_source_ektp")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "source_kk",
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kk_number", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("relationship", sa.String(length=16), nullable=True),
        sa.Column("head_nik", sa.String(length=16), nullable=True),
        sa.Column("kk_issue_date", sa.Date(), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("address_rt", sa.String(length=3), nullable=True),
        sa.Column("address_rw", sa.String(length=3), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("nik_birth_date", sa.Date(), nullable=True),
        sa.Column("nik_sex", sa.String(length=1), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("nik", name=op.f("pk_source_kk")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_source_kk_kk_number", "source_kk", ["kk_number"])
    op.create_table(
        "source_welfare",
        sa.Column("kk_number", sa.String(length=16), nullable=False),
        sa.Column("head_nik", sa.String(length=16), nullable=False),
        sa.Column("head_name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("members", sa.Integer(), nullable=True),
        sa.Column("decile", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kk_number", name=op.f("pk_source_welfare")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_source_welfare_head_nik", "source_welfare", ["head_nik"])
    op.create_table(
        "source_findings",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_findings")),
    )
    op.create_index("ix_source_findings_source", "source_findings", ["source", "nik"])


def _population() -> None:
    op.create_table(
        "households",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("kk_number", sa.String(length=16), nullable=False),
        sa.Column("head_nik", sa.String(length=16), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("address_rt", sa.String(length=3), nullable=True),
        sa.Column("address_rw", sa.String(length=3), nullable=True),
        sa.Column("kk_issue_date", sa.Date(), nullable=True),
        sa.Column("welfare_decile", sa.Integer(), nullable=True),
        sa.Column("decile_batch_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_households")),
        sa.UniqueConstraint("kk_number", name=op.f("uq_households_kk_number")),
    )
    op.create_index("ix_households_village_code", "households", ["village_code"])
    op.create_table(
        "household_kk_numbers",
        sa.Column("kk_number", sa.String(length=16), nullable=False),
        sa.Column("household_id", sa.BigInteger(), nullable=False),
        sa.Column("issued", sa.Date(), nullable=True),
        sa.Column("batch_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("kk_number", name=op.f("pk_household_kk_numbers")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_household_kk_numbers_household", "household_kk_numbers", ["household_id"])
    op.create_table(
        "people",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("nik_status", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_key", sa.String(length=100), nullable=False),
        sa.Column("birth_place", sa.String(length=100), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("marital_status", sa.String(length=16), nullable=True),
        sa.Column("relationship", sa.String(length=16), nullable=True),
        sa.Column("household_id", sa.BigInteger(), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("address_rt", sa.String(length=3), nullable=True),
        sa.Column("address_rw", sa.String(length=3), nullable=True),
        sa.Column("occupation", sa.String(length=32), nullable=True),
        sa.Column("education", sa.String(length=32), nullable=True),
        sa.Column("disability", sa.String(length=16), nullable=True),
        sa.Column("disability_severe", sa.Boolean(), nullable=True),
        sa.Column("monthly_income", sa.BigInteger(), nullable=True),
        sa.Column("pregnant", sa.Boolean(), nullable=True),
        sa.Column("migration", sa.String(length=8), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("in_ektp", sa.Boolean(), nullable=False),
        sa.Column("in_kk", sa.Boolean(), nullable=False),
        sa.Column("socio_source", sa.String(length=16), nullable=True),
        sa.Column("batch_id", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("nik", name=op.f("uq_people_nik")),
    )
    op.create_index("ix_people_household_id", "people", ["household_id"])
    op.create_table(
        "inconsistencies",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("first_batch_id", sa.BigInteger(), nullable=False),
        sa.Column("last_batch_id", sa.BigInteger(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inconsistencies")),
    )
    op.create_index("ix_inconsistencies_nik", "inconsistencies", ["nik", "kind"])
    op.create_index("ix_inconsistencies_status", "inconsistencies", ["status", "village_code"])
    op.create_table(
        "resident_registrations",
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("person_id", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_resident_registrations")),
    )
    op.create_index("ix_resident_registrations_nik", "resident_registrations", ["nik"])


def _programmes() -> None:
    op.create_table(
        "programmes",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("guarantee", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("matching", sa.JSON(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_programmes")),
    )
    op.create_table(
        "matching_runs",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("list_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matching_runs")),
    )
    op.create_table(
        "match_facts",
        sa.Column("person_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("household_id", sa.BigInteger(), nullable=True),
        sa.Column("representative_id", sa.BigInteger(), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("marital_status", sa.String(length=16), nullable=True),
        sa.Column("relationship", sa.String(length=16), nullable=True),
        sa.Column("occupation", sa.String(length=32), nullable=True),
        sa.Column("education", sa.String(length=32), nullable=True),
        sa.Column("disability", sa.String(length=16), nullable=True),
        sa.Column("disability_severe", sa.Boolean(), nullable=True),
        sa.Column("monthly_income", sa.BigInteger(), nullable=True),
        sa.Column("pregnant", sa.Boolean(), nullable=True),
        sa.Column("migration", sa.String(length=8), nullable=True),
        sa.Column("nik_status", sa.String(length=16), nullable=True),
        sa.Column("welfare_decile", sa.Integer(), nullable=True),
        sa.Column("household_size", sa.Integer(), nullable=True),
        sa.Column("household_income_per_capita", sa.BigInteger(), nullable=True),
        sa.Column("children_under_5", sa.Integer(), nullable=True),
        sa.Column("children_of_school_age", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_match_facts")),
    )
    op.create_table(
        "eligibility",
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("rule_met", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.BigInteger(), nullable=False),
        sa.Column("correction", sa.String(length=8), nullable=True),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("programme_code", "person_id", name=op.f("pk_eligibility")),
    )
    op.create_table(
        "selections",
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("person_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("household_id", sa.BigInteger(), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("reasons", sa.BigInteger(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("programme_code", "person_id", name=op.f("pk_selections")),
    )
    op.create_index("ix_selections_household", "selections", ["programme_code", "household_id"])
    op.create_index("ix_selections_village", "selections", ["programme_code", "village_code"])


def _lists() -> None:
    op.create_table(
        "list_versions",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("chain", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_versions")),
        sa.UniqueConstraint("programme_code", "village_code", "version",
                            name=op.f("uq_list_versions_programme_code_village_code_version")),
    )
    op.create_index("ix_list_versions_run", "list_versions", ["run_id", "programme_code", "village_code"])
    op.create_table(
        "list_entries",
        sa.Column("id", BIG_ID, nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=False),
        sa.Column("village_code", sa.String(length=13), nullable=False),
        sa.Column("person_id", sa.BigInteger(), nullable=False),
        sa.Column("reasons", sa.BigInteger(), nullable=False),
        sa.Column("added_in", sa.BigInteger(), nullable=False),
        sa.Column("removed_in", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_entries")),
    )
    op.create_index("ix_list_entries_added_in", "list_entries", ["added_in"])
    op.create_index("ix_list_entries_open", "list_entries", ["programme_code", "village_code", "removed_in"])
    op.create_index("ix_list_entries_person", "list_entries",
                    ["programme_code", "person_id", "village_code", "removed_in"])
    op.create_index("ix_list_entries_removed_in", "list_entries", ["removed_in"])
    op.create_table(
        "list_corrections",
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=True),
        sa.Column("person_id", sa.BigInteger(), nullable=True),
        sa.Column("nik", sa.String(length=16), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("decision", sa.String(length=8), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("meeting_date", sa.Date(), nullable=True),
        sa.Column("problem", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_list_corrections")),
    )
    op.create_index("ix_list_corrections_person", "list_corrections", ["person_id", "programme_code"])
    op.create_table(
        "applications",
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("programme_code", sa.String(length=32), nullable=True),
        sa.Column("person_record_id", sa.String(length=64), nullable=True),
        sa.Column("person_id", sa.BigInteger(), nullable=True),
        sa.Column("village_code", sa.String(length=13), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("status_date", sa.Date(), nullable=True),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("list_version", sa.Integer(), nullable=True),
        sa.Column("problem", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_applications")),
    )
    op.create_index("ix_applications_person", "applications", ["person_id", "programme_code"])


def downgrade() -> None:
    for table in (
        "applications",
        "list_corrections",
        "list_entries",
        "list_versions",
        "selections",
        "eligibility",
        "match_facts",
        "matching_runs",
        "programmes",
        "resident_registrations",
        "inconsistencies",
        "people",
        "household_kk_numbers",
        "households",
        "source_findings",
        "source_welfare",
        "source_kk",
        "source_ektp",
        "region_crosswalk",
        "import_row_errors",
        "import_batches",
    ):
        op.drop_table(table)
