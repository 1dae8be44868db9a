"""Importing an extract and running matching from the admin UI, in a real browser against `sws-hub serve`.

The jobs run in the hub process's own threads; the job page polls their progress with a few lines of
script until they end, then shows the result. A job the hub was running when it was killed is marked
interrupted when it starts again.
"""

import csv
import datetime as dt
import re

import pytest
import requests
from playwright.sync_api import expect

from hub_server.db import Database
from hub_server.models import Job
from hub_server.services import jobs
from tests.e2e.conftest import ADMIN_PASSWORD, TIMEOUT

PEOPLE = 40_000  # an e-KTP extract of some 4 MB: its import takes seconds, long enough to watch it
JOB_TIMEOUT = 180_000  # milliseconds a job may take on a slow machine


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("browser-district")
    generate_district(folder, people=PEOPLE, seed=23)
    return folder


def rows_in(path) -> int:
    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def log_in(tab, url, path):
    tab.goto(url + path)  # the login page sends the admin on to `path`
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", ADMIN_PASSWORD)
    tab.click("button.primary")


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def watch_job(tab) -> str:
    """On a job page: progress shows while the job runs, then the page shows the result by itself."""
    expect(tab).to_have_url(re.compile(r"/population/jobs/\d+$"))
    tab.wait_for_selector("#job-result, #job-error", timeout=JOB_TIMEOUT)
    assert tab.locator("#job-error").count() == 0, tab.locator("#job-error").inner_text()
    return tab.locator("#job-status").inner_text()


@pytest.mark.browser
@pytest.mark.e2e
def test_an_admin_uploads_an_extract_watches_it_load_then_runs_matching(tab, start_hub, tmp_path, district):
    # The API's body limit stays small; only the upload page takes a file this large.
    hub = start_hub(tmp_path / "hub", SWS_HUB_MAX_BODY_BYTES="65536")
    log_in(tab, hub.url, "/population/import")
    expect(tab.locator("h1")).to_have_text("Impor ekstrak sumber", use_inner_text=True)
    tab.select_option("select[name=source]", "ektp")
    tab.set_input_files("input[name=file]", str(district / "ektp.csv"))
    with tab.expect_response(re.compile(r"/population/jobs/\d+\.json$"), timeout=JOB_TIMEOUT) as polled:
        tab.click("#import-form button.primary")
        tab.wait_for_selector("#job-progress progress")  # running: a progress bar, updated by polling
    # The page may reload as soon as the job ends, so the polled body is read again rather than from the page.
    assert tab.request.get(polled.value.url).json()["kind"] == "import"
    assert watch_job(tab) == "selesai"
    assert tab.locator("[data-count=read]").inner_text() == str(rows_in(district / "ektp.csv"))
    assert int(tab.locator("[data-count=new]").inner_text()) > PEOPLE * 0.9
    assert int(tab.locator("#job-inconsistencies [data-count=opened]").inner_text()) > 0

    hub.cli("import", "kk", str(district / "kk.csv"))
    hub.cli("import", "welfare", str(district / "welfare.csv"))
    hub.cli("catalogue", "load")
    tab.goto(hub.url + "/population/lists")
    tab.fill("#match-form input[name=list_date]", "2026-03-01")
    tab.click("#match-form button.primary")
    assert watch_job(tab) == "selesai"
    assert int(tab.locator("[data-count=versions]").inner_text().split()[0]) > 0
    programmes = tab.locator("#job-programmes tbody tr")
    assert programmes.count() >= 10 and "PKH" in tab.locator("#job-programmes").inner_text()

    tab.click("button[name=lang][value=en]")
    expect(tab.locator("#job-result")).to_contain_text("List versions published", use_inner_text=True)
    tab.click("a[href='/population/jobs']")
    tab.wait_for_url(re.compile(r"/population/jobs/?$"))  # waits for the page's load, not only the new address
    assert tab.locator("tbody tr").count() == 2 and "done" in tab.locator("tbody").inner_text()


@pytest.mark.e2e
def test_a_job_the_hub_was_running_when_it_was_killed_is_marked_interrupted_when_it_starts_again(hub_process):
    database = Database(f"sqlite:///{hub_process.data_dir / 'hub.sqlite'}")
    try:
        runner = jobs.Runner(database, hub_process.data_dir)
        token = "00112233445566ff"
        (runner.locks / f"{token}.lock").parent.mkdir(parents=True, exist_ok=True)
        (runner.locks / f"{token}.lock").touch()  # what a killed hub leaves behind: a lock file nobody holds
        with database.uow() as uow:
            uow.session.add(Job(kind="match", parameters={"list_date": "2026-03-01"}, status="running", done=0,
                                step="rules", total=14, started_by="user:admin", started_at=dt.datetime.now(dt.UTC),
                                owner=runner.owner_prefix + token, slot=jobs.SLOT))
            uow.commit()
        hub_process.kill()
        hub_process.start()
        assert "job 1 was interrupted" in hub_process.log.read_text()
        with database.uow() as uow:
            job = uow.session.get(Job, 1)
            assert (job.status, job.error, job.slot) == ("failed", "interrupted", None)
    finally:
        database.dispose()

    browser = requests.Session()  # and a new job may start: the slot is free again
    page = browser.get(f"{hub_process.url}/login", timeout=TIMEOUT).text
    browser.post(f"{hub_process.url}/login", timeout=TIMEOUT,
                 data={"username": "admin", "password": ADMIN_PASSWORD, "csrf_token": csrf_of(page)}).raise_for_status()
    page = browser.get(f"{hub_process.url}/population/jobs/1", timeout=TIMEOUT).text
    assert "Terputus" in page
    csrf = csrf_of(page)  # the session's token since logging in
    started = browser.post(f"{hub_process.url}/population/match", data={"list_date": "2026-03-01", "csrf_token": csrf},
                           timeout=TIMEOUT)
    assert started.ok and re.search(r"/population/jobs/2$", started.url)
