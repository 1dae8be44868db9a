"""The package's public API, its purity, and its documentation kept true by tests."""

import pathlib
import re
import subprocess
import sys
import types

import pytest

import schemas
from schemas.errors import ENVELOPE_KEYS, ValidationFailure, error_envelope
from schemas.examples import example
from schemas.household import KkEntrySchema
from schemas.messages import CATALOGUE
from schemas.nik import check_nik
from schemas.records import SCHEMAS, load_record

ROOT = pathlib.Path(schemas.__file__).parent.parent
DOCS = (ROOT / "docs" / "schemas.md").read_text()
FORBIDDEN = ["flask", "sqlalchemy", "requests", "sqlite3", "sqlite_utils", "werkzeug", "apscheduler", "hub_server",
             "village_client", "sync_protocol"]
MODULES = ["application", "base", "choices", "complaint", "dates", "eligibility", "errors", "examples", "fields",
           "household", "idnumber", "kk", "list_correction", "messages", "money", "nik", "person", "phone",
           "programme", "records", "region", "region_record", "rtrw", "display", "record_status", "local_time",
           "roles", "antenatal_visit", "officer_record", "complaint_state", "child_health",
           "complaint_standards", "field_check", "letterhead", "sensitive", "kemendagri", "case", "case_needs",
           "case_state", "compiled", "outreach_session", "claim", "claim_state", "event_fold", "region_table"]


def test_the_public_api_is_all():
    public = {name for name in dir(schemas)
              if not name.startswith("_") and not isinstance(getattr(schemas, name), types.ModuleType)}
    assert public == set(schemas.__all__)
    with pytest.raises(AttributeError, match="no attribute 'NoSuchSchema'"):
        schemas.NoSuchSchema  # noqa: B018


def test_the_package_and_its_errors_load_no_schema_until_one_is_used():
    code = ("import sys, schemas, schemas.errors; before = 'marshmallow' in sys.modules; schemas.PersonSchema; "
            "print(before, 'marshmallow' in sys.modules)")
    assert _fresh(code) == "False True"


def test_every_module_is_listed_here():
    assert {path.stem for path in (ROOT / "schemas").glob("*.py")} - {"__init__"} == set(MODULES)


def _fresh(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return result.stdout.strip()


def test_schemas_imports_no_web_database_or_client_package():
    imports = "; ".join(f"import schemas.{name}" for name in MODULES)
    loaded = _fresh(f"{imports}; import sys; print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))")
    assert loaded == ""


def test_the_region_list_is_read_on_first_use_not_at_import():
    code = ("import schemas, schemas.region_table as t; before = len(t._held); schemas.region_name('35.07'); "
            "print(before, len(t._held), schemas.region_name('35.07.01.2001'), len(t._held))")
    assert _fresh(code) == "0 1 Tulungrejo 2"


def test_every_public_name_is_documented():
    missing = [name for name in schemas.__all__ if f"`{name}`" not in DOCS]
    assert missing == []


def test_the_documented_catalogue_is_the_catalogue():
    rows = dict(re.findall(r"^\| `([a-z_0-9]+)` \| (.+) \|$", DOCS, re.MULTILINE))
    for rule, texts in CATALOGUE.items():
        assert rule in rows, rule
        assert rows[rule] == f"{texts['id']} | {texts['en']}", rule


def test_every_record_and_field_is_documented():
    for kind, schema in SCHEMAS.items():
        section = DOCS.split(f"\n### {kind}")[1].split("\n### ")[0]
        for name in schema().load_fields:
            assert f"`{name}`" in section, (kind, name)
    for name in KkEntrySchema().load_fields:
        assert name in DOCS.split("\n### household")[1].split("\n### ")[0]


def test_the_documented_examples_are_what_the_code_says():
    error = check_nik("3507015505900001", sex="M", birth_date="1990-05-15").errors[0]
    assert repr(error.as_dict("id")) in DOCS
    assert repr(error.as_dict("en")["message"]) in DOCS
    try:
        load_record("person", {**example("person"), "sex": "L", "address_rt": "RT 3"}, lang="en")
    except ValidationFailure as failure:
        envelope = failure.envelope()
    assert envelope["error"] in DOCS
    for item in envelope["errors"]:
        assert item["message"].replace('"', '\\"') in DOCS


def test_the_error_envelope_keeps_its_five_keys_and_makes_fields_json_ready():
    body = error_envelope(409, "sequence_gap", "Hub menunggu nomor 4.", (),
                          {"expected": 4, "status": 200, "supported": (1, 2), "when": pathlib.Path("x")})
    assert tuple(body)[:5] == ENVELOPE_KEYS and body["ok"] is False
    assert (body["status"], body["code"], body["errors"]) == (409, "sequence_gap", [])
    assert (body["expected"], body["supported"], body["when"]) == (4, [1, 2], "x")
