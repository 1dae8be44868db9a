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
    found = []
    for person_id in person_ids:
        row = db.execute("SELECT nik FROM person WHERE id = ?", (person_id,)).fetchone()
        if not row or not row[0]:
            continue
        others = db.execute("SELECT p.id, p.name, p.birth_date, coalesce(h.kk_number, p.kk_number) FROM person p "
                            "LEFT JOIN household h ON h.id = p.household_id WHERE p.nik = ? AND p.id != ? "
                            "ORDER BY p.id", (row[0], person_id)).fetchall()
        found += [{"nik": row[0], "person_id": person_id, "other_id": other_id, "other_name": name,
                   "other_birth_date": born, "other_kk": kk} for other_id, name, born, kk in others]
    return found


def warnings(db, person_ids, lang: str) -> list:
    """One line per shared NIK, in `lang`, naming the other person by name, date of birth and family card."""
    return [text("duplicate.nik_held", lang, nik=found["nik"], name=found["other_name"] or "-",
                 born=date_text(found["other_birth_date"]) or "-", kk=found["other_kk"] or "-")
            for found in shared_niks(db, person_ids)]
