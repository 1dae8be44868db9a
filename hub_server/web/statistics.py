"""Complaint statistics (/desk/statistics): the figures of any period as tables and charts, and as CSV.

The period is two dates (from, to; the first of the year to today by default) in the district's time
zone; figures and definitions are `services.complaint_statistics`'. Seen by whoever sees the desk,
each within their scope.
"""

import datetime as dt

from flask import Blueprint, Response, current_app, g, render_template, request

from hub_server.messages import field_message
from hub_server.reports import statistics as shown
from hub_server.services import complaint_desk, complaint_statistics
from hub_server.web.district_day import district_today
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language

bp = Blueprint("statistics", __name__, url_prefix="/desk")



def _period() -> tuple:
    """(from, to, errors by field) from the query string; a date that cannot be read is refused beside it."""
    today, errors, dates = district_today(), {}, {}
    for name, default in (("from", today.replace(month=1, day=1)), ("to", today)):
        typed = (request.args.get(name) or "").strip()
        try:
            dates[name] = dt.date.fromisoformat(typed) if typed else default
        except ValueError:
            errors[name] = field_message("date_submitted", "date_format", current_language())
            dates[name] = default
    if not errors and dates["from"] > dates["to"]:
        errors["from"] = field_message("from", "stats_period", current_language())
    return dates["from"], dates["to"], errors


def _figures(session, date_from, date_to):
    found = complaint_statistics.statistics(session, g.actor, date_from=date_from, date_to=date_to,
                                            days=complaint_desk.days_per_level(current_app.config),
                                            today=district_today())
    names = complaint_desk.programme_names(session, [row.key for row in found.groups["programme"]])
    return found, names


@bp.get("/statistics")
@requires("desk.view")
def statistics_page():
    date_from, date_to, errors = _period()
    lang = current_language()
    with uow() as work:
        found, names = _figures(work.session, date_from, date_to)
    charts = {grouping: shown.chart(found, grouping, lang, names) for grouping in complaint_statistics.GROUPINGS}
    page = render_template("desk/statistics.html", active="desk", found=found, charts=charts, errors=errors,
                           groupings=complaint_statistics.GROUPINGS, figures=shown.FIGURES,
                           label=lambda grouping, key: shown.label(grouping, key, lang, names),
                           cell=lambda name, value: shown.cell(name, value, lang),
                           typed={name: request.args.get(name, "") for name in ("from", "to")})
    return page, 400 if errors else 200


@bp.get("/statistics.csv")
@requires("desk.view")
def statistics_csv():
    date_from, date_to, _errors = _period()
    with uow() as work:
        found, names = _figures(work.session, date_from, date_to)
    name = f"statistik-pengaduan-{date_from.isoformat()}-{date_to.isoformat()}.csv"
    return Response(shown.csv_text(found, current_language(), names), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
