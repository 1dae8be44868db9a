"""The family a migrant worker left behind appears in matching: every resident of a household with an open
migrant family case (by family card) or with a member abroad (by NIK) has the `migrant_family` fact, so a
programme for migrant workers' children lists the household's children (SQLite, and PostgreSQL when reachable).
Closed cases, and migrant workers who have not left, link no household."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from hub_server.models.cases import CaseStateRow
from hub_server.models.population import Household, Person
from hub_server.models.programmes import ListEntry
from hub_server.services import catalogue, matching
from tests.integration.test_applications import small_district  # noqa: F401
from tests.integration.test_population_support import ACTOR, import_all

ON = dt.date(2026, 3, 1)
PROGRAMMES = [
    {"code": "MIGRAN-KEL", "name": "Keluarga pekerja migran", "name_en": "Migrant workers' families",
     "guarantee": "working_age", "level": "district", "region_code": "35.07", "benefit": "Pendampingan keluarga",
     "eligibility_rule": {"fact": "migrant_family", "op": "eq", "value": True}},
    {"code": "MIGRAN-ANAK", "name": "Anak pekerja migran", "name_en": "Migrant workers' children",
     "guarantee": "children", "level": "district", "region_code": "35.07", "benefit": "Pengasuhan berbasis komunitas",
     "eligibility_rule": {"all": [{"fact": "migrant_family", "op": "eq", "value": True},
                                  {"fact": "age", "op": "lt", "value": 18}]}},
]


def case_row(number: int, kind: str, *, kk=None, nik=None, status="active", stage=None) -> CaseStateRow:
    return CaseStateRow(case_id=f"case-{number}", village_code="35.07.01.2001", case_kind=kind, subject_name="",
                        nik=nik, kk_number=kk, officer="dewi", crisis=False, opened_on="2026-02-01", status=status,
                        actions=0, sessions=0, referrals=0, referrals_answered=0, migrant_stage=stage, flagged=0,
                        step=1)


@pytest.fixture
def district(database, small_district):  # noqa: F811
    import_all(database, small_district)
    with database.uow() as uow:
        catalogue.save(uow, PROGRAMMES, actor=ACTOR)
    with database.uow() as uow:
        sizes = (select(Person.household_id, func.count().label("members")).where(Person.household_id.is_not(None))
                 .group_by(Person.household_id).having(func.count() >= 3).order_by(Person.household_id).subquery())
        chosen = [row for row in uow.session.execute(
            select(Household.id, Household.kk_number).join(sizes, sizes.c.household_id == Household.id)
            .where(Household.kk_number.is_not(None)).order_by(Household.id).limit(4))]
        abroad = uow.session.scalar(select(Person.nik).where(Person.household_id == chosen[1].id,
                                                             Person.nik.is_not(None)).order_by(Person.id))
        leaving = uow.session.scalar(select(Person.nik).where(Person.household_id == chosen[3].id,
                                                              Person.nik.is_not(None)).order_by(Person.id))
        uow.session.add_all([
            case_row(1, "migrant_family", kk=chosen[0].kk_number),  # the family left behind, by its card
            case_row(2, "migrant_abroad", nik=abroad),  # a member working abroad
            case_row(3, "migrant_family", kk=chosen[2].kk_number, status="closed"),  # the worker came home
            case_row(4, "prospective_migrant", nik=leaving, stage="pre_departure"),  # not gone yet
        ])
        uow.commit()
    return [household.id for household in chosen]


def listed(database, code: str) -> set:
    with database.uow() as uow:
        return set(uow.session.scalars(select(ListEntry.person_id).where(ListEntry.programme_code == code,
                                                                         ListEntry.removed_in.is_(None))))


def members(database, households, *, under=None) -> set:
    with database.uow() as uow:
        query = select(Person.id).where(Person.household_id.in_(households), Person.died_on.is_(None),
                                        Person.moved_to.is_(None))
        if under is not None:
            query = query.where(Person.birth_date > ON.replace(year=ON.year - under))
        return set(uow.session.scalars(query))


def test_the_households_of_open_migrant_cases_are_matched_and_no_other(database, district):
    with database.uow() as uow:
        matching.run(uow, actor=ACTOR, on=ON)
    family, abroad = district[0], district[1]
    assert listed(database, "MIGRAN-KEL") == members(database, [family, abroad])
    children = members(database, [family, abroad], under=18)
    assert listed(database, "MIGRAN-ANAK") == children


def test_a_case_closed_since_the_last_run_unlinks_the_household_at_the_next(database, district):
    with database.uow() as uow:
        matching.run(uow, actor=ACTOR, on=ON)
    with database.uow() as uow:
        uow.session.get(CaseStateRow, "case-1").status = "closed"
        uow.commit()
    with database.uow() as uow:
        matching.run(uow, actor=ACTOR, on=ON)
    assert listed(database, "MIGRAN-KEL") == members(database, [district[1]])


def test_a_rule_naming_the_fact_with_a_value_that_is_not_yes_or_no_is_refused(database):
    wrong = {**PROGRAMMES[0], "eligibility_rule": {"fact": "migrant_family", "op": "eq", "value": "ya"}}
    with database.uow() as uow, pytest.raises(catalogue.CatalogueInvalid) as refused:
        catalogue.save(uow, [wrong], actor=ACTOR)
    assert any(error.field.endswith("value") and error.rule == "rule_value_type" for error in refused.value.errors)
