"""One page of a table, sorted and filtered on the server: every row reachable, no silent cap.

A table's service builds its filtered query and names the columns it may be sorted by; `fetch` counts
the rows, orders them (ties broken by a unique column, so that no row falls between two pages) and
returns one `Page`. Small tables the service holds as a list (devices, tokens) page the same way with
`from_list`. The admin UI reads `Order` from the query string (`web/paging.py`) and draws the pager and
the sortable headers with the macros of `_macros.html`.
"""

from dataclasses import dataclass, field

from sqlalchemy import func, select

PER_PAGE = 50


@dataclass(frozen=True)
class Order:
    """What page of a table is asked for: a sort key (one of the table's), its direction, a page number."""

    sort: str = ""
    descending: bool = False
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True)
class Page:
    items: list
    page: int
    per_page: int
    total: int
    sort: str = ""
    descending: bool = False
    extra: dict = field(default_factory=dict)  # what a table shows beside its rows (counts per tab...)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        """The position of the page's first row (1-based), 0 when there is none."""
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0


def _checked(order: Order, sorts, default: str) -> tuple[str, int, int]:
    sort = order.sort if order.sort in sorts else default
    per_page = max(1, order.per_page)
    return sort, per_page, max(1, order.page or 1)


def fetch(session, query, order: Order, *, sorts: dict, default: str, tiebreak) -> Page:
    """One page of `query` (a select, filters applied) ordered by `sorts[order.sort]` then `tiebreak`.

    A page number past the end gives the last page. A query of one column or entity gives its values
    (`scalars`), others their rows.
    """
    sort, per_page, number = _checked(order, sorts, default)
    total = session.execute(select(func.count()).select_from(query.order_by(None).subquery())).scalar()
    number = min(number, max(1, -(-total // per_page)))
    column = sorts[sort]
    ordered = query.order_by(column.desc().nulls_last() if order.descending else column.asc().nulls_last(),
                             tiebreak.desc() if order.descending else tiebreak.asc())
    result = session.execute(ordered.offset((number - 1) * per_page).limit(per_page))
    items = list(result.scalars() if len(query.column_descriptions) == 1 else result.all())
    return Page(items, number, per_page, total, sort, order.descending)


def from_list(items, order: Order, *, sorts: dict, default: str) -> Page:
    """One page of a list already filtered, sorted by `sorts[sort](item)` (missing values last)."""
    sort, per_page, number = _checked(order, sorts, default)
    key = sorts[sort]
    present = [item for item in items if key(item) is not None]
    missing = [item for item in items if key(item) is None]
    ordered = sorted(present, key=key, reverse=order.descending) + missing
    number = min(number, max(1, -(-len(ordered) // per_page)))
    start = (number - 1) * per_page
    return Page(ordered[start:start + per_page], number, per_page, len(ordered), sort, order.descending)

