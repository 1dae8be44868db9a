"""Error answers of the local UI: a page in the officer's language, or the error envelope for JSON.

A refusal (`village_client.errors`) and every HTTP-level error (an unknown page, a wrong method, a
form without its CSRF token, a body over the limit, a failure nobody expected) get the same answer:
a browser gets `error.html` in the session's language (the one every page uses, switched with
`?lang=`); a request under /api/ or one preferring JSON gets the envelope of
`schemas.errors.error_envelope`, the hub's, in the session's language when the officer chose one,
else as `Accept-Language` asks. Details of an unexpected failure stay in the log.
"""

from flask import current_app, g, jsonify, redirect, render_template, request, session, url_for
from werkzeug.exceptions import HTTPException

from schemas.errors import accepted_language, wants_json
from village_client.at_rest import DatabaseLocked
from village_client.errors import KNOWN, envelope, field_errors, http_refusal, message, storage_failure


def init_app(app) -> None:
    for root in KNOWN:
        app.register_error_handler(root, respond)
    app.register_error_handler(DatabaseLocked, respond_locked)
    app.register_error_handler(HTTPException, respond_http)


def respond_locked(error):
    """A protected laptop's data, not opened in this UI since it started: the officer logs in again (their PIN
    opens it); a JSON caller is told so."""
    session.pop("officer", None)
    if wants_json(request):
        return respond(error)
    return redirect(url_for("auth.login", next=request.path))


def respond_http(error):
    """An HTTP-level error; a failure nobody expected that was the disk refusing is told as such."""
    failure = storage_failure(getattr(error, "original_exception", None), current_app.config.get("DATA_DIR"))
    if failure:
        g.trouble = []  # the banner reads the database, which just refused: the page says why instead
    return respond(failure or http_refusal(error.code or 500, request))


def respond(error):
    status = getattr(error, "status", 500)
    if wants_json(request):
        return jsonify(envelope(error, session.get("lang") or accepted_language(request), status)), status
    from village_client.web import lang

    current = lang()
    return render_template("error.html", status=status, code=error.code, message=message(error, current),
                           details=field_errors(error, current)), status
