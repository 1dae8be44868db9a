"""Residents a village registers whom no extract holds: they join the population, wait for verification,
count in matching as each programme allows, and are verified by a later extract."""

import csv
import datetime as dt
import itertools
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from hub_server.errors import Invalid
from hub_server.models.audit import AuditLog
from hub_server.models.population import Household, HouseholdKk, Person
from hub_server.models.programmes import ListEntry, ListVersion, MatchFact, Selection
from hub_server.models.records import Conflict, FeedEntry, ReceivedChangeSet, Record
from hub_server.services import catalogue, feed, identity, lists, matching, record_status, residents, verification
from hub_server.services.apply import RecordState
from hub_server.services.imports import pipeline
from schemas.record_status import describe
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    ACTOR,
    TODAY,
    district,
    import_all,
    population_db,
    wipe,
)

NOW = dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC)
VILLAGE = "35.07.01.2001"
DEVICE, OFFICER = "k3m9x2p7qa", "siti.aminah"
_ids = itertools.count(1)
# The same rule twice: a district programme lists residents awaiting verification, a national one proposes them.
CATALOGUE = [
    {"code": "YOUTH-D", "name": "Pelatihan kerja kabupaten uji", "guarantee": "working_age", "level": "district",
     "region_code": "35.07", "benefit": "Pelatihan",
     "eligibility_rule": {"all": [{"fact": "age", "op": "ge", "value": 18}, {"fact": "age", "op": "le", "value": 35},
                                  {"fact": "occupation", "op": "eq", "value": "not_working"}]},
     "matching": {"unverified": "list"}},
    {"code": "YOUTH-N", "name": "Pelatihan kerja nasional uji", "guarantee": "working_age", "level": "national",
     "benefit": "Pelatihan", "quota": 5,
     "eligibility_rule": {"all": [{"fact": "age", "op": "ge", "value": 18}, {"fact": "age", "op": "le", "value": 35},
                                  {"fact": "occupation", "op": "eq", "value": "not_working"}]}},
]
# Three members of a household no extract holds: a young man out of work, his mother, his sister.
NEWCOMERS = [
    {"nik": "3507011203990001", "name": "Joko Susilo", "birth_date": "1999-03-12", "sex": "M", "relationship": "head",
     "occupation": "not_working"},
    {"nik": "3507015506700001", "name": "Sumiati", "birth_date": "1970-06-15", "sex": "F", "relationship": "parent",
     "occupation": "farmer"},
    {"nik": "3507014401010001", "name": "Dewi Lestari", "birth_date": "2001-01-04", "sex": "F",
     "relationship": "other_relative", "occupation": "not_working"},
]


@pytest.fixture(scope="module")
def hub(population_db, district):  # noqa: F811
    wipe(population_db)
    import_all(population_db, district, census=False)
    with population_db.uow() as uow:
        catalogue.save(uow, CATALOGUE, actor=ACTOR)
    return population_db


def register(hub, values: dict, *, checked: bool = True) -> RecordState:
    """A person record of the village as the sync path leaves it, checked against the population."""
    record_id, seq = f"{DEVICE}-{next(_ids)}", next(_ids)
    values = {"village_code": VILLAGE, "birth_place": "Malang", "kk_number": "3507010203260001", **values}
    with hub.uow() as uow:
        uow.session.add(Record(id=record_id, table_name="person", village_code=VILLAGE, data=values,
                               created_by=DEVICE, created_seq=seq))
        uow.session.add(ReceivedChangeSet(device_id=DEVICE, seq=seq, hash="0" * 64, outcome="applied",
                                          officer=OFFICER, wall_time=0, ops=1, received_at=NOW, via="http"))
        uow.session.flush()
        state = RecordState("person", record_id, VILLAGE, dict(values), values=dict(values), is_new=True,
                            changed=True)
        if checked:
            assert identity.check(uow.session, [state], NOW) == []
        uow.commit()
    return state


@pytest.fixture(scope="module")
def newcomers(hub):
    return [register(hub, values) for values in NEWCOMERS]


def person(hub, nik: str):
    with hub.uow() as uow:
        return uow.session.execute(select(Person.__table__).where(Person.nik == nik)).first()


def match(hub):
    with hub.uow() as uow:
        return matching.run(uow, actor=ACTOR, on=TODAY)


def selected(hub, code: str) -> dict:
    with hub.uow() as uow:
        rows = uow.session.execute(select(Person.nik, Selection.status, Selection.rank).join(
            Person, Person.id == Selection.person_id).where(Selection.programme_code == code)).all()
    return {nik: (status, rank) for nik, status, rank in rows}


def test_the_household_joins_the_population_awaiting_verification(hub, newcomers):
    rows = [person(hub, values["nik"]) for values in NEWCOMERS]
    assert {row.verification for row in rows} == {"awaiting"}
    assert len({row.household_id for row in rows}) == 1 and rows[0].household_id is not None
    assert (rows[0].registered_officer, rows[0].registered_device, rows[0].registered_village) == (
        OFFICER, DEVICE, VILLAGE)
    with hub.uow() as uow:
        assert uow.session.execute(select(Conflict).where(Conflict.record_id.in_(
            [state.record_id for state in newcomers]))).first() is None
        found = identity.find_people(uow.session, "joko susilo")
        assert [p.nik for p in found] == ["3507011203990001"]
        assert verification.counts(uow.session)["awaiting"] == 3


def test_matching_lists_them_as_each_programme_allows(hub, newcomers):
    match(hub)
    district_list, national_list = selected(hub, "YOUTH-D"), selected(hub, "YOUTH-N")
    assert district_list["3507011203990001"][0] == "awaiting"
    assert national_list["3507011203990001"][0] == "proposed"
    # a proposal stays outside the quota: the five verified people are still listed
    assert sum(status == "listed" for status, _ in national_list.values()) == 5
    assert max(rank for _, rank in national_list.values()) > 5
    with hub.uow() as uow:
        entries = uow.session.execute(select(Person.nik, ListEntry.status).join(
            Person, Person.id == ListEntry.person_id).where(ListEntry.programme_code == "YOUTH-N",
                                                            ListEntry.removed_in.is_(None))).all()
    assert ("3507011203990001", "proposed") in entries


def test_a_confirmation_needs_documents_and_a_reason_and_changes_nothing_without(hub, newcomers):
    joko = person(hub, "3507011203990001")
    with hub.uow() as uow, pytest.raises(Invalid) as refused:
        verification.confirm(uow, joko.id, user="user:camat", documents=[], reason="ok")
    assert {(e.field, e.rule) for e in refused.value.errors} == {("documents", "required"),
                                                                 ("reason", "text_too_short")}
    with hub.uow() as uow, pytest.raises(Invalid) as refused:
        verification.confirm(uow, joko.id, user="user:camat", documents=["passport"], reason="Dilihat KK asli")
    assert [(e.field, e.rule) for e in refused.value.errors] == [("documents", "choice")]
    assert person(hub, "3507011203990001").verification == "awaiting"


def test_an_officer_confirms_or_refuses_and_the_audit_log_says_why(hub, newcomers):
    joko, dewi = person(hub, "3507011203990001"), person(hub, "3507014401010001")
    with hub.uow() as uow:
        verification.confirm(uow, joko.id, user="user:camat", documents=["kk", "ktp"],
                             reason="KK dan KTP asli diperiksa di kantor desa")
    with hub.uow() as uow, pytest.raises(Invalid):
        verification.refuse(uow, dewi.id, user="user:camat", justification="")
    with hub.uow() as uow:
        verification.refuse(uow, dewi.id, user="user:camat", justification="Sudah pindah ke Surabaya sejak 2024")
    with hub.uow() as uow, pytest.raises(verification.VerificationNotOpen):
        verification.refuse(uow, joko.id, user="user:camat", justification="Keputusan kedua tidak boleh")
    joko, dewi = person(hub, "3507011203990001"), person(hub, "3507014401010001")
    assert (joko.verification, joko.verification_documents, joko.verified_by) == ("confirmed", ["kk", "ktp"],
                                                                                  "user:camat")
    assert (dewi.verification, dewi.verification_note) == ("refused", "Sudah pindah ke Surabaya sejak 2024")
    with hub.uow() as uow:
        actions = set(uow.session.execute(select(AuditLog.action).where(AuditLog.subject.in_(
            ["person:3507011203990001", "person:3507014401010001"]))).scalars())
        assert actions == {"resident.confirmed", "resident.refused"}
    match(hub)
    assert selected(hub, "YOUTH-D")["3507011203990001"][0] == "listed"  # confirmed: counted as verified
    with hub.uow() as uow:
        facts = set(uow.session.execute(select(MatchFact.person_id)).scalars())
    assert dewi.id not in facts  # refused: no longer a resident for matching


def test_a_later_extract_verifies_them_and_a_disagreement_is_a_conflict(hub, newcomers, district, tmp_path):  # noqa: F811
    extract = tmp_path / "ektp.csv"
    with open(district / "ektp.csv", encoding="utf-8") as source, open(extract, "w", encoding="utf-8") as target:
        target.write(source.read())
        writer = csv.writer(target)
        mother = NEWCOMERS[1]
        writer.writerow([mother["nik"], "Sumiyati", "Malang", mother["birth_date"], "F", "Dusun Krajan", "001",
                         "002", VILLAGE, "widowed", "farmer"])
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "ektp", extract, actor=ACTOR, today=TODAY)
    assert report.extra["verified_residents"] == 1
    mother = person(hub, NEWCOMERS[1]["nik"])
    assert (mother.verification, mother.in_ektp, mother.name) == ("source", True, "Sumiyati")
    assert mother.household_id == person(hub, NEWCOMERS[0]["nik"]).household_id  # no family card row: kept
    with hub.uow() as uow:
        conflict = uow.session.execute(select(Conflict).where(Conflict.record_id == newcomers[1].record_id)).scalar()
        assert (conflict.kind, conflict.field, conflict.base, conflict.sides[1]["value"]) == (
            "identity_mismatch", "name", "Sumiati", "Sumiyati")


def test_an_upgrade_turns_the_unknown_nik_conflicts_of_older_hubs_into_residents(hub):
    state = register(hub, {"nik": "3507012909950001", "name": "Agus Salim", "birth_date": "1995-09-29",
                           "sex": "M"}, checked=False)
    with hub.uow() as uow:  # what a hub before revision 0005 made of it
        uow.session.add(Conflict(kind="unknown_nik", table_name="person", record_id=state.record_id, field="nik",
                                 village_code=VILLAGE, base="3507012909950001", status="open", opened_at=NOW,
                                 sides=[{"value": "3507012909950001", "source": "village"}]))
        uow.commit()
    with hub.uow() as uow:
        assert identity.settle_unknown_niks(uow) == 1
    with hub.uow() as uow:
        assert identity.settle_unknown_niks(uow) == 0  # once
        conflict = uow.session.execute(select(Conflict).where(Conflict.record_id == state.record_id)).scalar()
        assert (conflict.status, conflict.resolved_by) == ("resolved", "hub")
        assert uow.session.execute(select(FeedEntry).where(FeedEntry.kind == "conflict",
                                                           FeedEntry.ref == str(conflict.id))).first() is not None
    agus = person(hub, "3507012909950001")
    assert (agus.verification, agus.registered_record) == ("awaiting", state.record_id)


def statuses(hub, *record_ids) -> dict:
    """The "status" feed entries of records, as a device would receive them: {record id: data and table}."""
    with hub.uow() as uow:
        published = set(uow.session.execute(select(FeedEntry.ref).where(FeedEntry.kind == "status")).scalars())
        assert set(record_ids) <= published
        return {ref: {**entry["data"], "table": entry["table"]}
                for ref, entry in record_status.feed_entries(uow.session, record_ids).items()}


def correction(hub, nik: str) -> SimpleNamespace:
    """A village meeting's correction naming `nik`, kept by the hub as the sync path does."""
    record_id = f"{DEVICE}-{next(_ids)}"
    values = {"programme_code": "YOUTH-D", "decision": "include", "nik": nik, "meeting_date": "2026-02-20",
              "reason": "Musyawarah desa: menganggur sejak pabrik tutup"}
    state = SimpleNamespace(table="list_correction", record_id=record_id, values=values, village_code=VILLAGE)
    with hub.uow() as uow:
        uow.session.add(Record(id=record_id, table_name="list_correction", village_code=VILLAGE, data=values,
                               created_by=DEVICE, created_seq=next(_ids)))
        lists.absorb(uow.session, [state], NOW)
        uow.commit()
    return state


def test_the_village_hears_what_counts_and_what_waits_and_why(hub, newcomers):
    waiting = correction(hub, "3507012112000001")  # no one holds this NIK yet
    data = statuses(hub, waiting.record_id)[waiting.record_id]
    assert (data["status"], data["counted"], data["table"]) == ("person_unknown", False, "list_correction")
    reason, resolve = describe(data, "en")
    assert "not in the district's population" in reason and "Register" in resolve
    registered = register(hub, {"nik": "3507012112000001", "name": "Rudi Hartono", "birth_date": "2000-12-21",
                                "sex": "M"})
    with hub.uow() as uow:  # the sync path reads waiting corrections again once people arrive
        lists.absorb_waiting_for_people(uow.session, NOW)
        uow.commit()
    found = statuses(hub, waiting.record_id, registered.record_id)
    assert (found[waiting.record_id]["status"], found[waiting.record_id]["counted"]) == ("counted", True)
    assert (found[registered.record_id]["status"], found[registered.record_id]["counted"]) == (
        "awaiting_verification", True)
    rudi = person(hub, "3507012112000001")
    with hub.uow() as uow:
        verification.refuse(uow, rudi.id, user="user:camat", justification="NIK milik orang lain di Blitar")
    found = statuses(hub, waiting.record_id, registered.record_id)
    assert (found[registered.record_id]["status"], found[registered.record_id]["note"]) == (
        "refused", "NIK milik orang lain di Blitar")
    assert (found[waiting.record_id]["status"], found[waiting.record_id]["counted"]) == ("person_refused", False)


def test_a_death_the_village_records_takes_the_person_off_the_next_list_with_that_reason(hub, newcomers):
    match(hub)
    assert "3507011203990001" in selected(hub, "YOUTH-D")
    state = newcomers[0]
    state.values["death_date"] = "2026-02-20"
    with hub.uow() as uow:
        identity.check(uow.session, [state], NOW)
        uow.commit()
    assert person(hub, "3507011203990001").died_on.isoformat() == "2026-02-20"  # the record stays
    match(hub)
    assert "3507011203990001" not in selected(hub, "YOUTH-D")
    with hub.uow() as uow:
        latest = uow.session.execute(select(ListVersion).where(ListVersion.programme_code == "YOUTH-D")
                                     .order_by(ListVersion.id.desc()).limit(1)).scalar()
        data = feed.ENTRY_LOADERS["list"](uow.session, [str(latest.id)])[str(latest.id)]["data"]
    assert data["removed_reasons"] == {"3507011203990001": "died"}


def household_record(hub, values: dict, record_id: str | None = None) -> SimpleNamespace:
    """A village household record (new, or a later version of one), stored and passed on as the sync path does."""
    record_id = record_id or f"{DEVICE}-{next(_ids)}"
    values = {"id": record_id, "village_code": VILLAGE, **values}
    with hub.uow() as uow:
        held = uow.session.get(Record, record_id)
        if held is None:
            uow.session.add(Record(id=record_id, table_name="household", village_code=VILLAGE, data=values,
                                   created_by=DEVICE, created_seq=next(_ids)))
        else:
            held.data = values
        uow.commit()
    return SimpleNamespace(table="household", record_id=record_id, values=values, village_code=VILLAGE)


def cards(hub, household_id: int) -> tuple:
    with hub.uow() as uow:
        held = uow.session.get(Household, household_id)
        history = set(uow.session.execute(select(HouseholdKk.kk_number).where(
            HouseholdKk.household_id == household_id)).scalars())
        return held.kk_number, history


def test_a_new_family_card_the_village_records_continues_the_household(hub):
    first = household_record(hub, {"kk_number": "3507010501260077"})
    register(hub, {"nik": "3507012002800077", "name": "Hadi Santoso", "birth_date": "1980-02-20", "sex": "M",
                   "household_id": first.record_id, "kk_number": None})
    household_id = person(hub, "3507012002800077").household_id
    assert cards(hub, household_id) == ("3507010501260077", {"3507010501260077"})
    # The family gets a new card (a marriage): same household record, the card history grows.
    moved_on = household_record(hub, {"kk_number": "3507011006260078", "kk_history": [
        {"kk_number": "3507010501260077"}, {"kk_number": "3507011006260078", "since": "2026-06-10",
                                            "reason": "marriage"}]}, record_id=first.record_id)
    with hub.uow() as uow:
        assert residents.household_cards(uow.session, [moved_on]) == 1
        uow.commit()
    assert cards(hub, household_id) == ("3507011006260078", {"3507010501260077", "3507011006260078"})
    assert person(hub, "3507012002800077").household_id == household_id  # same household, its id kept


def test_a_new_card_for_a_household_the_sources_hold_joins_its_history(hub):
    with hub.uow() as uow:
        source_card, household_id = uow.session.execute(select(Household.kk_number, Household.id).where(
            Household.registered_record.is_(None)).limit(1)).one()
    recorded = household_record(hub, {"kk_number": "3507012011260079", "kk_history": [
        {"kk_number": source_card}, {"kk_number": "3507012011260079", "since": "2026-11-20", "reason": "moving"}]})
    with hub.uow() as uow:
        residents.household_cards(uow.session, [recorded])
        uow.commit()
    current, history = cards(hub, household_id)
    assert current == "3507012011260079" and {source_card, "3507012011260079"} <= history


# Moves and newborns ------------------------------------------------------------------------------

def latest_list(hub, code: str) -> dict:
    with hub.uow() as uow:
        latest = uow.session.execute(select(ListVersion).where(ListVersion.programme_code == code)
                                     .order_by(ListVersion.id.desc()).limit(1)).scalar()
        return feed.ENTRY_LOADERS["list"](uow.session, [str(latest.id)])[str(latest.id)]["data"]


def edit(hub, state, **values) -> None:
    state.values.update(values)
    with hub.uow() as uow:
        identity.check(uow.session, [state], NOW)
        uow.commit()


def test_a_move_out_of_the_district_archives_the_person_and_takes_them_off_the_next_list(hub):
    leaving = register(hub, {"nik": "3507014401020001", "name": "Rina Marlina", "birth_date": "2002-01-04",
                             "sex": "F", "occupation": "not_working"})
    match(hub)
    assert "3507014401020001" in selected(hub, "YOUTH-D")
    edit(hub, leaving, migration="out", migration_date="2026-02-25", moved_to="Kota Surabaya, Jawa Timur")
    gone = person(hub, "3507014401020001")
    assert (gone.migration, gone.moved_to, gone.migration_date.isoformat()) == (
        "out", "Kota Surabaya, Jawa Timur", "2026-02-25")  # the person stays, archived
    match(hub)
    assert "3507014401020001" not in selected(hub, "YOUTH-D")
    assert latest_list(hub, "YOUTH-D")["removed_reasons"]["3507014401020001"] == "moved_out"


def test_a_person_the_extracts_hold_who_moves_to_another_village_is_placed_there_until_the_card_follows(
        hub, district):  # noqa: F811
    new_village = "35.07.01.2002"
    with hub.uow() as uow:
        held = uow.session.execute(select(Person).where(Person.village_code == VILLAGE, Person.in_kk.is_(True),
                                                        Person.registered_record.is_(None)).limit(1)).scalar()
        values = {"nik": held.nik, "name": held.name, "birth_date": held.birth_date.isoformat(), "sex": held.sex,
                  "birth_place": held.birth_place, "village_code": new_village, "migration": "in",
                  "migration_date": "2026-02-01"}
        uow.session.add(Record(id=f"{DEVICE}-{next(_ids)}", table_name="person", village_code=new_village,
                               data=values, created_by=DEVICE, created_seq=next(_ids)))
        state = RecordState("person", f"{DEVICE}-{next(_ids)}", new_village, values, values=dict(values),
                            is_new=True, changed=True)
        identity.check(uow.session, [state], NOW)
        uow.commit()
    assert person(hub, held.nik).village_code == new_village
    with hub.uow() as uow:  # the same family card extract again: the village's word on the move holds
        pipeline.import_file(uow, "kk", district / "kk.csv", actor=ACTOR, today=TODAY)
    assert person(hub, held.nik).village_code == new_village


def provisional_person(hub, record_id: str):
    with hub.uow() as uow:
        return uow.session.execute(select(Person.__table__).where(Person.registered_record == record_id)).first()


def test_a_newborn_without_a_nik_joins_the_household_and_takes_the_nik_the_village_records_later(hub, newcomers):
    baby = register(hub, {"nik": None, "nik_status": "newborn", "name": "Bayi Sumiati", "birth_date": "2026-02-10",
                          "sex": "F", "relationship": "grandchild"})
    held = provisional_person(hub, baby.record_id)
    assert (held.nik, held.nik_status, held.verification) == (None, "newborn", "awaiting")
    assert held.household_id == person(hub, NEWCOMERS[1]["nik"]).household_id  # counted with the family
    with hub.uow() as uow:
        assert [p.name for p in identity.find_people(uow.session, "bayi sumiati")] == ["Bayi Sumiati"]
    edit(hub, baby, nik="3507015002260009", nik_status="recorded")
    named = person(hub, "3507015002260009")
    assert (named.id, named.nik_status, named.registered_record) == (held.id, "recorded", baby.record_id)


def test_a_newborn_the_family_card_extract_names_is_merged_and_the_village_hears_the_nik(hub, district, tmp_path):  # noqa: F811
    with open(district / "kk.csv", encoding="utf-8") as source:
        rows = list(csv.reader(source))
    header, cards = rows[0], rows[1:]
    with hub.uow() as uow:
        card = next(row for row in cards if row[-1] == VILLAGE and row[3] == "head" and uow.session.execute(
            select(Household.id).where(Household.kk_number == row[0])).scalar() is not None)
    baby = register(hub, {"nik": None, "nik_status": "newborn", "name": "Bayi Ny. Wati", "birth_date": "2026-02-10",
                          "sex": "F", "relationship": "child", "kk_number": card[0]})
    provisional_id = provisional_person(hub, baby.record_id).id
    extract = tmp_path / "kk.csv"
    with open(extract, "w", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        writer.writerows([header, *cards, [card[0], "3507015002260001", "Rahma Wati", "child", card[4], card[5],
                                           card[6], card[7], card[8], VILLAGE]])
    with hub.uow() as uow:
        report = pipeline.import_file(uow, "kk", extract, actor=ACTOR, today=TODAY)
    assert report.extra["newborns_merged"] == 1
    merged = person(hub, "3507015002260001")
    assert (merged.registered_record, merged.verification, merged.name) == (baby.record_id, "source", "Rahma Wati")
    with hub.uow() as uow:
        assert uow.session.get(Person, provisional_id) is None  # one person, not two
        record = uow.session.get(Record, baby.record_id)
        assert (record.data["nik"], record.data["nik_status"]) == ("3507015002260001", "recorded")
        assert uow.session.execute(select(FeedEntry).where(FeedEntry.kind == "record",
                                                           FeedEntry.ref == baby.record_id)).scalar() is not None
    assert statuses(hub, baby.record_id)[baby.record_id]["status"] == "verified"
