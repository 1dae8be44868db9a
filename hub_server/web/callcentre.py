"""The call centre (/callcentre): find a person by NIK or name, see what the hub knows, log a complaint.

The person page shows identity and where each value came from, the household, each programme's
verdict part by part, list places and community corrections, applications and complaints, and a
form to log a complaint (a synced complaint record of the person's village, channel call_centre).
A sub-district officer sees the people of their sub-district only.
`init_app(app)` registers the blueprint with its UI strings and permissions.
"""

import datetime as dt

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from hub_server.errors import NotFound
from hub_server.models.population import Household, HouseholdKk, Inconsistency, Person
from hub_server.models.programmes import Application
from hub_server.services import catalogue, identity, matching
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, t
from hub_server.web.population import add_strings
from schemas.choices import values
from schemas.dates import age_on
from schemas.errors import ValidationFailure

bp = Blueprint("callcentre", __name__, url_prefix="/callcentre")

STRINGS = {
    "nav.callcentre": {"id": "Call centre", "en": "Call centre"},
    "cc.title": {"id": "Call centre: cari warga", "en": "Call centre: find a person"},
    "cc.query": {"id": "NIK (16 angka) atau nama", "en": "NIK (16 digits) or name"},
    "cc.search": {"id": "Cari", "en": "Search"},
    "cc.none": {"id": "Tidak ditemukan. Periksa NIK, atau coba sebagian nama.",
                "en": "Nobody found. Check the NIK, or try part of the name."},
    "cc.name": {"id": "Nama", "en": "Name"},
    "cc.birth": {"id": "Tempat, tanggal lahir", "en": "Place and date of birth"},
    "cc.sex": {"id": "Jenis kelamin", "en": "Sex"},
    "cc.village": {"id": "Desa", "en": "Village"},
    "cc.address": {"id": "Alamat", "en": "Address"},
    "cc.marital": {"id": "Status perkawinan", "en": "Marital status"},
    "cc.occupation": {"id": "Pekerjaan", "en": "Occupation"},
    "cc.education": {"id": "Pendidikan", "en": "Education"},
    "cc.disability": {"id": "Disabilitas", "en": "Disability"},
    "cc.income": {"id": "Penghasilan per bulan", "en": "Monthly income"},
    "cc.pregnant": {"id": "Hamil", "en": "Pregnant"},
    "cc.sources": {"id": "Tercatat di", "en": "Recorded in"},
    "cc.household": {"id": "Keluarga", "en": "Household"},
    "cc.kk": {"id": "Nomor KK (riwayat)", "en": "Family card number (history)"},
    "cc.decile": {"id": "Desil kesejahteraan", "en": "Welfare decile"},
    "cc.relationship": {"id": "Hubungan", "en": "Relationship"},
    "cc.age": {"id": "Umur", "en": "Age"},
    "cc.programmes": {"id": "Program dan kelayakan", "en": "Programmes and eligibility"},
    "cc.programme": {"id": "Program", "en": "Programme"},
    "cc.verdict": {"id": "Memenuhi aturan", "en": "Meets the rule"},
    "cc.parts": {"id": "Bagian aturan", "en": "Parts of the rule"},
    "cc.correction": {"id": "Koreksi musyawarah desa", "en": "Community correction"},
    "cc.on_list": {"id": "Dalam daftar (urutan)", "en": "On the list (rank)"},
    "cc.not_matched": {"id": "Belum ada pencocokan.", "en": "No matching run yet."},
    "cc.applications": {"id": "Permohonan", "en": "Applications"},
    "cc.status": {"id": "Status", "en": "Status"},
    "cc.justification": {"id": "Alasan", "en": "Justification"},
    "cc.complaints": {"id": "Pengaduan", "en": "Complaints"},
    "cc.reference": {"id": "Nomor", "en": "Reference"},
    "cc.date": {"id": "Tanggal", "en": "Date"},
    "cc.category": {"id": "Kategori", "en": "Category"},
    "cc.description": {"id": "Uraian", "en": "Description"},
    "cc.phone": {"id": "Nomor HP pelapor", "en": "Complainant's mobile number"},
    "cc.officer": {"id": "Petugas penanggung jawab", "en": "Officer in charge"},
    "cc.log": {"id": "Catat pengaduan", "en": "Log a complaint"},
    "cc.logged": {"id": "Pengaduan {reference} tercatat dan dikirim ke desa.",
                  "en": "Complaint {reference} logged and sent to the village."},
    "cc.inconsistencies": {"id": "Ketidaksesuaian data sumber", "en": "Source data inconsistencies"},
    "cc.yes": {"id": "ya", "en": "yes"},
    "cc.no": {"id": "tidak", "en": "no"},
    "cc.none_yet": {"id": "Belum ada.", "en": "None yet."},
    "cc.no_programme": {"id": "(tidak tentang program tertentu)", "en": "(no particular programme)"},
}
# What each role needs for these pages (to be granted in `services.actors.PERMISSIONS`).
PERMISSIONS = {"district_admin": {"callcentre.view", "callcentre.complain"},
               "sub_district_officer": {"callcentre.view", "callcentre.complain"}, "viewer": {"callcentre.view"}}


def init_app(app) -> None:
    add_strings(STRINGS)
    app.register_blueprint(bp)


@bp.app_template_global("age_of")
def age_of(birth_date) -> str:
    return str(age_on(birth_date, dt.date.today())) if birth_date else "—"


@bp.app_template_global("rupiah")
def rupiah(amount) -> str:
    return "—" if amount is None else "Rp" + f"{amount:,}".replace(",", ".")


def _visible(person: Person) -> bool:
    return g.actor.covers([person.village_code or ""])


@bp.get("/")
@requires("callcentre.view")
def search():
    text = (request.args.get("q") or "").strip()
    with uow() as work:  # pages render inside the unit of work: they read what it loaded
        found = [p for p in identity.find_people(work.session, text) if _visible(p)] if text else []
        return render_template("callcentre/search.html", active="callcentre", q=text, people=found)


def _person_file(session, person: Person) -> dict:
    household = session.get(Household, person.household_id) if person.household_id else None
    history = list(session.execute(select(HouseholdKk).where(HouseholdKk.household_id == person.household_id)
                                   .order_by(HouseholdKk.issued.nulls_first()))) if household else []
    return {"person": person, "household": household, "history": [row[0] for row in history],
            "members": identity.household_of(session, person), "verdicts": matching.explain(session, person.id),
            "applications": list(session.execute(select(Application).where(Application.person_id == person.id)
                                                 .order_by(Application.record_id)).scalars()),
            "complaints": identity.complaints_about(session, person),
            "inconsistencies": list(session.execute(select(Inconsistency).where(
                Inconsistency.nik == person.nik, Inconsistency.status == "open")).scalars()),
            "programmes": catalogue.programmes(session, active_only=True)}


def _load(session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None or not _visible(person):
        raise NotFound(path=request.path)
    return person


@bp.get("/person/<int:person_id>")
@requires("callcentre.view")
def person_page(person_id):
    with uow() as work:
        file = _person_file(work.session, _load(work.session, person_id))
        return render_template("callcentre/person.html", active="callcentre",
                               categories=values("complaint_category"), form={}, errors=[], **file)


@bp.post("/person/<int:person_id>/complaint")
@requires("callcentre.complain")
def complain(person_id):
    form = {key: request.form.get(key, "").strip() for key in identity.COMPLAINT_FORM}
    with uow() as work:
        person = _load(work.session, person_id)
        try:
            record = identity.log_complaint(work, actor=g.actor.name, person=person, form=form,
                                            lang=current_language())
        except ValidationFailure as failure:
            file = _person_file(work.session, person)
            return render_template("callcentre/person.html", active="callcentre", form=form,
                                   categories=values("complaint_category"),
                                   errors=failure.as_dicts(current_language()), **file), 400
        reference = record.data["reference_number"]
    flash(t("cc.logged", reference=reference), "ok")
    return redirect(url_for("callcentre.person_page", person_id=person_id))
