"""Importing a payment file: `import_file(uow, kind, path, actor=...)` (docs/payments.md).

One transaction. Rows breaking a rule are reported (`bad_row`: line, field, rule, value) and left
out; the rest load. A row whose reference the hub holds already is counted `unchanged` and never
loaded again, so importing a file twice changes nothing. Each loaded row is matched to a membership
by programme and membership number, and its NIK must be the member's; what does not fit is loaded
unmatched and reported: `nik_unknown` (no resident has the NIK), `nik_mismatch` (the card is another
resident's), `membership_unknown` (the resident has no such membership). A matched row is reported when
its member was paid for that month already (`duplicate_payment`) or its amount is not what the
catalogue says (`amount_differs`: the member's monthly contribution, or the programme's benefit amount).
"""

from pathlib import Path

from sqlalchemy import insert, select

from hub_server.errors import HubError
from hub_server.messages import field_message, text
from hub_server.models.payments import Membership, Payment, PaymentFinding, PaymentImport
from hub_server.models.population import Person
from hub_server.models.programmes import Programme
from hub_server.reports.numbers import rupiah
from hub_server.services import audit, membership_feed, payment_files, payment_reading, payment_rows
from hub_server.services.imports import stage
from hub_server.services.record_store import chunks
from schemas import check_nik

CHUNK = 5000


class PaymentFileRefused(HubError):
    """The file cannot be read as a payment file of this kind; nothing changed. `code` says why."""

    status = 400

    def __init__(self, code: str, **fields):
        self.code = code
        super().__init__(**fields)


def _finding(line, finding, reference, nik, **extra) -> dict:
    return {"line": line, "finding": finding, "reference": (reference or "")[:64] or None, "nik": nik,
            "field": None, "rule": None, "value": None, "detail": {}, **extra}


def _problems(line: int, reference, problems) -> list:
    return [_finding(line, "bad_row", reference, None, field=problem.field, rule=problem.rule, value=problem.value,
                     detail=problem.params) for problem in problems]


def _held_references(connection, kind: str, rows: list) -> set:
    query = "SELECT reference FROM payments WHERE kind = {mark} AND reference IN ({marks})"
    return payment_rows.found(connection, query, (kind,), [row["reference"] for row in rows])


def _known_niks(connection, niks: list) -> set:
    return payment_rows.found(connection, f"SELECT nik FROM {Person.__tablename__} WHERE nik IN ({{marks}})", (),
                              sorted(set(niks)))


def _benefit_amounts(session) -> dict:
    """{programme: the amount of one payment} for programmes whose catalogue entry gives it."""
    return {code: record.get("benefit_amount") for code, record in session.execute(
        select(Programme.code, Programme.record)) if record.get("benefit_amount")}


def _refused_nik(row: dict, findings: list) -> bool:
    """Whether a NIK no resident has breaks the NIK's rules (region, birth date, serial): the row is then left out."""
    errors = check_nik(row["nik"]).errors
    for error in errors[:1]:
        row["refused"] = True
        findings.append(_finding(row["line"], "bad_row", row["reference"], None, field="nik", rule=error.rule,
                                 value=row["nik"], detail=error.params))
    return bool(errors)


class _Loader:
    """Matches and stores a file's checked rows a chunk at a time, in file order, and keeps what it found."""

    def __init__(self, session, kind: str, batch_id: int):
        self.session, self.kind, self.batch_id = session, kind, batch_id
        self.connection = session.connection()
        self.insert = payment_rows.insert_statement(self.connection)
        self.members, self.paid, self.amounts = {}, set(), _benefit_amounts(session)
        self.programmes_read, self.periods_read = set(), set()
        self.seen, self.findings, self.villages = set(), [], {}  # villages: {membership: its village}
        self.totals = {}  # what the stored payments add to payment_totals, written once at the end
        self.read = self.loaded = self.unchanged = 0

    def load(self, good: list, bad: list, read: int) -> None:
        self.read += read
        for line, reference, problems in bad:
            self.findings += _problems(line, reference, problems)
        rows = []
        for row in good:
            if row["reference"] in self.seen:
                self.findings += _problems(row["line"], row["reference"], [payment_files.RowProblem(
                    "reference", "reference_repeated", row["reference"], {})])
            else:
                self.seen.add(row["reference"])
                rows.append(row)
        held = _held_references(self.connection, self.kind, rows)
        new = [row for row in rows if row["reference"] not in held]
        self.unchanged += len(rows) - len(new)
        self._match(new)
        new = [row for row in new if not row.get("refused")]
        payment_rows.store(self.connection, self.insert, self.kind, self.batch_id, new)
        payment_rows.add_to_totals(self.totals, self.kind, new, self.villages)
        self.loaded += len(new)

    def _read_members(self, rows: list) -> None:
        """{(programme, card): (id, nik, monthly contribution, village)} of the programmes the rows name: one
        read of each programme's memberships, cheaper than looking numbers up when a file pays most members."""
        for programme in {row["programme_code"] for row in rows} - self.programmes_read:
            self.programmes_read.add(programme)
            query = (f"SELECT number, id, nik, monthly_contribution, village_code FROM {Membership.__tablename__} "
                     f"WHERE programme_code = {payment_rows.marker(self.connection)}")
            self.members.update({(programme, number): (member, nik, monthly, village) for number, member, nik, monthly,
                                 village in self.connection.exec_driver_sql(query, (programme,)).fetchall()})

    def _paid_before(self, period) -> None:
        """Read the (membership id, period) already paid for a period the first time a row names it."""
        if period not in self.periods_read:
            self.periods_read.add(period)
            self.paid.update(tuple(row) for row in self.connection.execute(
                select(Payment.membership_id, Payment.period).where(
                    Payment.kind == self.kind, Payment.period == period, Payment.membership_id.is_not(None))))

    def _match(self, rows: list) -> None:
        """Set each row's membership_id and note the findings of matching."""
        unmatched, findings, members = [], self.findings, self.members
        self._read_members(rows)
        for row in rows:
            member = members.get((row["programme_code"], row["membership_number"]))
            if member is None or member[1] != row["nik"]:
                row["membership_id"] = None
                unmatched.append((row, member))
                continue
            row["membership_id"] = member[0]
            self.villages[member[0]] = member[3]
            self._paid_before(row["period"])
            if (member[0], row["period"]) in self.paid:
                findings.append(_finding(row["line"], "duplicate_payment", row["reference"], row["nik"],
                                         detail={"period": row["period"].isoformat()[:7]}))
            self.paid.add((member[0], row["period"]))
            expected = member[2] or None if self.kind == "contribution" else self.amounts.get(row["programme_code"])
            if expected and expected != row["amount"]:
                findings.append(_finding(row["line"], "amount_differs", row["reference"], row["nik"],
                                         detail={"expected": expected, "amount": row["amount"]}))
        known = _known_niks(self.connection, [row["nik"] for row, _ in unmatched])
        for row, member in unmatched:
            if row["nik"] not in known and _refused_nik(row, findings):
                continue
            finding = "nik_unknown" if row["nik"] not in known else ("nik_mismatch" if member else "membership_unknown")
            findings.append(_finding(row["line"], finding, row["reference"], row["nik"],
                                     detail={"membership_number": row["membership_number"]}))


def _load(loader: _Loader, path: Path, kind: str, programmes: set) -> None:
    """Read, check, match and store the file. Raises PaymentFileRefused (a column missing, not UTF-8 text)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            positions, missing = payment_reading.header(handle, kind)
            if missing:
                raise PaymentFileRefused("payment_file_columns", columns=", ".join(missing))
            for good, bad, read in payment_reading.checked_chunks(handle, kind, programmes, positions):
                loader.load(good, bad, read)
    except (UnicodeDecodeError, OSError) as exc:
        raise PaymentFileRefused("payment_file_unreadable", detail=type(exc).__name__) from exc


def import_file(uow, kind: str, path, *, actor: str) -> PaymentImport:
    """Import a payment file of `kind` ("contribution" or "benefit"); returns the import with its counts.

    Raises PaymentFileRefused (unknown kind, a column missing, not UTF-8 text): nothing changes (the rows
    stored before the fault are rolled back with the transaction).
    """
    if kind not in payment_files.KINDS:
        raise PaymentFileRefused("payment_kind_unknown", kind=kind, kinds=", ".join(payment_files.KINDS))
    session, path = uow.session, Path(path)
    programmes = set(session.execute(select(Programme.code)).scalars())
    batch = PaymentImport(kind=kind, file_name=path.name[:255], status="running", actor=actor, started_at=uow.now())
    session.add(batch)
    session.flush()
    with stage.bulk_work(session):  # SQLite: a cache to match millions of rows' index entries
        loader = _Loader(session, kind, batch.id)
        _load(loader, path, kind, programmes)
        for chunk in chunks(loader.findings, CHUNK):
            loader.connection.execute(insert(PaymentFinding.__table__),
                                      [{**finding, "batch_id": batch.id} for finding in chunk])
        payment_rows.add_totals(loader.connection, loader.totals)
        # The villages' laptops hear of each month paid, once per village (the totals hold the pairs).
        membership_feed.publish_months(session, {(village, period) for period, _, _, _, village in loader.totals})
    stage.analyze(session, Payment.__table__)  # PostgreSQL plans the reconciliation with the rows counted
    counts = {}
    for finding in loader.findings:
        counts[finding["finding"]] = counts.get(finding["finding"], 0) + 1
    batch.rows_read, batch.rows_loaded, batch.unchanged = loader.read, loader.loaded, loader.unchanged
    batch.rows_failed, batch.summary = loader.read - loader.loaded - loader.unchanged, counts
    batch.status, batch.finished_at = "done", uow.now()
    audit.record(uow, actor, "payments.imported", f"payment_import:{batch.id}", kind=kind, file=batch.file_name,
                 loaded=batch.rows_loaded, unchanged=batch.unchanged, failed=batch.rows_failed, findings=counts)
    uow.commit()
    return batch


def describe(finding: PaymentFinding, lang: str = "id") -> str:
    """One finding as a line for people: its line, what was found, the field and rule or the detail."""
    what = text(f"pay.finding.{finding.finding}", lang)
    if finding.finding == "bad_row":
        return text("pay.bad_row", lang, line=finding.line, field=finding.field, value=finding.value or "",
                    rule=field_message(finding.field, finding.rule, lang, **(finding.detail or {})))
    return text("pay.found", lang, line=finding.line, finding=what, reference=finding.reference or "",
                nik=finding.nik or "", detail=_detail(finding, lang))


def _detail(finding: PaymentFinding, lang: str) -> str:
    """The finding's detail in words: the month paid twice, the amounts, or the card number."""
    held = finding.detail or {}
    if finding.finding == "duplicate_payment":
        year, month = held["period"].split("-")
        return text("pay.detail.period", lang, month=f"{month}-{year}")
    if finding.finding == "amount_differs":
        return text("pay.detail.amounts", lang, expected=rupiah(held["expected"], lang),
                    amount=rupiah(held["amount"], lang))
    return text("pay.detail.card", lang, number=held.get("membership_number", ""))


def findings(session, batch_id: int, limit: int = 1000) -> list:
    """What an import found, by line."""
    return list(session.execute(select(PaymentFinding).where(PaymentFinding.batch_id == batch_id)
                                .order_by(PaymentFinding.line, PaymentFinding.id).limit(limit)).scalars())
