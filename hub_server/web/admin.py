"""The admin UI at /admin: devices and their sync activity, and the audit log.

The enrollment tokens (`web/tokens.py`) and the conflict queue (`web/conflicts.py`) are blueprints of
their own under the same /admin prefix.
"""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from hub_server import keys
from hub_server.errors import HubError
from hub_server.services import audit, devices, enrollment
from hub_server.web import paging
from hub_server.web.audit_words import readable
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, flash_refusal, t

bp = Blueprint("admin", __name__, url_prefix="/admin")


def page_number() -> int:
    return request.args.get("page", 1, type=int) or 1


def page_size() -> int:
    return current_app.config["AUDIT_PAGE_SIZE"]


@bp.get("/")
@requires("devices.view")
def home():
    return redirect(url_for("admin.devices_page"))


@bp.get("/devices")
@requires("devices.view")
def devices_page():
    filters = {"revoked": "0" if request.args.get("revoked") == "0" else None,
               "stale": "1" if request.args.get("stale") == "1" else None, "q": paging.arg("q") or None}
    with uow() as work:
        found = devices.page(work, g.actor, paging.order("label"), include_revoked=not filters["revoked"],
                             stale=bool(filters["stale"]), search=filters["q"] or "")
    return render_template("devices.html", active="devices", page=found, filters=filters,
                           include_revoked=not filters["revoked"])


@bp.get("/devices/<device_id>")
@requires("devices.view")
def device(device_id):
    with uow() as work:
        found = devices.get_device(work, g.actor, device_id)
        activity = devices.activity(work, g.actor, device_id, number=page_number(), per_page=page_size())
        rows = readable(work.session, activity.entries, current_language(), current_app.config["DISPLAY_TIMEZONE"])
    return render_template("device.html", active="devices", device=found, activity=activity, rows=rows)


@bp.post("/devices/<device_id>/revoke")
@requires("devices.revoke")
def revoke(device_id):
    try:
        with uow() as work:
            devices.revoke(work, g.actor, device_id, request.form.get("reason", ""))
    except HubError as refusal:
        flash_refusal(refusal)
    else:
        flash(t("device.revoked_ok", device_id=device_id), "ok")
    return redirect(url_for("admin.device", device_id=device_id))


@bp.post("/devices/<device_id>/readmit")
@requires("devices.revoke")
def readmit(device_id):
    """A laptop restored from an old backup: its old identity revoked, a token for `sws-village readmit`."""
    try:
        with uow() as work:
            issued = enrollment.readmit(work, g.actor, device_id, hours=current_app.config["ENROLL_TOKEN_HOURS"],
                                        hub_fingerprint=keys.get(current_app).fingerprint,
                                        district=current_app.config["DISTRICT_CODE"])
    except HubError as refusal:
        flash_refusal(refusal)
        return redirect(url_for("admin.device", device_id=device_id))
    return render_template("token_issued.html", active="devices", token=issued, readmitted=device_id)


@bp.get("/audit")
@requires("audit.view")
def audit_page():
    action, actor = request.args.get("action") or None, paging.arg("actor") or None
    oldest_first = request.args.get("desc") == "0"
    with uow() as work:
        entries = audit.page(work, g.actor, number=page_number(), per_page=page_size(), action=action,
                             actor_name=actor, oldest_first=oldest_first)
        actions = audit.actions(work)
        rows = readable(work.session, entries.entries, current_language(), current_app.config["DISPLAY_TIMEZONE"])
    return render_template("audit.html", active="audit", entries=entries, rows=rows, actions=actions, action=action,
                           actor=actor or "", oldest_first=oldest_first)

