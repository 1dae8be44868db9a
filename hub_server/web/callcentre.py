"""The call centre (/callcentre): find a person by NIK or name, see what the hub knows, log every call.

The person page shows identity and where each value came from, the household, each programme's
verdict part by part, list places and community corrections, applications and complaints (each with
the state derived from its history), and the call form with the caller filled in. A call from
someone the population does not hold is logged at /callcentre/calls/new with their name, NIK and
village as told. A call that records a complaint makes a synced complaint record of the village
(channel call_centre); with an answer it is settled at once (`services/call_log.py`). The call log
(/callcentre/calls) pages and filters on the server; the directory of services (/callcentre/directory)
is searchable. A complaint's page shows its form, state and history, and its receipt for the
complainant prints from the browser. Every search and every person's page opened is in the audit
log. A sub-district officer sees the people, calls and complaints of their sub-district only.
"""

import datetime as dt

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from hub_server.errors import Invalid, NotFound
from hub_server.messages import field_message
from hub_server.services import call_log, catalogue, complaints, directory, identity, person_file, sensitive_cases
from hub_server.web.district_day import district_today
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.choices import values
from schemas.dates import age_on
from schemas.sensitive import is_sensitive

bp = Blueprint("callcentre", __name__, url_prefix="/callcentre")


@bp.app_template_global("age_of")
def age_of(birth_date) -> str:
    return str(age_on(birth_date, district_today())) if birth_date else "—"


@bp.app_template_global("rupiah")
def rupiah(amount) -> str:
    return "—" if amount is None else "Rp" + f"{amount:,}".replace(",", ".")


def _visible(person) -> bool:
    return g.actor.covers([person.village_code or ""])


def _zone() -> str:
    return current_app.config["DISPLAY_TIMEZONE"]


@bp.get("/")
@requires("callcentre.view")
def search():
    text = (request.args.get("q") or "").strip()
    with uow() as work:  # pages render inside the unit of work: they read what it loaded
        found = [p for p in identity.find_people(work.session, text) if _visible(p)] if text else []
        page = render_template("callcentre/search.html", active="callcentre", q=text, people=found)
        if text:
            call_log.looked_up(work, g.actor, query=text, found=len(found))
        return page


def _load(session, person_id: int):
    person = person_file.person(session, person_id)
    if person is None or not _visible(person):
        raise NotFound(path=request.path)
    return person


def _choices(session) -> dict:
    """What the call form offers: villages by sub-district, programmes, services, topics, outcomes, categories."""
    return {"villages": call_log.villages(session, g.actor, current_app.config["DISTRICT_CODE"]),
            "programmes": catalogue.programmes(session, active_only=True), "services": directory.find(session),
            "topics": values("call_topic"), "outcomes": values("call_outcome"),
            "categories": values("complaint_category")}


def _person_page(work, person, *, form=None, errors=None, status=200):
    file = person_file.file(work.session, person, sees_sensitive=sensitive_cases.sees(g.actor))
    page = render_template("callcentre/person.html", active="callcentre", form=form or {"topic": "complaint"},
                           errors=errors or {}, **{**_choices(work.session), **file})
    return page, status


@bp.get("/person/<int:person_id>")
@requires("callcentre.view")
def person_page(person_id):
    with uow() as work:
        person = _load(work.session, person_id)
        page = _person_page(work, person)
        call_log.looked_up(work, g.actor, person=person)
        return page


# The person page's complaint form before the call log: its fields, as the call form names them.
OLD_COMPLAINT_FORM = {"description": "summary", "complainant_phone": "caller_phone", "category": "category",
                      "programme_code": "programme_code", "desired_action": "desired_action",
                      "officer_in_charge": "officer_in_charge"}


@bp.post("/person/<int:person_id>/complaint")
@requires("callcentre.complain")
def complain(person_id):
    """A complaint from the person's page, as a call whose outcome is a complaint recorded."""
    form = {new: request.form.get(old, "").strip() for old, new in OLD_COMPLAINT_FORM.items()}
    return _log_call({**form, "topic": "complaint", "outcome": "complaint_recorded"}, person_id)


@bp.get("/calls")
@requires("callcentre.view")
def calls_page():
    args = request.args
    filters = call_log.Filters(date_from=_date(args.get("from")), date_to=_date(args.get("to")),
                               topic=args.get("topic") if args.get("topic") in values("call_topic") else "",
                               outcome=args.get("outcome") if args.get("outcome") in values("call_outcome") else "",
                               village=(args.get("village") or "").strip(), page=args.get("page", 1, type=int))
    with uow() as work:
        found = call_log.calls(work.session, g.actor, filters, zone=_zone(),
                               per_page=current_app.config["DESK_PAGE_SIZE"])
        return render_template("callcentre/calls.html", active="callcentre", page=found, filters=filters,
                               **_choices(work.session))


def _date(text) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


@bp.get("/calls/new")
@requires("callcentre.complain")
def new_call():
    with uow() as work:
        return render_template("callcentre/call_new.html", active="callcentre", form={}, errors={}, person=None,
                               **_choices(work.session))


@bp.post("/calls")
@requires("callcentre.complain")
def log_call():
    form = {key: request.form.get(key, "").strip() for key in call_log.FORM}
    return _log_call(form, request.form.get("person_id", type=int))


def _log_call(form: dict, person_id: int | None):
    """Log the call; a refusal shows the form again with what was typed and each error beside its field."""
    with uow() as work:
        person = _load(work.session, person_id) if person_id else None
        try:
            call = call_log.log(work, g.actor, form, person=person, lang=current_language(), today=district_today())
        except Invalid as refusal:
            errors = {error.field: field_message(call_log.AS_COMPLAINT.get(error.field, error.field), error.rule,
                                                 current_language(), **error.params) for error in refusal.errors}
            if person is not None:
                return _person_page(work, person, form=form, errors=errors, status=400)
            return render_template("callcentre/call_new.html", active="callcentre", form=form, errors=errors,
                                   person=None, **_choices(work.session)), 400
        reference, complaint_id, settled = call.complaint_reference, call.complaint_id, bool(call.answer)
        withheld = (complaint_id is not None and is_sensitive({"category": form.get("category")})
                    and not sensitive_cases.sees(g.actor))
    if withheld:  # recorded, and from now on the protection unit's: the officer who took the call is told so
        flash(t("cc.logged_sensitive", reference=reference), "ok")
        if person_id:
            return redirect(url_for("callcentre.person_page", person_id=person_id))
        return redirect(url_for("callcentre.calls_page"))
    if complaint_id is None:
        flash(t("calls.logged"), "ok")
        return redirect(url_for("callcentre.calls_page"))
    flash(t("calls.logged_settled" if settled else "calls.logged_complaint", reference=reference), "ok")
    return redirect(url_for("callcentre.complaint_page", record_id=complaint_id))


@bp.get("/directory")
@requires("callcentre.view")
def directory_page():
    args = request.args
    kind = args.get("kind") if args.get("kind") in values("service_kind") else ""
    text, area = (args.get("q") or "").strip(), (args.get("area") or "").strip()
    with uow() as work:
        found = directory.find(work.session, text=text, kind=kind, area=area)
        return render_template("callcentre/directory.html", active="callcentre", services=found, q=text, kind=kind,
                               area=area, kinds=values("service_kind"),
                               villages=call_log.villages(work.session, g.actor, current_app.config["DISTRICT_CODE"]))


def _complaint_file(session, record_id: str) -> dict:
    record = complaints.complaint(session, record_id)
    if record is None or not g.actor.covers([record.village_code or ""]):
        raise NotFound(path=request.path)
    if is_sensitive(record.data) and not sensitive_cases.sees(g.actor):
        raise NotFound(path=request.path)  # a sensitive case is not there for those who need not know
    return complaints.complaint_file(session, record)


@bp.get("/complaint/<record_id>")
@requires("callcentre.view")
def complaint_page(record_id):
    with uow() as work:
        found = _complaint_file(work.session, record_id)
        programme = person_file.programme_name(work.session, found["complaint"].get("programme_code"))
        return render_template("callcentre/complaint.html", active="callcentre", programme_name=programme, **found)


@bp.get("/complaint/<record_id>/receipt")
@requires("callcentre.view")
def complaint_receipt(record_id):
    """The receipt for the complainant (tanda terima), a page to print."""
    with uow() as work:
        found = _complaint_file(work.session, record_id)
        programme = person_file.programme_name(work.session, found["complaint"].get("programme_code"))
        return render_template("callcentre/receipt.html", programme_name=programme, **found)
