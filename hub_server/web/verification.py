"""The verification worklist in the admin UI (/verification): residents villages registered whom no
extract holds, confirmed from the documents seen or refused with a justification.

A sub-district officer sees and decides their sub-district's only. A refused form is shown again
with what was typed and each error beside its field.
"""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.errors import HubError, Invalid, NotFound
from hub_server.services import identity, person_file, verification
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import errors_by_field, flash_refusal, t
from schemas.choices import values

bp = Blueprint("verification", __name__, url_prefix="/verification")
PER_PAGE = 50


def _area() -> str:
    """The area asked for, within the officer's own."""
    asked = (request.args.get("area") or "").strip()
    own = g.actor.area
    if own and not (asked == own or asked.startswith(own + ".")):
        return own
    return asked


@bp.get("/")
@requires("verification.view")
def worklist_page():
    status = request.args.get("status") or "awaiting"
    area, search = _area(), (request.args.get("q") or "").strip()
    sort, descending = request.args.get("sort") or "registered", request.args.get("desc") == "1"
    with uow() as work:  # rendered inside the unit of work: the page reads the people it loaded
        page = verification.worklist(work.session, status=status, area=area or None, search=search, sort=sort,
                                     descending=descending, page=request.args.get("page", 1, type=int),
                                     per_page=PER_PAGE)
        counts = verification.counts(work.session, area or None)
        return render_template("verification/worklist.html", active="verification", page=page, counts=counts,
                               status=status, area=area, q=search, sort=sort, desc=descending,
                               statuses=verification.STATUSES)


def _person(work, person_id: int):
    person = person_file.person(work.session, person_id)
    if person is None or person.registered_record is None:
        raise NotFound(person_id=person_id)
    g.actor.require_area([person.village_code or ""])
    return person


def _render_person(person_id: int, *, form=None, errors=None, status: int = 200):
    with uow() as work:
        person = _person(work, person_id)
        household = person_file.household(work.session, person)
        members = identity.household_of(work.session, person)
        page = render_template("verification/person.html", active="verification", person=person,
                               household=household, members=members, form=form or {}, errors=errors or {},
                               documents=values("document"), suggested=verification.IDENTITY_DOCUMENTS,
                               page_url=url_for("verification.person_page", person_id=person_id))
    return page, status


@bp.get("/<int:person_id>")
@requires("verification.view")
def person_page(person_id):
    return _render_person(person_id)


@bp.post("/<int:person_id>/decide")
@requires("verification.decide")
def decide(person_id):
    form = {"decision": request.form.get("decision", ""), "reason": request.form.get("reason", ""),
            "justification": request.form.get("justification", ""),
            "documents": request.form.getlist("documents")}
    with uow() as work:
        _person(work, person_id)  # unknown (404) or outside the officer's area (403): no decision to take
    try:
        with uow(immediate=True) as work:
            if form["decision"] == "confirm":
                person = verification.confirm(work, person_id, user=g.actor.name, documents=form["documents"],
                                              reason=form["reason"])
            else:
                person = verification.refuse(work, person_id, user=g.actor.name,
                                             justification=form["justification"])
            name, nik, decided = person.name, person.nik, person.verification
    except Invalid as refusal:
        return _render_person(person_id, form=form, errors=errors_by_field(refusal), status=400)
    except HubError as refusal:
        flash_refusal(refusal)
        return redirect(url_for("verification.person_page", person_id=person_id))
    flash(t(f"verify.done_{decided}", name=name, nik=nik), "ok")
    return redirect(url_for("verification.worklist_page"))
