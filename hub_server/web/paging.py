"""A table's page, sort and direction from the query string (`page`, `sort`, `desc=1`), for `services.paging`.

The pager and the sortable headers (`_macros.html`: `pager`, `sort_header`) write the same names
back, with the table's filters, so a link keeps everything else the person chose.
"""

from flask import request

from hub_server.services.paging import PER_PAGE, Order


def order(default_sort: str = "", *, descending: bool = False, per_page: int = PER_PAGE) -> Order:
    """The Order asked for; `desc` absent means the table's usual direction, `desc=0` ascending."""
    asked = request.args.get("desc")
    return Order(sort=request.args.get("sort") or default_sort,
                 descending=descending if asked is None else asked == "1",
                 page=request.args.get("page", 1, type=int) or 1, per_page=per_page)


def arg(name: str) -> str:
    """A filter's value as typed, trimmed; empty when absent."""
    return (request.args.get(name) or "").strip()
