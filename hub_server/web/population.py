"""The synchronized population in the admin UI (/population): imports, inconsistencies, catalogue, lists.

A district admin uploads a source extract (/population/import) or starts a matching run (the button
on /population/lists); either runs as a background job (`services.jobs`) whose page
(/population/jobs/<id>) shows its progress, polling /population/jobs/<id>.json, then its result.
Catalogue changes are made with `sws-hub catalogue load`. `init_app(app)` registers the blueprint
with its UI strings, the permissions its pages need and the upload handling of the import page.
"""

import datetime as dt
import json
import os
import secrets
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

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

from hub_server.errors import BodyTooLarge, Forbidden, NotFound
from hub_server.services import catalogue, imports, jobs, lists, matching, verification
from hub_server.serving import UPLOAD_LIMITS
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, error_message, t
from schemas.choices import CHOICES

bp = Blueprint("population", __name__, url_prefix="/population")
PAGE = 100
KINDS = ("name_spelling", "birth_date", "sex", "family_membership", "missing_from_source", "duplicate",
         "moved_village")
SOURCES = ("ektp", "kk", "welfare", "census", "crosswalk")
IMPORT_PATH = "/population/import"
FORM_OVERHEAD = 64 * 1024  # the upload form's other fields and multipart boundaries, beyond the file itself
SHOWN_ROW_ERRORS = 200
STEPS = ("queued", "starting", "staging", "comparing", "replacing", "population", "findings", "facts", "rules",
         "lists", "done")

STRINGS = {
    "nav.population": {"id": "Data kependudukan", "en": "Population"},
    "population.title": {"id": "Basis data terpadu", "en": "Integrated database"},
    "population.imports": {"id": "Impor terakhir", "en": "Latest imports"},
    "population.source": {"id": "Sumber", "en": "Source"},
    "population.file": {"id": "Berkas", "en": "File"},
    "population.when": {"id": "Waktu", "en": "When"},
    "population.read": {"id": "Dibaca", "en": "Read"},
    "population.loaded": {"id": "Dimuat", "en": "Loaded"},
    "population.failed": {"id": "Ditolak", "en": "Left out"},
    "population.new": {"id": "Baru", "en": "New"},
    "population.changed": {"id": "Berubah", "en": "Changed"},
    "population.absent": {"id": "Hilang", "en": "Absent"},
    "population.status": {"id": "Status", "en": "Status"},
    "population.none": {"id": "Belum ada impor.", "en": "No import yet."},
    "population.inconsistencies": {"id": "Ketidaksesuaian antar sumber", "en": "Inconsistencies between sources"},
    "population.kind": {"id": "Jenis", "en": "Kind"},
    "population.village": {"id": "Desa", "en": "Village"},
    "population.values": {"id": "Nilai per sumber (baris)", "en": "Value per source (line)"},
    "population.all_kinds": {"id": "Semua jenis", "en": "All kinds"},
    "population.area": {"id": "Kode wilayah", "en": "Region code"},
    "population.filter": {"id": "Saring", "en": "Filter"},
    "population.no_inconsistency": {"id": "Tidak ada ketidaksesuaian terbuka.", "en": "No open inconsistency."},
    "population.missing_value": {"id": "(tidak ada)", "en": "(missing)"},
    "kind.name_spelling": {"id": "Ejaan nama", "en": "Name spelling"},
    "kind.birth_date": {"id": "Tanggal lahir", "en": "Date of birth"},
    "kind.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "kind.family_membership": {"id": "Keanggotaan keluarga", "en": "Family membership"},
    "kind.missing_from_source": {"id": "Tidak ada di sumber", "en": "Missing from a source"},
    "kind.duplicate": {"id": "Ganda", "en": "Duplicate"},
    "kind.moved_village": {"id": "Desa berbeda", "en": "Different village"},
    "programmes.title": {"id": "Katalog program", "en": "Programme catalogue"},
    "programmes.code": {"id": "Kode", "en": "Code"},
    "programmes.name": {"id": "Program", "en": "Programme"},
    "programmes.guarantee": {"id": "Jaminan", "en": "Guarantee"},
    "programmes.quota": {"id": "Kuota", "en": "Quota"},
    "programmes.unit": {"id": "Satuan daftar", "en": "Listed per"},
    "programmes.benefit": {"id": "Manfaat", "en": "Benefit"},
    "programmes.documents": {"id": "Dokumen", "en": "Documents"},
    "programmes.rule": {"id": "Aturan kelayakan", "en": "Eligibility rule"},
    "programmes.reasons": {"id": "Bagian aturan (alasan)", "en": "Parts of the rule (reasons)"},
    "programmes.contribution": {"id": "Iuran peserta", "en": "Member's contribution"},
    "programmes.revision": {"id": "Revisi", "en": "Revision"},
    "lists.title": {"id": "Daftar calon penerima", "en": "Pre-identified beneficiary lists"},
    "lists.run": {"id": "Pencocokan terakhir", "en": "Latest matching run"},
    "lists.eligible": {"id": "Memenuhi aturan", "en": "Meet the rule"},
    "lists.selected": {"id": "Dalam daftar", "en": "On the list"},
    "lists.version": {"id": "Versi", "en": "Version"},
    "lists.size": {"id": "Jumlah", "en": "Size"},
    "lists.added": {"id": "Masuk", "en": "Added"},
    "lists.removed": {"id": "Keluar", "en": "Removed"},
    "lists.whole": {"id": "Utuh", "en": "Whole"},
    "lists.none": {"id": "Belum ada pencocokan.", "en": "No matching run yet."},
    "unit.person": {"id": "orang", "en": "person"},
    "unit.household": {"id": "keluarga", "en": "household"},
    "import.title": {"id": "Impor ekstrak sumber", "en": "Import a source extract"},
    "import.help": {
        "id": "Berkas CSV (UTF-8, baris judul) dari basis data sumber. Baris yang melanggar aturan tidak dimuat dan "
              "dilaporkan dengan nomor baris, kolom dan aturannya; baris lain tetap dimuat.",
        "en": "A CSV file (UTF-8, with a header line) exported from a source database. Rows that break a rule are "
              "left out and reported with their line, field and rule; the others load.",
    },
    "import.source": {"id": "Sumber", "en": "Source"},
    "import.file": {"id": "Berkas CSV", "en": "CSV file"},
    "import.codes": {"id": "Kode wilayah dalam berkas", "en": "Region codes in the file"},
    "import.codes.kemendagri": {"id": "Kemendagri (35.07.01.2001)", "en": "Kemendagri (35.07.01.2001)"},
    "import.codes.bps": {"id": "BPS, lewat tabel padanan", "en": "BPS, through the crosswalk"},
    "import.max": {"id": "Paling besar {size}.", "en": "At most {size}."},
    "import.start": {"id": "Unggah dan impor", "en": "Upload and import"},
    "import.kept": {"id": "Berkas yang diunggah disimpan di folder data hub ({folder}).",
                    "en": "Uploaded files are kept in the hub's data folder ({folder})."},
    "import.no_file": {"id": "Pilih berkas CSV yang akan diimpor.", "en": "Choose the CSV file to import."},
    "import.empty": {"id": "Berkas {file} kosong.", "en": "The file {file} is empty."},
    "import.bad_source": {"id": "Pilih sumber dari daftar.", "en": "Choose a source from the list."},
    "import.too_large": {"id": "Berkas lebih besar dari {size}: tidak diterima.",
                         "en": "The file is larger than {size}: not accepted."},
    "source.ektp": {"id": "e-KTP (biodata Dukcapil)", "en": "e-KTP (civil registry biodata)"},
    "source.kk": {"id": "Kartu keluarga (anggota KK)", "en": "Family cards (membership)"},
    "source.welfare": {"id": "Peringkat kesejahteraan (DTSEN)", "en": "Welfare ranking (DTSEN)"},
    "source.census": {"id": "Pendataan desa", "en": "Village data collection"},
    "source.crosswalk": {"id": "Padanan kode BPS - Kemendagri", "en": "BPS - Kemendagri code crosswalk"},
    "match.title": {"id": "Jalankan pencocokan", "en": "Run matching"},
    "match.help": {
        "id": "Mencocokkan aturan setiap program dengan seluruh penduduk kabupaten dan mengirim daftar desa yang "
              "berubah. Umur dihitung pada tanggal daftar.",
        "en": "Evaluates every programme's rule over the whole district and sends the village lists that changed. "
              "Ages are counted on the list date.",
    },
    "match.list_date": {"id": "Tanggal daftar", "en": "List date"},
    "match.start": {"id": "Jalankan pencocokan", "en": "Run matching"},
    "match.bad_date": {"id": "Tanggal daftar harus berbentuk TTTT-BB-HH, mis. 2026-03-01.",
                       "en": "The list date must be YYYY-MM-DD, e.g. 2026-03-01."},
    "jobs.title": {"id": "Tugas impor dan pencocokan", "en": "Import and matching jobs"},
    "jobs.none": {"id": "Belum ada tugas.", "en": "No job yet."},
    "jobs.number": {"id": "No.", "en": "No."},
    "jobs.kind": {"id": "Jenis", "en": "Kind"},
    "jobs.what": {"id": "Isi", "en": "What"},
    "jobs.by": {"id": "Oleh", "en": "By"},
    "jobs.started": {"id": "Mulai", "en": "Started"},
    "jobs.finished": {"id": "Selesai", "en": "Finished"},
    "jobs.status": {"id": "Status", "en": "Status"},
    "jobs.step": {"id": "Langkah", "en": "Step"},
    "jobs.kind.import": {"id": "Impor", "en": "Import"},
    "jobs.kind.match": {"id": "Pencocokan", "en": "Matching"},
    "jobs.status.queued": {"id": "menunggu", "en": "queued"},
    "jobs.status.running": {"id": "berjalan", "en": "running"},
    "jobs.status.done": {"id": "selesai", "en": "done"},
    "jobs.status.failed": {"id": "gagal", "en": "failed"},
    "jobs.import_title": {"id": "Impor {source} nomor {job_id}", "en": "Import {source} number {job_id}"},
    "jobs.match_title": {"id": "Pencocokan nomor {job_id}", "en": "Matching run number {job_id}"},
    "jobs.file": {"id": "Berkas", "en": "File"},
    "jobs.stored": {"id": "Disimpan sebagai", "en": "Kept as"},
    "jobs.busy": {"id": "Tugas nomor {job_id} ({kind}) masih berjalan: hanya satu impor atau pencocokan pada satu "
                        "waktu. Tunggu sampai selesai, lalu coba lagi.",
                  "en": "Job number {job_id} ({kind}) is still running: one import or matching run at a time. "
                        "Wait until it ends, then try again."},
    "jobs.busy_title": {"id": "Tugas lain masih berjalan", "en": "Another job is running"},
    "jobs.see_running": {"id": "Lihat tugas yang berjalan", "en": "See the running job"},
    "jobs.running_now": {"id": "Sedang berjalan: tugas nomor {job_id}.", "en": "Running now: job number {job_id}."},
    "jobs.interrupted": {"id": "Terputus: hub berhenti saat tugas ini berjalan. Tidak ada yang berubah oleh impor "
                               "ini; jalankan lagi.",
                         "en": "Interrupted: the hub stopped while this job ran. An import changes nothing unless it "
                               "finishes; start it again."},
    "jobs.interrupted_short": {"id": "terputus", "en": "interrupted"},
    "jobs.matching_busy": {"id": "Pencocokan lain (dari baris perintah) sedang berjalan.",
                           "en": "Another matching run (from the command line) is in progress."},
    "jobs.counts": {"id": "Hasil", "en": "Result"},
    "jobs.read": {"id": "Baris dibaca", "en": "Rows read"},
    "jobs.loaded": {"id": "Baris dimuat", "en": "Rows loaded"},
    "jobs.left_out": {"id": "Baris ditolak", "en": "Rows left out"},
    "jobs.unchanged": {"id": "Tetap", "en": "Unchanged"},
    "jobs.fields": {"id": "Kolom yang berubah (jumlah baris)", "en": "Fields that changed (rows)"},
    "jobs.rows_left_out": {"id": "Baris yang tidak dimuat", "en": "Rows left out"},
    "jobs.line": {"id": "Baris", "en": "Line"},
    "jobs.field": {"id": "Kolom", "en": "Field"},
    "jobs.rule": {"id": "Aturan", "en": "Rule"},
    "jobs.message": {"id": "Keterangan", "en": "Message"},
    "jobs.more_rows": {
        "id": "Ditampilkan {shown} dari {total} baris; semuanya: sws-hub inconsistencies --batch {batch}",
        "en": "{shown} of {total} rows shown; all of them: sws-hub inconsistencies --batch {batch}",
    },
    "jobs.inconsistencies": {"id": "Ketidaksesuaian antar sumber", "en": "Inconsistencies between sources"},
    "jobs.opened": {"id": "Dibuka", "en": "Opened"},
    "jobs.updated": {"id": "Diperbarui", "en": "Updated"},
    "jobs.cleared": {"id": "Selesai (tidak tampak lagi)", "en": "Cleared"},
    "jobs.open": {"id": "Terbuka sekarang", "en": "Open now"},
    "jobs.people": {"id": "Penduduk dicocokkan", "en": "Residents matched"},
    "jobs.versions": {"id": "Versi daftar dikirim", "en": "List versions published"},
    "jobs.whole_versions": {"id": "utuh", "en": "whole"},
    "jobs.seconds": {"id": "Lama (detik)", "en": "Time (seconds)"},
    "jobs.see_lists": {"id": "Lihat daftar", "en": "See the lists"},
    "jobs.see_population": {"id": "Lihat basis data terpadu", "en": "See the integrated database"},
    "jobs.error": {"id": "Kesalahan", "en": "Error"},
    "jobs.polling": {"id": "Halaman ini diperbarui sendiri.", "en": "This page updates itself."},
    "jobs.step.queued": {"id": "Menunggu", "en": "Queued"},
    "jobs.step.starting": {"id": "Memulai", "en": "Starting"},
    "jobs.step.staging": {"id": "Membaca dan memeriksa baris", "en": "Reading and checking rows"},
    "jobs.step.comparing": {"id": "Membandingkan dengan ekstrak sebelumnya", "en": "Comparing with the held extract"},
    "jobs.step.replacing": {"id": "Mengganti ekstrak yang disimpan", "en": "Replacing the held extract"},
    "jobs.step.population": {"id": "Memperbarui penduduk dan keluarga", "en": "Updating people and households"},
    "jobs.step.findings": {"id": "Mencari ketidaksesuaian", "en": "Finding inconsistencies"},
    "jobs.step.facts": {"id": "Menghitung data keluarga", "en": "Counting household facts"},
    "jobs.step.rules": {"id": "Mencocokkan aturan program", "en": "Evaluating programme rules"},
    "jobs.step.lists": {"id": "Mengirim daftar desa", "en": "Publishing village lists"},
    "jobs.step.done": {"id": "Selesai", "en": "Done"},
    "action.job.started": {"id": "tugas dimulai", "en": "job started"},
}
# What each role needs for these pages (to be granted in `services.actors.PERMISSIONS`).
PERMISSIONS = {"district_admin": {"population.view", "population.import", "population.match"},
               "sub_district_officer": {"population.view"}, "viewer": {"population.view"}}


def add_strings(strings: dict) -> None:
    """Add a blueprint's UI strings to the admin UI's table (a key defined twice differently is a mistake)."""
    from hub_server.web import i18n

    clash = {key for key in strings if key in i18n.STRINGS and i18n.STRINGS[key] != strings[key]}
    if clash:
        raise ValueError(f"UI strings defined twice: {sorted(clash)}")
    i18n.STRINGS.update(strings)


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


def init_app(app) -> None:
    add_strings(STRINGS)
    app.register_blueprint(bp)
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
        batches = imports.recent_batches(work, limit=30)
        counts = imports.inconsistency_counts(work.session)
        residents = verification.counts(work.session, g.actor.area)
        return render_template("population/home.html", active="population", batches=batches, counts=counts,
                               residents=residents)


@bp.get("/inconsistencies")
@requires("population.view")
def inconsistencies():
    kind = request.args.get("kind") or None
    area = (request.args.get("area") or g.actor.area or "").strip() or None
    if g.actor.area and area and not g.actor.covers([area]):
        area = g.actor.area
    page = max(1, request.args.get("page", 1, type=int) or 1)
    with uow() as work:
        found = imports.open_inconsistencies(work.session, kind=kind if kind in KINDS else None, area=area,
                                             limit=PAGE + 1, offset=(page - 1) * PAGE)
        return render_template("population/inconsistencies.html", active="population", items=found[:PAGE],
                               more=len(found) > PAGE, page=page, kind=kind, area=area or "", kinds=KINDS)


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
    programme_code = request.args.get("programme") or None
    village = request.args.get("village") or None
    with uow() as work:
        run = matching.latest_run(work.session)
        versions = lists.versions_of(work.session, programme_code, village, limit=200)
        return render_template("population/lists.html", active="population", run=run, versions=versions,
                               programme_code=programme_code or "", village=village or "",
                               today=_local_today().isoformat())


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
        list_date = dt.date.fromisoformat(text) if text else _local_today()
    except ValueError:
        flash(t("match.bad_date"), "error")
        return redirect(url_for("population.list_versions"))
    job_id = runner().start("match", {"list_date": list_date.isoformat()}, actor=g.actor.name)
    return redirect(url_for("population.job_page", job_id=job_id))


def _local_today() -> dt.date:
    return dt.datetime.now(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"])).date()


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
    return render_template("population/jobs.html", active="population", jobs=runner().recent(limit=50))


@bp.get("/jobs/<int:job_id>")
@requires("population.view")
def job_page(job_id):
    job = _job(job_id)
    rows, problem = [], None
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
    if refused.get("code") in imports.MESSAGES:
        return imports.MESSAGES[refused["code"]][current_language()].format(**refused.get("fields", {}))
    if refused.get("code") == "matching_busy":
        return t("jobs.matching_busy")
    return job["error"] or ""


def _row_errors(batch_id: int) -> list:
    with uow() as work:
        return [{"line": row.line, "field": row.field, "rule": row.rule,
                 "message": imports.row_message(row.rule, row.field, row.params or {}, current_language())}
                for row in imports.row_errors(work, batch_id, limit=SHOWN_ROW_ERRORS)]
