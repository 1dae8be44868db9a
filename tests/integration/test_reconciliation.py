"""Reconciliation: due against paid per member, payer and month, on a fixed set computed by hand;
arrears and benefits expected and not paid flagged; the page and its CSV."""

import datetime as dt

from hub_server.services import payment_import, reconciliation
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_payment_import import ACTOR, members, write  # noqa: F401

MARCH = dt.date(2026, 3, 1)


def paid(database, tmp_path, members):  # noqa: F811
    a, b, c = members
    contributions = write(tmp_path, "c.csv", [f"BRI/{month}/A,{a},0001,BPJS-K3,2026-{month},2026-{month}-05,25500,self"
                                              for month in ("01", "02", "03")]
                          + [f"BRI/03/B,{b},0002,BPJS-K3,2026-03,2026-03-05,25000,self"])
    benefits = write(tmp_path, "b.csv", [f"POS/04/C,{c},0003,JSLU,2026-04,2026-04-10,200000"],
                     header="reference,nik,membership_number,programme,period,paid_on,amount\n")
    with database.uow() as uow:
        payment_import.import_file(uow, "contribution", contributions, actor=ACTOR)
    with database.uow() as uow:
        payment_import.import_file(uow, "benefit", benefits, actor=ACTOR)


def test_a_month_reconciled_by_member_payer_and_programme(database, members, tmp_path):  # noqa: F811
    paid(database, tmp_path, members)
    with database.uow() as uow:
        march = reconciliation.lines(uow.session, MARCH)
        april = reconciliation.lines(uow.session, dt.date(2026, 4, 1))
    found = {line.number: (line.kind, line.due, line.paid, line.status, line.arrears, line.flagged) for line in march}
    assert found == {"0001": ("contribution", 25500, 25500, "paid", 0, False),
                     "0002": ("contribution", 25500, 25000, "partial", 51500, True),
                     "0003": ("benefit", 200000, 0, "unpaid", 0, True)}
    assert reconciliation.totals(march) == [
        {"programme_code": "BPJS-K3", "payer": "self", "kind": "contribution", "members": 2, "due": 51000,
         "paid": 50500, "flagged": 1, "arrears": 51500},
        {"programme_code": "JSLU", "payer": "state", "kind": "benefit", "members": 1, "due": 200000, "paid": 0,
         "flagged": 1, "arrears": 0}]
    in_april = {line.number: (line.status, line.arrears, line.flagged) for line in april}
    assert in_april == {"0001": ("unpaid", 25500, True), "0002": ("unpaid", 77000, True), "0003": ("paid", 0, False)}


def test_the_page_shows_names_and_flags_and_the_csv_has_every_line(app, database, members, tmp_path, client,  # noqa: F811
                                                                   hub_users):
    paid(database, tmp_path, members)
    hub_users.login(client)
    client.post("/language", data={"lang": "en", "csrf_token": hub_users.csrf(client), "next": "/"})
    page = client.get("/payments/reconciliation?month=2026-03&flagged=1").get_data(as_text=True)
    assert "In arrears" in page and "Expected and not paid" in page and "0001" not in page
    assert "Rp51,500" in page
    answer = client.get("/payments/reconciliation.csv?month=2026-03")
    rows = answer.get_data(as_text=True).splitlines()
    assert rows[0].startswith("month,programme_code,number,nik,name") and len(rows) == 4
    assert rows[2].startswith("2026-03,BPJS-K3,0002,") and rows[2].endswith(",25500,25000,partial,51500,yes")
    refused = client.get("/payments/reconciliation?month=2026-13")
    assert refused.status_code == 400 and "Month paid for: yyyy-mm" in refused.get_data(as_text=True)


def test_the_command_line_prints_the_totals_and_writes_the_csv(app, database, members, tmp_path,  # noqa: F811
                                                               monkeypatch):
    from click.testing import CliRunner

    from hub_server.cli import main

    paid(database, tmp_path, members)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    runner = CliRunner(env={"SWS_HUB_DATABASE_URL": app.config["DATABASE_URL"]})
    base = ["--data-dir", app.config["DATA_DIR"], "payments", "reconcile"]
    result = runner.invoke(main, [*base, "--month", "2026-03", "--output", str(tmp_path / "r.csv")])
    assert result.exit_code == 0, result.output
    assert "BPJS-K3 · The member · Contribution: 2 members, due Rp51000, paid Rp50500, 1 flagged" in result.output
    assert len((tmp_path / "r.csv").read_text(encoding="utf-8").splitlines()) == 4
    refused = runner.invoke(main, [*base, "--month", "March"])
    assert refused.exit_code == 1 and "month" in refused.output


def test_the_database_totals_and_pages_are_what_the_lines_give(database, members, tmp_path):  # noqa: F811
    from hub_server.services import paging

    paid(database, tmp_path, members)
    with database.uow() as uow:
        for month in (dt.date(2026, 2, 1), MARCH, dt.date(2026, 4, 1), dt.date(2026, 6, 1)):
            for scope in ({}, {"programme_code": "BPJS-K3"}, {"programme_code": "JSLU"}, {"area": "35"},
                          {"area": "99.99"}):
                found = reconciliation.lines(uow.session, month, **scope)
                assert reconciliation.month_totals(uow.session, month, **scope) == reconciliation.totals(found)
        page = reconciliation.page(uow.session, MARCH, paging.Order(sort="arrears", descending=True, per_page=1),
                                   flagged=True)
        assert (page.total, page.pages, [line.number for line in page.items]) == (2, 2, ["0002"])
        unpaid = reconciliation.page(uow.session, MARCH, paging.Order(), status="unpaid")
        assert [(line.number, line.name != "", line.flagged) for line in unpaid.items] == [("0003", True, True)]
