"""The monthly report in the admin UI and on the command line: the page with its pickers, the CSV and the PDF
downloads, both languages, an officer's area, and `sws-hub report monthly`."""

import csv
import io

import pytest
from click.testing import CliRunner

from hub_server.cli import main as hub_cli
from tests.integration import report_data as data
from tests.integration.test_monthly_report import page_cells

PAGE = "/reports/monthly?area=35.07.01&month=2026-03"


@pytest.fixture
def hub(app, database, tmp_path):
    data.build(database, tmp_path)
    return database


def test_the_page_has_pickers_charts_and_the_figures_in_both_languages(hub, client, hub_users):
    assert client.get(PAGE).status_code == 302  # log in first
    hub_users.login(client)
    page = client.get(PAGE).get_data(as_text=True)
    assert 'href="/reports/"' in page or 'href="/reports/monthly"' in page  # in the navigation
    assert '<option value="35.07.01" selected>35.07.01 Donomulyo</option>' in page
    assert "35.07.01.2001 Tulungrejo" in page and 'value="2026-03"' in page
    assert page.count("<svg") == 6 and "Maret 2026 (01-03-2026 – 31-03-2026)" in page
    cells = page_cells(page)
    assert cells[("budget", "total", "yearly")] == "Rp10.200.000" and cells[("coverage", "health", "share")] == "71,4%"
    assert cells[("taskforce", "total", "informed")] == "51" and "Rujukan ke LTSA per desa" in page
    hub_users.post(client, "/language", lang="en", next=PAGE)
    english = page_cells(client.get(PAGE).get_data(as_text=True))
    assert english[("budget", "total", "yearly")] == "Rp10,200,000" and english[("programmes", "OLD-D", "enrolled")] \
        == "1"


def test_the_downloads_hold_the_page_figures(hub, client, hub_users):
    hub_users.login(client)
    cells = page_cells(client.get(PAGE).get_data(as_text=True))
    response = client.get(PAGE + "&format=csv")
    assert response.mimetype == "text/csv" and "laporan-bulanan-35.07.01-2026-03.csv" in response.headers[
        "Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert {(line["section"], line["row"], line["measure"]) for line in lines} == set(cells)
    pdf = client.get(PAGE + "&format=pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")


def test_a_sub_district_officer_reports_on_their_own_area_only(hub, client, hub_users):
    password = hub_users.add("camat.pagak", "sub_district_officer", area="35.07.02")
    hub_users.login(client, "camat.pagak", password)
    own = client.get("/reports/monthly?month=2026-03")
    assert own.status_code == 200 and "35.07.02 Pagak" in own.get_data(as_text=True)
    assert "35.07.01 Donomulyo" not in own.get_data(as_text=True)  # not offered
    assert client.get(PAGE).status_code == 403


def test_a_wrong_month_is_refused_on_the_page_naming_the_field(hub, client, hub_users):
    hub_users.login(client)
    refused = client.get("/reports/monthly?area=35.07.01&month=2026-13")
    assert refused.status_code == 400 and "2026-13 bukan bulan berbentuk TTTT-BB" in refused.get_data(as_text=True)


def test_the_command_line_writes_the_same_report(hub, app, tmp_path):
    env = {"SWS_HUB_DATA_DIR": app.config["DATA_DIR"], "SWS_HUB_DATABASE_URL": app.config["DATABASE_URL"]}
    runner = CliRunner(env=env)
    written = runner.invoke(hub_cli, ["report", "monthly", "--area", "35.07", "--month", "2026-03", "--format", "csv",
                                      "--lang", "en"], catch_exceptions=False)
    assert written.exit_code == 0, written.output
    values = {(line["section"], line["row"], line["measure"]): line["value"]
              for line in csv.DictReader(io.StringIO(written.output))}
    assert values[("budget", "total", "yearly")] == "15600000"
    out = tmp_path / "report.pdf"
    made = runner.invoke(hub_cli, ["report", "monthly", "--area", "35.07.01.2001", "--month", "2026-03", "--format",
                                   "pdf", "--output", str(out)], catch_exceptions=False)
    assert made.exit_code == 0 and out.read_bytes().startswith(b"%PDF")
    wrong = runner.invoke(hub_cli, ["report", "monthly", "--area", "35", "--month", "2026-03"])
    assert wrong.exit_code == 1 and "area" in wrong.output
