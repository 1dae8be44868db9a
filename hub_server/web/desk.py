"""The complaints desk (/desk): queues per level, a complaint's page with its actions, the case file.

| page | what |
|---|---|
| /desk/ | the queue of the viewer's own level (sub-district officer: sub-district; technical unit: SKPD) |
| /desk/queue/<level> | one level's complaints, paged, sorted and filtered on the server, overdue flagged |
| /desk/queue/sensitive | every sensitive case at any level, for those who see them (district admin, protection unit) |
| /desk/flagged | complaints with events that did not apply |
| /desk/complaint/<id> | form, state, age and due date, history, and the actions the viewer may take |
| /desk/complaint/<id>/case-file(.json, .pdf) | the case file for the ombudsman or SP4N-LAPOR!: printable, JSON or PDF |

Each action posts one form; a refused one is shown again with what was typed and the rule broken.
"""

import datetime as dt
import json
import os

from flask import Blueprint, Response, current_app, flash, g, redirect, render_template, request, url_for
from markupsafe import Markup

from hub_server.errors import NotFound
from hub_server.reports import render
from hub_server.services import complaint_actions, complaint_desk, sensitive_cases
from hub_server.web.district_day import district_today
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from schemas.choices import values
from schemas.errors import ValidationFailure

bp = Blueprint("desk", __name__, url_prefix="/desk")
HOME_LEVEL = {"sub_district_officer": "sub_district", "technical_unit": "skpd",
              "protection_unit": complaint_desk.SENSITIVE_QUEUE}


def _days() -> dict:
    return complaint_desk.days_per_level(current_app.config)



@bp.get("/")
@requires("desk.view")
def queue_home():
    return redirect(url_for("desk.queue_page", level=HOME_LEVEL.get(g.actor.role, "district")))


def _filters(level: str) -> complaint_desk.Filters:
    args = request.args
    return complaint_desk.Filters(
        level=level, status=args.get("status") if args.get("status") in complaint_desk.STATUSES else "active",
        search=(args.get("q") or "").strip(), village=(args.get("village") or "").strip(),
        programme=(args.get("programme") or "").strip(), overdue=args.get("overdue") == "1",
        flagged=args.get("flagged") == "1",
        sort=args.get("sort") if args.get("sort") in complaint_desk.SORTS else "due",
        descending=args.get("desc") == "1", page=args.get("page", 1, type=int))


@bp.get("/queue/<level>")
@requires("desk.view")
def queue_page(level):
    sensitive_queue = level == complaint_desk.SENSITIVE_QUEUE and sensitive_cases.sees(g.actor)
    if level not in complaint_desk.DESK_LEVELS and not sensitive_queue:
        raise NotFound(path=request.path)
    filters = _filters(level)
    with uow() as work:  # rendered inside the unit of work: the page reads the rows it loaded
        page = complaint_desk.queue(work.session, g.actor, filters, days=_days(), today=district_today(),
                                    per_page=current_app.config["DESK_PAGE_SIZE"])
        names = complaint_desk.programme_names(work.session, [item["row"].programme_code for item in page.items])
        flagged = complaint_desk.flagged_count(work.session, g.actor)
        withheld = complaint_desk.withheld_count(work.session, g.actor)
        return render_template("desk/queue.html", active="desk", page=page, filters=filters, withheld=withheld,
                               sees_sensitive=sensitive_cases.sees(g.actor),
                               levels=complaint_desk.DESK_LEVELS, days=_days(), programme_names=names, flagged=flagged,
                               statuses=complaint_desk.STATUSES, sorts=tuple(complaint_desk.SORTS))


@bp.get("/flagged")
@requires("desk.view")
def flagged_page():
    with uow() as work:
        page = complaint_desk.flagged(work.session, g.actor, page=request.args.get("page", 1, type=int),
                                      per_page=current_app.config["DESK_PAGE_SIZE"])
        return render_template("desk/flagged.html", active="desk", page=page)


def _record(session, record_id: str):
    record = complaint_desk.find(session, g.actor, record_id)
    if record is None:
        raise NotFound(path=request.path)
    return record


def _render(record_id: str, *, action: str = "", form=None, errors=(), status: int = 200):
    with uow() as work:
        found = complaint_desk.desk_file(work.session, g.actor, _record(work.session, record_id), days=_days(),
                                         today=district_today())
        page = render_template("desk/complaint.html", active="desk", days=_days(), failed=action, form=form or {},
                               errors=list(errors), handover_to=complaint_actions.HANDOVER_TO,
                               protection_units=values("protection_unit"),
                               page_url=url_for("desk.complaint_page", record_id=record_id), **found)
    return page, status


@bp.get("/complaint/<record_id>")
@requires("desk.view")
def complaint_page(record_id):
    return _render(record_id)


@bp.post("/complaint/<record_id>/<action>")
@requires("desk.act")
def act(record_id, action):
    form = {key: request.form.get(key, "") for key in ("text", "officer_in_charge", "date", "to", "referred_to")}
    try:
        with uow() as work:
            complaint_actions.act(work, g.actor, record_id, action, form, lang=current_language())
    except ValidationFailure as failure:
        return _render(record_id, action=action, form=form, errors=failure.as_dicts(current_language()), status=400)
    flash(t("desk.saved"), "ok")
    return redirect(url_for("desk.complaint_page", record_id=record_id))


def _case_file(record_id: str) -> dict:
    with uow() as work:
        return complaint_actions.case_file(work.session, _record(work.session, record_id), exported_by=g.actor.name,
                                           now=dt.datetime.now(dt.UTC), hub=current_app.config["HUB_NAME"])


@bp.get("/complaint/<record_id>/case-file.json")
@requires("desk.view")
def case_file_json(record_id):
    found = _case_file(record_id)
    name = found["complaint"]["reference_number"].replace("/", "-")
    return Response(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}.json"'})


@bp.get("/complaint/<record_id>/case-file")
@requires("desk.view")
def case_file_page(record_id):
    """The case file as a page to print (the same content as the JSON)."""
    return _case_file_page(record_id)


def _case_file_page(record_id: str, inline_style: str = "") -> str:
    with uow() as work:
        found = complaint_desk.desk_file(work.session, g.actor, _record(work.session, record_id), days=_days(),
                                         today=district_today())
        return render_template("desk/case_file.html", days=_days(), exported_by=g.actor.name,
                               exported_at=dt.datetime.now(dt.UTC), inline_style=Markup(inline_style), **found)


@bp.get("/complaint/<record_id>/case-file.pdf")
@requires("desk.view")
def case_file_pdf(record_id):
    """The printable case file as a PDF (A4), drawn from the same page with its stylesheet inline."""
    with open(os.path.join(current_app.static_folder, "hub.css"), encoding="utf-8") as handle:
        page = _case_file_page(record_id, inline_style=handle.read())
    with uow() as work:
        name = _record(work.session, record_id).data["reference_number"].replace("/", "-")
    return Response(render.html_pdf(page), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})
