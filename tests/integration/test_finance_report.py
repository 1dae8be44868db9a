"""The monthly finance report (to BPJS, and the district's use of funds) against values worked out by hand,
on a migrated hub with three memberships and imported payment files (SQLite, and PostgreSQL when reachable);
its page, CSV, PDF and command."""

import csv
import datetime as dt
import io

from alembic import command
from click.testing import CliRunner
from sqlalchemy import select, text

import migrations
from hub_server.models.payments import Membership
from hub_server.reports import render
from hub_server.services import payment_import
from hub_server.services.reports import finance
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_payment_import import members  # noqa: F401
from tests.integration.test_reconciliation import ACTOR, paid

NOW = dt.datetime(2026, 5, 2, tzinfo=dt.UTC)


def report(database, area: str, month: str):
    with database.uow() as uow:
        return finance.build(uow.session, area, month, now=NOW, zone="Asia/Jakarta")


def rows(found, section: str) -> dict:
    return {row["key"]: {column: row[column] for column in found.sections[section].columns}
            for row in found.sections[section].rows}


# The fixture: members A and B of BPJS-K3 paying themselves Rp25.500 a month, C of JSLU (Rp200.000 a month, paid by
# the state), all from January 2026. A paid January to March; B paid Rp25.000 for March only; C was paid for April.
def test_march_for_the_district_worked_out_by_hand(database, members, tmp_path):  # noqa: F811
    paid(database, tmp_path, members)
    found = report(database, "35.07", "2026-03")
    assert tuple(found.sections) == finance.SECTIONS and found.kind == "finance"
    assert rows(found, "memberships") == {"BPJS-K3": {"enrolled": 2, "started": 0, "ended": 0},
                                          "JSLU": {"enrolled": 1, "started": 0, "ended": 0},
                                          "total": {"enrolled": 3, "started": 0, "ended": 0}}
    # Due 2 x 25.500; paid 25.500 + 25.000; B owes January and February in full and 500 of March.
    k3 = {"members": 2, "contribution_due": 51000, "contribution_paid": 50500, "arrears": 51500,
          "members_in_arrears": 1}
    assert rows(found, "contributions") == {"BPJS-K3/self": k3, "total": k3}
    jslu = {"members": 1, "benefit_due": 200000, "benefit_paid": 0, "members_unpaid": 1}
    assert rows(found, "benefits") == {"JSLU": jslu, "total": jslu}
    # No list was published (no budget) and no public money was paid for March: K3 members pay themselves.
    assert rows(found, "use_of_funds") == {"total": {"budget_yearly": 0, "paid_month": 0, "paid_year": 0,
                                                     "budget_used": None}}


def test_april_counts_the_public_money_paid_and_a_village_sees_its_own_members(database, members, tmp_path):  # noqa: F811
    paid(database, tmp_path, members)
    april = report(database, "35.07", "2026-04")
    assert rows(april, "use_of_funds")["JSLU"] == {"budget_yearly": 0, "paid_month": 200000, "paid_year": 200000,
                                                   "budget_used": None}
    assert rows(april, "contributions")["BPJS-K3/self"]["arrears"] == 25500 + 77000  # nobody paid for April
    with database.uow() as uow:
        village = uow.session.scalar(select(Membership.village_code).where(Membership.number == "0003"))
    own = report(database, village, "2026-04")
    assert rows(own, "memberships")["JSLU"]["enrolled"] == 1
    assert rows(own, "benefits")["JSLU"]["benefit_paid"] == 200000


def test_the_yearly_budget_the_lists_imply():
    jslu = {"amount": 200000, "period": "monthly", "contribution": None}
    pbi = {"amount": None, "period": None, "contribution": {"amount": 25500, "period": "monthly",
                                                            "payers": ["state", "district"]}}
    k3 = {"amount": None, "period": None, "contribution": {"amount": 25500, "period": "monthly", "payers": ["self"]}}
    kube = {"amount": 2000000, "period": "once", "contribution": None}
    assert finance.yearly_budget(jslu, 3) == 7_200_000
    assert finance.yearly_budget(pbi, 10) == 3_060_000
    assert finance.yearly_budget(k3, 10) is None  # the members' own money
    assert finance.yearly_budget(kube, 2) == 4_000_000


def test_the_page_the_csv_and_the_pdf_hold_the_same_figures(app, database, members, tmp_path, client,  # noqa: F811
                                                             hub_users):
    paid(database, tmp_path, members)
    hub_users.login(client)
    client.post("/language", data={"lang": "en", "csrf_token": hub_users.csrf(client), "next": "/"})
    page = client.get("/reports/finance?area=35.07&month=2026-03").get_data(as_text=True)
    assert "<h1>Monthly finance report</h1>" in page and page.count("<svg") == 2
    assert "BPJS-K3 · " in page and "The member" in page and "Rp51,500" in page
    assert 'href="/reports/monthly?area=35.07&amp;month=2026-03"' in page  # the other report, same area and month
    answer = client.get("/reports/finance?area=35.07&month=2026-03&format=csv")
    assert "laporan-keuangan-35.07-2026-03.csv" in answer.headers["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    arrears = [line for line in lines if line["section"] == "contributions" and line["row"] == "BPJS-K3/self"
               and line["measure"] == "arrears"]
    assert [line["value"] for line in arrears] == ["51500"]
    document = client.get("/reports/finance?area=35.07&month=2026-03&format=pdf")
    assert document.mimetype == "application/pdf" and document.data.startswith(b"%PDF")
    refused = client.get("/reports/finance?area=35.07&month=2026-13")
    assert refused.status_code == 400 and "2026-13" in refused.get_data(as_text=True)


def test_the_command_writes_the_report(app, database, members, tmp_path, monkeypatch):  # noqa: F811
    from hub_server.cli import main

    paid(database, tmp_path, members)
    runner = CliRunner(env={"SWS_HUB_DATABASE_URL": app.config["DATABASE_URL"]})
    out = tmp_path / "keuangan.csv"
    result = runner.invoke(main, ["--data-dir", app.config["DATA_DIR"], "report", "finance", "--area", "35.07",
                                  "--month", "2026-03", "--format", "csv", "--output", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "contributions,BPJS-K3/self," in text and ",Members in arrears,1" in text


def test_the_report_renders_in_both_languages(database, members, tmp_path):  # noqa: F811
    paid(database, tmp_path, members)
    found = report(database, "35.07", "2026-03")
    indonesian, english = render.document(found, "id"), render.document(found, "en")
    assert "Laporan keuangan bulanan" in indonesian and "Rp51.500" in indonesian and "Peserta sendiri" in indonesian
    assert "Monthly finance report" in english and "Members in arrears" in english


# The payments summed one by one, as the use of funds read them before the import kept their totals.
SUMMED = ("SELECT p.period, p.kind, coalesce(p.payer, ''), m.programme_code, coalesce(m.village_code, ''), count(*), "
          "sum(p.amount) FROM payments p JOIN memberships m ON m.id = p.membership_id "
          "GROUP BY p.period, p.kind, coalesce(p.payer, ''), m.programme_code, coalesce(m.village_code, '')")
KEPT = "SELECT period, kind, payer, programme_code, village_code, payments, amount FROM payment_totals"


def _rows(database, statement: str) -> list:
    with database.engine.connect() as connection:
        return sorted(tuple(str(value) for value in row) for row in connection.execute(text(statement)))


def test_the_totals_the_import_keeps_are_the_payments_summed_and_a_file_imported_again_adds_nothing(
        database, members, tmp_path):  # noqa: F811
    paid(database, tmp_path, members)
    kept = _rows(database, KEPT)
    assert kept == _rows(database, SUMMED)
    # A's three months and B's March (each in their own village), self-paid; C's April, paid by the state.
    assert sorted(row[:3] + row[5:] for row in kept) == [
        ("2026-01-01", "contribution", "self", "1", "25500"), ("2026-02-01", "contribution", "self", "1", "25500"),
        ("2026-03-01", "contribution", "self", "1", "25000"), ("2026-03-01", "contribution", "self", "1", "25500"),
        ("2026-04-01", "benefit", "", "1", "200000")]
    with database.uow() as uow:
        again = payment_import.import_file(uow, "contribution", tmp_path / "c.csv", actor=ACTOR)
    assert again.unchanged == 4 and _rows(database, KEPT) == kept


def test_the_upgrade_fills_the_totals_from_the_payments_held(database, members, tmp_path):  # noqa: F811
    paid(database, tmp_path, members)
    kept = _rows(database, KEPT)
    with database.engine.begin() as connection:  # back to the schema before the totals, payments kept
        command.downgrade(migrations.alembic_config(connection), "0026")
    migrations.upgrade(database.engine)
    assert _rows(database, KEPT) == kept != []
