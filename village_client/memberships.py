"""Memberships and payments held on the laptop (feed kind "membership", `hub_server.services.membership_feed`).

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


def keep(db, ident: str, data: dict) -> None:
    """Hold a membership as the hub sent it (the whole current state: replaces what was held)."""
    payments = [list(payment) for payment in data.get("payments") or []]
    for kind, period, paid_on, amount, _reference in payments:
        if not (isinstance(kind, str) and isinstance(period, str) and isinstance(paid_on, str)
                and isinstance(amount, int)):
            raise ValueError(f"payment of membership {ident} is malformed")
    db.execute("INSERT OR REPLACE INTO membership (id, programme_code, nik, number, village_code, start, [end], payer, "
               "health_class, monthly_contribution, payments, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
               "datetime('now'))",
               [ident, data["programme"], data["nik"], data["number"], data.get("village_code"), data["start"],
                data.get("end"), data.get("payer"), data.get("health_class"),
                int(data.get("monthly_contribution") or 0), json.dumps(payments)])


# A membership with its programme's name (None when the laptop holds no such programme).
_NAMED = "SELECT m.*, p.name AS programme_name FROM membership m LEFT JOIN programme p ON p.code = m.programme_code"


def _decoded(row: dict) -> dict:
    return {**row, "payments": [dict(zip(("kind", "period", "paid_on", "amount", "reference"), payment, strict=True))
                                for payment in json.loads(row["payments"] or "[]")]}


def of_person(db, nik: str | None) -> list:
    """The memberships of a NIK, by programme."""
    if not nik:
        return []
    return [_decoded(row) for row in db.query(f"{_NAMED} WHERE m.nik = ? ORDER BY m.programme_code, m.start", [nik])]


def by_nik(db, programme_code: str | None = None, niks=None) -> dict:
    """{NIK: [memberships]} (one programme's, or all; of `niks` only, when given): for a list's members and a
    household's people."""
    found, only = {}, sorted({nik for nik in niks or () if nik})
    if niks is not None and not only:
        return found
    among = f" AND m.nik IN ({', '.join('?' * len(only))})" if only else ""
    for row in db.query(f"{_NAMED} WHERE (? IS NULL OR m.programme_code = ?){among} ORDER BY m.start",
                        [programme_code, programme_code, *only]):
        found.setdefault(row["nik"], []).append(_decoded(row))
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
    tag, found = month.isoformat()[:7], []
    for row in db.query("SELECT * FROM membership WHERE ? IS NULL OR programme_code = ? ORDER BY programme_code, nik",
                        [programme_code, programme_code]):
        member = _decoded(row)
        name, programme = programmes.get(member["programme_code"], (None, {}))
        due = expected(member, programme, month)
        if due is None:
            continue
        paid = [p for p in member["payments"] if p["period"] == tag and p["kind"] == due[0]]
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
