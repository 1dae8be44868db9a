"""Every resident counts, end to end with real processes: a household no extract holds, registered by a
village, joins the hub's population, is found by the call centre, listed as awaiting verification,
and verified by a later extract; a village meeting's correction for someone nobody knows is shown on
the laptop as kept but not counted, with the reason, until the person is registered.

`sws-hub` (a real server on 127.0.0.1) imports a generated district, loads the shipped catalogue and
matches; `sws-village` enrolls and syncs over HTTP.
"""

import csv
import json
import sqlite3

import pytest

from schemas.record_status import describe
from tests.e2e.test_lists_reach_village import (  # noqa: F401  (fixtures)
    browser_page,
    district,
    matched_hub,
    started_copy,
    village_cli,
    village_ui,
)
from village_client.store import DB_FILE

pytestmark = [pytest.mark.e2e, pytest.mark.browser]
KK = "3507010203269901"
HEAD = ("Eko Prasetyo", "3507012501019901")
MEMBERS = (f"name={HEAD[0]};nik={HEAD[1]};birth_date=2001-01-25;sex=M;relationship=head;occupation=not_working;"
           "marital_status=married",
           "name=Rina Wati;nik=3507016408039901;birth_date=2003-08-24;sex=F;relationship=spouse;"
           "occupation=housekeeping;marital_status=married")
STRANGER = "3507014112959901"  # nobody has registered this NIK yet
MEETING_REASON = "Musyawarah desa: janda tanpa penghasilan, belum terdaftar di mana pun"


def query(data_dir, sql: str, *args) -> list:
    with sqlite3.connect(data_dir / DB_FILE) as db:
        return db.execute(sql, args).fetchall()


@pytest.fixture
def world(start_hub, tmp_path, district, matched_hub):  # noqa: F811
    _, village = district
    hub = started_copy(start_hub, matched_hub, tmp_path / "hub")
    laptop = tmp_path / "desa"
    village_cli(laptop, "init", "--label", "Desa uji")
    village_cli(laptop, "officer", "add", "siti", "--name", "Siti Aminah", "--role", "village_secretary")
    village_cli(laptop, "enroll", "--hub", hub.url, "--token", hub.issue_token(scope=village))
    return hub, laptop, village


def test_a_household_no_registry_holds_reaches_a_list_and_an_extract_verifies_it(
        world, district, tmp_path, village_ui, browser_page):  # noqa: F811  (fixtures)
    (hub, laptop, village), folder, page = world, district[0], browser_page
    village_cli(laptop, "sync")  # the catalogue and the lists first
    members = [option for member in MEMBERS for option in ("--member", member)]
    village_cli(laptop, "household", "add", f"kk_number={KK}", f"village_code={village}", "welfare_decile=2",
                "decile_source=Pendataan desa 2026", *members)
    village_cli(laptop, "correction", "add", "programme_code=BLK", f"nik={STRANGER}", "decision=include",
                f"reason={MEETING_REASON}", "meeting_date=2026-03-04")
    synced = village_cli(laptop, "sync")
    assert "kept but not counted 1" in synced

    # At the hub: residents at once, with who registered them; no conflict; the call centre finds them.
    residents = hub.cli("residents").stdout
    assert HEAD[1] in residents and "registered by siti@" in residents and "awaiting: 2" in residents
    assert "No open conflict" in hub.cli("conflicts").stdout or HEAD[1] not in hub.cli("conflicts").stdout
    assert HEAD[1] in hub.cli("find", "prasetyo eko").stdout

    # On the laptop: the correction is kept but not counted, with the reason and what would resolve it.
    [(status, counted, data)] = query(laptop, "SELECT status, counted, data FROM record_status r JOIN "
                                              "list_correction c ON c.id = r.record_id")
    assert (status, counted) == ("person_unknown", 0) and "Register" in describe(json.loads(data), "en")[1]

    # The next matching run lists the young man on the district's job training, awaiting verification.
    hub.cli("match", "--on", "2026-03-01")
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT status FROM list_member WHERE programme_code = 'BLK' AND nik = ?",
                 HEAD[1]) == [("awaiting",)]
    page.goto(village_ui + "lists?programme=BLK")
    row = page.locator(f"#list-BLK-{village.replace('.', '')}-{HEAD[1]}")
    assert "menunggu verifikasi" in row.locator(".badge.awaiting").inner_text()  # the officer reads Indonesian
    assert "belum dihitung" in page.locator(f"#list-BLK-{village.replace('.', '')} .hub-status").inner_text()
    page.goto(village_ui + "sync/")
    kept = page.locator("#not-counted").inner_text()
    assert STRANGER in kept and "belum ada di basis data terpadu" in kept and "Daftarkan warga ini" in kept

    # The stranger is registered: the correction counts.
    village_cli(laptop, "person", "add", "name=Suwarni", f"nik={STRANGER}", "birth_date=1995-12-01", "sex=F",
                f"village_code={village}", "occupation=not_working")
    assert "kept but not counted 0" in village_cli(laptop, "sync")
    assert query(laptop, "SELECT status, counted FROM record_status r JOIN list_correction c ON c.id = r.record_id"
                 ) == [("counted", 1)]

    # A later e-KTP extract holds the household: verified by it, and the list says so at the next run.
    extract = tmp_path / "ektp-2026-06.csv"
    with open(folder / "ektp.csv", encoding="utf-8") as source, open(extract, "w", encoding="utf-8") as target:
        target.write(source.read())
        rows = csv.writer(target)
        rows.writerow([HEAD[1], HEAD[0], "Malang", "2001-01-25", "M", "Dusun Krajan", "003", "002", village,
                       "married", "not_working"])
    hub.cli("import", "ektp", str(extract))
    assert HEAD[1] in hub.cli("residents", "--status", "source").stdout
    hub.cli("match", "--on", "2026-03-01")
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT status FROM list_member WHERE programme_code = 'BLK' AND nik = ?",
                 HEAD[1]) == [("listed",)]
    [(status,)] = query(laptop, "SELECT r.status FROM record_status r JOIN person p ON p.id = r.record_id "
                                "WHERE p.nik = ?", HEAD[1])
    assert status == "verified"

    # He dies; the village records it, and the next version of the list drops him, saying why.
    [(eko,)] = query(laptop, "SELECT id FROM person WHERE nik = ?", HEAD[1])
    village_cli(laptop, "person", "update", eko, "death_date=2026-05-10")
    village_cli(laptop, "sync")
    hub.cli("match", "--on", "2026-03-01")
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT count(*) FROM list_member WHERE nik = ?", HEAD[1]) == [(0,)]
    [(removed,)] = query(laptop, "SELECT removed FROM beneficiary_list WHERE programme_code = 'BLK'")
    assert {"nik": HEAD[1], "name": HEAD[0], "reason": "died"} in json.loads(removed)
    assert f"{HEAD[1]}  {HEAD[0]}  [no longer listed] (died)" in village_cli(laptop, "list", "BLK")
    page.goto(village_ui + "lists?programme=BLK")
    assert "meninggal dunia" in page.locator("table.removed").first.inner_text()


def test_a_family_that_moves_goes_to_the_new_villages_laptop_and_list_and_a_newborn_takes_its_nik_there(
        world, tmp_path):
    from schemas.region import villages

    hub, laptop, village = world
    there = next(code for code, _ in villages(village.rsplit(".", 1)[0]) if code != village)
    other = tmp_path / "desa-tujuan"
    village_cli(other, "init", "--label", "Desa tujuan")
    village_cli(other, "officer", "add", "siti", "--name", "Siti Rahayu", "--role", "village_secretary")
    village_cli(other, "enroll", "--hub", hub.url, "--token", hub.issue_token(scope=there))
    village_cli(laptop, "sync")
    members = [option for member in MEMBERS for option in ("--member", member)]
    added = village_cli(laptop, "household", "add", f"kk_number={KK}", f"village_code={village}", "welfare_decile=2",
                        "decile_source=Pendataan desa 2026", *members)
    household = added.split()[1]
    baby = village_cli(laptop, "person", "add", "name=Bayi Rina", "nik_status=newborn", "birth_date=2026-02-14",
                       "sex=F", "relationship=child", f"household_id={household}", f"village_code={village}"
                       ).split()[1]
    village_cli(laptop, "sync")
    assert "Bayi Rina" in hub.cli("residents").stdout and "no NIK yet" in hub.cli("residents").stdout
    hub.cli("match", "--on", "2026-03-01")
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT status FROM list_member WHERE programme_code = 'BLK' AND nik = ?",
                 HEAD[1]) == [("awaiting",)]

    # The whole family moves to the other village: its laptop receives them, this one keeps them read-only.
    village_cli(laptop, "household", "move", household, "--to-village", there, "--on", "2026-03-10")
    village_cli(laptop, "sync")
    village_cli(other, "sync")
    assert query(other, "SELECT count(*), min(village_code) FROM person") == [(3, there)]
    assert query(other, "SELECT village_code FROM household WHERE id = ?", household) == [(there,)]
    refused = village_cli(laptop, "person", "update", baby, "phone=081234567890", check=False)
    assert "moved to the village" in refused and there in refused

    # The next lists: he leaves this village's, with the reason, and joins the new village's.
    hub.cli("match", "--on", "2026-03-01")
    village_cli(laptop, "sync")
    village_cli(other, "sync")
    [(removed,)] = query(laptop, "SELECT removed FROM beneficiary_list WHERE programme_code = 'BLK'")
    assert {"nik": HEAD[1], "name": HEAD[0], "reason": "moved_village"} in json.loads(removed)
    assert query(other, "SELECT status FROM list_member WHERE programme_code = 'BLK' AND nik = ?",
                 HEAD[1]) == [("awaiting",)]

    # The baby's NIK is issued: the new village enters it, and the hub's resident takes it.
    village_cli(other, "person", "update", baby, "nik=3507015402269901",
                "nik_status=recorded")
    village_cli(other, "sync")
    found = hub.cli("find", "3507015402269901").stdout
    assert "Bayi Rina" in found


def test_the_villages_residents_come_down_and_one_the_sources_hold_is_updated_not_registered_again(
        world, village_ui, browser_page):  # noqa: F811  (fixtures)
    (hub, laptop, village), page = world, browser_page
    village_cli(laptop, "sync")
    [(held, sheets)] = query(laptop, "SELECT count(*), (SELECT count(*) FROM population_sheet) FROM resident")
    assert held > 0 and sheets == 1 and query(laptop, "SELECT DISTINCT village_code FROM resident") == [(village,)]
    [(nik, name, occupation)] = query(laptop, "SELECT nik, name, occupation FROM resident WHERE occupation != "
                                              "'trader' ORDER BY nik LIMIT 1")
    assert nik in village_cli(laptop, "residents", "find", name)

    # In the browser: the search shows the resident; "Update" opens this laptop's record of them, made
    # from the hub's values; the change goes up as a change-set and the hub's population takes it.
    page.goto(village_ui + f"households?q={nik}")
    page.locator(f"table.residents tr[data-nik='{nik}'] button").click()
    page.wait_for_url("**/people/*/edit")
    assert page.locator("#nik").input_value() == nik and page.locator("#name").input_value() == name
    page.select_option("#occupation", "trader")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT count(*) FROM person WHERE nik = ?", nik) == [(1,)]
    assert name in hub.cli("find", nik).stdout
    assert nik not in hub.cli("conflicts").stdout  # the hub's own values: nothing to decide
    # The next import or matching run sends the village the resident as the hub now holds them.
    hub.cli("match", "--on", "2026-03-01")
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT occupation FROM resident WHERE nik = ?", nik) == [("trader",)]


def test_a_midwife_records_a_pregnancy_and_a_birth_and_the_next_lists_name_mother_and_household(world):
    hub, laptop, village = world
    village_cli(laptop, "officer", "add", "bidan.rina", "--name", "Rina Wati", "--role", "midwife")
    village_cli(laptop, "sync")
    # A woman of the village the sources hold, of a poor household (welfare decile 1-4), not pregnant.
    with sqlite3.connect(hub.data_dir / "hub.sqlite") as db:
        poor = {row[0] for row in db.execute("SELECT kk_number FROM households WHERE welfare_decile <= 4")}
    women = query(laptop, "SELECT nik, kk_number FROM resident WHERE sex = 'F' AND birth_date BETWEEN "
                          "'1977-01-01' AND '2010-12-31' AND kk_number NOT IN (SELECT r.kk_number FROM resident r "
                          "JOIN list_member m ON m.nik = r.nik AND m.programme_code = 'PKH') ORDER BY nik")
    nik, kk = next((nik, kk) for nik, kk in women if kk in poor)  # a poor household PKH does not list yet
    midwife = ("--officer", "bidan.rina")
    village_cli(laptop, "residents", "update", *midwife, nik, "pregnant=yes", "expected_delivery_date=2026-08-20")
    # The secretary may not record an antenatal visit; the midwife may not change a phone number.
    [(mother,)] = query(laptop, "SELECT id FROM person WHERE nik = ?", nik)
    refused = village_cli(laptop, "person", "visit", mother, "visit_date=2026-03-02", "muac_mm=226", check=False)
    assert "may not record" in refused
    refused = village_cli(laptop, "person", "update", *midwife, mother, "phone=081234567890", check=False)
    assert "may not record" in refused
    village_cli(laptop, "person", "visit", *midwife, mother, "visit_date=2026-03-02", "muac_mm=226")
    village_cli(laptop, "sync")
    hub.cli("match", "--on", "2026-03-10")
    village_cli(laptop, "sync")
    assert query(laptop, "SELECT count(*) FROM list_member WHERE programme_code = 'PMT-KEK' AND nik = ?",
                 nik) == [(1,)]
    household = {row[0] for row in query(laptop, "SELECT nik FROM resident WHERE kk_number = ?", kk)}
    listed = {row[0] for row in query(laptop, "SELECT nik FROM list_member WHERE programme_code = 'PKH'")}
    assert household & listed  # the household, through its head: a pregnant member

    # The birth: a new member of the household, no NIK yet; the mother is no longer pregnant. The
    # household stays on PKH for its young child; the mother leaves PMT-KEK.
    village_cli(laptop, "person", "add", *midwife, "name=Bayi Rina", "nik_status=newborn", "birth_date=2026-03-08",
                "sex=F", "relationship=child", f"kk_number={kk}", f"village_code={village}")
    village_cli(laptop, "person", "update", *midwife, mother, "pregnant=no", "expected_delivery_date=")
    village_cli(laptop, "sync")
    assert "Bayi Rina" in hub.cli("find", "bayi rina").stdout
    hub.cli("match", "--on", "2026-03-10")
    village_cli(laptop, "sync")
    listed = {row[0] for row in query(laptop, "SELECT nik FROM list_member WHERE programme_code = 'PKH'")}
    assert household & listed
    assert query(laptop, "SELECT count(*) FROM list_member WHERE programme_code = 'PMT-KEK' AND nik = ?",
                 nik) == [(0,)]
