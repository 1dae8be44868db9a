"""Fixtures for integration tests of hub services on a real database file."""

import pytest

from hub_server.db import Database
from hub_server.models import Base


@pytest.fixture
def hub_database(tmp_path):
    import hub_server.models.records  # noqa: F401  (registers the sync tables)

    database = Database(f"sqlite:///{tmp_path / 'hub.sqlite'}")
    Base.metadata.create_all(database.engine)
    yield database
    database.dispose()
