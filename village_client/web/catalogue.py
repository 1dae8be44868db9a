"""What the hub publishes for reading offline: the programme catalogue and the beneficiary lists."""

import json

from flask import Blueprint, render_template

from village_client.web import store

bp = Blueprint("catalogue", __name__)


def _with_data(rows) -> list:
    return [{**row, "data": json.loads(row["data"] or "{}")} for row in rows]


@bp.route("/programmes")
def programmes():
    return render_template("programmes.html", programmes=_with_data(store().db.query(
        "SELECT * FROM programme ORDER BY code")))


@bp.route("/lists")
def lists():
    rows = _with_data(store().db.query("SELECT * FROM beneficiary_list ORDER BY programme_code, village_code"))
    for row in rows:
        members = row["data"].get("members") or row["data"].get("entries") or []
        row["members"] = [member for member in members if isinstance(member, dict)]
        row["columns"] = sorted({key for member in row["members"] for key in member})
    return render_template("lists.html", lists=rows)
