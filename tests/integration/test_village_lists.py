"""Beneficiary lists on a real laptop database: versions from signed feed pages, corrections, applications."""

import json

import pytest
from click.testing import CliRunner

from sync_protocol.binding import SyncReply
from sync_protocol.changeset import ChangeSet
from sync_protocol.errors import MalformedMessage
from sync_protocol.feed import FeedPage, sign_page
from tests.integration.test_village_hub_standin import StandInHub, enrolled_laptop, fast_settings
from village_client import hub_word, lists, migrations, outbox, records
from village_client.cli import main
from village_client.incoming import apply_reply
from village_client.store import open_store
from village_client.sync.engine import SyncEngine

VILLAGE = "35.07.01.2001"
SITI = ["3507015505900001", "Siti Aminah", ["pregnant"]]
BUDI = ["3507010201800001", "Budi Santoso", ["elderly"]]
ANI = ["3507014403820002", "Ani Lestari", ["early_childhood"]]
OUTSIDER = "3507016607750003"  # a valid NIK on no list
PKH = {"name": "Program Keluarga Harapan", "name_en": "Family Hope Programme (PKH)", "guarantee": "children",
       "level": "national",
       "matching": {"reasons": [{"code": "pregnant", "id": "Ibu hamil", "en": "Pregnant woman"},
                                {"code": "early_childhood", "id": "Anak usia dini", "en": "Young child (0-6)"},
                                {"code": "elderly", "id": "Lanjut usia", "en": "Elderly person"}]}}
MEETING = "2026-03-04"
REASON = "Suami meninggal Januari 2026; keluarga tanpa penghasilan tetap."


def version(number, base, added=(), removed=(), size=None, version_id=None) -> dict:
    data = {"programme": "PKH", "village_code": VILLAGE, "version": number, "base_version": base,
            "size": size, "list_date": f"2026-0{number}-01", "columns": ["nik", "name", "reasons"],
            "added": [list(row) for row in added], "removed": list(removed)}
    return {"kind": "list", "table": "beneficiary_list", "id": version_id or str(100 + number), "data": data}


@pytest.fixture(scope="module")
def hub():
    with StandInHub() as running:
        yield running


@pytest.fixture
def laptop(tmp_path, hub):
    data_dir = tmp_path / "laptop"
    officer = enrolled_laptop(data_dir, hub)
    with open_store(data_dir) as store:
        yield store, officer, hub


class Feed:
    """Signed pages for one laptop, each with the next cursor, applied through `incoming.apply_reply`."""

    def __init__(self, store, hub):
        self.store, self.hub, self.pages = store, hub, 0
        self.device_id = store.device()["device_id"]

    def deliver(self, *entries) -> dict:
        self.pages += 1
        page = FeedPage(self.device_id, tuple(entries), f"c{self.pages}", False)
        reply = SyncReply(feed=sign_page(self.hub.key, page))
        return apply_reply(self.store, reply, self.hub.public_key, self.device_id)


@pytest.fixture
def feed(laptop):
    store, _, hub = laptop
    delivered = Feed(store, hub)
    delivered.deliver({"kind": "programme", "id": "PKH", "data": PKH})
    return delivered


def held(store) -> dict:
    row = lists.held_list(store.db, "PKH", VILLAGE)
    return {**row, "added": json.loads(row["added"]), "changed": json.loads(row["changed"]),
            "removed": json.loads(row["removed"])}


def members(store) -> dict:
    rows = store.db.query("SELECT nik, name, reasons FROM list_member WHERE programme_code = 'PKH'")
    return {row["nik"]: (row["name"], json.loads(row["reasons"])) for row in rows}


def counts(store) -> tuple:
    return (store.db["list_correction"].count, store.db["application"].count, store.db["outbox"].count)


def last_ops(store) -> list:
    """The operations of the last change-set, without the officer's announcement its first work carries."""
    body = store.db.execute("SELECT body FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()[0]
    return [op for op in ChangeSet.from_body(json.loads(body)).ops if op.table != "officer"]


def rules(invalid) -> list:
    return [(error.field, error.rule) for error in invalid.value.errors]


# --- list versions from the feed ---------------------------------------------------------------------


def test_a_whole_version_is_held_as_the_list_with_its_members(laptop, feed):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI], size=2))
    row = held(store)
    assert (row["version"], row["list_date"], row["size"], row["stale"]) == (1, "2026-01-01", 2, 0)
    assert row["added"] == [] and row["removed"] == []  # the first list held marks nobody as new
    assert members(store) == {SITI[0]: ("Siti Aminah", ["pregnant"]), BUDI[0]: ("Budi Santoso", ["elderly"])}
    assert store.device()["feed_cursor"] == "c2"


def test_a_delta_adds_and_removes_and_remembers_what_changed(laptop, feed):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI], size=2))
    feed.deliver(version(2, 1, [ANI], [BUDI[0]], size=2))
    row = held(store)
    assert (row["version"], row["stale"]) == (2, 0)
    assert set(members(store)) == {SITI[0], ANI[0]}
    assert row["added"] == [ANI[0]] and row["changed"] == []
    assert row["removed"] == [{"nik": BUDI[0], "name": "Budi Santoso"}]


def test_an_added_row_for_a_listed_nik_replaces_it_its_reasons_changed(laptop, feed):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]))
    feed.deliver(version(2, 1, [[SITI[0], "Siti Aminah", ["pregnant", "early_childhood"]]]))
    assert members(store)[SITI[0]] == ("Siti Aminah", ["pregnant", "early_childhood"])
    row = held(store)
    assert row["added"] == [] and row["changed"] == [SITI[0]] and len(members(store)) == 2


def test_a_gap_applies_the_delta_but_marks_the_list_stale_until_a_whole_version(laptop, feed):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]))
    feed.deliver(version(3, 2, [ANI], [BUDI[0]]))  # version 2 never arrived
    assert held(store)["stale"] == 1 and set(members(store)) == {SITI[0], ANI[0]}
    feed.deliver(version(4, 3, [BUDI]))  # a delta on the stale list keeps it stale
    assert held(store)["stale"] == 1 and len(members(store)) == 3
    feed.deliver(version(5, 0, [SITI, ANI]))
    row = held(store)
    assert (row["version"], row["stale"]) == (5, 0)
    assert set(members(store)) == {SITI[0], ANI[0]}
    assert row["removed"] == [{"nik": BUDI[0], "name": "Budi Santoso"}] and row["added"] == []


def test_a_version_delivered_again_or_older_is_ignored(laptop, feed):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]))
    feed.deliver(version(2, 1, [ANI], [BUDI[0]]))
    before = (held(store), members(store))
    feed.deliver(version(2, 1, [ANI], [BUDI[0]]), version(1, 0, [SITI, BUDI]))
    assert (held(store)["version"], members(store)) == (2, before[1])
    assert held(store)["added"] == before[0]["added"] and held(store)["stale"] == 0


def test_a_malformed_list_refuses_the_whole_page_and_keeps_the_cursor(laptop, feed):
    store, _, _ = laptop
    broken = version(1, 0, [[SITI[0], "Siti Aminah", "pregnant"]])  # reasons must be a list
    with pytest.raises(MalformedMessage):
        feed.deliver(version(1, 0, [BUDI], version_id="7"), broken)
    assert store.db["beneficiary_list"].count == 0 and store.device()["feed_cursor"] == "c1"


def test_lists_of_other_programmes_and_villages_are_held_apart(laptop, feed):
    store, _, _ = laptop
    other = version(1, 0, [BUDI])
    other["data"] |= {"programme": "BPJS-PBI"}
    feed.deliver(version(1, 0, [SITI]), other)
    assert [(row["programme_code"], row["count"]) for row in lists.lists_held(store.db)] == [("BPJS-PBI", 1),
                                                                                             ("PKH", 1)]


def test_the_upgrade_replays_the_versions_a_laptop_already_received(tmp_path):
    from sqlite_utils import Database

    db = Database(tmp_path / "old.db")
    migrations.MIGRATIONS.apply(db, stop_before="m007_lists_and_corrections")
    for entry in (version(2, 1, [ANI], [BUDI[0]]), version(1, 0, [SITI, BUDI])):
        data = entry["data"]
        db["beneficiary_list"].insert({"id": entry["id"], "programme_code": "PKH", "village_code": VILLAGE,
                                       "version": data["version"], "data": json.dumps(data)})
    unreadable = version(1, 0, [SITI])
    db["beneficiary_list"].insert({"id": "99", "programme_code": "BSM", "village_code": VILLAGE, "version": 1,
                                   "data": json.dumps({**unreadable["data"], "added": [["x", "y", "not a list"]],
                                                       "programme": "BSM"})})
    db["application"].insert({"id": "lap-5", "person_id": "lap-1", "programme_code": "PKH", "status": "applied"})
    assert migrations.migrate(db)[0] == "m007_lists_and_corrections"
    held = {row["programme_code"]: row for row in lists.lists_held(db)}
    assert [(row["version"], row["count"], row["added"], row["stale"]) for row in [held["PKH"]]] == [
        (2, 2, [], False)]
    assert sorted(member["nik"] for member in lists.members(db, held["PKH"])) == sorted([SITI[0], ANI[0]])
    assert held["BSM"]["stale"] is True and held["BSM"]["count"] == 0  # shown as "ask for a whole list", not lost
    assert db["application"].get("lap-5")["status"] == "applied" and not db["beneficiary_list_received"].exists()


# --- community corrections ---------------------------------------------------------------------------


def test_a_correction_is_saved_with_its_change_set_and_the_lists_version(laptop, feed):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]))
    correction_id = records.correct_list(store, officer, "PKH", OUTSIDER, "include", REASON, MEETING)
    row = store.db["list_correction"].get(correction_id)
    assert (row["village_code"], row["list_version"], row["decision"], row["officer"]) == (VILLAGE, 1, "include",
                                                                                          "siti")
    [op] = last_ops(store)
    assert (op.kind, op.table, op.record_id, op.fields["nik"]) == ("create", "list_correction", correction_id,
                                                                   OUTSIDER)
    records.correct_list(store, officer, "PKH", BUDI[0], "exclude", "Pindah ke Surabaya sejak Desember 2025.",
                         MEETING)
    assert [row["nik"] for row in lists.corrections(store.db, "PKH", VILLAGE)] == [BUDI[0], OUTSIDER]


@pytest.mark.parametrize(("change", "expected"), [
    ({"reason": "pindah"}, [("reason", "text_too_short")]),
    ({"meeting_date": "2099-01-01"}, [("meeting_date", "date_future")]),
    ({"decision": "maybe"}, [("decision", "choice")]),
    ({"nik": "1234"}, [("nik", "id_length")]),
    ({"decision": "exclude"}, [("nik", "not_on_list")]),
    ({"nik": SITI[0]}, [("nik", "already_on_list")]),
    ({"programme_code": "BSM"}, [("programme_code", "programme_unknown")]),
])
def test_a_bad_correction_names_the_field_and_rule_and_saves_nothing(laptop, feed, change, expected):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]))
    values = {"programme_code": "PKH", "nik": OUTSIDER, "decision": "include", "reason": REASON,
              "meeting_date": MEETING} | change
    with pytest.raises(records.InvalidRecord) as invalid:
        records.correct_list(store, officer, **values)
    assert rules(invalid) == expected
    assert all(error.message("en") and error.message("id") for error in invalid.value.errors)
    assert counts(store) == (0, 0, 0)


# --- applications ------------------------------------------------------------------------------------


def test_an_application_by_nik_takes_the_lists_village_and_version_and_goes_to_the_outbox(laptop, feed):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]), version(2, 1, [ANI]))
    application_id = records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    row = store.db["application"].get(application_id)
    assert (row["nik"], row["village_code"], row["list_version"], row["status"], row["person_id"]) == (
        SITI[0], VILLAGE, 2, "applied", None)
    [op] = last_ops(store)
    assert (op.table, op.fields["status"], op.fields["nik"]) == ("application", "applied", SITI[0])
    statuses = {member["nik"]: (member["application"] or {}).get("status")
                for member in lists.members(store.db, lists.lists_held(store.db)[0])}
    assert statuses == {SITI[0]: "applied", BUDI[0]: None, ANI[0]: None}


def test_a_second_open_application_is_refused_naming_the_field(laptop, feed):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI]))
    records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    with pytest.raises(records.InvalidRecord) as invalid:
        records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    assert rules(invalid) == [("nik", "application_open")]
    assert "Applied" in invalid.value.errors[0].message("en") and "Mengajukan" in invalid.value.errors[0].message("id")
    assert counts(store) == (0, 1, 1)


def test_a_resident_registered_here_cannot_apply_twice_by_record_and_by_nik(laptop, feed):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI]))
    person_id = records.add_person(store, officer, {"name": "Siti Aminah", "nik": SITI[0], "birth_date": "1990-05-15",
                                                    "sex": "F", "village_code": VILLAGE})
    records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    with pytest.raises(records.InvalidRecord) as invalid:
        records.apply_for_programme(store, officer, person_id, "PKH")
    assert rules(invalid) == [("person_id", "application_open")]


def test_after_a_rejection_from_the_hub_the_person_may_apply_again(laptop, feed):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI]))
    application_id = records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    [last] = store.db.query("SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1")
    with store.transaction() as db:  # the hub acknowledges the application, as a sync reply does
        outbox.mark_acked(db, last["seq"], last["hash"])
    justification = "Desil kesejahteraan 6 menurut DTSEN 2025."
    feed.deliver({"kind": "record", "table": "application", "id": application_id,
                  "data": {"status": "rejected", "status_date": "2026-03-10", "justification": justification}})
    [member] = lists.members(store.db, lists.lists_held(store.db)[0])
    assert (member["application"]["status"], member["application"]["justification"]) == ("rejected", justification)
    again = records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    [member] = lists.members(store.db, lists.lists_held(store.db)[0])
    assert member["application"]["id"] == again


@pytest.mark.parametrize(("values", "expected"), [
    ({"nik": None}, [("nik", "person_or_nik_required")]),
    ({"nik": "3507015505900"}, [("nik", "id_length")]),
    ({"programme_code": "BSM"}, [("programme_code", "programme_unknown")]),
    ({"nik": OUTSIDER, "village_code": "35.07.02.2001"}, [("village_code", "out_of_scope")]),
])
def test_a_bad_application_names_the_field_and_rule_and_saves_nothing(laptop, feed, values, expected):
    store, officer, _ = laptop
    feed.deliver(version(1, 0, [SITI]))
    arguments = {"programme_code": "PKH", "nik": SITI[0]} | values
    with pytest.raises(records.InvalidRecord) as invalid:
        records.apply_for_programme(store, officer, None, arguments.pop("programme_code"), **arguments)
    assert rules(invalid) == expected
    assert counts(store) == (0, 0, 0)


def test_corrections_and_applications_reach_the_hub_by_sync(laptop, feed):
    store, officer, hub = laptop
    feed.deliver(version(1, 0, [SITI]))
    records.correct_list(store, officer, "PKH", OUTSIDER, "include", REASON, MEETING)
    records.apply_for_programme(store, officer, None, "PKH", nik=SITI[0])
    before = len(hub.received)
    store.update_device(feed_cursor="")  # the pages above came from no real hub: start its feed afresh
    SyncEngine(store.data_dir, fast_settings()).sync()
    sent = [op.table for changeset in hub.received[before:] for op in changeset.ops]
    assert sent == ["officer", "list_correction", "application"] and outbox.pending_count(store.db) == 0


# --- the command line --------------------------------------------------------------------------------


def test_the_command_line_shows_lists_and_records_corrections_and_applications(laptop, feed, monkeypatch):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]), version(3, 2, [ANI], [BUDI[0]]))
    for name, value in {"DATA_DIR": str(store.data_dir), "PIN": "123456", "LANGUAGE": "en"}.items():
        monkeypatch.setenv(f"SWS_VILLAGE_{name}", value)

    def run(*args, ok=True):
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        assert (result.exit_code == 0) == ok, result.output
        return result.output

    overview = run("lists")
    assert "PKH  35.07.01.2001  version 3  01-03-2026  2 listed  +1 new  -1 removed  STALE:" in overview
    shown = run("list", "PKH")
    assert f"{ANI[0]}  Ani Lestari  Young child (0-6)  pre_identified  [new]" in shown
    assert f"{BUDI[0]}  Budi Santoso  [no longer listed]" in shown
    assert "recorded (applied)" in run("apply", "--officer", "siti", "PKH", SITI[0])
    assert "application_open" in run("apply", "--officer", "siti", "PKH", SITI[0], ok=False)
    assert f"{SITI[0]}  Siti Aminah  Pregnant woman  applied" in run("list", "PKH")
    refused = run("correction", "add", "--officer", "siti", "programme_code=PKH", f"nik={OUTSIDER}",
                  "decision=include", "reason=pindah", f"meeting_date={MEETING}", ok=False)
    assert "reason: Reason needs at least 10 characters. [text_too_short]" in refused
    assert "recorded" in run("correction", "add", "--officer", "siti", "programme_code=PKH", f"nik={OUTSIDER}",
                             "decision=include", f"reason={REASON}", f"meeting_date={MEETING}")
    assert "holds no BSM list" in run("list", "BSM", ok=False)


# --- the web UI --------------------------------------------------------------------------------------


def logged_in(data_dir):
    """A test client of the laptop's UI with officer siti logged in; its CSRF token as `token`."""
    import re

    from village_client.web import create_app

    client = create_app(data_dir).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").get_data(True)).group(1)
    client.post("/login", data={"csrf_token": token, "username": "siti", "pin": "123456"})
    client.token = token
    return client


@pytest.fixture
def browser(laptop, feed):
    store, _, _ = laptop
    feed.deliver(version(1, 0, [SITI, BUDI]), version(2, 1, [ANI], [BUDI[0]]))
    return logged_in(store.data_dir)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_lists_page_shows_members_reasons_and_what_changed_in_both_languages(browser, lang):
    import re

    html = browser.get(f"/lists?lang={lang}").get_data(as_text=True)
    assert not re.search(r">\s*[a-z_]+\.[a-z_.]+\s*<", html)
    assert ("Program Keluarga Harapan" if lang == "id" else "Family Hope Programme") in html
    assert SITI[0] in html and "Ani Lestari" in html
    assert ("Anak usia dini" if lang == "id" else "Young child (0-6)") in html
    assert html.count('class="badge new"') == 1 and html.count('class="badge removed"') == 1
    assert html.count('class="apply"') == 2
    one = browser.get("/lists?programme=PKH").get_data(as_text=True)
    assert SITI[0] in one and 'href="/lists"' in one
    assert "Belum ada daftar" in browser.get("/lists?programme=BSM&lang=id").get_data(as_text=True)
    assert ("Pra-identifikasi" if lang == "id" else "Pre-identified") in html
    assert "01-02-2026" in one and "2026-02-01" not in one  # the list's date as people write it
    assert re.search(r"\d\d-\d\d-\d{4} \d\d:\d\d WIB", one) and not re.search(r"\d{4}-\d\d-\d\dT", one)
    assert f"Tulungrejo ({VILLAGE})" in one  # the village by its name, the code beside it
    # the code beside the name, once even where the name already ends with it (as the English one does)
    assert ("Program Keluarga Harapan (PKH)</h2>" if lang == "id" else "Family Hope Programme (PKH)</h2>") in one


def test_applying_from_the_list_and_a_bad_correction_on_the_web(browser, laptop):
    store, _, _ = laptop
    path = f"/lists/PKH/{VILLAGE}"
    response = browser.post(f"{path}/apply", data={"csrf_token": browser.token, "nik": SITI[0]})
    assert response.status_code == 302 and store.db["application"].count == 1
    again = browser.post(f"{path}/apply?lang=en", data={"csrf_token": browser.token, "nik": SITI[0]})
    assert again.status_code == 422 and "already has an open PKH application" in again.get_data(True)
    bad = browser.post(f"{path}/corrections?lang=en", data={
        "csrf_token": browser.token, "nik": OUTSIDER, "decision": "include", "reason": "pindah",
        "meeting_date": MEETING})
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'id="list-PKH-3507012001-reason-error">Reason needs at least 10' in html
    assert f'value="{OUTSIDER}"' in html and counts(store) == (0, 1, 1)
    good = browser.post(f"{path}/corrections", data={
        "csrf_token": browser.token, "nik": OUTSIDER, "decision": "include", "reason": REASON,
        "meeting_date": MEETING})
    assert good.status_code == 302 and counts(store) == (1, 1, 2)
    page = browser.get("/applications?lang=en").get_data(as_text=True)
    assert SITI[0] in page and "Applied" in page and "waiting to be sent" in page


# --- what the hub made of the village's records -------------------------------------------------------


def test_a_members_status_arrives_with_the_list_and_a_hub_before_statuses_means_listed(laptop, feed):
    store, _, _ = laptop
    first = version(1, 0, [SITI])
    first["data"]["columns"] = ["nik", "name", "reasons", "status"]
    first["data"]["added"] = [[*SITI, "awaiting"]]
    feed.deliver(first)
    verified = version(2, 1, [BUDI])  # no status column: an older hub's list
    feed.deliver(verified)
    held_list = lists.lists_held(store.db)[0]
    assert {member["nik"]: member["status"] for member in lists.members(store.db, held_list)} == {
        SITI[0]: "awaiting", BUDI[0]: "listed"}
    again = version(3, 2, [[*SITI, "listed"]])  # verified at the hub: the member reopens as listed
    again["data"]["columns"] = ["nik", "name", "reasons", "status"]
    feed.deliver(again)
    held_list = lists.lists_held(store.db)[0]
    assert held_list["changed"] == [SITI[0]]
    assert {member["nik"]: member["status"] for member in lists.members(store.db, held_list)}[SITI[0]] == "listed"


def status_entry(record_id: str, code: str, counted: bool, table="list_correction") -> dict:
    from schemas.record_status import entry_data

    data = entry_data(code)
    assert data == {"status": code, "counted": counted}  # a few bytes: the texts are in schemas.record_status
    return {"kind": "status", "table": table, "id": record_id, "data": data}


def test_the_hubs_latest_word_on_a_record_replaces_the_one_held(laptop, feed):
    store, _, _ = laptop
    feed.deliver(status_entry("lap-7", "person_unknown", False))
    row = store.db["record_status"].get("lap-7")
    assert (row["status"], row["counted"], row["table_name"]) == ("person_unknown", 0, "list_correction")
    assert json.loads(row["data"]) == {"status": "person_unknown", "counted": False}
    [word] = hub_word.not_counted(store.db, "id")  # in the officer's words, from the shared catalogue
    assert word["record_id"] == "lap-7" and "Daftarkan" in word["resolve"]
    feed.deliver(status_entry("lap-7", "counted", True))
    assert (store.db["record_status"].get("lap-7")["status"], store.db["record_status"].count) == ("counted", 1)


def test_a_status_without_a_code_refuses_its_page_and_changes_nothing(laptop, feed):
    store, _, _ = laptop
    broken = status_entry("lap-8", "counted", True)
    broken["data"].pop("status")
    with pytest.raises(MalformedMessage):
        feed.deliver(status_entry("lap-9", "person_unknown", False), broken)
    assert store.db["record_status"].count == 0
