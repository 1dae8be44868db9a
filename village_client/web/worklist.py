"""The sub-district's verification worklist: inconsistencies between sources and residents awaiting
verification in its villages, per village, oldest first (`village_client.worklist`)."""

from flask import Blueprint, render_template, request

from schemas.region import region_name
from village_client import worklist
from village_client.messages import text
from village_client.web import lang, store

bp = Blueprint("worklist", __name__, url_prefix="/worklist")
KIND_KEYS = {"name_spelling": "worklist.kind_name_spelling", "birth_date": "worklist.kind_birth_date",
             "sex": "worklist.kind_sex", "family_membership": "worklist.kind_family_membership",
             "missing_from_source": "worklist.kind_missing_from_source", "duplicate": "worklist.kind_duplicate",
             "moved_village": "worklist.kind_moved_village"}


def kind_label(kind: str) -> str:
    return text(KIND_KEYS[kind], lang()) if kind in KIND_KEYS else kind


@bp.route("/")
def index():
    village = request.args.get("village") or None
    db = store().db
    return render_template("worklist.html", counts=worklist.counts(db), village=village,
                           items=worklist.open_inconsistencies(db, village),
                           residents=worklist.awaiting_residents(db, village), region_name=region_name,
                           kind_label=kind_label)
