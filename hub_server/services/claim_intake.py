"""Recording a claim at the hub (a district officer at the SWS desk), as a laptop records one in the village.

The claimant is found by NIK among the members of the programme: a claim is only for a member, and
the card number is the membership's (typed, it must be the same). The claim is checked with the
records' schema and against the programme's documents checklist (`schemas.claim.checklist_errors`);
every broken rule is reported at once, naming its field, and nothing is saved. A claim that passes is
a `claim` record with a hub-made id (`hub-claim-<n>`) in the feed of the member's village, so the
village's laptops hold it as if recorded there (docs/payments.md, "Claims").
"""

from sqlalchemy import select

from hub_server.models.payments import Membership
from hub_server.models.population import Person
from hub_server.services import audit, claims, complaints
from hub_server.services.complaint_actions import officer_name, write_event
from hub_server.services.record_store import lock_writes
from schemas.claim import checklist_errors, membership_errors
from schemas.errors import ValidationFailure
from schemas.records import dump_record, load_record

FIELDS = ("nik", "programme_code", "card_number", "claim_kind", "happened_on", "amount_claimed", "notes")


def read_form(posted) -> dict:
    """The inputs of a posted form (a werkzeug MultiDict), trimmed; kept as typed when refused."""
    form = {name: (posted.get(name) or "").strip() for name in FIELDS}
    form["documents_present"] = posted.getlist("documents_present")
    return form


def _membership(session, nik: str, programme_code: str):
    query = (select(Membership, Person.name).join(Person, Person.id == Membership.person_id)
             .where(Membership.nik == nik, Membership.programme_code == programme_code)
             .order_by(Membership.start_date.desc()))
    return session.execute(query).first()


def record(uow, actor, form: dict, *, lang: str = "id"):
    """Record a claim from the hub's form. Returns the claim's record.

    Raises Forbidden (not the actor's to record, or a member outside the actor's area), ValidationFailure
    with every broken rule (nothing saved)."""
    actor.require("applications.decide")
    session = uow.session
    lock_writes(session)
    form = {**form, "programme_code": (form.get("programme_code") or "").strip().upper()}
    found = _membership(session, form.get("nik") or "", form["programme_code"])
    today = uow.today_in(found.Membership.village_code if found else actor.area)
    held = [{"programme": found.Membership.programme_code, "number": found.Membership.number}] if found else []
    errors = membership_errors(form, held)
    membership = found.Membership if found else None
    if membership is not None:
        actor.require_area([membership.village_code or ""])
    data = {"id": "hub-claim-0", "recorded_on": today.isoformat(), "officer": officer_name(actor),
            **({"village_code": membership.village_code, "name": found.name,
                "card_number": form.get("card_number") or membership.number} if membership else {}),
            **{name: form[name] for name in ("nik", "programme_code", "claim_kind", "happened_on", "amount_claimed",
                                            "notes") if form.get(name)},
            "documents_present": list(form.get("documents_present") or [])}
    clean = _checked(session, data, errors, lang=lang, today=today, member=membership is not None)
    clean["id"] = f"hub-claim-{complaints.next_count(session, 'claim')}"
    saved = write_event(session, "claim", clean["village_code"], clean)
    claims.refresh(session, [saved.id])
    audit.record(uow, actor, "claim.recorded", f"claim:{saved.id}", programme=clean["programme_code"],
                 kind=clean["claim_kind"], village=clean["village_code"])
    uow.commit()
    return saved


def _checked(session, data: dict, errors: list, *, lang: str, today, member: bool) -> dict:
    """The claim loaded and checked against its checklist; ValidationFailure with every error found."""
    try:
        clean = dump_record("claim", load_record("claim", data, lang=lang, today=today)[0])
    except ValidationFailure as failure:
        # Without a membership there is no card, village or name to take: the membership's error says why.
        taken = {*(error.field for error in errors), *(() if member else ("village_code", "name", "card_number"))}
        raise ValidationFailure(errors + [error for error in failure.errors if error.field not in taken],
                                lang=lang) from None
    programme = claims.programme_records(session, [clean["programme_code"]]).get(clean["programme_code"])
    errors = errors + (checklist_errors(clean, programme) if programme else [])
    if errors:
        raise ValidationFailure(errors, lang=lang)
    return clean
