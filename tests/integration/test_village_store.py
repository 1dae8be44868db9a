"""The local store on a real SQLite file: permissions, migrations, records saved with their change-sets."""

import json
import stat

import pytest

from sync_protocol.changeset import GENESIS_HASH, ChangeSet
from village_client import complaints, migrations, outbox, records
from village_client.device import initialise
from village_client.officers import LoginFailed, add_officer, authenticate
from village_client.store import open_store

HOUSEHOLD = {"kk_number": "3507010101010001", "village_code": "35.07.01.2001"}
HEAD = {"name": "Budi Santoso", "birth_date": "1980-01-02", "sex": "M", "nik": "3507010201800001"}


@pytest.fixture
def laptop(tmp_path):
    data_dir = tmp_path / "laptop"
    initialise(data_dir, "Desa Sukamaju")
    with open_store(data_dir) as store:
        officer = add_officer(store, "siti", "Siti Aminah", "village_secretary", "123456")
        yield store, officer


def table_counts(store) -> dict:
    return {name: store.db[name].count for name in ("household", "person", "complaint", "outbox", "pending_edit")}


def check_chain(store) -> list:
    """The outbox is gap-free and each change-set names the hash of the one before; returns them."""
    rows = list(store.db.query("SELECT seq, hash, body FROM outbox ORDER BY seq"))
    previous = GENESIS_HASH
    changesets = []
    for number, row in enumerate(rows, start=1):
        changeset = ChangeSet.from_body(json.loads(row["body"]))
        assert (changeset.seq, changeset.prev_hash, changeset.hash().hex()) == (number, previous, row["hash"])
        previous = changeset.hash()
        changesets.append(changeset)
    return changesets


def test_the_data_folder_key_and_database_are_readable_by_their_owner_only(laptop):
    store, _ = laptop
    assert stat.S_IMODE(store.data_dir.stat().st_mode) == 0o700
    for name in ("village.db", "device_key.pem"):
        assert stat.S_IMODE((store.data_dir / name).stat().st_mode) == 0o600


def test_a_household_and_its_members_are_one_change_set_naming_the_officer(laptop):
    store, officer = laptop
    household_id, (head_id, child_id) = records.register_household(
        store, officer, HOUSEHOLD, [HEAD, {"name": "Dewi", "birth_date": "2020-02-03", "sex": "F",
                                           "nik_status": "newborn"}])
    [changeset] = check_chain(store)
    assert changeset.officer == "siti" and changeset.device_id == store.device()["device_id"]
    assert [(op.kind, op.table, op.record_id) for op in changeset.ops] == [
        ("create", "household", household_id), ("create", "person", head_id), ("create", "person", child_id)]
    assert household_id == f"{changeset.device_id}-1" and child_id == f"{changeset.device_id}-3"
    child = store.db["person"].get(child_id)
    assert (child["household_id"], child["kk_number"], child["village_code"]) == (
        household_id, "3507010101010001", "35.07.01.2001")


def test_bad_input_changes_nothing_and_names_each_field_and_rule(laptop):
    store, officer = laptop
    before = table_counts(store)
    with pytest.raises(records.InvalidRecord) as invalid:
        records.register_household(store, officer, {**HOUSEHOLD, "kk_number": "35070101"},
                                   [HEAD, {"name": "Dewi", "birth_date": "tomorrow", "sex": "F",
                                           "nik_status": "newborn"}])
    assert {(e["field"], e["rule"]) for e in invalid.value.as_dicts("en")} == {
        ("kk_number", "id_length"), ("members.1.birth_date", "date_format")}
    assert table_counts(store) == before
    assert store.device()["record_counter"] == 0


def test_an_update_carries_what_the_officer_saw_for_each_changed_field_only(laptop):
    store, officer = laptop
    _, (head_id,) = records.register_household(store, officer, HOUSEHOLD, [HEAD])
    seen = {"name": "Budi Santoso", "phone": "", "occupation": ""}
    seq = records.update_person(store, officer, head_id, {"name": "Budi Santosa", "phone": "081234567890",
                                                          "occupation": ""}, seen)
    update = check_chain(store)[seq - 1].ops[0]
    assert (update.kind, update.fields, update.before) == (
        "update", {"name": "Budi Santosa", "phone": "+6281234567890"}, {"name": "Budi Santoso", "phone": None})
    assert records.update_person(store, officer, head_id, {"name": "Budi Santosa"}, {"name": "Budi Santosa"}) is None


def test_values_seen_are_read_in_one_check_as_field_by_field_even_when_one_no_longer_passes():
    """An update reads what the officer saw in one check of all the fields; a value no field accepts any more (typed
    on an older version) makes it fall back to one check a field, which keeps that value as it was."""
    seen = {"name": " Budi  Santoso", "phone": "081234567890", "monthly_income": "1.250.000", "pregnant": 0,
            "address_rt": "3", "occupation": "", "birth_date": "1980-01-02"}
    one_by_one = {name: records._as_stored(name, value) for name, value in seen.items()}
    assert records._all_as_stored(seen) == one_by_one
    assert one_by_one["phone"] == "+6281234567890" and one_by_one["occupation"] is None
    stale = {**seen, "phone": "12", "education": "no such level"}
    assert records._all_as_stored(stale) == {name: records._as_stored(name, value) for name, value in stale.items()}
    assert records._all_as_stored(stale)["education"] == "no such level"


def test_an_update_that_breaks_the_nik_agreement_is_refused(laptop):
    store, officer = laptop
    _, (head_id,) = records.register_household(store, officer, HOUSEHOLD, [HEAD])
    with pytest.raises(records.InvalidRecord) as invalid:
        records.update_person(store, officer, head_id, {"birth_date": "1981-01-02"}, {})
    assert [(e.field, e.rule) for e in invalid.value.errors] == [("nik", "nik_birth_date_mismatch")]


def test_a_failure_inside_the_transaction_leaves_neither_record_nor_change_set(laptop, monkeypatch):
    store, officer = laptop
    before = table_counts(store)

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(outbox, "append_many", disk_full)  # what every save appends its change-sets through
    with pytest.raises(OSError):
        records.register_household(store, officer, HOUSEHOLD, [HEAD])
    assert table_counts(store) == before


def test_a_complaint_is_recorded_with_a_reference_and_events_append_checked_against_its_state(laptop):
    store, officer = laptop
    complaint_id = complaints.record_complaint(store, officer, {
        "category": "payment_delay", "programme_code": "PKH", "description": "PKH belum cair sejak Agustus",
        "complainant_name": "Ani Lestari", "village_code": "35.07.01.2001", "date_submitted": "2025-11-20",
        "response": "Dicek ke Dinas Sosial", "acknowledged": "yes"})
    complaints.add_complaint_event(store, officer, complaint_id, {"kind": "escalation",
                                                                  "escalation_level": "sub_district",
                                                                  "text": "ke kecamatan"})
    for values, rule in (({"kind": "escalation", "escalation_level": "village"}, "escalation_backwards"),
                         ({"kind": "escalation", "escalation_level": "skpd"}, "escalation_skip"),
                         ({"kind": "status_change", "status": "closed"}, "response_needed"),
                         ({"kind": "note", "text": "x", "status": "closed"}, "event_field_unused")):
        with pytest.raises(records.InvalidRecord) as refused:
            complaints.add_complaint_event(store, officer, complaint_id, values)
        assert refused.value.errors[0].rule == rule
    kinds = [op.kind for changeset in check_chain(store) for op in changeset.ops]
    assert kinds == ["create", "append"]
    row = store.db["complaint"].get(complaint_id)
    assert (row["acknowledged"], row["acknowledged_date"], row["response_date"]) == (1, "2025-11-20", "2025-11-20")
    assert row["reference_number"].endswith("/0001") and row["reference_number"].startswith("ADU/35.07.01.2001/")
    state = complaints.complaint_file(store, complaint_id, officer)["state"]
    assert (state.status, state.level, state.acknowledged, state.step) == ("in_progress", "sub_district", False, 1)
    with pytest.raises(records.InvalidRecord) as given:
        complaints.record_complaint(store, officer, {"reference_number": "ADU/1/2/3", "category": "payment_delay"})
    assert given.value.errors[0].rule == "reference_assigned"


def test_work_outside_the_enrolled_scope_is_refused_before_the_hub_sees_it(laptop):
    store, officer = laptop
    store.update_device(scope=["35.07.01.2001"])
    with pytest.raises(records.InvalidRecord) as invalid:
        records.add_person(store, officer, {**HEAD, "village_code": "35.07.02.2001"})
    assert [(e.field, e.rule) for e in invalid.value.errors] == [("village_code", "out_of_scope")]


def test_officers_log_in_with_their_own_pin_and_switching_keeps_the_outbox(laptop):
    store, siti = laptop
    rina = add_officer(store, "bidan.rina", "Rina Wati", "midwife", "s3cret-pin")
    records.register_household(store, siti, HOUSEHOLD, [HEAD])
    records.add_person(store, authenticate(store, "bidan.rina", "s3cret-pin"),
                       {"name": "Dewi", "birth_date": "2025-06-01", "sex": "F", "village_code": "35.07.01.2001",
                        "nik_status": "newborn"})
    assert [changeset.officer for changeset in check_chain(store)] == ["siti", rina.username]
    with pytest.raises(LoginFailed):
        authenticate(store, "bidan.rina", "123456")
    with pytest.raises(records.InvalidRecord) as taken:
        add_officer(store, "siti", "Other Siti", "midwife", "abcdefg")
    assert [(e.field, e.rule) for e in taken.value.errors] == [("username", "exists")]


def test_migrations_run_once_and_reopening_keeps_everything(laptop):
    store, officer = laptop
    records.register_household(store, officer, HOUSEHOLD, [HEAD])
    assert migrations.migrate(store.db) == []
    with open_store(store.data_dir) as again:
        assert again.db["outbox"].count == 1
        assert [m.name for m in migrations.MIGRATIONS.applied(again.db)] == [
            m.name for m in migrations.MIGRATIONS._migrations]


def test_a_migration_that_would_lose_outbox_rows_is_rolled_back(laptop):
    store, officer = laptop
    records.register_household(store, officer, HOUSEHOLD, [HEAD])
    careless = migrations.Migrations("careless")

    def rebuild_outbox(db):
        db.execute("DELETE FROM outbox")

    careless(name="rebuild_outbox")(migrations.guard_outbox(rebuild_outbox))
    with pytest.raises(migrations.OutboxWouldShrink):
        careless.apply(store.db)
    assert store.db["outbox"].count == 1
    assert [m.name for m in careless.pending(store.db)] == ["rebuild_outbox"]


def test_a_new_family_card_keeps_the_household_and_its_card_history(laptop):
    store, officer = laptop
    household_id, _ = records.register_household(store, officer, HOUSEHOLD, [HEAD])
    seq = records.new_family_card(store, officer, household_id, "3507011006260004", "2026-06-10", "marriage")
    held = store.db["household"].get(household_id)
    assert held["kk_number"] == "3507011006260004"
    history = json.loads(held["kk_history"])
    assert [entry["kk_number"] for entry in history] == [HOUSEHOLD["kk_number"], "3507011006260004"]
    assert (history[1]["since"], history[1]["reason"]) == ("2026-06-10", "marriage")
    [op] = check_chain(store)[seq - 1].ops
    assert (op.kind, op.record_id, op.before) == ("update", household_id,
                                                   {"kk_number": HOUSEHOLD["kk_number"], "kk_history": []})


def test_a_new_card_that_breaks_a_rule_changes_nothing_and_says_which(laptop):
    store, officer = laptop
    household_id, _ = records.register_household(store, officer, HOUSEHOLD, [HEAD])
    before = table_counts(store)
    with pytest.raises(records.InvalidRecord) as refused:
        records.new_family_card(store, officer, household_id, HOUSEHOLD["kk_number"])  # the card it has
    assert [(e.field, e.rule) for e in refused.value.errors] == [("kk_history.1.kk_number", "list_duplicate")]
    with pytest.raises(records.InvalidRecord) as missing:
        records.new_family_card(store, officer, "nobody-1", "3507011006260004")
    assert [(e.field, e.rule) for e in missing.value.errors] == [("household_id", "not_found")]
    assert table_counts(store) == before and store.db["household"].get(household_id)["kk_number"] == HOUSEHOLD[
        "kk_number"]


def test_a_new_record_is_one_pending_edit_and_a_later_edit_names_its_fields_until_acknowledged(laptop):
    store, officer = laptop
    person_id = records.add_person(store, officer, {**HEAD, "village_code": "35.07.01.2001"})
    assert outbox.pending_fields(store.db, "person", person_id) == {outbox.WHOLE_RECORD}
    records.update_person(store, officer, person_id, {"phone": "081234567890"}, {})
    assert outbox.pending_fields(store.db, "person", person_id) == {outbox.WHOLE_RECORD, "phone"}
    [created, edited] = check_chain(store)
    with store.transaction() as db:
        outbox.mark_acked(db, created.seq, created.hash().hex())
    assert outbox.pending_fields(store.db, "person", person_id) == {"phone"}  # the edit is not acknowledged yet
    with store.transaction() as db:
        outbox.mark_acked(db, edited.seq, edited.hash().hex())
    assert store.db["pending_edit"].count == 0


def test_a_complaint_is_dated_in_its_villages_zone_not_the_computers(laptop, monkeypatch):
    """At 22:30 UTC it is already the next day in Malang (05:30 WIB): a complaint taken then carries that day,
    whatever zone the laptop's computer is set to, and so does its first event."""
    import datetime as dt

    from schemas import local_time

    moment = dt.datetime(2030, 6, 30, 22, 30, tzinfo=dt.UTC)
    monkeypatch.setattr(local_time, "now_in", lambda zone: moment.astimezone(local_time.ZoneInfo(zone)))
    store, officer = laptop
    complaint_id = complaints.record_complaint(store, officer, {
        "category": "payment_delay", "programme_code": "PKH", "description": "PKH belum cair",
        "complainant_name": "Ani Lestari", "village_code": "35.07.01.2001"})
    complaints.add_complaint_event(store, officer, complaint_id, {"kind": "note", "text": "dicek"})
    assert store.db["complaint"].get(complaint_id)["date_submitted"] == "2030-07-01"
    dates = [row["date"] for row in store.db.query("SELECT date FROM complaint_event WHERE complaint_id = ?",
                                                   [complaint_id])]
    assert dates and set(dates) == {"2030-07-01"}
