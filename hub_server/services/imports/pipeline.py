"""Importing source extracts into the synchronized population: `import_file(uow, source, path, actor=...)`.

Sources: `ektp` (civil registry biodata), `kk` (family card membership), `welfare` (the DTSEN
socio-economic ranking), `census` (a village data collection: occupation, schooling, disability,
income, pregnancy, by NIK) and `crosswalk` (BPS village codes -> Kemendagri codes). Formats are in
`sources`; docs/matching.md describes them for people.

An import is one transaction: the file is read into a temporary table (rows that break a rule are
reported with line, field and rule and left out, the rest loads), compared with the extract the hub
held (new, changed, unchanged, absent, and which fields changed), and the held extract is replaced;
the population is rebuilt for the NIKs that changed, and the inconsistencies between sources are
found again. Re-importing a newer extract updates; it never duplicates. Raises ImportRefused (the
file cannot be read as that source; nothing changes, the attempt is recorded as a failed batch).

`progress(step, done, total)`, when given, is called as each step begins and once per chunk of
staged rows: `staging` (done and total are bytes of the file), then for extracts `comparing`,
`replacing`, `population` and `findings`, for a census `population`, for the crosswalk `comparing`
and `replacing` (done 0, total None: one statement each, nothing to count).
"""

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, insert, or_, select

from hub_server.errors import HubError
from hub_server.messages import field_rule_message, message
from hub_server.models.population import (
    Household,
    HouseholdKk,
    ImportBatch,
    ImportRowError,
    Inconsistency,
    Person,
    RegionCrosswalk,
    SourceFinding,
)
from hub_server.services import inconsistencies, lists, paging, population_feed, residents, verification
from hub_server.services.imports import findings, people, stage
from hub_server.services.imports.rows import RowChecker
from hub_server.services.imports.sources import SOURCES
from schemas.local_time import latest_today

EXTRACTS = ("ektp", "kk", "welfare")
SHOWN_ERRORS = 20
# Why a file cannot be imported (ImportRefused.code); each has its message under `code.` in `hub_server.messages`.
REFUSALS = ("import_source_unknown", "import_columns_missing", "import_file_unreadable", "import_crosswalk_empty")


class ImportRefused(HubError):
    """The file cannot be imported as this source; nothing changed. `code` says why."""

    status = 400

    def __init__(self, code: str, **fields):
        super().__init__(**fields)
        self.code = code


def describe(error: ImportRefused, lang: str = "id") -> str:
    return message(error.code, lang, **error.fields)


def row_message(rule: str, field_name: str, params: dict, lang: str = "id") -> str:
    """The message of a row error: the `schemas` catalogue's, or the hub's own for the rules it adds."""
    return field_rule_message(rule, field_name, params, lang)


@dataclass
class ImportReport:
    batch_id: int
    source: str
    file_name: str
    read: int = 0
    loaded: int = 0
    failed: int = 0  # rows left out
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    absent: int = 0
    fields: dict = field(default_factory=dict)  # field -> rows where it changed
    errors: list = field(default_factory=list)  # the first row errors: {"line", "field", "rule", "value", "params"}
    inconsistencies: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    seconds: float = 0.0


def import_file(uow, source: str, path, *, actor: str, codes: str = "kemendagri", today=None,
                progress=None) -> ImportReport:
    """Import one extract file. Raises ImportRefused (recorded as a failed batch; nothing else changes).

    `progress(step, done, total)` hears of each step (see the module's description)."""
    if source not in SOURCES:
        raise ImportRefused("import_source_unknown", source=source, sources=", ".join(SOURCES))
    path, started = Path(path), time.perf_counter()
    with stage.bulk_work(uow.session):
        batch = ImportBatch(source=source, file_name=path.name, codes=codes, status="running", actor=actor,
                            started_at=uow.now(), summary={})
        uow.session.add(batch)
        uow.session.flush()
        report = ImportReport(batch.id, source, path.name)
        try:
            # Rows are checked against the day where it is latest in Indonesia, as every check of a date does
            # (schemas.local_time.latest_today): a birth recorded today in WIT is not in the future.
            checker = RowChecker(today or latest_today(), _crosswalk(uow.session, codes))
            _run(uow.session, SOURCES[source], path, report, checker, uow.now(), progress or _quiet)
        except ImportRefused as refusal:
            _record_failure(uow, batch, refusal)
            raise
    report.seconds = time.perf_counter() - started
    _finish(batch, report, uow.now())
    uow.commit()
    return report


def _crosswalk(session, codes: str) -> dict | None:
    if codes != "bps":
        return None
    mapping = dict(session.execute(select(RegionCrosswalk.bps_code, RegionCrosswalk.kemendagri_code)).all())
    if not mapping:
        raise ImportRefused("import_crosswalk_empty")
    return mapping


def _quiet(step: str, done: int, total: int | None) -> None:
    """No one listens to this import's progress."""


def _run(session, source, path: Path, report: ImportReport, checker: RowChecker, now, progress) -> None:
    try:
        staged = stage.stage_file(session, source, path, checker, progress=progress)
    except stage.MissingColumns as missing:
        raise ImportRefused("import_columns_missing", file=path.name, columns=", ".join(missing.missing)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ImportRefused("import_file_unreadable", file=path.name, detail=str(error)) from None
    report.read, report.loaded, report.failed = staged.read, staged.loaded, len({line for line, *_ in staged.failures})
    _keep_row_errors(session, report, staged.failures)
    HANDLERS[source.name](session, source, staged, report, now, progress)
    report.loaded -= report.extra.get("duplicate_rows", 0)
    stage.drop(session, staged.table)


def _keep_row_errors(session, report: ImportReport, failures: list) -> None:
    rows = [{"batch_id": report.batch_id, "line": line, "field": error.field, "rule": error.rule,
             "value": value, "params": dict(error.params)} for line, error, value in failures]
    for start in range(0, len(rows), 5000):
        session.execute(insert(ImportRowError.__table__), rows[start:start + 5000])
    report.errors = [{key: row[key] for key in ("line", "field", "rule", "value", "params")}
                     for row in rows[:SHOWN_ERRORS]]


def _drop_duplicates(session, source, staged, report: ImportReport) -> list:
    """Leave the first row of each repeated key staged; returns the findings about the others."""
    rows = stage.duplicated_rows(session, staged.table, source.key)
    groups: dict = {}
    for row in rows:
        groups.setdefault(row[source.key], []).append(row)
    findings, extra_lines = [], []
    for group in groups.values():
        extra_lines += [row["line"] for row in group[1:]]
        findings.append(_duplicate_finding(source, group, report.batch_id))
    stage.drop_lines(session, staged.table, extra_lines)
    report.extra["duplicate_rows"] = len(extra_lines)
    return findings


def _duplicate_finding(source, group: list, batch_id: int) -> dict:
    nik = group[0]["head_nik"] if source.name == "welfare" else group[0]["nik"]
    if source.name == "kk" and len({row["kk_number"] for row in group}) > 1:
        kind, shown = "family_membership", "kk_number"
    else:
        kind, shown = "duplicate", "head_name" if source.name == "welfare" else "name"
    return {"source": source.name, "nik": nik, "kind": kind, "batch_id": batch_id,
            "values": [{"line": row["line"], "value": row[shown]} for row in group]}


def _compare(session, source, staged, report: ImportReport):
    """Compare the staged extract with the held one; returns the touched keys (the staged table on a first import)."""
    columns = tuple(name for name in source.loads if name != source.key)
    first = session.execute(select(*source.table.primary_key.columns).limit(1)).first() is None
    touched = None if first else stage.touched_keys(session, staged.table, source.table, source.key, columns)
    counts = stage.compare(session, staged.table, source.table, source.key, columns, touched)
    report.new, report.changed, report.unchanged, report.absent = (counts[key] for key in
                                                                    ("new", "changed", "unchanged", "absent"))
    report.fields = counts["fields"]
    return staged.table if first else touched  # on a first import every staged key is new


def _keep_findings(session, source, findings: list) -> bool:
    """Replace what the source said about itself; True when that changed."""
    table = SourceFinding.__table__
    before = {(row.nik, row.kind, json.dumps(row.values, sort_keys=True)) for row in session.execute(
        select(table.c.nik, table.c.kind, table.c["values"]).where(table.c.source == source.name))}
    after = {(row["nik"], row["kind"], json.dumps(row["values"], sort_keys=True)) for row in findings}
    session.execute(delete(table).where(table.c.source == source.name))
    if findings:
        session.execute(insert(table), findings)
    return before != after


def _import_extract(session, source, staged, report: ImportReport, now, progress) -> None:
    progress("comparing", 0, None)
    findings_changed = _keep_findings(session, source, _drop_duplicates(session, source, staged, report))
    touched = _compare(session, source, staged, report)
    progress("replacing", 0, None)
    stage.replace_held(session, staged.table, source.table, report.batch_id)
    stage.analyze(session, source.table, staged.table)
    progress("population", 0, None)
    if source.name == "kk":
        report.extra["households_continued"] = people.refresh_households(session, touched, report.batch_id)
    if source.name in ("ektp", "kk"):
        people.refresh_people(session, touched, report.batch_id)
        inconsistencies.apply_decided(session)  # what officers decided after field checks stands
        # Residents a village registered whom this extract holds are verified by it (and compared with it).
        report.extra["verified_residents"] = verification.verified_by_extract(session, report.batch_id, now)
        # Newborns a village registered without a NIK, now on a family card with one: merged, the village told.
        report.extra["newborns_merged"] = residents.adopt_from_extract(session, f"import:{report.batch_id}")
        lists.absorb_waiting_for_people(session, now)  # applications naming people the sources now know
    if source.name in ("kk", "welfare"):
        people.refresh_deciles(session)
    if touched is not staged.table:
        stage.drop(session, touched)
    stage.analyze(session, Person.__table__, Household.__table__, HouseholdKk.__table__)
    progress("findings", 0, None)
    if report.new or report.changed or report.absent or findings_changed:
        report.inconsistencies = findings.reconcile(session, findings.gather(session), report.batch_id,
                                                           now)
    else:  # the same extract again: the sources say what they said
        report.inconsistencies = {"opened": 0, "updated": 0, "cleared": 0,
                                  "open": sum(inconsistency_counts(session).values())}
    inconsistencies.publish_batch(session, report.batch_id, now)  # the sub-districts' worklists
    if source.name in ("ektp", "kk"):  # the laptops hear of the residents that changed
        report.extra["population_sent"] = population_feed.publish(session, now)


def _import_census(session, source, staged, report: ImportReport, now, progress) -> None:
    _drop_duplicates(session, source, staged, report)
    progress("population", 0, None)
    counts = people.apply_census(session, staged.table, staged.columns, report.batch_id)
    report.changed, report.unchanged = counts["changed"], counts["matched"] - counts["changed"]
    report.extra["not_in_population"] = counts["not_in_population"]
    report.extra["population_sent"] = population_feed.publish(session, now)  # occupations changed


def _import_crosswalk(session, source, staged, report: ImportReport, now, progress) -> None:
    progress("comparing", 0, None)
    _drop_duplicates(session, source, staged, report)
    _compare(session, source, staged, report)
    progress("replacing", 0, None)
    stage.replace_held(session, staged.table, source.table, report.batch_id)


HANDLERS = {"ektp": _import_extract, "kk": _import_extract, "welfare": _import_extract, "census": _import_census,
            "crosswalk": _import_crosswalk}


def _finish(batch: ImportBatch, report: ImportReport, now) -> None:
    batch.status, batch.finished_at = "done", now
    batch.rows_read, batch.rows_loaded, batch.rows_failed = report.read, report.loaded, report.failed
    batch.new, batch.changed = report.new, report.changed
    batch.unchanged, batch.absent = report.unchanged, report.absent
    batch.summary = {"fields": report.fields, "inconsistencies": report.inconsistencies, "extra": report.extra,
                     "errors": report.errors, "seconds": round(report.seconds, 3)}


def _record_failure(uow, batch: ImportBatch, refusal: ImportRefused) -> None:
    uow.rollback()
    failed = ImportBatch(source=batch.source, file_name=batch.file_name, codes=batch.codes, status="failed",
                         actor=batch.actor, started_at=batch.started_at, finished_at=uow.now(),
                         summary={"code": refusal.code, **{key: str(value) for key, value in refusal.fields.items()}})
    uow.session.add(failed)
    uow.commit()


def recent_batches(uow, limit: int = 50) -> list:
    """The latest imports, newest first."""
    return list(uow.session.execute(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit)).scalars())


def row_errors(uow, batch_id: int, limit: int = 500) -> list:
    return list(uow.session.execute(select(ImportRowError).where(ImportRowError.batch_id == batch_id)
                                    .order_by(ImportRowError.line, ImportRowError.id).limit(limit)).scalars())


def open_inconsistencies(session, *, kind: str | None = None, area: str | None = None, limit: int = 200,
                         offset: int = 0) -> list:
    """Open inconsistencies, optionally of one kind and in one region (a village or anything inside a code)."""
    query = select(Inconsistency).where(Inconsistency.status == "open")
    if kind:
        query = query.where(Inconsistency.kind == kind)
    if area:
        query = query.where(or_(Inconsistency.village_code == area, Inconsistency.village_code.startswith(area + ".")))
    return list(session.execute(query.order_by(Inconsistency.village_code, Inconsistency.nik, Inconsistency.kind)
                                .offset(offset).limit(limit)).scalars())


INCONSISTENCY_SORTS = {"village": Inconsistency.village_code, "nik": Inconsistency.nik, "kind": Inconsistency.kind,
                       "opened": Inconsistency.opened_at}


def inconsistencies_page(session, order: paging.Order, *, kind: str | None = None,
                         area: str | None = None) -> paging.Page:
    """Open inconsistencies of a kind and in a region, each row (Inconsistency, the person's name), a page at a time."""
    query = (select(Inconsistency, Person.name).outerjoin(Person, Person.nik == Inconsistency.nik)
             .where(Inconsistency.status == "open"))
    if kind:
        query = query.where(Inconsistency.kind == kind)
    if area:
        query = query.where(or_(Inconsistency.village_code == area, Inconsistency.village_code.startswith(area + ".")))
    return paging.fetch(session, query, order, sorts=INCONSISTENCY_SORTS, default="village", tiebreak=Inconsistency.id)


def batches_page(uow, order: paging.Order) -> paging.Page:
    """The imports, newest first unless sorted otherwise, a page at a time."""
    sorts = {"started": ImportBatch.id, "source": ImportBatch.source, "status": ImportBatch.status}
    return paging.fetch(uow.session, select(ImportBatch), order, sorts=sorts, default="started",
                        tiebreak=ImportBatch.id)


def row_errors_page(uow, batch_id: int, order: paging.Order) -> paging.Page:
    """The rows an import left out, by line, a page at a time."""
    query = select(ImportRowError).where(ImportRowError.batch_id == batch_id)
    sorts = {"line": ImportRowError.line, "field": ImportRowError.field}
    return paging.fetch(uow.session, query, order, sorts=sorts, default="line", tiebreak=ImportRowError.id)


def inconsistency_counts(session, area: str | None = None) -> dict:
    """{kind: open count}, in a region (a village or anything inside a code) when given."""
    query = select(Inconsistency.kind, func.count()).where(Inconsistency.status == "open")
    if area:
        query = query.where(or_(Inconsistency.village_code == area, Inconsistency.village_code.startswith(area + ".")))
    return dict(session.execute(query.group_by(Inconsistency.kind)).all())
