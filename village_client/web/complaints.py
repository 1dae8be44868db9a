"""Complaints: the action form, the complaint's state and history with what can be done next, the receipt.

A complaint's status, level, officer in charge, response and acknowledgement are derived from its
history (`village_client.complaints`); each action is one small form that appends an event, checked
against that state before it is saved.
"""


from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from schemas.complaint_standards import LEVEL_DAYS, standing_of
from schemas.complaint_state import ESCALATION
from schemas.local_time import today_in
from schemas.region import region_name
from schemas.sensitive import SENSITIVE_CATEGORIES
from village_client import complaints, memberships, records
from village_client.errors import NotFound
from village_client.messages import text
from village_client.web import lang, store, zone
from village_client.web.forms import current_officer, default_village, errors_by_field, today

bp = Blueprint("complaints", __name__, url_prefix="/complaints")

COMPLAINT_FIELDS = ("category", "programme_code", "description", "desired_action", "complainant_name",
                    "complainant_nik", "complainant_address", "complainant_phone", "channel", "village_code",
                    "date_submitted", "response", "payment_membership", "payment_period")
EVENT_FIELDS = ("kind", "date", "status", "escalation_level", "officer_in_charge", "referred_to", "text")


def _helpers() -> dict:
    return {"region_name": region_name, "standing": _standing, "sensitive_categories": SENSITIVE_CATEGORIES}


def _standing(state):
    """Age, due date and overdue of a complaint, by the laptop's service standards (the hub's by default)."""
    settings = current_app.config["SETTINGS"]
    days = {level: settings.get(f"complaint_days_{level}", LEVEL_DAYS[level]) for level in LEVEL_DAYS}
    return standing_of(state, days, today_in(zone()))


@bp.route("/")
def index():
    shown, withheld = complaints.complaints(store(), current_officer())
    return render_template("complaints.html", complaints=shown, withheld=withheld, **_helpers())


def _programme_options() -> list:
    return [(row["code"], f"{row['name'] or row['code']} ({row['code']})")
            for row in store().db.query("SELECT code, name FROM programme ORDER BY code")]


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = request.form
    values = {name: form.get(name, "").strip() for name in COMPLAINT_FIELDS}
    values["village_code"] = values["village_code"] or default_village()
    values["date_submitted"] = values["date_submitted"] or today()
    values["acknowledged"] = "yes" if form.get("acknowledged") else "no"
    values["anonymous"] = "yes" if form.get("anonymous") else "no"
    errors = {}
    if request.method == "POST":
        try:
            complaint_id = complaints.record_complaint(store(), current_officer(), values)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("complaint.saved", lang()), "ok")
            return redirect(url_for("complaints.show", complaint_id=complaint_id))
    return render_template("complaint_form.html", values=values, errors=errors,
                           programme_options=_programme_options(),
                           membership_options=memberships.options(store().db)), 422 if errors else 200


def _file(complaint_id: str) -> dict:
    try:
        return complaints.complaint_file(store(), complaint_id, current_officer())
    except records.InvalidRecord:
        raise NotFound(request.path) from None


@bp.route("/<complaint_id>", methods=["GET", "POST"])
def show(complaint_id):
    found, errors, posted = _file(complaint_id), {}, {}
    if request.method == "POST":
        posted = {name: request.form[name].strip() for name in EVENT_FIELDS if name in request.form}
        try:
            complaints.add_complaint_event(store(), current_officer(), complaint_id, posted)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("event.saved", lang()), "ok")
            return redirect(url_for("complaints.show", complaint_id=complaint_id))
    return render_template("complaint.html", **found, errors=errors, posted=posted, today=today(),
                           levels=ESCALATION, **_helpers()), 422 if errors else 200


@bp.route("/<complaint_id>/receipt")
def receipt(complaint_id):
    """The receipt for the complainant (tanda terima), a page to print: works with no network."""
    found = _file(complaint_id)
    programme = None
    if found["complaint"]["programme_code"]:
        programme = store().db.execute("SELECT name FROM programme WHERE code = ?",
                                       [found["complaint"]["programme_code"]]).fetchone()
    return render_template("complaint_receipt.html", **found, programme_name=programme[0] if programme else None,
                           device=store().device(), **_helpers())
