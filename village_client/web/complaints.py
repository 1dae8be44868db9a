"""Complaints: record one on the action form, follow its status and history, add events."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from village_client import records
from village_client.errors import NotFound
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, default_village, errors_by_field, today

bp = Blueprint("complaints", __name__, url_prefix="/complaints")

COMPLAINT_FIELDS = ("category", "programme_code", "description", "complainant_name", "complainant_phone", "channel",
                    "village_code", "date_submitted", "response")
EVENT_FIELDS = ("kind", "status", "escalation_level", "text")


@bp.route("/")
def index():
    rows = store().db.query("SELECT * FROM complaint WHERE _deleted = 0 ORDER BY date_submitted DESC, id DESC "
                            "LIMIT 300")
    return render_template("complaints.html", complaints=list(rows))


def _programme_options() -> list:
    return [(row["code"], f"{row['code']} — {row['name'] or ''}")
            for row in store().db.query("SELECT code, name FROM programme ORDER BY code")]


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = request.form
    values = {name: form.get(name, "").strip() for name in COMPLAINT_FIELDS}
    values["village_code"] = values["village_code"] or default_village()
    values["date_submitted"] = values["date_submitted"] or today()
    values["acknowledged"] = "yes" if form.get("acknowledged") else "no"
    errors = {}
    if request.method == "POST":
        try:
            complaint_id = records.record_complaint(store(), current_officer(), values)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("complaint.saved", lang()), "ok")
            return redirect(url_for("complaints.show", complaint_id=complaint_id))
    return render_template("complaint_form.html", values=values, errors=errors,
                           programme_options=_programme_options()), 422 if errors else 200


@bp.route("/<complaint_id>", methods=["GET", "POST"])
def show(complaint_id):
    try:
        complaint = records.get_record(store(), "complaint", complaint_id)
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    errors = {}
    if request.method == "POST":
        try:
            records.add_complaint_event(store(), current_officer(), complaint_id,
                                        {name: request.form.get(name, "").strip() for name in EVENT_FIELDS})
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("event.saved", lang()), "ok")
            return redirect(url_for("complaints.show", complaint_id=complaint_id))
    events = store().db.query("SELECT * FROM complaint_event WHERE complaint_id = ? ORDER BY time, id", [complaint_id])
    return render_template("complaint.html", complaint=complaint, events=list(events), errors=errors,
                           form=request.form), 422 if errors else 200

