"""The dashboard's figures against values worked out by hand on the report's fixed district
(`report_data.py`), for the district, a sub-district officer and a technical unit, on SQLite and PostgreSQL;
and the page in both languages."""

import datetime as dt

import pytest

from hub_server.services import complaint_desk, dashboard
from hub_server.services.actors import Actor
from tests.integration import report_data as data

NOW = dt.datetime(2026, 3, 31, 12, tzinfo=dt.UTC)  # 19:00 WIB on 31 March: the month of the data set
DAYS = dict(complaint_desk.LEVEL_DAYS)
ADMIN = Actor("user:admin", "district_admin")


@pytest.fixture
def hub(app, database, tmp_path):
    dashboard.forget()
    data.build(database, tmp_path)
    with database.uow() as uow:  # the desk's derived states, as a sync batch writes them
        complaint_desk.refresh(uow.session, [f"{data.D1}-c{number}" for number in range(1, 6)])
        uow.commit()
    yield database
    dashboard.forget()


def build(database, actor, now=NOW):
    with database.uow() as uow:
        return dashboard.build(uow.session, actor, district="", now=now, zone="Asia/Jakarta", days=DAYS,
                               max_age=dt.timedelta(minutes=10))


def test_the_district_dashboard_holds_the_figures_worked_out_by_hand(hub):
    found = build(hub, ADMIN)
    assert found["area"] == "35.07" and found["area_name"] == "Kabupaten Malang"
    # Laptops on 31 March 19:00 WIB: D1 synced 30 March (within 7 days), D2 on 20 March (within 30 days,
    # stale), D3 never (stale); D4 is revoked and not counted. March: D1's refused change-set, D2's fork.
    sync = found["sync"]
    assert sync["buckets"] == {"today": 0, "week": 1, "month": 1, "older": 0, "never": 1}
    assert (sync["laptops"], sync["revoked"], sync["stale_total"]) == (3, 1, 2)
    assert [(device["device_id"], device["places"]) for device in sync["stale"]] == [
        (data.D3, [("35.07.01", "Donomulyo")]), (data.D2, [(data.V2, "Banjarejo")])]
    assert (sync["refused_changesets"], sync["refused_requests"], sync["forks"]) == (1, 1, 1)
    assert [device["device_id"] for device in sync["forked"]] == [data.D2]
    # Work: Eko awaits verification; Joko's application awaits a decision; the village's standard is 7 days:
    # complaints 2 (since 10 January) and 3 (since 20 March) are overdue; 5 was settled by its response.
    assert {key: value for key, value in found["waiting"].items() if key != "overdue_levels"} == {
        "conflicts": 0, "verification": 1, "applications": 1, "inconsistencies": 0, "complaints_overdue": 2}
    assert found["waiting"]["overdue_levels"] == {"village": 2, "sub_district": 0, "district": 0, "skpd": 0,
                                                  "ombudsman": 0}
    # Coverage on 31 March, eight residents. The matching run of 15 March saw every registration: Dewi and
    # Eko awaited verification. HEALTH (deciles 1-5) lists Budi, Sri, Ani, Joko, Rina and Ahmad and proposes
    # Dewi and Eko (proposed people are not covered); HH-N lists households A (Budi's: Sri, Ani, Dewi too)
    # and C (Ahmad); OLD-D lists Budi, Sri and Ahmad, and Eko while he awaits verification.
    # Targets: health everyone (8), children Ani (1), working age Dewi, Joko, Rina (3, no programme),
    # old age Budi, Sri, Eko, Ahmad (4).
    guarantees = {row["key"]: (row["target"], row["covered"], row["share"]) for row in found["coverage"]["guarantees"]}
    assert guarantees == {"health": (8, 6, 75.0), "children": (1, 1, 100.0), "working_age": (3, 0, 0.0),
                          "old_age": (4, 4, 100.0)}
    # Applications: Budi's for OLD-D approved, Joko's open, Ahmad's for HH-N rejected.
    programmes = {row["code"]: (row["listed"], row["proposed"], row["open"], row["approved"], row["enrolled"])
                  for row in found["coverage"]["programmes"]}
    assert programmes == {"HEALTH": (6, 2, 0, 0, 0), "HH-N": (2, 0, 0, 0, 0), "OLD-D": (4, 0, 1, 1, 1)}  # Budi enrolled


def test_a_sub_district_officer_sees_their_sub_district_only(hub):
    found = build(hub, Actor("user:camat", "sub_district_officer", area="35.07.02"))
    assert found["area"] == "35.07.02" and found["area_name"] == "Pagak"
    assert found["sync"]["laptops"] == 0 and found["sync"]["revoked"] == 1  # D4, revoked
    waiting = found["waiting"]
    assert (waiting["verification"], waiting["applications"], waiting["complaints_overdue"]) == (0, 0, 0)
    guarantees = {row["key"]: (row["target"], row["covered"]) for row in found["coverage"]["guarantees"]}
    assert guarantees["old_age"] == (1, 1) and guarantees["health"] == (1, 1)  # Ahmad, on OLD-D and HEALTH


def test_a_technical_unit_sees_its_own_programmes_and_no_laptops(hub):
    found = build(hub, Actor("user:dinsos", "technical_unit", programmes=("HH-N",)))
    assert "sync" not in found and set(found["waiting"]) == {"complaints_overdue", "overdue_levels"}
    assert [row["code"] for row in found["coverage"]["programmes"]] == ["HH-N"]
    assert found["coverage"]["guarantees"] == []


def test_coverage_is_kept_until_a_list_version_or_an_import_is_added(hub):
    first = build(hub, ADMIN)["coverage"]["computed_at"]
    assert build(hub, ADMIN, NOW + dt.timedelta(minutes=5))["coverage"]["computed_at"] == first
    assert build(hub, ADMIN, NOW + dt.timedelta(minutes=11))["coverage"]["computed_at"] > first  # too old
    from hub_server.services import matching

    with hub.uow(clock=lambda: NOW + dt.timedelta(minutes=12)) as uow:
        matching.run(uow, actor=data.ACTOR, on=dt.date(2026, 3, 31))
    again = build(hub, ADMIN, NOW + dt.timedelta(minutes=13))["coverage"]
    assert again["computed_at"] == NOW + dt.timedelta(minutes=13)


def test_the_page_is_the_home_page_in_both_languages(hub, client, hub_users):
    assert client.get("/").status_code == 302  # log in first
    landed = hub_users.login(client)
    assert landed.headers["Location"] in ("/", "http://localhost/")
    page = client.get("/").get_data(as_text=True)
    assert "<h1>Dasbor</h1>" in page and page.count("<svg") == 3
    assert 'data-waiting="verification"' in page and 'href="/verification/"' in page
    assert "Banjarejo <span class=\"muted\">35.07.01.2002</span>" in page  # a stale laptop's village by name
    hub_users.post(client, "/language", lang="en", next="/")
    english = client.get("/").get_data(as_text=True)
    assert "<h1>Dashboard</h1>" in english and "Laptops by last sync" in english and ">Paid</th>" in english


def test_a_technical_unit_lands_on_its_dashboard(hub, client, hub_users):
    from hub_server.services import users
    from hub_server.services.actors import operator

    with hub.uow() as uow:
        users.add_user(uow, operator("test"), "dinsos", "kata-sandi-uji-1", "technical_unit", programmes="HH-N")
    hub_users.login(client, "dinsos", "kata-sandi-uji-1")
    page = client.get("/").get_data(as_text=True)
    assert 'id="dash-sync"' not in page and 'data-programme="HH-N"' in page and 'data-programme="OLD-D"' not in page


def test_a_matching_job_computes_the_district_coverage_before_the_next_view(hub, app):
    from hub_server.services import jobs

    runner = jobs.get(app)
    job_id = runner.start("match", {"list_date": "2026-03-31"}, actor="cli:test")
    assert runner.wait(job_id, 120)
    now = dt.datetime.now(dt.UTC)
    with hub.uow() as uow:
        found = dashboard.build(uow.session, ADMIN, district="", now=now, zone=app.config["DISPLAY_TIMEZONE"],
                                days=DAYS, max_age=dt.timedelta(minutes=10))
    assert found["coverage"]["computed_at"] < now  # computed in the job's thread, kept for this view
    assert {row["key"]: row["target"] for row in found["coverage"]["guarantees"]}["health"] == 8


def test_a_payment_file_brings_the_enrolled_and_paid_figures_up_to_date_at_the_next_view(hub, tmp_path):
    from hub_server.services import payment_import

    first = build(hub, ADMIN)["coverage"]
    assert {row["code"]: row["paid"] for row in first["programmes"]}["OLD-D"] == 1  # Budi's March benefit
    path = tmp_path / "benefits-again.csv"
    path.write_text("reference,nik,membership_number,programme,period,paid_on,amount\n"
                    f"POS/OLD/2026/03/0002,{data.PEOPLE[0][0]},OLD-0001,OLD-D,2026-03,2026-03-30,200000\n",
                    encoding="utf-8")
    with hub.uow() as uow:
        payment_import.import_file(uow, "benefit", path, actor=data.ACTOR)
    again = build(hub, ADMIN, NOW + dt.timedelta(minutes=1))["coverage"]
    assert again["computed_at"] == NOW + dt.timedelta(minutes=1)  # a new payment file: read again at once
