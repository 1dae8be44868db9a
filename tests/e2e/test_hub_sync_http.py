"""The sync API of a real `sws-hub serve` process, driven over HTTP on 127.0.0.1."""

import pytest
import requests

from sync_protocol.changeset import Operation
from tests.e2e.conftest import TIMEOUT
from tests.e2e.sync_client import HttpLaptop
from tests.unit.protocol_helpers import Device, valid_person, valid_record

pytestmark = pytest.mark.e2e
VILLAGE = "35.07.01.2001"


def laptop(hub, seed, scope=VILLAGE, role="village"):
    client = HttpLaptop(Device(seed), hub.url)
    client.enroll(hub.issue_token(scope=scope, role=role))
    return client


def register(client, names, village=VILLAGE):
    return [client.device.create(**valid_person(name=name, village_code=village)) for name in names]


def test_push_duplicate_gap_fork_and_tampering(hub_process):
    siti = laptop(hub_process, 1)
    made = register(siti, ["Siti", "Budi", "Dewi"])
    first = siti.sync(made)
    assert first["ack"]["seq"] == 3 and first["summary"]["applied"] == 3
    assert siti.sync(made)["summary"] == {"applied": 0, "duplicate": 3, "refused": 0, "conflicts": 0}
    later = register(siti, ["Eko", "Fajar"])
    gap = siti.post(later[1:])
    assert gap.status_code == 409 and gap.json()["code"] == "sequence_gap" and gap.json()["expected"] == 4
    restored = HttpLaptop(Device(1), hub_process.url)
    restored.device.create(**valid_person(name="Lain", village_code=VILLAGE))
    fork = restored.post(restored.device.made)
    assert fork.status_code == 409 and fork.json()["code"] == "fork"
    tampered = siti.post(later, tamper=lambda body: body[:-1] + bytes([body[-1] ^ 1]))
    assert tampered.status_code == 401 and tampered.json()["code"] == "bad_signature"
    assert siti.sync(later)["ack"]["seq"] == 5


def test_out_of_scope_records_are_refused_with_their_reason_and_revoked_devices_are_stopped(hub_process):
    siti = laptop(hub_process, 1)
    reply = siti.sync(register(siti, ["Siti"], village="35.07.02.2001"))
    assert reply["results"][0]["code"] == "out_of_scope" and reply["ack"]["seq"] == 1
    hub_process.revoke(siti.device.device_id, "laptop dicuri")
    refused = siti.post(register(siti, ["Budi"]))
    assert refused.status_code == 403 and refused.json()["code"] == "revoked_device"
    assert refused.json()["reason"] == "laptop dicuri" and refused.json()["ok"] is False


def test_a_refusals_field_messages_come_in_the_language_the_laptop_asked_for(hub_process):
    bad = {"name": "B4dan", "village_code": VILLAGE}
    for seed, language, words in ((3, "en", "letters"), (4, "id", "huruf")):
        client = HttpLaptop(Device(seed), hub_process.url, language=language)
        client.enroll(hub_process.issue_token())
        reply = client.sync([client.device.create(**valid_person(**bad))])
        [result] = reply["results"]
        name = next(error for error in result["errors"] if error["field"] == "name")
        assert result["code"] == "invalid" and words in name["message"], result


def test_a_reused_token_and_an_oversized_body_are_refused(start_hub, tmp_path):
    hub = start_hub(tmp_path / "hub", SWS_HUB_MAX_BODY_BYTES="20000")
    token = hub.issue_token()
    HttpLaptop(Device(1), hub.url).enroll(token)
    with pytest.raises(requests.HTTPError) as caught:
        HttpLaptop(Device(2), hub.url).enroll(token)
    assert caught.value.response.json()["code"] == "token_used"
    siti = laptop(hub, 3)
    big = siti.post(body=b"SW\x01\x00" + b"x" * 30_000)
    assert big.status_code == 413 and big.json()["code"] == "body_too_large"


def test_pulling_pages_survives_a_reply_lost_between_pages(start_hub, tmp_path):
    hub = start_hub(tmp_path / "hub", SWS_HUB_FEED_PAGE_SIZE="2")
    siti, rina = laptop(hub, 1), laptop(hub, 2)
    siti.sync(register(siti, ["Ani", "Bambang", "Citra", "Dodi", "Endah"]))
    first = rina.sync()
    assert first["feed"]["more"] and len(first["entries"]) == 2
    lost = rina.post().json()  # the reply never reaches the laptop: its cursor stays where it was
    again = rina.sync()
    assert again["feed"]["entries"] == lost["feed"]["entries"]
    entries = first["entries"] + again["entries"]
    while True:  # the rest, page by page: the records and what the hub made of them (statuses)
        reply = rina.sync()
        entries += reply["entries"]
        if not reply["feed"]["more"]:
            break
    names = [e["data"]["name"] for e in entries if e["kind"] == "record"]
    assert sorted(names) == ["Ani", "Bambang", "Citra", "Dodi", "Endah"]


def test_a_conflict_and_its_resolution_reach_the_second_laptop(hub_process):
    siti, kecamatan = laptop(hub_process, 1), laptop(hub_process, 2, scope="35.07.01", role="sub_district")
    (created,) = register(siti, ["Siti"])
    record = created.ops[0].record_id
    siti.sync([created])
    kecamatan.sync()
    phone = valid_person()["phone"]
    siti.sync([siti.device.update(record, {"phone": phone}, {"phone": "+6281211110000"})])
    reply = kecamatan.sync([kecamatan.device.update(record, {"phone": phone}, {"phone": "+6285722220000"})])
    assert reply["summary"]["conflicts"] == 1
    conflict_id = reply["results"][0]["ops"][0]["conflict_id"]
    listed = hub_process.cli("conflicts").stdout
    assert f"#{conflict_id}" in listed and "+6285722220000" in listed
    hub_process.cli("conflicts", "resolve", str(conflict_id), "--value", '"081211110000"',
                    "--reason", "dicek langsung ke warga")
    for client in (siti, kecamatan):
        entries = client.sync()["entries"]
        assert [e["data"]["phone"] for e in entries if e["kind"] == "record"] == ["+6281211110000"]
        assert any(e["kind"] == "resolution" and e["data"]["reason"] == "dicek langsung ke warga" for e in entries)


def test_a_revocation_reaches_other_laptops_through_the_feed(hub_process):
    siti, rina = laptop(hub_process, 1), laptop(hub_process, 2)
    rina.sync()
    hub_process.revoke(siti.device.device_id, "laptop hilang")
    entries = rina.sync()["entries"]
    assert {"kind": "revocation", "table": "device", "id": siti.device.device_id} | {
        "data": entries[0]["data"]} == entries[0]
    assert entries[0]["data"]["reason"] == "laptop hilang"


def test_complaint_events_append_in_the_complaints_village(hub_process):
    siti = laptop(hub_process, 1)
    complaint_id = siti.device.new_id()
    complaint = siti.device.changeset(Operation("create", "complaint", complaint_id,
                                                valid_record("complaint", village_code=VILLAGE)))
    events = [siti.device.changeset(Operation("append", "complaint_event", siti.device.new_id(), {
        "complaint_id": complaint_id, "kind": "note", "officer": "siti", "time": "2026-11-23T02:00:00Z",
        "text": text})) for text in ("Warga datang lagi.", "Dijawab lewat telepon.")]
    reply = siti.sync([complaint, *events])
    assert reply["summary"] == {"applied": 3, "duplicate": 0, "refused": 0, "conflicts": 0}, reply["results"]
    assert requests.get(f"{hub_process.url}/api/v1/hello", timeout=TIMEOUT).ok
