"""`sws-hub import`, `inconsistencies`, `catalogue`, `match` and `lists`: the synchronized population.

Each command opens the hub, calls one service and prints what it did. The commands are in
`COMMANDS`, for `hub_server.cli` to add to the `sws-hub` group.
"""

import datetime as dt
import json
from pathlib import Path

import click

from hub_server.cli.common import cli_language, data_dir_option, pass_hub
from hub_server.services.actors import operator
from schemas.local_time import today_in


def _date(_ctx, _param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD, e.g. 2026-03-01") from None


@click.command("import")
@click.argument("source", type=click.Choice(["ektp", "kk", "welfare", "census", "crosswalk"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--codes", type=click.Choice(["kemendagri", "bps"]), default="kemendagri", show_default=True,
              help="Region codes the file uses; bps maps them through the imported crosswalk.")
@data_dir_option
@pass_hub
def import_extract(hub, source, file, codes):
    """Import a source extract (CSV) into the synchronized population and list what changed.

    Example: sws-hub import ektp /srv/extracts/ektp-2026-03.csv
    """
    from hub_server.services.imports import pipeline

    try:
        with hub.uow(immediate=True) as uow:
            report = pipeline.import_file(uow, source, file, actor=operator().name, codes=codes)
    except pipeline.ImportRefused as refusal:
        raise click.ClickException(pipeline.describe(refusal, cli_language())) from None
    click.echo(f"{report.file_name}: {report.read} rows read, {report.loaded} loaded, {report.failed} left out "
               f"({report.seconds:.1f} s)")
    click.echo(f"  {report.new} new, {report.changed} changed, {report.unchanged} unchanged, {report.absent} absent")
    for name, count in report.fields.items():
        click.echo(f"  {name}: {count} changed")
    for error in report.errors:
        text = pipeline.row_message(error["rule"], error["field"], error["params"], cli_language())
        click.echo(f"  line {error['line']}: {error['field']}: {text}")
    if report.failed > len(report.errors):
        click.echo(f"  ... all {report.failed} rows left out: sws-hub inconsistencies --batch {report.batch_id}")
    if report.inconsistencies:
        found = report.inconsistencies
        click.echo(f"  inconsistencies: {found['open']} open ({found['opened']} new, {found['cleared']} cleared)")


@click.command("inconsistencies")
@click.option("--kind", help="name_spelling, birth_date, sex, family_membership, missing_from_source, duplicate, "
                             "moved_village")
@click.option("--area", help="A village or sub-district code: only inconsistencies there.")
@click.option("--batch", "batch_id", type=int, help="Instead: the rows an import left out, with why.")
@click.option("--limit", type=click.IntRange(1, 100_000), default=50, show_default=True)
@data_dir_option
@pass_hub
def inconsistencies(hub, kind, area, batch_id, limit):
    """List open disagreements between the source databases (or an import's rejected rows).

    Example: sws-hub inconsistencies --kind name_spelling --area 35.07.01
    """
    from hub_server.services.imports import pipeline

    with hub.uow() as uow:
        if batch_id is not None:
            for error in pipeline.row_errors(uow, batch_id, limit):
                text = pipeline.row_message(error.rule, error.field, error.params, cli_language())
                click.echo(f"line {error.line}: {error.field} = {error.value!r}: {text}")
            return
        found = [(item.nik, item.kind, item.village_code, item.sources)
                 for item in pipeline.open_inconsistencies(uow.session, kind=kind, area=area, limit=limit)]
    for nik, found_kind, village, sources in found:
        sides = "; ".join(f"{s['source']}{':' + str(s['line']) if s.get('line') else ''}={s['value']}" for s in sources)
        click.echo(f"{nik}  {found_kind:<20} {village or '-':<14} {sides}")
    click.echo(f"{len(found)} shown")


@click.group("catalogue", invoke_without_command=True)
@data_dir_option
@click.pass_context
def catalogue_group(ctx):
    """The programme catalogue: list it, show one programme, or load a catalogue file.

    Example: sws-hub catalogue
    """
    if ctx.invoked_subcommand:
        return
    from hub_server.services import catalogue

    with ctx.obj.uow() as uow:
        for programme in catalogue.programmes(uow.session):
            quota = programme.record.get("quota")
            click.echo(f"{programme.code:<10} r{programme.revision:<3} {'active' if programme.active else 'off':<7}"
                       f"{programme.guarantee:<12} quota {quota if quota is not None else '-':<8} {programme.name}")


@catalogue_group.command("load")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@pass_hub
def catalogue_load(hub, file):
    """Check and save a catalogue (JSON list of programmes); without FILE, the shipped Kabupaten Malang one.

    Nothing is saved when any entry breaks a rule; every error is listed with its field.

    Example: sws-hub catalogue load /srv/catalogue-2026.json
    """
    from hub_server.services import catalogue

    try:
        with hub.uow() as uow:
            changed = catalogue.load_file(uow, file, actor=operator().name, lang=cli_language())
    except catalogue.CatalogueInvalid as invalid:
        lines = [f"{error.field}: {catalogue.error_message(error, cli_language())}" for error in invalid.errors]
        raise click.ClickException("the catalogue was not saved:\n  " + "\n  ".join(lines)) from None
    click.echo(f"{len(changed)} programme(s) saved and sent to devices: {', '.join(changed) or 'none changed'}")


@catalogue_group.command("show")
@click.argument("code")
@data_dir_option
@pass_hub
def catalogue_show(hub, code):
    """Print one programme as JSON (the form `catalogue load` reads).

    Example: sws-hub catalogue show PKH
    """
    from hub_server.services import catalogue

    with hub.uow() as uow:
        found = {p.code: p for p in catalogue.programmes(uow.session)}.get(code)
        if found is None:
            raise click.ClickException(f"no programme {code}")
        click.echo(json.dumps({**found.record, "matching": found.matching}, ensure_ascii=False, indent=2))


@click.command("match")
@click.option("--on", "on", callback=_date,
              help="List date (YYYY-MM-DD): ages are counted on it. Default: today in the district.")
@click.option("--no-publish", is_flag=True, help="Evaluate only; do not make new list versions.")
@data_dir_option
@pass_hub
def match(hub, on, no_publish):
    """Evaluate every programme's rule over the district and publish the village lists that changed.

    Example: sws-hub match --on 2026-03-01
    """
    from hub_server.services import matching

    on = on or today_in(hub.config["DISPLAY_TIMEZONE"])  # the district's day, as the web's form gives it
    try:
        with hub.uow() as uow:
            report = matching.run(uow, actor=operator().name, on=on, publish=not no_publish)
    except matching.MatchingBusy as busy:
        raise click.ClickException(f"another matching run (number {busy.fields['run_id']}) is in progress") from None
    click.echo(f"run {report.run_id} on {report.list_date}: {report.people} residents, "
               f"{report.seconds['total']:.1f} s")
    for code, counts in report.programmes.items():
        click.echo(f"  {code:<10} eligible {counts['eligible']:>8}  on the list {counts['selected']:>8}")
    if report.lists:
        click.echo(f"  lists: {report.lists['versions']} new village versions ({report.lists['whole']} whole), "
                   f"{report.lists['added']} added, {report.lists['removed']} removed")


@click.command("lists")
@click.option("--programme", help="Only this programme's versions.")
@click.option("--village", help="Only this village's versions.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=30, show_default=True)
@data_dir_option
@pass_hub
def lists_command(hub, programme, village, limit):
    """Show the latest published list versions (newest first).

    Example: sws-hub lists --programme PKH --village 35.07.01.2001
    """
    from hub_server.services import lists, paging

    newest = paging.Order(sort="made", descending=True, per_page=limit)
    with hub.uow() as uow:
        for version in lists.versions_page(uow.session, newest, programme_code=programme or "",
                                           area=village or "").items:
            kind = "whole" if version.full else "delta"
            click.echo(f"{version.programme_code:<10} {version.village_code}  v{version.version:<4} {kind:<6} "
                       f"size {version.size:>6}  +{version.added} -{version.removed}")


COMMANDS = (import_extract, inconsistencies, catalogue_group, match, lists_command)
