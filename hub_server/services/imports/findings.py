"""Where the held extracts disagree: found in SQL after each import, kept as `Inconsistency` rows.

Kinds (each one per NIK; the welfare registry's findings are on the household head's NIK):

- name_spelling: the names differ (case, spaces and . , ' - do not count; see `rows.name_key`);
- birth_date, sex: the e-KTP disagrees with what its own NIK encodes (day + 40 for women, DDMMYY);
- moved_village: the sources put the person in different villages;
- family_membership: the welfare registry's household is not the head's family card, or one
  family card extract lists the NIK on two cards;
- missing_from_source: a source that was imported lacks someone the others hold;
- duplicate: an extract holds the NIK (the card, for the welfare registry) more than once.

A source compares only once it has been imported: before the welfare registry is loaded nobody
is "missing from welfare". Every finding lists each source's value and line. An open inconsistency
the sources no longer show is `cleared`; one a person resolved does not come back while the
sources say the same thing.
"""

from sqlalchemy import bindparam, exists, insert, or_, select, update

from hub_server.models.population import Inconsistency, Person, SourceEktp, SourceFinding, SourceKk, SourceWelfare
from schemas import check_nik

EKTP, KK, WELFARE, FINDINGS = SourceEktp.__table__, SourceKk.__table__, SourceWelfare.__table__, SourceFinding.__table__
TABLE, PEOPLE = Inconsistency.__table__, Person.__table__
SOURCE_ORDER = {"ektp": 0, "kk": 1, "welfare": 2, "nik": 3}
VILLAGE_PRIORITY = {"kk": 0, "ektp": 1, "welfare": 2}


class Findings:
    """Findings being gathered: (nik, kind) -> the entries of each source involved."""

    def __init__(self):
        self.found: dict = {}
        self.villages: dict = {}  # nik -> (priority, village code): where the sub-district checks it

    def add(self, nik: str, kind: str, *entries: dict) -> None:
        held = self.found.setdefault((nik, kind), {})
        for entry in entries:
            held[(entry["source"], entry.get("line"))] = entry

    def place(self, nik: str, source: str, village: str | None) -> None:
        if village and (nik not in self.villages or VILLAGE_PRIORITY[source] < self.villages[nik][0]):
            self.villages[nik] = (VILLAGE_PRIORITY[source], village)

    def sources(self, key) -> list:
        return sorted(self.found[key].values(), key=lambda entry: (SOURCE_ORDER[entry["source"]], entry["line"] or 0))


def _entry(source: str, value, line=None) -> dict:
    return {"source": source, "value": value.isoformat() if hasattr(value, "isoformat") else value, "line": line}


def _held(session, table) -> bool:
    return session.execute(select(*table.primary_key.columns).limit(1)).first() is not None


def gather(session) -> Findings:
    """Every disagreement the held extracts show now."""
    held = {name: _held(session, table) for name, table in (("ektp", EKTP), ("kk", KK), ("welfare", WELFARE))}
    findings = Findings()
    if held["ektp"] or held["kk"]:
        _identity_and_membership(session, findings, held)
    if held["welfare"]:
        _welfare(session, findings, held)
    if held["welfare"] and held["kk"]:
        _cards_without_welfare(session, findings)
    for row in session.execute(select(FINDINGS)).mappings():
        findings.add(row["nik"], row["kind"], *[_entry(row["source"], item["value"], item["line"])
                                                 for item in row["values"]])
    _place_the_rest(session, findings)
    return findings


def _place_the_rest(session, findings: Findings) -> None:
    """Findings that named no village (duplicates) take the person's village in the population."""
    unplaced = list({nik for nik, _ in findings.found} - set(findings.villages))
    for start in range(0, len(unplaced), 900):
        for nik, village in session.execute(select(PEOPLE.c.nik, PEOPLE.c.village_code).where(
                PEOPLE.c.nik.in_(unplaced[start:start + 900]))):
            findings.place(nik, "kk", village)


def _identity_and_membership(session, findings: Findings, held: dict) -> None:
    """e-KTP against family cards, and e-KTP against its own NIKs, in one pass over both."""
    e, k = EKTP, KK
    columns = (e.c.nik, e.c.name, e.c.name_key, e.c.line, e.c.village_code, e.c.sex, e.c.birth_date,
               e.c.nik_mismatch, k.c.nik.label("k_nik"), k.c.name.label("k_name"), k.c.name_key.label("k_key"),
               k.c.line.label("k_line"), k.c.village_code.label("k_village"))
    if held["ektp"] and held["kk"]:
        query = select(*columns).select_from(e.join(k, e.c.nik == k.c.nik, full=True)).where(or_(
            e.c.nik.is_(None), k.c.nik.is_(None), e.c.name_key != k.c.name_key, e.c.village_code != k.c.village_code,
            e.c.nik_mismatch.is_not(None)))
    elif held["ektp"]:
        query = select(*columns).select_from(e.outerjoin(k, e.c.nik == k.c.nik)).where(e.c.nik_mismatch.is_not(None))
    else:
        return
    for row in session.execute(query).mappings():
        _classify_pair(findings, row, held["kk"])


def _classify_pair(findings: Findings, row, cards_held: bool) -> None:
    nik = row["nik"] or row["k_nik"]
    findings.place(nik, "kk", row["k_village"])
    findings.place(nik, "ektp", row["village_code"])
    ektp, card = _entry("ektp", row["name"], row["line"]), _entry("kk", row["k_name"], row["k_line"])
    if row["nik"] is None:
        return findings.add(nik, "missing_from_source", _entry("ektp", None), card)
    if row["k_nik"] is None and cards_held:
        findings.add(nik, "missing_from_source", ektp, _entry("kk", None))
    elif row["k_nik"] is not None:
        if row["name_key"] != row["k_key"]:
            findings.add(nik, "name_spelling", ektp, card)
        if row["village_code"] != row["k_village"]:
            findings.add(nik, "moved_village", _entry("ektp", row["village_code"], row["line"]),
                         _entry("kk", row["k_village"], row["k_line"]))
    _nik_disagreements(findings, nik, row)


def _nik_disagreements(findings: Findings, nik: str, row) -> None:
    if not row["nik_mismatch"]:
        return
    parts = check_nik(nik).parts
    if "sex" in row["nik_mismatch"]:
        findings.add(nik, "sex", _entry("ektp", row["sex"], row["line"]), _entry("nik", parts.sex))
    if "birth_date" in row["nik_mismatch"]:
        said = parts.birth_date.strftime("%d-%m-%y") if parts.birth_date else None
        findings.add(nik, "birth_date", _entry("ektp", row["birth_date"], row["line"]), _entry("nik", said))


def _welfare(session, findings: Findings, held: dict) -> None:
    """Each registry household against its head's e-KTP and family card rows."""
    w, e, k = WELFARE, EKTP, KK
    tests = []
    if held["ektp"]:
        tests += [e.c.nik.is_(None), e.c.name_key != w.c.name_key, e.c.village_code != w.c.village_code]
    if held["kk"]:
        tests += [k.c.nik.is_(None), k.c.name_key != w.c.name_key, k.c.village_code != w.c.village_code,
                  k.c.kk_number != w.c.kk_number]
    if not tests:
        return
    query = select(w, e.c.nik.label("e_nik"), e.c.name.label("e_name"), e.c.name_key.label("e_key"),
                   e.c.village_code.label("e_village"), e.c.line.label("e_line"), k.c.nik.label("k_nik"),
                   k.c.name.label("k_name"), k.c.name_key.label("k_key"), k.c.village_code.label("k_village"),
                   k.c.kk_number.label("k_kk"), k.c.line.label("k_line")) \
        .select_from(w.outerjoin(e, e.c.nik == w.c.head_nik).outerjoin(k, k.c.nik == w.c.head_nik)).where(or_(*tests))
    for row in session.execute(query).mappings():
        _classify_household(findings, row, held)


def _classify_household(findings: Findings, row, held: dict) -> None:
    nik = row["head_nik"]
    findings.place(nik, "welfare", row["village_code"])
    welfare = _entry("welfare", row["head_name"], row["line"])
    for source, prefix in (("ektp", "e_"), ("kk", "k_")):
        if not held[source]:
            continue
        if row[prefix + "nik"] is None:
            findings.add(nik, "missing_from_source", _entry(source, None), welfare)
            continue
        findings.place(nik, source, row[prefix + "village"])
        if row[prefix + "key"] != row["name_key"]:
            findings.add(nik, "name_spelling", welfare, _entry(source, row[prefix + "name"], row[prefix + "line"]))
        if row[prefix + "village"] != row["village_code"]:
            findings.add(nik, "moved_village", _entry("welfare", row["village_code"], row["line"]),
                         _entry(source, row[prefix + "village"], row[prefix + "line"]))
    if held["kk"] and row["k_nik"] is not None and row["k_kk"] != row["kk_number"]:
        findings.add(nik, "family_membership", _entry("welfare", row["kk_number"], row["line"]),
                     _entry("kk", row["k_kk"], row["k_line"]))


def _cards_without_welfare(session, findings: Findings) -> None:
    """Family cards the welfare registry lacks, on the head's NIK (the first member's if no head is named)."""
    k, w = KK, WELFARE
    # The card numbers alone come from the kk_number index without reading the rows; few lack a row.
    numbers = list(session.execute(select(k.c.kk_number).where(~exists().where(w.c.kk_number == k.c.kk_number))
                                   .group_by(k.c.kk_number)).scalars())
    for start in range(0, len(numbers), 900):
        cards: dict = {}
        for row in session.execute(select(k.c.kk_number, k.c.head_nik, k.c.nik, k.c.line, k.c.village_code)
                                   .where(k.c.kk_number.in_(numbers[start:start + 900]))):
            cards.setdefault(row.kk_number, []).append(row)
        for number, members in cards.items():
            nik = next((m.head_nik for m in members if m.head_nik), min(m.nik for m in members))
            findings.place(nik, "kk", min(m.village_code for m in members))
            findings.add(nik, "missing_from_source", _entry("welfare", None),
                         _entry("kk", number, min(m.line for m in members)))


def reconcile(session, findings: Findings, batch_id: int, now) -> dict:
    """Bring the inconsistency list in line with `findings`; returns counts opened, updated, cleared, open."""
    held_open = {(row.nik, row.kind): (row.id, row.sources) for row in session.execute(
        select(TABLE.c.id, TABLE.c.nik, TABLE.c.kind, TABLE.c.sources).where(TABLE.c.status == "open"))}
    settled = {(row.nik, row.kind): row.sources for row in session.execute(
        select(TABLE.c.nik, TABLE.c.kind, TABLE.c.sources).where(TABLE.c.status == "resolved"))}
    new_rows, changed_rows = [], []
    for key in findings.found:
        sources = findings.sources(key)
        if key in held_open:
            if held_open[key][1] != sources:
                changed_rows.append({"b_id": held_open[key][0], "sources": sources, "last_batch_id": batch_id})
        elif settled.get(key) != sources:
            new_rows.append({"nik": key[0], "kind": key[1], "sources": sources, "status": "open",
                             "village_code": findings.villages.get(key[0], (0, None))[1], "first_batch_id": batch_id,
                             "last_batch_id": batch_id, "opened_at": now})
    gone = [ident for key, (ident, _) in held_open.items() if key not in findings.found]
    _write(session, new_rows, changed_rows, gone, now)
    return {"opened": len(new_rows), "updated": len(changed_rows), "cleared": len(gone),
            "open": len(held_open) - len(gone) + len(new_rows)}


def _write(session, new_rows: list, changed_rows: list, gone: list, now) -> None:
    for start in range(0, len(new_rows), 5000):
        session.execute(insert(TABLE), new_rows[start:start + 5000])
    if changed_rows:
        session.execute(update(TABLE).where(TABLE.c.id == bindparam("b_id"))
                        .values(sources=bindparam("sources"), last_batch_id=bindparam("last_batch_id")), changed_rows)
    for start in range(0, len(gone), 900):
        session.execute(update(TABLE).where(TABLE.c.id.in_(gone[start:start + 900]))
                        .values(status="cleared", closed_at=now))
