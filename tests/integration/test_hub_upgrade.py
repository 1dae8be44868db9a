"""Upgrading a hub whose database holds data from an older schema keeps the data and then syncs."""

import datetime as dt
import json

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


def test_the_desk_upgrade_fills_the_complaint_states_and_keeps_the_users(db_url):
    """Complaints held before 0011 are on the desk at once; a technical unit can be added after it."""
    from tests.unit.protocol_helpers import valid_record

    database = Database(db_url)
    migrations.upgrade(database.engine, "0010")
    now = dt.datetime(2026, 3, 5, 8, 0)
    form = valid_record("complaint", village_code=VILLAGE, date_submitted="2026-03-01")
    event = {**valid_record("complaint_event"), "complaint_id": "old-1", "step": 1}
    with database.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (username, password_hash, role, sub_district_code, language, active, created_at, "
            "created_by, password_changed_at) VALUES ('camat', 'x', 'sub_district_officer', '35.07.01', 'id', "
            ":yes, :now, 'cli:root', :now)"), {"now": now, "yes": True})
        for record_id, table, data in (("old-1", "complaint", form), ("old-2", "complaint_event", event)):
            connection.execute(text(
                "INSERT INTO records (id, table_name, village_code, data, created_by, created_seq) "
                "VALUES (:id, :table, :village, :data, 'OLDLAPTOP1', 1)"),
                {"id": record_id, "table": table, "village": VILLAGE, "data": json.dumps(data)})
    migrations.upgrade(database.engine)
    with database.engine.connect() as connection:
        row = connection.execute(text("SELECT level, status, reference_number FROM complaint_states")).one()
        role = connection.execute(text("SELECT role FROM users WHERE username = 'camat'")).scalar()
    assert tuple(row) == ("sub_district", "in_progress", form["reference_number"]) and role == "sub_district_officer"
    with database.engine.begin() as connection:  # the role constraint now takes a technical unit
        connection.execute(text(
            "INSERT INTO users (username, password_hash, role, programmes, language, active, created_at, "
            "created_by, password_changed_at) VALUES ('dinsos', 'x', 'technical_unit', 'PKH', 'id', :yes, :now, "
            "'cli:root', :now)"), {"now": now, "yes": True})
    database.dispose()


def test_the_call_centre_upgrade_gives_settled_complaints_their_date_and_days(db_url):
    """Complaints held before 0013 count in the statistics at once: a settled one gets its date and days."""
    from tests.unit.protocol_helpers import valid_record

    database = Database(db_url)
    migrations.upgrade(database.engine, "0012")
    form = valid_record("complaint", village_code=VILLAGE, date_submitted="2026-03-01", escalation_level="village",
                        status="open", date_transmitted=None, officer_in_charge=None, response=None,
                        response_date=None, acknowledged=False, acknowledged_date=None, resolved_date=None)
    answered = {**valid_record("complaint_event"), "complaint_id": "old-1", "kind": "response", "step": 1,
                "escalation_level": None, "date": "2026-03-04", "time": "2026-03-04T02:00:00Z", "text": "Dibayar."}
    with database.engine.begin() as connection:
        for record_id, table, data in (("old-1", "complaint", form), ("old-2", "complaint_event", answered),
                                       ("old-3", "complaint", {**form, "id": "old-3"})):
            connection.execute(text(
                "INSERT INTO records (id, table_name, village_code, data, created_by, created_seq) "
                "VALUES (:id, :table, :village, :data, 'OLDLAPTOP1', 1)"),
                {"id": record_id, "table": table, "village": VILLAGE, "data": json.dumps(data)})
    with database.engine.begin() as connection:  # their desk rows, as a hub at 0012 keeps them
        for complaint_id in ("old-1", "old-3"):
            connection.execute(text(
                "INSERT INTO complaint_states (complaint_id, reference_number, village_code, category, "
                "date_submitted, level, level_date, status, answered, acknowledged, flagged, step) VALUES "
                "(:id, 'ADU/1', :village, 'payment_delay', '2026-03-01', 'village', '2026-03-01', 'open', "
                ":no, :no, 0, 0)"), {"id": complaint_id, "village": VILLAGE, "no": False})
    migrations.upgrade(database.engine)
    with database.engine.connect() as connection:
        rows = dict((row[0], tuple(row[1:])) for row in connection.execute(text(
            "SELECT complaint_id, resolved_date, settle_days FROM complaint_states")))
    assert rows == {"old-1": ("2026-03-04", 3), "old-3": (None, None)}
    database.dispose()
