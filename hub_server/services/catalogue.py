"""The programme catalogue: programmes with their eligibility rules as data, checked when saved.

A catalogue entry is a `schemas` programme record (code, names, guarantee, level, benefit,
eligibility rule, quota, required documents...) and, under `matching`, how the hub turns the rule
into a list:

    "matching": {"unit": "person" | "household",      # household: one entry per household, its head
                 "priority": ["welfare_decile", "-age"], # who comes first when the quota is short
                 "reasons": [{"code", "id", "en"}, ...], # one per part of the rule (see below)
                 "contribution": {"amount": 25500, "period": "monthly",    # what is due per member
                                  "class": 3, "payers": ["self"]},         # BPJS class; who may pay
                 "unverified": "list" | "propose"}   # residents awaiting verification (see below)

The rule language is `schemas.eligibility`, plus two conditions the hub alone can decide, on
membership of another programme's list: `{"fact": "programme", "op": "eq"|"ne"|"in"|"not_in",
"value": "PKH"}` (the person is on it) and `{"fact": "household_programme", ...}` (someone of the
household is). A rule's parts are the items of its top `all`/`any` (the rule itself when it is a
single condition); `reasons` names them, and the cross-table records which held for each person.

`unverified` says whether a resident a village registered and no one has verified yet may be
listed: "list" (listed, marked awaiting verification) or "propose" (shown to the village as a
proposal, outside the quota, until verified). Without it: "propose" for national programmes, whose
lists the ministries check against Dukcapil, and "list" for provincial and district ones.

`contribution.class` is the BPJS Kesehatan class (1-3) a membership of the programme is in;
`contribution.payers` who may pay it (`models.payments.PAYERS`), the first being who pays unless the
enrolment says otherwise: "self" without it. PBI is due like class III, paid by the state or the district.

Saving checks everything first (every error names its field, in the user's language), saves
nothing when anything is wrong, then publishes each changed programme to every device.
Raises CatalogueInvalid.
"""

import copy
import json
from pathlib import Path

from sqlalchemy import select

from hub_server.errors import HubError
from hub_server.messages import field_rule_message
from hub_server.models.payments import PAYERS
from hub_server.models.programmes import Programme
from hub_server.services import audit, record_store
from schemas.choices import values
from schemas.errors import FieldError, ValidationFailure
from schemas.records import dump_record, load_record

SHIPPED = Path(__file__).resolve().parent.parent / "catalogue" / "malang.json"
MEMBERSHIP_FACTS = ("programme", "household_programme")
MEMBERSHIP_OPS = ("eq", "ne", "in", "not_in")
PRIORITY_KEYS = ("age", "monthly_income", "welfare_decile", "household_size", "household_income_per_capita",
                 "children_under_5", "children_of_school_age")
UNITS = ("person", "household")
MATCHING_KEYS = ("unit", "priority", "reasons", "contribution", "unverified")
UNVERIFIED_POLICIES = ("list", "propose")
CONTRIBUTION_KEYS = {"amount", "period", "class", "payers"}
HEALTH_CLASSES = (1, 2, 3)
DEFAULT_PRIORITY = ["welfare_decile", "household_income_per_capita"]
MAX_REASONS = 62  # reason bits are kept in one 64-bit integer
_STAND_IN = {"fact": "has_nik", "op": "known", "value": True}  # a valid condition for `schemas` to walk past


class CatalogueInvalid(HubError):
    """One or more programmes break rules; nothing was saved. `errors` are schemas FieldErrors."""

    status, code = 400, "invalid"


def error_message(error: FieldError, lang: str = "id") -> str:
    """A catalogue error in `lang`: the `schemas` catalogue's, or the hub's own (`hub_server.messages`)."""
    return field_rule_message(error.rule, error.field, error.params, lang)


# Checking ------------------------------------------------------------------------------------------

def membership_conditions(rule, path: str = "eligibility_rule"):
    """Yield (path, condition) for every programme-membership condition of a rule."""
    if isinstance(rule, dict) and rule.get("fact") in MEMBERSHIP_FACTS:
        yield path, rule
    elif isinstance(rule, dict) and len(rule) == 1:
        key, inner = next(iter(rule.items()))
        if key == "not":
            yield from membership_conditions(inner, f"{path}.not")
        elif key in ("all", "any") and isinstance(inner, list):
            for index, item in enumerate(inner):
                yield from membership_conditions(item, f"{path}.{key}.{index}")


def _without_membership(rule):
    """The rule with membership conditions replaced by a stand-in, for the `schemas` walker."""
    if isinstance(rule, dict) and rule.get("fact") in MEMBERSHIP_FACTS:
        return dict(_STAND_IN)
    if isinstance(rule, dict) and len(rule) == 1:
        key, inner = next(iter(rule.items()))
        if key == "not":
            return {"not": _without_membership(inner)}
        if key in ("all", "any") and isinstance(inner, list):
            return {key: [_without_membership(item) for item in inner]}
    return rule


def _with_membership(clean, original):
    """The checked rule `clean` with the original membership conditions back in their places."""
    if isinstance(original, dict) and original.get("fact") in MEMBERSHIP_FACTS:
        return copy.deepcopy(original)
    if isinstance(original, dict) and len(original) == 1 and isinstance(clean, dict):
        key, inner = next(iter(original.items()))
        if key == "not":
            return {"not": _with_membership(clean["not"], inner)}
        if key in ("all", "any"):
            return {key: [_with_membership(c, o) for c, o in zip(clean[key], inner, strict=True)]}
    return clean


def _membership_errors(rule, codes: set) -> list:
    errors = []
    for path, condition in membership_conditions(rule):
        op, wanted = condition.get("op"), condition.get("value")
        if op not in MEMBERSHIP_OPS:
            errors.append(FieldError(f"{path}.op", "rule_op_unknown", {"op": str(op), "fact": condition["fact"],
                                                                       "ops": list(MEMBERSHIP_OPS)}))
            continue
        named = wanted if isinstance(wanted, list) else [wanted]
        takes_list = op in ("in", "not_in")
        if takes_list != isinstance(wanted, list) or not named or any(code not in codes for code in named):
            errors.append(FieldError(f"{path}.value", "choice", {"choices": sorted(codes)}))
    return errors


def rule_parts(rule) -> list:
    """The parts reasons name: the items of the top `all`/`any`, or the rule itself."""
    if isinstance(rule, dict) and len(rule) == 1 and next(iter(rule)) in ("all", "any"):
        return list(next(iter(rule.values())))
    return [rule]


def _matching_errors(matching, rule) -> list:
    if not isinstance(matching, dict):
        return [FieldError("matching", "record_type")]
    errors = [FieldError(f"matching.{key}", "unknown_field") for key in matching if key not in MATCHING_KEYS]
    if matching.get("unit", "person") not in UNITS:
        errors.append(FieldError("matching.unit", "choice", {"choices": list(UNITS)}))
    if matching.get("unverified", "list") not in UNVERIFIED_POLICIES:
        errors.append(FieldError("matching.unverified", "choice", {"choices": list(UNVERIFIED_POLICIES)}))
    priority = matching.get("priority", [])
    for index, key in enumerate(priority if isinstance(priority, list) else [None]):
        if not isinstance(key, str) or key.removeprefix("-") not in PRIORITY_KEYS:
            errors.append(FieldError(f"matching.priority.{index}", "choice",
                                     {"choices": [*PRIORITY_KEYS, *("-" + key for key in PRIORITY_KEYS)]}))
    return errors + _reason_errors(matching.get("reasons"), rule) + _contribution_errors(matching.get("contribution"))


def _reason_errors(reasons, rule) -> list:
    if reasons is None or rule is None:
        return []
    count = min(len(rule_parts(rule)), MAX_REASONS)
    if not isinstance(reasons, list) or len(reasons) != count:
        return [FieldError("matching.reasons", "reasons_count", {"count": count})]
    return [FieldError(f"matching.reasons.{index}", "reason_shape") for index, reason in enumerate(reasons)
            if not (isinstance(reason, dict) and set(reason) == {"code", "id", "en"}
                    and all(isinstance(text, str) and text for text in reason.values()))]


def _contribution_errors(contribution) -> list:
    if contribution is None:
        return []
    if not isinstance(contribution, dict) or not {"amount", "period"} <= set(contribution) <= CONTRIBUTION_KEYS:
        return [FieldError("matching.contribution", "record_type")]
    amount = contribution["amount"]
    errors = [] if _whole(amount) and amount >= 0 else [
        FieldError("matching.contribution.amount", "integer_min", {"min": 0})]
    if contribution["period"] not in values("benefit_period"):
        errors.append(FieldError("matching.contribution.period", "choice", {"choices": list(values("benefit_period"))}))
    if "class" in contribution and not (_whole(contribution["class"]) and contribution["class"] in HEALTH_CLASSES):
        errors.append(FieldError("matching.contribution.class", "choice", {"choices": list(HEALTH_CLASSES)}))
    payers = contribution.get("payers", ["self"])
    if not isinstance(payers, list) or not payers or any(payer not in PAYERS for payer in payers):
        errors.append(FieldError("matching.contribution.payers", "choice", {"choices": list(PAYERS)}))
    return errors


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def contribution_terms(programme: Programme) -> dict | None:
    """{"amount", "period", "class", "payers"} of a programme with a contribution, else None."""
    contribution = (programme.matching or {}).get("contribution")
    if not contribution:
        return None
    return {"class": None, "payers": ["self"], **contribution}


def check_entry(entry: dict, codes: set, *, lang: str = "id") -> tuple[dict, dict, list]:
    """(record, matching, errors) for one catalogue entry; `codes` are the programmes a rule may name."""
    if not isinstance(entry, dict):
        return {}, {}, [FieldError("record", "record_type")]
    data = {key: value for key, value in entry.items() if key != "matching"}
    rule = data.get("eligibility_rule")
    errors = _membership_errors(rule, codes) if rule is not None else []
    if rule is not None:
        data["eligibility_rule"] = _without_membership(rule)
    try:
        record, _ = load_record("programme", data, lang=lang)
        record = dump_record("programme", record)
    except ValidationFailure as failure:
        errors += failure.errors
        record = {}
    if rule is not None and record:
        record["eligibility_rule"] = _with_membership(record["eligibility_rule"], rule)
    matching = entry.get("matching", {})
    return record, matching, errors + _matching_errors(matching, rule if record else None)


def dependencies(record: dict) -> set:
    """The programmes whose lists a programme's rule reads."""
    found = set()
    for _, condition in membership_conditions(record.get("eligibility_rule")):
        found.update(condition["value"] if isinstance(condition["value"], list) else [condition["value"]])
    return found


def evaluation_order(records: dict) -> list:
    """Programme codes so that each comes after the programmes it reads. Raises CatalogueInvalid on a circle."""
    order, state = [], {}

    def visit(code, trail):
        if state.get(code) == "done":
            return
        if state.get(code) == "visiting":
            cycle = " -> ".join([*trail[trail.index(code):], code])
            raise CatalogueInvalid(errors=[FieldError(f"{trail[-1]}.eligibility_rule", "rule_programme_cycle",
                                                      {"cycle": cycle})])
        state[code] = "visiting"
        for needed in sorted(dependencies(records[code])):
            if needed in records:
                visit(needed, [*trail, code])
        state[code] = "done"
        order.append(code)

    for code in sorted(records):
        visit(code, [])
    return order


# Saving and reading ------------------------------------------------------------------------------

def save(uow, entries: list, *, actor: str, lang: str = "id") -> list:
    """Check and save catalogue entries (all or none); returns the codes that changed.

    Raises CatalogueInvalid with every error, field paths prefixed by the entry's code.
    """
    session = uow.session
    held = {p.code: p for p in session.execute(select(Programme)).scalars()}
    incoming = {entry.get("code"): entry for entry in entries if isinstance(entry, dict)}
    codes = set(held) | {code for code in incoming if isinstance(code, str)}
    checked, errors = {}, []
    for index, entry in enumerate(entries):
        record, matching, found = check_entry(entry, codes, lang=lang)
        prefix = record.get("code") or (entry.get("code") if isinstance(entry, dict) else None) or str(index)
        errors += [error.at(f"{prefix}.{error.field}") for error in found]
        checked[record.get("code")] = (record, matching)
    if errors:
        raise CatalogueInvalid(errors=errors)
    evaluation_order({**{code: p.record for code, p in held.items()}, **{c: r for c, (r, _) in checked.items()}})
    changed = [code for code, (record, matching) in checked.items()
               if _store(session, held.get(code), record, matching, actor, uow.now())]
    record_store.publish(session, [("programme", code, None) for code in changed])
    for code in changed:
        audit.record(uow, actor, "programme.saved", f"programme:{code}")
    uow.commit()
    return changed


def _store(session, held: Programme | None, record: dict, matching: dict, actor: str, now) -> bool:
    """Write one programme; False when it is the same as held."""
    matching = {"unit": "person", "priority": DEFAULT_PRIORITY, **matching}
    if held is not None and held.record == record and held.matching == matching:
        return False
    if held is None:
        held = Programme(code=record["code"], revision=0)
        session.add(held)
    held.name, held.guarantee, held.level = record["name"], record["guarantee"], record["level"]
    held.active, held.record, held.matching = record.get("active", True), record, matching
    held.revision, held.updated_at, held.updated_by = held.revision + 1, now, actor
    session.flush()
    return True


def load_file(uow, path=None, *, actor: str, lang: str = "id") -> list:
    """Save the catalogue in a JSON file (a list of entries); the shipped Kabupaten Malang one by default."""
    with open(path or SHIPPED, encoding="utf-8") as handle:
        entries = json.load(handle)
    return save(uow, entries, actor=actor, lang=lang)


def unverified_policy(programme: Programme) -> str:
    """"list" or "propose": what the programme's list does with residents awaiting verification."""
    return programme.matching.get("unverified") or ("propose" if programme.level == "national" else "list")


def programmes(session, active_only: bool = False) -> list:
    query = select(Programme).order_by(Programme.code)
    if active_only:
        query = query.where(Programme.active.is_(True))
    return list(session.execute(query).scalars())


def entry(programme: Programme) -> dict:
    """The feed entry of a programme: the record, its matching settings and its revision."""
    data = {**programme.record, "active": programme.active, "matching": programme.matching,
            "revision": programme.revision}
    return {"kind": "programme", "table": "programme", "id": programme.code, "data": data}


def feed_entries(session, refs) -> dict:
    """Feed loader for kind "programme": {code: entry}."""
    found = session.execute(select(Programme).where(Programme.code.in_(list(refs)))).scalars()
    return {programme.code: entry(programme) for programme in found}
