"""Protocol version 2 at the hub, on SQLite and PostgreSQL: the version answered follows what the laptop
announces, replies are signed whole, a replayed request is refused, a stale challenge reads no feed."""

import datetime as dt
import json
from dataclasses import replace

import pytest
from sqlalchemy import select

from hub_server.models import AuditLog
from hub_server.models import Device as DeviceRow
from hub_server.services.ingest import sync
from sync_protocol import challenge
from sync_protocol.binding import SYNC_PATH, SyncReply, SyncRequest, open_reply
from sync_protocol.errors import ReplayedRequest
from sync_protocol.wire import encode_batch
from tests.integration.sync_helpers import enroll
from tests.unit.protocol_helpers import Device, valid_person


@pytest.fixture
def laptop(database):
    device = Device(1)
    enroll(database, device)
    return device


def post(client, request: SyncRequest, lang="en"):
    response = client.post(SYNC_PATH, data=request.body, headers={**request.headers(), "Accept-Language": lang})
    return response.status_code, json.loads(response.data)


def signed(device, made=(), *, protocol=1, counter=0, challenge_text="", versions=()):
    """A request of a laptop that speaks versions 1 and 2 (version 3 has its own tests)."""
    body = encode_batch([device.segment(list(made))]) if made else b""
    versions = versions or ({1, 2} if protocol == 2 else ())
    return SyncRequest.signed(device.key, device.device_id, "", body, protocol=protocol, counter=counter,
                              challenge=challenge_text, versions=versions)


def opened(data, hub_key, device):
    return open_reply(SyncReply.from_json(data), hub_key.public_key, device.device_id, required=True)


def test_a_version_1_laptop_is_answered_exactly_as_before(client, laptop):
    status, data = post(client, signed(laptop, [laptop.create(**valid_person())]))
    assert status == 200 and set(data) == {"ok", "ack", "summary", "results", "feed"}
    assert data["ack"]["seq"] == 1 and data["feed"]["sig"]


def test_a_laptop_that_announces_version_2_gets_a_signed_reply_and_a_challenge(client, hub_key, laptop):
    status, data = post(client, signed(laptop, [laptop.create(**valid_person())], versions={1, 2}))
    reply = opened(data, hub_key, laptop)
    assert status == 200 and reply.version == 2 and reply.counter == 0 and not reply.withheld
    assert reply.ack["seq"] == 1 and reply.feed is not None and reply.challenge


def test_version_2_requests_use_the_challenge_of_the_last_reply_and_each_counter_once(client, hub_key, laptop,
                                                                                       database):
    first = opened(post(client, signed(laptop, versions={1, 2}))[1], hub_key, laptop)
    request = signed(laptop, [laptop.create(**valid_person())], protocol=2, counter=1, challenge_text=first.challenge)
    reply = opened(post(client, request)[1], hub_key, laptop)
    assert reply.counter == 1 and reply.ack["seq"] == 1 and reply.feed is not None and not reply.withheld
    status, refused = post(client, request)  # the same bytes again: a captured request replayed
    assert status == 409 and refused["code"] == "replayed_request" and refused["expected"] == 2
    assert "feed" not in refused and "already received" in refused["error"]
    with database.uow() as uow:
        assert uow.session.get(DeviceRow, laptop.device_id).request_counter == 1
        codes = [row.detail.get("code") for row in uow.session.scalars(select(AuditLog).where(
            AuditLog.action == "sync.refused"))]
    assert codes == ["replayed_request"]
    later = opened(post(client, signed(laptop, protocol=2, counter=2, challenge_text=reply.challenge))[1], hub_key,
                   laptop)
    assert later.counter == 2 and later.feed is not None


@pytest.mark.parametrize("challenge_text", ["", "AAAAAGkiv2T7JRME1KJmulp6Pu9ljRfC"])
def test_a_request_without_a_challenge_from_this_hub_pushes_but_reads_nothing(client, hub_key, laptop,
                                                                              challenge_text):
    request = signed(laptop, [laptop.create(**valid_person())], protocol=2, counter=1, challenge_text=challenge_text)
    reply = opened(post(client, request)[1], hub_key, laptop)
    assert reply.withheld and reply.feed is None and reply.ack["seq"] == 1 and reply.challenge
    again = opened(post(client, signed(laptop, protocol=2, counter=2, challenge_text=reply.challenge))[1], hub_key,
                   laptop)
    assert not again.withheld and again.feed is not None


def test_a_challenge_expires(database, hub_key, laptop):
    now = dt.datetime.now(dt.UTC)
    issued = challenge.issue(challenge.challenge_secret(hub_key.private_key), laptop.device_id, int(now.timestamp()))
    later = now + dt.timedelta(seconds=challenge.LIFETIME + 1)
    with database.uow(clock=lambda: later, immediate=True) as uow:
        data = sync(uow, signed(laptop, protocol=2, counter=1, challenge_text=issued), hub_key.private_key)
    assert data["withheld"] and data["feed"] is None


def test_a_replayed_request_changes_nothing_even_with_a_push(database, hub_key, laptop):
    request = signed(laptop, [laptop.create(**valid_person())], protocol=2, counter=3)
    with database.uow(immediate=True) as uow:
        sync(uow, request, hub_key.private_key)
    with pytest.raises(ReplayedRequest), database.uow(immediate=True) as uow:
        sync(uow, replace(request, via="relay"), hub_key.private_key)
    with database.uow() as uow:
        device = uow.session.get(DeviceRow, laptop.device_id)
        assert (device.request_counter, device.last_seq) == (3, 1)


def test_once_a_laptop_spoke_version_2_its_captured_version_1_requests_read_nothing(client, hub_key, laptop):
    first_request = signed(laptop, versions={1, 2})
    first = opened(post(client, first_request)[1], hub_key, laptop)
    opened(post(client, signed(laptop, protocol=2, counter=1, challenge_text=first.challenge))[1], hub_key, laptop)
    replayed = opened(post(client, first_request)[1], hub_key, laptop)
    assert replayed.withheld and replayed.feed is None
    status, refused = post(client, replace(first_request, versions=()))  # as a version 1 client sends it
    assert status == 426 and refused["code"] == "unsupported_version" and refused["supported"] == [2, 3]


def test_the_device_page_says_which_laptops_are_upgraded(client, app, hub_users, hub_key, laptop):
    admin = app.test_client()
    hub_users.login(admin)
    assert "1 (perbarui aplikasi laptop ini)" in admin.get(f"/admin/devices/{laptop.device_id}").text
    first = opened(post(client, signed(laptop, versions={1, 2}))[1], hub_key, laptop)
    assert post(client, signed(laptop, protocol=2, counter=1, challenge_text=first.challenge))[0] == 200
    assert "2 (jawaban hub ditandatangani" in admin.get(f"/admin/devices/{laptop.device_id}").text
    # The same laptop upgraded again: it announces 3 and is answered in it, its data sealed from then on.
    assert post(client, signed(laptop, protocol=2, counter=2, challenge_text=first.challenge,
                               versions={1, 2, 3}))[0] == 200
    assert "3 (data tersegel untuk penerimanya" in admin.get(f"/admin/devices/{laptop.device_id}").text


def test_the_largest_counter_the_wire_allows_is_kept(client, hub_key, laptop, database):
    first = opened(post(client, signed(laptop, versions={1, 2}))[1], hub_key, laptop)
    largest = 10 ** 18 - 1  # 18 digits, the most a request's counter header may carry
    reply = opened(post(client, signed(laptop, protocol=2, counter=largest, challenge_text=first.challenge))[1],
                   hub_key, laptop)
    assert reply.counter == largest and reply.feed is not None
    with database.uow() as uow:
        assert uow.session.get(DeviceRow, laptop.device_id).request_counter == largest


def test_a_hub_that_no_longer_serves_version_1_refuses_a_version_1_laptop_and_serves_the_others(client, app,
                                                                                                 hub_key, laptop,
                                                                                                 database):
    app.config["SERVE_PROTOCOL_1"] = False
    body = encode_batch([laptop.segment([laptop.create(**valid_person())])])
    status, refused = post(client, SyncRequest.signed(laptop.key, laptop.device_id, "", body))
    assert status == 426 and refused["code"] == "unsupported_version" and refused["supported"] == [2, 3]
    with database.uow() as uow:  # nothing of the refused push was kept
        assert uow.session.get(DeviceRow, laptop.device_id).last_seq == 0
    assert client.get("/api/v1/hello").get_json()["protocol_versions"] == [2, 3]
    # A laptop that speaks 2 is served: its first request, made under 1, announces 2.
    status, data = post(client, SyncRequest.signed(laptop.key, laptop.device_id, "", body, versions={1, 2}))
    assert status == 200 and opened(data, hub_key, laptop).ack["seq"] == 1
