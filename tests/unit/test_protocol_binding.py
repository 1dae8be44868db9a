"""The HTTP binding: one definition of the signed request, the reply and each error's status."""

import inspect
import re
from dataclasses import replace
from pathlib import Path

import pytest

import sync_protocol.errors
from sync_protocol.binding import HTTP_STATUS, SyncReply, SyncRequest, http_status, reply_item
from sync_protocol.errors import BadSignature, MalformedMessage
from tests.unit.protocol_helpers import Device

PROTOCOL_DOC = Path(__file__).parents[2] / "docs" / "protocol.md"


def test_every_protocol_error_has_an_http_status():
    codes = {cls.code for _, cls in inspect.getmembers(sync_protocol.errors, inspect.isclass)
             if issubclass(cls, sync_protocol.errors.ProtocolError)} - {"protocol_error"}
    assert codes <= set(HTTP_STATUS)
    assert http_status("no_such_code") == 400


def test_the_status_table_is_the_one_in_the_protocol_docs():
    section = PROTOCOL_DOC.read_text().split("## 12. Error codes", 1)[1].split("\n## ", 1)[0]
    documented = {code: int(status) for code, status in re.findall(r"^\| `([a-z_]+)` \| (\d{3}) \|", section, re.M)}
    assert documented == HTTP_STATUS


def test_a_request_survives_its_headers_and_its_bundle_item():
    device = Device(1)
    request = SyncRequest.signed(device.key, device.device_id, "c1", b"body", device.public_key)
    relayed = replace(request, via="relay")
    assert SyncRequest.from_headers(relayed.headers(), b"body") == relayed
    assert SyncRequest.from_item(request.to_item(), via="http") == request
    relayed.verify(device.public_key)


def test_the_signature_covers_device_cursor_and_body_but_not_the_way_it_came():
    device = Device(1)
    request = SyncRequest.signed(device.key, device.device_id, "c1", b"body")
    replace(request, via="bundle").verify(device.public_key)
    for altered in (replace(request, cursor="c2"), replace(request, body=b"other"),
                    replace(request, device_id="abcdefghij"), replace(request, signature="not base64!")):
        with pytest.raises(BadSignature):
            altered.verify(device.public_key)


def test_headers_missing_or_odd_read_as_a_version_1_direct_request():
    request = SyncRequest.from_headers({"X-SWS-Via": "carrier pigeon"}, b"")
    read = (request.device_id, request.cursor, request.signature, request.protocol, request.via)
    assert read == ("", "", "", 1, "http")
    with pytest.raises(MalformedMessage):
        SyncRequest.from_headers({"X-SWS-Protocol": "v2"}, b"")


def test_a_reply_without_summary_has_none_on_the_wire():
    assert SyncReply(ack={"seq": 1, "hash": "ab"}).to_json() == {"ok": True, "ack": {"seq": 1, "hash": "ab"},
                                                                "results": [], "feed": None}
    assert reply_item("abcdefghij", {"ok": False}, refused=True) == {"type": "sws-sync-reply",
                                                                      "device": "abcdefghij", "error": {"ok": False}}
