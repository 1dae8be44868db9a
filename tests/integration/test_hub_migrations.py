"""The hub's schema comes from its migrations, on SQLite and PostgreSQL, and matches the models."""

import importlib
import pkgutil

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

import hub_server.models
import migrations
from hub_server.db import Database
from hub_server.models import Base

TABLES = {"users", "devices", "enrollment_tokens", "audit_log"}


def all_models():
    """Every model module under hub_server/models, so a table without a migration is noticed."""
    for module in pkgutil.iter_modules(hub_server.models.__path__):
        importlib.import_module(f"hub_server.models.{module.name}")
    return Base.metadata


def summary(differences) -> list:
    """One line per difference: "add_table records", "modify_nullable conflicts.base"."""
    lines = []
    for item in differences:
        if isinstance(item, list):  # column changes come as a list of one tuple
            lines += [f"{change[0]} {change[2]}.{change[3]}" for change in item]
        else:
            lines.append(f"{item[0]} {getattr(item[1], 'name', item[1])}")
    return lines


@pytest.fixture
def empty(db_url):
    database = Database(db_url)
    yield database
    database.dispose()


def test_migrations_create_the_schema_from_empty(empty):
    assert migrations.current_revision(empty.engine) is None
    migrations.upgrade(empty.engine)
    assert migrations.current_revision(empty.engine) == migrations.head_revision()
    assert TABLES <= set(inspect(empty.engine).get_table_names())


def test_the_models_match_the_migrated_schema(empty):
    migrations.upgrade(empty.engine)
    with empty.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, all_models())
    assert differences == [], f"models and migrations differ, add a migration: {summary(differences)}"


def test_upgrading_again_changes_nothing_and_downgrade_removes_everything(empty):
    migrations.upgrade(empty.engine)
    migrations.upgrade(empty.engine)
    with empty.engine.begin() as connection:
        from alembic import command

        command.downgrade(migrations.alembic_config(connection), "base")
    assert not TABLES & set(inspect(empty.engine).get_table_names())


@pytest.mark.parametrize("statement", ["UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"])
def test_the_database_keeps_the_audit_log_append_only(empty, statement):
    migrations.upgrade(empty.engine)
    with empty.engine.begin() as connection:
        connection.execute(text("INSERT INTO audit_log (at, actor, action, subject, detail) "
                                "VALUES (CURRENT_TIMESTAMP, 'cli:test', 'user.added', 'user:x', '{}')"))
    with pytest.raises(DatabaseError, match="append-only"), empty.engine.begin() as connection:
        connection.execute(text(statement))


def test_migration_scripts_are_found_from_any_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert migrations.head_revision() >= "0001"
    assert (migrations.SCRIPT_LOCATION / "env.py").is_file()
