"""Upgrading a hub whose database holds data from an older schema keeps the data and then syncs."""

import datetime as dt

import pytest
from sqlalchemy import text

import migrations
from hub_server.db import Database
from hub_server.services.ingest import sync
from tests.integration.sync_helpers import VILLAGE, request
from tests.unit.protocol_helpers import Device, valid_person

HUB = Device(250)


@pytest.fixture
def old_hub(db_url):
    """A database at the first revision (users, devices, tokens, audit) with an enrolled laptop in it."""
    database = Database(db_url)
    migrations.upgrade(database.engine, "0001")
    laptop = Device(1)
    now = dt.datetime(2026, 1, 5, 8, 0)
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO devices (device_id, public_key, scope, role, label, enrolled_at, last_seq, head_hash, "
            "accepted_count, refused_count, pending_count) VALUES (:id, :key, :scope, 'village', 'Desa lama', :now, 0, "
            ":head, 0, 0, 0)"), {"id": laptop.device_id, "key": laptop.public_key, "scope": f'["{VILLAGE}"]',
                                 "now": now, "head": "0" * 64})
        connection.execute(text("INSERT INTO audit_log (at, actor, action, subject, detail) "
                                "VALUES (:now, 'cli:root', 'device.enrolled', :subject, '{}')"),
                           {"now": now, "subject": f"device:{laptop.device_id}"})
    yield database, laptop
    database.dispose()


def test_an_upgrade_keeps_devices_and_audit_and_the_laptop_then_syncs(old_hub):
    database, laptop = old_hub
    migrations.upgrade(database.engine)
    assert migrations.current_revision(database.engine) == migrations.head_revision()
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT label FROM devices")).scalar() == "Desa lama"
        assert connection.execute(text("SELECT count(*) FROM audit_log")).scalar() == 1
    with database.uow(immediate=True) as uow:
        reply = sync(uow, request(laptop, [laptop.create(**valid_person(village_code=VILLAGE))]), HUB.key)
    assert reply["summary"]["applied"] == 1 and reply["ack"]["seq"] == 1
