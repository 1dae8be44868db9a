"""Claims on the laptop's UI: the claims held with their status and the hub's answer (`/claims`), and the claim
form from a member (`/claims/new?nik=...`), offline.

The form offers the memberships the laptop holds of the person whose programme pays on claims, the claim kinds
of that programme and its documents checklist as checkboxes (`village_client.claims`); a form that refuses keeps
what was typed and says why beside the field. Recorded by the village secretary or a sub-district officer.
"""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from village_client import claims, records
from village_client.messages import text
from village_client.web import lang, store
from village_client.web.forms import current_officer, errors_by_field

bp = Blueprint("claims", __name__, url_prefix="/claims")

FIELDS = ("nik", "programme_code", "card_number", "claim_kind", "happened_on", "amount_claimed", "notes")


@bp.route("")
def index():
    return render_template("claims.html", found=claims.claims(store()))


def _typed() -> dict:
    source = request.form if request.method == "POST" else request.args
    values = {name: (source.get(name) or "").strip() for name in FIELDS}
    values["documents_present"] = source.getlist("documents_present")
    return values


@bp.route("/new", methods=["GET", "POST"])
def new():
    values, errors = _typed(), {}
    if request.method == "POST":
        try:
            claims.record_claim(store(), current_officer(), values)
        except records.InvalidRecord as invalid:
            errors = {name.partition(".")[0]: message for name, message in reversed(errors_by_field(invalid).items())}
        else:
            flash(text("claims.saved", lang()), "ok")
            return redirect(url_for("claims.index"))
    offered = claims.claimable(store().db, values["nik"]) if values["nik"] else []
    return render_template("claim_form.html", values=values, errors=errors, memberships=offered,
                           documents=claims.checklist_documents(offered)), 422 if errors else 200
