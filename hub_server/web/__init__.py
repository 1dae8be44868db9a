"""The hub's server-rendered admin UI: `auth` (login, logout, language) and `admin` (/admin).

Plain HTML forms and one CSS file: it must work on a modest laptop's browser. The only script is
the few lines with which an import or matching job's page follows its progress (it reloads without).
"""

from flask import redirect, url_for

# tokens and conflicts add their views to admin.bp
from hub_server.web import (  # noqa: F401
    admin,
    applications,
    auth,
    callcentre,
    conflicts,
    guard,
    i18n,
    population,
    tokens,
    verification,
)


def init_app(app) -> None:
    i18n.init_app(app)
    app.jinja_env.globals.update(csrf_field=guard.csrf_field)
    app.before_request(guard.guard)
    app.register_blueprint(auth.bp)
    app.register_blueprint(admin.bp)
    population.init_app(app)  # the synchronized population: imports, inconsistencies, programmes, lists
    callcentre.init_app(app)
    applications.init_app(app)  # approving or rejecting what villages applied for
    verification.init_app(app)  # residents villages registered, confirmed or refused
    app.add_url_rule("/", "index", lambda: redirect(url_for("admin.devices_page")))
