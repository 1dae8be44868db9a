"""The conflict queue in the admin UI: the list, one conflict side by side, and its resolution."""

import dataclasses
import json

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from hub_server.errors import FieldError, HubError, Invalid
from hub_server.messages import field_message
from hub_server.services import conflicts as queue
from hub_server.web import paging
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, flash_refusal, t

bp = Blueprint("conflicts", __name__, url_prefix="/admin")


def summary(conflict, subject: dict | None = None) -> dict:
    """What the pages show of a conflict, read while its session is open; `subject` names whom it is about."""
    return {"id": conflict.id, "kind": conflict.kind, "table": conflict.table_name, "record_id": conflict.record_id,
            "field": conflict.field, "village_code": conflict.village_code, "base": conflict.base,
            "sides": list(conflict.sides), "status": conflict.status, "opened_at": conflict.opened_at,
            "resolved_at": conflict.resolved_at, "resolved_by": conflict.resolved_by,
            "resolution": conflict.resolution, "reason": conflict.reason, "subject": subject or {}}


def _summaries(session, found) -> list:
    named, times = queue.subjects(session, found), queue.side_times(session, found)
    shown = [summary(conflict, named.get(conflict.record_id)) for conflict in found]
    for conflict in shown:  # when each side was saved (laptop's clock) and received, for people to read
        conflict["sides"] = [{**side, "times": times.get((side.get("device_id"), side.get("seq")))}
                             for side in conflict["sides"]]
    return shown


@bp.get("/conflicts")
@requires("conflicts.view")
def conflicts_page():
    status = request.args.get("status") if request.args.get("status") in queue.STATUSES else "open"
    with uow() as work:
        found = queue.page(work.session, paging.order(descending=status == "resolved"), status=status,
                           area=_area(), field=paging.arg("field"))
        found = dataclasses.replace(found, items=_summaries(work.session, found.items))
    return render_template("conflicts.html", active="conflicts", page=found, status=status, area=paging.arg("area"),
                           field=paging.arg("field"))


def _area() -> str | None:
    """The region asked for (`area`), within the officer's own."""
    asked, own = paging.arg("area"), g.actor.area
    if own and not (asked == own or asked.startswith(own + ".")):
        return own
    return asked or None


def _conflict_page(conflict_id: int, *, form=None, errors=None, status: int = 200):
    with uow() as work:
        conflict, record = queue.get(work, conflict_id)
        g.actor.require_area([conflict.village_code or ""])
        [shown] = _summaries(work.session, [conflict])
        data = dict(record.data) if record else {}
    page = render_template("conflict.html", active="conflicts", conflict=shown, record=data, form=form or {},
                           errors=errors or {}, page_url=url_for("conflicts.conflict_page", conflict_id=conflict_id))
    return page, status


@bp.get("/conflicts/<int:conflict_id>")
@requires("conflicts.view")
def conflict_page(conflict_id):
    return _conflict_page(conflict_id)


@bp.post("/conflicts/<int:conflict_id>/resolve")
@requires("conflicts.resolve")
def resolve_conflict(conflict_id):
    form = {key: request.form.get(key, "") for key in ("choice", "edited", "reason")}
    try:
        with uow(immediate=True) as work:
            conflict, _ = queue.get(work, conflict_id)
            g.actor.require_area([conflict.village_code or ""])
            if not form["choice"]:  # no side is chosen for the person deciding
                raise Invalid([FieldError("choice", "required")])
            value = chosen_value(summary(conflict), request.form)
            queue.resolve(work, conflict_id, value, user=g.actor.name, reason=form["reason"])
    except (Invalid, queue.ReasonRequired) as refusal:
        return _conflict_page(conflict_id, form=form, status=400, errors={
            error.field if error.field in ("choice", "reason") else "edited":
                field_message(error.field, error.rule, current_language(), **error.params)
            for error in refusal.errors})
    except HubError as refusal:
        flash_refusal(refusal)
        return redirect(url_for("conflicts.conflict_page", conflict_id=conflict_id))
    flash(t("conflict.resolved_ok", conflict_id=conflict_id), "ok")
    return redirect(url_for("conflicts.conflicts_page", status="resolved"))  # the decision, newest first


def chosen_value(conflict: dict, form):
    """The value the person chose: a side, the agreed value, or what they typed (as the field's type)."""
    choice = form.get("choice", "")
    if choice.startswith("side-") and choice[5:].isdigit() and int(choice[5:]) < len(conflict["sides"]):
        return conflict["sides"][int(choice[5:])]["value"]
    if choice == "base":
        return conflict["base"]
    typed = form.get("edited", "")
    if isinstance(conflict["base"], str) or conflict["base"] is None:
        return typed
    try:
        return json.loads(typed)  # numbers and yes/no keep their type; the schema checks the rest
    except json.JSONDecodeError:
        return typed
