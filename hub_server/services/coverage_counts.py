"""The counts reports and the dashboard read about the published lists, kept per village when they are published.

    coverage_counts.refresh(session, list_date)   # in the matching run, right after lists.publish

writes `list_counts` (open entries per programme, village and status) and `coverage_counts` (per village and
guarantee, the residents of its target group whom its lists cover, with ages on the list date) again whole,
in the transaction that publishes the lists: the only writer of list entries, so the counts always hold
what the entries hold. A district's report then sums a few thousand rows instead of reading every list
entry and every member of a listed household (docs/performance.md, "Monthly report").
"""

import datetime as dt

from sqlalchemy import delete, insert

from hub_server.models.programmes import CoverageCount, ListCount
from hub_server.services.reports import programmes

LISTS, COVERAGE = ListCount.__table__, CoverageCount.__table__


def refresh(session, on: dt.date) -> dict:
    """Count the open list entries and whom they cover again, for every village; returns how many rows."""
    session.execute(delete(LISTS))  # a few thousand rows: no need for TRUNCATE
    session.execute(delete(COVERAGE))
    entries = [{"village_code": village, "programme_code": code, "status": status, "entries": count}
               for village, code, status, count in programmes.open_entries(session, None) if village is not None]
    if entries:
        session.execute(insert(LISTS), entries)
    covered = [{"village_code": village, "guarantee": guarantee, "people": people}
               for (village, guarantee), people in
               programmes.covered_people(session, None, on, programmes.catalogue(session)).items()]
    if covered:
        session.execute(insert(COVERAGE), covered)
    return {"list_counts": len(entries), "coverage_counts": len(covered), "list_date": on.isoformat()}
