"""Background jobs: an import of a source extract, or a matching run, in a thread of the hub process.

    runner = jobs.get(app)                                   # made by create_app (`init_app`)
    job_id = runner.start("import", {"source": "ektp", "path": "/srv/sws-hub/uploads/...csv",
                                     "file_name": "ektp.csv"}, actor="user:siti")
    runner.view(job_id)   # what the job page shows: status, step, done of total, result, error

A job opens its own unit of work on the app's database and calls the same service as the command
line (`pipeline.import_file`, `matching.run`) with a progress callback. Only one job at a time: the
job row holds the slot `population` while queued or running, under a unique constraint, so a second
start is refused with JobBusy (409) by any hub process on the database.

Progress is kept in memory by the process running the job (an import is one transaction, and
SQLite lets nobody else write while it runs); on PostgreSQL it is also written to the job row at
most once a second, for hub workers that share the database. While a job runs, its process holds
an `flock` on a file `jobs/<token>.lock` in the data folder; the kernel drops it when the process
dies, even by SIGKILL. `recover()` (at `sws-hub serve` start, and whenever jobs are started or
looked at) marks a queued or running job of this data folder whose lock nobody holds as failed,
error `interrupted`. Services never touch Flask; `init_app` only uses `app.config` and `app.extensions`.
"""

import dataclasses
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import secrets
import socket
import threading
import time
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from hub_server.errors import HubError
from hub_server.models.jobs import Job
from hub_server.models.programmes import ListVersion
from hub_server.services import audit, paging
from hub_server.unit_of_work import utcnow

EXTENSION = "sws_jobs"
SLOT = "population"  # what an import or a matching run occupies: one at a time
ACTIVE = ("queued", "running")
INTERRUPTED = "interrupted"
LOCK_FOLDER = "jobs"
UPLOAD_FOLDER = "uploads"
PROGRESS_INTERVAL = 1.0  # seconds between progress writes to a shared (PostgreSQL) job row
PARTIAL_UPLOAD_AGE = dt.timedelta(hours=1)  # an upload still being received is written to all the time
log = logging.getLogger(__name__)


class JobBusy(HubError):
    """Another import or matching job is queued or running (`job_id`, `kind`; None when it just ended)."""

    status, code = 409, "job_busy"


def init_app(app) -> "Runner":
    from hub_server import db

    runner = Runner(db.get(app), app.config["DATA_DIR"])
    app.extensions[EXTENSION] = runner
    return runner


def get(app) -> "Runner":
    """The app's job runner."""
    return app.extensions[EXTENSION]


def uploads_folder(data_dir) -> Path:
    """Where uploaded extracts are kept: `uploads/` in the data folder, readable by its owner only."""
    folder = Path(data_dir) / UPLOAD_FOLDER
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def discard_partial_uploads(data_dir, older_than: dt.timedelta = PARTIAL_UPLOAD_AGE) -> list:
    """Remove what uploads cut short by a killed hub left (`.upload-*.part`, untouched for a while)."""
    folder, removed = Path(data_dir) / UPLOAD_FOLDER, []
    limit = time.time() - older_than.total_seconds()
    for path in folder.glob(".upload-*.part") if folder.is_dir() else ():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


class Runner:
    """Starts jobs in threads of this process, and tells their state."""

    def __init__(self, database, data_dir, clock=utcnow):
        self.database, self.clock = database, clock
        self.locks = Path(data_dir) / LOCK_FOLDER
        place = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]
        self.owner_prefix = f"{socket.gethostname()[:200]}:{place}:"
        self.shared = not database.url.startswith("sqlite")  # other processes can read progress from the row
        self._live: dict = {}  # job id -> (step, done, total), for the jobs this process runs
        self._threads: dict = {}
        self._guard = threading.Lock()
        self.after_job = None  # called in the job's thread once a job has ended and freed the slot (the dashboard)

    # Starting ------------------------------------------------------------------------------------------

    def start(self, kind: str, parameters: dict, *, actor: str) -> int:
        """Start a job now, in a thread; returns its id. Raises JobBusy when one is queued or running."""
        if kind not in WORK:
            raise ValueError(f"unknown job kind {kind!r}")
        self.recover()
        busy = self.active()  # read first: on SQLite an import holds the write lock until it ends
        if busy is not None:
            raise JobBusy(job_id=busy["id"], kind=busy["kind"])
        lock = JobLock(self.locks)
        try:
            job_id = self._insert(kind, parameters, actor, self.owner_prefix + lock.token)
        except BaseException:
            lock.release()
            raise
        with self._guard:
            self._live[job_id] = ("queued", 0, None)
        thread = threading.Thread(target=self._run, args=(job_id, kind, parameters, actor, lock),
                                  name=f"sws-job-{job_id}", daemon=True)
        self._threads[job_id] = thread
        thread.start()
        return job_id

    def _insert(self, kind: str, parameters: dict, actor: str, owner: str) -> int:
        with self.database.uow(clock=self.clock, immediate=True) as uow:
            job = Job(kind=kind, parameters=parameters, status="queued", done=0, started_by=actor,
                      started_at=uow.now(), owner=owner, slot=SLOT)
            uow.session.add(job)
            try:
                uow.session.flush()
            except IntegrityError:
                uow.rollback()
                busy = uow.session.execute(select(Job).where(Job.slot == SLOT)).scalar()
                raise JobBusy(job_id=busy.id if busy else None, kind=busy.kind if busy else None) from None
            audit.record(uow, actor, "job.started", f"job:{job.id}", kind=kind,
                         **{key: value for key, value in parameters.items() if key != "path"})
            uow.commit()
            return job.id

    def wait(self, job_id: int, timeout: float | None = None) -> bool:
        """Wait for a job this process runs to end; True when it has."""
        thread = self._threads.get(job_id)
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    # Running -------------------------------------------------------------------------------------------

    def _run(self, job_id: int, kind: str, parameters: dict, actor: str, lock: "JobLock") -> None:
        with self._guard:
            self._live[job_id] = ("starting", 0, None)
        try:
            self._set(job_id, status="running", step="starting")
            with self.database.uow(clock=self.clock, immediate=kind == "import") as uow:
                result = WORK[kind](uow, parameters, actor, self._progress(job_id))
            self._set(job_id, status="done", step="done", result=plain(result), finished_at=self.clock(), slot=None)
        except Exception as error:  # the job page says what went wrong; the hub goes on
            log.exception("job %s (%s) failed", job_id, kind)
            self._set(job_id, status="failed", result=failure(error), error=describe_error(error),
                      finished_at=self.clock(), slot=None)
        finally:
            with self._guard:
                self._live.pop(job_id, None)
            lock.release()
            self._after()
            self._threads.pop(job_id, None)

    def _after(self) -> None:
        try:
            if self.after_job is not None:
                self.after_job()
        except Exception:  # what follows a job is for people's convenience: never a reason to fail
            log.warning("after the job: not done", exc_info=True)

    def _set(self, job_id: int, **values) -> None:
        with self.database.uow(clock=self.clock) as uow:
            uow.session.execute(update(Job).where(Job.id == job_id).values(**values))
            uow.commit()

    def _progress(self, job_id: int):
        written = {"at": 0.0, "step": None}

        def progress(step: str, done: int, total: int | None) -> None:
            with self._guard:
                self._live[job_id] = (step, done, total)
            if self.shared and (step != written["step"] or time.monotonic() - written["at"] >= PROGRESS_INTERVAL):
                written.update(at=time.monotonic(), step=step)
                self._write_progress(job_id, step, done, total)

        return progress

    def _write_progress(self, job_id: int, step: str, done: int, total: int | None) -> None:
        try:
            self._set(job_id, step=step, done=done, total=total)
        except Exception:  # progress is for people to watch: never a reason for the job to fail
            log.warning("job %s: progress not written", job_id, exc_info=True)

    # Looking at jobs -----------------------------------------------------------------------------------

    def view(self, job_id: int) -> dict | None:
        """The job as the pages show it (live progress when this process runs it), or None."""
        shown = self._read(job_id)
        if shown is not None and shown["status"] in ACTIVE and job_id not in self._live and self.recover():
            shown = self._read(job_id)
        return shown

    def _read(self, job_id: int) -> dict | None:
        with self.database.uow(clock=self.clock) as uow:
            job = uow.session.get(Job, job_id)
            return None if job is None else self._shown(job)

    def recent(self, limit: int = 30) -> list:
        """The latest jobs, newest first."""
        self.recover()
        with self.database.uow(clock=self.clock) as uow:
            found = uow.session.execute(select(Job).order_by(Job.id.desc()).limit(limit)).scalars()
            return [self._shown(job) for job in found]

    def page(self, order: paging.Order) -> paging.Page:
        """Every job, newest first unless sorted otherwise, a page at a time (each as `view` shows it)."""
        self.recover()
        sorts = {"started": Job.id, "kind": Job.kind, "status": Job.status}
        with self.database.uow(clock=self.clock) as uow:
            found = paging.fetch(uow.session, select(Job), order, sorts=sorts, default="started", tiebreak=Job.id)
            return dataclasses.replace(found, items=[self._shown(job) for job in found.items])

    def active(self) -> dict | None:
        """The job holding the slot, if any."""
        with self.database.uow(clock=self.clock) as uow:
            job = uow.session.execute(select(Job).where(Job.slot == SLOT)).scalar()
            return None if job is None else self._shown(job)

    def _shown(self, job: Job) -> dict:
        shown = {column.name: getattr(job, column.name) for column in Job.__table__.columns}
        with self._guard:
            live = self._live.get(job.id)
        if live is not None and job.status in ACTIVE:
            shown["step"], shown["done"], shown["total"] = live
        return shown

    # After a hub died ----------------------------------------------------------------------------------

    def recover(self) -> list:
        """Mark this data folder's queued or running jobs whose process died as failed (`interrupted`)."""
        with self.database.uow(clock=self.clock) as uow:
            active = uow.session.execute(select(Job.id, Job.owner).where(Job.status.in_(ACTIVE))).all()
            dead = [job_id for job_id, owner in active
                    if owner.startswith(self.owner_prefix) and not JobLock.held(self.locks, owner)]
            if dead:
                uow.session.execute(update(Job).where(Job.id.in_(dead), Job.status.in_(ACTIVE)).values(
                    status="failed", error=INTERRUPTED, finished_at=uow.now(), slot=None))
                uow.commit()
        return dead


class JobLock:
    """An `flock` on a new file `<token>.lock` in `folder`, held by this process while its job runs."""

    def __init__(self, folder: Path):
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.token = secrets.token_hex(8)
        self.path = folder / f"{self.token}.lock"
        self._fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def release(self) -> None:
        if self._fd is not None:
            self.path.unlink(missing_ok=True)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    @staticmethod
    def held(folder: Path, owner: str) -> bool:
        """Whether a live process holds the lock of the job `owner` names."""
        path = folder / f"{owner.rsplit(':', 1)[-1]}.lock"
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing drops a lock taken here
        path.unlink(missing_ok=True)
        return False


# What each kind of job does --------------------------------------------------------------------------

def run_import(uow, parameters: dict, actor: str, progress) -> dict:
    from hub_server.services.imports import pipeline

    report = pipeline.import_file(uow, parameters["source"], parameters["path"], actor=actor,
                                 codes=parameters.get("codes", "kemendagri"), progress=progress)
    return dataclasses.asdict(report)


def run_match(uow, parameters: dict, actor: str, progress) -> dict:
    from hub_server.services import matching

    on = dt.date.fromisoformat(parameters["list_date"]) if parameters.get("list_date") else None
    report = matching.run(uow, actor=actor, on=on, progress=progress)
    versions = dict(uow.session.execute(select(ListVersion.programme_code, func.count())
                                        .where(ListVersion.run_id == report.run_id)
                                        .group_by(ListVersion.programme_code)).all())
    for code, counts in report.programmes.items():
        counts["versions"] = versions.get(code, 0)
    return dataclasses.asdict(report)


WORK = {"import": run_import, "match": run_match}


def plain(value) -> dict:
    """A result as JSON can hold it (dates as ISO text)."""
    return json.loads(json.dumps(value, default=str))


def failure(error: Exception) -> dict:
    """What the job page needs to explain a refusal in the reader's language."""
    code = getattr(error, "code", None)
    if isinstance(error, HubError) and code:
        return {"code": code, "fields": {key: str(value) for key, value in error.fields.items()}}
    return {}


def describe_error(error: Exception) -> str:
    from hub_server.services.imports import pipeline

    if isinstance(error, pipeline.ImportRefused):
        return pipeline.describe(error, "en")
    if isinstance(error, HubError):
        return str(error)
    return f"{type(error).__name__}: {error}"
