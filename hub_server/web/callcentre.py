"""The call centre (/callcentre): find a person by NIK or name, see what the hub knows, log a complaint.

The person page shows identity and where each value came from, the household, each programme's
verdict part by part, list places and community corrections, applications and complaints, and a
form to log a complaint (a synced complaint record of the person's village, channel call_centre).
A sub-district officer sees the people of their sub-district only.
"""

import datetime as dt

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from hub_server.errors import NotFound
from hub_server.models.population import Household, HouseholdKk, Inconsistency, Person
from hub_server.models.programmes import Application
from hub_server.services import catalogue, identity, matching
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.choices import values
from schemas.dates import age_on
from schemas.errors import ValidationFailure

bp = Blueprint("callcentre", __name__, url_prefix="/callcentre")


@bp.app_template_global("age_of")
def age_of(birth_date) -> str:
    return str(age_on(birth_date, dt.date.today())) if birth_date else "—"


@bp.app_template_global("rupiah")
def rupiah(amount) -> str:
    return "—" if amount is None else "Rp" + f"{amount:,}".replace(",", ".")


def _visible(person: Person) -> bool:
    return g.actor.covers([person.village_code or ""])


@bp.get("/")
@requires("callcentre.view")
def search():
    text = (request.args.get("q") or "").strip()
    with uow() as work:  # pages render inside the unit of work: they read what it loaded
        found = [p for p in identity.find_people(work.session, text) if _visible(p)] if text else []
        return render_template("callcentre/search.html", active="callcentre", q=text, people=found)


def _person_file(session, person: Person) -> dict:
    household = session.get(Household, person.household_id) if person.household_id else None
    history = list(session.execute(select(HouseholdKk).where(HouseholdKk.household_id == person.household_id)
                                   .order_by(HouseholdKk.issued.nulls_first()))) if household else []
    return {"person": person, "household": household, "history": [row[0] for row in history],
            "members": identity.household_of(session, person), "verdicts": matching.explain(session, person.id),
            "applications": list(session.execute(select(Application).where(Application.person_id == person.id)
                                                 .order_by(Application.record_id)).scalars()),
            "complaints": identity.complaints_about(session, person),
            "inconsistencies": list(session.execute(select(Inconsistency).where(
                Inconsistency.nik == person.nik, Inconsistency.status == "open")).scalars()),
            "programmes": catalogue.programmes(session, active_only=True)}


def _load(session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or not _visible(person):
        raise NotFound(path=request.path)
    return person


@bp.get("/person/<int:person_id>")
@requires("callcentre.view")
def person_page(person_id):
    with uow() as work:
        file = _person_file(work.session, _load(work.session, person_id))
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
            file = _person_file(work.session, person)
            return render_template("callcentre/person.html", active="callcentre", form=form,
                                   categories=values("complaint_category"),
                                   errors=failure.as_dicts(current_language()), **file), 400
        reference = record.data["reference_number"]
    flash(t("cc.logged", reference=reference), "ok")
    return redirect(url_for("callcentre.person_page", person_id=person_id))
