"""A district during the upgrade to protocol versions 2 and 3, each side a real process on 127.0.0.1.

The version 1 laptop is the village client as released before version 2 (commit `V1_RELEASE`), the
version 2 laptop the one released before version 3 (`V2_RELEASE`), both taken out of the repository's
history; the version 3 laptop is this one. All three sync with the same hub and hear of each other's
work. A return bundle forged with a fresh checksum and a box sealed to the laptop is refused and changes
nothing; the laptop's own request, captured from its bundle and sent again, is refused by the hub; the
sticks carry nothing a finder could read.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import requests

from sync_protocol.binding import SYNC_PATH, SyncRequest
from sync_protocol.bundle import Bundle, read_bundle, write_bundle
from tests.e2e.test_village_with_hub import hub, laptop, person_add, query, run  # noqa: F401  (fixture: hub)
from tests.unit.protocol_helpers import forged_reply_box
from village_client.keys import device_identity, load_key

pytestmark = pytest.mark.e2e

V1_RELEASE = "50be8f5"  # the last commit whose laptop speaks protocol version 1 only
V2_RELEASE = "be377ec"  # the last commit whose laptop speaks protocol versions 1 and 2 only
REPO = Path(__file__).parents[2]


def released_code(tmp_path, commit: str, name: str) -> Path:
    """A released village client (with the sync_protocol and schemas it was built with)."""
    folder = tmp_path / name
    folder.mkdir()
    archive = folder / "release.tar"
    made = subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), commit, "village_client",
                           "sync_protocol", "schemas"], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"the release {commit} is not in this checkout: {made.stderr.strip()}")
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder


@pytest.fixture
def v1_code(tmp_path) -> Path:
    return released_code(tmp_path, V1_RELEASE, "v1-code")


@pytest.fixture
def v2_code(tmp_path) -> Path:
    return released_code(tmp_path, V2_RELEASE, "v2-code")


def v1_run(code: Path, args, env, ok=True) -> str:
    """`sws-village ARGS` of the version 1 release: its folder first on the path (and as working folder)."""
    result = subprocess.run([sys.executable, "-m", *args], env={**env, "PYTHONPATH": str(code)}, cwd=code,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    return result.stdout + result.stderr


def released_laptop(tmp_path, code, hub, name: str) -> dict:  # noqa: F811  (hub is the fixture's value)
    env = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(tmp_path / name), "SWS_VILLAGE_PIN": "123456",
           "SWS_VILLAGE_RETRY_BASE": "0.05", "SWS_VILLAGE_RETRY_ATTEMPTS": "2", "SWS_VILLAGE_LANGUAGE": "en"}
    v1_run(code, ["village_client", "init", "--label", name], env)
    v1_run(code, ["village_client", "officer", "add", "rina", "--name", "Rina", "--role", "village_secretary"], env)
    v1_run(code, ["village_client", "enroll", "--hub", hub.url, "--token", hub.token()], env)
    return env


def released_person_add(code, env, name, nik) -> None:
    v1_run(code, ["village_client", "person", "add", "--officer", "rina", f"name={name}", "birth_date=1990-05-15",
                  "sex=F", f"nik={nik}", "village_code=35.07.01.2001"], env)


def test_version_1_2_and_3_laptops_sync_with_the_same_hub(tmp_path, hub, v1_code, v2_code):  # noqa: F811
    old = released_laptop(tmp_path, v1_code, hub, "lama")
    middle = released_laptop(tmp_path, v2_code, hub, "tengah")
    new = laptop(tmp_path, "baru", "siti", hub)
    released_person_add(v1_code, old, "Ani", "3507015505900001")
    released_person_add(v2_code, middle, "Dewi", "3507015505900004")
    person_add(new, "siti", "Budi", "3507015505900002")
    assert "Sent 1, acknowledged 1" in v1_run(v1_code, ["village_client", "sync"], old)
    assert "Sent 1, acknowledged 1" in v1_run(v2_code, ["village_client", "sync"], middle)
    assert "Sent 1, acknowledged 1" in run(["village_client", "sync"], new)
    # The version 2 laptop announced what it speaks and heard the hub answer in 2: its next request is made in 2.
    # The version 3 laptop read version 3 in the hub's enrollment reply and sealed its first request, with the
    # challenge the same reply gave: its feed came back in that one round.
    assert query(middle, "SELECT hub_protocol, request_counter FROM device") == [(2, 0)]
    assert query(new, "SELECT hub_protocol, request_counter FROM device") == [(3, 1)]
    person_add(new, "siti", "Citra", "3507015505900003")
    assert "Sent 1, acknowledged 1" in run(["village_client", "sync"], new)
    assert query(new, "SELECT hub_protocol, request_counter, reply_counter FROM device") == [(3, 2, 2)]
    v1_run(v1_code, ["village_client", "sync"], old)
    v1_run(v2_code, ["village_client", "sync"], middle)
    run(["village_client", "sync"], new)
    everyone = [("Ani",), ("Budi",), ("Citra",), ("Dewi",)]
    for env in (old, middle, new):
        assert query(env, "SELECT name FROM person ORDER BY name") == everyone
        assert query(env, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    assert query(middle, "SELECT hub_protocol, request_counter, reply_counter FROM device") == [(2, 1, 1)]
    assert "hub_protocol" not in [row[1] for row in query(old, "PRAGMA table_info(device)")], "a version 1 laptop"


def forged(return_bundle: Path, laptop_env: dict) -> bytes:
    """The return bundle with a made-up ack and results sealed to the laptop (anyone can: its public key is no
    secret), rewritten with a fresh checksum."""
    device_id, public_key = device_identity(load_key(Path(laptop_env["SWS_VILLAGE_DATA_DIR"])))
    carried = {"ack": {"seq": 5, "hash": "00" * 32}, "results": [
        {"seq": 2, "outcome": "refused", "code": "out_of_scope", "reason": "Ditolak: hubungi nomor 0812-0000-0000"}]}
    bundle = read_bundle(return_bundle.read_bytes())
    for item in bundle.hub_data:
        item["reply"]["sealed"] = forged_reply_box(public_key, device_id, carried)
    return write_bundle(Bundle(hub_data=bundle.hub_data))


def test_a_forged_return_bundle_is_refused_and_a_captured_request_cannot_be_replayed(tmp_path, hub):  # noqa: F811
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    person_add(siti, "siti", "Ani", "3507015505900001")
    run(["village_client", "sync"], siti)  # the hub answers in version 3 from now on
    person_add(siti, "siti", "Budi", "3507015505900002")
    stick = tmp_path / "stick.sws"
    run(["village_client", "export-bundle", str(stick)], siti)
    run(["sws-hub", "import-bundle", str(stick), "--reply", str(tmp_path / "return.sws")], hub.env)
    fake = tmp_path / "forged.sws"
    fake.write_bytes(forged(tmp_path / "return.sws", siti))
    refused = run(["village_client", "import-bundle", str(fake)], siti, ok=False)
    assert "[untrusted_reply]" in refused and "nothing was applied" in refused
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(1,)]
    assert query(siti, "SELECT count(*) FROM refusal") == [(0,)]
    indonesian = run(["village_client", "import-bundle", str(fake)], {**siti, "SWS_VILLAGE_LANGUAGE": "id"}, ok=False)
    assert "tidak ada yang diterapkan" in indonesian
    # A made-up refusal in place of the reply: neither acted on (no resend from 1) nor shown in its own words.
    _, device_id = query(siti, "SELECT 1, device_id FROM device")[0]
    made_up = {"type": "sws-sync-reply", "device": device_id, "error": {
        "ok": False, "status": 409, "code": "sequence_gap", "error": "Ditolak: hubungi nomor 0812-0000-0000",
        "errors": [], "expected": 1}}
    (tmp_path / "made-up.sws").write_bytes(write_bundle(Bundle(hub_data=[made_up])))
    said = run(["village_client", "import-bundle", str(tmp_path / "made-up.sws")], siti, ok=False)
    assert "[unverified_refusal]" in said and "sequence_gap" in said and "0812" not in said
    assert "saying \u201cThe hub asked to resend from number \u2026\u201d" in said
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(1,)]
    # The genuine return bundle is applied; brought back a second time, its answer is an old one: nothing to do.
    run(["village_client", "import-bundle", str(tmp_path / "return.sws")], siti)
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    cursor = query(siti, "SELECT feed_cursor, reply_counter FROM device")
    run(["village_client", "import-bundle", str(tmp_path / "return.sws")], siti)
    assert query(siti, "SELECT feed_cursor, reply_counter FROM device") == cursor
    # Whoever copied the stick holds the laptop's signed request: sent again, the hub refuses it.
    (item,) = [item for item in read_bundle(stick.read_bytes()).hub_data if item.get("type") == "sws-sync-request"]
    captured = SyncRequest.from_item(item, via="http")
    replay = requests.post(hub.url + SYNC_PATH, data=captured.body, timeout=(3, 10),
                           headers={**captured.headers(), "Accept-Language": "en"})
    assert replay.status_code == 409 and replay.json()["code"] == "replayed_request"
    assert "feed" not in json.loads(replay.content) and re.search(r"already received", replay.json()["error"])


def sub_district_relay(tmp_path, hub) -> dict:  # noqa: F811  (hub is the fixture's value)
    env = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(tmp_path / "kecamatan"), "SWS_VILLAGE_PIN": "123456",
           "SWS_VILLAGE_LANGUAGE": "en"}
    token = re.search(r"^token: (\S+)", run(["sws-hub", "device-token", "--scope", "35.07.01", "--role",
                                             "sub_district", "--label", "kecamatan"], hub.env), re.M)[1]
    run(["village_client", "init", "--label", "kecamatan"], env)
    run(["village_client", "enroll", "--hub", hub.url, "--token", token], env)
    return env


def test_a_village_that_syncs_only_by_stick_moves_to_version_3_through_the_relay(tmp_path, hub):  # noqa: F811
    siti, relay = laptop(tmp_path, "sukamaju", "siti", hub), sub_district_relay(tmp_path, hub)
    for round_number, (name, nik) in enumerate((("Ani", "3507015505900001"), ("Budi", "3507015505900002")), 1):
        person_add(siti, "siti", name, nik)
        stick, back = tmp_path / f"out-{round_number}.sws", tmp_path / f"back-{round_number}.sws"
        run(["village_client", "export-bundle", str(stick)], siti)
        assert "1 requests forwarded, 0 refused" in run(["village_client", "relay", "--bundle", str(stick),
                                                         "--return", str(back)], relay)
        run(["village_client", "import-bundle", str(back)], siti)
        assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    # Each stick carried one version 3 request (the laptop read version 3 in its enrollment reply), counters 1, 2.
    for round_number in (1, 2):
        (item,) = read_bundle((tmp_path / f"out-{round_number}.sws").read_bytes()).hub_data
        assert (item["protocol"], item["counter"]) == (3, round_number)
    assert query(siti, "SELECT hub_protocol, request_counter, reply_counter FROM device") == [(3, 2, 2)]
    # Neither stick nor the relay's return bundles hold a word of what they carry, in the clear or compressed.
    names = (b"Ani", b"Budi", b"3507015505900001", b"3507015505900002")
    for carried in ("out-1.sws", "back-1.sws", "out-2.sws", "back-2.sws"):
        bundle = read_bundle((tmp_path / carried).read_bytes())
        assert not bundle.segments and all(name not in (tmp_path / carried).read_bytes() for name in names)
        for item in bundle.hub_data:
            box = base64.b64decode(item.get("body") or item.get("reply", {}).get("sealed") or "")
            assert box.startswith(b"SX\x01"), carried  # only sealed boxes: sync_protocol.sealing
