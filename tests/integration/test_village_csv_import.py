"""CSV import: each bad row reported with its line, field and rule; the good rows loaded."""

import json

from village_client.csv_import import import_people
from village_client.device import initialise
from village_client.officers import add_officer
from village_client.store import open_store

GOOD_AND_BAD = """name,nik,nik_status,kk_number,birth_date,sex,relationship,village_code,address_rt,address_rw
Budi Santoso,3507010201800001,,3507010101010001,1980-01-02,M,head,35.07.01.2001,1,2
Ani Lestari,,unregistered,3507010101010001,1982-03-04,F,spouse,35.07.01.2001,1,2
Dewi Anak,,newborn,3507010101010001,2031-01-01,F,child,35.07.01.2001,1,2
Joko,35070102018,,3507010101010002,1975-07-07,M,head,35.07.01.2001,3,1
Sari,,unregistered,3507010101010002,1979-09-09,X,spouse,35.07.01.2001,3,1
Rudi,,unregistered,,1999-12-12,M,,35.07.01.2001,,
"""


def officer_in(tmp_path):
    initialise(tmp_path / "laptop")
    store = open_store(tmp_path / "laptop")
    return store, add_officer(store, "kec.andi", "Andi", "sub_district_officer", "123456")


def test_bad_rows_are_reported_with_line_field_and_rule_and_the_rest_is_loaded(tmp_path):
    store, officer = officer_in(tmp_path)
    with store:
        report = import_people(store, officer, GOOD_AND_BAD, "en")
        assert [(e.line, e.field, e.rule) for e in report.errors] == [
            (4, "birth_date", "date_future"), (5, "nik", "id_length"), (6, "sex", "choice")]
        assert report.errors[0].message.startswith("Date of birth may not be after today")
        assert (report.loaded, report.households) == (3, 1)
        names = {row["name"]: row["household_id"] for row in store.db["person"].rows}
        assert set(names) == {"Budi Santoso", "Ani Lestari", "Rudi"}
        assert names["Budi Santoso"] == names["Ani Lestari"] and names["Rudi"] is None
        household = store.db["household"].get(names["Budi Santoso"])
        assert store.db["person"].get(household["head_person_id"])["name"] == "Budi Santoso"


def test_people_join_a_household_the_laptop_already_holds(tmp_path):
    store, officer = officer_in(tmp_path)
    with store:
        import_people(store, officer, GOOD_AND_BAD)
        more = ("name,nik_status,kk_number,birth_date,sex,village_code\n"
                "Bayi,newborn,3507010101010001,2025-06-01,F,35.07.01.2001\n")
        report = import_people(store, officer, more)
        assert (report.loaded, report.households, report.errors) == (1, 0, [])
        assert store.db["household"].count == 1


def test_a_file_with_unknown_columns_loads_nothing(tmp_path):
    store, officer = officer_in(tmp_path)
    with store:
        report = import_people(store, officer, "nama,tgl_lahir\nBudi,1980-01-02\n")
        assert [(e.line, e.rule) for e in report.errors] == [(1, "csv_header")]
        assert (report.loaded, store.db["person"].count, store.db["outbox"].count) == (0, 0, 0)


def test_members_joining_a_held_household_load_together_or_not_at_all(tmp_path):
    store, officer = officer_in(tmp_path)
    with store:
        store.update_device(scope=["35.07.01.2001"])
        import_people(store, officer, GOOD_AND_BAD)
        before = store.db["person"].count
        more = ("name,nik_status,kk_number,birth_date,sex,village_code\n"
                "Bayi,newborn,3507010101010001,2025-06-01,F,35.07.01.2001\n"
                "Kakak,unregistered,3507010101010001,2010-06-01,F,35.07.02.2001\n")
        report = import_people(store, officer, more, "en")
        assert report.loaded == 0 and [(e.line, e.field) for e in report.errors] == [(3, "village_code")]
        assert store.db["person"].count == before, "the member before the refused one is not kept alone"


def test_a_member_leaving_the_address_empty_takes_the_heads_and_every_record_has_its_own_id(tmp_path):
    store, officer = officer_in(tmp_path)
    text = ("name,nik,nik_status,kk_number,birth_date,sex,relationship,village_code,address_rt,address_rw\n"
            "Budi Santoso,3507010201800001,,3507010101010001,1980-01-02,M,head,35.07.01.2001,4,5\n"
            "Ani Lestari,,unregistered,3507010101010001,1982-03-04,F,spouse,35.07.01.2001,,\n"
            "Joko,,unregistered,3507010101010002,1975-07-07,M,head,35.07.01.2001,3,1\n")
    with store:
        report = import_people(store, officer, text, "en")
        assert (report.loaded, report.households, report.errors) == (3, 2, [])
        people = {row["name"]: row for row in store.db["person"].rows}
        assert (people["Ani Lestari"]["address_rt"], people["Ani Lestari"]["address_rw"]) == (4, 5)
        ids = [row["id"] for row in store.db["household"].rows] + [row["id"] for row in store.db["person"].rows]
        assert len(set(ids)) == 5 == store.scalar("SELECT record_counter FROM device WHERE id = 1")
        sent = [json.loads(row["body"])["ops"] for row in store.db["outbox"].rows]
        assert [[op["t"] for op in ops] for ops in sent] == [["household", "person", "person"], ["household", "person"]]
        assert sent[0][2]["f"]["address_rt"] == people["Ani Lestari"]["address_rt"]  # the change-set says so too


def test_a_household_outside_the_laptop_s_area_is_left_out_alone_and_the_others_chain_their_change_sets(tmp_path):
    store, officer = officer_in(tmp_path)
    text = ("name,nik,nik_status,kk_number,birth_date,sex,relationship,village_code,address_rt,address_rw\n"
            "Budi Santoso,3507010201800001,,3507010101010001,1980-01-02,M,head,35.07.01.2001,4,5\n"
            "Ani Lestari,,unregistered,3507010101010001,1982-03-04,F,spouse,35.07.01.2001,4,5\n"
            "Joko,,unregistered,3507010101010002,1975-07-07,M,head,35.07.02.2001,3,1\n"
            "Sri,,unregistered,3507010101010003,1970-05-05,F,head,35.07.01.2001,2,1\n")
    with store:
        store.update_device(scope=["35.07.01.2001"])
        report = import_people(store, officer, text, "en")
        assert (report.loaded, report.households) == (3, 2)
        assert [(e.line, e.field, e.rule) for e in report.errors] == [(4, "village_code", "out_of_scope")]
        assert "Joko" not in {row["name"] for row in store.db["person"].rows}
        sent = list(store.db.query("SELECT seq, hash, prev_hash, body FROM outbox ORDER BY seq"))
        assert [row["seq"] for row in sent] == [1, 2]
        assert sent[1]["prev_hash"] == sent[0]["hash"]
        ops = [json.loads(row["body"])["ops"] for row in sent]
        # the officer is announced once, at the head of the first change-set; then one household each
        assert [[op["t"] for op in change] for change in ops] == [["officer", "household", "person", "person"],
                                                                  ["household", "person"]]
        assert store.scalar("SELECT COUNT(*) FROM pending_edit") == 6  # one per record made: officer, 2 + 3
