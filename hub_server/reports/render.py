"""One monthly report rendered as an HTML body, a whole HTML document, a PDF and a CSV file.

Every label comes from the hub's catalogue in the reader's language; every figure from the report's
sections, formatted here (numbers Indonesian style in Indonesian, dates dd-mm-yyyy, times in the
district's zone with names beside codes). The CSV keeps the figures as they are (docs/reports.md).
"""

import csv
import io
from functools import partial

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from hub_server.messages import text
from hub_server.reports import charts
from hub_server.reports.numbers import MISSING, number, percent, rupiah
from schemas.choices import choice_label
from schemas.display import date_text
from schemas.local_time import local_time
from schemas.region import region_name

CSV_COLUMNS = ("area_code", "area_name", "month", "section", "row", "row_label", "measure", "measure_label", "value")
MONEY = ("amount", "per_period", "yearly", "contribution_due", "contribution_paid", "arrears", "benefit_due",
         "benefit_paid", "budget_yearly", "paid_month", "paid_year", "paid_amount")
PROGRAMME_ROWS = ("programmes", "budget", "memberships", "benefits", "claims", "use_of_funds")  # one row per programme
VOCABULARY = {"complaints": "complaint_category", "cases": "case_kind", "case_closures": "case_closure_reason",
              "migrants": "destination_country"}
ENVIRONMENT = Environment(loader=PackageLoader("hub_server.reports", "templates"), autoescape=select_autoescape(),
                          trim_blocks=True, lstrip_blocks=True)


def named(code: str) -> str:
    """A region code with its name beside it: "35.07.01 Donomulyo"."""
    return f"{code} {region_name(code) or '?'}"


def row_label(section: str, row: dict, lang: str) -> str:
    """What a row is, for people: a programme's name, a guarantee, a category, an area, a laptop."""
    key = row["key"]
    if key in ("total", "unknown"):
        return text(f"report.row.{key}", lang)
    if section in ("residents", "verification", "village_records"):
        return text(f"report.{section}.{key}", lang)
    if section == "extracts":
        return text(f"source.{key}", lang)
    if section in PROGRAMME_ROWS:
        name = row.get("name_en" if lang == "en" else "name")
        return f"{key} · {name}" if name else key
    if section == "contributions":  # a programme and who pays
        name, code = row.get("name_en" if lang == "en" else "name"), key.split("/")[0]
        return f"{code} · {name} · {text('payer.' + row['payer'], lang)}" if name else key
    if section == "coverage":
        return choice_label("guarantee", key, lang)
    if section in VOCABULARY:
        return choice_label(VOCABULARY[section], key, lang)
    if section == "devices":
        return f"{row['label']} ({key})"
    return f"{key} {row.get('name', '')}".strip()


def cell(column: str, value, lang: str, zone: str) -> str:
    """A figure as people read it."""
    if value is None:
        return MISSING
    special = _CELLS.get("money" if column in MONEY else column)
    if special is not None:
        return special(value, lang, zone)
    if isinstance(value, bool):
        return text("report.yes", lang) if value else text("report.no", lang)
    if isinstance(value, int | float):
        return number(value, lang)
    return str(value)


_CELLS = {
    "money": lambda value, lang, zone: rupiah(value, lang),
    "share": lambda value, lang, zone: percent(value, lang),
    "budget_used": lambda value, lang, zone: percent(value, lang),
    "unit": lambda value, lang, zone: text(f"unit.{value}", lang),
    "period": lambda value, lang, zone: choice_label("benefit_period", value, lang),
    "last_sync": lambda value, lang, zone: local_time(value, zone),
    "scope": lambda value, lang, zone: ", ".join(named(code) for code in value),
}


def month_name(report, lang: str) -> str:
    names = text("report.months", lang).split(",")
    return f"{names[report.period.first_day.month - 1]} {report.period.first_day.year}"


def report_title(report, lang: str) -> str:
    return text("report.title_finance", lang) if report.kind == "finance" else text("report.title", lang)


def _charts(report, lang: str) -> dict:
    if report.kind == "finance":
        return _finance_charts(report, lang)
    n = partial(number, lang=lang)
    programmes = report.sections["programmes"].rows
    complaints = [row for row in report.sections["complaints"].rows if row["key"] != "total"]
    areas = report.sections["areas"].rows
    found = {
        "programmes": charts.Chart(text("report.chart.programmes", lang),
                                   [(row["key"], row["listed"] + row["awaiting"]) for row in programmes], n),
        "coverage": charts.Chart(text("report.chart.coverage", lang),
                                 [(choice_label("guarantee", row["key"], lang), row["share"] or 0)
                                  for row in report.sections["coverage"].rows], partial(percent, lang=lang),
                                 maximum=100),
        "complaints": charts.Chart(text("report.chart.complaints", lang),
                                   [(choice_label("complaint_category", row["key"], lang), row["received"],
                                     row["settled"]) for row in complaints], n,
                                   legend=(text("report.col.received", lang), text("report.col.settled", lang))),
    }
    kinds = [row for row in report.sections["cases"].rows if row["key"] != "total"]
    found["cases"] = charts.Chart(text("report.chart.cases", lang),
                                  [(choice_label("case_kind", row["key"], lang), row["opened"], row["closed"])
                                   for row in kinds], n,
                                  legend=(text("report.col.opened", lang), text("report.col.closed", lang)))
    villages = [row for row in report.sections["taskforce"].rows if row["key"] != "total"]
    if villages:
        found["taskforce"] = charts.Chart(text("report.chart.taskforce", lang),
                                          [(row_label("taskforce", row, lang), row["referrals"], row["answered"])
                                           for row in villages], n,
                                          legend=(text("report.col.referrals", lang),
                                                  text("report.col.answered", lang)))
    if areas:
        found["areas"] = charts.Chart(text("report.chart.areas", lang),
                                      [(row_label("areas", row, lang), row["person_records_new"], row["applied"])
                                       for row in areas], n,
                                      legend=(text("report.col.person_records_new", lang),
                                              text("report.col.applied", lang)))
    return {key: Markup(charts.svg(chart)) for key, chart in found.items()}


def _finance_charts(report, lang: str) -> dict:
    """Due against paid per programme: contributions (every payer summed) and benefits."""
    money = partial(rupiah, lang=lang)
    due: dict = {}
    for row in report.sections["contributions"].rows:
        if row["key"] != "total":
            code = row["key"].split("/")[0]
            held = due.setdefault(code, [0, 0])
            held[0] += row["contribution_due"]
            held[1] += row["contribution_paid"]
    benefits = [(row["key"], row["benefit_due"], row["benefit_paid"])
                for row in report.sections["benefits"].rows if row["key"] != "total"]
    found = {}
    for key, items, legend in (("contributions", [(code, *pair) for code, pair in sorted(due.items())],
                                ("report.col.contribution_due", "report.col.contribution_paid")),
                               ("benefits", benefits, ("report.col.benefit_due", "report.col.benefit_paid"))):
        if items:
            found[key] = charts.Chart(text(f"report.chart.{key}", lang), items, money,
                                      legend=(text(legend[0], lang), text(legend[1], lang)))
    return {key: Markup(charts.svg(chart)) for key, chart in found.items()}


def body(report, lang: str = "id") -> Markup:
    """The report as an HTML fragment (headings, charts, tables, notes) for a page or a document."""
    template = ENVIRONMENT.get_template("monthly.html")
    return Markup(template.render(report=report, lang=lang, t=partial(text, lang=lang), charts=_charts(report, lang),
                                  title=report_title(report, lang),
                                  row_label=partial(row_label, lang=lang), named=named, day=date_text,
                                  month_name=month_name(report, lang),
                                  cell=partial(cell, lang=lang, zone=report.period.zone),
                                  made_at=local_time(report.made_at, report.period.zone)))


def document(report, lang: str = "id", title: str = "") -> str:
    """A whole HTML document (for the command line and the PDF): the body with the print style."""
    template = ENVIRONMENT.get_template("document.html")
    return template.render(body=body(report, lang), lang=lang, title=title or report_title(report, lang),
                           heading=f"{named(report.area.code)} · {month_name(report, lang)}")


def pdf(report, lang: str = "id", title: str = "") -> bytes:
    """The report as a PDF (A4 landscape), its charts drawn from the same SVG as the page."""
    return html_pdf(document(report, lang, title))


def html_pdf(page: str) -> bytes:
    """A whole HTML document (its styles inline: nothing is fetched) as a PDF, for reports and case files."""
    from weasyprint import HTML  # imported here: it loads pango, which the rest of the hub does not need

    return HTML(string=page).write_pdf()


def csv_text(report, lang: str = "id") -> str:
    """The report as CSV: one line per figure (CSV_COLUMNS), labels in `lang`, figures as they are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for section in report.sections.values():
        for row in section.rows:
            for column in section.columns:
                writer.writerow([report.area.code, report.area.name, report.period.month, section.key, row["key"],
                                 row_label(section.key, row, lang), column, text(f"report.col.{column}", lang),
                                 csv_value(row[column])])
    return out.getvalue()


def csv_value(value) -> str:
    """A figure as the CSV holds it: integers and decimals with a point, ISO times in UTC, true/false,
    codes separated by spaces, empty when not recorded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
