"""`sws-hub`: the district hub's command line.

Each command opens what it needs, calls one library function and reports the result; known
errors become a one-line message and a non-zero exit status. The data folder comes from
`--data-dir` (before or after the command name), else SWS_HUB_DATA_DIR, else ./hub-data.
"""

from pathlib import Path

import click

from hub_server.cli.admin import device_token, devices, user
from hub_server.cli.applications import applications_command, decide_command
from hub_server.cli.claims import claims_group
from hub_server.cli.common import CONTEXT, HubGroup, data_dir_option
from hub_server.cli.directory import directory_group
from hub_server.cli.exports import export_command
from hub_server.cli.payments import payments_group
from hub_server.cli.population import catalogue_group, import_extract, inconsistencies, lists_command, match
from hub_server.cli.reports import report_group
from hub_server.cli.residents import COMMANDS as RESIDENT_COMMANDS
from hub_server.cli.setup import db, init, serve
from hub_server.cli.sync import conflicts, import_bundle


@click.group(cls=HubGroup, context_settings=CONTEXT)
@data_dir_option
def main():
    """District hub of SWS Sync.

    Typical first day on a new server:

    \b
      sws-hub --data-dir /srv/sws-hub init --admin siti   # key pair, database, first admin
      sws-hub --data-dir /srv/sws-hub serve --host 0.0.0.0 --port 8080
      sws-hub --data-dir /srv/sws-hub device-token --scope 35.07.01.2001 --label "Desa Tulungrejo"
      sws-hub generate --people 20000 --out district/   # a synthetic district to try things on
    """


@main.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the district's CSV extracts and ground truth into.")
@click.option("--people", type=click.IntRange(1, 3_000_000), default=20_000, show_default=True,
              help="How many people to generate (Kabupaten Malang has about 2.7 million).")
@click.option("--regency", default="35.07", show_default=True,
              help="Kemendagri code of the regency whose real sub-districts and villages are used.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same district.")
@click.option("--fault-rate", type=click.FloatRange(0, 0.5), default=0.02, show_default=True,
              help="Share of source-extract records deliberately made wrong (listed in faults.csv).")
def generate(out_dir, people, regency, seed, fault_rate):
    """Generate a synthetic district: people, households and source extracts.

    Example: sws-hub generate --out /tmp/malang --people 100000 --seed 7
    """
    from hub_server.generator import generate_district

    try:
        summary = generate_district(out_dir, people=people, regency=regency, seed=seed, fault_rate=fault_rate)
    except ValueError as error:  # an unknown regency code, or a size or rate out of range
        raise click.ClickException(str(error)) from None
    click.echo(summary.describe())


for _command in (init, serve, db, device_token, devices, user, import_bundle, conflicts, import_extract,
                 inconsistencies, catalogue_group, match, lists_command, applications_command, decide_command,
                 report_group, directory_group, export_command, payments_group, claims_group, *RESIDENT_COMMANDS):
    main.add_command(_command)
