"""Login, logout and the language switch."""

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for

from hub_server.errors import LoginFailed, LoginLocked
from hub_server.services import users
from hub_server.services.users import LOCK_WINDOW
from hub_server.web.guard import end_session, safe_next, start_session, uow
from hub_server.web.i18n import error_message, t
from hub_server.web.throttle import for_app as throttle_for
from schemas.messages import LANGUAGES

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        return render_template("login.html", expired=request.args.get("expired"), next=request.args.get("next"))
    throttle, client = throttle_for(current_app), request.remote_addr or ""
    try:
        if throttle.blocked(client):  # the same answer as a locked user name: nothing to tell them apart
            raise LoginLocked(minutes=int(LOCK_WINDOW.total_seconds() // 60))
        with uow() as work:
            actor = users.authenticate(work, request.form.get("username", "").strip(),
                                       request.form.get("password", ""),
                                       max_failures=current_app.config["LOGIN_MAX_FAILURES"])
    except (LoginFailed, LoginLocked) as refusal:
        throttle.failed(client)
        flash(error_message(refusal.code, **refusal.fields), "error")
        return render_template("login.html", next=request.form.get("next"),
                               username=request.form.get("username", "")), refusal.status
    start_session(actor)
    flash(t("auth.welcome", name=actor.name.removeprefix("user:")), "ok")
    return redirect(safe_next(request.form.get("next"), url_for("index")))


@bp.post("/logout")
def logout():
    if g.actor is not None:
        with uow() as work:
            users.record_logout(work, g.actor)
    end_session()
    flash(t("auth.logged_out"), "ok")
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language():
    """Switch the UI language for this session (and remember it for a logged-in user)."""
    lang = request.form.get("lang")
    if lang in LANGUAGES:
        session["lang"] = lang
        if g.actor is not None:
            with uow() as work:
                users.set_language(work, g.actor.user_id, lang)
    return redirect(safe_next(request.form.get("next"), url_for("index")))
