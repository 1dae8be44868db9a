"""The conflict queue in the admin UI: the list, one conflict side by side, and its resolution."""

import json

from flask import flash, g, redirect, render_template, request, url_for

from hub_server.errors import HubError
from hub_server.services import conflicts as queue
from hub_server.web.admin import bp
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import flash_refusal, t


def summary(conflict) -> dict:
    """What the pages show of a conflict, read while its session is open."""
    return {"id": conflict.id, "kind": conflict.kind, "table": conflict.table_name, "record_id": conflict.record_id,
            "field": conflict.field, "village_code": conflict.village_code, "base": conflict.base,
            "sides": list(conflict.sides), "status": conflict.status, "opened_at": conflict.opened_at,
            "resolved_at": conflict.resolved_at, "resolved_by": conflict.resolved_by,
            "resolution": conflict.resolution, "reason": conflict.reason}


@bp.get("/conflicts")
@requires("conflicts.view")
def conflicts_page():
    with uow() as work:
        waiting = [summary(c) for c in queue.open_conflicts(work, g.actor.area)]
        decided = [summary(c) for c in queue.resolved_conflicts(work, g.actor.area)]
    return render_template("conflicts.html", active="conflicts", waiting=waiting, decided=decided)


@bp.get("/conflicts/<int:conflict_id>")
@requires("conflicts.view")
def conflict_page(conflict_id):
    with uow() as work:
        conflict, record = queue.get(work, conflict_id)
        g.actor.require_area([conflict.village_code or ""])
        shown, data = summary(conflict), dict(record.data) if record else {}
    return render_template("conflict.html", active="conflicts", conflict=shown, record=data)


@bp.post("/conflicts/<int:conflict_id>/resolve")
@requires("conflicts.resolve")
def resolve_conflict(conflict_id):
    try:
        with uow(immediate=True) as work:
            conflict, _ = queue.get(work, conflict_id)
            g.actor.require_area([conflict.village_code or ""])
            value = chosen_value(summary(conflict), request.form)
            queue.resolve(work, conflict_id, value, user=g.actor.name, reason=request.form.get("reason", ""))
    except HubError as refusal:
        flash_refusal(refusal)
        return redirect(url_for("admin.conflict_page", conflict_id=conflict_id))
    flash(t("conflict.resolved_ok", conflict_id=conflict_id), "ok")
    return redirect(url_for("admin.conflicts_page"))


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
