"""The hub's one catalogue: every key in both languages, and every key the hub uses in it."""

import re
from pathlib import Path

import pytest

import hub_server
from hub_server import messages
from hub_server.messages import CATALOGUE, PARTS, field_message, message, text
from tests.unit.catalogue_helpers import check_bilingual

SOURCE = Path(hub_server.__file__).parent
LITERAL = re.compile(r"""\b(?:t|text)\(\s*["']([a-z_]+\.[a-z_.]+)["']\s*[,)]""")
COMPUTED = re.compile(r"""\bt\(\s*(?:["']([a-z_.]+)["']\s*~|f["']([a-z_.]+)\{)""")


def sources(*patterns: str) -> list[str]:
    return [path.read_text(encoding="utf-8") for pattern in patterns for path in SOURCE.rglob(pattern)]


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_of_the_catalogue_exists_in_both_languages_with_the_same_placeholders(key):
    check_bilingual(CATALOGUE[key])


def test_the_parts_of_the_catalogue_share_no_key():
    assert sum(len(part) for part in PARTS) == len(CATALOGUE)


def test_every_key_the_templates_and_code_use_is_in_the_catalogue():
    found = sources("*.py", "*.html")
    used = {key for source in found for key in LITERAL.findall(source)}
    assert len(used) > 250 and used - set(CATALOGUE) == set()


def test_every_family_of_computed_keys_is_in_the_catalogue():
    from hub_server.services.actors import USER_ROLES
    from hub_server.services.catalogue import UNITS
    from hub_server.services.enrollment import DEVICE_ROLES
    from hub_server.services.jobs import ACTIVE, WORK
    from hub_server.services.verification import STATUSES
    from hub_server.web.audit_words import DETAIL_KEYS
    from hub_server.web.population import KINDS, SOURCES, STEPS

    prefixes = {a or b for source in sources("*.py", "*.html") for a, b in COMPUTED.findall(source)}
    assert {"kind.", "jobs.step.", "verify.done_"} <= prefixes
    assert {prefix for prefix in prefixes if not any(key.startswith(prefix) for key in CATALOGUE)} == set()
    families = {"role": (*USER_ROLES, "operator"), "device_role": DEVICE_ROLES, "kind": KINDS, "source": SOURCES,
                "state": ("open", "used", "expired", "cancelled"), "jobs.step": STEPS, "jobs.kind": WORK,
                "jobs.status": (*ACTIVE, "done", "failed"), "unit": UNITS, "verification": STATUSES,
                "import.codes": ("kemendagri", "bps"), "nav": _navigation(), "audit.detail": DETAIL_KEYS}
    wanted = {f"{family}.{value}" for family, values in families.items() for value in values}
    wanted |= {"verify.done_confirmed", "verify.done_refused"}
    wanted |= _payment_words()
    assert wanted - set(CATALOGUE) == set()


def _payment_words() -> set:
    from hub_server.models.payments import FINDINGS, PAYERS
    from hub_server.services.payment_files import KINDS as PAYMENT_KINDS
    from hub_server.services.reconciliation import STATUSES as PAYMENT_STATUSES

    families = {"payer": PAYERS, "pay.finding": FINDINGS, "recon.status": PAYMENT_STATUSES,
                "recon.kind": PAYMENT_KINDS, "recon.flag": PAYMENT_KINDS}
    return {f"{family}.{value}" for family, values in families.items() for value in values}


def _navigation() -> list[str]:
    base = (SOURCE / "web" / "templates" / "base.html").read_text(encoding="utf-8")
    names = re.findall(r'\("([a-z]+)", "[a-z_.]+", "[a-z_.]+"\)', base)
    assert len(names) >= 5
    return names


def test_every_error_code_reads_in_the_language_asked_for():
    gap = message("sequence_gap", "en", expected=4, got=9)
    assert gap == "A change-set is missing: the hub expects number 4 but got 9."
    assert message("brand_new_code", "en", status=418) == "Request refused (HTTP 418)."
    assert message("not_found", "fr", path="/x") == message("not_found", "id", path="/x")
    assert text("nav.devices", "en") == "Devices" and text("no.such_key", "en") == "no.such_key"


def test_a_rule_the_hub_adds_reads_with_the_fields_label_and_a_records_rule_from_schemas():
    assert messages.field_rule_message("bps_code_unmapped", "village_code", {"code": "3507010001"}, "en").endswith(
        "the BPS code 3507010001 is not in the crosswalk.")
    assert "16" in messages.field_rule_message("id_length", "nik", {"length": 15}, "en")
    village = field_message("scope", "village_code", "en", value="35")
    assert village == "35 is not a village code (example: 35.07.01.2001)."
