"""Enrollment tokens in the admin UI: issue one (its text is shown once), list them, cancel one."""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from hub_server import keys
from hub_server.errors import HubError, HubNotInitialised, Invalid
from hub_server.services import enrollment
from hub_server.web import paging
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import field_messages, flash_refusal, t

bp = Blueprint("tokens", __name__, url_prefix="/admin")


@bp.get("/tokens")
@requires("tokens.view")
def tokens_page():
    return _render_tokens({"hours": current_app.config["ENROLL_TOKEN_HOURS"], "role": "village"}, [])


@bp.post("/tokens")
@requires("tokens.issue")
def issue():
    form = {name: request.form.get(name, "").strip() for name in ("scope", "role", "label", "hours")}
    try:
        with uow() as work:
            issued = enrollment.issue_token(
                work, g.actor, scope=form["scope"], role=form["role"], label=form["label"],
                hours=_int(form["hours"]), hub_fingerprint=_hub_fingerprint(),
                district=current_app.config["DISTRICT_CODE"])
    except Invalid as refusal:
        return _render_tokens(form, field_messages(refusal)), refusal.status
    return render_template("token_issued.html", active="tokens", token=issued)


@bp.post("/tokens/<int:token_id>/cancel")
@requires("tokens.cancel")
def cancel(token_id):
    try:
        with uow() as work:
            enrollment.cancel_token(work, g.actor, token_id)
    except HubError as refusal:
        flash_refusal(refusal)
    else:
        flash(t("tokens.cancelled_ok", token_id=token_id), "ok")
    return redirect(url_for("tokens.tokens_page"))


def _render_tokens(form: dict, errors: list):
    filters = {"q": paging.arg("q") or None, "state": paging.arg("state") or None}
    with uow() as work:
        found = enrollment.tokens_page(work, g.actor, paging.order("number", descending=True),
                                       state=filters["state"] or "", search=filters["q"] or "")
    return render_template("tokens.html", active="tokens", page=found, filters=filters, form=form, errors=errors,
                           roles=enrollment.DEVICE_ROLES)


def _hub_fingerprint() -> str:
    key = keys.get(current_app)
    if key is None:
        raise HubNotInitialised()
    return key.fingerprint


def _int(text: str):
    try:
        return int(text)
    except ValueError:
        return None
