"""Households a migrant worker left behind: matching's `migrant_family` fact (docs/matching.md, "Facts").

The village task force and the case workers record migrant workers as cases (docs/cases.md). A
household is a migrant worker's family while one of its cases is open (not closed) and says so:

- a case of kind `migrant_family`, for the household by its family card (`kk_number`; a card the
  household held before counts too);
- a case of a member of the household (by NIK) who is abroad: of kind `migrant_abroad`, or whose
  latest migrant stage is `abroad` (a prospective migrant who has left).

Every resident of such a household, its children and elderly among them, then has the fact, so a
programme for migrant workers' families (or any rule that names the fact) lists them. The cases are
read from `case_states`, the state the hub derives after every sync batch (`services/cases.py`).
A case that names its household only by a laptop's record id (a household without a card) is not
linked: the hub cannot tell which household that is until the card is known.
"""

from sqlalchemy import or_, select, update

from hub_server.models.cases import CaseStateRow
from hub_server.models.population import Household, HouseholdKk, Person

OPEN = CaseStateRow.status != "closed"


def households():
    """A select of the ids of the households a migrant worker left behind (see the module)."""
    family_cards = select(CaseStateRow.kk_number).where(OPEN, CaseStateRow.case_kind == "migrant_family",
                                                        CaseStateRow.kk_number.is_not(None))
    abroad = select(CaseStateRow.nik).where(OPEN, CaseStateRow.nik.is_not(None),
                                            or_(CaseStateRow.case_kind == "migrant_abroad",
                                                CaseStateRow.migrant_stage == "abroad"))
    return (select(Household.id).where(Household.kk_number.in_(family_cards))
            .union(select(HouseholdKk.household_id).where(HouseholdKk.kk_number.in_(family_cards)),
                   select(Person.household_id).where(Person.nik.in_(abroad), Person.household_id.is_not(None))))


def mark(session, facts) -> int:
    """Set `migrant_family` on the match facts of every resident of those households; returns how many."""
    chosen = households().subquery()
    result = session.execute(update(facts).where(facts.c.household_id.in_(select(chosen.c[0])))
                             .values(migrant_family=True))
    return result.rowcount or 0
