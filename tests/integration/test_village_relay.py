"""Store and forward: USB bundles and the sub-district relay, verified like a direct sync."""

import contextlib
import socket
import threading

import pytest
from werkzeug.serving import make_server

from sync_protocol.errors import BundleCorrupt
from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client import outbox, records
from village_client.enrollment import enroll
from village_client.relay import relay_bundle
from village_client.relay_app import create_relay_app
from village_client.store import open_store
from village_client.sync.engine import SyncEngine
from village_client.sync.transport import HubError
from village_client.sync.usb import NotForThisDevice, export_bundle, import_bundle

PERSON = {"name": "Siti Aminah", "birth_date": "1990-05-14", "sex": "F", "village_code": "35.07.01.2001",
          "nik_status": "unregistered"}


@pytest.fixture
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def village(tmp_path, hub):
    data_dir = tmp_path / "village"
    return data_dir, enrolled_laptop(data_dir, hub)


@pytest.fixture
def sub_district(tmp_path, hub):
    data_dir = tmp_path / "kecamatan"
    enrolled_laptop(data_dir, hub, scope=("35.07.01",))
    return data_dir


@contextlib.contextmanager
def serving(app):
    """The app on a real threaded HTTP server on a free 127.0.0.1 port (`sws-village relay` uses waitress)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def save_people(data_dir, officer, count):
    with open_store(data_dir) as store:
        for number in range(count):
            records.add_person(store, officer, {**PERSON, "name": f"Warga {chr(65 + number)}"})


def test_a_usb_bundle_goes_through_the_relay_and_its_return_is_applied(village, sub_district, hub, tmp_path):
    data_dir, officer = village
    save_people(data_dir, officer, 3)
    hub.publish("programme", "PKH", {"name": "Program Keluarga Harapan"}, region=None)
    stick = tmp_path / "stick"
    stick.mkdir()
    assert export_bundle(data_dir, stick / "sukamaju.sws", batch_size=2) == 3
    with open_store(sub_district) as relay_store:
        counts = relay_bundle(relay_store, stick / "sukamaju.sws", stick / "sukamaju-return.sws", hub.url)
    assert counts == {"forwarded": 2, "refused": 0, "unreachable": 0}
    assert [changeset.seq for changeset in hub.received] == [1, 2, 3]
    totals = import_bundle(data_dir, stick / "sukamaju-return.sws")
    assert (totals["acknowledged"], totals["received"]) == (3, 2)  # the page came with both replies
    with open_store(data_dir) as store:
        assert outbox.pending_count(store.db) == 0
        assert store.db["programme"].get("PKH")["name"] == "Program Keluarga Harapan"
        # A laptop synced only by USB has synced: its status and banner say so, not "never synced".
        assert store.device()["last_sync_via"] == "usb" and store.device()["last_success_at"]


def test_importing_a_bundle_twice_is_harmless_and_a_damaged_one_is_refused(village, sub_district, hub, tmp_path):
    data_dir, officer = village
    save_people(data_dir, officer, 1)
    export_bundle(data_dir, tmp_path / "out.sws")
    with open_store(sub_district) as relay_store:
        relay_bundle(relay_store, tmp_path / "out.sws", tmp_path / "back.sws", hub.url)
        relay_bundle(relay_store, tmp_path / "out.sws", tmp_path / "back-again.sws", hub.url)
    assert len(hub.received) == 1
    import_bundle(data_dir, tmp_path / "back.sws")
    import_bundle(data_dir, tmp_path / "back.sws")
    damaged = bytearray((tmp_path / "back.sws").read_bytes())
    damaged[40] ^= 1
    (tmp_path / "damaged.sws").write_bytes(bytes(damaged))
    with pytest.raises(BundleCorrupt):
        import_bundle(data_dir, tmp_path / "damaged.sws")


def test_with_the_hub_down_the_relay_still_writes_a_return_saying_so_and_the_village_keeps_its_work(
        village, sub_district, tmp_path):
    data_dir, officer = village
    save_people(data_dir, officer, 2)
    export_bundle(data_dir, tmp_path / "out.sws")
    with socket.socket() as probe:  # a port nothing listens on: the hub is down
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with open_store(sub_district) as relay_store:
        counts = relay_bundle(relay_store, tmp_path / "out.sws", tmp_path / "back.sws", closed, timeout=(1, 1))
    assert counts == {"forwarded": 0, "refused": 0, "unreachable": 1}
    with pytest.raises(HubError) as caught:  # the return says why, in the officer's words
        import_bundle(data_dir, tmp_path / "back.sws")
    assert caught.value.code == "unreachable"
    with open_store(data_dir) as store:
        assert outbox.pending_count(store.db) == 2  # nothing acknowledged: it goes with the next bundle or sync


def test_a_return_bundle_for_another_laptop_is_refused(village, sub_district, hub, tmp_path):
    data_dir, _ = village
    export_bundle(sub_district, tmp_path / "kecamatan.sws")
    with open_store(sub_district) as relay_store:
        relay_bundle(relay_store, tmp_path / "kecamatan.sws", tmp_path / "back.sws", hub.url)
    with pytest.raises(NotForThisDevice):
        import_bundle(data_dir, tmp_path / "back.sws")


def test_a_village_syncs_through_the_relay_and_a_revoked_one_is_stopped_there(sub_district, hub, tmp_path):
    with serving(create_relay_app(sub_district, hub.url, (2.0, 2.0))) as relay_url:
        from village_client.device import initialise
        from village_client.officers import add_officer

        village = tmp_path / "village"
        initialise(village)
        with open_store(village) as store:
            officer = add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        enrolled = enroll(village, relay_url, hub.issue_token(), settings=fast_settings())
        save_people(village, officer, 2)
        assert SyncEngine(village, fast_settings()).sync().acknowledged == 2
        hub.publish("revocation", enrolled["device_id"], {"reason": "laptop stolen", "at": 9}, region=None)
        SyncEngine(sub_district, fast_settings()).sync()  # the relay learns the revocation from its own feed
        save_people(village, officer, 1)
        requests_before = hub.requests
        with pytest.raises(HubError) as refused:
            SyncEngine(village, fast_settings()).sync()
        assert (refused.value.status, refused.value.code) == (403, "revoked_device")
        assert hub.requests == requests_before, "the relay stopped it without asking the hub"
        with open_store(village) as store:
            assert outbox.pending_count(store.db) == 1


def web_client(data_dir):
    """The laptop's web UI, logged in as a new officer of it."""
    import re

    from village_client.officers import add_officer
    from village_client.web import create_app

    with open_store(data_dir) as store:
        add_officer(store, "andi", "Andi Wijaya", "sub_district_officer", "246810")
    client = create_app(data_dir).test_client()
    client.token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(True)).group(1)
    assert client.post("/login", data={"csrf_token": client.token, "username": "andi", "pin": "246810"}
                       ).status_code == 302
    return client


def test_the_stick_goes_through_the_web_pages_by_choosing_files(village, sub_district, hub, tmp_path):
    import io

    data_dir, officer = village
    save_people(data_dir, officer, 2)
    desa, kecamatan = web_client(data_dir), web_client(sub_district)
    exported = desa.post("/usb/export", data={"csrf_token": desa.token})
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    nothing = kecamatan.post("/usb/relay", data={"csrf_token": kecamatan.token}, follow_redirects=True)
    assert "Pilih berkas dulu" in nothing.get_data(True)  # refused, saying what to do
    relayed = kecamatan.post("/usb/relay", data={"csrf_token": kecamatan.token,
                                                 "bundle": (io.BytesIO(exported.data), "sukamaju.sws")},
                             content_type="multipart/form-data")
    assert relayed.status_code == 200 and relayed.headers["X-SWS-Relayed"].startswith("1 forwarded")
    assert 'filename="sukamaju-return.sws"' in relayed.headers["Content-Disposition"]
    applied = desa.post("/usb/import", data={"csrf_token": desa.token,
                                             "bundle": (io.BytesIO(relayed.data), "sukamaju-return.sws")},
                        content_type="multipart/form-data", follow_redirects=True)
    assert applied.status_code == 200
    summary = applied.get_data(True)  # every count of the summary filled, as the command line prints it
    assert "diterima hub 2," in summary and "belum dihitung 0." in summary and "{not_counted}" not in summary
    with open_store(data_dir) as store:
        assert outbox.pending_count(store.db) == 0 and store.device()["last_sync_via"] == "usb"
        device_id = store.device()["device_id"]
    page = kecamatan.get("/usb/").get_data(True)
    assert f'data-device="{device_id}"' in page and "Desa yang dilayani" in page
    assert "/usb/relay" not in desa.get("/usb/").get_data(True)  # a village laptop does not relay


def test_a_laptop_not_enrolled_says_so_when_asked_to_relay_a_stick(village, tmp_path):
    import io

    from village_client.device import initialise

    data_dir, _ = village
    desa = web_client(data_dir)
    exported = desa.post("/usb/export", data={"csrf_token": desa.token})
    fresh = tmp_path / "not-enrolled"
    initialise(fresh, "Kecamatan Turen")
    kecamatan = web_client(fresh)
    answered = kecamatan.post("/usb/relay", data={"csrf_token": kecamatan.token,
                                                  "bundle": (io.BytesIO(exported.data), "sukamaju.sws")},
                              content_type="multipart/form-data", follow_redirects=True)
    page = answered.get_data(True)
    assert answered.status_code == 200 and "belum didaftarkan ke hub" in page and "https" not in page


def test_a_stick_that_brings_back_a_refusal_the_laptop_can_answer_sets_the_next_stick_right(village, tmp_path):
    """A laptop restored from a copy, synced by stick only: the hub has seen higher request counters. The return
    says so; the laptop counts on from there, as a sync over the network would, instead of failing every stick."""
    from sync_protocol.binding import REPLY_ITEM
    from sync_protocol.bundle import Bundle, write_bundle

    data_dir, _officer = village
    with open_store(data_dir) as store:
        device_id = store.device()["device_id"]
    refusal = {"ok": False, "status": 409, "code": "replayed_request", "error": "sudah diterima", "errors": [],
               "expected": 50}
    (tmp_path / "back.sws").write_bytes(write_bundle(Bundle(hub_data=[
        {"type": REPLY_ITEM, "device": device_id, "error": refusal}])))
    totals = import_bundle(data_dir, tmp_path / "back.sws")
    assert totals["recovered"] == 1 and totals["replies"] == 0
    with open_store(data_dir) as store:
        assert store.device()["request_counter"] == 49  # the next request carries 50
