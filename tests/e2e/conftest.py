"""A real `sws-hub serve` process on a free 127.0.0.1 port, with its own data folder.

`hub_process` gives a started hub (SQLite in its data folder, admin "admin"); `start_hub(path)`
makes more, e.g. on PostgreSQL (`database_url=`). Each can be killed with SIGKILL and started again
on the same port, and issues enrollment tokens through the real command line.
"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

ADMIN_PASSWORD = "kata-sandi-admin-1"
TIMEOUT = (3, 10)  # (connect, read) seconds for every request to the hub
LISTENING = re.compile(r"listening on (http://[\d.]+:(\d+))/")


@dataclass
class HubProcess:
    data_dir: Path
    database_url: str = ""
    port: int = 0
    process: subprocess.Popen | None = None
    extra_env: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.data_dir.parent / f"{self.data_dir.name}-serve.log"

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SWS_HUB_")}
        env.update(PYTHONUNBUFFERED="1", SWS_HUB_ADMIN_PASSWORD=ADMIN_PASSWORD, **self.extra_env)
        if self.database_url:
            env["SWS_HUB_DATABASE_URL"] = self.database_url
        return env

    def cli(self, *args, check=True) -> subprocess.CompletedProcess:
        """Run `sws-hub --data-dir <data dir> ARGS` as a separate process."""
        command = [sys.executable, "-m", "hub_server", "--data-dir", str(self.data_dir), *args]
        result = subprocess.run(command, env=self.env(), capture_output=True, text=True, timeout=60)
        if check and result.returncode != 0:
            raise AssertionError(f"sws-hub {' '.join(args)} failed: {result.stdout}{result.stderr}")
        return result

    def init(self) -> "HubProcess":
        self.cli("init")
        return self

    def start(self, timeout: float = 30) -> "HubProcess":
        """Start `sws-hub serve` (on the port it had before, if any) and wait until it answers."""
        with open(self.log, "a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "hub_server", "--data-dir", str(self.data_dir), "serve",
                 "--port", str(self.port), "--threads", "4"],
                env=self.env(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self.port = self._wait_for_port(timeout)
        self._wait_for_hello(timeout)
        return self

    def kill(self) -> None:
        """SIGKILL, as a power cut would: no clean shutdown."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def hello(self) -> dict:
        return requests.get(f"{self.url}/api/v1/hello", timeout=TIMEOUT).json()

    def issue_token(self, scope: str = "35.07.01.2001", role: str = "village", label: str = "Laptop uji",
                    hours: int = 2) -> str:
        """A one-time enrollment token, issued by `sws-hub device-token`."""
        result = self.cli("device-token", "--scope", scope, "--role", role, "--label", label, "--hours", str(hours))
        return re.search(r"^token: (\S+)$", result.stdout, re.M).group(1)

    def revoke(self, device_id: str, reason: str = "dicabut untuk uji") -> None:
        self.cli("devices", "revoke", device_id, "--reason", reason)

    def _wait_for_port(self, timeout: float) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = LISTENING.findall(self.log.read_text())
            if found and (self.port == 0 or int(found[-1][1]) == self.port):
                return int(found[-1][1])
            if self.process.poll() is not None:
                raise AssertionError(f"sws-hub serve exited: {self.log.read_text()}")
            time.sleep(0.05)
        raise AssertionError(f"sws-hub serve did not start: {self.log.read_text()}")

    def _wait_for_hello(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/api/v1/hello", timeout=(1, 2)).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
        raise AssertionError(f"no answer from {self.url}: {self.log.read_text()}")


@pytest.fixture
def start_hub():
    """start_hub(data_dir, database_url="") -> an initialised, started HubProcess; all killed afterwards."""
    started = []

    def start(data_dir: Path, database_url: str = "", **extra_env) -> HubProcess:
        hub = HubProcess(Path(data_dir), database_url, extra_env=extra_env)
        started.append(hub)
        return hub.init().start()

    yield start
    for hub in started:
        hub.kill()


@pytest.fixture
def hub_process(start_hub, tmp_path) -> HubProcess:
    """A hub serving on a free 127.0.0.1 port from its own data folder (SQLite)."""
    return start_hub(tmp_path / "hub-data")


CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def tab():
    """A page in Debian's chromium driven by Playwright; skipped with the reason when chromium is missing."""
    if CHROMIUM is None:
        pytest.skip("chromium is not on the PATH: run `make browser` (Debian's chromium) to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        page.set_default_timeout(10_000)
        yield page
        browser.close()


@pytest.fixture
def reporting_hub(hub_process, tmp_path):
    """A hub process holding the reports' small fixed district (tests/integration/report_data.py)."""
    from hub_server.db import Database
    from tests.integration import report_data

    database = Database(f"sqlite:///{hub_process.data_dir / 'hub.sqlite'}")
    report_data.build(database, tmp_path)
    database.dispose()
    return hub_process


@contextlib.contextmanager
def running_village_ui(data_dir: Path, **extra_env):
    """`sws-village ui` on a free 127.0.0.1 port over `data_dir`, as its own process; yields its address."""
    environment = {**os.environ, "SWS_VILLAGE_DATA_DIR": str(data_dir), **extra_env}
    process = subprocess.Popen([sys.executable, "-m", "village_client", "ui", "--port", "0", "--no-scheduled-sync"],
                               stdout=subprocess.PIPE, text=True, env=environment)
    try:
        yield re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


@contextlib.contextmanager
def village_ui_with(tmp_path: Path, officers, prepare=None):
    """A laptop of Tulungrejo (35.07.01.2001) with these officers ((user name, name, role, PIN) each), and what
    `prepare(store)` adds, its `sws-village ui` running; yields its address."""
    from village_client.device import initialise
    from village_client.officers import add_officer
    from village_client.store import open_store

    data_dir = tmp_path / "laptop"
    initialise(data_dir, "Desa Tulungrejo")
    with open_store(data_dir) as store:
        for officer in officers:
            add_officer(store, *officer)
        store.update_device(scope=["35.07.01.2001"])
        if prepare:
            prepare(store)
    with running_village_ui(data_dir) as address:
        yield address
