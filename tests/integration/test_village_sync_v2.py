"""The laptop's engine with the real hub app (SQLite and PostgreSQL), in protocol versions 2 and 3: it learns
the version from the hub's answer, recovers from a counter the hub has passed and from a stale challenge,
and applies nothing of a reply the hub did not sign."""

import base64
import json
from dataclasses import replace

import pytest

from hub_server.services import enrollment as hub_enrollment
from hub_server.services.actors import operator
from sync_protocol import version
from sync_protocol.binding import ENROLL_PATH, SYNC_PATH, SyncReply
from sync_protocol.errors import UntrustedReply
from tests.integration.test_village_hub_standin import fast_settings
from tests.integration.test_village_sync import register
from tests.unit.protocol_helpers import forged_reply_box
from village_client.device import initialise
from village_client.enrollment import enroll
from village_client.errors import message
from village_client.incoming import apply_reply, trusted
from village_client.keys import device_identity, load_key
from village_client.messages import code_words
from village_client.officers import add_officer
from village_client.store import open_store
from village_client.sync.engine import SyncEngine
from village_client.sync.http import _hub_error
from village_client.sync.transport import HubUnreachable, UnverifiedRefusal

VILLAGE = "35.07.01.2001"


class AppTransport:
    """The HTTP transport's contract over the hub app's test client: headers and bodies as on the wire."""

    def __init__(self, client):
        self.client, self.requests, self.tamper, self.lose_replies = client, [], None, 0
        self.forged_refusals = []  # error envelopes answered instead of the hub's, as a hostile relay would

    def exchange(self, request):
        self.requests.append(request)
        if self.forged_refusals:
            envelope = self.forged_refusals.pop(0)
            raise _hub_error(envelope["status"], envelope)
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


def test_a_laptop_enrolled_at_a_version_3_hub_seals_its_first_request(laptop):
    data_dir, officer, transport = laptop
    assert device(data_dir, "hub_protocol") == (3,)  # from the hub's signed enrollment reply
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    # The enrollment reply gave the challenge for the first request: it pushes and reads its feed at once.
    assert [(r.protocol, r.counter, bool(r.challenge)) for r in transport.requests] == [(3, 1, True)]
    assert transport.requests[0].body.startswith(b"SX")  # sealed to the hub (sync_protocol.sealing)
    assert device(data_dir, "hub_protocol", "request_counter", "reply_counter") == (3, 1, 1)
    assert device(data_dir, "feed_cursor") != ("",)


def test_a_laptop_enrolled_without_a_challenge_reads_its_feed_one_round_later(laptop):
    data_dir, officer, transport = laptop
    with open_store(data_dir) as store:  # enrolled at a hub whose reply gave no challenge (an older one)
        store.update_device(challenge="")
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    # The first request pushes and the hub withholds the feed; the second reads it.
    assert [(r.protocol, r.counter, bool(r.challenge)) for r in transport.requests] == [(3, 1, False), (3, 2, True)]
    assert device(data_dir, "hub_protocol", "request_counter", "reply_counter") == (3, 2, 2)


def as_enrolled_by_an_older_hub(data_dir) -> None:
    with open_store(data_dir) as store:  # its enrollment reply named no versions: learn from the answers
        store.update_device(hub_protocol=0)


def test_the_laptop_learns_version_3_from_the_hubs_answer_and_then_signs_each_counter_once(laptop):
    data_dir, officer, transport = laptop
    as_enrolled_by_an_older_hub(data_dir)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    assert [r.protocol for r in transport.requests] == [1] and transport.requests[0].versions == (1, 2, 3)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    sync(data_dir, transport)
    assert [(r.protocol, r.counter) for r in transport.requests[1:]] == [(3, 1), (3, 2)]
    assert device(data_dir, "hub_protocol", "request_counter", "reply_counter") == (3, 2, 2)


def test_a_laptop_stays_on_version_2_with_a_hub_that_speaks_no_further(laptop, monkeypatch):
    data_dir, officer, transport = laptop
    as_enrolled_by_an_older_hub(data_dir)
    monkeypatch.setattr(version, "SUPPORTED_VERSIONS", frozenset({1, 2}))  # the hub answers as a version 2 hub
    register(data_dir, officer)
    sync(data_dir, transport)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    assert [(r.protocol, r.versions) for r in transport.requests] == [(1, (1, 2, 3)), (2, (1, 2, 3))]
    assert not transport.requests[1].body.startswith(b"SX") and device(data_dir, "hub_protocol") == (2,)


def test_a_laptop_whose_counter_fell_behind_continues_above_the_hubs(laptop):
    data_dir, officer, transport = laptop
    for _ in range(3):
        sync(data_dir, transport)
    with open_store(data_dir) as store:  # its data restored from a copy taken two syncs ago
        store.update_device(request_counter=0, reply_counter=0)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1
    # Three requests so far (one per sync): refused at 1, it goes on at 4.
    assert [r.counter for r in transport.requests[-2:]] == [1, 4]


def test_a_reply_lost_on_the_way_is_asked_for_again_with_a_new_counter(laptop):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    register(data_dir, officer)
    transport.lose_replies = 1
    assert sync(data_dir, transport).acknowledged == 1
    # The retry is the same body signed with the next counter: not a replay, no extra round trip.
    retried, again = transport.requests[-2:]
    assert (again.counter - retried.counter, retried.body == again.body) == (1, True) and unacked(data_dir) == 0


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
        hub_public_key, key = base64.b64decode(before["hub_public_key"]), load_key(data_dir)
        assert trusted(before, old, hub_public_key, before["device_id"], key) is None
        assert apply_reply(store, old, hub_public_key, before["device_id"], key)["received"] == 0
        assert store.device()["feed_cursor"] == before["feed_cursor"]


def test_a_stale_challenge_still_pushes_and_the_feed_comes_one_round_later(laptop):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    with open_store(data_dir) as store:
        store.update_device(challenge="")
    register(data_dir, officer)
    summary = sync(data_dir, transport)
    assert summary.acknowledged == 1 and summary.rounds == 2 and device(data_dir, "feed_cursor")[0]


def forged_box(data_dir) -> str:
    """A sealed part anyone can make: the laptop's public key is no secret, only the hub's signature is."""
    device_id, public_key = device_identity(load_key(data_dir))
    return forged_reply_box(public_key, device_id, {"ack": {"seq": 9, "hash": "00" * 32}, "results": []})


@pytest.mark.parametrize("forge", [
    lambda reply, data_dir: replace(reply, sealed=forged_box(data_dir)),
    lambda reply, data_dir: SyncReply(ack={"seq": 1, "hash": "00" * 32}),  # downgraded to version 1
    lambda reply, data_dir: replace(reply, counter=reply.counter - 1),
])
def test_a_reply_the_hub_did_not_sign_changes_nothing(laptop, forge):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    register(data_dir, officer)
    before = device(data_dir, "feed_cursor", "challenge", "reply_counter")
    transport.tamper = lambda reply: forge(reply, data_dir)
    with pytest.raises(UntrustedReply):
        sync(data_dir, transport)
    assert unacked(data_dir) == 1 and device(data_dir, "feed_cursor", "challenge", "reply_counter") == before
    assert device(data_dir, "last_error_code") == ("untrusted_reply",)


@pytest.mark.parametrize("envelope", [
    {"ok": False, "status": 409, "code": "replayed_request", "error": "Hubungi 0812-0000-0000", "errors": [],
     "expected": 10**17},  # would push the laptop's counter to the end of what the wire allows
    {"ok": False, "status": 409, "code": "sequence_gap", "error": "", "errors": [], "expected": 1},  # resend all
])
def test_a_refusal_the_hub_did_not_sign_moves_nothing(laptop, envelope):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    register(data_dir, officer)
    before = device(data_dir, "request_counter", "feed_cursor")
    acked_before = unacked(data_dir)
    transport.forged_refusals = [envelope]
    with pytest.raises(UnverifiedRefusal) as refused:
        sync(data_dir, transport)
    assert refused.value.said == envelope["code"] and "0812" not in str(refused.value.fields())
    shown = {lang: message(refused.value, lang) for lang in ("en", "id")}
    assert code_words(envelope["code"], "en") in shown["en"] and code_words(envelope["code"], "id") in shown["id"]
    assert "0812" not in str(shown)
    assert device(data_dir, "request_counter", "feed_cursor")[1] == before[1] and unacked(data_dir) == acked_before
    assert device(data_dir, "request_counter")[0] == before[0] + 1  # the one request signed, nothing more
    assert device(data_dir, "last_error_code") == ("unverified_refusal",)
    assert sync(data_dir, transport).acknowledged == 1  # the next sync goes as if nothing had been said


def test_the_hubs_own_signed_refusal_is_still_acted_on(laptop):
    data_dir, officer, transport = laptop
    sync(data_dir, transport)
    with open_store(data_dir) as store:  # its data restored from a copy: the hub has seen higher counters
        store.update_device(request_counter=0)
    register(data_dir, officer)
    assert sync(data_dir, transport).acknowledged == 1  # the hub's signed replayed_request, answered by counting on
