"""Hub errors: each has an HTTP status, a stable code and the fields that explain it.

    HubError(status, code, **fields)                  500 internal
    ├── Malformed(detail)                             400 malformed           body is not a JSON object
    ├── Invalid(errors=[FieldError(field, rule)])     400 invalid             fields break their rules
    ├── LoginRequired                                 401 login_required
    ├── LoginFailed                                   401 login_failed
    ├── LoginLocked(minutes)                          429 login_locked
    ├── Forbidden(permission)                         403 forbidden
    ├── CsrfFailed                                    403 csrf_failed
    ├── NotFound(path)                                404 not_found           unknown route
    ├── MethodNotAllowed(method)                      405 method_not_allowed
    ├── BodyTooLarge(limit)                           413 body_too_large
    ├── HubNotInitialised                             503 hub_not_initialised run `sws-hub init`
    ├── EnrollmentRefused                                                     (an enrollment attempt failed)
    │   ├── TokenUnknown                              403 token_unknown
    │   ├── TokenUsed(token_id)                       409 token_used
    │   ├── TokenExpired(token_id, expires_at)        410 token_expired
    │   ├── TokenCancelled(token_id)                  410 token_cancelled
    │   ├── WrongHub(fingerprint)                     400 token_wrong_hub
    │   └── DeviceRevoked(device_id, reason)          403 revoked_device
    ├── DeviceNotFound(device_id)                     404 device_not_found
    ├── AlreadyRevoked(device_id)                     409 already_revoked
    ├── TokenNotFound(token_id)                       404 token_not_found
    ├── TokenNotOpen(token_id, state)                 409 token_not_open
    ├── UserNotFound(username)                        404 user_not_found
    ├── UserExists(username)                          409 user_exists
    ├── HttpError(status)                             4xx http_error, 5xx internal
    └── ProtocolRefused(error)                        4xx <the sync_protocol error's code>

Messages for every code, in Indonesian and English, are in the catalogue `hub_server/messages/`.
"""

from dataclasses import dataclass, field

from sync_protocol.binding import HTTP_STATUS, http_status
from sync_protocol.errors import ProtocolError


@dataclass(frozen=True)
class FieldError:
    """One field breaking one rule; `params` fill the rule's message (e.g. max=200)."""

    field: str
    rule: str
    params: dict = field(default_factory=dict)


class HubError(Exception):
    """Base of every hub error."""

    status = 500
    code = "internal"

    def __init__(self, errors=(), **fields):
        super().__init__(fields)
        self.fields = fields
        self.errors = list(errors)

    def __str__(self) -> str:
        detail = ", ".join(f"{key}={value!r}" for key, value in self.fields.items())
        rules = ", ".join(f"{error.field}: {error.rule}" for error in self.errors)
        parts = [part for part in (detail, rules) if part]
        return f"{self.code}: {'; '.join(parts)}" if parts else self.code


class Malformed(HubError):
    """The body is not the JSON object the endpoint expects."""

    status, code = 400, "malformed"


class Invalid(HubError):
    """One or more fields break their rules; `errors` lists each."""

    status, code = 400, "invalid"


class LoginRequired(HubError):
    status, code = 401, "login_required"


class LoginFailed(HubError):
    """Unknown user name, wrong password or disabled account (deliberately not told apart)."""

    status, code = 401, "login_failed"


class LoginLocked(HubError):
    """Too many failed logins for this user name recently."""

    status, code = 429, "login_locked"


class Forbidden(HubError):
    """The user's role, or area, does not allow this."""

    status, code = 403, "forbidden"


class CsrfFailed(HubError):
    status, code = 403, "csrf_failed"


class NotFound(HubError):
    status, code = 404, "not_found"


class MethodNotAllowed(HubError):
    status, code = 405, "method_not_allowed"


class BodyTooLarge(HubError):
    status, code = HTTP_STATUS["body_too_large"], "body_too_large"


class HubNotInitialised(HubError):
    status, code = 503, "hub_not_initialised"


class EnrollmentRefused(HubError):
    """An enrollment attempt the hub refused (recorded in the audit log)."""

    status, code = 403, "enrollment_refused"


class TokenUnknown(EnrollmentRefused):
    status, code = 403, "token_unknown"


class TokenUsed(EnrollmentRefused):
    status, code = 409, "token_used"


class TokenExpired(EnrollmentRefused):
    status, code = 410, "token_expired"


class TokenCancelled(EnrollmentRefused):
    status, code = 410, "token_cancelled"


class WrongHub(EnrollmentRefused):
    """The token names another hub's key: the laptop is talking to the wrong server."""

    status, code = 400, "token_wrong_hub"


class DeviceRevoked(EnrollmentRefused):
    """A revoked key cannot enroll again: the laptop must make a new key pair."""

    status, code = 403, "revoked_device"


class DeviceNotFound(HubError):
    status, code = 404, "device_not_found"


class AlreadyRevoked(HubError):
    status, code = 409, "already_revoked"


class TokenNotFound(HubError):
    status, code = 404, "token_not_found"


class TokenNotOpen(HubError):
    """The token was already used, cancelled or has expired."""

    status, code = 409, "token_not_open"


class UserNotFound(HubError):
    status, code = 404, "user_not_found"


class UserExists(HubError):
    status, code = 409, "user_exists"


class HttpError(HubError):
    """Any other refusal at the HTTP level, by status (code `internal` for 5xx, else `http_error`)."""

    def __init__(self, status: int):
        super().__init__(status=status)
        self.status = status
        self.code = "internal" if status >= 500 else "http_error"


class ProtocolRefused(HubError):
    """A sync_protocol error answered over HTTP: same code, same fields, the binding's status."""

    def __init__(self, error: ProtocolError):
        super().__init__(**error.fields())
        self.code = error.code
        self.status = http_status(error.code)
        self.error = error
