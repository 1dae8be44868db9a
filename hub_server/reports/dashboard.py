"""The dashboard's charts, drawn on the server as the report's are (`charts.py`): laptops by time since their last
sync, people listed per programme, and the share of each guarantee's target group its lists cover."""

from functools import partial

from markupsafe import Markup

from hub_server.messages import text
from hub_server.reports import charts
from hub_server.reports.numbers import number, percent
from schemas.choices import choice_label


def chart_svgs(found: dict, lang: str) -> dict:
    """{"sync", "programmes", "coverage"}: SVG of the parts the dashboard holds (`services.dashboard.build`)."""
    n = partial(number, lang=lang)
    drawn = {}
    if "sync" in found:
        drawn["sync"] = charts.Chart(text("dash.chart.sync", lang),
                                     [(text(f"dash.bucket.{name}", lang), count)
                                      for name, count in found["sync"]["buckets"].items()], n)
    coverage = found.get("coverage")
    if coverage:
        name = "name_en" if lang == "en" else "name"
        drawn["programmes"] = charts.Chart(text("dash.chart.programmes", lang),
                                           [(f"{row['code']} · {row[name]}", row["listed"])
                                            for row in coverage["programmes"]], n)
        if coverage["guarantees"]:
            drawn["coverage"] = charts.Chart(text("report.chart.coverage", lang),
                                             [(choice_label("guarantee", row["key"], lang), row["share"] or 0)
                                              for row in coverage["guarantees"]], partial(percent, lang=lang),
                                             maximum=100)
    return {key: Markup(charts.svg(chart)) for key, chart in drawn.items()}
