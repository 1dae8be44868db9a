"""Complaint statistics on a migrated hub (SQLite and PostgreSQL), checked against figures worked out by hand
on a fixed set of complaints pushed by a laptop with their events, and the statistics page and its CSV."""

import csv
import datetime as dt
import io

import pytest

from hub_server.services import catalogue, complaint_statistics
from hub_server.services.actors import Actor, operator
from hub_server.services.ingest import sync
from sync_protocol.changeset import Operation
from tests.integration.sync_helpers import enroll, request
from tests.unit.protocol_helpers import Device, valid_record

DAYS = {"village": 7, "sub_district": 7, "district": 14, "skpd": 14, "ombudsman": 30}
TODAY = dt.date(2026, 3, 16)
TULUNGREJO, BANJAREJO, PAGAK = "35.07.01.2001", "35.07.01.2002", "35.07.02.2001"

# The fixed set: (name, date submitted, village, category, programme, events as (kind, date, extra fields)).
# With service standards of 7 days at the village and sub-district levels, on 16-03-2026:
#   A settled at the village on 03-03: 2 days.  B sent up on 03-03, answered 03-09, closed 03-10: 7 days.
#   C open at the village since 03-03: due 03-10, overdue.  D sent up 03-06: due 03-13, overdue.
#   E answered the day it came in: 0 days.  F open since 03-12: due 03-19, not overdue.
#   G came in on 20-02, before the period: counted only when the period starts earlier.
COMPLAINTS = (
    ("A", "2026-03-01", TULUNGREJO, "payment_delay", "PKH", [("response", "2026-03-03", {})]),
    ("B", "2026-03-02", TULUNGREJO, "payment_delay", "PKH", [
        ("escalation", "2026-03-03", {"escalation_level": "sub_district"}), ("response", "2026-03-09", {}),
        ("status_change", "2026-03-10", {"status": "closed"})]),
    ("C", "2026-03-03", BANJAREJO, "exclusion_error", "BPNT", []),
    ("D", "2026-03-05", BANJAREJO, "exclusion_error", None, [
        ("escalation", "2026-03-06", {"escalation_level": "sub_district"})]),
    ("E", "2026-03-10", PAGAK, "payment_delay", "PKH", [("response", "2026-03-10", {})]),
    ("F", "2026-03-12", PAGAK, "exclusion_error", "PKH", []),
    ("G", "2026-02-20", TULUNGREJO, "payment_delay", "PKH", []),
)
# Worked out by hand from the set above for 01-03-2026 to 16-03-2026 (A to F):
# (received, settled, share settled %, mean days, median days, overdue)
EXPECTED = {
    "category": {"exclusion_error": (3, 0, 0.0, None, None, 2), "payment_delay": (3, 3, 100.0, 3.0, 2.0, 0)},
    "programme": {"BPNT": (1, 0, 0.0, None, None, 1), "PKH": (4, 3, 75.0, 3.0, 2.0, 0),
                  None: (1, 0, 0.0, None, None, 1)},
    "level": {"village": (4, 2, 50.0, 1.0, 1.0, 1), "sub_district": (2, 1, 50.0, 7.0, 7.0, 1)},
    "district": {"35.07": (6, 3, 50.0, 3.0, 2.0, 2)},
    "sub_district": {"35.07.01": (4, 2, 50.0, 4.5, 4.5, 2), "35.07.02": (2, 1, 50.0, 0.0, 0.0, 0)},
    "village": {TULUNGREJO: (2, 2, 100.0, 4.5, 4.5, 0), BANJAREJO: (2, 0, 0.0, None, None, 2),
                PAGAK: (2, 1, 50.0, 0.0, 0.0, 0)},
}


@pytest.fixture
def hub_settings(hub_settings):
    return {**hub_settings, "DISTRICT_CODE": "35.07"}


@pytest.fixture
def fixed_set(database, hub_key):
    """The complaints of COMPLAINTS pushed by one laptop of the three villages, with their events."""
    laptop = Device(9)
    enroll(database, laptop, scope=(TULUNGREJO, BANJAREJO, PAGAK))
    with database.uow() as uow:
        catalogue.load_file(uow, actor="cli:test")
    operations = []
    for _name, submitted, village, category, programme, events in COMPLAINTS:
        complaint_id = laptop.new_id()
        operations.append(Operation("create", "complaint", complaint_id, valid_record(
            "complaint", village_code=village, date_submitted=submitted, category=category, programme_code=programme,
            escalation_level="village", status="open", date_transmitted=None, officer_in_charge=None,
            response=None, response_date=None, acknowledged=False, acknowledged_date=None, resolved_date=None)))
        for step, (kind, date, extra) in enumerate(events, start=1):
            operations.append(Operation("append", "complaint_event", laptop.new_id(), {
                "complaint_id": complaint_id, "kind": kind, "officer": "siti.aminah", "step": step,
                "time": f"{date}T03:00:00Z", "date": date, "text": "Sudah ditangani", **extra}))
    with database.uow(immediate=True) as uow:
        sync(uow, request(laptop, [laptop.changeset(*operations)]), hub_key.private_key)
    return database


def figures(found) -> dict:
    return {grouping: {row.key: (row.received, row.settled, row.share_settled, row.mean_days, row.median_days,
                                 row.overdue) for row in rows} for grouping, rows in found.groups.items()}


def compute(database, who, date_from=dt.date(2026, 3, 1), date_to=TODAY):
    with database.uow() as uow:
        return complaint_statistics.statistics(uow.session, who, date_from=date_from, date_to=date_to, days=DAYS,
                                               today=TODAY)


def test_the_figures_are_those_worked_out_by_hand(fixed_set):
    found = compute(fixed_set, operator("test"))
    assert figures(found) == EXPECTED
    total = found.total
    assert (total.received, total.settled, total.share_settled, total.mean_days, total.median_days,
            total.overdue) == (6, 3, 50.0, 3.0, 2.0, 2)


def test_the_period_and_the_viewer_choose_the_complaints_counted(fixed_set):
    longer = compute(fixed_set, operator("test"), date_from=dt.date(2026, 2, 1))
    assert (longer.total.received, longer.total.overdue) == (7, 3)  # G: open since 20-02
    open_ended = compute(fixed_set, operator("test"), date_from=None, date_to=None)
    assert open_ended.total.received == 7
    camat = Actor("user:camat", "sub_district_officer", area="35.07.02")
    assert figures(compute(fixed_set, camat))["village"] == {PAGAK: EXPECTED["village"][PAGAK]}
    dinsos = Actor("user:dinsos", "technical_unit", programmes=("BPNT",))
    assert figures(compute(fixed_set, dinsos))["programme"] == {"BPNT": EXPECTED["programme"]["BPNT"]}
    assert compute(fixed_set, operator("test"), date_from=dt.date(2026, 4, 1)).total.received == 0


def test_the_page_and_its_csv_show_the_same_figures(fixed_set, client, hub_users):
    hub_users.login(client)
    page = client.get("/desk/statistics?from=2026-03-01&to=2026-03-16").get_data(as_text=True)
    assert "Statistik pengaduan" in page and "<svg" in page and "Keterlambatan pembayaran" in page
    assert "Banjarejo" in page and "Donomulyo" in page
    answer = client.get("/desk/statistics.csv?from=2026-03-01&to=2026-03-16")
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True))))
    by_group = {(row["grouping"], row["key"]): row for row in rows}
    settled = by_group[("sub_district", "35.07.01")]
    assert (settled["received"], settled["settled"], settled["share_settled"], settled["mean_days"],
            settled["median_days"], settled["overdue"]) == ("4", "2", "50.0", "4.5", "4.5", "2")
    assert by_group[("programme", "")]["label"] == "(tanpa program)"
    assert by_group[("total", "")]["received"] == "6"
    refused = client.get("/desk/statistics?from=2026-03-20&to=2026-03-01")
    assert refused.status_code == 400 and 'data-field="from"' in refused.get_data(as_text=True)
