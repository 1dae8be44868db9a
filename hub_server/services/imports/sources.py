"""The extracts the hub imports: their columns and how one row of each is read.

Each `Source` names the file's columns (`reads`; those in `required` must be in the header, the
others may be missing), the columns it loads (`loads`, in order, as `parse` returns them), its key
and the table that keeps its latest extract. The formats are the district generator's
(`hub_server/generator/sources.py`): UTF-8 CSV with a header line, ISO dates, "true"/"false".
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from hub_server.models.population import Person, RegionCrosswalk, SourceEktp, SourceKk, SourceWelfare
from hub_server.services.imports.rows import RowChecker, name_key, nik_disagreement
from schemas import check_phone, check_region_code
from schemas.region_record import BPS_CODE

BPS_LEVELS = {2: "province", 4: "regency", 7: "sub_district", 10: "village"}


@dataclass(frozen=True)
class Source:
    name: str
    reads: tuple[str, ...]
    required: tuple[str, ...]
    loads: tuple[str, ...]
    key: str
    parse: Callable  # (RowChecker, raw values in `reads` order) -> tuple in `loads` order; raises RowError
    table: object  # the table whose column types the staged values take

    def missing_columns(self, header) -> list:
        return [name for name in self.required if name not in header]

    def picks(self, header) -> list:
        """For each column of `reads`, its position in the header (None when the file lacks it)."""
        where = {name.strip(): at for at, name in enumerate(header)}
        return [where.get(name) for name in self.reads]


def parse_ektp(check: RowChecker, v) -> tuple:
    nik, _ = check.nik(v[0])
    name = check.name(v[1])
    birth = check.birth_date(v[3])
    sex = check.choice(v[4], "sex", "sex", required=True)
    row = (nik, name, name and name_key(name), check.place(v[2]), birth, sex, check.address(v[5]),
           check.rt_rw(v[6], "address_rt"), check.rt_rw(v[7], "address_rw"), check.village(v[8]),
           check.choice(v[9], "marital_status", "marital_status"), check.choice(v[10], "occupation", "occupation"))
    check.finish()
    return (*row, nik_disagreement(nik, sex, birth))


def parse_kk(check: RowChecker, v) -> tuple:
    kk_number = check.kk(v[0])
    nik, parts = check.nik(v[1])
    name = check.name(v[2])
    head_nik, _ = check.nik(v[4], "head_nik", required=False)
    row = (nik, kk_number, name, name and name_key(name), check.choice(v[3], "relationship", "relationship"),
           head_nik, check.date(v[5], "kk_issue_date"), check.address(v[6]), check.rt_rw(v[7], "address_rt"),
           check.rt_rw(v[8], "address_rw"), check.village(v[9]))
    check.finish()
    return (*row, parts.birth_date.isoformat(), parts.sex)


def parse_welfare(check: RowChecker, v) -> tuple:
    kk_number = check.kk(v[0])
    head_nik, _ = check.nik(v[1], "head_nik")
    head_name = check.name(v[2], "head_name")
    row = (kk_number, head_nik, head_name, head_name and name_key(head_name), check.village(v[3]),
           check.whole(v[4], "members", 1), check.whole(v[5], "decile", 1, 10, required=True))
    check.finish()
    return row


def parse_census(check: RowChecker, v) -> tuple:
    nik, _ = check.nik(v[0])
    phone = check.take(check_phone(v[9]), "phone") if v[9].strip() else None
    row = (nik, check.choice(v[1], "occupation", "occupation"), check.choice(v[2], "education", "education"),
           check.choice(v[3], "disability", "disability"), check.flag(v[4], "disability_severe"),
           check.rupiah(v[5]), check.flag(v[6], "pregnant"), check.choice(v[7], "migration", "migration"),
           check.choice(v[8], "marital_status", "marital_status"), phone)
    check.finish()
    return row


def parse_crosswalk(check: RowChecker, v) -> tuple:
    bps = v[0].strip().replace(".", "")
    if not re.fullmatch(BPS_CODE, bps):
        check.fail("bps_code", "bps_code_format")
    expected = BPS_LEVELS.get(len(bps))
    found = check_region_code(v[1], expected_level=expected, field="kemendagri_code")
    code = check.take(found, "kemendagri_code")
    name = check.place(v[2], "name") if len(v) > 2 else None
    check.finish()
    return bps, code, name


EKTP = Source(
    "ektp", ("nik", "name", "birth_place", "birth_date", "sex", "address", "address_rt", "address_rw", "village_code",
             "marital_status", "occupation"),
    ("nik", "name", "birth_date", "sex", "village_code"),
    ("nik", "name", "name_key", "birth_place", "birth_date", "sex", "address", "address_rt", "address_rw",
     "village_code", "marital_status", "occupation", "nik_mismatch"),
    "nik", parse_ektp, SourceEktp.__table__)
KK = Source(
    "kk", ("kk_number", "nik", "name", "relationship", "head_nik", "kk_issue_date", "address", "address_rt",
           "address_rw", "village_code"),
    ("kk_number", "nik", "name", "village_code"),
    ("nik", "kk_number", "name", "name_key", "relationship", "head_nik", "kk_issue_date", "address", "address_rt",
     "address_rw", "village_code", "nik_birth_date", "nik_sex"),
    "nik", parse_kk, SourceKk.__table__)
WELFARE = Source(
    "welfare", ("kk_number", "head_nik", "head_name", "village_code", "members", "decile"),
    ("kk_number", "head_nik", "head_name", "village_code", "decile"),
    ("kk_number", "head_nik", "head_name", "name_key", "village_code", "members", "decile"),
    "kk_number", parse_welfare, SourceWelfare.__table__)
CENSUS = Source(
    "census", ("nik", "occupation", "education", "disability", "disability_severe", "monthly_income", "pregnant",
               "migration", "marital_status", "phone"),
    ("nik",),
    ("nik", "occupation", "education", "disability", "disability_severe", "monthly_income", "pregnant", "migration",
     "marital_status", "phone"),
    "nik", parse_census, Person.__table__)
CROSSWALK = Source(
    "crosswalk", ("bps_code", "kemendagri_code", "name"), ("bps_code", "kemendagri_code"),
    ("bps_code", "kemendagri_code", "name"), "bps_code", parse_crosswalk, RegionCrosswalk.__table__)

SOURCES = {source.name: source for source in (EKTP, KK, WELFARE, CENSUS, CROSSWALK)}
