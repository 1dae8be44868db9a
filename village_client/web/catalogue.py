"""What the hub publishes for reading offline: the programme catalogue (the lists are in `web.lists`)."""

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
