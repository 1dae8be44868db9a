"""`sws-hub import-bundle` and `conflicts`: USB sticks from villages, and the conflict queue."""

from pathlib import Path

import click

from hub_server.cli.common import cli_language, data_dir_option, pass_hub
from hub_server.messages import text
from schemas.display import value_text
from schemas.messages import label


@click.command("import-bundle")
@click.argument("bundle_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--reply", "reply_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the hub's answers for the villages (default: FILE with .return added).")
@data_dir_option
@pass_hub
def import_bundle(hub, bundle_file, reply_file):
    """Apply a bundle from a USB stick and write the return bundle for its villages.

    Importing the same bundle twice applies nothing twice.

    Example: sws-hub import-bundle /media/usb/sukamaju.sws --reply /media/usb/sukamaju-return.sws
    """
    from hub_server import db, keys
    from hub_server.services.bundles import import_bundle as run_import
    from sync_protocol.errors import ProtocolError

    try:
        report = run_import(db.get(hub.app), bundle_file.read_bytes(), keys.get(hub.app).private_key,
                            page_size=hub.config["FEED_PAGE_SIZE"], serve_version_1=hub.config["SERVE_PROTOCOL_1"])
    except ProtocolError as error:  # a damaged or altered file: nothing was applied
        raise click.ClickException(f"{bundle_file}: {error}") from None
    for line in report.lines:
        click.echo(" ".join(f"{key}={value}" for key, value in line.items()))
    reply_file = reply_file or bundle_file.with_name(bundle_file.name + ".return")
    reply_file.write_bytes(report.reply)
    click.echo(f"answers written to {reply_file}")
    if report.refused:
        raise click.ClickException(f"{report.refused} request(s) refused; see the lines above")


@click.group("conflicts", invoke_without_command=True)
@click.option("--area", help="Only conflicts in this region (e.g. a sub-district code 35.07.01).")
@data_dir_option
@pass_hub
def conflicts(hub, area):
    """List open conflicts: whom each is about, both sides as labels, who proposed them and when.

    Texts in Indonesian when LANG starts with "id", else in English; times in the district's zone.

    Example: sws-hub conflicts --area 35.07.01
    """
    if click.get_current_context().invoked_subcommand is not None:
        return
    from hub_server.cli.conflict_words import describe
    from hub_server.services import conflicts as queue

    lang, zone = cli_language(), hub.config["DISPLAY_TIMEZONE"]
    with hub.uow() as uow:
        waiting = queue.open_conflicts(uow, area)
        subjects, times = queue.subjects(uow.session, waiting), queue.side_times(uow.session, waiting)
        for conflict in waiting:
            click.echo("\n".join(describe(conflict, subjects.get(conflict.record_id), times, lang, zone)) + "\n")
        if not waiting:
            click.echo(text("conflicts.none", lang))


@conflicts.command("resolve")
@click.argument("conflict_id", metavar="NUMBER")
@click.option("--value", "typed", help="The right value as the list shows it (a proposal, a label, dd-mm-yyyy).")
@click.option("--side", type=click.IntRange(1), help="Or the number of the proposal to keep (Proposal 1, 2...).")
@click.option("--reason", required=True, help="Why: it goes to every laptop with the decision.")
@click.option("--user", default="operator", show_default=True, help="Who decided, for the audit log.")
@data_dir_option
@pass_hub
def conflicts_resolve(hub, conflict_id, typed, side, reason, user):
    """Decide a conflict; the decision reaches every laptop holding the record at its next sync.

    NUMBER is the conflict's number as listed (7 or #7).

    Example: sws-hub conflicts resolve 7 --value 081234500002 --reason "Confirmed by phone call"
    """
    from hub_server.cli.conflict_words import read_value
    from hub_server.services import conflicts as queue

    number, lang = _conflict_number(conflict_id), cli_language()
    if (typed is None) == (side is None):
        raise click.UsageError(text("conflict.cli_choose", lang))
    with hub.uow(immediate=True) as uow:
        conflict, _ = queue.get(uow, number)
        if side is not None and side > len(conflict.sides):
            raise click.BadParameter(text("conflict.cli_no_side", lang, number=side, count=len(conflict.sides)),
                                     param_hint="--side")
        value = conflict.sides[side - 1]["value"] if side else read_value(conflict, typed)
        conflict = queue.resolve(uow, number, value, user=user, reason=reason)
        shown = value_text(conflict.table_name, conflict.field, value, lang)
        click.echo(text("conflict.resolved_ok", lang, conflict_id=conflict.id))
        click.echo(f"{label(conflict.field, lang)}: {shown}")


def _conflict_number(typed: str) -> int:
    digits = typed.strip().removeprefix("#")
    if not digits.isdigit():
        raise click.BadParameter(f"{typed!r} is not a conflict number like 7 or #7", param_hint="NUMBER")
    return int(digits)
