"""Building the synchronized population from the held extracts, in SQL, for the NIKs an import touched.

Which source a field comes from (a disagreement between them is an inconsistency, listed, never a
silent choice between two values of equal standing):

- identity (name, place and date of birth, sex): the e-KTP; without an e-KTP row, the family card's
  name and what the NIK itself says about birth date and sex;
- household, relationship, address and village: the family card (it is re-issued when a family
  moves), else the e-KTP address;
- occupation and marital status: the e-KTP until a census or a village registration gives them;
- welfare decile: the socio-economic registry, through the household's family card numbers.

A household keeps its stable id when its family card is replaced: a new card whose head belonged
to a household whose own card is no longer in the extract continues that household.
"""

from sqlalchemy import Integer, and_, case, exists, false, func, insert, literal, or_, select, update

from hub_server.models.population import Household, HouseholdKk, Person, SourceEktp, SourceKk, SourceWelfare
from hub_server.models.population_changes import COMPARE_ALL_BEYOND, note_everyone
from hub_server.services.imports import stage

PEOPLE, HOUSEHOLDS, HISTORY = Person.__table__, Household.__table__, HouseholdKk.__table__
EKTP, KK, WELFARE = SourceEktp.__table__, SourceKk.__table__, SourceWelfare.__table__
HELD_BY_VILLAGE = ("census", "village")  # socio-economic values that an extract never overwrites


def _merged(touched):
    """The population's view of each touched NIK, from the held e-KTP and family card rows."""
    e, k = EKTP.alias("e"), KK.alias("k")
    return select(
        touched.c.nik, func.coalesce(e.c.name, k.c.name).label("name"),
        func.coalesce(e.c.name_key, k.c.name_key).label("name_key"), e.c.birth_place,
        func.coalesce(e.c.birth_date, k.c.nik_birth_date).label("birth_date"),
        func.coalesce(e.c.sex, k.c.nik_sex).label("sex"), e.c.marital_status, e.c.occupation, k.c.relationship,
        HISTORY.c.household_id, func.coalesce(k.c.village_code, e.c.village_code).label("village_code"),
        func.coalesce(k.c.address, e.c.address).label("address"),
        func.coalesce(k.c.address_rt, e.c.address_rt).label("address_rt"),
        func.coalesce(k.c.address_rw, e.c.address_rw).label("address_rw"),
        (e.c.nik.is_not(None)).label("in_ektp"), (k.c.nik.is_not(None)).label("in_kk"),
    ).select_from(touched.outerjoin(e, e.c.nik == touched.c.nik).outerjoin(k, k.c.nik == touched.c.nik)
                  .outerjoin(HISTORY, HISTORY.c.kk_number == k.c.kk_number))


MERGED_FIELDS = ("name", "name_key", "birth_place", "birth_date", "sex", "relationship", "household_id", "village_code",
                 "address", "address_rt", "address_rw", "in_ektp", "in_kk")


def refresh_people(session, touched, batch_id: int) -> None:
    """Update the people whose NIK is in `touched` (only rows whose values change) and add the newcomers."""
    merged = _merged(touched).subquery()
    held = session.execute(select(func.count()).select_from(PEOPLE)).scalar()
    count = session.execute(select(func.count()).select_from(touched)).scalar()
    if count * COMPARE_ALL_BEYOND > held:  # the next publication compares everyone: one note, not one per person
        note_everyone(session)
    if held:
        many = count * 4 > held
        with stage.indexes_built_after(session, PEOPLE, ["ix_people_household_id"], rebuild=many):
            _update_people(session, merged, batch_id)
    names = ["nik", "marital_status", "occupation", *MERGED_FIELDS]
    newcomers = select(*[merged.c[name] for name in names], literal("recorded"), literal("ektp"),
                       literal(batch_id, Integer)) \
        .where(merged.c.name.is_not(None), ~exists().where(PEOPLE.c.nik == merged.c.nik)).order_by(merged.c.nik)
    # In NIK order, so the same extracts give everyone the same id on every database.
    session.execute(insert(PEOPLE).from_select(names + ["nik_status", "socio_source", "batch_id"], newcomers))


def _update_people(session, merged, batch_id: int) -> None:
    kept = PEOPLE.c.socio_source.in_(HELD_BY_VILLAGE)
    differs = or_(*[PEOPLE.c[name].is_distinct_from(merged.c[name]) for name in MERGED_FIELDS],
                  and_(~kept, or_(PEOPLE.c.occupation.is_distinct_from(merged.c.occupation),
                                  PEOPLE.c.marital_status.is_distinct_from(merged.c.marital_status))))
    # A resident a village registered keeps the village's household until a family card places them.
    village_household = and_(merged.c.household_id.is_(None), PEOPLE.c.registered_record.is_not(None))
    # A move a village recorded (migration "in") holds until the family card says so too.
    moved_in = and_(PEOPLE.c.migration == "in", PEOPLE.c.socio_source == "village")
    kept_apart = ("household_id", "village_code")
    session.execute(update(PEOPLE).where(PEOPLE.c.nik == merged.c.nik, differs).values(
        **{name: merged.c[name] for name in MERGED_FIELDS if name not in kept_apart}, batch_id=batch_id,
        village_code=case((moved_in, PEOPLE.c.village_code), else_=merged.c.village_code),
        household_id=case((village_household, PEOPLE.c.household_id), else_=merged.c.household_id),
        marital_status=case((kept, PEOPLE.c.marital_status), else_=merged.c.marital_status),
        occupation=case((kept, PEOPLE.c.occupation), else_=merged.c.occupation),
        socio_source=case((kept, PEOPLE.c.socio_source), else_=literal("ektp"))))


def _cards(kk_numbers=None):
    """One row per family card number held: its head, issue date and address (the head's row first)."""
    k = KK
    is_head = k.c.nik == k.c.head_nik

    def heads(column):
        return func.coalesce(func.max(case((is_head, column))), func.min(column)).label(column.name)

    query = select(k.c.kk_number, func.max(k.c.head_nik).label("head_nik"),
                   func.max(k.c.kk_issue_date).label("kk_issue_date"), heads(k.c.village_code), heads(k.c.address),
                   heads(k.c.address_rt), heads(k.c.address_rw)).group_by(k.c.kk_number)
    return query if kk_numbers is None else query.where(k.c.kk_number.in_(kk_numbers))


def refresh_households(session, touched, batch_id: int) -> int:
    """Give every new family card number its household, then refresh the older households of touched NIKs.

    Returns how many households continued under a new card number.
    """
    before = session.execute(select(func.coalesce(func.max(HOUSEHOLDS.c.id), 0))).scalar()
    new_cards = _cards().where(~exists().where(HISTORY.c.kk_number == KK.c.kk_number)).subquery()
    continued = _continue_households(session, new_cards, batch_id) if before else 0
    columns = ["kk_number", "head_nik", "kk_issue_date", "village_code", "address", "address_rt", "address_rw"]
    session.execute(insert(HOUSEHOLDS).from_select(columns, select(*[new_cards.c[name] for name in columns]).where(
        ~exists().where(HOUSEHOLDS.c.kk_number == new_cards.c.kk_number))))
    session.execute(insert(HISTORY).from_select(
        ["kk_number", "household_id", "issued", "batch_id"],
        select(HOUSEHOLDS.c.kk_number, HOUSEHOLDS.c.id, HOUSEHOLDS.c.kk_issue_date, literal(batch_id, Integer))
        .where(HOUSEHOLDS.c.id > before)))
    if before:
        cards = _cards(select(KK.c.kk_number).where(KK.c.nik.in_(select(touched.c.nik)))).subquery()
        session.execute(update(HOUSEHOLDS).where(HOUSEHOLDS.c.kk_number == cards.c.kk_number,
                                                 HOUSEHOLDS.c.id <= before).values(
            **{name: cards.c[name] for name in columns[1:]}))
    return continued


def _continue_households(session, new_cards, batch_id: int) -> int:
    """New cards whose head's household lost its own card continue that household (one card each)."""
    replaced = ~exists().where(KK.c.kk_number == HOUSEHOLDS.c.kk_number)
    candidates = session.execute(
        select(new_cards.c.kk_number, new_cards.c.kk_issue_date, PEOPLE.c.household_id)
        .join(PEOPLE, PEOPLE.c.nik == new_cards.c.head_nik).join(HOUSEHOLDS, HOUSEHOLDS.c.id == PEOPLE.c.household_id)
        .where(replaced).order_by(PEOPLE.c.household_id, new_cards.c.kk_issue_date, new_cards.c.kk_number)).all()
    chosen = {}
    for kk_number, issued, household_id in candidates:
        chosen.setdefault(household_id, (kk_number, issued))
    for household_id, (kk_number, issued) in chosen.items():
        session.execute(update(HOUSEHOLDS).where(HOUSEHOLDS.c.id == household_id).values(kk_number=kk_number))
        session.execute(insert(HISTORY).values(kk_number=kk_number, household_id=household_id, issued=issued,
                                               batch_id=batch_id))
    return len(chosen)


def refresh_deciles(session) -> None:
    """Each household's welfare decile from the registry row of any of its card numbers (the lowest if two)."""
    best = select(HISTORY.c.household_id, func.min(WELFARE.c.decile).label("decile"),
                  func.max(WELFARE.c.batch_id).label("batch_id")) \
        .join(HISTORY, HISTORY.c.kk_number == WELFARE.c.kk_number).group_by(HISTORY.c.household_id).subquery()
    # A decile without a batch is one a village recorded for a household the registry does not hold.
    session.execute(update(HOUSEHOLDS).where(HOUSEHOLDS.c.decile_batch_id.is_not(None))
                    .values(welfare_decile=None, decile_batch_id=None))
    session.execute(update(HOUSEHOLDS).where(HOUSEHOLDS.c.id == best.c.household_id)
                    .values(welfare_decile=best.c.decile, decile_batch_id=best.c.batch_id))


def apply_census(session, staged, columns: tuple, batch_id: int) -> dict:
    """Socio-economic values of a census (village data collection) for the NIKs the population holds.

    Returns {"matched", "changed", "not_in_population"}; a village's own registration is not overwritten.
    """
    fields = [name for name in columns if name != "nik"]
    target = PEOPLE
    joined = staged.join(target, target.c.nik == staged.c.nik)
    differs = [staged.c[name].is_distinct_from(target.c[name]) for name in fields]
    writable = func.coalesce(target.c.socio_source, "") != "village"
    matched, changed = session.execute(select(func.count(), func.coalesce(func.sum(case(
        (and_(writable, or_(false(), *differs)), 1), else_=0)), 0)).select_from(joined)).one()
    total = session.execute(select(func.count()).select_from(staged)).scalar()
    session.execute(update(target).where(target.c.nik == staged.c.nik, writable)
                    .values(**{name: staged.c[name] for name in fields}, socio_source="census", batch_id=batch_id))
    return {"matched": matched, "changed": changed, "not_in_population": total - matched}
