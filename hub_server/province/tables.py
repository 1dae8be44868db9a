"""What a province reads from its district hubs, and the names both sides agree on.

A district hub on PostgreSQL keeps its tables in the schema `district_<code>` (35.07 -> `district_35_07`,
set with `?options=-csearch_path%3Ddistrict_35_07` in its DATABASE_URL). Logical replication matches tables
by their schema-qualified names, so on the province database that same name is the district's partition of
the province's table (`province.people` partitioned by `district_code`): each district's rows land in their
own partition without any renaming, and the province reads all of them through the parent table.
"""

import re

PROVINCE_SCHEMA = "province"
PUBLICATION = "sws_province"
DISTRICT_COLUMN = "district_code"
DISTRICT_CODE = re.compile(r"\d{2}\.\d{2}")

# The hub tables the province reads, by what they are for. Keys, tokens, users, audit and sync internals stay
# in the district.
TABLES = {
    "population": ("people", "households"),
    "lists": ("programmes", "selections", "list_versions", "list_entries", "applications", "list_corrections"),
    "complaints": ("complaint_states",),
    "report inputs": ("records", "received_changesets", "import_batches", "matching_runs"),
}
ALL_TABLES = tuple(name for names in TABLES.values() for name in names)

# Rows and columns that stay in the district. Of the synced records, the province gets the kinds its reports
# read; complaint forms and events reach it only as their derived state (`complaint_states`), and a sensitive
# case (schemas.sensitive) not at all: it is seen only by those who must. Refused change-sets go without their
# bodies (what a laptop sent, possibly a sensitive case).
RECORD_KINDS = ("person", "household", "application", "list_correction")
COLUMNS_KEPT_HOME = {"received_changesets": ("body",)}


class BadDistrictCode(ValueError):
    """Not a Kemendagri district (regency or city) code such as 35.07."""


def check_district(code: str) -> str:
    if not DISTRICT_CODE.fullmatch(code or ""):
        raise BadDistrictCode(f"{code!r} is not a district code like 35.07 (province.regency)")
    return code


def district_schema(code: str) -> str:
    """The schema a district hub keeps its tables in, and the province its partitions: district_35_07."""
    return "district_" + check_district(code).replace(".", "_")


def subscription_name(code: str) -> str:
    """The province's subscription to one district (also the name of its replication slot there)."""
    return "province_" + check_district(code).replace(".", "_")


def province_code(code: str) -> str:
    """The province a district belongs to: 35.07 -> 35."""
    return check_district(code).split(".")[0]
