"""The district hub: sync API, conflict queue, synchronized NIK database, admin UI.

`create_app(test_config=None)` builds everything; nothing exists at import time. Flask is imported
inside it, so the services, models and command line load without the web framework.
"""


def create_app(test_config=None):
    """The hub's Flask app: settings (defaults, SWS_HUB_* environment, `test_config`), database,
    hub key, error envelope, then the API (/api/v1, `api.ROUTES`) and the admin UI (`web.BLUEPRINTS`)."""
    from flask import Flask

    from hub_server import api, config, db, envelope, keys, web
    from hub_server.services import jobs

    app = Flask(__name__, template_folder="web/templates", static_folder="web/static")
    app.config.from_mapping(config.load(test_config))
    app.config.update(
        MAX_CONTENT_LENGTH=app.config["MAX_BODY_BYTES"],
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=app.config["COOKIE_SECURE"],
        SESSION_COOKIE_NAME="sws_hub_session",
    )
    app.json.sort_keys = False  # the envelope reads best in its documented order
    db.init_app(app)
    jobs.init_app(app)  # imports and matching runs started from the admin UI
    keys.init_app(app)
    envelope.init_app(app)
    api.init_app(app)
    web.init_app(app)
    return app
