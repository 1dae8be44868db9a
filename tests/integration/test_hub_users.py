"""Hub users: hashed passwords, roles and areas, logins audited, a lock after repeated failures."""

import datetime as dt

import pytest
from sqlalchemy import select

from hub_server import errors
from hub_server.models import AuditLog, User
from hub_server.services import users
from hub_server.services.actors import Actor, operator
from tests.conftest import ADMIN_PASSWORD


def add(database, username, role="viewer", area=None, password="rahasia-panjang-1"):
    with database.uow() as uow:
        return users.add_user(uow, operator("test"), username, password, role, area=area)


def login(database, username, password, clock=None, max_failures=5):
    options = {"clock": clock} if clock else {}
    with database.uow(**options) as uow:
        return users.authenticate(uow, username, password, max_failures=max_failures)


def test_passwords_are_stored_as_scrypt_hashes(database):
    add(database, "ana", password="rahasia-panjang-1")
    with database.uow() as uow:
        stored = uow.session.scalar(select(User.password_hash).where(User.username == "ana"))
    assert stored.startswith("scrypt:") and "rahasia" not in stored


def test_a_good_login_gives_the_actor_with_role_and_area(database):
    add(database, "budi", "sub_district_officer", area="3507 01")
    actor = login(database, "budi", "rahasia-panjang-1")
    assert (actor.name, actor.role, actor.area) == ("user:budi", "sub_district_officer", "35.07.01")


@pytest.mark.parametrize(("username", "password"), [("admin", "salah"), ("nobody", ADMIN_PASSWORD)])
def test_a_bad_login_is_refused_and_audited(database, username, password):
    with pytest.raises(errors.LoginFailed):
        login(database, username, password)
    with database.uow() as uow:
        entry = uow.session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (entry.action, entry.subject) == ("user.login_failed", f"user:{username}")


def test_repeated_failures_lock_the_login_until_the_window_passes_or_a_reset(database):
    now = dt.datetime.now(dt.UTC)
    for minutes in (0, 16):
        clock = (lambda at: lambda: at)(now + dt.timedelta(minutes=minutes))
        for _ in range(3):
            with pytest.raises(errors.LoginFailed):
                login(database, "admin", "salah", clock=clock, max_failures=3)
        with pytest.raises(errors.LoginLocked):
            login(database, "admin", ADMIN_PASSWORD, clock=clock, max_failures=3)
    later = now + dt.timedelta(minutes=32)
    assert login(database, "admin", ADMIN_PASSWORD, clock=lambda: later, max_failures=3).role == "district_admin"
    with database.uow(clock=lambda: now + dt.timedelta(minutes=16)) as uow:
        users.reset_password(uow, operator("test"), "admin", "kata-sandi-baru-1")
    assert login(database, "admin", "kata-sandi-baru-1", max_failures=3).name == "user:admin"


@pytest.mark.parametrize(("kwargs", "field", "rule"), [
    ({"username": "A B"}, "username", "username"),
    ({"password": "pendek"}, "password", "min_length"),
    ({"role": "superuser"}, "role", "choice"),
    ({"role": "sub_district_officer"}, "area", "required"),
    ({"role": "sub_district_officer", "area": "35.07.01.2001"}, "area", "sub_district_code"),
    ({"role": "sub_district_officer", "area": "35.07.99"}, "area", "region_code"),
])
def test_a_new_user_is_checked_field_by_field(database, kwargs, field, rule):
    values = {"username": "citra", "password": "rahasia-panjang-1", "role": "viewer", **kwargs}
    with pytest.raises(errors.Invalid) as refused, database.uow() as uow:
        users.add_user(uow, operator("test"), values["username"], values["password"], values["role"],
                       area=values.get("area"))
    assert [(e.field, e.rule) for e in refused.value.errors] == [(field, rule)]


def test_user_names_are_unique(database):
    with pytest.raises(errors.UserExists):
        add(database, "admin")


def test_only_a_district_admin_manages_users(database):
    with pytest.raises(errors.Forbidden), database.uow() as uow:
        users.add_user(uow, Actor("user:ana", "viewer"), "dedi", "rahasia-panjang-1", "viewer")


def test_changing_a_role_sets_or_clears_the_area(database):
    add(database, "eka")
    with database.uow() as uow:
        assert users.set_role(uow, operator("test"), "eka", "sub_district_officer", area="35.07.02").area == "35.07.02"
        assert users.set_role(uow, operator("test"), "eka", "viewer").area is None
        with pytest.raises(errors.UserNotFound):
            users.set_role(uow, operator("test"), "nobody", "viewer")
    with database.uow() as uow:
        actions = [row.action for row in uow.session.scalars(select(AuditLog).where(AuditLog.subject == "user:eka"))]
    assert actions == ["user.added", "user.role_changed", "user.role_changed"]
