"""Imports and matching runs started from the admin UI: background jobs with progress, one at a time.

Real database files (SQLite, and PostgreSQL when reachable) through the Flask test client; the jobs
run in threads of the app as they do under `sws-hub serve`.
"""

import csv
import datetime as dt
import os
import re
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hub_server import create_app, db
from hub_server.models import AuditLog, Job
from hub_server.models.population import ImportBatch, ImportRowError, Person, SourceEktp
from hub_server.models.programmes import ListVersion
from hub_server.services import catalogue, jobs, matching
from hub_server.services.imports import pipeline
from tests.integration.test_population_support import ACTOR, TODAY, import_all

WAIT = 120  # seconds a job may take on a slow machine


@pytest.fixture(scope="session")
def small_district(tmp_path_factory):
    from hub_server.generator import generate_district

    folder = tmp_path_factory.mktemp("jobs-district")
    generate_district(folder, people=300, seed=17)
    return folder


@pytest.fixture
def admin(client, hub_users):
    hub_users.login(client)
    return client


def read_csv(path) -> list:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(path, rows: list, columns=None) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns or list(rows[0]), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def upload(client, hub_users, path, source="ektp", name=None):
    with open(path, "rb") as handle:
        return hub_users.post(client, "/population/import", source=source, codes="kemendagri",
                              file=(handle, name or Path(path).name))


def job_id_of(answer) -> int:
    assert answer.status_code == 302, answer.get_data(as_text=True)[:800]
    return int(re.search(r"/population/jobs/(\d+)$", answer.headers["Location"]).group(1))


def finished(app, job_id) -> dict:
    runner = jobs.get(app)
    assert runner.wait(job_id, WAIT), f"job {job_id} still running after {WAIT} s"
    return runner.view(job_id)


def count(database, model, *conditions) -> int:
    with database.uow() as uow:
        return uow.session.execute(select(func.count()).select_from(model).where(*conditions)).scalar()


def uploads(app) -> list:
    folder = Path(app.config["DATA_DIR"]) / jobs.UPLOAD_FOLDER
    return sorted(folder.iterdir()) if folder.exists() else []


def test_an_uploaded_extract_is_imported_by_a_job_and_its_page_shows_the_counts(app, database, admin, hub_users,
                                                                                small_district):
    form = admin.get("/population/import")
    assert form.status_code == 200 and 'enctype="multipart/form-data"' in form.get_data(as_text=True)
    rows = read_csv(small_district / "ektp.csv")
    job_id = job_id_of(upload(admin, hub_users, small_district / "ektp.csv"))
    job = finished(app, job_id)
    assert job["status"] == "done", job
    result = job["result"]
    assert result["read"] == len(rows) and result["new"] == result["loaded"] > 0
    assert count(database, SourceEktp) == result["loaded"]
    assert count(database, Person) >= result["loaded"]
    with database.uow() as uow:
        batch = uow.session.get(ImportBatch, result["batch_id"])
        assert (batch.status, batch.actor, batch.rows_read) == ("done", "user:admin", len(rows))
        started = uow.session.execute(select(AuditLog).where(AuditLog.action == "job.started")).scalar()
        assert started.actor == "user:admin" and started.detail["file_name"] == "ektp.csv"

    page = admin.get(f"/population/jobs/{job_id}").get_data(as_text=True)
    assert f'data-count="read">{len(rows)}<' in page and f'data-count="new">{result["new"]}<' in page
    assert "Selesai" in page and "ektp.csv" in page and "<script>" not in page  # nothing left to poll
    state = admin.get(f"/population/jobs/{job_id}.json").get_json()
    assert state["status"] == "done" and state["finished"] is True and state["step"] == "done"
    assert f"/population/jobs/{job_id}" in admin.get("/population/jobs").get_data(as_text=True)

    [kept] = uploads(app)  # the upload keeps a safe name of its own, readable by the hub's owner only
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{8}-ektp-ektp\.csv", kept.name)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert kept.read_bytes() == (small_district / "ektp.csv").read_bytes()
    assert job["parameters"]["stored"] == kept.name


def test_rows_that_break_a_rule_are_listed_with_line_field_and_rule_and_the_rest_loads(app, database, admin,
                                                                                       hub_users, small_district,
                                                                                       tmp_path):
    rows = read_csv(small_district / "ektp.csv")
    rows[0]["nik"] = "12345"  # line 2
    rows[3]["birth_date"] = "1990-13-45"  # line 5
    bad = write_csv(tmp_path / "ektp-maret.csv", rows)
    job = finished(app, job_id_of(upload(admin, hub_users, bad, name="../../ektp maret.csv")))
    assert job["status"] == "done" and job["result"]["failed"] == 2
    duplicates = job["result"]["extra"].get("duplicate_rows", 0)  # the generator plants a few; the first row loads
    assert count(database, SourceEktp) == len(rows) - 2 - duplicates == job["result"]["loaded"]
    with database.uow() as uow:
        errors = {row.line: (row.field, row.rule) for row in uow.session.execute(select(ImportRowError)).scalars()}
    assert set(errors) == {2, 5} and errors[2][0] == "nik" and errors[5][0] == "birth_date"

    page = admin.get(f"/population/jobs/{job['id']}").get_data(as_text=True)
    table = page[page.index('id="job-rows"'):]
    for line, (field, rule) in errors.items():
        assert re.search(rf'<td class="num">{line}</td><td>{field}</td><td><code>{rule}</code></td>', table), line
    assert 'data-count="failed">2<' in page
    hub_users.post(admin, "/language", lang="en", next="/population/")
    english = admin.get(f"/population/jobs/{job['id']}").get_data(as_text=True)
    assert "Rows left out" in english and "Line" in english
    assert job["parameters"]["file_name"] == "../../ektp maret.csv"  # shown as sent, never used as a path
    assert [path.name.endswith("-ektp-ektp_maret.csv") for path in uploads(app)] == [True]


def test_a_file_without_a_required_column_fails_its_job_with_the_reason(app, database, admin, hub_users,
                                                                        small_district, tmp_path):
    rows = read_csv(small_district / "ektp.csv")
    columns = [name for name in rows[0] if name != "name"]
    job = finished(app, job_id_of(upload(admin, hub_users, write_csv(tmp_path / "ektp.csv", rows, columns))))
    assert job["status"] == "failed" and job["result"]["code"] == "import_columns_missing"
    assert job["slot"] is None and count(database, SourceEktp) == 0
    page = admin.get(f"/population/jobs/{job['id']}").get_data(as_text=True)
    assert "tidak punya kolom: name" in page
    hub_users.post(admin, "/language", lang="en", next="/population/")
    assert "lacks the columns: name" in admin.get(f"/population/jobs/{job['id']}.json").get_json()["error"]


def test_a_form_without_a_file_or_with_an_unknown_source_is_refused_on_the_form(app, admin, hub_users,
                                                                                small_district):
    answer = hub_users.post(admin, "/population/import", source="ektp", codes="kemendagri")
    assert answer.status_code == 400 and "Pilih berkas CSV" in answer.get_data(as_text=True)
    with open(small_district / "ektp.csv", "rb") as handle:
        answer = hub_users.post(admin, "/population/import", source="passport", codes="kemendagri",
                                file=(handle, "ektp.csv"))
    assert answer.status_code == 400 and "Pilih sumber" in answer.get_data(as_text=True)
    assert uploads(app) == [] and count(db.get(app), Job) == 0


def test_a_file_over_the_upload_limit_is_refused_and_not_kept(app, admin, hub_users, small_district, tmp_path):
    app.config["UPLOAD_MAX_BYTES"] = 4096
    answer = upload(admin, hub_users, small_district / "ektp.csv")  # over the file limit, within the form's
    assert answer.status_code == 413 and "lebih besar dari 4 KiB" in answer.get_data(as_text=True)
    huge = tmp_path / "huge.csv"
    huge.write_bytes((small_district / "ektp.csv").read_bytes() * 12)
    answer = upload(admin, hub_users, huge)  # declared over the request limit: refused before it is read
    assert answer.status_code == 413 and "lebih besar dari 4 KiB" in answer.get_data(as_text=True)
    assert uploads(app) == [] and count(db.get(app), Job) == 0


@pytest.mark.parametrize("role", ["viewer", "sub_district_officer"])
def test_only_a_district_admin_starts_jobs_or_sees_them(app, client, hub_users, small_district, role):
    password = hub_users.add("petugas", role, area="35.07.01" if role == "sub_district_officer" else None)
    hub_users.login(client, "petugas", password)
    assert client.get("/population/import").status_code == 403
    assert upload(client, hub_users, small_district / "ektp.csv").status_code == 403
    assert hub_users.post(client, "/population/match", list_date="2026-03-01").status_code == 403
    assert client.get("/population/jobs").status_code == 403
    lists = client.get("/population/lists").get_data(as_text=True)
    assert "match-form" not in lists and "/population/import" not in lists
    assert uploads(app) == [] and count(db.get(app), Job) == 0


def test_starting_a_job_needs_the_sessions_csrf_token(app, admin, small_district):
    with open(small_district / "ektp.csv", "rb") as handle:
        answer = admin.post("/population/import", data={"source": "ektp", "file": (handle, "ektp.csv")})
    assert answer.status_code == 403
    assert admin.post("/population/match", data={"list_date": "2026-03-01"}).status_code == 403
    assert uploads(app) == [] and count(db.get(app), Job) == 0


@pytest.fixture
def held_import(monkeypatch):
    """The import job's work waits (after its first progress report) until the test lets it go."""
    release, reported = threading.Event(), threading.Event()

    def work(uow, parameters, actor, progress):
        progress("staging", 512, 2048)
        reported.set()
        assert release.wait(WAIT)
        return {"held": True}

    monkeypatch.setitem(jobs.WORK, "import", work)
    yield reported, release
    release.set()


def test_a_second_job_while_one_runs_is_refused_with_409(app, database, admin, hub_users, small_district,
                                                        held_import):
    reported, release = held_import
    first = job_id_of(upload(admin, hub_users, small_district / "ektp.csv"))
    assert reported.wait(WAIT)
    state = admin.get(f"/population/jobs/{first}.json").get_json()
    assert (state["status"], state["step"], state["percent"], state["finished"]) == ("running", "staging", 25, False)
    running = admin.get(f"/population/jobs/{first}").get_data(as_text=True)
    assert "Membaca dan memeriksa baris: 25%" in running and f"/population/jobs/{first}.json" in running

    refused = hub_users.post(admin, "/population/match", list_date="2026-03-01")
    assert refused.status_code == 409
    assert f"Tugas nomor {first} (Impor) masih berjalan" in refused.get_data(as_text=True)
    again = upload(admin, hub_users, small_district / "kk.csv", source="kk")
    assert again.status_code == 409 and len(uploads(app)) == 1  # the refused upload is not kept
    with pytest.raises(jobs.JobBusy):
        jobs.get(app).start("match", {}, actor=ACTOR)

    release.set()
    assert finished(app, first)["status"] == "done"
    second = job_id_of(hub_users.post(admin, "/population/match", list_date="2026-03-01"))
    assert finished(app, second)["status"] == "done"
    assert count(database, Job, Job.slot.is_not(None)) == 0


def test_a_job_left_running_by_a_hub_that_died_is_failed_interrupted_when_the_hub_starts(app, database, hub_settings,
                                                                                         admin):
    runner = jobs.get(app)
    stale_file = runner.locks / "0123456789abcdef.lock"  # the lock file a killed hub leaves, held by nobody
    stale_file.parent.mkdir(parents=True, exist_ok=True)
    stale_file.touch()
    live = jobs.JobLock(runner.locks)  # a job another process of this data folder is running now
    now = dt.datetime.now(dt.UTC)
    with database.uow() as uow:
        for status, owner, slot in (("running", "0123456789abcdef", "population"), ("queued", "deadbeefdeadbeef", None),
                                    ("running", live.token, "other")):
            uow.session.add(Job(kind="import", parameters={"source": "ektp", "file_name": "x.csv", "stored": "x",
                                                           "size": 1}, status=status, done=0, started_by="user:admin",
                                started_at=now, owner=runner.owner_prefix + owner, slot=slot))
        uow.session.add(Job(kind="match", parameters={"list_date": "2026-03-01"}, status="running", done=0,
                            started_by="user:admin", started_at=now, owner="another-host:abc:0123", slot="elsewhere"))
        uow.commit()

    again = create_app(hub_settings)  # the hub starts again (what `sws-hub serve` runs at start)
    try:
        assert sorted(jobs.get(again).recover()) == [1, 2]
    finally:
        db.get(again).dispose()
    states = {job["id"]: (job["status"], job["error"], job["slot"]) for job in runner.recent()}
    assert states == {1: ("failed", "interrupted", None), 2: ("failed", "interrupted", None),
                      3: ("running", None, "other"), 4: ("running", None, "elsewhere")}
    assert not stale_file.exists()
    assert "Terputus: hub berhenti" in admin.get("/population/jobs/1").get_data(as_text=True)
    assert "terputus" in admin.get("/population/jobs").get_data(as_text=True)
    live.release()
    assert jobs.get(app).view(3)["status"] == "failed"  # its process is gone now: seen when looked at


def test_a_matching_job_publishes_list_versions_and_shows_counts_per_programme(app, database, admin, hub_users,
                                                                               small_district):
    import_all(database, small_district)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    lists_page = admin.get("/population/lists").get_data(as_text=True)
    assert 'id="match-form"' in lists_page and 'name="list_date"' in lists_page
    job_id = job_id_of(hub_users.post(admin, "/population/match", list_date=TODAY.isoformat()))
    job = finished(app, job_id)
    assert job["status"] == "done", job
    result = job["result"]
    with database.uow() as uow:
        published = uow.session.execute(select(ListVersion.programme_code, func.count()).where(
            ListVersion.run_id == result["run_id"]).group_by(ListVersion.programme_code)).all()
        latest = matching.latest_run(uow.session)
        assert (latest.id, latest.actor, latest.list_date) == (result["run_id"], "user:admin", TODAY)
    assert published and result["lists"]["versions"] == sum(n for _, n in published) > 0
    page = admin.get(f"/population/jobs/{job_id}").get_data(as_text=True)
    assert f'data-count="versions">{result["lists"]["versions"]}' in page
    for code, versions in published:
        assert re.search(rf">{re.escape(code)}</a></td><td class=\"num\">{result['programmes'][code]['eligible']}</td>",
                         page), code
        assert result["programmes"][code]["versions"] == versions


def test_a_wrong_list_date_is_refused_before_any_job(app, admin, hub_users):
    answer = hub_users.post(admin, "/population/match", list_date="01-03-2026")
    assert answer.status_code == 302 and count(db.get(app), Job) == 0
    assert "TTTT-BB-HH" in admin.get(answer.headers["Location"]).get_data(as_text=True)


def test_the_services_report_progress_step_by_step(database, small_district):
    seen = []
    with database.uow() as uow:
        pipeline.import_file(uow, "ektp", small_district / "ektp.csv", actor=ACTOR, today=TODAY,
                            progress=lambda *step: seen.append(step))
    size = (small_district / "ektp.csv").stat().st_size
    assert seen[-5:] == [("staging", size, size), ("comparing", 0, None), ("replacing", 0, None),
                         ("population", 0, None), ("findings", 0, None)]
    assert seen[0] == ("staging", 0, size)
    assert all(step == "staging" and 0 < done <= total == size for step, done, total in seen[1:-4])
    import_all(database, small_district, sources=("kk", "welfare"), census=False)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    seen.clear()
    with database.uow() as uow:
        report = matching.run(uow, actor=ACTOR, on=TODAY, progress=lambda *step: seen.append(step))
    programmes = len(report.programmes)
    assert seen == [("facts", 0, None), *[("rules", n, programmes) for n in range(programmes + 1)], ("lists", 0, None)]


def test_only_the_import_page_takes_bodies_over_the_apis_limit(app, admin, hub_users, small_district):
    app.config["MAX_CONTENT_LENGTH"] = 2048  # MAX_BODY_BYTES: the API's and every other form's limit
    assert (small_district / "ektp.csv").stat().st_size > 2048
    job = finished(app, job_id_of(upload(admin, hub_users, small_district / "ektp.csv")))
    assert job["status"] == "done"
    answer = hub_users.post(admin, "/population/match", list_date="2026-03-01", padding="x" * 4096)
    assert answer.status_code == 413


def test_uploads_cut_short_by_a_killed_hub_are_removed_when_it_starts(app, tmp_path):
    folder = jobs.uploads_folder(app.config["DATA_DIR"])
    old, fresh, kept = folder / ".upload-old.part", folder / ".upload-new.part", folder / "20260301T000000Z-x-ektp.csv"
    for path in (old, fresh, kept):
        path.write_text("nik,name\n")
    past = (dt.datetime.now() - dt.timedelta(hours=2)).timestamp()
    for path in (old, kept):
        os.utime(path, (past, past))
    assert jobs.discard_partial_uploads(app.config["DATA_DIR"]) == [".upload-old.part"]
    assert sorted(path.name for path in folder.iterdir()) == [".upload-new.part", kept.name]
