"""The synchronized population in the admin UI (/population): imports, inconsistencies, catalogue, lists.

Read-only pages; imports, catalogue changes and matching runs are made with `sws-hub` commands.
`init_app(app)` registers the blueprint with its UI strings and the permissions its pages need.
"""

import json

from flask import Blueprint, g, render_template, request

from hub_server.errors import NotFound
from hub_server.services import catalogue, imports, lists, matching
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language
from schemas.choices import CHOICES

bp = Blueprint("population", __name__, url_prefix="/population")
PAGE = 100
KINDS = ("name_spelling", "birth_date", "sex", "family_membership", "missing_from_source", "duplicate",
         "moved_village")

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
}
# What each role needs for these pages (to be granted in `services.actors.PERMISSIONS`).
PERMISSIONS = {"district_admin": {"population.view"}, "sub_district_officer": {"population.view"},
               "viewer": {"population.view"}}


def add_strings(strings: dict) -> None:
    """Add a blueprint's UI strings to the admin UI's table (a key defined twice differently is a mistake)."""
    from hub_server.web import i18n

    clash = {key for key in strings if key in i18n.STRINGS and i18n.STRINGS[key] != strings[key]}
    if clash:
        raise ValueError(f"UI strings defined twice: {sorted(clash)}")
    i18n.STRINGS.update(strings)


def init_app(app) -> None:
    add_strings(STRINGS)
    app.register_blueprint(bp)


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
        return render_template("population/home.html", active="population", batches=batches, counts=counts)


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
                               programme_code=programme_code or "", village=village or "")
