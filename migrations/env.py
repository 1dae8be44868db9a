"""Alembic environment: the hub's models' metadata and the hub's database.

Called with a connection (from `migrations.upgrade`) it uses it; called by the `alembic` command it
reads DATABASE_URL from the hub's settings (defaults, SWS_HUB_* environment variables).
"""

from alembic import context

from hub_server import config as hub_config
from hub_server.db import make_engine
from hub_server.models import Base

TARGET = Base.metadata


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=TARGET, compare_type=True,
                      render_as_batch=connection.dialect.name == "sqlite")


def run_offline() -> None:
    url = hub_config.load()["DATABASE_URL"]
    context.configure(url=url, target_metadata=TARGET, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():  # joins the caller's transaction
            context.run_migrations()
        return
    engine = make_engine(hub_config.load()["DATABASE_URL"])
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
