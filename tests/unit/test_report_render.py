"""The report's renderers without a database: numbers in each language, SVG charts, and a label in the
catalogue for every section, row and column the report can hold."""

import xml.etree.ElementTree as ET

import pytest

from hub_server.messages import CATALOGUE
from hub_server.reports import charts
from hub_server.reports.numbers import number, percent, rupiah
from hub_server.services.reports import monthly, sync_health
from schemas.choices import values


def test_numbers_read_indonesian_style_in_indonesian_and_english_style_in_english():
    assert (number(1234567, "id"), number(1234567, "en")) == ("1.234.567", "1,234,567")
    assert (percent(71.4, "id"), percent(71.4, "en"), percent(None, "id")) == ("71,4%", "71.4%", "—")
    assert (rupiah(10_200_000, "id"), number(10.0, "id"), number(0, "en")) == ("Rp10.200.000", "10,0", "0")


def test_a_chart_is_well_formed_svg_with_escaped_labels_and_one_bar_per_value():
    chart = charts.Chart("Pengaduan <bulan ini>", [("Salah & benar", 3, 1), ("Lain", 0, 2)], str, legend=("a", "b"))
    root = ET.fromstring(charts.svg(chart))
    assert root.tag.endswith("svg") and root.get("aria-label") == "Pengaduan <bulan ini>"
    bars = [rect for rect in root.iter("{http://www.w3.org/2000/svg}rect") if rect.get("height") == str(charts.BAR)]
    assert len(bars) == 4 and float(bars[0].get("width")) > float(bars[1].get("width")) > 0
    assert "—" in charts.svg(charts.Chart("Kosong", [], str))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_section_row_and_column_has_a_label_in_both_languages(lang):
    columns = {"row", "count", "new", "updated", "imports", "rows_loaded", "people", "households", "target",
               "covered", "share", "amount", "period", "beneficiaries", "per_period", "yearly", "average_days",
               *monthly.PROGRAMME_COLUMNS, *monthly.AREA_COLUMNS, *sync_health.FIGURES, "label", "scope", "last_sync",
               "stale", "revoked", "received", "settled", "open", "overdue"}
    keys = {f"report.section.{key}" for key in monthly.SECTIONS} | {f"report.about.{key}" for key in monthly.SECTIONS}
    keys |= {f"report.col.{column}" for column in columns} | {f"report.level.{level}" for level in
                                                              ("village", "sub_district", "district")}
    keys |= {f"report.residents.{row}" for row in monthly.RESIDENT_ROWS}
    keys |= {f"report.verification.{row}" for row in monthly.VERIFICATION_ROWS}
    keys |= {"report.village_records.person", "report.village_records.household", "report.row.total"}
    assert {key for key in keys if key not in CATALOGUE or not CATALOGUE[key][lang]} == set()
    assert len(CATALOGUE["report.months"][lang].split(",")) == 12 and values("guarantee")
