"""Settings of the village client, declared once.

Each setting has a default, may be set by the environment variable `SWS_VILLAGE_<NAME>` and, for
tests, by a mapping passed to `load_settings`. Settings are read when a command or the UI starts,
never at import.
"""

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str

    @property
    def env_name(self) -> str:
        return f"SWS_VILLAGE_{self.name.upper()}"

    def parse(self, text: str):
        """Environment values are text: convert them to the default's type."""
        if isinstance(self.default, bool):
            return text.strip().lower() in ("1", "true", "yes", "on")
        return type(self.default)(text)


SETTINGS = (
    Setting("data_dir", str(Path.home() / ".local" / "share" / "sws-village"),
            "Folder holding the laptop's database, keys and lock files (mode 0700)."),
    Setting("connect_timeout", 10.0, "Seconds to wait for the hub to accept a connection."),
    Setting("read_timeout", 90.0, "Seconds to wait for the hub between two bytes of its reply (2G links are slow)."),
    Setting("batch_size", 2000, "Most change-sets sent in one request; a cut link loses at most one request's work."),
    Setting("retry_attempts", 4, "Tries of one request before a sync gives up and reports the hub unreachable."),
    Setting("retry_base", 2.0, "Seconds before the first retry; doubled each time, with random jitter."),
    Setting("retry_cap", 60.0, "Longest wait between two tries of one request, in seconds."),
    Setting("sync_interval", 300, "Seconds between scheduled syncs while the hub answers."),
    Setting("backoff_cap", 3600, "Longest wait between scheduled syncs while the hub does not answer, in seconds."),
    Setting("scheduler_tick", 30, "Seconds between the scheduler's checks whether a sync is due."),
    Setting("hub_ca_file", "", "Certificate (PEM) of the authority that signed the hub's TLS certificate, when not "
            "one the system trusts (a district's own); empty: the system's."),
    Setting("allow_plain_http", False, "Allow http:// (no TLS) to a hub or relay on another machine, e.g. a "
            "sub-district relay on the office's own network; loopback addresses are always allowed."),
    Setting("ui_host", "127.0.0.1", "Address the local web UI listens on; keep it on the laptop itself."),
    Setting("ui_port", 8780, "Port of the local web UI."),
    Setting("relay_port", 8790, "Port a sub-district relay listens on for village laptops."),
    Setting("stale_days", 7, "Days without a sync (over the network or by USB) after which every page says so."),
    Setting("language", "id", "Language of messages: id (Bahasa Indonesia) or en (English)."),
    # Service standards (docs/complaints.md), the hub's defaults: days a level has before a complaint is overdue.
    Setting("complaint_days_village", 7, "Days the village has to settle a complaint (0: no standard)."),
    Setting("complaint_days_sub_district", 7, "Days the sub-district coordinator has once a complaint reaches them."),
    Setting("complaint_days_district", 14, "Days the district coordinator has once a complaint reaches them."),
    Setting("complaint_days_skpd", 14, "Days a technical unit (SKPD) has once a complaint is forwarded to it."),
    Setting("complaint_days_ombudsman", 30, "Days allowed once a complaint is at the ombudsman level."),
    # The district's letterhead (kop surat) on what this laptop prints, the hub's LETTERHEAD_* settings:
    # set when the laptop is installed, so the papers print with no network.
    Setting("letterhead_government", "", "First line; empty: \"Pemerintah\" and the district of the laptop's scope."),
    Setting("letterhead_office", "", "Second line: the office issuing the papers, e.g. Dinas Sosial."),
    Setting("letterhead_address", "", "Third line: the office's address, telephone or e-mail."),
    Setting("letterhead_logo", "", "Path of a .png, .jpg or .svg logo printed beside the letterhead; empty: none."),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


def load_settings(overrides=None, environ=None) -> dict:
    """Defaults, then `SWS_VILLAGE_*` environment variables, then `overrides` (unknown names raise KeyError)."""
    environ = os.environ if environ is None else environ
    values = {setting.name: setting.default for setting in SETTINGS}
    for setting in SETTINGS:
        if environ.get(setting.env_name):
            values[setting.name] = setting.parse(environ[setting.env_name])
    for name, value in (overrides or {}).items():
        if name not in BY_NAME:
            raise KeyError(f"unknown setting {name!r}")
        values[name] = value
    return values
