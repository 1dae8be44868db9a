"""Pre-identified beneficiary lists of the village, applications from them, and community corrections.

`/lists` shows each programme's current list as the laptop holds it (`village_client.lists`): who is
on it and why, who is new in the last version and who left, where each person's application stands,
an Apply button per member and the form for a community correction decided in the village meeting
(musyawarah desa). `/applications` lists every application with its status.

Two papers print from here with no network, under the district's letterhead: a list for the village
meeting (`/lists/<programme>/<village>/print`), with empty columns for the meeting's corrections and a
signature block, and the letter of a decided application (`/applications/<id>/letter`).
"""

import datetime as dt

from flask import Blueprint, flash, redirect, render_template, request, url_for

from schemas.display import value_text
from schemas.letterhead import letter_number
from schemas.region import region_name
from village_client import hub_word, lists, memberships, printables, records
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, errors_by_field

bp = Blueprint("lists", __name__)

CORRECTION_FIELDS = ("nik", "decision", "reason", "meeting_date")


def anchor(programme_code: str, village_code: str) -> str:
    """The HTML id of a list's section; its correction form's fields are prefixed with it."""
    return f"list-{programme_code}-{village_code.replace('.', '')}"


@bp.route("/lists")
def index():
    return _page()


def _page(alerts=(), posted=None, errors=None):
    """The lists page; `posted` = {"key", "values"} and `errors` belong to a correction form sent back."""
    programme = request.args.get("programme") or None
    sections = [_section(row, posted, errors or {}) for row in lists.lists_held(store().db, programme)]
    status = 422 if alerts or errors else 200
    return render_template("lists.html", sections=sections, alerts=list(alerts), filtered=bool(programme),
                           region_name=region_name, programme_title=programme_title,
                           left_because=lambda reason: hub_word.left_because(reason, lang())), status


def _section(row: dict, posted, errors: dict) -> dict:
    key = (row["programme_code"], row["village_code"])
    mine = posted is not None and posted["key"] == key
    shown = {name: message for name, message in errors.items() if name in CORRECTION_FIELDS} if mine else {}
    return {"list": row, "members": lists.members(store().db, row), "corrections": lists.corrections(store().db, *key),
            "statuses": hub_word.statuses(store().db, lang(), "list_correction"),
            "reasons": lists.reason_labels(row["programme"], lang()), "anchor": anchor(*key),
            "held": memberships.by_nik(store().db, row["programme_code"]),
            "form": posted["values"] if mine else {}, "errors": shown,
            "other_errors": [message for name, message in errors.items() if name not in shown] if mine else []}


@bp.route("/lists/<programme_code>/<village_code>/apply", methods=["GET", "POST"])
def apply(programme_code, village_code):
    if request.method == "GET":  # e.g. the language links of a page sent back with an error
        return redirect(url_for("lists.index", _anchor=anchor(programme_code, village_code)))
    nik = request.form.get("nik", "").strip()
    try:
        records.apply_for_programme(store(), current_officer(), None, programme_code, nik=nik,
                                    village_code=village_code)
    except records.InvalidRecord as invalid:
        return _page(alerts=[f"{nik}: {message}" for message in errors_by_field(invalid).values()])
    flash(text("list.applied", lang(), nik=nik), "ok")
    return redirect(url_for("lists.index", _anchor=anchor(programme_code, village_code)))


@bp.route("/lists/<programme_code>/<village_code>/corrections", methods=["GET", "POST"])
def correct(programme_code, village_code):
    if request.method == "GET":
        return redirect(url_for("lists.index", _anchor=anchor(programme_code, village_code)))
    values = {name: request.form.get(name, "").strip() for name in CORRECTION_FIELDS}
    try:
        records.correct_list(store(), current_officer(), programme_code, values["nik"], values["decision"],
                             values["reason"], values["meeting_date"], village_code=village_code)
    except records.InvalidRecord as invalid:
        return _page(posted={"key": (programme_code, village_code), "values": values}, errors=errors_by_field(invalid))
    flash(text("list.correction_saved", lang()), "ok")
    return redirect(url_for("lists.index", _anchor=anchor(programme_code, village_code)))


@bp.route("/applications")
def applications():
    rows = list(reversed(lists.applications(store().db)))
    return render_template("applications.html", applications=rows,
                           statuses=hub_word.statuses(store().db, lang(), "application"))


def programme_title(held: dict, language: str) -> str:
    """A held list's programme by its name in `language`, the code beside it once (some English names end with
    it already: "Joint business groups (KUBE)")."""
    code = held["programme_code"]
    name = (held["programme"].get("name_en") if language == "en" else None) or held.get("programme_name") or code
    return name if name == code or name.endswith(f"({code})") else f"{name} ({code})"


def printable_page(template: str, **values):
    """A page to print from this laptop with no network: the device and the time printed, under the letterhead."""
    device = store().device()
    return render_template(template, region_name=region_name, programme_title=programme_title,
                           device_id=device.get("device_id") or "",
                           now=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), **values)


@bp.route("/lists/<programme_code>/<village_code>/print")
def print_list(programme_code, village_code):
    """The list for the village meeting, a page to print (works with no network)."""
    held = printables.meeting_list(store().db, programme_code, village_code)
    return printable_page("print_list.html", paper=held, reasons=lists.reason_labels(held["list"]["programme"], lang()))


@bp.route("/applications/<application_id>/letter")
def decision_letter(application_id):
    """The letter of a decided application, a page to print."""
    letter = printables.decision(store().db, application_id)
    return printable_page("decision_letter.html", letter=letter,
                  number=letter_number(letter["record_id"], letter["programme_code"] or "", letter["status_date"]),
                  money=lambda amount: value_text("programme", "benefit_amount", amount, lang()))
