"""Reports in the admin UI (/reports): the monthly monitoring report and the monthly finance report, each as a
page, a CSV and a PDF.

One view: the area (a village, a sub-district or the district, names beside codes) and the month
are chosen on the page; `format=csv` or `format=pdf` downloads the same report. A sub-district
officer sees their sub-district and its villages only.
"""

from flask import Blueprint, Response, current_app, g, redirect, render_template, request, url_for

from hub_server.errors import Invalid
from hub_server.reports import render
from hub_server.services.reports import finance, monthly, period
from hub_server.web.guard import requires, uow
from hub_server.web.i18n import current_language, flash_refusal

bp = Blueprint("reports", __name__, url_prefix="/reports")
DOWNLOADS = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


@bp.get("/")
@requires("reports.view")
def home():
    return redirect(url_for("reports.monthly_page"))


@bp.get("/monthly")
@requires("reports.view")
def monthly_page():
    return _report_page(monthly.build, "reports.monthly_page", "laporan-bulanan")


@bp.get("/finance")
@requires("reports.view")
def finance_page():
    return _report_page(finance.build, "reports.finance_page", "laporan-keuangan")


def _report_page(build, endpoint: str, file_name: str):
    """The report `build` makes for the area and month asked (the page, or `format=csv|pdf` to download)."""
    zone, lang = current_app.config["DISPLAY_TIMEZONE"], current_language()
    with uow() as work:
        top = g.actor.area or monthly.district_of(work.session, current_app.config["DISTRICT_CODE"])
        area = (request.args.get("area") or top).strip()
        month = (request.args.get("month") or monthly.this_month(work.now(), zone)).strip()
        g.actor.require_area([area])
        try:
            report = build(work.session, area, month, now=work.now(), zone=zone)
        except Invalid as refusal:
            flash_refusal(refusal)
            report = None
    fmt = request.args.get("format", "html")
    if report is not None and fmt in DOWNLOADS:
        return _download(report, fmt, lang, file_name)
    return render_template("reports/monthly.html", active="reports", body=render.body(report, lang) if report else "",
                           choices=period.choices(top), area=area, month=month, endpoint=endpoint,
                           title=render.report_title(report, lang) if report else ""), 200 if report else 400


def _download(report, fmt: str, lang: str, file_name: str) -> Response:
    content = render.csv_text(report, lang) if fmt == "csv" else render.pdf(report, lang)
    name = f"{file_name}-{report.area.code}-{report.period.month}.{fmt}"
    return Response(content, mimetype=DOWNLOADS[fmt], headers={"Content-Disposition": f'attachment; filename="{name}"'})
