"""Logging in and out: each officer with their own PIN; the session names the officer."""

from flask import Blueprint, redirect, render_template, request, session, url_for

from village_client.messages import text
from village_client.officers import LoginFailed, LoginLocked, authenticate
from village_client.web import lang, store

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        try:
            officer = authenticate(store(), request.form.get("username", "").strip(), request.form.get("pin", ""))
        except LoginFailed:
            error = text("code.login_failed", lang())
        except LoginLocked as locked:
            error = text("code.login_locked", lang(), **locked.fields())
        else:
            kept = {"lang": lang(), "csrf": session.get("csrf")}
            session.clear()  # a new session id per login
            session.update(kept, officer={"username": officer.username, "full_name": officer.full_name,
                                          "role": officer.role})
            return redirect(_safe_next(request.args.get("next")))
    return render_template("login.html", error=error, username=request.form.get("username", ""))


def _safe_next(target: str | None) -> str:
    """Only paths on this site: a login link must not send the officer elsewhere."""
    return target if target and target.startswith("/") and not target.startswith("//") else url_for("pages.home")


@bp.route("/logout", methods=["POST"])
def logout():
    kept = lang()
    session.clear()
    session["lang"] = kept
    return redirect(url_for("auth.login"))
