"""Tables that page: every row reachable across pages with no cap, sorted both ways, filtered, on SQLite and
PostgreSQL (the services), and over HTTP (the pager and the sortable headers)."""

import datetime as dt
import re

import pytest

from hub_server.models import Device
from hub_server.models.programmes import ListVersion
from hub_server.models.records import Conflict
from hub_server.services import conflicts, devices, lists, paging
from hub_server.services.actors import Actor

V1, V2 = "35.07.01.2001", "35.07.02.2001"
AT = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
ADMIN = Actor("user:admin", "district_admin")


@pytest.fixture
def versions(database):
    """120 list versions: programme PKH in even rows, BPNT in odd ones; 90 in V1, 30 in V2; sizes repeat 0-6."""
    with database.uow() as uow:
        uow.session.add_all([ListVersion(programme_code="PKH" if number % 2 == 0 else "BPNT",
                                         village_code=V1 if number < 90 else V2, version=number + 1, run_id=1,
                                         created_at=AT + dt.timedelta(minutes=number), size=number % 7,
                                         added=number % 7, removed=0, full=True, chain=0) for number in range(120)])
        uow.commit()
    return database


def every_page(read, per_page=50, **kwargs) -> tuple[list, list]:
    """The sizes of the pages and every item, reading page after page until the last one."""
    sizes, items, number = [], [], 1
    while True:
        found = read(paging.Order(per_page=per_page, page=number, **kwargs))
        sizes.append(len(found.items))
        items += found.items
        if number >= found.pages:
            return sizes, items
        number += 1


@pytest.mark.parametrize("sort", ["made", "size", "programme", "village"])
def test_every_list_version_is_on_a_page_sorted_both_ways(versions, sort):
    with versions.uow() as uow:
        read = lambda order: lists.versions_page(uow.session, order)  # noqa: E731
        sizes, rising = every_page(read, sort=sort)
        _, falling = every_page(read, sort=sort, descending=True)
        key = {"made": "id", "size": "size", "programme": "programme_code", "village": "village_code"}[sort]
        values, back = [getattr(v, key) for v in rising], [getattr(v, key) for v in falling]
        ids = [{version.id for version in rising}, {version.id for version in falling}]
    assert sizes == [50, 50, 20] and len(ids[0]) == 120 and ids[0] == ids[1]
    assert values == sorted(values) and back == sorted(values, reverse=True)


def test_filtered_versions_page_through_all_that_match(versions):
    with versions.uow() as uow:
        sizes, found = every_page(lambda order: lists.versions_page(uow.session, order, programme_code="pkh"),
                                  per_page=25)
        assert sizes == [25, 25, 10] and {version.programme_code for version in found} == {"PKH"}
        sizes, found = every_page(lambda order: lists.versions_page(uow.session, order, area="35.07.02"))
        assert sizes == [30] and {version.village_code for version in found} == {V2}
        last = lists.versions_page(uow.session, paging.Order(page=99))
        assert (last.page, len(last.items), last.first, last.last) == (3, 20, 101, 120)  # past the end: the last page


def test_every_conflict_is_on_a_page_with_counts_per_status(database):
    with database.uow() as uow:
        uow.session.add_all([Conflict(kind="concurrent_edit", table_name="person", record_id=f"r{number}",
                                      field="phone" if number % 3 else "name", village_code=V1 if number < 100 else V2,
                                      base="a", sides=[], status="open" if number < 110 else "resolved",
                                      opened_at=AT, resolved_at=AT if number >= 110 else None)
                             for number in range(120)])
        uow.commit()
    with database.uow() as uow:
        sizes, found = every_page(lambda order: conflicts.page(uow.session, order, status="open"))
        assert sizes == [50, 50, 10] and len({item.id for item in found}) == 110
        assert [item.id for item in found] == sorted(item.id for item in found)  # oldest first
        page = conflicts.page(uow.session, paging.Order(), status="open", area="35.07.01", field="name")
        assert page.total == len([n for n in range(100) if n % 3 == 0]) and page.extra == {"open": 100,
                                                                                              "resolved": 0}


def test_every_device_is_on_a_page_and_the_stale_ones_filter(database):
    with database.uow(clock=lambda: AT) as uow:
        uow.session.add_all([Device(device_id=f"d{number:09d}", public_key=number.to_bytes(32, "big"), scope=[V1],
                                    role="village", label=f"Laptop {number:03d}", enrolled_at=AT,
                                    last_seen_at=AT - dt.timedelta(days=number % 10) if number % 4 else None)
                             for number in range(120)])
        uow.commit()
    with database.uow(clock=lambda: AT) as uow:
        sizes, rising = every_page(lambda order: devices.page(uow, ADMIN, order), sort="label")
        _, falling = every_page(lambda order: devices.page(uow, ADMIN, order), sort="label", descending=True)
        assert sizes == [50, 50, 20] and [d.label for d in falling] == [d.label for d in reversed(rising)]
        stale = devices.page(uow, ADMIN, paging.Order(per_page=200), stale=True)
        expected = [n for n in range(120) if n % 4 == 0 or n % 10 >= 8]  # never heard from, or 8 and 9 days ago
        assert stale.total == len(expected)
        assert devices.page(uow, Actor("user:camat", "sub_district_officer", area="35.07.02"), paging.Order()).total \
            == 0


def test_the_lists_page_pages_and_sorts_over_http(versions, client, hub_users):
    hub_users.login(client)
    first = client.get("/population/lists").get_data(as_text=True)
    assert first.count("data-version=") == 50 and "Baris 1–50 dari 120" in first
    assert 'href="/population/lists?page=3&amp;sort=made&amp;desc=1" rel="last"' in first
    last = client.get("/population/lists?page=3&sort=made&desc=1").get_data(as_text=True)
    assert last.count("data-version=") == 20 and "Baris 101–120 dari 120" in last
    shown = [int(number) for number in re.findall(r'data-version="(\d+)"', last)]
    assert shown == sorted(shown, reverse=True) and min(shown) == 1  # the oldest version, last
    rising = client.get("/population/lists?sort=size&desc=0&programme=BPNT").get_data(as_text=True)
    assert rising.count("data-version=") == 50 and 'aria-sort="ascending"' in rising and "Baris 1–50 dari 60" in rising
