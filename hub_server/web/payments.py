"""Reconciliation in the admin UI (/payments/reconciliation): due against paid per member, payer and month.

The month's totals per programme and payer, then one line per member, a page at a time, filtered by
programme, status and flagged (in arrears, or a benefit expected and not paid); the same lines as CSV.
The database computes the totals and the one page shown: a district has millions of members.
"""


from flask import Blueprint, Response, g, render_template

from hub_server.errors import Invalid
from hub_server.services import catalogue, reconciliation
from hub_server.web import paging as web_paging
from hub_server.web.district_day import district_today
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import errors_by_field

bp = Blueprint("payments", __name__, url_prefix="/payments")


def _filters() -> dict:
    default = district_today().replace(day=1).isoformat()[:7]
    return {"month": web_paging.arg("month") or default, "programme": web_paging.arg("programme").upper(),
            "status": web_paging.arg("status"), "flagged": web_paging.arg("flagged")}


def _lines(session, filters: dict):
    month = reconciliation.month_of(filters["month"])
    found = reconciliation.lines(session, month, programme_code=filters["programme"] or None, area=g.actor.area)
    return month, found


@bp.get("/reconciliation")
@requires("reports.view")
def reconciliation_page():
    filters, errors = _filters(), {}
    with uow() as work:
        programmes = [(item.code, item.name) for item in catalogue.programmes(work.session)]
        try:
            month = reconciliation.month_of(filters["month"])
        except Invalid as refusal:
            month, errors = None, errors_by_field(refusal)
        totals, page = [], None
        if month:  # the database computes the totals and the one page shown
            scope = {"programme_code": filters["programme"] or None, "area": g.actor.area}
            totals = reconciliation.month_totals(work.session, month, **scope)
            page = reconciliation.page(work.session, month, web_paging.order("programme"), **scope,
                                       status=filters["status"] or None, flagged=bool(filters["flagged"]))
    return render_template("payments/reconciliation.html", active="reconciliation", page=page, totals=totals,
                           filters=filters, month=month, errors=errors, programmes=programmes,
                           names=dict(programmes), statuses=reconciliation.STATUSES), 400 if errors else 200


@bp.get("/reconciliation.csv")
@requires("reports.view")
def reconciliation_csv():
    filters = _filters()
    with uow() as work:
        month, found = _lines(work.session, filters)
    name = f"reconciliation-{month.isoformat()[:7]}.csv"
    return Response(reconciliation.csv_text(found, month), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
