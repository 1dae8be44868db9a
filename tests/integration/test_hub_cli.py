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
