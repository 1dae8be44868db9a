"""Logging in and out: each officer with their own PIN; the session names the officer."""

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for

from village_client import at_rest
from village_client.messages import text
from village_client.officers import LoginFailed, LoginLocked, authenticate, change_pin, pin_mark
from village_client.records import InvalidRecord
from village_client.web import lang, store

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        username, pin = request.form.get("username", "").strip(), request.form.get("pin", "")
        try:
            _open_protected(username, pin)
            officer = authenticate(store(), username, pin)
        except LoginFailed:
            error = text("code.login_failed", lang())
        except LoginLocked as locked:
            error = text("code.login_locked", lang(), **locked.fields())
        else:
            kept = {"lang": lang(), "csrf": session.get("csrf")}
            session.clear()  # a new session id per login
            session.update(kept, officer={"username": officer.username, "full_name": officer.full_name,
                                          "role": officer.role, "pin": pin_mark(store(), officer.username)})
            return redirect(_safe_next(request.args.get("next")))
    return render_template("login.html", error=error, username=request.form.get("username", ""))


def _open_protected(username: str, pin: str) -> None:
    """On a protected laptop whose data this UI cannot read yet (just started): the officer's PIN opens it, and
    the UI and its scheduler keep the key until the UI stops."""
    data_dir = current_app.config["DATA_DIR"]
    if at_rest.is_protected(data_dir) and at_rest.held_key(data_dir) is None:
        at_rest.unlock(data_dir, username, pin)


def _safe_next(target: str | None) -> str:
    """Only paths on this site: a login link must not send the officer elsewhere."""
    return target if target and target.startswith("/") and not target.startswith("//") else url_for("pages.home")


@bp.route("/pin", methods=["GET", "POST"])
def pin():
    """The logged-in officer changes their own PIN; a refusal says why beside the field (the PINs typed are not
    shown again)."""
    errors, changed, status = {}, False, 200
    if request.method == "POST":
        form = request.form
        try:
            change_pin(store(), session["officer"]["username"], form.get("current_pin", ""),
                       form.get("new_pin", ""), form.get("new_pin_again", ""))
        except InvalidRecord as invalid:
            errors, status = {e.field: e.message(lang()) for e in invalid.errors}, 422
        except LoginLocked as locked:
            errors, status = {"current_pin": text("code.login_locked", lang(), **locked.fields())}, 429
        else:
            changed = True
            # This session goes on with the new PIN; the officer's other sessions end at their next page.
            session["officer"] = {**session["officer"], "pin": pin_mark(store(), session["officer"]["username"])}
    return render_template("pin.html", errors=errors, changed=changed), status


@bp.route("/logout", methods=["POST"])
def logout():
    kept = lang()
    session.clear()
    session["lang"] = kept
    return redirect(url_for("auth.login"))
