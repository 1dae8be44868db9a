"""The laptop's engine with the real hub app (SQLite and PostgreSQL), in protocol version 2: it learns the
version from the hub's answer, recovers from a counter the hub has passed and from a stale challenge,
and applies nothing of a reply the hub did not sign."""

import base64
import json
from dataclasses import replace

import pytest

from hub_server.services import enrollment as hub_enrollment
from hub_server.services.actors import operator
from sync_protocol.binding import ENROLL_PATH, SYNC_PATH, SyncReply
from sync_protocol.errors import UntrustedReply
from tests.integration.test_village_hub_standin import fast_settings
from tests.integration.test_village_sync import register
from village_client.device import initialise
from village_client.enrollment import enroll
from village_client.incoming import apply_reply, trusted
from village_client.officers import add_officer
from village_client.store import open_store
from village_client.sync.engine import SyncEngine
from village_client.sync.http import _hub_error
from village_client.sync.transport import HubUnreachable

VILLAGE = "35.07.01.2001"


class AppTransport:
    """The HTTP transport's contract over the hub app's test client: headers and bodies as on the wire."""

    def __init__(self, client):
        self.client, self.requests, self.tamper, self.lose_replies = client, [], None, 0

    def exchange(self, request):
        self.requests.append(request)
        response = self.client.post(SYNC_PATH, data=request.body, headers={**request.headers(),
                                                                             "Accept-Language": "en"})
        if self.lose_replies:  # the hub did the work; the link dropped its answer
            self.lose_replies -= 1
            raise HubUnreachable("reply lost")
        data = json.loads(response.data)
        if response.status_code != 200:
            raise _hub_error(response.status_code, data)
        return self.tamper(SyncReply.from_json(data)) if self.tamper else SyncReply.from_json(data)

    def enroll(self, payload):
        return json.loads(self.client.post(ENROLL_PATH, json=payload).data)


@pytest.fixture
def laptop(tmp_path, client, database, hub_key):
    data_dir = tmp_path / "laptop"
    initialise(data_dir, "Desa Sukamaju")
    with open_store(data_dir) as store:
        officer = add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
    with database.uow() as uow:
        token = hub_enrollment.issue_token(uow, operator("test"), scope=VILLAGE, role="village", label="desa",
                                           hours=1, hub_fingerprint=hub_key.fingerprint).text
    transport = AppTransport(client)
    enroll(data_dir, "http://hub.test", token, "Desa Sukamaju", settings=fast_settings(), transport=transport)
    return data_dir, officer, transport


def sync(data_dir, transport):
    return SyncEngine(data_dir, fast_settings(), transport=transport).sync()


def device(data_dir, *names):
    with open_store(data_dir) as store:
        row = store.device()
        return tuple(row[name] for name in names)


def unacked(data_dir):
    with open_store(data_dir) as store:
        return store.scalar("SELECT count(*) FROM outbox WHERE acked = 0")


def test_the_laptop_learns_version_2_from_the_hubs_answer_and_then_signs_each_counter_once(laptop):
    data_dir, officer, transport = laptop
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    assert [r.protocol for r in transport.requests] == [1] and transport.requests[0].versions == (1, 2)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    sync(data_dir, transport)
    assert [(r.protocol, r.counter) for r in transport.requests[1:]] == [(2, 1), (2, 2)]
    assert device(data_dir, "hub_protocol", "request_counter", "reply_counter") == (2, 2, 2)


def test_a_laptop_whose_counter_fell_behind_continues_above_the_hubs(laptop):
    data_dir, officer, transport = laptop
    for _ in range(3):
        sync(data_dir, transport)
    with open_store(data_dir) as store:  # its data restored from a copy taken two syncs ago
        store.update_device(request_counter=0, reply_counter=0)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    assert [r.counter for r in transport.requests[-2:]] == [1, 3]


def test_a_reply_lost_on_the_way_is_asked_for_again_with_a_new_counter(laptop):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    register(data_dir, officer)
    transport.lose_replies = 1
    assert sync(data_dir, transport).acknowledged == 1
    # The retry is the same body signed with the next counter: not a replay, no extra round trip.
    retried, again = transport.requests[-2:]
    assert (retried.counter, again.counter, retried.body == again.body) == (1, 2, True) and unacked(data_dir) == 0


def test_an_answer_older_than_the_last_one_applied_is_left_aside(laptop):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    kept = []
    transport.tamper = lambda reply: kept.append(reply) or reply
    sync(data_dir, transport)
    sync(data_dir, transport)
    old = kept[0]
    with open_store(data_dir) as store:
        before = store.device()
        # Left aside as a whole: the cursor alone cannot tell, when no entry came between the two answers.
        assert trusted(before, old, base64.b64decode(before["hub_public_key"]), before["device_id"]) is None
        assert apply_reply(store, old, base64.b64decode(before["hub_public_key"]), before["device_id"])["received"] == 0
        assert store.device()["feed_cursor"] == before["feed_cursor"]


def test_a_stale_challenge_still_pushes_and_the_feed_comes_one_round_later(laptop):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    with open_store(data_dir) as store:
        store.update_device(challenge="")
    register(data_dir, officer)
    summary = sync(data_dir, transport)
    assert summary.acknowledged == 1 and summary.rounds == 2 and device(data_dir, "feed_cursor")[0]


@pytest.mark.parametrize("forge", [
    lambda reply: replace(reply, ack={"seq": 9, "hash": "00" * 32}),
    lambda reply: SyncReply(ack=reply.ack, results=reply.results, feed=reply.feed),  # downgraded to version 1
    lambda reply: replace(reply, counter=reply.counter - 1),
])
def test_a_reply_the_hub_did_not_sign_changes_nothing(laptop, forge):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    register(data_dir, officer)
    before = device(data_dir, "feed_cursor", "challenge", "reply_counter")
    transport.tamper = forge
    with pytest.raises(UntrustedReply):
        sync(data_dir, transport)
    assert unacked(data_dir) == 1 and device(data_dir, "feed_cursor", "challenge", "reply_counter") == before
    assert device(data_dir, "last_error_code") == ("untrusted_reply",)
