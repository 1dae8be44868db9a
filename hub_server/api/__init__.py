"""The hub's HTTP API, mounted at /api/v1: every route is in `ROUTES` below.

Handlers are thin: read the body (`api.body`), call one service, return JSON. Every error leaves as
the one envelope (`hub_server.envelope`). Each handler is a module of its own: `hello`, `enroll`,
`sync` (docs/api.md).
"""

from flask import Blueprint

from hub_server.api import enroll, hello, sync

# (rule, method, view): the API's whole surface
ROUTES = (
    ("/hello", "GET", hello.hello),
    ("/enroll", "POST", enroll.enroll),
    ("/sync", "POST", sync.sync),
)


def init_app(app) -> None:
    bp = Blueprint("api", __name__, url_prefix="/api/v1")
    for rule, method, view in ROUTES:
        bp.add_url_rule(rule, view_func=view, methods=[method])
    app.register_blueprint(bp)
