"""`sws-hub` commands against a real data folder and database."""

import re
import stat

import pytest
from click.testing import CliRunner

import migrations
from hub_server.cli import main

PASSWORD = "kata-sandi-admin-1"


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "hub-data"


@pytest.fixture
def run(data_dir, db_url):
    """Run `sws-hub` with the data folder given as an option and the database through the environment."""
    def invoke(*args, input=None, env=None):
        runner = CliRunner(env={"SWS_HUB_DATABASE_URL": db_url, **(env or {})})
        return runner.invoke(main, ["--data-dir", str(data_dir), *args], input=input, catch_exceptions=False)
    return invoke


@pytest.fixture
def initialised(run):
    result = run("init", env={"SWS_HUB_ADMIN_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    return result


def token_of(result) -> str:
    return re.search(r"^token: (\S+)$", result.output, re.M).group(1)


def test_init_makes_the_key_pair_schema_and_first_admin(initialised, data_dir):
    assert "admin:       admin (district_admin) created" in initialised.output
    assert f"schema empty -> {migrations.head_revision()}" in initialised.output
    assert stat.S_IMODE((data_dir / "hub_key.pem").stat().st_mode) == 0o600
    fingerprint = re.search(r"fingerprint: (\w+)", initialised.output).group(1)
    assert len(fingerprint) == 52


def test_init_again_keeps_everything(initialised, run, data_dir):
    key = (data_dir / "hub_key.pem").read_bytes()
    again = run("init")
    assert again.exit_code == 0 and "hub key:     kept" in again.output and "admin:" not in again.output
    assert (data_dir / "hub_key.pem").read_bytes() == key


def test_init_asks_for_the_admin_password_twice(run):
    result = run("init", "--admin", "siti", input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0 and "siti (district_admin) created" in result.output


def test_a_too_short_admin_password_is_refused_with_the_rule(run):
    result = run("init", env={"SWS_HUB_ADMIN_PASSWORD": "pendek"})
    assert result.exit_code == 1 and "password: At least 10 characters." in result.output


def test_device_token_prints_a_token_for_the_scope(initialised, run):
    result = run("device-token", "--scope", "35.07.01.2001", "--label", "Desa Tulungrejo", "--hours", "5")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"[a-z2-7]{4}(-[a-z2-7]{4}){2}\.[a-z2-7]{4}(-[a-z2-7]{4}){3}", token_of(result))
    assert "35.07.01.2001 Tulungrejo" in result.output


def test_device_token_refuses_a_wrong_scope_naming_the_rule(initialised, run):
    result = run("device-token", "--scope", "35.07.01", "--role", "village", "--label", "x")
    assert result.exit_code == 1 and "35.07.01 is not a village code" in result.output


def test_device_token_needs_init(run):
    result = run("device-token", "--scope", "35.07.01.2001", "--label", "x")
    assert result.exit_code == 1 and "sws-hub init" in result.output


def test_devices_lists_and_revokes(initialised, run, app_for):
    device_id = app_for.enroll(token_of(run("device-token", "--scope", "35.07.01.2001", "--label", "Laptop A")))
    listing = run("devices")
    assert device_id in listing.output and "active" in listing.output and "1 device(s)" in listing.output
    revoked = run("devices", "revoke", device_id, "--reason", "laptop stolen")
    assert revoked.exit_code == 0 and f"revoked {device_id}" in revoked.output
    assert "revoked" in run("devices").output and "0 device(s)" in run("devices", "--active").output
    again = run("devices", "revoke", device_id, "--reason", "again")
    assert again.exit_code == 1 and "already revoked" in again.output


def test_user_add_set_role_and_reset_password(initialised, run):
    added = run("user", "add", "budi", "--role", "sub_district_officer", "--area", "35.07.01",
                input="rahasia-panjang-1\nrahasia-panjang-1\n")
    assert added.exit_code == 0 and "added budi (sub_district_officer, 35.07.01)" in added.output
    changed = run("user", "set-role", "budi", "viewer")
    assert changed.exit_code == 0 and "budi is now viewer" in changed.output
    reset = run("user", "reset-password", "budi", env={"SWS_HUB_USER_PASSWORD": "rahasia-baru-123"})
    assert reset.exit_code == 0 and "password of budi reset" in reset.output
    missing = run("user", "set-role", "nobody", "viewer")
    assert missing.exit_code == 1 and "There is no user nobody." in missing.output


def test_an_officer_needs_an_area(initialised, run):
    result = run("user", "add", "eka", "--role", "sub_district_officer", env={"SWS_HUB_USER_PASSWORD": "x" * 12})
    assert result.exit_code == 1 and "area: Required." in result.output


def test_db_upgrade_reports_the_revision(initialised, run):
    result = run("db", "upgrade")
    assert result.exit_code == 0 and f"already at {migrations.head_revision()}" in result.output


def test_the_data_folder_option_works_after_the_command_too(run, data_dir, db_url):
    runner = CliRunner(env={"SWS_HUB_DATABASE_URL": db_url, "SWS_HUB_ADMIN_PASSWORD": PASSWORD})
    result = runner.invoke(main, ["init", "--data-dir", str(data_dir / "other")])
    assert result.exit_code == 0 and (data_dir / "other" / "hub_key.pem").exists()


def test_serve_refuses_before_init(run):
    result = run("serve", "--port", "0")
    assert result.exit_code == 1 and "sws-hub init" in result.output


@pytest.fixture
def app_for(data_dir, db_url):
    """The hub behind the command line's data folder, to enroll laptops in tests."""
    from hub_server import create_app, db, keys
    from hub_server.services import enrollment
    from sync_protocol.signing import generate_private_key, public_key_bytes

    class Hub:
        def enroll(self, token: str) -> str:
            app = create_app({"DATA_DIR": str(data_dir), "DATABASE_URL": db_url})
            try:
                with db.get(app).uow() as uow:
                    return enrollment.enroll(uow, token, public_key_bytes(generate_private_key()),
                                             hub_fingerprint=keys.get(app).fingerprint).device_id
            finally:
                db.get(app).dispose()
    return Hub()


def make_conflict(db_url) -> str:
    """Siti Aminah's mobile number, changed differently on two laptops of Tulungrejo: one open conflict."""
    from hub_server.db import Database
    from hub_server.services.ingest import sync
    from tests.integration.sync_helpers import enroll, request
    from tests.unit.protocol_helpers import Device, valid_person

    database, hub, siti, andi = Database(db_url), Device(250), Device(1), Device(2)
    person = valid_person(name="Siti Aminah")

    def push(device, changeset):
        with database.uow(immediate=True) as uow:
            return sync(uow, request(device, [changeset]), hub.key, page_size=500)

    try:
        enroll(database, siti)
        enroll(database, andi)
        created = siti.create(**person)
        record = created.ops[0].record_id
        push(siti, created)
        push(siti, siti.update(record, {"phone": person["phone"]}, {"phone": "+6281211110000"}))
        push(andi, andi.update(record, {"phone": person["phone"]}, {"phone": "+6285722220000"}))
    finally:
        database.dispose()
    return person["nik"]


def test_conflicts_are_listed_in_peoples_words(initialised, run, db_url):
    nik = make_conflict(db_url)
    listing = run("conflicts", env={"LANG": "en_GB.UTF-8"}).output
    assert listing.startswith("#1 Changed differently on two devices\n")
    assert f"Siti Aminah · NIK {nik} · Tulungrejo (35.07.01.2001)" in listing
    assert "Mobile number — Last agreed value: " in listing
    assert re.search(r"Proposal 1: \+6281211110000 — \S+, device \w{10} #2, saved \d\d-\d\d-\d{4} \d\d:\d\d WIB "
                     r"by the laptop's clock, received by the hub \d\d-\d\d-\d{4} \d\d:\d\d WIB", listing)
    assert "Proposal 2: +6285722220000" in listing and "Two devices changed this record's Mobile number" in listing
    assert '"' not in listing and "None" not in listing and "UTC" not in listing and "T0" not in listing
    indonesian = run("conflicts", "--area", "35.07.01", env={"LANG": "id_ID.UTF-8"}).output
    assert "Diubah berbeda di dua perangkat" in indonesian and "Nomor HP — Nilai terakhir disepakati" in indonesian
    assert "menurut jam laptop" in indonesian
    assert "Tidak ada konflik" in run("conflicts", "--area", "35.07.02", env={"LANG": "id_ID.UTF-8"}).output


def test_a_conflict_is_resolved_with_what_the_list_shows(initialised, run, db_url):
    make_conflict(db_url)
    neither = run("conflicts", "resolve", "#1", "--reason", "Checked", env={"LANG": "en_GB.UTF-8"})
    assert neither.exit_code == 2 and "--value" in neither.output and "--side" in neither.output
    beyond = run("conflicts", "resolve", "1", "--side", "3", "--reason", "Checked", env={"LANG": "en_GB.UTF-8"})
    assert beyond.exit_code == 2 and "There is no proposal 3; this conflict has 2." in beyond.output
    decided = run("conflicts", "resolve", "#1", "--value", "+6285722220000", "--reason", "Checked by phone",
                  env={"LANG": "en_GB.UTF-8"})
    assert decided.exit_code == 0, decided.output
    assert "Conflict #1 decided" in decided.output and "Mobile number: +6285722220000" in decided.output
    assert "No conflict is waiting." in run("conflicts", env={"LANG": "en_GB.UTF-8"}).output


def test_serve_limits_malloc_arenas_before_anything_else(run, monkeypatch):
    from hub_server import memory

    asked = []
    monkeypatch.setattr(memory, "limit_malloc_arenas", lambda count=memory.SERVER_ARENAS: asked.append(count))
    run("serve", "--port", "0")  # refused before init, after asking: the threads it would start come later
    assert asked == [2]
