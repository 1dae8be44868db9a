"""One error envelope for every API error, HTML error pages for people, and the body size limit.

    {"ok": false, "status": 409, "code": "sequence_gap", "error": "<message>",
     "errors": [{"field": "token", "rule": "token_format", "message": "<message>"}], ...fields}

The envelope is built by `schemas.errors.error_envelope`, the one the village relay and UI use too.
The error's fields (`expected`, `got`, `device_id`, `limit`...) follow the five fixed keys, as in
docs/protocol.md; a field never replaces one of those keys.

Messages are Indonesian unless the request asks for English (`Accept-Language: en`). A request under
/api/, or one that prefers JSON to HTML, gets the envelope; a browser gets a page in its session's
language.
"""

from flask import jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from hub_server.errors import (
    BodyTooLarge,
    HttpError,
    HubError,
    Malformed,
    MethodNotAllowed,
    NotFound,
    ProtocolRefused,
)
from hub_server.messages import field_message, message
from schemas.errors import accepted_language, error_envelope, wants_json
from sync_protocol.errors import ProtocolError


def init_app(app) -> None:
    app.before_request(refuse_large_body)
    app.register_error_handler(HubError, _respond)
    app.register_error_handler(ProtocolError, lambda error: _respond(ProtocolRefused(error)))
    app.register_error_handler(HTTPException, lambda error: _respond(from_http(error)))


def refuse_large_body() -> None:
    """Refuse a declared body over the limit before reading any of it."""
    limit = request.max_content_length
    if limit is not None and request.content_length is not None and request.content_length > limit:
        raise BodyTooLarge(limit=limit)


def from_http(error: HTTPException) -> HubError:
    """The hub error for a routing or protocol-level HTTP error (unknown route, wrong method...)."""
    if error.code == 404:
        return NotFound(path=request.path)
    if error.code == 405:
        return MethodNotAllowed(method=request.method)
    if error.code == 413:
        return BodyTooLarge(limit=request.max_content_length)
    if error.code == 400:
        return Malformed(detail=error.description or "bad request")
    return HttpError(error.code or 500)


def envelope(error: HubError, lang: str) -> dict:
    return error_envelope(error.status, error.code, message(error.code, lang, **error.fields),
                          [field_error(item, lang) for item in error.errors], error.fields)


def field_error(item, lang: str) -> dict:
    return {"field": item.field, "rule": item.rule,
            "message": field_message(item.field, item.rule, lang, **item.params)}


def _respond(error: HubError):
    if wants_json(request):
        response = jsonify(envelope(error, accepted_language(request)))
    else:
        from hub_server.web.i18n import current_language

        lang = current_language()
        text = message(error.code, lang, **error.fields)
        response = render_template("error.html", error=error, message=text,
                                   details=[field_message(e.field, e.rule, lang, **e.params) for e in error.errors])
    return response, error.status

