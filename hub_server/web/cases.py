"""Cases in the admin UI (/cases): the cases of the reader's area, and a case's file with its timeline.

| page | what |
|---|---|
| /cases/ | the cases, paged, sorted and filtered on the server (status, kind, village or area, name/NIK/KK) |
| /cases/<id> | the case, its state (plan, referrals, migrant worker's record) and its timeline; the read is audited |
| POST /cases/<id>/answer | the LTSA answers a referral of the case (a refused answer is shown again, typed, with why) |

A crisis case is listed and opened only by the case worker in charge and district admins; others
read how many are withheld. Counselling notes are left out of the timeline for them (docs/cases.md).
"""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.services import case_actions, cases
from hub_server.web import paging
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.case_needs import answer_text, questions
from schemas.choices import values
from schemas.errors import ValidationFailure

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.get("/")
@requires("cases.view")
def list_page():
    filters = cases.Filters(status=paging.arg("status"), kind=paging.arg("kind"), village=paging.arg("village"),
                            search=paging.arg("q"))
    with uow() as work:
        found = cases.page(work.session, g.actor, filters, paging.order("opened", descending=True))
        people = cases.officer_names(work.session, [row["officer"] for row in found.items])
    return render_template("cases/list.html", active="cases", page=found, filters=filters, people=people,
                           statuses=cases.STATUSES, kinds=values("case_kind"))


@bp.get("/<case_id>")
@requires("cases.view")
def case_page(case_id, form=None, errors=None):
    with uow() as work:
        found = cases.case_file(work, g.actor, case_id)
        work.commit()  # the read is in the audit log before the page is shown
        names = cases.service_names(work.session, found["state"])
        people = cases.officer_names(work.session, [found["case"].get("officer")]
                                     + [event.get("officer") for event in found["events"]])
        return render_template("cases/case.html", active="cases", names=names, people=people, questions=questions(),
                               answer_text=answer_text, answers=values("referral_answer"), form=form or {},
                               errors=errors or {}, **found)


ANSWER_FIELDS = ("referral_id", "referral_answer", "text", "date")


@bp.post("/<case_id>/answer")
@requires("cases.view")
def answer(case_id):
    form = {name: request.form.get(name, "") for name in ANSWER_FIELDS}
    try:
        with uow() as work:
            case_actions.answer_referral(work, g.actor, case_id, form, lang=current_language())
    except ValidationFailure as failure:
        errors = {error["field"]: error["message"] for error in failure.as_dicts(current_language())}
        return case_page(case_id, form=form, errors=errors), 400
    flash(t("cases.answer_saved"), "ok")
    return redirect(url_for("cases.case_page", case_id=case_id))
