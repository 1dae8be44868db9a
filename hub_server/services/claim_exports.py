"""Claims passed to the agency as a file, and the agency's answers read back (docs/payments.md, "Claims").

`export` writes the claims of one programme not yet passed (status `recorded`, in the actor's area) as
CSV, one row a claim (`COLUMNS`), and marks each passed: a `submitted_to_agency` event naming the file,
in the audit log, and in its village's feed. A claim whose person the hub holds no membership for on
the day it happened is held back (`held_back`): the agency would refuse it, and the laptop that
recorded it may have had an old copy of the memberships. The export itself goes to the audit log with who made it,
why, the programme and how many. The file is written beside its name first and put in place only
when the claims are marked, so a failed export leaves neither a file nor a claim marked.

`read_outcomes` reads the agency's answer file (`OUTCOME_COLUMNS`): each row a claim paid (amount and
day) or refused (a reason of `claim_refusal_reason`). The file is checked whole: a row that breaks a
rule (an unknown claim, a claim not passed yet, a wrong amount, date or reason, or an answer that
contradicts the one recorded) is reported by line, field and rule, and then nothing is saved. A row
that repeats what the claim already holds changes nothing, so reading the same file again changes
nothing.
"""

import csv
import io
import os
from pathlib import Path

from sqlalchemy import select

from hub_server.errors import FieldError, Invalid, NotFound
from hub_server.models.claims import ClaimStateRow
from hub_server.models.programmes import Programme
from hub_server.services import audit, claims
from hub_server.services.record_store import lock_writes
from schemas.errors import ValidationFailure
from schemas.money import check_rupiah
from schemas.region import region_name

COLUMNS = ("claim_id", "programme_code", "claim_kind", "nik", "name", "card_number", "village_code", "village_name",
           "happened_on", "recorded_on", "amount_claimed", "documents_present", "documents_missing", "notes")
OUTCOME_COLUMNS = ("claim_id", "outcome", "amount_paid", "paid_on", "refusal_reason", "agency_reference", "note")
MAX_REASON = 500


def _row(record, state) -> list:
    data = record.data
    return [record.id, data["programme_code"], data["claim_kind"], data["nik"], data["name"], data["card_number"],
            record.village_code, region_name(record.village_code) or "", data["happened_on"], data["recorded_on"],
            data.get("amount_claimed") or "", " ".join(data.get("documents_present") or ()),
            " ".join(state.missing_documents), data.get("notes") or ""]


def _waiting(session, actor, programme_code: str, *, members: bool = True) -> list:
    """The claims of the programme not passed yet whose person was a member on the day (`members`), or not."""
    member = claims.member_on_the_day(session)
    query = (select(ClaimStateRow.claim_id).where(ClaimStateRow.programme_code == programme_code,
                                                  ClaimStateRow.status == "recorded", member if members else ~member)
             .order_by(ClaimStateRow.recorded_on, ClaimStateRow.claim_id))
    if actor.area:
        query = query.where(claims.within(actor.area))
    return list(session.execute(query).scalars())


def held_back(session, actor, programme_code: str) -> int:
    """How many claims of the programme an export leaves out: not passed yet, but their person held no membership
    at the hub on the day it happened (they wait on /claims?member=no for a person to look at)."""
    return len(_waiting(session, actor, programme_code.strip().upper(), members=False))


def export(uow, actor, programme_code: str, out: Path, *, reason: str, lang: str = "id") -> int:
    """Write the programme's claims not yet passed to `out` and mark them passed; returns how many.

    Raises Forbidden (applications.decide), NotFound (no such programme), Invalid (no reason given)."""
    actor.require("applications.decide")
    reason, code, session = (reason or "").strip(), programme_code.strip().upper(), uow.session
    if not reason or len(reason) > MAX_REASON:
        raise Invalid([FieldError("reason", "required" if not reason else "text_too_long",
                                  {"max": MAX_REASON, "length": len(reason)})])
    if session.get(Programme, code) is None:
        raise NotFound(path=f"programme/{code}")
    lock_writes(session)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    ids = _waiting(session, actor, code)
    for claim_id in ids:
        found = claims.claim_file(session, actor, claim_id)
        writer.writerow(_row(found["record"], found["state"]))
        claims.append_event(uow, actor, claim_id, {"kind": "submitted_to_agency", "agency_reference": out.name},
                            lang=lang, audit_detail={"file": out.name})
    audit.record(uow, actor, "claims.export", f"programme:{code}", programme=code, rows=len(ids), file=out.name,
                 reason=reason)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        uow.commit()
    except Exception:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, out)
    return len(ids)


def _same(state, row: dict) -> bool:
    """The row repeats the answer the claim holds (a file read again)."""
    if row["outcome"] == "paid" and state.status == "paid":
        return state.amount_paid == check_rupiah(row.get("amount_paid")).value and state.paid_on == row.get("paid_on")
    return row["outcome"] == "refused" and state.status == "refused" and state.refusal_reason == row.get(
        "refusal_reason")


def _form(row: dict) -> dict:
    return {"kind": row["outcome"], "amount_paid": row.get("amount_paid"), "paid_on": row.get("paid_on"),
            "refusal_reason": row.get("refusal_reason"), "agency_reference": row.get("agency_reference"),
            "text": row.get("note")}


def _apply_row(uow, actor, row: dict, lang: str) -> str:
    """"paid", "refused" or "unchanged"; raises NotFound, Forbidden, ValidationFailure, Invalid."""
    if row.get("outcome") not in ("paid", "refused"):
        raise Invalid([FieldError("outcome", "choice", {"choices": "paid, refused"})])
    found = claims.claim_file(uow.session, actor, row.get("claim_id") or "-")
    if _same(found["state"], row):
        return "unchanged"
    claims.append_event(uow, actor, found["record"].id, _form(row), lang=lang)
    return row["outcome"]


def read_outcomes(uow, actor, text: str, *, file_name: str, lang: str = "id") -> dict:
    """Record the agency's answers of an outcome file; returns {"paid", "refused", "unchanged"} counts.

    Raises Invalid with every bad row's errors as fields `line <n>: <field>` (nothing saved then)."""
    actor.require("applications.decide")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in ("claim_id", "outcome") if name not in (reader.fieldnames or ())]
    if missing:
        raise Invalid([FieldError(f"header: {name}", "required") for name in missing])
    counts, errors = {"paid": 0, "refused": 0, "unchanged": 0}, []
    for line, raw in enumerate(reader, start=2):
        row = {name: (value or "").strip() for name, value in raw.items() if name}
        try:
            counts[_apply_row(uow, actor, row, lang)] += 1
        except NotFound:
            errors.append(FieldError(f"line.{line}.claim_id", "claim_unknown", {"claim_id": row.get("claim_id")}))
        except (ValidationFailure, Invalid) as failure:
            errors += [FieldError(f"line.{line}.{error.field}", error.rule, error.params) for error in failure.errors]
    if errors:
        uow.rollback()
        raise Invalid(errors)
    audit.record(uow, actor, "claims.outcomes", f"file:{file_name}", file=file_name, **counts)
    uow.commit()
    return counts
