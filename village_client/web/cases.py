"""Cases: the case worker's list, opening a case, and a case's file with the next steps as small forms.

A case's status, plan, referrals and migrant worker's record are derived from its history
(`village_client.cases`); each step is one form that appends an event, checked against that state
before it is saved. A form that refuses keeps what was typed and says why beside the field.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from schemas.case import MIGRANT_KINDS
from schemas.case_needs import answer_text, questions
from schemas.choices import values as vocabulary
from schemas.display import value_text
from schemas.region import region_name
from village_client import cases, directory, records
from village_client.errors import NotFound
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, default_village, errors_by_field, today

bp = Blueprint("cases", __name__, url_prefix="/cases")

CASE_FIELDS = ("case_kind", "subject_name", "nik", "kk_number", "village_code", "opened_on", "summary")


@bp.route("/")
def index():
    shown, withheld = cases.cases(store(), current_officer())
    return render_template("cases.html", cases=shown, withheld=withheld, region_name=region_name)


@bp.route("/new", methods=["GET", "POST"])
def new():
    values = {name: request.form.get(name, "").strip() for name in CASE_FIELDS}
    values["village_code"] = values["village_code"] or default_village()
    values["opened_on"] = values["opened_on"] or today()
    errors = {}
    if request.method == "POST":
        try:
            case_id = cases.open_case(store(), current_officer(), values)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("case.saved", lang()), "ok")
            return redirect(url_for("cases.show", case_id=case_id))
    return render_template("case_form.html", values=values, errors=errors), 422 if errors else 200


def _posted() -> dict:
    """The step's fields as typed; a migrant worker's documents are the boxes ticked."""
    posted = {name: value.strip() for name, value in request.form.items() if name not in ("csrf_token", "_dates")}
    if posted.get("kind") == "migrant":
        posted["documents"] = request.form.getlist("documents")
        posted["pre_departure_training"] = "ya" if request.form.get("pre_departure_training") else ""
    return posted


@bp.route("/<case_id>", methods=["GET", "POST"])
def show(case_id):
    errors, posted = {}, {}
    if request.method == "POST":
        posted = _posted()
        try:
            cases.add_case_event(store(), current_officer(), case_id, posted)
        except records.InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("event.saved", lang()), "ok")
            return redirect(url_for("cases.show", case_id=case_id))
    try:
        found = cases.case_file(store(), case_id, current_officer())
    except records.InvalidRecord:
        raise NotFound(request.path) from None
    return render_template("case.html", **found, errors=errors, posted=posted, today=today(),
                           questions=questions(), migrant_kinds=MIGRANT_KINDS, region_name=region_name,
                           documents=vocabulary("migrant_document"), services=directory.choices(store().db),
                           **_answer_helpers()), 422 if errors else 200


def _answer_helpers() -> dict:
    """An answer as read, a step's value as read, and a choice question's options, in the officer's language."""
    return {"answer": lambda code, value: answer_text(code, value, lang()),
            "shown": lambda name, value: value_text("case_event", name, value, lang()),
            "question_options": lambda question: [(code, labels[lang()])
                                                  for code, labels in question["choices"].items()]}
