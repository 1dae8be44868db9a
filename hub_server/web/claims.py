"""Claims in the admin UI (/claims): the claims of the reader's area, recording one, and a claim's steps.

| page | what |
|---|---|
| /claims/ | the claims, paged, sorted and filtered on the server (programme, status, area, name/NIK/card) |
| /claims/new | record a member's claim with the catalogue's documents checklist (a refused form keeps what was typed) |
| /claims/<id> | the claim, its missing documents and its steps; the agency's answer (paid, refused) or a note |

Read with `applications.view`, recorded and answered with `applications.decide` (docs/payments.md, "Claims").
"""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.services import catalogue, claim_intake, claims
from hub_server.web import paging
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.choices import values
from schemas.claim_state import STATUSES
from schemas.errors import ValidationFailure

bp = Blueprint("claims", __name__, url_prefix="/claims")


def _programmes(session) -> list:
    """(code, name, claims checklist) of the programmes that pay on a claim."""
    return [(item.code, item.name, item.record.get("claims")) for item in catalogue.programmes(session)
            if item.record.get("claims")]


@bp.get("/")
@requires("applications.view")
def list_page():
    filters = claims.Filters(programme=paging.arg("programme").upper(), status=paging.arg("status"),
                             village=paging.arg("village"), search=paging.arg("q"), member=paging.arg("member"))
    with uow() as work:
        found = claims.page(work.session, g.actor, filters, paging.order("recorded", descending=True))
        programmes = _programmes(work.session)
    return render_template("claims/list.html", active="claims", page=found, filters=filters, statuses=STATUSES,
                           programmes=programmes, names={code: name for code, name, _ in programmes})


def _form_page(form: dict, errors: dict, status: int = 200):
    with uow() as work:
        programmes = _programmes(work.session)
    return render_template("claims/new.html", active="claims", form=form, errors=errors, programmes=programmes,
                           kinds=values("claim_kind"), documents=values("document")), status


@bp.get("/new")
@requires("applications.decide")
def new_page():
    return _form_page({"documents_present": []}, {})


@bp.post("/new")
@requires("applications.decide")
def record():
    form = claim_intake.read_form(request.form)
    try:
        with uow(immediate=True) as work:
            saved = claim_intake.record(work, g.actor, form, lang=current_language())
            claim_id = saved.id
    except ValidationFailure as failure:
        flash(t("claims.refused"), "error")
        return _form_page(form, {error["field"].split(".")[0]: error["message"]
                                 for error in failure.as_dicts(current_language())}, 400)
    flash(t("claims.saved", claim_id=claim_id), "ok")
    return redirect(url_for("claims.claim_page", claim_id=claim_id))


@bp.get("/<claim_id>")
@requires("applications.view")
def claim_page(claim_id, form=None, errors=None):
    with uow() as work:
        found = claims.claim_file(work.session, g.actor, claim_id)
        names = {code: name for code, name, _ in _programmes(work.session)}
        return render_template("claims/claim.html", active="claims", names=names, form=form or {},
                               errors=errors or {}, reasons=values("claim_refusal_reason"), **found)


ANSWER_FIELDS = ("kind", "amount_paid", "paid_on", "refusal_reason", "agency_reference", "text", "date")


@bp.post("/<claim_id>/answer")
@requires("applications.decide")
def answer(claim_id):
    form = {name: request.form.get(name, "") for name in ANSWER_FIELDS}
    try:
        with uow(immediate=True) as work:
            claims.answer(work, g.actor, claim_id, form, lang=current_language())
    except ValidationFailure as failure:
        errors = {error["field"]: error["message"] for error in failure.as_dicts(current_language())}
        return claim_page(claim_id, form=form, errors=errors), 400
    flash(t("claims.answer_saved"), "ok")
    return redirect(url_for("claims.claim_page", claim_id=claim_id))
