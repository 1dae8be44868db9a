"""Referrals from the SWS desk: the village secretary refers a person or a household to a service, offline.

The list shows each referral with the service's answer once a sync has brought it; the form keeps what
was typed and says why beside the field when it refuses (`village_client.referrals`). Midwives and
sub-district officers have no referral pages (`PAGES_NOT_FOR`); who may save one is `schemas.roles`.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from village_client import cases, directory, referrals
from village_client.errors import NotFound
from village_client.messages import text
from village_client.records import InvalidRecord
from village_client.web import lang, store
from village_client.web.forms import current_officer, default_village, errors_by_field

bp = Blueprint("referrals", __name__, url_prefix="/referrals")


@bp.route("/")
def index():
    return render_template("referrals.html", referrals=referrals.referrals(store(), current_officer()),
                           refers=cases.refers_from_desk(current_officer()))


@bp.route("/new", methods=["GET", "POST"])
def new():
    if not cases.refers_from_desk(current_officer()):
        raise NotFound(request.path)
    values = {name: request.form.get(name, "").strip() for name in referrals.FIELDS}
    values["village_code"] = values["village_code"] or default_village()
    errors = {}
    if request.method == "POST":
        try:
            referrals.refer(store(), current_officer(), values)
        except InvalidRecord as invalid:
            errors = errors_by_field(invalid)
        else:
            flash(text("referral.saved", lang()), "ok")
            return redirect(url_for("referrals.index"))
    return render_template("referral_form.html", values=values, errors=errors,
                           services=directory.choices(store().db)), 422 if errors else 200
