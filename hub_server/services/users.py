"""Hub users: passwords (scrypt hashes), roles, logins with a lock after repeated failures."""

import datetime as dt
import functools
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from hub_server.errors import FieldError, Invalid, LoginFailed, LoginLocked, UserExists, UserNotFound
from hub_server.models import AuditLog, User
from hub_server.models.programmes import Programme
from hub_server.services import audit, regions
from hub_server.services.actors import USER_ROLES, Actor
from schemas.messages import LANGUAGES

USERNAME = re.compile(r"^[a-z0-9._-]{3,64}$")
LOCK_WINDOW = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class UserInfo:
    username: str
    role: str
    area: str | None
    language: str
    programmes: str | None
    active: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None


def add_user(uow, actor: Actor, username: str, password: str, role: str, *, area: str | None = None,
             language: str = "id", min_password: int = 10, programmes: str | None = None) -> UserInfo:
    """Create a user. Raises Forbidden, Invalid (naming each field) or UserExists.

    A sub_district_officer needs an `area` (a sub-district code), a technical_unit `programmes`
    (codes of the catalogue, comma-separated): the complaints it answers at the desk. A protection_unit
    may have an `area` (a sub-district's crisis centre: the sensitive cases of that sub-district only).
    """
    actor.require("users.manage")
    area = regions.normalise(area) if area else None
    codes = _programme_codes(programmes)
    errors = (_role_errors(role, area) + _programme_errors(uow, role, codes)
              + _password_errors(password, min_password))
    if not USERNAME.match(username or ""):
        errors.append(FieldError("username", "username"))
    if language not in LANGUAGES:
        errors.append(FieldError("language", "choice", {"choices": LANGUAGES}))
    if errors:
        raise Invalid(errors)
    if _find(uow, username):
        raise UserExists(username=username)
    now = uow.now()
    user = User(username=username, password_hash=generate_password_hash(password), role=role,
                sub_district_code=area if role in AREA_ROLES else None,
                programmes=",".join(codes) if role == "technical_unit" else None, language=language, active=True,
                created_at=now, created_by=actor.name, password_changed_at=now)
    uow.session.add(user)
    audit.record(uow, actor, "user.added", f"user:{username}", role=role, area=area, programmes=codes)
    uow.commit()
    return _info(user)


def set_role(uow, actor: Actor, username: str, role: str, *, area: str | None = None,
             programmes: str | None = None) -> UserInfo:
    """Change a user's role (and area, or programmes). Raises Forbidden, Invalid or UserNotFound."""
    actor.require("users.manage")
    area = regions.normalise(area) if area else None
    codes = _programme_codes(programmes)
    errors = _role_errors(role, area) + _programme_errors(uow, role, codes)
    if errors:
        raise Invalid(errors)
    user = _get(uow, username)
    before = (user.role, user.sub_district_code, user.programmes)
    user.role, user.sub_district_code = role, area if role in AREA_ROLES else None
    user.programmes = ",".join(codes) if role == "technical_unit" else None
    audit.record(uow, actor, "user.role_changed", f"user:{username}", before=list(before), role=role, area=area,
                 programmes=codes)
    uow.commit()
    return _info(user)


def reset_password(uow, actor: Actor, username: str, password: str, *, min_password: int = 10) -> None:
    """Set a new password (which also lifts a login lock). Raises Forbidden, Invalid or UserNotFound."""
    actor.require("users.manage")
    errors = _password_errors(password, min_password)
    if errors:
        raise Invalid(errors)
    user = _get(uow, username)
    user.password_hash = generate_password_hash(password)
    user.password_changed_at = uow.now()
    audit.record(uow, actor, "user.password_reset", f"user:{username}")
    uow.commit()


def list_users(uow, actor: Actor) -> list:
    actor.require("users.manage")
    return [_info(user) for user in uow.session.scalars(select(User).order_by(User.username))]


def authenticate(uow, username: str, password: str, *, max_failures: int = 5) -> Actor:
    """The Actor for a correct login. Raises LoginLocked or LoginFailed; each attempt is audited.

    A user name that does not exist locks after as many failures as one that does: the answers never
    tell which names exist."""
    user = _find(uow, username)
    if _recent_failures(uow, user, username) >= max_failures:
        _refuse(uow, username, "user.login_locked")
        raise LoginLocked(minutes=int(LOCK_WINDOW.total_seconds() // 60))
    valid = check_password_hash(user.password_hash if user else _dummy_hash(), password or "")
    if not (user and user.active and valid):
        _refuse(uow, username, "user.login_failed")
        raise LoginFailed()
    user.last_login_at = uow.now()
    actor = _actor(user)
    audit.record(uow, actor, "user.login", actor.name)
    uow.commit()
    return actor


def actor_for(uow, user_id: int, started: float | None = None) -> Actor | None:
    """The Actor of an active user, for a web session that began at `started` (Unix seconds); None if the
    user is gone or disabled, or the session began before the user's sessions were ended (a logout, a
    new password)."""
    user = uow.session.get(User, user_id)
    if not (user and user.active):
        return None
    ended = max(filter(None, (user.sessions_ended_at, user.password_changed_at)))
    if started is not None and started < ended.timestamp():
        return None
    return _actor(user)


def record_logout(uow, actor: Actor) -> None:
    """Log out: every session of the user ends at the server, not only this browser's cookie."""
    user = uow.session.get(User, actor.user_id)
    if user is not None:
        user.sessions_ended_at = uow.now()
    audit.record(uow, actor, "user.logout", actor.name)
    uow.commit()


def set_language(uow, user_id: int, language: str) -> None:
    """Remember a user's preferred language (used at their next login)."""
    user = uow.session.get(User, user_id)
    if user and language in LANGUAGES:
        user.language = language
        uow.commit()


@functools.cache
def _dummy_hash() -> str:
    # An unknown user name costs the same hash check as a known one, so timing tells nothing.
    return generate_password_hash("no such user")


def _actor(user: User) -> Actor:
    programmes = tuple((user.programmes or "").split(",")) if user.programmes else ()
    return Actor(f"user:{user.username}", user.role, user.sub_district_code, user.id, user.language, programmes)


def _recent_failures(uow, user: User | None, username: str) -> int:
    # A successful login or a new password starts the count afresh.
    since = uow.now() - LOCK_WINDOW
    if user is not None:
        since = max(since, user.password_changed_at, user.last_login_at or user.password_changed_at)
    query = select(func.count()).select_from(AuditLog).where(
        AuditLog.action == "user.login_failed", AuditLog.subject == f"user:{(username or '')[:190]}",
        AuditLog.at >= since)
    return uow.session.scalar(query)


def _refuse(uow, username: str, action: str) -> None:
    uow.rollback()
    audit.record(uow, "anonymous", action, f"user:{(username or '')[:190]}")
    uow.commit()


# Roles limited to one sub-district: a sub-district officer always; a protection unit when it is a
# sub-district's crisis centre (given an area), else the district's (UPTD PPA); a case worker of one
# sub-district's services when given one, else the district's (LTSA).
AREA_ROLES = ("sub_district_officer", "protection_unit", "case_worker")


def _role_errors(role: str, area: str | None) -> list:
    if role not in USER_ROLES:
        return [FieldError("role", "choice", {"choices": USER_ROLES})]
    if role == "sub_district_officer" or (role in AREA_ROLES and area):
        error = regions.area_error(area)
        return [error] if error else []
    return []


def _programme_codes(text: str | None) -> list:
    return sorted({code.strip().upper() for code in (text or "").split(",") if code.strip()})


def _programme_errors(uow, role: str, codes: list) -> list:
    """A technical unit answers for at least one programme, each in the catalogue."""
    if role != "technical_unit":
        return [FieldError("programmes", "programmes_unused")] if codes else []
    if not codes:
        return [FieldError("programmes", "required")]
    known = set(uow.session.scalars(select(Programme.code).where(Programme.code.in_(codes))))
    unknown = [code for code in codes if code not in known]
    return [FieldError("programmes", "unknown_programme", {"codes": ", ".join(unknown)})] if unknown else []


def _password_errors(password: str, min_password: int) -> list:
    if len(password or "") < min_password:
        return [FieldError("password", "min_length", {"min": min_password})]
    return []


def _find(uow, username: str) -> User | None:
    return uow.session.scalar(select(User).where(User.username == username))


def _get(uow, username: str) -> User:
    user = _find(uow, username)
    if user is None:
        raise UserNotFound(username=username)
    return user


def _info(user: User) -> UserInfo:
    return UserInfo(user.username, user.role, user.sub_district_code, user.language, user.programmes, user.active,
                    user.created_at, user.last_login_at)
