"""Setting up a hub (`sws-hub init`): data folder, key pair, schema, first admin. Safe to repeat."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

import migrations
from hub_server import db, keys
from hub_server.config import ensure_data_dir
from hub_server.models import User
from hub_server.services import directory, identity, users
from hub_server.services.actors import operator


@dataclass(frozen=True)
class InitReport:
    data_dir: str
    database: str  # URL without its password
    hub_id: str
    fingerprint: str
    key_created: bool
    revision_before: str | None
    revision: str
    admin_created: str | None  # the first admin's user name, when made now


def initialise(app, *, admin: str, password: Callable[[], str], actor=None) -> InitReport:
    """Create what is missing; keep what exists. `password()` is called only when the first admin is made.

    Raises Invalid (e.g. a password too short) before anything about the admin is stored.
    """
    data_dir = ensure_data_dir(Path(app.config["DATA_DIR"]))
    key, key_created = keys.load_or_create(data_dir)
    app.extensions[keys.EXTENSION] = key
    database = db.get(app)
    before = migrations.current_revision(database.engine)
    migrations.upgrade(database.engine)
    _catch_up(database)
    admin_created = _first_admin(database, admin, password, app.config["PASSWORD_MIN_LENGTH"], actor)
    return InitReport(str(data_dir), safe_url(database.url), key.hub_id, key.fingerprint, key_created, before,
                      migrations.current_revision(database.engine), admin_created)


def upgrade(app) -> tuple:
    """Bring the database schema to the newest revision: (revision before, revision after)."""
    engine = db.get(app).engine
    before = migrations.current_revision(engine)
    migrations.upgrade(engine)
    _catch_up(db.get(app))
    return before, migrations.current_revision(engine)


def _catch_up(database) -> None:
    """Data that an upgrade's new rules read differently, brought up to date with the services' own code."""
    with database.uow() as uow:
        identity.settle_unknown_niks(uow)  # unknown NIKs were conflicts before revision 0005
    with database.uow() as uow:
        directory.publish_missing(uow)  # the laptops hold the directory of services since their step m027


def schema_is_current(app) -> bool:
    return migrations.current_revision(db.get(app).engine) == migrations.head_revision()


def safe_url(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _first_admin(database, username: str, password, min_password: int, actor) -> str | None:
    with database.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(User)):
            return None
        users.add_user(uow, actor or operator(), username, password(), "district_admin", min_password=min_password)
    return username
