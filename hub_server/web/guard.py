"""Sessions of the admin UI: CSRF tokens, idle timeout, the logged-in actor and role checks.

Every POST outside the API must carry the session's CSRF token in a hidden `csrf_token` field
(`csrf_field()` in templates); the check runs before any view. A session idle for longer than
SESSION_TIMEOUT_MINUTES ends; the user is sent to the login page with a notice.
"""

import functools
import hmac
import secrets
import time

from flask import current_app, g, redirect, request, session, url_for
from markupsafe import Markup, escape

from hub_server import db
from hub_server.errors import CsrfFailed
from hub_server.services import users

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
API_PREFIX = "/api/"  # the API authenticates by tokens and signatures, not cookies: no session, no CSRF


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_field() -> Markup:
    return Markup(f'<input type="hidden" name="csrf_token" value="{escape(csrf_token())}">')


def uow(**options):
    """A unit of work on the app's database."""
    return db.get(current_app).uow(**options)


def start_session(actor) -> None:
    """Log `actor` in: a fresh session (new CSRF token) keeping only the language."""
    lang = session.get("lang")
    session.clear()
    session.update(uid=actor.user_id, seen=int(time.time()), started=time.time(), lang=lang or actor.language)


def end_session() -> None:
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang


def guard() -> None:
    """Before each request: expire an idle session, check CSRF, load the actor into `g.actor`."""
    g.actor, g.session_expired = None, False
    if request.path.startswith(API_PREFIX) or request.endpoint == "static":
        return
    _expire_idle_session()
    if request.method not in SAFE_METHODS:
        _check_csrf()
    if "uid" in session:
        with uow() as work:
            g.actor = users.actor_for(work, session["uid"], session.get("started", 0.0))
        if g.actor is None:
            end_session()


def requires(permission: str):
    """View decorator: log in first (redirect), then the role must allow `permission` (Forbidden)."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if g.actor is None:
                return redirect(url_for("auth.login", next=_local_next(), expired=int(g.session_expired) or None))
            g.actor.require(permission)
            return view(*args, **kwargs)
        return wrapper
    return decorate


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: never redirect a user elsewhere after login."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


def _local_next() -> str:
    return request.full_path.rstrip("?") if request.method == "GET" else request.path


def _expire_idle_session() -> None:
    if "uid" not in session:
        return
    timeout = current_app.config["SESSION_TIMEOUT_MINUTES"] * 60
    if time.time() - session.get("seen", 0) > timeout:
        end_session()
        g.session_expired = True
    else:
        session["seen"] = int(time.time())


def _check_csrf() -> None:
    sent = request.form.get("csrf_token", "")
    expected = session.get("csrf", "")
    if not (expected and hmac.compare_digest(sent.encode(), expected.encode())):
        raise CsrfFailed()
