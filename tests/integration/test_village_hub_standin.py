"""A small real hub on 127.0.0.1 speaking the sync API, for the village client's tests.

It implements the HTTP contract of docs/protocol.md ("HTTP binding") with sync_protocol itself, the
binding included (`sync_protocol.binding`: request, reply, paths, enrollment reply, error statuses):
enrollment with fingerprinted tokens, signed sync requests, segment verification against each
device's chain head, acknowledgements, gzip replies and signed feed pages after a cursor. It also
misbehaves on request (cut a reply mid-body, answer late, answer 503, refuse a change-set) so the
tests can watch the client cope. The tests at the bottom check the stand-in against the contract.
"""

import base64
import gzip
import http.server
import json
import secrets
import threading
import time

from sync_protocol.binding import ENROLL_PATH, SyncReply, SyncRequest, http_status, sign_enroll_reply
from sync_protocol.chain import ChainHead, verify_segment
from sync_protocol.changeset import GENESIS_HASH
from sync_protocol.errors import ProtocolError, UnknownDevice
from sync_protocol.feed import FeedPage, decode_cursor, encode_cursor, sign_page
from sync_protocol.scope import Scope
from sync_protocol.signing import device_id_for, fingerprint, generate_private_key, public_key_bytes
from sync_protocol.wire import decode_batch


class StandInHub:
    def __init__(self, page_size: int = 50):
        self.key = generate_private_key()
        self.public_key = public_key_bytes(self.key)
        self.tokens, self.devices, self.feed, self.received = {}, {}, [], []
        self.page_size = page_size
        self.requests = 0
        self.cut_replies = 0  # replies to cut mid-body, from the next one on
        self.slow_replies = 0  # replies to delay by `slow_seconds`
        self.slow_seconds = 0.0
        self.busy_replies = 0  # replies answered 503
        self.refuse_ops_of = set()  # record ids whose change-sets are refused
        self.lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def issue_token(self, scope=("35.07.01.2001",), role="village", prefix_length=20) -> str:
        secret = "-".join(secrets.token_hex(3) for _ in range(3))
        self.tokens[secret] = (list(scope), role)
        return f"{secret}.{fingerprint(self.public_key)[:prefix_length]}"

    def publish(self, kind: str, entry_id: str, data: dict, table: str | None = None, region: str = "35.07.01.2001"):
        """Add an entry to the feed of every device whose scope covers `region` (None: every device)."""
        entry = {"kind": kind, "id": entry_id, "data": data}
        if table:
            entry["table"] = table
        with self.lock:
            self.feed.append((region, entry))

    # --- request handling -------------------------------------------------------------------------

    def enroll(self, payload: dict):
        scope, role = self.tokens.pop(str(payload.get("token", "")).rpartition(".")[0], (None, None))
        if scope is None:
            return 401, _envelope(401, "bad_token", "unknown token")
        public_key = base64.b64decode(payload["public_key"])
        device_id = device_id_for(public_key)
        self.devices[device_id] = {"public_key": public_key, "scope": Scope(tuple(scope)),
                                   "head": ChainHead(0, GENESIS_HASH), "hashes": {}}
        reply = {"device_id": device_id, "scope": scope, "role": role,
                 "hub_public_key": base64.b64encode(self.public_key).decode()}
        return 200, sign_enroll_reply(self.key, reply)

    def sync(self, headers, body: bytes):
        try:
            request = SyncRequest.from_headers(headers, body)
            device = self.devices.get(request.device_id)
            if device is None:
                raise UnknownDevice(request.device_id)
            request.verify(device["public_key"])
            results = self._push(request.device_id, device, body) if body else []
            position = decode_cursor(request.cursor, device["scope"].key())
        except ProtocolError as error:
            status = http_status(error.code)
            return status, _envelope(status, error.code, str(error), error.fields())
        head = device["head"]
        feed = self._page(request.device_id, device["scope"], position)
        return 200, SyncReply({"seq": head.seq, "hash": head.hash.hex()}, results, feed).to_json()

    def _push(self, device_id: str, device: dict, body: bytes) -> list:
        results = []
        for segment in decode_batch(body):
            verified = verify_segment(segment, device["public_key"], device["head"], device["hashes"].get)
            results += [{"seq": changeset.seq, "outcome": "duplicate"} for changeset in verified.duplicates]
            for changeset, changeset_hash in verified.new:
                device["hashes"][changeset.seq] = changeset_hash
                self.received.append(changeset)
                results.append(self._outcome(changeset))
            device["head"] = verified.head
        return results

    def _outcome(self, changeset) -> dict:
        refused = [op.record_id for op in changeset.ops if op.record_id in self.refuse_ops_of]
        if refused:
            return {"seq": changeset.seq, "outcome": "refused", "code": "out_of_scope",
                    "reason": f"record {refused[0]} is outside the scope"}
        return {"seq": changeset.seq, "outcome": "applied"}

    def _page(self, device_id: str, scope: Scope, position: int) -> dict:
        with self.lock:
            visible = [(index + 1, entry) for index, (region, entry) in enumerate(self.feed)
                       if region is None or scope.covers(region)]
        after = [(pos, entry) for pos, entry in visible if pos > position]
        page = after[: self.page_size]
        last = page[-1][0] if page else position
        feed_page = FeedPage(device_id, tuple(entry for _, entry in page), encode_cursor(last, scope.key()),
                             len(after) > len(page))
        return sign_page(self.key, feed_page)


def _envelope(status: int, code: str, message: str, fields=None) -> dict:
    fields = {key: value for key, value in (fields or {}).items() if key not in ("code", "status")}
    return {"ok": False, "status": status, "code": code, "error": message, "errors": [], **fields}


def _handler(hub: StandInHub):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with hub.lock:
                hub.requests += 1
                cut, slow, busy = hub.cut_replies > 0, hub.slow_replies > 0, hub.busy_replies > 0
                hub.cut_replies -= cut
                hub.slow_replies -= slow
                hub.busy_replies -= busy
            if busy:
                return self._reply(503, _envelope(503, "busy", "try later"), cut=False)
            if self.path == ENROLL_PATH:
                status, data = hub.enroll(json.loads(body))
            else:
                status, data = hub.sync(self.headers, body)
            if slow:
                time.sleep(hub.slow_seconds)
            self._reply(status, data, cut)

        def _reply(self, status, data, cut):
            payload = gzip.compress(json.dumps(data).encode())
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if cut:
                self.wfile.write(payload[: len(payload) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(payload)

    return Handler


def fast_settings(**overrides) -> dict:
    """Settings with short waits, so retries and timeouts take milliseconds in tests."""
    from village_client.config import load_settings

    return load_settings({"retry_base": 0.01, "retry_cap": 0.05, "connect_timeout": 2.0, "read_timeout": 2.0,
                          **overrides}, environ={})


def enrolled_laptop(data_dir, hub: StandInHub, scope=("35.07.01.2001",), settings=None):
    """A laptop initialised in `data_dir`, with officer `siti` (PIN 123456), enrolled at `hub`."""
    from village_client.device import initialise
    from village_client.enrollment import enroll
    from village_client.officers import add_officer
    from village_client.store import open_store

    initialise(data_dir, "Desa Sukamaju")
    with open_store(data_dir) as store:
        officer = add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
    enroll(data_dir, hub.url, hub.issue_token(scope), "Desa Sukamaju", settings=settings or fast_settings())
    return officer


# --- the stand-in keeps the contract ------------------------------------------------------------------


def test_enrollment_reply_is_signed_by_the_key_named_in_the_token(tmp_path):
    from village_client.enrollment import check_reply, parse_token
    from village_client.sync.http import HttpTransport

    with StandInHub() as hub:
        token = hub.issue_token()
        _, prefix = parse_token(token)
        key = generate_private_key()
        from sync_protocol.signing import device_id_for

        reply = HttpTransport(hub.url).enroll({"token": token, "label": "x",
                                               "public_key": base64.b64encode(public_key_bytes(key)).decode()})
        assert check_reply(reply, prefix, device_id_for(public_key_bytes(key))) == hub.public_key


def test_a_request_from_an_unknown_device_gets_the_error_envelope():
    from village_client.sync.http import HttpTransport
    from village_client.sync.transport import HubError

    with StandInHub() as hub:
        request = SyncRequest.signed(generate_private_key(), "abcdefghij", "", b"")
        try:
            HttpTransport(hub.url).exchange(request)
        except HubError as error:
            assert (error.status, error.code) == (401, "unknown_device")
        else:
            raise AssertionError("the stand-in accepted an unknown device")
