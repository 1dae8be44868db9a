"""`sws-hub import-bundle` and `conflicts`: USB sticks from villages, and the conflict queue."""

import json
from pathlib import Path

import click

from hub_server.cli.common import data_dir_option, pass_hub


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
                            page_size=hub.config["FEED_PAGE_SIZE"])
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
    """List open conflicts (both sides, who made them), or resolve one.

    Example: sws-hub conflicts --area 35.07.01
    """
    if click.get_current_context().invoked_subcommand is not None:
        return
    from hub_server.services import conflicts as queue

    with hub.uow() as uow:
        for conflict in queue.open_conflicts(uow, area):
            sides = "; ".join(f"{json.dumps(s['value'], ensure_ascii=False)} by {s.get('officer') or '?'}"
                              f" on {s.get('device_id') or s.get('source')}" for s in conflict.sides)
            click.echo(f"#{conflict.id} {conflict.kind} {conflict.table_name} {conflict.record_id} "
                       f"{conflict.field}: agreed {json.dumps(conflict.base, ensure_ascii=False)}; {sides}")


@conflicts.command("resolve")
@click.argument("conflict_id", type=int)
@click.option("--value", "value_json", required=True, help='The value chosen, as JSON: "\\"0812...\\"", 3, true.')
@click.option("--reason", required=True, help="Why: it goes to every laptop with the decision.")
@click.option("--user", default="operator", show_default=True, help="Who decided, for the audit log.")
@data_dir_option
@pass_hub
def conflicts_resolve(hub, conflict_id, value_json, reason, user):
    """Decide a conflict; the decision reaches every laptop holding the record at its next sync.

    Example: sws-hub conflicts resolve 7 --value '"081234500002"' --reason "Confirmed by phone call"
    """
    from hub_server.services import conflicts as queue

    try:
        value = json.loads(value_json)
    except json.JSONDecodeError as error:
        raise click.BadParameter(f"not JSON: {error}", param_hint="--value") from None
    with hub.uow(immediate=True) as uow:
        conflict = queue.resolve(uow, conflict_id, value, user=user, reason=reason)
        click.echo(f"conflict #{conflict.id} resolved: {conflict.field} = {json.dumps(value, ensure_ascii=False)}")
