"""The monthly monitoring report's figures against values worked out by hand (tests/integration/report_data.py),
for a village, a sub-district and the district, on SQLite and PostgreSQL; and the page, the CSV and the PDF
holding the same figures."""

import csv
import io
import re
from html.parser import HTMLParser

import pytest

from hub_server.errors import Invalid
from hub_server.reports import render
from hub_server.services.reports import monthly
from tests.integration import report_data as data
from tests.integration.test_population_support import population_db, wipe  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def hub(population_db, tmp_path_factory):  # noqa: F811
    wipe(population_db)
    data.build(population_db, tmp_path_factory.mktemp("extracts"))
    return population_db


def report(hub, area: str, month: str = data.MONTH):
    with hub.uow() as uow:
        return monthly.build(uow.session, area, month, now=data.MADE, zone="Asia/Jakarta")


def column(found, section: str, name: str) -> dict:
    return {row["key"]: row[name] for row in found.sections[section].rows}


# Worked out by hand: (village V1, sub-district Donomulyo, district) for each figure.
EXPECTED = {
    ("residents", "residents", "count"): (4, 7, 8),
    ("residents", "verified_source", "count"): (3, 5, 6),
    ("residents", "confirmed", "count"): (1, 1, 1),
    ("residents", "awaiting", "count"): (0, 1, 1),
    ("residents", "households", "count"): (1, 2, 3),
    ("village_records", "person", "new"): (2, 2, 2),  # Eko arrived on 1 April in WIB
    ("village_records", "household", "updated"): (0, 1, 1),
    ("village_records", "household", "new"): (0, 0, 0),  # made in February
    ("verification", "joined", "count"): (1, 1, 1),
    ("verification", "confirmed_in_month", "count"): (1, 1, 1),
    ("verification", "awaiting", "count"): (0, 1, 1),
    ("extracts", "ektp", "imports"): (1, 1, 1),
    ("extracts", "ektp", "rows_loaded"): (6, 6, 6),
    ("extracts", "welfare", "rows_loaded"): (3, 3, 3),
    ("extracts", "kk", "households"): (1, 2, 3),
    ("extracts", "welfare", "households"): (1, 2, 3),
    ("extracts", "census", "imports"): (0, 0, 0),
    ("programmes", "OLD-D", "listed"): (2, 2, 3),
    ("programmes", "OLD-D", "awaiting"): (0, 1, 1),
    ("programmes", "OLD-D", "added"): (2, 3, 4),
    ("programmes", "OLD-D", "applied"): (1, 1, 1),
    ("programmes", "OLD-D", "approved"): (1, 1, 1),
    ("programmes", "OLD-D", "open"): (0, 1, 1),  # Joko's, from February
    ("programmes", "HH-N", "listed"): (1, 1, 2),
    ("programmes", "HH-N", "applied"): (0, 0, 1),
    ("programmes", "HH-N", "rejected"): (0, 0, 0),  # rejected in April
    ("programmes", "HEALTH", "listed"): (3, 5, 6),
    ("programmes", "HEALTH", "proposed"): (1, 2, 2),
    ("programmes", "HEALTH", "enrolled"): (0, 0, 0),
    ("programmes", "OLD-D", "enrolled"): (1, 1, 1),  # Budi, from 20 March
    ("programmes", "OLD-D", "paid"): (1, 1, 1),  # his March benefit, paid on 28 March
    ("coverage", "old_age", "enrolled"): (1, 1, 1),
    ("coverage", "old_age", "paid"): (1, 1, 1),
    ("coverage", "health", "enrolled"): (0, 0, 0),
    ("coverage", "health", "target"): (4, 7, 8),
    ("coverage", "health", "covered"): (3, 5, 6),
    ("coverage", "health", "share"): (75.0, 71.4, 75.0),
    ("coverage", "children", "covered"): (1, 1, 1),
    ("coverage", "children", "target"): (1, 1, 1),
    ("coverage", "working_age", "target"): (1, 3, 3),
    ("coverage", "working_age", "covered"): (0, 0, 0),
    ("coverage", "old_age", "target"): (2, 3, 4),
    ("coverage", "old_age", "covered"): (2, 3, 4),
    ("budget", "OLD-D", "beneficiaries"): (2, 3, 4),
    ("budget", "OLD-D", "per_period"): (400_000, 600_000, 800_000),
    ("budget", "OLD-D", "yearly"): (4_800_000, 7_200_000, 9_600_000),
    ("budget", "HH-N", "per_period"): (750_000, 750_000, 1_500_000),
    ("budget", "HH-N", "yearly"): (3_000_000, 3_000_000, 6_000_000),
    ("budget", "HEALTH", "yearly"): (None, None, None),
    ("budget", "total", "yearly"): (7_800_000, 10_200_000, 15_600_000),
    ("complaints", "total", "received"): (1, 3, 3),
    ("complaints", "total", "settled"): (1, 2, 2),
    ("complaints", "service_quality", "average_days"): (None, 7.0, 7.0),
    ("complaints", "total", "open"): (1, 2, 3),
    ("complaints", "total", "overdue"): (1, 1, 2),
    ("complaints", "inclusion_error", "average_days"): (10.0, 10.0, 10.0),
    ("complaints", "exclusion_error", "overdue"): (0, 0, 1),
    ("complaints", "payment_delay", "received"): (0, 1, 1),
    ("cases", "total", "opened"): (1, 1, 2),
    ("cases", "total", "active"): (1, 2, 3),
    ("cases", "total", "closed"): (1, 1, 1),
    ("cases", "total", "referrals"): (1, 2, 2),
    ("cases", "total", "answered"): (1, 1, 1),
    ("cases", "total", "first_actions"): (1, 2, 2),
    ("cases", "total", "first_action_average"): (2.0, 10.0, 10.0),
    ("cases", "returnee", "opened"): (1, 1, 1),
    ("cases", "crisis", "opened"): (0, 0, 1),
    ("cases", "household_plan", "active"): (0, 1, 1),
    ("cases", "prospective_migrant", "active"): (1, 1, 1),
    ("case_closures", "plan_completed", "closed"): (1, 1, 1),
    ("case_closures", "declined", "closed"): (0, 0, 0),
    ("migrants", "TW", "pre_departure"): (1, 1, 1),  # abroad only from 1 April
    ("migrants", "TW", "abroad"): (0, 0, 0),
    ("migrants", "HK", "returned"): (0, 0, 0),  # K1 was closed on 20 March
    ("migrants", "total", "total"): (1, 1, 1),
    ("taskforce", "total", "sessions"): (2, 3, 3),
    ("taskforce", "total", "men"): (17, 20, 20),
    ("taskforce", "total", "women"): (27, 31, 31),
    ("taskforce", "total", "informed"): (44, 51, 51),
    ("taskforce", "total", "named"): (2, 2, 2),
    ("taskforce", "total", "referrals"): (1, 1, 1),  # K1's, on 5 March
    ("taskforce", "total", "answered"): (1, 1, 1),  # K1's, served on 12 March
    ("taskforce", "total", "open"): (1, 1, 1),  # K4's, from February
    ("taskforce", data.V1, "sessions"): (2, 2, 2),
    ("taskforce", data.V1, "open"): (1, 1, 1),
}
AREAS = (data.V1, "35.07.01", "35.07")


@pytest.mark.parametrize("level", [0, 1, 2], ids=["village", "sub_district", "district"])
def test_the_figures_are_those_worked_out_by_hand(hub, level):
    found = report(hub, AREAS[level])
    assert found.area.level == ("village", "sub_district", "district")[level]
    assert tuple(found.sections) == monthly.SECTIONS
    wrong = {key: (found.figure(*key), expected[level]) for key, expected in EXPECTED.items()
             if found.figure(*key) != expected[level]}
    assert wrong == {}


def test_people_an_extract_added_are_counted_once_whichever_extract_wrote_them_last(hub):
    found = report(hub, "35.07")
    assert sum(column(found, "extracts", "people").values()) == 6  # Dewi and Eko came from villages


def test_each_laptop_of_the_area_with_its_last_sync_refusals_and_forks(hub):
    village, district = report(hub, data.V1), report(hub, "35.07")
    assert [row["key"] for row in village.sections["devices"].rows] == [data.D1, data.D3]  # D3 serves Donomulyo
    rows = {row["key"]: row for row in district.sections["devices"].rows}
    assert {key: (row["received"], row["refused"], row["requests_refused"], row["forks"], row["stale"])
            for key, row in rows.items()} == {data.D1: (4, 1, 0, 0, False), data.D2: (1, 0, 1, 1, True),
                                              data.D3: (0, 0, 0, 0, True), data.D4: (1, 0, 0, 0, False)}
    assert rows[data.D4]["revoked"] and rows[data.D1]["last_sync"].date().isoformat() == "2026-03-30"


def test_a_sub_district_report_breaks_the_figures_down_by_village(hub):
    rows = {row["key"]: row for row in report(hub, "35.07.01").sections["areas"].rows}
    assert len(rows) == 10 and rows[data.V1]["name"] == "Tulungrejo"
    assert {name: rows[data.V1][name] for name in monthly.AREA_COLUMNS} == {
        "residents": 4, "households": 1, "awaiting": 0, "joined": 1, "person_records_new": 2, "listed": 6,
        "applied": 1, "complaints_received": 1}
    assert (rows[data.V2]["awaiting"], rows[data.V2]["listed"], rows[data.V2]["complaints_received"]) == (1, 3, 2)


def test_april_holds_what_happened_after_midnight_of_31_march_in_wib(hub):
    april = report(hub, data.V2, "2026-04")
    assert april.figure("village_records", "person", "new") == 1
    assert april.figure("verification", "joined", "count") == 1
    assert report(hub, data.V3, "2026-04").figure("programmes", "HH-N", "rejected") == 1


@pytest.mark.parametrize(("area", "month", "field"), [("35", "2026-03", "area"), ("35.07.99", "2026-03", "area"),
                                                      ("abc", "2026-03", "area"), ("35.07", "2026-13", "month"),
                                                      ("35.07", "March", "month")])
def test_a_wrong_area_or_month_is_refused_naming_the_field(hub, area, month, field):
    with pytest.raises(Invalid) as refused:
        report(hub, area, month)
    assert [error.field for error in refused.value.errors] == [field]


class Cells(HTMLParser):
    """{(section, row, measure): text} of the report tables in an HTML page."""

    def __init__(self):
        super().__init__()
        self.found, self.where, self.measure = {}, [None, None], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-section" in attrs:
            self.where[0] = attrs["data-section"]
        elif tag == "tr" and "data-row" in attrs:
            self.where[1] = attrs["data-row"]
        elif tag == "td" and "data-measure" in attrs:
            self.measure = attrs["data-measure"]
            self.found[(*self.where, self.measure)] = ""

    def handle_endtag(self, tag):
        if tag == "td":
            self.measure = None

    def handle_data(self, text):
        if self.measure:
            self.found[(*self.where, self.measure)] += text


def page_cells(html: str) -> dict:
    parser = Cells()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_page_shows_every_figure_in_the_readers_language(hub, lang):
    found = report(hub, "35.07.01")
    cells = page_cells(str(render.body(found, lang)))
    expected = {(section.key, row["key"], name): render.cell(name, row[name], lang, "Asia/Jakarta")
                for section in found.sections.values() for row in section.rows for name in section.columns}
    assert cells == expected
    assert cells[("budget", "total", "yearly")] == ("Rp10.200.000" if lang == "id" else "Rp10,200,000")
    assert cells[("coverage", "health", "share")] == ("71,4%" if lang == "id" else "71.4%")


def test_the_csv_holds_the_same_figures_in_its_documented_layout(hub):
    found = report(hub, "35.07")
    lines = list(csv.DictReader(io.StringIO(render.csv_text(found, "id"))))
    assert tuple(lines[0]) == render.CSV_COLUMNS
    values = {(line["section"], line["row"], line["measure"]): line["value"] for line in lines}
    assert {line["area_code"] for line in lines} == {"35.07"} and {line["month"] for line in lines} == {"2026-03"}
    for (section, row, measure), expected in EXPECTED.items():
        assert values[(section, row, measure)] == ("" if expected[2] is None else str(expected[2]))
    assert values[("devices", data.D1, "last_sync")] == "2026-03-30T02:00:00+00:00"


def test_the_pdf_holds_the_same_figures_as_the_page(hub):
    from pypdf import PdfReader

    found = report(hub, "35.07.01")
    pdf = render.pdf(found, "id")
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    for section in ("residents", "village_records", "verification", "programmes", "coverage", "budget", "complaints"):
        for row in found.sections[section].rows:
            line = " ".join([render.row_label(section, row, "id"),
                             *(render.cell(name, row[name], "id", "Asia/Jakarta")
                               for name in found.sections[section].columns)])
            assert re.sub(r"\s+", " ", line) in text, line


def test_the_task_force_rows_are_the_villages_with_activity_by_name(hub):
    rows = report(hub, "35.07").sections["taskforce"].rows
    assert [(row["key"], row.get("name")) for row in rows] == [(data.V1, "Tulungrejo"), (data.V2, "Banjarejo"),
                                                               ("total", None)]
    assert (rows[1]["men"], rows[1]["women"], rows[1]["referrals"], rows[1]["open"]) == (3, 4, 0, 0)
