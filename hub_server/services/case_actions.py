"""What the LTSA does at the hub on a case: it answers a referral, as a `case_event` the hub appends.

A village's task force refers a person to the LTSA (the one-roof service for migrant workers) as a
prospective migrant worker's case with a `referral` event (docs/cases.md, "Village task force"). At
the hub a case worker or a district admin answers it: `accepted`, `served` or `declined`, with a
note. The answer is checked as a laptop checks an event (the schema, then the case's state: the
referral must be the case's and not answered for good yet), under the hub's write lock, and written
as a new record with a hub-made id (`hub-<n>`) in the feed of the case's village, so its laptops
receive it at their next sync. Reading the case to answer it is audited as any read of its file.
"""

from hub_server.models.records import Record
from hub_server.services import audit, cases, complaints
from hub_server.services.complaint_actions import officer_name, write_event
from hub_server.services.record_store import lock_writes
from schemas.case_state import event_errors, next_step
from schemas.dates import iso_datetime
from schemas.errors import ValidationFailure
from schemas.records import dump_record, load_record


def answer_referral(uow, actor, case_id: str, form: dict, *, lang: str = "id") -> Record:
    """Answer one of a case's referrals (`form`: referral_id, referral_answer, text, date). Returns the event.

    Raises NotFound or Forbidden as reading the case file does, ValidationFailure naming the field and the
    rule (an unknown answer, a referral not the case's or answered already): nothing is saved then."""
    session = uow.session
    lock_writes(session)  # the state checked is the state the answer is appended to
    found = cases.case_file(uow, actor, case_id)
    state, today = found["state"], uow.today_in(found["record"].village_code)
    event = {"id": "hub-0", "case_id": case_id, "kind": "referral_answer", "officer": officer_name(actor),
             "time": iso_datetime(uow.now()), "date": (form.get("date") or "").strip() or today.isoformat(),
             "step": next_step(state), **{name: (form.get(name) or "").strip() or None
                                          for name in ("referral_id", "referral_answer", "text")}}
    loaded, _ = load_record("case_event", {k: v for k, v in event.items() if v is not None}, lang=lang, today=today)
    clean = dump_record("case_event", loaded)
    errors = event_errors(state, clean)
    if errors:
        raise ValidationFailure(errors, lang=lang)
    clean["id"] = f"hub-case-{complaints.next_count(session, 'case_event')}"  # apart from the desk's hub-<n>
    saved = write_event(session, "case_event", found["record"].village_code, clean)
    cases.refresh(session, [case_id])
    audit.record(uow, actor, "case.referral_answer", f"case:{case_id}", event=saved.id,
                 answer=clean["referral_answer"])
    uow.commit()
    return saved
