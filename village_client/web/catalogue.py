"""What the hub publishes for reading offline: the programme catalogue (the lists are in `web.lists`).

Besides the catalogue page, two papers print from here with no network (SWS function 1, telling
citizens about programmes): a leaflet per programme, and a one-page overview per guarantee of the
Social Protection Floor listing its programmes with their benefit and who is eligible.
"""

import json

from flask import Blueprint, render_template

from schemas.choices import values
from schemas.programme import procedure_steps as steps
from village_client.errors import NotFound
from village_client.web import store
from village_client.web.lists import printable_page

bp = Blueprint("catalogue", __name__)


def _with_data(rows) -> list:
    return [{**row, "data": json.loads(row["data"] or "{}")} for row in rows]


def _active(rows) -> list:
    return [row for row in _with_data(rows) if row["data"].get("active", True)]


@bp.route("/programmes")
def programmes():
    return render_template("programmes.html", programmes=_with_data(store().db.query(
        "SELECT * FROM programme ORDER BY code")), guarantees=values("guarantee"), steps=steps)


@bp.route("/programmes/<code>/leaflet")
def leaflet(code):
    """The leaflet of one programme, to print and hand to a citizen."""
    found = _with_data(store().db.query("SELECT * FROM programme WHERE code = ?", [code]))
    if not found:
        raise NotFound(f"/programmes/{code}")
    return printable_page("programme_leaflet.html", programme=found[0], steps=steps)


@bp.route("/programmes/guarantee/<guarantee>")
def overview(guarantee):
    """One page per guarantee: its active programmes, each with its benefit and who is eligible."""
    if guarantee not in values("guarantee"):
        raise NotFound(f"/programmes/guarantee/{guarantee}")
    rows = store().db.query("SELECT * FROM programme WHERE json_extract(data, '$.guarantee') = ? ORDER BY code",
                            [guarantee])
    return printable_page("programme_overview.html", guarantee=guarantee, programmes=_active(rows))
