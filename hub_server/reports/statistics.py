"""Complaint statistics for people: each group's label, a bar chart per grouping and the CSV file.

The figures are `services.complaint_statistics`' (plain numbers); here they get labels in the reader's
language (categories and levels by name, programmes by name beside their code, areas by name beside
their code) and are drawn with the monthly report's charts (`reports.charts`), so the page and the
CSV hold the same figures.
"""

import csv
import io
from functools import partial

from markupsafe import Markup

from hub_server.messages import text
from hub_server.reports import charts
from hub_server.reports.numbers import number, percent
from schemas.choices import choice_label
from schemas.region import region_name

CSV_COLUMNS = ("date_from", "date_to", "grouping", "key", "label", "received", "settled", "share_settled",
               "mean_days", "median_days", "overdue")
FIGURES = ("received", "settled", "share_settled", "mean_days", "median_days", "overdue")


def label(grouping: str, key, lang: str, programmes: dict) -> str:
    """What a group is: a category or level by name, a programme's code and name, an area's name and code."""
    if grouping == "total":
        return text("stats.total", lang)
    if grouping == "category":
        return choice_label("complaint_category", key, lang)
    if grouping == "level":
        return choice_label("escalation_level", key, lang)
    if grouping == "programme":
        return f"{key} · {programmes[key]}" if programmes.get(key) else key or text("stats.no_programme", lang)
    return f"{region_name(key) or '?'} ({key})"


def chart(found, grouping: str, lang: str, programmes: dict) -> Markup:
    """Received and settled side by side, one pair of bars per group."""
    items = [(label(grouping, row.key, lang, programmes), row.received, row.settled)
             for row in found.groups[grouping]]
    drawn = charts.Chart(text(f"stats.by.{grouping}", lang), items, partial(number, lang=lang),
                         legend=(text("stats.col.received", lang), text("stats.col.settled", lang)))
    return Markup(charts.svg(drawn))


def cell(name: str, value, lang: str) -> str:
    """A figure as people read it: counts as integers, the share in percent and days with one decimal, "—" when
    there is none."""
    if name == "share_settled":
        return percent(value, lang)
    return number(value, lang) if not isinstance(value, float) else number(round(value, 1), lang)


def csv_text(found, lang: str, programmes: dict) -> str:
    """One line per group of each grouping, then the total; figures as they are (a point for decimals,
    empty when there is none), labels in `lang`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    period = [day.isoformat() if day else "" for day in (found.date_from, found.date_to)]
    lines = [(grouping, row) for grouping, rows in found.groups.items() for row in rows] + [("total", found.total)]
    for grouping, row in lines:
        writer.writerow([*period, grouping, row.key or "", label(grouping, row.key, lang, programmes),
                         *(_csv_value(getattr(row, name)) for name in FIGURES)])
    return out.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    return f"{value:.1f}" if isinstance(value, float) else str(value)
