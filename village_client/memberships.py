"""Memberships and payments held on the laptop (feed kinds "membership" and "payment_month",
`hub_server.services.membership_feed`).

A person and a list show "enrolled since dd-mm-yyyy, card no. ..."; the payments page shows, for one month,
who was paid what and when and who was expected and not paid, all from what the last sync brought:

- a membership with a monthly contribution (the BPJS classes, PBI, ASKESOS...) is expected to be paid
  that contribution every month from its start month;
- a benefit (a programme whose catalogue entry pays `monthly`, or `quarterly` in March, June, September
  and December) is expected to be disbursed the catalogue's `benefit_amount`.

The same rules as the hub's reconciliation (docs/payments.md), so the village and the district agree.
"""

import datetime as dt
import json

from schemas.money import benefit_due, month_start, payment_status

PAYMENT_COLUMNS = ("kind", "period", "paid_on", "amount", "reference")


def keep(db, ident: str, data: dict) -> None:
    """Hold a membership as the hub sent it (its card, dates and contribution: replaces what was held). A hub of
    an older version sends the membership's payments with it: they then replace the membership's payments."""
    db.execute("INSERT OR REPLACE INTO membership (id, programme_code, nik, number, village_code, start, [end], payer, "
               "health_class, monthly_contribution, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "datetime('now'))",
               [ident, data["programme"], data["nik"], data["number"], data.get("village_code"), data["start"],
                data.get("end"), data.get("payer"), data.get("health_class"),
                int(data.get("monthly_contribution") or 0)])
    if "payments" in data:
        payments = [_checked(ident, kind, period, paid_on, amount, reference)
                    for kind, period, paid_on, amount, reference in data["payments"] or []]
        db.execute("DELETE FROM payment WHERE membership_id = ?", [ident])
        _insert(db, data.get("village_code"), payments)


def keep_month(db, ref: str, data: dict) -> None:
    """Hold a village's payments of a month as the hub sent them (the whole month: replaces what was held)."""
    village, month = data["village_code"], data["month"]
    if not (isinstance(village, str) and isinstance(month, str) and month_start(month)):
        raise ValueError(f"payments {ref} name no village and month")
    payments = [_checked(str(member), kind, month, paid_on, amount, reference)
                for member, kind, paid_on, amount, reference in data["payments"]]
    db.execute("DELETE FROM payment WHERE village_code = ? AND period = ?", [village, month])
    _insert(db, village, payments)


def _checked(member: str, kind, period, paid_on, amount, reference) -> tuple:
    if not (isinstance(kind, str) and isinstance(period, str) and isinstance(paid_on, str)
            and isinstance(amount, int)):
        raise ValueError(f"payment of membership {member} is malformed")
    return member, period, kind, paid_on, amount, reference


def _insert(db, village: str | None, payments: list) -> None:
    db.conn.executemany("INSERT INTO payment (village_code, membership_id, period, kind, paid_on, amount, reference) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)", [(village, *payment) for payment in payments])


# A membership with its programme's name (None when the laptop holds no such programme).
_NAMED = "SELECT m.*, p.name AS programme_name FROM membership m LEFT JOIN programme p ON p.code = m.programme_code"


def _with_payments(db, rows: list, period: str | None = None) -> list:
    """The memberships `rows` with their payments (of one `yyyy-mm` month, or all), oldest first."""
    held = {}
    for part in range(0, len(rows), 500):
        idents = [row["id"] for row in rows[part:part + 500]]
        for payment in db.query(
                f"SELECT membership_id, {', '.join(PAYMENT_COLUMNS)} FROM payment WHERE membership_id IN "
                f"({', '.join('?' * len(idents))}) AND (? IS NULL OR period = ?) ORDER BY period, paid_on, rowid",
                [*idents, period, period]):
            held.setdefault(payment.pop("membership_id"), []).append(payment)
    return [{**row, "payments": held.get(row["id"], [])} for row in rows]


def of_person(db, nik: str | None) -> list:
    """The memberships of a NIK, by programme."""
    if not nik:
        return []
    return _with_payments(db, list(db.query(f"{_NAMED} WHERE m.nik = ? ORDER BY m.programme_code, m.start", [nik])))


def by_nik(db, programme_code: str | None = None, niks=None) -> dict:
    """{NIK: [memberships]} (one programme's, or all; of `niks` only, when given), their cards without the
    payments: for a list's members and a household's people."""
    found, only = {}, sorted({nik for nik in niks or () if nik})
    if niks is not None and not only:
        return found
    among = f" AND m.nik IN ({', '.join('?' * len(only))})" if only else ""
    for row in db.query(f"{_NAMED} WHERE (? IS NULL OR m.programme_code = ?){among} ORDER BY m.start",
                        [programme_code, programme_code, *only]):
        found.setdefault(row["nik"], []).append(row)
    return found


month_of = month_start  # the first day of a `yyyy-mm` month, or None: the hub's rule


def _counts_in(row: dict, month: dt.date) -> bool:
    start = dt.date.fromisoformat(row["start"])
    ended = row["end"] and dt.date.fromisoformat(row["end"]) < month
    return (start.year, start.month) <= (month.year, month.month) and not ended


def expected(row: dict, programme: dict, month: dt.date) -> tuple[str, int | None] | None:
    """(kind, amount due) when the membership is expected to be paid in `month`; None when not."""
    if not _counts_in(row, month):
        return None
    if row["monthly_contribution"]:
        return "contribution", row["monthly_contribution"]
    paid_this_month, amount = benefit_due(programme, month.month)
    return ("benefit", amount) if paid_this_month else None


def _names(db) -> dict:
    """{NIK: name} of the residents and list members the laptop holds."""
    return {row["nik"]: row["name"] for row in db.query(
        "SELECT nik, name FROM list_member "
        "UNION ALL SELECT nik, name FROM person WHERE nik IS NOT NULL AND _deleted = 0")}


def names_of(db, niks) -> dict:
    """{NIK: name} of these NIKs among the residents and list members the laptop holds."""
    wanted = sorted({nik for nik in niks if nik})
    if not wanted:
        return {}
    marks = ", ".join("?" * len(wanted))
    return {row["nik"]: row["name"] for row in db.query(
        f"SELECT nik, name FROM list_member WHERE nik IN ({marks}) "
        f"UNION ALL SELECT nik, name FROM person WHERE nik IN ({marks}) AND _deleted = 0", wanted + wanted)}


def month_lines(db, month: dt.date, programme_code: str | None = None) -> list:
    """One line per membership expected to be paid in `month`: the person's name, the card, due, the payments
    of the month (amount and day), the status, and `flagged` when expected and not paid."""
    programmes = {row["code"]: (row["name"], json.loads(row["data"] or "{}"))
                  for row in db.query("SELECT code, name, data FROM programme")}
    names = _names(db)
    tag, found = month.isoformat()[:7], []  # only the month's payments are read
    rows = list(db.query("SELECT * FROM membership WHERE ? IS NULL OR programme_code = ? ORDER BY programme_code, nik",
                         [programme_code, programme_code]))
    for member in _with_payments(db, rows, tag):
        name, programme = programmes.get(member["programme_code"], (None, {}))
        due = expected(member, programme, month)
        if due is None:
            continue
        paid = [p for p in member["payments"] if p["kind"] == due[0]]  # the month's only
        total = sum(p["amount"] for p in paid)
        found.append({**member, "name": names.get(member["nik"]), "programme_name": name, "kind": due[0],
                      "due": due[1], "paid": paid, "total": total, "status": payment_status(due[1], total),
                      "flagged": total == 0})
    return found


def options(db) -> list:
    """(membership id, "Name (NIK) · Programme (code) · card no.") of every membership held, for a complaint's form."""
    names = _names(db)
    return [(row["id"], f"{names.get(row['nik']) or '—'} ({row['nik']}) · {row['programme_name'] or row['code']} "
                        f"({row['code']}) · {row['number']}")
            for row in db.query("SELECT m.id, m.nik, m.programme_code AS code, p.name AS programme_name, m.number "
                                "FROM membership m LEFT JOIN programme p ON p.code = m.programme_code "
                                "ORDER BY m.programme_code, m.nik")]


def person_month_exists(db, nik: str | None, membership_id: str | None, month: dt.date | None) -> bool:
    """Whether the laptop holds this membership for this person and it counts in `month`."""
    if not (nik and membership_id and month):
        return False
    rows = list(db.query("SELECT * FROM membership WHERE id = ? AND nik = ?", [membership_id, nik]))
    return bool(rows) and _counts_in(rows[0], month)


def rupiah(amount: int | None) -> str:
    """Rp 25.500 (Indonesian thousands separator); an empty text when there is no amount."""
    return "" if amount is None else "Rp " + f"{amount:,}".replace(",", ".")
