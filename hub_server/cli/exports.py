"""`sws-hub export`: exports to the agencies from the server's command line.

The same service as the admin UI's /exports page (docs/exports.md): the rows, recorded in the audit log
with who ran the command (`cli:<user>`) and the purpose given, written as CSV or XLSX.
"""

from pathlib import Path

import click

from hub_server.cli.common import CONTEXT, data_dir_option, pass_hub
from hub_server.services.actors import operator


@click.command("export", context_settings=CONTEXT)
@click.argument("kind", type=click.Choice(["beneficiaries", "applications", "dtsen"]))
@click.option("--area", required=True, help="Kemendagri code of a village, a sub-district or the district.")
@click.option("--programme", help="The programme's code (beneficiaries and applications).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option("--purpose", default="", help="For whom and why (required; recorded in the audit log).")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write; standard output when missing (not for xlsx).")
@data_dir_option
@pass_hub
def export_command(hub, kind, area, programme, fmt, purpose, output):
    """Export a programme's beneficiaries or applications, or the households villages propose for DTSEN.

    Example: sws-hub export beneficiaries --programme PKH --area 35.07.01 --purpose "BPJS: PBI" --output /tmp/pkh.csv
    """
    from hub_server.reports import tables
    from hub_server.services import exports

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs --output FILE")
    with hub.uow(immediate=True) as uow:  # a refusal is reported by the sws-hub group, naming the field
        made = exports.make(uow, operator(), kind=kind, area=area, programme_code=programme, fmt=fmt, purpose=purpose)
    content = tables.content(made)
    if output is None:
        click.echo(content.decode("utf-8").removeprefix(tables.BOM), nl=False)
        return
    output.write_bytes(content)
    click.echo(f"{output}: {made.kind}, {made.area}, {len(made.rows)} rows, {fmt}")
