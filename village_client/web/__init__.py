"""The laptop's local web UI: forms and lists for officers, on 127.0.0.1, behind each officer's PIN.

`create_app(data_dir, settings=None, test_config=None)` builds everything; nothing exists at import.
Each request opens the local store and closes it when done. Every POST carries the session's CSRF
token. Screens are in Bahasa Indonesia unless the officer switches to English. No JavaScript: the
pages work in any browser, with no network.
"""

import os
import secrets
from pathlib import Path

from flask import Flask, current_app, g, redirect, request, session, url_for

from schemas.choices import bilingual
from schemas.display import date_text
from schemas.local_time import local_time, zone_name
from schemas.messages import DEFAULT_LANGUAGE, LANGUAGES
from village_client import printables
from village_client.config import load_settings
from village_client.device import trouble as device_trouble
from village_client.errors import Refused
from village_client.messages import text
from village_client.store import open_store
from village_client.web.dates import convert_posted_dates
from village_client.web.dates import shown as shown_date
from village_client.web.doors import add_headers, check_host

SECRET_FILE = "ui_secret"
OPEN_ENDPOINTS = {"auth.login", "static"}


def create_app(data_dir, settings=None, test_config=None) -> Flask:
    app = Flask(__name__)
    data_dir = Path(data_dir)
    app.config.update(DATA_DIR=str(data_dir), SETTINGS=settings or load_settings(), SECRET_KEY=_secret(data_dir),
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Strict", MAX_CONTENT_LENGTH=2**20)
    app.config.update(test_config or {})
    from village_client.web import (
        auth,
        cases,
        catalogue,
        claims,
        complaints,
        errors,
        lists,
        pages,
        payments,
        referrals,
        sync_views,
        usb,
        worklist,
    )
    from village_client.web import taskforce as task_force

    for blueprint in (auth.bp, pages.bp, complaints.bp, catalogue.bp, lists.bp, sync_views.bp, usb.bp, worklist.bp,
                      cases.bp, task_force.bp, payments.bp, claims.bp, referrals.bp):
        app.register_blueprint(blueprint)
    errors.init_app(app)
    app.before_request(check_host)  # first: a page elsewhere must not reach the UI under another name
    app.before_request(_before_request)
    app.after_request(add_headers)
    app.before_request(convert_posted_dates)
    app.add_template_filter(shown_date, "date_input")
    app.teardown_appcontext(_close_store)
    app.context_processor(_template_helpers)
    return app


def _secret(data_dir: Path) -> bytes:
    """The session-signing key, made once per laptop and readable by its owner only."""
    path = data_dir / SECRET_FILE
    if not path.exists():
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    return path.read_bytes()


def store():
    """The local store for this request, opened on first use."""
    if "store" not in g:
        from flask import current_app

        g.store = open_store(current_app.config["DATA_DIR"])
    return g.store


def _close_store(exception=None):
    opened = g.pop("store", None)
    if opened is not None:
        opened.close()


def lang() -> str:
    return session.get("lang", DEFAULT_LANGUAGE)


def _before_request():
    if request.args.get("lang") in LANGUAGES:
        session["lang"] = request.args["lang"]
    session.setdefault("csrf", secrets.token_urlsafe(24))
    if request.method == "POST" and not secrets.compare_digest(request.form.get("csrf_token", ""), session["csrf"]):
        raise Refused("csrf_failed", 400)
    if request.endpoint not in OPEN_ENDPOINTS and not _still_valid(session.get("officer")):
        session.pop("officer", None)  # an ended session's officer goes; its language and CSRF token stay
        return redirect(url_for("auth.login", next=request.path))
    role = (session.get("officer") or {}).get("role")
    if request.blueprint in PAGES_NOT_FOR.get(role, ()):
        raise Refused("role_forbidden", 403, role=bilingual("officer_role", role).get(lang(), role))
    return None


def _still_valid(officer: dict | None) -> bool:
    """A session's officer is still active and has the PIN they logged in with: changing a PIN (on another
    browser, or on the command line) ends the officer's other sessions."""
    from village_client.officers import pin_mark

    return bool(officer) and officer.get("pin") is not None and pin_mark(store(), officer["username"]) == officer["pin"]


# Pages a role has no business on (what each role may record is `schemas.roles`, checked on every save).
# Cases are the case worker's alone (crisis cases, counselling notes): other roles have no cases pages.
PAGES_NOT_FOR = {"midwife": ("complaints", "cases", "taskforce", "referrals"), "village_secretary": ("cases",),
                 "sub_district_officer": ("cases", "taskforce", "referrals")}


def zone() -> str:
    """The time zone of the village this laptop serves (from its province); WIB before enrollment."""
    if "zone" not in g:
        scope = store().device().get("scope") or []
        g.zone = zone_name(scope[0] if scope else "")
    return g.zone


def when(value) -> str:
    """A stored UTC time in the village's local time: 23-11-2026 14:05 WIT."""
    return local_time(value, zone())


def _template_helpers() -> dict:
    from village_client.web.forms import choice, choices, field_name

    current = lang()
    return {"t": lambda key, **params: text(key, current, **params), "lang": current, "f": field_name,
            "csrf_token": session.get("csrf", ""), "officer": session.get("officer"), "choices": choices,
            "choice": choice, "when": when, "day": date_text, "trouble": _trouble() if session.get("officer") else [],
            "letterhead": letterhead}


def letterhead():
    """The district's letterhead on this laptop's papers (settings `letterhead_*`, the scope's district)."""
    if "letterhead" not in g:
        scope = store().device().get("scope") or []
        g.letterhead = printables.letterhead_of(current_app.config["SETTINGS"], scope[0] if scope else "")
    return g.letterhead


def _trouble() -> list:
    """What is wrong with the laptop's link to the hub, for the banner on every page."""
    if "trouble" not in g:
        g.trouble = device_trouble(store(), current_app.config["SETTINGS"]["stale_days"])
    return g.trouble
