"""The call centre (/callcentre): find a person by NIK or name, see what the hub knows, log a complaint.

The person page shows identity and where each value came from, the household, each programme's
verdict part by part, list places and community corrections, applications and complaints (each with
the state derived from its history), and a form to log a complaint (a synced complaint record of the
person's village, channel call_centre). A complaint's page shows its form, state and history, and its
receipt for the complainant prints from the browser. A sub-district officer sees the people and
complaints of their sub-district only.
"""

import datetime as dt

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.errors import NotFound
from hub_server.services import complaints, identity, person_file, sensitive_cases
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.choices import values
from schemas.dates import age_on
from schemas.errors import ValidationFailure
from schemas.sensitive import is_sensitive

bp = Blueprint("callcentre", __name__, url_prefix="/callcentre")


@bp.app_template_global("age_of")
def age_of(birth_date) -> str:
    return str(age_on(birth_date, dt.date.today())) if birth_date else "—"


@bp.app_template_global("rupiah")
def rupiah(amount) -> str:
    return "—" if amount is None else "Rp" + f"{amount:,}".replace(",", ".")


def _visible(person) -> bool:
    return g.actor.covers([person.village_code or ""])


@bp.get("/")
@requires("callcentre.view")
def search():
    text = (request.args.get("q") or "").strip()
    with uow() as work:  # pages render inside the unit of work: they read what it loaded
        found = [p for p in identity.find_people(work.session, text) if _visible(p)] if text else []
        return render_template("callcentre/search.html", active="callcentre", q=text, people=found)


def _load(session, person_id: int):
    person = person_file.person(session, person_id)
    if person is None or not _visible(person):
        raise NotFound(path=request.path)
    return person


@bp.get("/person/<int:person_id>")
@requires("callcentre.view")
def person_page(person_id):
    with uow() as work:
        file = person_file.file(work.session, _load(work.session, person_id),
                                sees_sensitive=sensitive_cases.sees(g.actor))
        return render_template("callcentre/person.html", active="callcentre",
                               categories=values("complaint_category"), form={}, errors=[], **file)


@bp.post("/person/<int:person_id>/complaint")
@requires("callcentre.complain")
def complain(person_id):
    form = {key: request.form.get(key, "").strip() for key in identity.COMPLAINT_FORM}
    with uow() as work:
        person = _load(work.session, person_id)
        try:
            record = identity.log_complaint(work, actor=g.actor.name, person=person, form=form,
                                            lang=current_language())
        except ValidationFailure as failure:
            file = person_file.file(work.session, person, sees_sensitive=sensitive_cases.sees(g.actor))
            return render_template("callcentre/person.html", active="callcentre", form=form,
                                   categories=values("complaint_category"),
                                   errors=failure.as_dicts(current_language()), **file), 400
        reference, record_id = record.data["reference_number"], record.id
        withheld = is_sensitive(record.data) and not sensitive_cases.sees(g.actor)
    if withheld:  # recorded, and from now on the protection unit's: the officer who took the call is told so
        flash(t("cc.logged_sensitive", reference=reference), "ok")
        return redirect(url_for("callcentre.person_page", person_id=person_id))
    flash(t("cc.logged", reference=reference), "ok")
    return redirect(url_for("callcentre.complaint_page", record_id=record_id))


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
