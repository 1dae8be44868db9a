"""Payments reach the laptops by village and month (feed kind `payment_month`), no longer inside each
membership's entry: a payment file put every member it paid back in the feed with the whole payment history,
so that the laptops downloaded the square of the months held (docs/payments.md, "On the village laptop").

The upgrade puts every village and month the hub holds payments for in the feed, so that a laptop enrolled
after it (or one that reads its feed from the start) receives them; a laptop that held payments in its
membership entries keeps them (laptop step m029). The downgrade takes the entries out again and puts every
membership in the feed again, after all the rest, since the older version's membership entries carry the payments.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    months = sorted({(village, str(period)[:7]) for village, period in bind.execute(sa.text(
        "SELECT DISTINCT village_code, period FROM payment_totals WHERE village_code <> ''"))})
    if not months:
        return
    held = bind.execute(sa.text("SELECT value FROM hub_counters WHERE name = 'feed'")).scalar()
    if held is None:
        bind.execute(sa.text("INSERT INTO hub_counters (name, value) VALUES ('feed', 0)"))
    first = (held or 0) + 1
    bind.execute(sa.text("INSERT INTO feed_entries (kind, ref, pos, village_code) "
                         "VALUES ('payment_month', :ref, :pos, :village)"),
                 [{"ref": f"{village}/{month}", "pos": first + index, "village": village}
                  for index, (village, month) in enumerate(months)])
    bind.execute(sa.text("UPDATE hub_counters SET value = :value WHERE name = 'feed'"),
                 {"value": first + len(months) - 1})


def downgrade() -> None:
    op.execute("DELETE FROM feed_entries WHERE kind = 'payment_month'")
    bind = op.get_bind()
    lowest = bind.execute(sa.text("SELECT min(pos) FROM feed_entries WHERE kind = 'membership'")).scalar()
    if lowest is None:
        return
    held = bind.execute(sa.text("SELECT value FROM hub_counters WHERE name = 'feed'")).scalar() or 0
    # One shift keeps the memberships' order and puts them all after the last position handed out.
    bind.execute(sa.text("UPDATE feed_entries SET pos = pos + :shift WHERE kind = 'membership'"),
                 {"shift": held - lowest + 1})
    bind.execute(sa.text("UPDATE hub_counters SET value = (SELECT max(pos) FROM feed_entries) WHERE name = 'feed'"))
