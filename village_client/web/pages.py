"""Home, households and people: register a household with its members, edit a person."""

import json

from flask import Blueprint, flash, redirect, render_template, request, url_for

from schemas.region import region_name, sub_districts, villages
from village_client import duplicates, hub_word, memberships, moves, records, residents
from village_client.device import status
from village_client.errors import NotFound
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, default_village, errors_by_field, yes_no

bp = Blueprint("pages", __name__)

HOUSEHOLD_FIELDS = ("kk_number", "address", "address_rt", "address_rw", "village_code", "welfare_decile")
MEMBER_FIELDS = ("name", "nik", "nik_status", "birth_place", "birth_date", "sex", "relationship", "marital_status",
                 "occupation")
PERSON_FIELDS = ("name", "nik", "nik_status", "kk_number", "birth_place", "birth_date", "sex", "marital_status",
                 "relationship", "address_rt", "address_rw", "occupation", "education", "disability",
                 "monthly_income", "pregnant", "expected_delivery_date", "phone", "migration", "death_date")
MAX_MEMBERS = 20


@bp.route("/")
def home():
    return render_template("home.html", state=status(store()),
                           households=store().scalar("SELECT count(*) FROM household WHERE _deleted = 0"),
                           people=store().scalar("SELECT count(*) FROM person WHERE _deleted = 0"))


@bp.route("/households")
def households():
    query = request.args.get("q", "").strip()
    rows = store().db.query(
        "SELECT household.*, person.name AS head_name FROM household LEFT JOIN person ON person.id = head_person_id "
        "WHERE household._deleted = 0 AND (? = '' OR person.name LIKE ? OR household.kk_number LIKE ?) "
        "ORDER BY person.name LIMIT 200", [query, f"%{query}%", f"{query}%"])
    found, total = residents.find(store().db, query) if query else ([], 0)
    return render_template("households.html", households=list(rows), q=query, residents=found,
                           residents_total=total, region_name=region_name)


@bp.route("/residents/<nik>/update", methods=["POST"])
def resident_adopt(nik):
    """Update a resident the hub sent: edit this laptop's record of them, made from the hub's values if none."""
    try:
        person_id = residents.adopt(store(), current_officer(), nik)
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    return redirect(url_for("pages.person_edit", person_id=person_id))


@bp.route("/households/<household_id>")
def household(household_id):
    try:
        row = records.get_record(store(), "household", household_id)
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    members = list(store().db.query("SELECT * FROM person WHERE household_id = ? AND _deleted = 0 ORDER BY id",
                                    [household_id]))
    head = next((member["name"] for member in members if member["id"] == row["head_person_id"]), "")
    held = memberships.by_nik(store().db, niks=[member.get("nik") for member in members])
    return render_template("household.html", household=row, members=members, head_name=head,
                           statuses=hub_word.statuses(store().db, lang(), "person"), region_name=region_name,
                           editable=_editable(row), held=held)


def _editable(row: dict) -> bool:
    try:
        records.check_editable(store(), row)
    except records.InvalidRecord:
        return False
    return True


@bp.route("/households/<household_id>/move", methods=["GET", "POST"])
def household_move(household_id):
    """A household, or some of its members, moved: to another village of the district, or out of it."""
    try:
        row = records.get_record(store(), "household", household_id)
        living = moves.movable_members(store(), household_id)
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    form = request.form
    values = {name: form.get(name, "").strip() for name in ("village_code", "moved_to", "migration_date")}
    chosen = form.getlist("members") if request.method == "POST" else [member["id"] for member in living]
    errors = {}
    if request.method == "POST":
        try:
            moves.move(store(), current_officer(), household_id, moved_on=values["migration_date"],
                       to_village=values["village_code"], moved_to=values["moved_to"], member_ids=chosen)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("move.saved", lang()), "ok")
            return redirect(url_for("pages.household", household_id=household_id))
    return render_template("household_move.html", household=row, living=living, chosen=chosen, values=values,
                           errors=errors, destinations=_district_villages(row["village_code"])), 422 if errors else 200


def _district_villages(village_code: str | None) -> list:
    """(code, "Village — Sub-district") of every other village of the district, for the move form."""
    if not village_code or village_code.count(".") != 3:
        return []
    district = ".".join(village_code.split(".")[:2])
    return [(code, f"{name} — {sub_name}") for sub_code, sub_name in sub_districts(district)
            for code, name in villages(sub_code) if code != village_code]


def _member_rows(form, count: int) -> list:
    return [{name: form.get(f"members.{index}.{name}", "").strip() for name in MEMBER_FIELDS} for index in range(count)]


@bp.route("/households/new", methods=["GET", "POST"])
def household_new():
    form = request.form
    count = min(MAX_MEMBERS, int(form.get("member_count", 2) or 2) + ("add_member" in form))
    values = {name: form.get(name, "").strip() for name in HOUSEHOLD_FIELDS}
    values["village_code"] = values["village_code"] or default_village()
    members, errors = _member_rows(form, count), {}
    if request.method == "POST" and "add_member" not in form:
        filled = [member for member in members if any(member.values())]
        try:
            household_id, person_ids = records.register_household(store(), current_officer(), values, filled)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("household.saved", lang()), "ok")
            _warn_shared_niks(person_ids)
            return redirect(url_for("pages.household", household_id=household_id))
    status_code = 422 if errors else 200
    return render_template("household_form.html", values=values, members=members, errors=errors), status_code


@bp.route("/people/<person_id>/edit", methods=["GET", "POST"])
def person_edit(person_id):
    try:
        person = records.get_record(store(), "person", person_id)
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    shown = {name: _shown(name, person.get(name)) for name in PERSON_FIELDS}
    values, seen, errors = shown, shown, {}
    if request.method == "POST":
        values = {name: request.form.get(name, "").strip() for name in PERSON_FIELDS}
        seen = {name: request.form.get(f"seen.{name}", "") for name in PERSON_FIELDS}
        try:
            seq = records.update_person(store(), current_officer(), person_id, values, seen)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("person.saved" if seq else "person.unchanged", lang()), "ok")
            _warn_shared_niks([person_id] if seq else [])
            return redirect(url_for("pages.household", household_id=person["household_id"]) if person["household_id"]
                            else url_for("pages.households"))
    status_code = 422 if errors else 200
    return render_template("person_form.html", person=person, values=values, seen=seen, errors=errors), status_code


def _warn_shared_niks(person_ids) -> None:
    for warning in duplicates.warnings(store().db, person_ids, lang()):
        flash(warning, "warn")


@bp.route("/people/<person_id>/visits", methods=["GET", "POST"])
def visits(person_id):
    """A pregnant woman's antenatal visits, and the form the midwife records the next one with."""
    return _health_page(person_id, "antenatal_visit", ("visit_date", "pregnancy_week", "muac_mm", "notes"),
                        "visit_date", "visits.html", "visits.saved", "pages.visits")


@bp.route("/people/<person_id>/growth", methods=["GET", "POST"])
def growth(person_id):
    """A child's weights, heights and vaccines, and the form the midwife records the next visit with."""
    return _health_page(person_id, "child_health", ("measured_on", "weight_g", "height_mm", "notes"),
                        "measured_on", "growth.html", "growth.saved", "pages.growth", lists=("vaccines",))


def _health_page(person_id: str, table: str, fields: tuple, date_field: str, template: str, saved_key: str,
                 endpoint: str, lists: tuple = ()):
    """A person's health records of one kind, newest first, and the form that appends the next one."""
    try:
        person = records.get_record(store(), "person", person_id)
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    values = {name: request.form.get(name, "").strip() for name in fields}
    values |= {name: request.form.getlist(name) for name in lists}
    errors = {}
    if request.method == "POST":
        try:
            records.record_health(store(), current_officer(), table, person_id, values)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text(saved_key, lang()), "ok")
            return redirect(url_for(endpoint, person_id=person_id))
    held = [{**row, **{name: json.loads(row[name] or "[]") for name in lists}} for row in store().db.query(
        f"SELECT * FROM [{table}] WHERE person_id = ? AND _deleted = 0 ORDER BY {date_field} DESC, id DESC",
        [person_id])]
    names = {row["username"]: row["full_name"] for row in store().db.query("SELECT username, full_name FROM officer")}
    held = [{**row, "officer": names.get(row["officer"], row["officer"])} for row in held]  # who, by name
    return render_template(template, person=person, held=held, values=values, errors=errors), \
        422 if errors else 200


def _shown(name: str, value) -> str:
    if name in ("pregnant", "disability_severe", "nik_mismatch_confirmed"):
        return yes_no(value)
    return "" if value is None else str(value)
