"""Lists: quota and priority, households, membership of another list, community corrections, versions and deltas."""

import datetime as dt
import json
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from hub_server.models.population import Person
from hub_server.models.programmes import Application, Eligibility, ListEntry, ListVersion, MatchFact, Selection
from hub_server.models.records import FeedEntry
from hub_server.services import catalogue, feed, lists, matching
from tests.integration.test_population_support import (  # noqa: F401  (fixtures)
    ACTOR,
    TODAY,
    district,
    import_all,
    population_db,
    wipe,
)

NOW = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
CATALOGUE = [
    {"code": "ELDER", "name": "Bantuan lansia uji", "guarantee": "old_age", "level": "district",
     "region_code": "35.07", "benefit": "Uang tunai", "quota": 10,
     "eligibility_rule": {"fact": "age", "op": "ge", "value": 60}, "matching": {"priority": ["-age"]}},
    {"code": "POOR-HH", "name": "Bantuan keluarga uji", "guarantee": "children", "level": "national",
     "benefit": "Uang tunai", "eligibility_rule": {"any": [{"fact": "welfare_decile", "op": "le", "value": 2},
                                                          {"fact": "pregnant", "op": "eq", "value": True}]},
     "matching": {"unit": "household", "reasons": [{"code": "poorest", "id": "Desil 1-2", "en": "Deciles 1-2"},
                                                   {"code": "pregnant", "id": "Hamil", "en": "Pregnant"}]}},
    {"code": "LINKED", "name": "Anak keluarga penerima uji", "guarantee": "children", "level": "national",
     "benefit": "Beasiswa", "eligibility_rule": {"all": [
         {"fact": "household_programme", "op": "eq", "value": "POOR-HH"}, {"fact": "age", "op": "lt", "value": 18}]}},
    {"code": "CHILD", "name": "Balita uji", "guarantee": "health", "level": "national", "benefit": "Makanan",
     "eligibility_rule": {"fact": "age", "op": "lt", "value": 5}},
]


@pytest.fixture(scope="module")
def hub(population_db, district):  # noqa: F811
    wipe(population_db)
    import_all(population_db, district)
    with population_db.uow() as uow:
        catalogue.save(uow, CATALOGUE, actor=ACTOR)
    run(population_db)
    return population_db


def run(hub):
    with hub.uow() as uow:
        return matching.run(uow, actor=ACTOR, on=TODAY)


def rows(hub, query) -> list:
    with hub.uow() as uow:
        return uow.session.execute(query).all()


def test_a_quota_keeps_the_first_in_priority_order(hub):
    eligible = rows(hub, select(MatchFact.person_id, MatchFact.birth_date).join(
        Eligibility, Eligibility.person_id == MatchFact.person_id).where(Eligibility.programme_code == "ELDER"))
    oldest = [person for person, _ in sorted(eligible, key=lambda row: (row[1], row[0]))[:10]]
    chosen = rows(hub, select(Selection.person_id).where(Selection.programme_code == "ELDER").order_by(Selection.rank))
    assert len(eligible) > 10 and [person for (person,) in chosen] == oldest


def test_a_household_programme_lists_each_household_once_under_its_head(hub):
    chosen = rows(hub, select(Selection.person_id, Selection.household_id, Selection.reasons, Person.relationship)
                  .join(Person, Person.id == Selection.person_id).where(Selection.programme_code == "POOR-HH"))
    households = [household for _, household, _, _ in chosen if household is not None]  # None: no family card
    assert chosen and len(households) == len(set(households))
    assert {relationship for *_, relationship in chosen} <= {"head", None} | {"spouse", "child", "parent"}
    heads = sum(relationship == "head" for *_, relationship in chosen)
    assert heads / len(chosen) > 0.9
    pregnant = rows(hub, select(MatchFact.household_id).where(MatchFact.pregnant.is_(True),
                                                              MatchFact.household_id.in_(households)))
    with_bit = {household for _, household, reasons, _ in chosen if reasons & 2 and household is not None}
    assert {household for (household,) in pregnant} == with_bit


def test_a_rule_can_ask_for_membership_of_another_list(hub):
    linked = {person for (person,) in rows(hub, select(Selection.person_id)
                                           .where(Selection.programme_code == "LINKED"))}
    households = select(Selection.household_id).where(Selection.programme_code == "POOR-HH")
    expected = {person for (person,) in rows(hub, select(MatchFact.person_id).where(
        MatchFact.household_id.in_(households), MatchFact.birth_date > dt.date(2008, 3, 1)))}
    assert linked == expected and linked


def correction(record_id, person: Person, decision: str, reason="Hasil musyawarah desa 2 Maret 2026"):
    values = {"programme_code": "CHILD", "nik": person.nik, "decision": decision, "reason": reason,
              "meeting_date": "2026-03-02"}
    return SimpleNamespace(table="list_correction", record_id=record_id, values=values,
                           village_code=person.village_code)


def test_community_corrections_are_kept_beside_the_rule_result(hub):
    with hub.uow() as uow:
        session = uow.session
        child = session.execute(select(Person).join(Eligibility, Eligibility.person_id == Person.id)
                                .where(Eligibility.programme_code == "CHILD").limit(1)).scalar()
        adult = session.execute(select(Person).where(Person.birth_date < dt.date(1990, 1, 1)).limit(1)).scalar()
        problems = lists.absorb(session, [correction("k3m9x2p7qa-90", child, "exclude"),
                                          correction("k3m9x2p7qa-91", adult, "include"),
                                          correction("k3m9x2p7qa-92", adult, "include", reason="ok")], NOW)
        uow.commit()
        child_id, adult_id = child.id, adult.id
    assert problems == [{"record_id": "k3m9x2p7qa-92", "table": "list_correction", "problem": "reason_required"}]
    run(hub)
    verdicts = dict(((person, (met, fix)) for person, met, fix in rows(hub, select(
        Eligibility.person_id, Eligibility.rule_met, Eligibility.correction).where(
        Eligibility.programme_code == "CHILD", Eligibility.person_id.in_([child_id, adult_id])))))
    assert verdicts == {child_id: (True, "exclude"), adult_id: (False, "include")}
    chosen = {person for (person,) in rows(hub, select(Selection.person_id).where(Selection.programme_code == "CHILD"))}
    assert adult_id in chosen and child_id not in chosen


def entry_data(hub, version_id: int) -> dict:
    with hub.uow() as uow:
        return feed.ENTRY_LOADERS["list"](uow.session, [str(version_id)])[str(version_id)]["data"]


def latest_versions(hub, code: str) -> dict:
    return {village: (ident, version, full) for ident, village, version, full in rows(hub, select(
        ListVersion.id, ListVersion.village_code, ListVersion.version, ListVersion.full)
        .where(ListVersion.programme_code == code).order_by(ListVersion.id))}


def test_the_first_versions_go_out_whole_to_their_village_only(hub):
    versions = latest_versions(hub, "ELDER")
    sizes = dict(rows(hub, select(Selection.village_code, func.count()).where(Selection.programme_code == "ELDER")
                      .group_by(Selection.village_code)))
    village, (ident, number, full) = next(iter(versions.items()))
    data = entry_data(hub, ident)
    assert (number, full, data["base_version"], data["size"], len(data["added"])) == (1, True, 0, sizes[village],
                                                                                      sizes[village])
    [(placed,)] = rows(hub, select(FeedEntry.village_code).where(FeedEntry.kind == "list", FeedEntry.ref == str(ident)))
    assert placed == village


def test_a_new_version_carries_only_what_changed_in_the_villages_that_changed(hub):
    before = latest_versions(hub, "POOR-HH")
    with hub.uow() as uow:
        person = uow.session.execute(select(Person).join(MatchFact, MatchFact.person_id == Person.id).where(
            MatchFact.welfare_decile > 2, MatchFact.sex == "F", MatchFact.relationship == "head",
            MatchFact.pregnant.is_not(True)).limit(1)).scalar()
        uow.session.execute(update(Person).where(Person.id == person.id).values(pregnant=True))
        uow.commit()
        nik, village = person.nik, person.village_code
    report = run(hub)
    after = latest_versions(hub, "POOR-HH")
    changed = {v for v in after if after[v] != before.get(v)}
    assert changed == {village} and report.lists["versions"] >= 1
    data = entry_data(hub, after[village][0])
    assert (data["version"], data["base_version"], data["removed"]) == (after[village][1], after[village][1] - 1, [])
    assert [row[0] for row in data["added"]] == [nik] and "pregnant" in data["added"][0][2]
    assert len(json.dumps(data)) < 400


def test_someone_who_no_longer_qualifies_is_removed_in_the_next_version(hub):
    [(person_id, nik, village)] = rows(hub, select(Person.id, Person.nik, Person.village_code).join(
        Selection, Selection.person_id == Person.id).where(Selection.programme_code == "ELDER").limit(1))
    with hub.uow() as uow:
        uow.session.execute(update(Person).where(Person.id == person_id).values(birth_date=dt.date(2000, 1, 1)))
        uow.commit()
    run(hub)
    ident, _, full = latest_versions(hub, "ELDER")[village]
    data = entry_data(hub, ident)
    assert nik in data["removed"] or (full and nik not in {row[0] for row in data["added"]})


def test_a_version_goes_out_whole_once_deltas_outweigh_the_list(hub):
    counts = rows(hub, select(Selection.village_code, func.count()).where(Selection.programme_code == "CHILD")
                  .group_by(Selection.village_code).order_by(func.count().desc()).limit(1))
    village = counts[0][0]
    children = rows(hub, select(Person.id, Person.birth_date).join(Selection, Selection.person_id == Person.id)
                    .where(Selection.programme_code == "CHILD", Selection.village_code == village))
    half = children[:max(1, len(children) // 2)]
    for flip in range(8):  # half the village's children leave the list and come back: deltas pile up
        with hub.uow() as uow:
            for person_id, born in half:
                uow.session.execute(update(Person).where(Person.id == person_id).values(
                    birth_date=dt.date(2000, 1, 1) if flip % 2 == 0 else born))
            uow.commit()
        run(hub)
    history = rows(hub, select(ListVersion.id, ListVersion.full).where(
        ListVersion.programme_code == "CHILD", ListVersion.village_code == village).order_by(ListVersion.id))
    wholes = [ident for ident, full in history if full]
    assert len(history) == 9 and len(wholes) >= 2
    refs = {int(ref) for (ref,) in rows(hub, select(FeedEntry.ref).where(FeedEntry.kind == "list"))}
    assert not {ident for ident, _ in history if ident < wholes[-1]} & refs
    assert {ident for ident, _ in history if ident >= wholes[-1]} <= refs


def test_programmes_reach_every_device_and_a_change_is_a_new_revision(hub):
    published = rows(hub, select(FeedEntry.ref, FeedEntry.village_code).where(FeedEntry.kind == "programme"))
    assert {ref for ref, _ in published} == {entry["code"] for entry in CATALOGUE}
    assert {village for _, village in published} == {None}
    with hub.uow() as uow:
        assert catalogue.save(uow, CATALOGUE, actor=ACTOR) == []
    with hub.uow() as uow:
        assert catalogue.save(uow, [{**CATALOGUE[0], "quota": 12}], actor=ACTOR) == ["ELDER"]
    with hub.uow() as uow:
        data = feed.ENTRY_LOADERS["programme"](uow.session, ["ELDER"])["ELDER"]["data"]
    assert (data["quota"], data["revision"], data["matching"]["priority"]) == (12, 2, ["-age"])


def test_applications_are_kept_with_their_status_and_justification(hub):
    with hub.uow() as uow:
        person = uow.session.execute(select(Person).limit(1)).scalar()
        states = [SimpleNamespace(table="application", record_id=f"k3m9x2p7qa-{n}", village_code=person.village_code,
                                  values={"programme_code": "ELDER", "nik": person.nik, "status": status,
                                          "justification": why})
                  for n, status, why in ((80, "applied", None), (81, "rejected", None),
                                         (82, "rejected", "Usia belum 60 tahun menurut KTP"))]
        problems = lists.absorb(uow.session, states, NOW)
        uow.commit()
        kept = {a.record_id: (a.status, a.person_id == person.id, a.problem)
                for a in uow.session.execute(select(Application)).scalars()}
    assert problems == [{"record_id": "k3m9x2p7qa-81", "table": "application", "problem": "justification_required"}]
    assert kept["k3m9x2p7qa-82"] == ("rejected", True, None)


def test_the_run_reports_the_counts_the_tables_hold_on_every_database(hub):
    report = run(hub)
    with hub.uow() as uow:
        eligible = dict(uow.session.execute(select(Eligibility.programme_code, func.count()).where(
            Eligibility.rule_met.is_(True)).group_by(Eligibility.programme_code)).all())
        selected = dict(uow.session.execute(select(Selection.programme_code, func.count())
                                            .group_by(Selection.programme_code)).all())
        people = uow.session.execute(select(func.count()).select_from(MatchFact)).scalar()
    assert report.people == people > 0
    assert {code: counts["eligible"] for code, counts in report.programmes.items()} == {
        code: eligible.get(code, 0) for code in report.programmes}
    assert {code: counts["selected"] for code, counts in report.programmes.items()} == {
        code: selected.get(code, 0) for code in report.programmes}


def test_a_run_without_a_list_date_lists_on_the_district_s_day_not_the_utc_one(hub):
    # 17:30 UTC on 1 March is already 2 March at 00:30 WIB in the district (35.07): ages count on the 2nd.
    evening = dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
    with hub.uow(clock=lambda: evening) as uow:
        report = matching.run(uow, actor=ACTOR, publish=False)
    assert report.list_date == dt.date(2026, 3, 2)
    run(hub)  # the module's lists back on TODAY


@pytest.mark.parametrize("policy", ["list", "propose"])
def test_those_awaiting_verification_are_listed_in_rank_or_proposed_after_the_quota(hub, policy):
    with hub.uow() as uow:
        session = uow.session
        session.execute(update(Eligibility).where(Eligibility.programme_code == "ELDER").values(correction=None))
        oldest_first = session.execute(select(MatchFact.person_id).join(
            Eligibility, Eligibility.person_id == MatchFact.person_id).where(
            Eligibility.programme_code == "ELDER", Eligibility.rule_met.is_(True),
            func.coalesce(MatchFact.nik_status, "recorded") == "recorded")
            .order_by(MatchFact.birth_date, MatchFact.person_id)).scalars().all()
        awaiting = set(oldest_first[1:12:2])  # six of the twelve oldest await verification
        session.execute(update(MatchFact).where(MatchFact.person_id.in_(awaiting)).values(awaiting=True))
        elder = next(p for p in catalogue.programmes(session) if p.code == "ELDER")
        programme = SimpleNamespace(code="ELDER", level=elder.level, record=elder.record,
                                    matching={**elder.matching, "unverified": policy})
        quota = elder.record["quota"]
        written = matching.select_list(session, programme, 0)
        chosen = session.execute(select(Selection.person_id, Selection.rank, Selection.status)
                                 .where(Selection.programme_code == "ELDER").order_by(Selection.rank)).all()
        uow.rollback()
    if policy == "list":  # ranked among everyone, marked; the quota counts them
        expected = [(person, rank, "awaiting" if person in awaiting else "listed")
                    for rank, person in enumerate(oldest_first[:quota], start=1)]
    else:  # the oldest verified, then every proposal, ranked after every verified candidate, outside the quota
        verified = [person for person in oldest_first if person not in awaiting]
        proposed = [person for person in oldest_first if person in awaiting]
        expected = [(person, rank, "listed") for rank, person in enumerate(verified[:quota], start=1)] + [
            (person, rank, "proposed") for rank, person in enumerate(proposed, start=len(verified) + 1)]
    assert len(oldest_first) > quota + 10 and chosen == expected and written == len(expected)


def open_entries_of(hub, code: str) -> set:
    return set(rows(hub, select(ListEntry.person_id, ListEntry.village_code, ListEntry.reasons, ListEntry.status)
                    .where(ListEntry.programme_code == code, ListEntry.removed_in.is_(None))))


def test_a_list_emptied_and_filled_again_opens_every_selection_once(hub):
    held = open_entries_of(hub, "ELDER")
    nobody = [dict(entry, eligibility_rule={"fact": "age", "op": "lt", "value": 0}) if entry["code"] == "ELDER"
              else entry for entry in CATALOGUE]
    for catalogue_now in (nobody, CATALOGUE):
        with hub.uow() as uow:
            catalogue.save(uow, catalogue_now, actor=ACTOR)
        run(hub)
        if catalogue_now is nobody:  # every entry closed: the list holds nothing open
            assert len(held) >= 10 and open_entries_of(hub, "ELDER") == set()
    selected = set(rows(hub, select(Selection.person_id, Selection.village_code, Selection.reasons, Selection.status)
                        .where(Selection.programme_code == "ELDER", Selection.village_code.is_not(None))))
    again = rows(hub, select(ListEntry.person_id).where(ListEntry.programme_code == "ELDER",
                                                        ListEntry.removed_in.is_(None)))
    assert len(selected) == 10 and open_entries_of(hub, "ELDER") == selected and len(again) == len(selected)
