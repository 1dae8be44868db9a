"""The village task force's pages: its outreach sessions, recording one, and referring a person to the LTSA.

A session is recorded by the village secretary or a case worker; a referral (a prospective migrant
worker's case with its referral event, `village_client.taskforce`) by a case worker, and then followed
on the case's page, where the LTSA's answer shows after a sync. A form that refuses keeps what was
typed and says why beside the field.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from schemas.region import region_name
from village_client import cases, directory, records, taskforce
from village_client.errors import NotFound
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, default_village, errors_by_field, today

bp = Blueprint("taskforce", __name__, url_prefix="/taskforce")

SESSION_FIELDS = ("village_code", "held_on", "place", "topic", "men", "women", "niks", "notes")
REFERRAL_FIELDS = ("subject_name", "nik", "village_code", "service_code", "summary", "text")


@bp.route("/")
def index():
    return render_template("taskforce.html", sessions=taskforce.outreach_sessions(store()),
                           refers=cases.follows_cases(current_officer()), region_name=region_name)


def _typed(names) -> dict:
    values = {name: request.form.get(name, "").strip() for name in names}
    values["village_code"] = values["village_code"] or default_village()
    return values


def _errors(invalid) -> dict:
    """Errors by field; a NIK of the list (`niks.2`) is told beside the list."""
    errors = {}
    for name, message in errors_by_field(invalid).items():
        errors.setdefault(name.partition(".")[0], message)
    return errors


@bp.route("/outreach", methods=["GET", "POST"])
def outreach():
    values, errors = _typed(SESSION_FIELDS), {}
    values["held_on"] = values["held_on"] or today()
    if request.method == "POST":
        try:
            taskforce.record_outreach(store(), current_officer(), values)
        except records.InvalidRecord as invalid:
            errors = _errors(invalid)
        else:
            flash(text("taskforce.saved", lang()), "ok")
            return redirect(url_for("taskforce.index"))
    return render_template("taskforce_outreach.html", values=values, errors=errors), 422 if errors else 200


@bp.route("/refer", methods=["GET", "POST"])
def refer():
    if not cases.follows_cases(current_officer()):
        raise NotFound(request.path)  # a referral is a case: the case worker's to open
    values, errors = _typed(REFERRAL_FIELDS), {}
    if request.method == "POST":
        try:
            case_id, _ = taskforce.refer_to_ltsa(store(), current_officer(), values)
        except records.InvalidRecord as invalid:
            errors = _errors(invalid)
        else:
            flash(text("taskforce.referred", lang()), "ok")
            return redirect(url_for("cases.show", case_id=case_id))
    return render_template("taskforce_refer.html", values=values, errors=errors,
                           services=[(code, name) for code, name in directory.choices(store().db)
                                     if code in {row["code"] for row in directory.services(store().db, "ltsa")}]), \
        422 if errors else 200
