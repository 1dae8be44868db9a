"""Payment files imported: bad rows reported with line, field and rule, the rest loaded, never twice,
each row matched to its member by NIK and membership number, and what does not fit reported.

Real parts: a generated district imported into a migrated hub (SQLite, and PostgreSQL when reachable),
files written to disk, the service and the `sws-hub payments import` command.
"""

import datetime as dt

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from hub_server.models.payments import Membership, Payment, PaymentFinding
from hub_server.models.population import Person
from hub_server.services import catalogue, payment_import
from hub_server.services.payment_import import PaymentFileRefused
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_population_support import ACTOR, import_all

HEADER = "reference,nik,membership_number,programme,period,paid_on,amount,payer\n"
UNKNOWN_NIK = "3507014101900009"


@pytest.fixture
def members(database, small_district):  # noqa: F811
    """Three memberships: two BPJS class III members paying themselves, one JSLU beneficiary."""
    import_all(database, small_district)
    with database.uow() as uow:
        catalogue.load_file(uow, actor=ACTOR)
    with database.uow() as uow:
        people = uow.session.execute(select(Person).where(Person.nik.is_not(None)).order_by(Person.id).limit(3))
        held = []
        for number, (person, programme, owed) in enumerate(zip(people.scalars(), ("BPJS-K3", "BPJS-K3", "JSLU"),
                                                               (25500, 25500, 0), strict=True), start=1):
            uow.session.add(Membership(person_id=person.id, nik=person.nik, programme_code=programme,
                                       village_code=person.village_code, number=f"000{number}",
                                       payer="self" if owed else "state", monthly_contribution=owed,
                                       start_date=dt.date(2026, 1, 1), created_at=uow.now(), created_by=ACTOR))
            held.append(person.nik)
        uow.commit()
    return held


def write(tmp_path, name, lines, header=HEADER):
    path = tmp_path / name
    path.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def found(database, batch_id) -> list:
    with database.uow() as uow:
        return [(f.line, f.finding, f.field, f.rule) for f in payment_import.findings(uow.session, batch_id)]


def test_a_contribution_file_loads_reports_bad_rows_and_findings_and_never_loads_twice(database, members,
                                                                                      tmp_path):
    a, b, _ = members
    path = write(tmp_path, "contributions-2026-03.csv", [
        f"BRI/2026/03/0001,{a},0001,BPJS-K3,2026-03,2026-03-05,25500,self",     # 2: good
        f"BRI/2026/03/0002,{b},0002,BPJS-K3,2026-03,2026-03-06,25000,self",     # 3: amount differs
        f"BRI/2026/03/0003,{a},0001,BPJS-K3,2026-03,2026-03-07,25500,self",     # 4: paid twice for March
        f"BRI/2026/03/0004,{UNKNOWN_NIK},0009,BPJS-K3,2026-03,2026-03-07,25500,self",  # 5: unknown NIK
        f"BRI/2026/03/0005,{b},0001,BPJS-K3,2026-03,2026-03-07,25500,self",     # 6: a's card, b's NIK
        f"BRI/2026/03/0006,{a},0001,BPJS-K3,2026-13,2026-03-07,25500,self",     # 7: bad month
        f"BRI/2026/03/0007,{a},0001,NOPE,2026-04,2026-03-07,-5,bank",           # 8: three bad fields
        f"BRI/2026/03/0001,{a},0001,BPJS-K3,2026-04,2026-04-05,25500,self",     # 9: reference repeated
    ])
    with database.uow() as uow:
        batch = payment_import.import_file(uow, "contribution", path, actor=ACTOR)
        counts = (batch.rows_read, batch.rows_loaded, batch.rows_failed, batch.unchanged, batch.id)
    assert counts[:4] == (8, 5, 3, 0)
    assert found(database, counts[4]) == [
        (3, "amount_differs", None, None), (4, "duplicate_payment", None, None), (5, "nik_unknown", None, None),
        (6, "nik_mismatch", None, None), (7, "bad_row", "period", "payment_period"),
        (8, "bad_row", "programme", "unknown_programme"), (8, "bad_row", "amount", "payment_amount"),
        (8, "bad_row", "payer", "choice"), (9, "bad_row", "reference", "reference_repeated")]
    with database.uow() as uow:
        matched = uow.session.execute(select(func.count()).select_from(Payment)
                                      .where(Payment.membership_id.is_not(None))).scalar()
        assert matched == 3
        line = payment_import.describe(payment_import.findings(uow.session, counts[4])[4], "en")
        assert line.startswith('line 7: period "2026-13": Month paid for: yyyy-mm')
    with database.uow() as uow:
        again = payment_import.import_file(uow, "contribution", path, actor=ACTOR)
        assert (again.rows_loaded, again.unchanged, again.rows_failed) == (0, 5, 3)
    with database.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(Payment)).scalar() == 5


def test_a_benefit_is_checked_against_the_catalogue_amount(database, members, tmp_path):
    jslu = members[2]
    path = write(tmp_path, "benefits.csv", [f"POS/JSLU/2026/03/1,{jslu},0003,JSLU,2026-03,2026-03-10,200000",
                                            f"POS/JSLU/2026/04/1,{jslu},0003,JSLU,2026-04,2026-04-10,150000"],
                 header="reference,nik,membership_number,programme,period,paid_on,amount\n")
    with database.uow() as uow:
        batch = payment_import.import_file(uow, "benefit", path, actor=ACTOR)
        batch_id = batch.id
    assert found(database, batch_id) == [(3, "amount_differs", None, None)]


def test_a_file_without_a_column_is_refused_and_nothing_changes(database, members, tmp_path):
    path = write(tmp_path, "bad.csv", ["X1234,1,2,3"], header="reference,nik,programme,amount\n")
    with pytest.raises(PaymentFileRefused) as refused, database.uow() as uow:
        payment_import.import_file(uow, "contribution", path, actor=ACTOR)
    assert refused.value.code == "payment_file_columns" and "membership_number" in refused.value.fields["columns"]
    with database.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(PaymentFinding)).scalar() == 0


def test_the_command_line_imports_and_prints_what_it_found(app, database, members, tmp_path, monkeypatch):
    from hub_server.cli import main

    path = write(tmp_path, "contributions.csv", [f"BRI/2026/03/0009,{UNKNOWN_NIK},0009,BPJS-K3,2026-03,"
                                                 "2026-03-05,25500,self"])
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    runner = CliRunner(env={"SWS_HUB_DATABASE_URL": app.config["DATABASE_URL"]})
    result = runner.invoke(main, ["--data-dir", app.config["DATA_DIR"], "payments", "import", "--kind",
                                  "contributions", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 rows read, 1 loaded, 0 already held" in result.output and "line 2: Unknown NIK" in result.output
    assert "card 0009" in result.output and "=" not in result.output  # the detail in words, not key=value


def test_a_finding_is_described_in_words(database, members, tmp_path):
    a, b, _ = members
    path = write(tmp_path, "c.csv", [f"BRI/2026/03/0001,{a},0001,BPJS-K3,2026-03,2026-03-05,25500,self",
                                     f"BRI/2026/03/0002,{b},0002,BPJS-K3,2026-03,2026-03-06,25000,self",
                                     f"BRI/2026/03/0003,{a},0001,BPJS-K3,2026-03,2026-03-07,25500,self"])
    with database.uow() as uow:
        batch = payment_import.import_file(uow, "contribution", path, actor=ACTOR)
        lines = [payment_import.describe(finding, "en") for finding in payment_import.findings(uow.session, batch.id)]
    assert lines[0].startswith("line 3: Amount differs") and lines[0].endswith("expected Rp25,500, paid Rp25,000")
    assert lines[1].startswith("line 4: Paid twice") and lines[1].endswith("month 03-2026")


def test_a_nik_no_resident_has_is_checked_whole_and_a_broken_one_refuses_the_row(database, members, tmp_path):
    path = write(tmp_path, "c.csv", ["BRI/2026/03/0100,3507019999990001,0009,BPJS-K3,2026-03,2026-03-05,25500,self",
                                     "BRI/2026/03/0101,35070112,0009,BPJS-K3,2026-03,2026-03-05,25500,self"])
    with database.uow() as uow:
        batch = payment_import.import_file(uow, "contribution", path, actor=ACTOR)
        counts = (batch.rows_loaded, batch.rows_failed, batch.id)
    assert counts[:2] == (0, 2)
    assert found(database, counts[2]) == [(2, "bad_row", "nik", "nik_date_invalid"), (3, "bad_row", "nik", "id_length")]


def test_a_file_not_utf8_past_its_first_chunk_is_refused_and_nothing_changes(database, members, tmp_path):
    """The file is read and stored a chunk at a time: a byte that is not UTF-8 far down undoes the rows before."""
    a = members[0]
    lines = [f"BRI/{number:06d},{a},0001,BPJS-K3,2026-03,2026-03-05,25500,self" for number in range(25_000)]
    path = write(tmp_path, "late.csv", lines)
    last = f"BRI/LAST,{a},0001,BPJS-K3,2026-03,2026-03-05,25500,s\xe9lf\n"
    path.write_bytes(path.read_bytes() + last.encode("latin-1"))
    with pytest.raises(PaymentFileRefused) as refused, database.uow() as uow:
        payment_import.import_file(uow, "contribution", path, actor=ACTOR)
    assert refused.value.code == "payment_file_unreadable"
    with database.uow() as uow:
        assert uow.session.execute(select(func.count()).select_from(Payment)).scalar() == 0
        assert uow.session.execute(select(func.count()).select_from(PaymentFinding)).scalar() == 0
