"""Memberships and payments of the village for one month (`/payments?month=yyyy-mm`), offline.

Who was paid what and when, and who was expected and not paid (flagged), from the memberships the last
sync brought (`village_client.memberships`); people by name with the NIK beside, programmes by name with
the code beside, filtered by programme and flagged only, a page of `PAGE` lines at a time (a village
holds thousands of memberships), the count of every line beside the pager.
"""


from flask import Blueprint, render_template, request

from schemas.local_time import today_in
from village_client import memberships
from village_client.messages import text
from village_client.web import lang, store, zone

bp = Blueprint("payments", __name__)
PAGE = 100


@bp.route("/payments")
def index():
    typed = request.args.get("month", "")
    month = memberships.month_of(typed) if typed else today_in(zone()).replace(day=1)
    error = None if month else text("payments.month_invalid", lang())
    programme = request.args.get("programme") or None
    lines = memberships.month_lines(store().db, month, programme) if month else []
    if request.args.get("flagged"):
        lines = [line for line in lines if line["flagged"]]
    pages = max(1, -(-len(lines) // PAGE))
    page = min(max(1, request.args.get("page", 1, type=int) or 1), pages)
    shown = lines[(page - 1) * PAGE:page * PAGE]
    programmes = [(row["code"], row["name"]) for row in store().db.query(
        "SELECT DISTINCT m.programme_code AS code, p.name FROM membership m "
        "LEFT JOIN programme p ON p.code = m.programme_code ORDER BY m.programme_code")]
    return render_template("payments.html", words=_words(), lines=shown, total=len(lines), page=page, pages=pages,
                           first=(page - 1) * PAGE + 1 if shown else 0, last=(page - 1) * PAGE + len(shown),
                           error=error, programme=programme or "",
                           month=typed if error else month.isoformat()[:7], programmes=programmes,
                           flagged=bool(request.args.get("flagged")), rupiah=memberships.rupiah), 422 if error else 200


def _words() -> dict:
    """A line's kind and status in the officer's language."""
    current = lang()
    return {"contribution": text("payments.kind_contribution", current),
            "benefit": text("payments.kind_benefit", current), "paid": text("payments.status_paid", current),
            "partial": text("payments.status_partial", current), "unpaid": text("payments.status_unpaid", current),
            "overpaid": text("payments.status_overpaid", current)}
