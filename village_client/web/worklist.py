"""The sub-district's verification worklist: inconsistencies between sources and residents awaiting
verification in its villages, per village, oldest first (`village_client.worklist`); and the forms on
which an officer records the outcome of a field check, offline (`village_client.field_checks`)."""

import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound

from schemas.record_status import describe
from schemas.region import region_name
from village_client import field_checks, records, worklist
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, errors_by_field, today

bp = Blueprint("worklist", __name__, url_prefix="/worklist")
CHECK_FIELDS = ("decided_value", "document", "reason", "checked_on", "outcome")


def kind_label(kind: str) -> str:
    return worklist.kind_label(kind, lang())


def hub_word(check) -> str:
    """The hub's word on a field check recorded here, or that it waits for the next sync."""
    if not check or not check.get("hub_status"):
        return text("worklist.check_waiting", lang())
    said = json.loads(check["hub_data"] or "{}")
    reason, _ = describe(said, lang())
    return f"{reason} ({said['decided_by']})" if said.get("decided_by") else reason


@bp.route("/")
def index():
    village = request.args.get("village") or None
    page = max(1, request.args.get("page", 1, type=int))
    resident_page = max(1, request.args.get("resident_page", 1, type=int))
    db = store().db
    items = worklist.open_inconsistencies(db, village, page=page)
    residents = worklist.awaiting_residents(db, village, page=resident_page)
    return render_template(
        "worklist.html", counts=worklist.counts(db), village=village, region_name=region_name, kind_label=kind_label,
        items=items[:worklist.PAGE], page=page, more_items=len(items) > worklist.PAGE,
        residents=residents[:worklist.PAGE], resident_page=resident_page,
        more_residents=len(residents) > worklist.PAGE, hub_word=hub_word,
        checked=field_checks.checks_of(db, "inconsistency_id", [item["id"] for item in items]),
        checked_people=field_checks.checks_of(db, "person_id", [row["id"] for row in residents]))


def _form_values() -> dict:
    values = {name: request.form.get(name, "").strip() for name in CHECK_FIELDS}
    values["checked_on"] = values["checked_on"] or today()
    return values


@bp.route("/inconsistency/<item_id>", methods=["GET", "POST"])
def check_inconsistency(item_id):
    """Record the outcome of a field check of one inconsistency: the right value, the document seen, why."""
    item = worklist.inconsistency(store().db, item_id)
    return _check_page(item, {"item": item, "person": None}, lambda values: field_checks.check_inconsistency(
        store(), current_officer(), item_id, value=values["decided_value"] or None, document=values["document"],
        reason=values["reason"], checked_on=values["checked_on"]))


@bp.route("/resident/<person_id>", methods=["GET", "POST"])
def check_resident(person_id):
    """Record that a resident a village registered was confirmed from a document, or refused, and why."""
    person = worklist.awaiting_resident(store().db, person_id)
    return _check_page(person, {"item": None, "person": person}, lambda values: field_checks.check_resident(
        store(), current_officer(), person_id, outcome=values["outcome"], document=values["document"] or None,
        reason=values["reason"], checked_on=values["checked_on"]))


def _check_page(subject, shown: dict, record):
    """The field-check form of a worklist item: on POST, `record(values)`; refused, the form again with each
    error beside its field and what was typed; saved, back to the item's village on the worklist."""
    if subject is None:
        raise NotFound(request.path)
    values, errors = _form_values(), {}
    if request.method == "POST":
        try:
            record(values)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("worklist.check_saved", lang()), "ok")
            return redirect(url_for("worklist.index", village=subject["village_code"]))
    return render_template("worklist_check.html", values=values, errors=errors, kind_label=kind_label,
                           region_name=region_name, **shown), 422 if errors else 200
