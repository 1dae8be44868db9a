"""People on this laptop who share a NIK: the officer is warned when saving one; nothing is refused.

Two person records with one NIK are most often one resident registered twice (again after a move,
or a mistyped NIK in the other record). Saving is not refused, because the new entry may be the
right one and refusing would lose it: the officer is told who else holds the NIK, with a link, and
decides. The hub flags the pair as well (`duplicate_resident`, hub_server/services/identity.py).
"""

from schemas.display import date_text
from village_client.messages import text


def shared_niks(db, person_ids) -> list:
    """[{"nik", "person_id", "other_id", "other_name", "other_birth_date", "other_kk"}]: each other person record
    holding the NIK of one of `person_ids` (people without a NIK, e.g. newborns, share nothing)."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return []
    # One query for all of them: the people saved with a NIK, each joined to the others holding it.
    rows = db.execute("SELECT mine.nik, mine.id, p.id, p.name, p.birth_date, coalesce(h.kk_number, p.kk_number) "
                      "FROM person mine JOIN person p ON p.nik = mine.nik AND p.id != mine.id "
                      "LEFT JOIN household h ON h.id = p.household_id "
                      f"WHERE mine.id IN ({','.join('?' * len(ids))}) AND coalesce(mine.nik, '') != '' "
                      "ORDER BY p.id", ids).fetchall()
    order = {person_id: place for place, person_id in enumerate(ids)}
    return [{"nik": nik, "person_id": person_id, "other_id": other_id, "other_name": name,
             "other_birth_date": born, "other_kk": kk}
            for nik, person_id, other_id, name, born, kk in sorted(rows, key=lambda row: order[row[1]])]


def warnings(db, person_ids, lang: str) -> list:
    """One line per shared NIK, in `lang`, naming the other person by name, date of birth and family card."""
    return [text("duplicate.nik_held", lang, nik=found["nik"], name=found["other_name"] or "-",
                 born=date_text(found["other_birth_date"]) or "-", kk=found["other_kk"] or "-")
            for found in shared_niks(db, person_ids)]
