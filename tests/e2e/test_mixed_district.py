"""A district during the upgrade to protocol version 2, each side a real process on 127.0.0.1.

The version 1 laptop is the village client as released before version 2 (commit `V1_RELEASE`, taken
out of the repository's history); the version 2 laptop is this one. Both sync with the same hub and
hear of each other's work. A return bundle forged with a fresh checksum is refused by the version 2
laptop and changes nothing; the laptop's own request, captured from its bundle and sent again, is
refused by the hub.
"""

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

pytestmark = pytest.mark.e2e

V1_RELEASE = "50be8f5"  # the last commit whose laptop speaks protocol version 1 only
REPO = Path(__file__).parents[2]


@pytest.fixture
def v1_code(tmp_path) -> Path:
    """The released version 1 village client (with the sync_protocol and schemas it was built with)."""
    folder = tmp_path / "v1-code"
    folder.mkdir()
    archive = folder / "v1.tar"
    made = subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), V1_RELEASE, "village_client",
                           "sync_protocol", "schemas"], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"the version 1 release is not in this checkout: {made.stderr.strip()}")
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder


def v1_run(code: Path, args, env, ok=True) -> str:
    """`sws-village ARGS` of the version 1 release: its folder first on the path (and as working folder)."""
    result = subprocess.run([sys.executable, "-m", *args], env={**env, "PYTHONPATH": str(code)}, cwd=code,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode == 0) == ok, result.stdout + result.stderr
    return result.stdout + result.stderr


def v1_laptop(tmp_path, code, hub) -> dict:  # noqa: F811  (hub is the fixture's value)
    env = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(tmp_path / "lama"), "SWS_VILLAGE_PIN": "123456",
           "SWS_VILLAGE_RETRY_BASE": "0.05", "SWS_VILLAGE_RETRY_ATTEMPTS": "2", "SWS_VILLAGE_LANGUAGE": "en"}
    v1_run(code, ["village_client", "init", "--label", "lama"], env)
    v1_run(code, ["village_client", "officer", "add", "rina", "--name", "Rina", "--role", "village_secretary"], env)
    v1_run(code, ["village_client", "enroll", "--hub", hub.url, "--token", hub.token()], env)
    return env


def test_a_version_1_and_a_version_2_laptop_sync_with_the_same_hub(tmp_path, hub, v1_code):  # noqa: F811
    old, new = v1_laptop(tmp_path, v1_code, hub), laptop(tmp_path, "baru", "siti", hub)
    v1_run(v1_code, ["village_client", "person", "add", "--officer", "rina", "name=Ani", "birth_date=1990-05-15",
                     "sex=F", "nik=3507015505900001", "village_code=35.07.01.2001"], old)
    person_add(new, "siti", "Budi", "3507015505900002")
    assert "Sent 1, acknowledged 1" in v1_run(v1_code, ["village_client", "sync"], old)
    assert "Sent 1, acknowledged 1" in run(["village_client", "sync"], new)
    # The new laptop announced version 2 and heard the hub answer in it: its next request is made in 2.
    assert query(new, "SELECT hub_protocol, request_counter FROM device") == [(2, 0)]
    person_add(new, "siti", "Citra", "3507015505900003")
    assert "Sent 1, acknowledged 1" in run(["village_client", "sync"], new)
    assert query(new, "SELECT hub_protocol, request_counter, reply_counter FROM device") == [(2, 1, 1)]
    v1_run(v1_code, ["village_client", "sync"], old)
    assert query(old, "SELECT name FROM person ORDER BY name") == [("Ani",), ("Budi",), ("Citra",)]
    assert query(new, "SELECT name FROM person ORDER BY name") == [("Ani",), ("Budi",), ("Citra",)]
    assert query(old, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    assert "hub_protocol" not in [row[1] for row in query(old, "PRAGMA table_info(device)")], "a version 1 laptop"


def forged(return_bundle: Path) -> bytes:
    """The return bundle with its reply's ack and results made up, rewritten with a fresh checksum."""
    bundle = read_bundle(return_bundle.read_bytes())
    for item in bundle.hub_data:
        item["reply"]["ack"] = {"seq": 5, "hash": "00" * 32}
        item["reply"]["results"] = [{"seq": 2, "outcome": "refused", "code": "out_of_scope",
                                     "reason": "Ditolak: hubungi nomor 0812-0000-0000"}]
    return write_bundle(Bundle(hub_data=bundle.hub_data))


def test_a_forged_return_bundle_is_refused_and_a_captured_request_cannot_be_replayed(tmp_path, hub):  # noqa: F811
    siti = laptop(tmp_path, "sukamaju", "siti", hub)
    person_add(siti, "siti", "Ani", "3507015505900001")
    run(["village_client", "sync"], siti)  # the hub answers in version 2 from now on
    person_add(siti, "siti", "Budi", "3507015505900002")
    stick = tmp_path / "stick.sws"
    run(["village_client", "export-bundle", str(stick)], siti)
    run(["sws-hub", "import-bundle", str(stick), "--reply", str(tmp_path / "return.sws")], hub.env)
    fake = tmp_path / "forged.sws"
    fake.write_bytes(forged(tmp_path / "return.sws"))
    refused = run(["village_client", "import-bundle", str(fake)], siti, ok=False)
    assert "[untrusted_reply]" in refused and "nothing was applied" in refused
    assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(1,)]
    assert query(siti, "SELECT count(*) FROM refusal") == [(0,)]
    indonesian = run(["village_client", "import-bundle", str(fake)], {**siti, "SWS_VILLAGE_LANGUAGE": "id"}, ok=False)
    assert "tidak ada yang diterapkan" in indonesian
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


def test_a_village_that_syncs_only_by_stick_moves_to_version_2_through_the_relay(tmp_path, hub):  # noqa: F811
    siti, relay = laptop(tmp_path, "sukamaju", "siti", hub), sub_district_relay(tmp_path, hub)
    for round_number, (name, nik) in enumerate((("Ani", "3507015505900001"), ("Budi", "3507015505900002")), 1):
        person_add(siti, "siti", name, nik)
        stick, back = tmp_path / f"out-{round_number}.sws", tmp_path / f"back-{round_number}.sws"
        run(["village_client", "export-bundle", str(stick)], siti)
        assert "1 requests forwarded, 0 refused" in run(["village_client", "relay", "--bundle", str(stick),
                                                         "--return", str(back)], relay)
        run(["village_client", "import-bundle", str(back)], siti)
        assert query(siti, "SELECT count(*) FROM outbox WHERE acked = 0") == [(0,)]
    # The first stick carried a version 1 request announcing 2; the second a version 2 request, counter 1.
    (item,) = [i for i in read_bundle((tmp_path / "out-2.sws").read_bytes()).hub_data if i.get("counter")]
    assert (item["protocol"], item["counter"]) == (2, 1)
    assert query(siti, "SELECT hub_protocol, request_counter, reply_counter FROM device") == [(2, 1, 1)]
