"""Reading one row of a source extract: every value checked by the `schemas` validators.

A district extract has millions of rows but few distinct region codes, dates and NIK region parts,
so each check is made once per distinct value and remembered (`RowChecker`). A NIK is checked in
its parts, the same parts `schemas.check_nik` checks (region of issue, birth date, serial), each
part remembered; `tests/unit/test_rules_import_rows.py` holds the two to the same answers.

Source vocabularies are mapped onto the `schemas` ones: the value itself, its Indonesian label as
the family card prints it (any case), or a known alias of the source (`ALIASES`). Anything else is
a row error naming the field, never a guess.
"""

import datetime as dt
import re
from collections import defaultdict

from schemas import check_birth_date, check_date, check_kk, check_nik, check_region_code, check_rt_rw, check_rupiah
from schemas import fields as schema_fields
from schemas.choices import CHOICES
from schemas.errors import FieldError

# What the source extracts write where the `schemas` vocabulary has another word. The civil
# registry has no code of its own for factory, construction or transport work: factory workers are
# private employees, day labour is "buruh harian lepas"; teachers, health workers and drivers are
# kept as "other" rather than forced into a category a rule might select them by.
ALIASES = {
    "occupation": {"housewife": "housekeeping", "unemployed": "not_working", "factory_worker": "private_employee",
                   "construction_worker": "labourer", "driver": "other", "teacher": "other", "health_worker": "other",
                   "buruh tani/perkebunan": "farm_labourer", "buruh harian lepas": "labourer",
                   "belum/tidak bekerja": "not_working", "pelajar/mahasiswa": "student", "pensiunan": "retired"},
    "education": {"diploma": "diploma_3", "postgraduate": "master", "not_yet_in_school": "none",
                  "tidak/belum sekolah": "none", "tamat sd/sederajat": "primary"},
    "sex": {"l": "M", "p": "F", "laki-laki": "M", "perempuan": "F"},
    "marital_status": {"belum kawin": "single", "kawin": "married", "cerai hidup": "divorced", "cerai mati": "widowed"},
}
FLAGS = {"true": True, "false": False, "1": True, "0": False, "ya": True, "tidak": False, "yes": True, "no": False}
_NAME_NOISE = re.compile(r"[.,'’\-\s]+")
_NAME_MAX, _ADDRESS_MAX = 100, 200
_NAME = schema_fields.Name(max_length=_NAME_MAX)
_ADDRESS = schema_fields.Text(max_length=_ADDRESS_MAX)
# A name the Name field accepts unchanged: ASCII letters and . , ' - with single spaces between words.
# Anything else (other scripts, extra spaces) goes through the field itself.
_PLAIN_NAME = re.compile(r"[A-Za-z][A-Za-z.,'’-]*(?: [A-Za-z.,'’-]+)*")


def name_key(name: str) -> str:
    """The name as the hub compares names: case, spaces and the punctuation . , ' - do not count.

    Every letter counts: "Soetrisno" and "Sutrisno" differ. The e-KTP name is the legal name that
    bank accounts and programme payments match letter for letter, so a spelling variant is for a
    person to settle, not for the hub to wave through.
    """
    return _NAME_NOISE.sub(" ", name).strip().casefold()


class RowError(Exception):
    """A row that cannot load: every broken rule of it, as FieldErrors."""

    def __init__(self, errors: list):
        super().__init__(errors)
        self.errors = errors


def _vocabulary_lookup(name: str) -> dict:
    lookup = {code.casefold(): code for code in CHOICES[name]}
    lookup |= {labels["id"].casefold(): code for code, labels in CHOICES[name].items()}
    return lookup | {alias.casefold(): code for alias, code in ALIASES.get(name, {}).items()}


def _region_errors(check, region_part: str) -> tuple:
    """The errors a NIK or KK number has because of its first six digits (a valid date and serial)."""
    return check(region_part + "010170" + "0001").errors


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _date_check(check, date_part: str, today: dt.date):
    """What digits 7-12 say (in a valid region, with a valid serial): their errors and, for a NIK, the parts."""
    return check("350701" + date_part + "0001", today=today)


class RowChecker:
    """Checks the values of rows, remembering the answer for values that repeat.

    `today` fixes the date checks (no birth after it; the century of a NIK's two-digit year).
    `crosswalk` maps BPS village codes to Kemendagri codes when the extract is coded by BPS.
    """

    def __init__(self, today: dt.date, crosswalk: dict | None = None):
        self.today = today
        self.crosswalk = crosswalk
        self.errors: list = []
        self._memos: dict = defaultdict(dict)
        self._vocabularies = {name: _vocabulary_lookup(name) for name in CHOICES}

    def _remember(self, kind: str, value, compute, *args):
        memo = self._memos[kind]
        found = memo.get(value)
        if found is None:
            found = memo[value] = compute(*args)
        return found

    def take(self, check, field: str, empty=None):
        """The value of a schemas Check, noting its errors (renamed to `field`)."""
        if check.errors:
            self.errors.extend(error.at(field) for error in check.errors)
            return empty
        return check.value

    def fail(self, field: str, rule: str, **params) -> None:
        self.errors.append(FieldError(field, rule, params))

    def finish(self) -> None:
        """Raise RowError with the errors noted since the last call, if any."""
        if self.errors:
            errors, self.errors = self.errors, []
            raise RowError(errors)

    # Identity numbers ------------------------------------------------------------------------------

    def nik(self, value: str, field: str = "nik", required: bool = True):
        """(16 digits, NikParts) or (None, None); the parts say the birth date and sex it encodes."""
        text = value.strip()
        if len(text) != 16 or not text.isdigit():
            if not text:
                if required:
                    self.fail(field, "required")
                return None, None
            text = self.take(check_nik(text, today=self.today), field)  # "3507-0155-..." is a NIK too
            if text is None:
                return None, None
        region = self._remember("nik-region", text[:6], _region_errors, check_nik, text[:6])
        date = self._remember("nik-date", text[6:12], _date_check, check_nik, text[6:12], self.today)
        if region or date.errors or text[12:] == "0000":
            self._part_errors(field, region + date.errors, text)
            return None, None
        return text, date.parts

    def kk(self, value: str, field: str = "kk_number"):
        """The 16 digits of a family card number, or None; checked in parts like a NIK."""
        text = value.strip()
        if len(text) != 16 or not text.isdigit():
            return self.take(check_kk(text, today=self.today), field) if text else self.fail(field, "required")
        region = self._remember("kk-region", text[:6], _region_errors, check_kk, text[:6])
        date = self._remember("kk-date", text[6:12], _date_check, check_kk, text[6:12], self.today)
        if region or date.errors or text[12:] == "0000":
            return self._part_errors(field, region + date.errors, text)
        return text

    def _part_errors(self, field: str, errors: tuple, text: str) -> None:
        serial = (FieldError(field, "id_serial_zero"),) if text[12:] == "0000" else ()
        self.errors.extend(error.at(field) for error in errors + serial)

    # Places, dates, words --------------------------------------------------------------------------

    def _final(self, kind: str, raw: str, field: str, check, finish=None):
        """The checked and finished value of `raw`, remembered; None with its errors noted when it breaks a rule."""
        memo = self._memos[kind]
        found = memo.get(raw)
        if found is None:
            checked = check()
            value = finish(checked.value) if finish and checked.ok else checked.value
            found = memo[raw] = (value, checked.errors)
        if found[1]:
            self.errors.extend(error.at(field) for error in found[1])
            return None
        return found[0]

    def village(self, value: str, field: str = "village_code"):
        text = value.strip()
        if self.crosswalk is not None:
            mapped = self.crosswalk.get(text.replace(".", ""))
            if mapped is None:
                return self.fail(field, "bps_code_unmapped", code=text)
            text = mapped
        return self._final("village", text, field, lambda: check_region_code(text, expected_level="village"))

    def birth_date(self, value: str, field: str = "birth_date"):
        return self._final("birth", value, field, lambda: check_birth_date(value, today=self.today), _iso)

    def date(self, value: str, field: str):
        if not value.strip():
            return None
        return self._final("date", value, field, lambda: check_date(value, field=field, past=True, today=self.today),
                           _iso)

    def choice(self, value: str, vocabulary: str, field: str, required: bool = False):
        code = self._vocabularies[vocabulary].get(value.strip().casefold())
        if code is None:
            if value.strip():
                self.fail(field, "choice", choices=list(CHOICES[vocabulary]))
            elif required:
                self.fail(field, "required")
        return code

    def name(self, value: str, field: str = "name", required: bool = True):
        if len(value) <= _NAME_MAX and _PLAIN_NAME.fullmatch(value):
            return value  # already what the Name field would return
        if not value.strip():
            return self.fail(field, "required") if required else None
        return self.take(_NAME.check(value), field)

    def place(self, value: str, field: str = "birth_place"):
        if len(value) <= _NAME_MAX and _PLAIN_NAME.fullmatch(value):
            return value
        return self.take(_NAME.check(value), field) if value.strip() else None

    def address(self, value: str, field: str = "address"):
        if len(value) <= _ADDRESS_MAX and value == value.strip():
            return value or None
        return self.take(_ADDRESS.check(value), field) if value.strip() else None

    def rt_rw(self, value: str, field: str):
        if not value.strip():
            return None
        return self._final("rtrw", value, field, lambda: check_rt_rw(value, field=field), "{:03d}".format)

    def whole(self, value: str, field: str, low: int, high: int | None = None, required: bool = False):
        text = value.strip()
        if not text:
            return self.fail(field, "required") if required else None
        if not text.isdigit():
            return self.fail(field, "integer_invalid")
        number = int(text)
        if number < low or (high is not None and number > high):
            rule, params = ("integer_range", {"min": low, "max": high}) if high else ("integer_min", {"min": low})
            return self.fail(field, rule, **params)
        return number

    def rupiah(self, value: str, field: str = "monthly_income"):
        return self.take(check_rupiah(value, field=field), field) if value.strip() else None

    def flag(self, value: str, field: str):
        text = value.strip().casefold()
        if not text:
            return None
        if text not in FLAGS:
            return self.fail(field, "boolean_invalid")
        return FLAGS[text]


def nik_disagreement(nik: str, sex: str | None, birth_iso: str | None) -> str | None:
    """What a valid NIK says otherwise than the row: "sex", "birth_date", both, or None.

    The comparison `schemas.check_nik` makes (women's day + 40; day, month and two-digit year), made
    on the digits, since it runs for every row of an extract.
    """
    day = int(nik[6:8])
    nik_sex = "F" if day > 40 else "M"
    found = []
    if sex in ("M", "F") and sex != nik_sex:
        found.append("sex")
    if birth_iso and (birth_iso[8:10], birth_iso[5:7], birth_iso[2:4]) != (
            f"{day - 40 if nik_sex == 'F' else day:02d}", nik[8:10], nik[10:12]):
        found.append("birth_date")
    return ",".join(found) or None
