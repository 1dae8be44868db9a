"""Settings: declared once, defaults < SWS_HUB_* environment < the test mapping; derived values."""

import stat
from pathlib import Path

import pytest

from hub_server import config, create_app, db


@pytest.fixture
def db_url(tmp_path):
    """These tests are about settings and SQLite files: SQLite only."""
    return f"sqlite:///{tmp_path / 'hub.sqlite'}"


def test_defaults_then_environment_then_the_mapping(tmp_path):
    environ = {"SWS_HUB_SESSION_TIMEOUT_MINUTES": "5", "SWS_HUB_HUB_NAME": "Hub Malang",
               "SWS_HUB_COOKIE_SECURE": "yes"}
    values = config.load({"HUB_NAME": "Hub Ambon", "DATA_DIR": str(tmp_path)}, environ=environ)
    assert values["SESSION_TIMEOUT_MINUTES"] == 5
    assert values["COOKIE_SECURE"] is True
    assert values["HUB_NAME"] == "Hub Ambon"
    assert values["MAX_BODY_BYTES"] == config.BY_NAME["MAX_BODY_BYTES"].default


def test_the_database_defaults_to_a_sqlite_file_in_the_data_folder(tmp_path):
    values = config.load({"DATA_DIR": str(tmp_path / "d")}, environ={})
    assert values["DATABASE_URL"] == f"sqlite:///{tmp_path / 'd' / 'hub.sqlite'}"


def test_a_wrongly_typed_environment_value_is_refused_by_name(tmp_path):
    with pytest.raises(config.SettingError, match="SWS_HUB_MAX_BODY_BYTES"):
        config.load({"DATA_DIR": str(tmp_path)}, environ={"SWS_HUB_MAX_BODY_BYTES": "lots"})


def test_the_session_secret_is_made_once_and_kept_private(tmp_path):
    first = config.load({"DATA_DIR": str(tmp_path / "d")}, environ={})["SECRET_KEY"]
    second = config.load({"DATA_DIR": str(tmp_path / "d")}, environ={})["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert stat.S_IMODE((tmp_path / "d" / "secret_key").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o700


def test_settings_are_read_when_the_app_is_made_not_at_import(tmp_path, monkeypatch):
    monkeypatch.setenv("SWS_HUB_HUB_NAME", "Hub dari lingkungan")
    app = create_app({"DATA_DIR": str(tmp_path)})
    try:
        assert app.config["HUB_NAME"] == "Hub dari lingkungan"
        assert app.config["MAX_CONTENT_LENGTH"] == app.config["MAX_BODY_BYTES"]
    finally:
        db.get(app).dispose()


def test_the_sqlite_database_file_is_readable_by_its_owner_only(app):
    path = Path(app.config["DATABASE_URL"].removeprefix("sqlite:///"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    with db.get(app).engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_an_unknown_display_time_zone_is_refused(tmp_path):
    with pytest.raises(config.SettingError, match="DISPLAY_TIMEZONE"):
        config.load({"DATA_DIR": str(tmp_path), "DISPLAY_TIMEZONE": "Asia/Atlantis"}, environ={})


def test_the_display_time_zone_follows_the_districts_province_unless_set(tmp_path):
    def zone(**values):
        return config.load({"DATA_DIR": str(tmp_path), **values}, environ={})["DISPLAY_TIMEZONE"]

    assert zone(DISTRICT_CODE="35.07") == "Asia/Jakarta"  # Malang, East Java: WIB
    assert zone(DISTRICT_CODE="81.71") == "Asia/Jayapura"  # Ambon, Maluku: WIT
    assert zone(DISTRICT_CODE="73.71") == "Asia/Makassar"  # Makassar, South Sulawesi: WITA
    assert zone() == "Asia/Jakarta"
    assert zone(DISTRICT_CODE="81.71", DISPLAY_TIMEZONE="Asia/Makassar") == "Asia/Makassar"
