"""The demo district's machines: one hub, a sub-district laptop that relays, three village laptops."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from sws_demo.processes import Programs, free_port

ADMIN_PASSWORD = "demo-admin-2026"
PIN = "246810"
PEOPLE_FIELDS = ("nik", "kk_number", "name", "birth_place", "birth_date", "sex", "marital_status", "relationship",
                 "address", "address_rt", "address_rw", "village_code", "occupation", "education", "disability",
                 "monthly_income", "pregnant", "phone")


@dataclass
class Laptop:
    """A village client: its data folder, officer, and the village (or sub-district) it serves."""

    name: str
    data_dir: Path
    officer: str
    role: str
    scope: str

    def cli(self, programs: Programs, *args, check=True):
        return programs.run("sws-village", "--data-dir", self.data_dir, *args, check=check,
                            env={"SWS_VILLAGE_PIN": PIN, "SWS_VILLAGE_OFFICER": self.officer})


@dataclass
class District:
    root: Path
    programs: Programs
    hub_url: str = ""
    relay_url: str = ""

    @property
    def hub_dir(self) -> Path:
        return self.root / "hub"

    def hub(self, *args, check=True):
        return self.programs.run("sws-hub", "--data-dir", self.hub_dir, *args, check=check,
                                 env={"SWS_HUB_ADMIN_PASSWORD": ADMIN_PASSWORD})

    def start_hub(self) -> None:
        self.hub("init", "--admin", "admin")
        port = free_port()
        self.hub_url = f"http://127.0.0.1:{port}"
        self.programs.start("hub", "sws-hub", "--data-dir", self.hub_dir, "serve", "--port", port,
                            url=f"{self.hub_url}/api/v1/hello")

    def token(self, laptop: Laptop) -> str:
        output = self.hub("device-token", "--scope", laptop.scope, "--role", laptop.role,
                          "--label", laptop.name).stdout
        return _token_in(output)

    def set_up(self, laptop: Laptop, enroll_at: str) -> None:
        """Init the laptop, add its officer and enroll it (at the hub, or through the relay)."""
        laptop.cli(self.programs, "init", "--label", laptop.name)
        role = "sub_district_officer" if laptop.role == "sub_district" else "village_secretary"
        laptop.cli(self.programs, "officer", "add", laptop.officer, "--name", laptop.officer.title(), "--role", role)
        laptop.cli(self.programs, "enroll", "--hub", enroll_at, "--token", self.token(laptop))

    def start_relay(self, laptop: Laptop) -> None:
        port = free_port()
        self.relay_url = f"http://127.0.0.1:{port}"
        self.programs.start("relay", "sws-village", "--data-dir", laptop.data_dir, "relay", "--host", "127.0.0.1",
                            "--port", port, url=self.relay_url)

    def start_ui(self, laptop: Laptop) -> str:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        self.programs.start(f"ui-{laptop.name}", "sws-village", "--data-dir", laptop.data_dir, "ui", "--port", port,
                            "--no-scheduled-sync", url=url)
        return url


def _token_in(output: str) -> str:
    """The token from `sws-hub device-token`'s output line "token: <text>"."""
    found = re.search(r"^token:\s*(\S+)", output, re.MULTILINE)
    if not found:
        raise RuntimeError(f"no token in:\n{output}")
    return found.group(1)


def villages_with_people(people_csv: Path, sub_district: str, count: int = 3) -> dict:
    """The first `count` villages of a sub-district with their generated residents (rows of people.csv)."""
    found = {}
    with open(people_csv, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["village_code"].startswith(sub_district + "."):
                found.setdefault(row["village_code"], []).append(row)
    return dict(sorted(found.items())[:count])


def write_people_csv(path: Path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=PEOPLE_FIELDS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
