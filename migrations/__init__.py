"""The hub's schema migrations (Alembic).

The script folder is found next to this file, never from the current directory, so migrations run
the same from a source checkout, an editable install or a wheel. `sws-hub init` and
`sws-hub db upgrade` call `upgrade`; the `alembic` command works too, with `alembic.ini` at the
repository root (it reads the database URL from the hub's settings).
"""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config(connection=None) -> Config:
    """An Alembic configuration for our scripts; `connection` (if given) is used by env.py."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision`, in one transaction."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it was never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
