"""Devices: listing by area, revoking (who, why, audited), and loading one for a sync."""

import pytest
from sqlalchemy import select

from hub_server import errors
from hub_server.models import AuditLog
from hub_server.services import devices, enrollment
from hub_server.services.actors import Actor, operator
from sync_protocol.errors import RevokedDevice, UnknownDevice
from sync_protocol.signing import generate_private_key, public_key_bytes

OFFICER = Actor("user:budi", "sub_district_officer", area="35.07.01")
VIEWER = Actor("user:ana", "viewer")


def enrolled(database, hub_key, scope="35.07.01.2001", role="village"):
    with database.uow() as uow:
        issued = enrollment.issue_token(uow, operator("test"), scope=scope, role=role, label=f"laptop {scope}",
                                        hours=1, hub_fingerprint=hub_key.fingerprint)
    with database.uow() as uow:
        return enrollment.enroll(uow, issued.text, public_key_bytes(generate_private_key()),
                                 hub_fingerprint=hub_key.fingerprint).device_id


def test_revoking_records_who_and_why(database, hub_key):
    device_id = enrolled(database, hub_key)
    with database.uow() as uow:
        revoked = devices.revoke(uow, Actor("user:siti", "district_admin"), device_id, "  laptop stolen  ")
    assert (revoked.revoke_reason, revoked.revoked_by) == ("laptop stolen", "user:siti") and revoked.revoked
    with database.uow() as uow:
        entry = uow.session.scalars(select(AuditLog).order_by(AuditLog.id.desc())).first()
        assert (entry.actor, entry.action, entry.subject) == ("user:siti", "device.revoked", f"device:{device_id}")
        assert entry.detail == {"reason": "laptop stolen"}


def test_a_revocation_needs_a_reason_and_happens_once(database, hub_key):
    device_id = enrolled(database, hub_key)
    with pytest.raises(errors.Invalid) as refused, database.uow() as uow:
        devices.revoke(uow, operator("test"), device_id, "   ")
    assert refused.value.errors[0].field == "reason"
    with database.uow() as uow:
        devices.revoke(uow, operator("test"), device_id, "lost")
    with pytest.raises(errors.AlreadyRevoked), database.uow() as uow:
        devices.revoke(uow, operator("test"), device_id, "lost again")


def test_an_unknown_device_cannot_be_revoked(database):
    with pytest.raises(errors.DeviceNotFound), database.uow() as uow:
        devices.revoke(uow, operator("test"), "aaaaaaaaaa", "lost")


def test_a_sub_district_officer_sees_and_revokes_only_their_area(database, hub_key):
    mine = enrolled(database, hub_key, "35.07.01.2001")
    theirs = enrolled(database, hub_key, "35.07.02.2001")
    with database.uow() as uow:
        assert [d.device_id for d in devices.list_devices(uow, OFFICER)] == [mine]
        with pytest.raises(errors.DeviceNotFound):
            devices.revoke(uow, OFFICER, theirs, "not theirs")
        assert devices.revoke(uow, OFFICER, mine, "broken").revoked


def test_a_viewer_reads_but_cannot_revoke(database, hub_key):
    device_id = enrolled(database, hub_key)
    with database.uow() as uow:
        assert devices.get_device(uow, VIEWER, device_id).last_seq == 0
        with pytest.raises(errors.Forbidden):
            devices.revoke(uow, VIEWER, device_id, "no")


def test_the_list_can_leave_out_revoked_devices(database, hub_key):
    kept, gone = enrolled(database, hub_key, "35.07.01.2001"), enrolled(database, hub_key, "35.07.01.2002")
    with database.uow() as uow:
        devices.revoke(uow, operator("test"), gone, "lost")
    with database.uow() as uow:
        assert {d.device_id for d in devices.list_devices(uow, VIEWER)} == {kept, gone}
        assert [d.device_id for d in devices.list_devices(uow, VIEWER, include_revoked=False)] == [kept]


def test_a_sync_is_refused_for_unknown_and_revoked_devices(database, hub_key):
    device_id = enrolled(database, hub_key)
    with database.uow(immediate=True) as uow:
        assert devices.sync_device(uow, device_id).device_id == device_id
        with pytest.raises(UnknownDevice):
            devices.sync_device(uow, "zzzzzzzzzz")
    with database.uow() as uow:
        devices.revoke(uow, operator("test"), device_id, "stolen")
    with pytest.raises(RevokedDevice, match="stolen"), database.uow() as uow:
        devices.sync_device(uow, device_id)


def test_a_device_activity_lists_its_enrollment_and_revocation(database, hub_key):
    device_id = enrolled(database, hub_key)
    with database.uow() as uow:
        devices.revoke(uow, operator("test"), device_id, "lost")
    with database.uow() as uow:
        activity = devices.activity(uow, VIEWER, device_id)
    assert [entry.action for entry in activity.entries] == ["device.revoked", "device.enrolled", "token.used"]
    assert activity.total == 3 and activity.pages == 1
