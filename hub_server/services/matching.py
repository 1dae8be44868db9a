"""Matching: every programme's rule over the whole district, inside the database.

    report = matching.run(uow, actor="cli:siti", on=date(2026, 3, 1))

A run (1) rebuilds `match_facts`, one row per resident with the household facts rules read
(household size, income per member, children under 5 and of school age, welfare decile) counted on
the list date; (2) for each active programme, after those its rule names, writes the cross-table
(`eligibility`: who meets the rule, with which parts, and the community corrections beside it) and
the list (`selections`: corrections applied, priority order, quota); (3) publishes the changed
village lists as new versions (`lists.publish`) and counts per village what they hold for the reports
(`coverage_counts.refresh`). Every step is a few INSERT ... SELECT statements;
no person is looked at in Python.

Steps commit one by one, so village syncs keep flowing during a district-wide run (SQLite has one
writer at a time); the lists reach devices in a single final transaction. Raises MatchingBusy
when another run is in progress.

`progress(step, done, total)`, when given, is called as each step begins: `facts` (0, None), `rules`
once per programme (programmes evaluated so far, of how many) and once at its end, `lists` (0, None).
"""

import datetime as dt
import functools
import operator
import time
from dataclasses import dataclass, field

from sqlalchemy import (
    BigInteger,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)

from hub_server.errors import HubError
from hub_server.models.population import Household, Person
from hub_server.models.programmes import (
    Eligibility,
    ListCorrection,
    ListEntry,
    MatchFact,
    MatchingRun,
    Programme,
    Selection,
)
from hub_server.services import catalogue, coverage_counts, lists, migrant_families, population_feed
from hub_server.services.imports.stage import analyze, bulk_work
from hub_server.services.population_feed import resident_filter
from hub_server.services.reports import monthly
from hub_server.services.rules_sql import born_by, condition_sql, priority_order, reasons_sql

FACTS, ELIGIBILITY, SELECTIONS = MatchFact.__table__, Eligibility.__table__, Selection.__table__
PEOPLE, HOUSEHOLDS = Person.__table__, Household.__table__
SCHOOL_AGE = (7, 18)  # compulsory twelve years of school: primary at 7 to senior secondary at 18
UNDER_FIVE = 5
STALE_RUN = dt.timedelta(hours=2)  # a "running" run older than this died with its process


class MatchingBusy(HubError):
    """Another matching run is in progress."""

    status, code = 409, "matching_busy"


@dataclass
class MatchReport:
    run_id: int
    list_date: dt.date
    people: int = 0
    programmes: dict = field(default_factory=dict)  # code -> {"eligible", "selected", "seconds"}
    lists: dict = field(default_factory=dict)  # versions, added, removed, seconds
    population: dict = field(default_factory=dict)  # the residents' versions sent to laptops (services.population_feed)
    counts: dict = field(default_factory=dict)  # the counts kept for reports (services.coverage_counts)
    seconds: dict = field(default_factory=dict)  # facts, rules, lists, total


def run(uow, *, actor: str, on: dt.date | None = None, publish: bool = True, progress=None) -> MatchReport:
    """Evaluate the whole catalogue and publish the lists that changed. Raises MatchingBusy.

    `progress(step, done, total)` hears of each step (see the module's description)."""
    started = time.perf_counter()
    session = uow.session
    on = on or uow.today_in(monthly.district_of(session))  # the district's day, not the UTC one
    with bulk_work(session):
        matching_run = _start(uow, actor, on)
        report = MatchReport(matching_run.id, on)
        _steps(uow, report, publish, progress or _quiet)
    report.seconds["total"] = time.perf_counter() - started
    _finish(session, report, uow.now())
    uow.commit()
    return report


def _quiet(step: str, done: int, total: int | None) -> None:
    """No one listens to this run's progress."""


def _steps(uow, report: MatchReport, publish: bool, progress) -> None:
    session = uow.session
    try:
        progress("facts", 0, None)
        report.people = _timed(report, "facts", build_facts, session, report.list_date)
        analyze(session, FACTS)
        uow.commit()
        _timed(report, "rules", _evaluate_all, uow, report, report.list_date, progress)
        analyze(session, ELIGIBILITY, SELECTIONS, ListEntry.__table__)
        if publish:
            progress("lists", 0, None)
            report.lists = _timed(report, "lists", lists.publish, session, report.run_id, uow.now())
            # What the lists now hold, counted per village for the reports, in the lists' own transaction.
            report.counts = _timed(report, "counts", coverage_counts.refresh, session, report.list_date)
            # Deaths and moves the villages recorded since the last run reach the other laptops too.
            report.population = _timed(report, "population", population_feed.publish, session, uow.now())
    except Exception:
        uow.rollback()
        session.execute(update(MatchingRun).where(MatchingRun.id == report.run_id).values(status="failed"))
        uow.commit()
        raise


def _timed(report: MatchReport, step: str, function, *args):
    started = time.perf_counter()
    result = function(*args)
    report.seconds[step] = time.perf_counter() - started
    return result


def _start(uow, actor: str, on: dt.date) -> MatchingRun:
    session = uow.session
    busy = session.execute(select(MatchingRun).where(MatchingRun.status == "running",
                                                     MatchingRun.started_at > uow.now() - STALE_RUN)).scalar()
    if busy is not None:
        raise MatchingBusy(run_id=busy.id, started_at=busy.started_at.isoformat())
    matching_run = MatchingRun(list_date=on, status="running", actor=actor, started_at=uow.now(), summary={})
    session.add(matching_run)
    uow.commit()
    return matching_run


def _finish(session, report: MatchReport, now) -> None:
    summary = {"people": report.people, "programmes": report.programmes, "lists": report.lists, "counts": report.counts,
               "seconds": {step: round(value, 3) for step, value in report.seconds.items()}}
    session.execute(update(MatchingRun).where(MatchingRun.id == report.run_id)
                    .values(status="done", finished_at=now, summary=summary))


def inserted(session, statement) -> int:
    """Run an INSERT ... SELECT and return how many rows it wrote (psycopg reports -1 unless asked to keep it)."""
    return session.execute(statement, execution_options={"preserve_rowcount": True}).rowcount


# Facts -----------------------------------------------------------------------------------------------

def _household_facts(on: dt.date):
    p = PEOPLE
    under_five = p.c.birth_date > born_by(on, UNDER_FIVE)
    school_age = and_(p.c.birth_date <= born_by(on, SCHOOL_AGE[0]), p.c.birth_date > born_by(on, SCHOOL_AGE[1] + 1))
    return select(
        p.c.household_id, func.count().label("size"),
        (cast(func.sum(p.c.monthly_income), BigInteger) // func.count()).label("income_per_capita"),
        func.sum(case((under_five, 1), else_=0)).label("under_five"),
        func.sum(case((school_age, 1), else_=0)).label("school_age"),
        func.coalesce(func.min(case((p.c.relationship == "head", p.c.id))), func.min(p.c.id)).label("representative"),
    ).where(resident_filter(p), p.c.household_id.is_not(None)).group_by(p.c.household_id).subquery()


def clear(session, *tables) -> None:
    """Empty tables a run rewrites whole: TRUNCATE on PostgreSQL leaves no dead rows to slow the next run."""
    connection = session.connection()
    for table in tables:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"TRUNCATE {table.name}")
        else:
            session.execute(delete(table))


def build_facts(session, on: dt.date) -> int:
    """Rebuild `match_facts` for the list date `on`; returns the number of residents."""
    clear(session, FACTS)
    p, h, hf = PEOPLE, HOUSEHOLDS, _household_facts(on)
    personal = ["birth_date", "sex", "marital_status", "relationship", "occupation", "education", "disability",
                "disability_severe", "monthly_income", "pregnant", "migration", "nik_status", "village_code"]
    rows = select(p.c.id, p.c.household_id, func.coalesce(hf.c.representative, p.c.id), *[p.c[n] for n in personal],
                  h.c.welfare_decile, hf.c.size, hf.c.income_per_capita, hf.c.under_five, hf.c.school_age,
                  p.c.verification == "awaiting") \
        .select_from(p.outerjoin(h, h.c.id == p.c.household_id).outerjoin(hf, hf.c.household_id == p.c.household_id)) \
        .where(resident_filter(p))
    names = ["person_id", "household_id", "representative_id", *personal, "welfare_decile", "household_size",
             "household_income_per_capita", "children_under_5", "children_of_school_age", "awaiting"]
    count = inserted(session, insert(FACTS).from_select(names, rows))
    migrant_families.mark(session, FACTS)
    return count


# Rules and lists ----------------------------------------------------------------------------------------

def _evaluate_all(uow, report: MatchReport, on: dt.date, progress=_quiet) -> None:
    session = uow.session
    held = {p.code: p for p in catalogue.programmes(session)}
    clear(session, ELIGIBILITY, SELECTIONS)  # every programme is written again; inactive ones stay empty
    uow.commit()
    active = {code: p.record for code, p in held.items() if p.active}
    order = catalogue.evaluation_order(active)
    for done, code in enumerate(order):
        progress("rules", done, len(order))
        started = time.perf_counter()
        eligible = evaluate(session, held[code], report.run_id, on)
        selected = select_list(session, held[code], report.run_id)
        report.programmes[code] = {"eligible": eligible, "selected": selected,
                                   "seconds": round(time.perf_counter() - started, 3)}
        uow.commit()
    progress("rules", len(order), len(order))


def evaluate(session, programme: Programme, run_id: int, on: dt.date) -> int:
    """Write the programme's cross-table: who meets the rule, with reason bits, and the corrections beside it."""
    code, rule = programme.code, programme.record.get("eligibility_rule")
    session.execute(delete(ELIGIBILITY).where(ELIGIBILITY.c.programme_code == code))
    met = 0
    if rule is not None:
        rows = select(literal(code), FACTS.c.person_id, literal(True), reasons_sql(rule, on),
                      literal(run_id, BigInteger)).where(condition_sql(rule, on))
        met = inserted(session, insert(ELIGIBILITY).from_select(
            ["programme_code", "person_id", "rule_met", "reasons", "run_id"], rows))
    _apply_corrections(session, code, run_id)
    return met


def _apply_corrections(session, code: str, run_id: int) -> None:
    """Each resident's latest community decision for the programme, kept beside the rule's result."""
    decisions = latest_decisions(session, code)
    if not decisions:
        return
    with_row = _present(session, ELIGIBILITY.c.person_id, decisions, ELIGIBILITY.c.programme_code == code)
    residents = _present(session, FACTS.c.person_id, decisions)
    changed = [{"b_person": person, "b_decision": decisions[person]} for person in with_row]
    if changed:
        session.execute(update(ELIGIBILITY).where(ELIGIBILITY.c.programme_code == code,
                                                  ELIGIBILITY.c.person_id == bindparam("b_person"))
                        .values(correction=bindparam("b_decision")), changed)
    added = [{"programme_code": code, "person_id": person, "rule_met": False, "reasons": 0, "correction": decision,
              "run_id": run_id} for person, decision in decisions.items() if person in residents - with_row]
    if added:
        session.execute(insert(ELIGIBILITY), added)


def latest_decisions(session, code: str) -> dict:
    """{person id: "include" | "exclude"}: the latest valid community decision on each person."""
    rows = session.execute(select(ListCorrection.person_id, ListCorrection.decision).where(
        ListCorrection.programme_code == code, ListCorrection.problem.is_(None), ListCorrection.person_id.is_not(None))
        .order_by(ListCorrection.meeting_date.nulls_first(), ListCorrection.updated_at, ListCorrection.record_id))
    return dict(rows.all())


def _present(session, column, ids, *conditions) -> set:
    """Which of `ids` appear in `column` (under `conditions`)."""
    ids, found = list(ids), set()
    for start in range(0, len(ids), 900):
        found.update(session.execute(select(column).where(column.in_(ids[start:start + 900]), *conditions)).scalars())
    return found


def select_list(session, programme: Programme, run_id: int) -> int:
    """Write the programme's list: candidates ranked (community inclusions first, then priority), cut at the quota.

    Someone awaiting verification is listed as such, or, where the programme lists only verified people,
    proposed: ranked after everyone listed and outside the quota. Returns the rows written."""
    code, settings = programme.code, programme.matching
    session.execute(delete(SELECTIONS).where(SELECTIONS.c.programme_code == code))
    if settings.get("unit") == "household":
        candidates = _household_candidates(code, len(catalogue.rule_parts(programme.record.get("eligibility_rule"))))
    else:
        candidates = _person_candidates(code)
    proposing = catalogue.unverified_policy(programme) == "propose"
    keys, quota = settings.get("priority", []), programme.record.get("quota")
    rows = _ranked_rows(candidates, keys, proposing).subquery()
    if quota is not None and not proposing:
        # The first `quota` are picked by ORDER BY ... LIMIT, which both databases do by keeping only that many
        # while they read, and only those are ranked: 2,000 out of 690,000 candidates in 0.6-1.0 s instead of
        # 2.4-3.1 s for a ranking of every candidate (docs/performance.md).
        rows = select(rows).order_by(*_ranking(rows, keys)).limit(quota).subquery()
    rank = func.row_number().over(order_by=_ranking(rows, keys))
    ranked = select(literal(code).label("programme_code"), rows.c.person_id, rows.c.household_id,
                    rows.c.village_code, rows.c.reasons, rank.label("rank"),
                    literal(run_id, BigInteger).label("run_id"), rows.c.status, rows.c.proposed).subquery()
    names = ["programme_code", "person_id", "household_id", "village_code", "reasons", "rank", "run_id", "status"]
    kept = select(*[ranked.c[name] for name in names])
    if quota is not None and proposing:  # proposals rank after everyone listed and stay, outside the quota
        kept = kept.where(or_(ranked.c.rank <= quota, ranked.c.proposed == 1))
    # Written in person order, each row goes to the end of the primary key (programme, person) instead of a
    # page at random, as in priority order: a fifth less time for a list of a million.
    return inserted(session, insert(SELECTIONS).from_select(names, kept.order_by(ranked.c.person_id)))


def _ranked_rows(candidates, keys: list, proposing: bool):
    """The candidates with what a list row holds and what ranking reads: whether each is a proposal (someone
    awaiting verification where the programme proposes them), the status, and the priority keys' facts."""
    facts = FACTS.alias("ranked_by")
    awaiting = facts.c.awaiting.is_(True)
    proposed = case((awaiting, 1), else_=0) if proposing else literal(0)
    status = case((awaiting, "proposed" if proposing else "awaiting"), else_="listed")
    held = {"person_id", "household_id", "village_code", "reasons", "included", "status", "proposed"}
    extra = [name for name in dict.fromkeys(_key_column(key) for key in keys) if name not in held]
    return select(candidates.c.person_id, facts.c.household_id, facts.c.village_code, candidates.c.reasons,
                  candidates.c.included, status.label("status"), proposed.label("proposed"),
                  *[facts.c[name] for name in extra]) \
        .join(facts, facts.c.person_id == candidates.c.person_id)


def _key_column(key: str) -> str:
    name = key.removeprefix("-")
    return "birth_date" if name == "age" else name


def _ranking(rows, keys: list) -> list:
    """Proposals last, community inclusions first, then the programme's priority keys, then the person id."""
    return [rows.c.proposed, rows.c.included.desc(), *priority_order(keys, rows), rows.c.person_id]


def _person_candidates(code: str):
    """The people a person-by-person list names: met or included, not excluded, and with a NIK (a newborn
    without one counts for a household-by-household list, as its member, until the NIK arrives)."""
    e, f = ELIGIBILITY, FACTS
    return select(e.c.person_id, case((e.c.correction == "include", 1), else_=0).label("included"),
                  e.c.reasons).select_from(e.join(f, f.c.person_id == e.c.person_id)) \
        .where(e.c.programme_code == code, or_(e.c.rule_met.is_(True), e.c.correction == "include"),
               func.coalesce(e.c.correction, "") != "exclude",
               func.coalesce(f.c.nik_status, "recorded") == "recorded").subquery()


def _household_candidates(code: str, parts: int):
    """One candidate per household, its representative: met by a member or included, and no member excluded."""
    e, f = ELIGIBILITY, FACTS
    included = func.max(case((e.c.correction == "include", 1), else_=0))
    qualifies = func.max(case((or_(e.c.rule_met.is_(True), e.c.correction == "include"), 1), else_=0))
    excluded = func.max(case((e.c.correction == "exclude", 1), else_=0))
    bits = [func.max(case((e.c.reasons.op("&")(literal(1 << i, BigInteger)) != 0, literal(1 << i, BigInteger)),
                          else_=literal(0, BigInteger))) for i in range(max(1, min(parts, catalogue.MAX_REASONS)))]
    return select(f.c.representative_id.label("person_id"), included.label("included"),
                  functools.reduce(operator.add, bits).label("reasons")) \
        .select_from(e.join(f, f.c.person_id == e.c.person_id)).where(e.c.programme_code == code) \
        .group_by(f.c.representative_id).having(and_(qualifies == 1, excluded == 0)).subquery()


def latest_run(session) -> MatchingRun | None:
    return session.execute(select(MatchingRun).where(MatchingRun.status == "done")
                           .order_by(MatchingRun.id.desc()).limit(1)).scalar()


def explain(session, person_id: int) -> list:
    """For the call centre: each programme's verdict on one person in the latest run, part by part.

    [{"programme", "rule_met", "parts": [(reason, held)], "correction", "selected", "rank"}]; parts are
    evaluated by the same SQL as the run, on the run's list date and facts.
    """
    latest = latest_run(session)
    if latest is None:
        return []
    verdicts = {row.programme_code: row for row in session.execute(
        select(ELIGIBILITY).where(ELIGIBILITY.c.person_id == person_id))}
    chosen = {row.programme_code: row for row in session.execute(
        select(SELECTIONS).where(SELECTIONS.c.person_id == person_id))}
    found = []
    for programme in catalogue.programmes(session, active_only=True):
        verdict = verdicts.get(programme.code)
        found.append({"programme": programme, "rule_met": bool(verdict and verdict.rule_met),
                      "parts": _parts_held(session, programme, person_id, latest.list_date),
                      "correction": verdict.correction if verdict else None,
                      "selected": programme.code in chosen,
                      "rank": chosen[programme.code].rank if programme.code in chosen else None})
    return found


def _parts_held(session, programme: Programme, person_id: int, on: dt.date) -> list:
    rule = programme.record.get("eligibility_rule")
    if rule is None:
        return []
    parts = catalogue.rule_parts(rule)[:catalogue.MAX_REASONS]
    row = session.execute(select(*[condition_sql(part, on) for part in parts])
                          .where(FACTS.c.person_id == person_id)).first()
    reasons = programme.matching.get("reasons") or [{"code": f"part_{i + 1}", "id": "", "en": ""}
                                                      for i in range(len(parts))]
    return [(reason, bool(row[i]) if row is not None else False) for i, reason in enumerate(reasons)]
