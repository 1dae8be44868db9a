"""The synchronized population in the admin UI (/population): imports, inconsistencies, catalogue, lists.

A district admin uploads a source extract (/population/import) or starts a matching run (the button
on /population/lists); either runs as a background job (`services.jobs`) whose page
(/population/jobs/<id>) shows its progress, polling /population/jobs/<id>.json, then its result.
Catalogue changes are made with `sws-hub catalogue load`. `init_uploads(app)` sets up the
upload handling of the import page.
"""

import dataclasses
import datetime as dt
import json
import os
import secrets
import tempfile
from pathlib import Path

from flask import (
    Blueprint,
    Request,
    current_app,
    flash,
    g,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from werkzeug.utils import secure_filename

from hub_server.errors import BodyTooLarge, Forbidden, HubError, Invalid, NotFound
from hub_server.messages import field_message
from hub_server.services import catalogue, complaint_desk, jobs, lists, matching, verification
from hub_server.services import inconsistencies as resolutions
from hub_server.services.imports import pipeline
from hub_server.serving import UPLOAD_LIMITS
from hub_server.web import paging
from hub_server.web.district_day import district_today
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, error_message, flash_refusal, t
from schemas.choices import CHOICES, values

bp = Blueprint("population", __name__, url_prefix="/population")
PAGE = 100
KINDS = ("name_spelling", "birth_date", "sex", "family_membership", "missing_from_source", "duplicate",
         "moved_village")
SOURCES = ("ektp", "kk", "welfare", "census", "crosswalk")
IMPORT_PATH = "/population/import"
FORM_OVERHEAD = 64 * 1024  # the upload form's other fields and multipart boundaries, beyond the file itself
SHOWN_ROW_ERRORS = 100  # rows an import left out, per page of its job's page
STEPS = ("queued", "starting", "staging", "comparing", "replacing", "population", "findings", "facts", "rules",
         "lists", "done")


class UploadRequest(Request):
    """The hub's requests: an extract uploaded to the import page goes straight into the data folder.

    Only there, and only for a logged-in session, may the body be as large as UPLOAD_MAX_BYTES
    (plus the form around the file); the file part is written to a temporary file in `uploads/`
    (mode 0600, removed when the request ends) instead of the system's temporary folder.
    """

    @property
    def max_content_length(self) -> int | None:
        if has_request_context() and self._is_upload():
            return current_app.config["UPLOAD_MAX_BYTES"] + FORM_OVERHEAD
        return super().max_content_length

    def _get_file_stream(self, total_content_length, content_type, filename=None, content_length=None):
        if self._is_upload():
            folder = jobs.uploads_folder(current_app.config["DATA_DIR"])
            return tempfile.NamedTemporaryFile(dir=folder, prefix=".upload-", suffix=".part")
        return super()._get_file_stream(total_content_length, content_type, filename, content_length)

    def _is_upload(self) -> bool:
        return self.method == "POST" and self.path == IMPORT_PATH and "uid" in session


def init_uploads(app) -> None:
    """Let the import page take a whole extract (`UploadRequest`), and nothing else a body that large."""
    app.request_class = UploadRequest
    app.extensions[UPLOAD_LIMITS] = {IMPORT_PATH: app.config["UPLOAD_MAX_BYTES"] + FORM_OVERHEAD}


@bp.app_template_filter("localised")
def localised(value) -> str:
    """A bilingual {"id", "en"} value in the page's language; anything else as it is."""
    if isinstance(value, dict) and current_language() in value:
        return value[current_language()]
    return value


@bp.app_template_global("choice")
def choice(vocabulary: str, value) -> str:
    """A vocabulary value's label in the page's language (the value itself when it has none)."""
    return CHOICES.get(vocabulary, {}).get(value, {}).get(current_language(), value if value is not None else "—")


@bp.get("/")
@requires("population.view")
def home():
    with uow() as work:  # pages render inside the unit of work: they read what it loaded
        batches = pipeline.batches_page(work, paging.order("started", descending=True))
        counts = pipeline.inconsistency_counts(work.session)
        residents = verification.counts(work.session, g.actor.area)
        return render_template("population/home.html", active="population", batches=batches, counts=counts,
                               residents=residents)


def _area() -> str | None:
    """The area asked for (`area`), within the officer's own."""
    area = paging.arg("area") or g.actor.area or None
    if g.actor.area and area and not g.actor.covers([area]):
        area = g.actor.area
    return area


@bp.get("/inconsistencies")
@requires("population.view")
def inconsistencies():
    kind = request.args.get("kind") or None
    kind, area = kind if kind in KINDS else None, _area()
    with uow() as work:
        found = pipeline.inconsistencies_page(work.session, paging.order("village", per_page=PAGE), kind=kind,
                                              area=area)
        return render_template("population/inconsistencies.html", active="population", page=found, kind=kind or "",
                               area=area or "", kinds=KINDS)


def _render_inconsistency(inconsistency_id: int, *, form=None, errors=None, status: int = 200):
    with uow() as work:
        found = resolutions.get(work.session, inconsistency_id)
        if found is None:
            raise NotFound(inconsistency_id=inconsistency_id)
        g.actor.require_area([found.village_code or ""])
        field = resolutions.field_of(found.kind)
        page = render_template("population/inconsistency.html", active="population", item=found, field=field,
                               form=form or {}, errors=errors or {}, documents=values("document"))
    return page, status


@bp.get("/inconsistencies/<int:inconsistency_id>")
@requires("population.view")
def inconsistency_page(inconsistency_id):
    return _render_inconsistency(inconsistency_id)


@bp.post("/inconsistencies/<int:inconsistency_id>/resolve")
@requires("population.resolve")
def resolve_inconsistency(inconsistency_id):
    """Record the outcome of a field check: the right value (a source's or a corrected one), the document, why."""
    form = {name: request.form.get(name, "").strip() for name in ("choice", "corrected", "document", "reason")}
    value = form["corrected"] or form["choice"]
    _render_inconsistency(inconsistency_id)  # unknown (404) or outside the officer's area (403)
    try:
        with uow(immediate=True) as work:
            found = resolutions.resolve(work, inconsistency_id, user=g.actor.name, document=form["document"],
                                            reason=form["reason"], value=value or None)
            nik = found.nik
    except Invalid as refusal:
        lang = current_language()
        errors = {error.field: field_message(error.field, error.rule, lang, **error.params)
                  for error in refusal.errors}
        return _render_inconsistency(inconsistency_id, form=form, errors=errors, status=400)
    except HubError as refusal:
        flash_refusal(refusal)
        return redirect(url_for("population.inconsistency_page", inconsistency_id=inconsistency_id))
    flash(t("inconsistency.resolved", nik=nik), "ok")
    return redirect(url_for("population.inconsistencies"))


@bp.get("/programmes")
@requires("population.view")
def programmes():
    with uow() as work:
        found = catalogue.programmes(work.session)
        return render_template("population/programmes.html", active="population", programmes=found)


@bp.get("/programmes/<code>")
@requires("population.view")
def programme(code):
    with uow() as work:
        found = {p.code: p for p in catalogue.programmes(work.session)}.get(code)
        if found is None:
            raise NotFound(path=request.path)
        rule = json.dumps(found.record.get("eligibility_rule"), ensure_ascii=False, indent=2)
        return render_template("population/programme.html", active="population", programme=found, rule=rule)


@bp.get("/lists")
@requires("population.view")
def list_versions():
    programme_code, area = paging.arg("programme").upper(), paging.arg("village")
    with uow() as work:
        run = matching.latest_run(work.session)
        versions = lists.versions_page(work.session, paging.order("made", descending=True),
                                       programme_code=programme_code, area=area)
        codes = [item.programme_code for item in versions.items] + list((run.summary or {}).get("programmes", {})
                                                                          if run else [])
        return render_template("population/lists.html", active="population", run=run, page=versions,
                               programme_code=programme_code, village=area, today=district_today().isoformat(),
                               programme_names=complaint_desk.programme_names(work.session, codes),
                               programmes=catalogue.programmes(work.session))


@bp.get("/lists/<int:version_id>")
@requires("population.view")
def list_version(version_id):
    """A list version: who is on it with their reasons and status, or who it added or removed, paged and filtered."""
    change = request.args.get("change") if request.args.get("change") in lists.CHANGES else "all"
    status = request.args.get("status") if request.args.get("status") in lists.STATUSES else ""
    with uow() as work:
        version, programme, list_date = lists.version(work.session, version_id)
        if version is None:
            raise NotFound(path=request.path)
        members = lists.members_page(work.session, version, paging.order("name"), change=change, status=status,
                                     search=paging.arg("q"))
        reasons = {item.ListEntry.id: lists.reason_codes(programme, item.ListEntry.reasons) for item in members.items}
        left = {item.ListEntry.id: lists.left_because(item, version.village_code) for item in members.items}
        return render_template("population/list_version.html", active="population", version=version,
                               programme=programme, list_date=list_date, page=members, reasons=reasons, left=left,
                               labels=_reason_labels(programme), change=change, status=status, q=paging.arg("q"),
                               changes=lists.CHANGES, statuses=lists.STATUSES)


def _reason_labels(programme) -> dict:
    """{reason code: its label in the page's language} of a programme's matching reasons."""
    reasons = (programme.matching.get("reasons") or []) if programme else []
    return {reason["code"]: reason.get(current_language()) or reason["code"] for reason in reasons}


# Imports and matching runs as background jobs ---------------------------------------------------------

def runner() -> jobs.Runner:
    return jobs.get(current_app)


def size_text(count: int) -> str:
    """A byte count for people: 1 GiB, 300 MiB, 12 KiB."""
    for unit, power in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if count >= 1 << power:
            return f"{count / (1 << power):.3g} {unit}"
    return f"{count} B"


def _import_form(errors=(), status: int = 200, source: str = "", codes: str = "kemendagri"):
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    return render_template("population/import.html", active="population", sources=SOURCES, errors=list(errors),
                           source=source, codes=codes, max_bytes=limit, max_text=size_text(limit),
                           folder=jobs.uploads_folder(current_app.config["DATA_DIR"]),
                           running=runner().active()), status


@bp.get("/import")
@requires("population.import")
def import_page():
    return _import_form()


@bp.post("/import")
@requires("population.import")
def import_start():
    source, codes = request.form.get("source", ""), request.form.get("codes", "kemendagri")
    upload = request.files.get("file")
    problem = _upload_problem(source, codes, upload)
    if problem:
        return _import_form([problem[0]], problem[1], source, codes)
    stored = _keep_upload(upload, source)
    parameters = {"source": source, "codes": codes, "file_name": upload.filename[:200], "stored": stored.name,
                  "size": stored.stat().st_size, "path": str(stored)}
    try:
        job_id = runner().start("import", parameters, actor=g.actor.name)
    except jobs.JobBusy:
        stored.unlink(missing_ok=True)  # no job will read it
        raise
    return redirect(url_for("population.job_page", job_id=job_id))


def _upload_problem(source: str, codes: str, upload) -> tuple | None:
    """What is wrong with the form: (message, HTTP status), or None."""
    if source not in SOURCES or codes not in ("kemendagri", "bps"):
        return t("import.bad_source"), 400
    if upload is None or not upload.filename:
        return t("import.no_file"), 400
    size = upload.stream.seek(0, os.SEEK_END)
    upload.stream.seek(0)
    if size == 0:
        return t("import.empty", file=upload.filename), 400
    if size > current_app.config["UPLOAD_MAX_BYTES"]:
        return t("import.too_large", size=size_text(current_app.config["UPLOAD_MAX_BYTES"])), 413
    return None


def _keep_upload(upload, source: str) -> Path:
    """Give the uploaded file a safe name of its own in `uploads/` (a hard link: no copy) and return it."""
    folder = jobs.uploads_folder(current_app.config["DATA_DIR"])
    original = (secure_filename(upload.filename) or f"{source}.csv")[-80:]
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    stored = folder / f"{stamp}-{secrets.token_hex(4)}-{source}-{original}"
    if Path(str(getattr(upload.stream, "name", ""))).parent == folder:
        upload.stream.flush()
        os.link(upload.stream.name, stored)
    else:  # a part the parser kept elsewhere
        with os.fdopen(os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as kept:
            upload.save(kept)
    return stored


@bp.post("/match")
@requires("population.match")
def match_start():
    text = (request.form.get("list_date") or "").strip()
    try:
        list_date = dt.date.fromisoformat(text) if text else district_today()
    except ValueError:
        flash(t("match.bad_date"), "error")
        return redirect(url_for("population.list_versions"))
    job_id = runner().start("match", {"list_date": list_date.isoformat()}, actor=g.actor.name)
    return redirect(url_for("population.job_page", job_id=job_id))



@bp.errorhandler(jobs.JobBusy)
def job_busy(busy: jobs.JobBusy):
    kind = t(f"jobs.kind.{busy.fields.get('kind')}") if busy.fields.get("kind") else "—"
    return render_template("population/job_busy.html", active="population", job_id=busy.fields.get("job_id"),
                           message=t("jobs.busy", job_id=busy.fields.get("job_id") or "—", kind=kind)), 409


@bp.errorhandler(BodyTooLarge)
def upload_too_large(error: BodyTooLarge):
    """A body declared over the limit, refused before it is read (and before the session's user is known)."""
    if request.path == IMPORT_PATH:
        text = t("import.too_large", size=size_text(current_app.config["UPLOAD_MAX_BYTES"]))
    else:
        text = error_message(error.code, **error.fields)
    return render_template("error.html", error=error, message=text, details=[]), 413


def _require_jobs() -> None:
    """Job pages are for those who may start jobs: they show rows of any village."""
    if not (g.actor.can("population.import") or g.actor.can("population.match")):
        raise Forbidden(permission="population.import")


def _job(job_id: int) -> dict:
    _require_jobs()
    job = runner().view(job_id)
    if job is None:
        raise NotFound(path=request.path)
    return job


@bp.get("/jobs")
@requires("population.view")
def jobs_page():
    _require_jobs()
    return render_template("population/jobs.html", active="population",
                           page=runner().page(paging.order("started", descending=True)))


@bp.get("/jobs/<int:job_id>")
@requires("population.view")
def job_page(job_id):
    job = _job(job_id)
    rows, problem = None, None
    if job["status"] == "done" and job["kind"] == "import" and job["result"].get("failed"):
        rows = _row_errors(job["result"]["batch_id"])
    if job["status"] == "failed":
        problem = failure_text(job)
    return render_template("population/job.html", active="population", job=job, progress=progress_of(job),
                           running=job["status"] in jobs.ACTIVE, rows=rows, problem=problem)


@bp.get("/jobs/<int:job_id>.json")
@requires("population.view")
def job_json(job_id):
    job = _job(job_id)
    return jsonify({"id": job["id"], "kind": job["kind"], "status": job["status"], **progress_of(job),
                    "error": failure_text(job) if job["status"] == "failed" else None})


def progress_of(job: dict) -> dict:
    """Step, counts and what people read: "Reading and checking rows: 45%"."""
    step, done, total = job["step"] or job["status"], job["done"] or 0, job["total"]
    percent = min(100, int(100 * done / total)) if total else None
    label = t(f"jobs.step.{step}") if step in STEPS else step
    if step == "staging" and percent is not None:  # bytes of the file: only the share means something
        text = f"{label}: {percent}%"
    else:
        text = f"{label}: {done:,} / {total:,}" if total else label
    return {"step": step, "done": done, "total": total, "percent": percent, "text": text,
            "finished": job["status"] in ("done", "failed")}


def failure_text(job: dict) -> str:
    """Why a job failed, in the reader's language where the hub knows the reason."""
    refused = job["result"] or {}
    if job["error"] == jobs.INTERRUPTED:
        return t("jobs.interrupted")
    if refused.get("code") in pipeline.REFUSALS:
        return error_message(refused["code"], **refused.get("fields", {}))
    if refused.get("code") == "matching_busy":
        return t("jobs.matching_busy")
    return job["error"] or ""


def _row_errors(batch_id: int):
    """The rows an import left out, a page at a time, each with its message in the page's language."""
    with uow() as work:
        found = pipeline.row_errors_page(work, batch_id, paging.order("line", per_page=SHOWN_ROW_ERRORS))
        return dataclasses.replace(found, items=[
            {"line": row.line, "field": row.field, "rule": row.rule,
             "message": pipeline.row_message(row.rule, row.field, row.params or {}, current_language())}
            for row in found.items])
