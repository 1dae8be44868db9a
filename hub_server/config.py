"""The hub's settings, declared once.

Each setting has a default, may be overridden by an environment variable `SWS_HUB_<NAME>`, and then
by the mapping given to `create_app(test_config)`. Settings are read when the app is created, never at
import. `docs/settings.md` documents every one (checked by `tests/test_docs.py`).
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from schemas.letterhead import LOGO_TYPES
from schemas.local_time import zone_name

ENV_PREFIX = "SWS_HUB_"
SECRET_KEY_FILE = "secret_key"
DATABASE_FILE = "hub.sqlite"


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env(self) -> str:
        return ENV_PREFIX + self.name

    def parse(self, text: str):
        """The value of an environment variable, typed like the default. Raises ValueError."""
        if isinstance(self.default, bool):
            return _parse_bool(text)
        if isinstance(self.default, int):
            return int(text)
        return text


SETTINGS = (
    Setting("DATA_DIR", "hub-data",
            "Folder holding the hub's key pair, session secret and (by default) its SQLite database."),
    Setting("DATABASE_URL", "",
            "SQLAlchemy URL of the database; empty means the SQLite file hub.sqlite in DATA_DIR. "
            "PostgreSQL: postgresql+psycopg://user:password@host:5432/dbname"),
    Setting("SECRET_KEY", "",
            "Key signing the admin UI's session cookies; empty means generated once and kept in DATA_DIR."),
    Setting("HUB_NAME", "SWS Hub", "Name shown in the admin UI and returned by /api/v1/hello."),
    Setting("DISTRICT_CODE", "",
            "Kemendagri code of the district this hub serves (e.g. 35.07); when set, device scopes must "
            "lie inside it. Empty accepts any region."),
    Setting("SESSION_TIMEOUT_MINUTES", 30, "An admin UI session ends after this many idle minutes."),
    Setting("MAX_BODY_BYTES", 8 * 1024 * 1024, "Largest request body accepted; larger ones get 413."),
    Setting("UPLOAD_MAX_BYTES", 1024 * 1024 * 1024,
            "Largest extract file the admin UI's import page accepts (kept in DATA_DIR/uploads)."),
    Setting("ENROLL_TOKEN_HOURS", 72, "Default validity of an enrollment token, in hours."),
    Setting("PASSWORD_MIN_LENGTH", 10, "Shortest password accepted for a hub user."),
    Setting("LOGIN_MAX_FAILURES", 5,
            "Failed logins for one user name within 15 minutes before further attempts are refused."),
    Setting("AUDIT_PAGE_SIZE", 50, "Entries per page of the audit log and of a device's activity."),
    Setting("DISPLAY_TIMEZONE", "",
            "Time zone in which the admin UI and the command line show times; empty means the zone of "
            "DISTRICT_CODE's province (WIB, WITA or WIT), or WIB without a district."),
    Setting("COOKIE_SECURE", False, "Send the session cookie over HTTPS only; turn on behind a TLS proxy."),
    Setting("FEED_PAGE_SIZE", 500,
            "Feed entries per sync reply; a device with more to pull asks again (each page is one transaction)."),
    Setting("SERVE_THREADS", 8, "Worker threads of `sws-hub serve` when --threads is not given."),
    # Service standards (docs/complaints.md): days a level has to settle a complaint before it is overdue.
    Setting("COMPLAINT_DAYS_VILLAGE", 7, "Days the village has to settle a complaint (0: no standard)."),
    Setting("COMPLAINT_DAYS_SUB_DISTRICT", 7, "Days the sub-district coordinator has once a complaint reaches them."),
    Setting("COMPLAINT_DAYS_DISTRICT", 14, "Days the district coordinator has once a complaint reaches them."),
    Setting("COMPLAINT_DAYS_SKPD", 14, "Days a technical unit (SKPD) has once a complaint is forwarded to it."),
    Setting("COMPLAINT_DAYS_OMBUDSMAN", 30, "Days allowed once a complaint is sent up to the ombudsman level."),
    Setting("DESK_PAGE_SIZE", 50, "Rows per page of the complaints desk's queues and of the call centre's call log."),
    # The letterhead (kop surat) of every printed page: village meeting lists, decision letters, receipts.
    Setting("LETTERHEAD_GOVERNMENT", "",
            "First line of the letterhead; empty means \"Pemerintah\" and the name of DISTRICT_CODE's district."),
    Setting("LETTERHEAD_OFFICE", "", "Second line: the office that issues the papers, e.g. Dinas Sosial."),
    Setting("LETTERHEAD_ADDRESS", "", "Third line: the office's address, telephone or e-mail."),
    Setting("LETTERHEAD_LOGO", "", "Path of the logo printed beside the letterhead (.png, .jpg or .svg); empty: none."),
    Setting("DASHBOARD_CACHE_MINUTES", 60,
            "Minutes the dashboard keeps an area's coverage figures before reading them again (sooner after a "
            "matching run or an import)."),
    Setting("SERVE_PROTOCOL_1", True,
            "Serve laptops that speak sync protocol version 1 only. Turn off once every laptop speaks version 2 (the "
            "devices page says which do): their requests, over HTTP or on a USB stick, are then refused with "
            "unsupported_version, telling the officer to upgrade."),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take."""


def load(test_config=None, environ=None) -> dict:
    """Defaults, then SWS_HUB_* environment variables, then `test_config`; derived values filled in.

    Raises SettingError for an environment value of the wrong type.
    """
    environ = os.environ if environ is None else environ
    values = {setting.name: setting.default for setting in SETTINGS}
    for setting in SETTINGS:
        if setting.env in environ:
            values[setting.name] = _from_env(setting, environ[setting.env])
    values.update(test_config or {})
    return _derive(values)


def _from_env(setting: Setting, text: str):
    try:
        return setting.parse(text)
    except ValueError as exc:
        raise SettingError(f"{setting.env}={text!r}: expected a value like {setting.default!r}") from exc


def _derive(values: dict) -> dict:
    if not values["DISPLAY_TIMEZONE"]:
        values["DISPLAY_TIMEZONE"] = zone_name(values["DISTRICT_CODE"])
    _check_timezone(values["DISPLAY_TIMEZONE"])
    _check_logo(values["LETTERHEAD_LOGO"])
    data_dir = Path(values["DATA_DIR"]).expanduser().resolve()
    values["DATA_DIR"] = str(data_dir)
    if not values["DATABASE_URL"]:
        values["DATABASE_URL"] = f"sqlite:///{data_dir / DATABASE_FILE}"
    if not values["SECRET_KEY"]:
        values["SECRET_KEY"] = _stored_secret(data_dir)
    return values


def _check_timezone(name: str) -> None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingError(f"DISPLAY_TIMEZONE={name!r}: not a time zone name like Asia/Jakarta") from exc


def _check_logo(path: str) -> None:
    if path and (not Path(path).is_file() or Path(path).suffix.lower() not in LOGO_TYPES):
        raise SettingError(f"LETTERHEAD_LOGO={path!r}: not a .png, .jpg or .svg file")


def ensure_data_dir(data_dir: Path) -> Path:
    """Create the data folder readable by its owner only (it holds the hub's private key)."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return data_dir


def _stored_secret(data_dir: Path) -> str:
    path = ensure_data_dir(data_dir) / SECRET_KEY_FILE
    if not path.exists():
        try:
            write_private_file(path, secrets.token_hex(32).encode())
        except FileExistsError:  # another hub process made it first
            pass
    return path.read_text().strip()


def write_private_file(path: Path, content: bytes) -> None:
    """Write a new file with mode 0600; refuse to overwrite (FileExistsError)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(text)
