"""Enrollment: one-time tokens fixing a laptop's scope and role, and the enrollment itself.

The IT officer issues a token (`issue_token`) and types its text into the laptop; the laptop sends
the token with its public key (`enroll`); the hub answers with a reply signed by its key
(`signed_reply`), which the laptop checks against the fingerprint in the token. Re-enrolling a known
key with a new token changes its scope and role and deletes nothing; a revoked key cannot enroll.
"""

import base64
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from hub_server import tokens
from hub_server.errors import (
    DeviceRevoked,
    EnrollmentRefused,
    FieldError,
    Invalid,
    TokenCancelled,
    TokenExpired,
    TokenNotFound,
    TokenNotOpen,
    TokenUnknown,
    TokenUsed,
    WrongHub,
)
from hub_server.models import Device, EnrollmentToken
from hub_server.services import audit, devices, paging, regions
from hub_server.services.actors import Actor, device_actor
from sync_protocol import challenge
from sync_protocol.binding import sign_enroll_reply
from sync_protocol.signing import device_id_for
from sync_protocol.version import SUPPORTED_VERSIONS

DEVICE_ROLES = ("village", "sub_district")
MAX_HOURS = 24 * 30
LABEL_MAX = 200
PUBLIC_KEY_BYTES = 32


@dataclass(frozen=True)
class IssuedToken:
    token_id: int
    text: str  # shown once: the hub keeps only the secret's hash
    scope: tuple
    role: str
    label: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class TokenInfo:
    token_id: int
    scope: tuple
    role: str
    label: str
    created_at: dt.datetime
    created_by: str
    expires_at: dt.datetime
    state: str  # open, used, expired, cancelled
    used_at: dt.datetime | None
    device_id: str | None


@dataclass(frozen=True)
class Enrollment:
    device_id: str
    public_key: bytes
    scope: tuple
    role: str
    label: str
    enrolled_at: dt.datetime
    last_seq: int  # where the hub's copy of the device's chain stands (0 for a new device)
    head_hash: str
    token_id: int
    reenrolled: bool


def issue_token(uow, actor: Actor, *, scope, role: str, label: str, hours: int, hub_fingerprint: str,
                district: str = "") -> IssuedToken:
    """A new one-time token. Raises Forbidden (role, or scope outside the actor's area) or Invalid."""
    actor.require("tokens.issue")
    codes = regions.split_codes(scope)
    label = (label or "").strip()
    _check_token_request(codes, role, label, hours, district)
    actor.require_area(codes)
    secret, now = tokens.new_secret(), uow.now()
    row = EnrollmentToken(secret_hash=tokens.hash_secret(secret), scope=codes, role=role,
                          label=label, created_at=now, created_by=actor.name,
                          expires_at=now + dt.timedelta(hours=hours))
    uow.session.add(row)
    uow.session.flush()
    audit.record(uow, actor, "token.issued", f"token:{row.id}", scope=codes, role=role, label=label,
                 expires_at=row.expires_at)
    uow.commit()
    return IssuedToken(row.id, tokens.format_token(secret, hub_fingerprint), tuple(codes), role, label,
                       row.expires_at)


READMIT_REASON = "restored from a backup: re-admitted under a new identity"


def readmit(uow, actor: Actor, device_id: str, *, hours: int, hub_fingerprint: str, district: str = "") -> IssuedToken:
    """A laptop restored from an old backup cannot continue its chain: revoke its old identity (if not yet)
    and issue a token for the same area, role and label, which `sws-village readmit` enrolls a new key
    with, moving the laptop's unsent work onto it (`village_client.readmit`). Raises what revoking and
    issuing a token raise."""
    found = devices.get_device(uow, actor, device_id)
    if not found.revoked:
        devices.revoke(uow, actor, device_id, READMIT_REASON)
    issued = issue_token(uow, actor, scope=list(found.scope), role=found.role, label=found.label, hours=hours,
                         hub_fingerprint=hub_fingerprint, district=district)
    audit.record(uow, actor, "device.readmitted", device_actor(device_id), token=f"token:{issued.token_id}")
    uow.commit()
    return issued


def list_tokens(uow, actor: Actor) -> list:
    """Tokens the actor may see, newest first."""
    actor.require("tokens.view")
    rows = uow.session.scalars(select(EnrollmentToken).order_by(EnrollmentToken.id.desc()))
    now = uow.now()
    return [_token_info(row, now) for row in rows if actor.covers(row.scope)]


TOKEN_SORTS = {"number": lambda token: token.token_id, "label": lambda token: token.label.lower(),
               "created": lambda token: token.created_at, "expires": lambda token: token.expires_at,
               "state": lambda token: token.state}


def tokens_page(uow, actor: Actor, order: paging.Order, *, state: str = "", search: str = "") -> paging.Page:
    """The tokens the actor may see, of a state and with a label or scope containing `search`, sorted and paged."""
    found = list_tokens(uow, actor)
    if state:
        found = [token for token in found if token.state == state]
    text = (search or "").strip().lower()
    if text:
        found = [token for token in found if text in token.label.lower() or any(code.startswith(text)
                                                                              for code in token.scope)]
    return paging.from_list(found, order, sorts=TOKEN_SORTS, default="number")


def cancel_token(uow, actor: Actor, token_id: int) -> TokenInfo:
    """Cancel an unused token. Raises Forbidden, TokenNotFound or TokenNotOpen."""
    actor.require("tokens.cancel")
    row = uow.session.get(EnrollmentToken, token_id)
    if row is None or not actor.covers(row.scope):
        raise TokenNotFound(token_id=token_id)
    state = row.state(uow.now())
    if state != "open":
        raise TokenNotOpen(token_id=token_id, state=state)
    row.cancelled_at, row.cancelled_by = uow.now(), actor.name
    audit.record(uow, actor, "token.cancelled", f"token:{token_id}")
    uow.commit()
    return _token_info(row, uow.now())


def enroll(uow, token_text: str, public_key: bytes, label: str = "", *, hub_fingerprint: str) -> Enrollment:
    """Enroll (or re-enroll) the laptop holding `public_key`, spending the token.

    Raises Invalid (token format, key length), WrongHub, TokenUnknown, TokenUsed, TokenExpired,
    TokenCancelled or DeviceRevoked; every refusal is recorded in the audit log.
    """
    device_id = device_id_for(public_key) if len(public_key) == PUBLIC_KEY_BYTES else None
    try:
        result = _enroll(uow, token_text, public_key, (label or "").strip()[:LABEL_MAX], hub_fingerprint)
    except (EnrollmentRefused, Invalid) as refusal:
        uow.rollback()
        audit.record(uow, device_actor(device_id) if device_id else "anonymous", "enrollment.refused",
                     refusal.fields.get("token", ""), code=refusal.code, **_without(refusal.fields, "token"))
        uow.commit()
        raise
    uow.commit()
    return result


def reply_body(enrollment: Enrollment, hub_key) -> dict:
    """The enrollment reply before signing: what the laptop pins and where its chain stands."""
    return {
        "ok": True, "device_id": enrollment.device_id,
        "public_key": base64.b64encode(enrollment.public_key).decode(),
        "scope": list(enrollment.scope), "role": enrollment.role, "label": enrollment.label,
        "token_id": enrollment.token_id, "reenrolled": enrollment.reenrolled,
        "last_seq": enrollment.last_seq, "head_hash": enrollment.head_hash,
        "enrolled_at": enrollment.enrolled_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "hub_id": hub_key.hub_id, "hub_public_key": hub_key.public_key_b64,
        # Signed with the rest: a laptop that speaks version 3 seals its very first request (docs/protocol.md §14).
        "protocol_versions": sorted(SUPPORTED_VERSIONS),
        # The challenge for the laptop's first sync request, as every sync reply gives one for the next: its
        # first push then brings its feed page back at once, instead of one round later (docs/protocol.md §11).
        "challenge": challenge.issue(challenge.challenge_secret(hub_key.private_key), enrollment.device_id,
                                     int(enrollment.enrolled_at.timestamp())),
    }


def signed_reply(enrollment: Enrollment, hub_key) -> dict:
    """The reply with the hub's signature (domain SWS-ENROLL-REPLY) over everything but `signature`."""
    return sign_enroll_reply(hub_key.private_key, reply_body(enrollment, hub_key))


def _enroll(uow, token_text, public_key, label, hub_fingerprint) -> Enrollment:
    if len(public_key) != PUBLIC_KEY_BYTES:
        raise Invalid([FieldError("public_key", "key_length", {"length": PUBLIC_KEY_BYTES})])
    try:
        parsed = tokens.parse_token(token_text)
    except ValueError:
        raise Invalid([FieldError("token", "token_format")]) from None
    if parsed.fingerprint and not parsed.matches_hub(hub_fingerprint):
        raise WrongHub(fingerprint=parsed.fingerprint)
    row = _open_token(uow, parsed)
    device, reenrolled = _bind_device(uow, row, public_key)
    row.used_at, row.device_id = uow.now(), device.device_id
    actor = device_actor(device.device_id)
    audit.record(uow, actor, "token.used", f"token:{row.id}", device_id=device.device_id)
    audit.record(uow, actor, "device.reenrolled" if reenrolled else "device.enrolled", actor,
                 token=f"token:{row.id}", scope=row.scope, role=row.role, laptop_label=label)
    return Enrollment(device.device_id, public_key, tuple(device.scope), device.role, device.label,
                      uow.now(), device.last_seq, device.head_hash, row.id, reenrolled)


def _open_token(uow, parsed) -> EnrollmentToken:
    query = select(EnrollmentToken).where(EnrollmentToken.secret_hash == parsed.secret_hash())
    row = uow.session.scalar(query.with_for_update())
    if row is None:
        raise TokenUnknown()
    state, subject = row.state(uow.now()), f"token:{row.id}"
    if state == "used":
        raise TokenUsed(token=subject, token_id=row.id)
    if state == "cancelled":
        raise TokenCancelled(token=subject, token_id=row.id)
    if state == "expired":
        raise TokenExpired(token=subject, token_id=row.id, expires_at=row.expires_at.isoformat())
    return row


def _bind_device(uow, row: EnrollmentToken, public_key: bytes) -> tuple:
    device_id = device_id_for(public_key)
    device = uow.session.get(Device, device_id)
    if device is not None and device.public_key != public_key:  # another key with the same id
        raise Invalid([FieldError("public_key", "key_in_use")], token=f"token:{row.id}")
    if device is not None and device.revoked:
        raise DeviceRevoked(token=f"token:{row.id}", device_id=device_id, reason=device.revoke_reason or "")
    if device is None:
        device = Device(device_id=device_id, public_key=public_key, scope=row.scope, role=row.role,
                        label=row.label, enrolled_at=uow.now())
        uow.session.add(device)
        uow.session.flush()
        return device, False
    device.scope, device.role, device.label, device.reenrolled_at = row.scope, row.role, row.label, uow.now()
    return device, True


def _check_token_request(codes, role, label, hours, district) -> None:
    errors = []
    if role not in DEVICE_ROLES:
        errors.append(FieldError("role", "choice", {"choices": DEVICE_ROLES}))
    else:
        errors += regions.scope_errors(codes, role, district)
    if not label:
        errors.append(FieldError("label", "required"))
    elif len(label) > LABEL_MAX:
        errors.append(FieldError("label", "max_length", {"max": LABEL_MAX}))
    if not isinstance(hours, int) or not 1 <= hours <= MAX_HOURS:
        errors.append(FieldError("hours", "range", {"min": 1, "max": MAX_HOURS}))
    if errors:
        raise Invalid(errors)


def _token_info(row: EnrollmentToken, now: dt.datetime) -> TokenInfo:
    return TokenInfo(row.id, tuple(row.scope), row.role, row.label, row.created_at, row.created_by,
                     row.expires_at, row.state(now), row.used_at, row.device_id)


def _without(fields: dict, key: str) -> dict:
    return {name: value for name, value in fields.items() if name != key}


