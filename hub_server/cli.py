"""`sws-hub`: the district hub's command line.

Each command opens what it needs, calls one library function and reports the result; known
errors become a one-line message and a non-zero exit status.
"""

from pathlib import Path

import click

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT)
def main():
    """District hub of SWS Sync.

    Typical first day on a new server:

    \b
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

    summary = generate_district(out_dir, people=people, regency=regency, seed=seed, fault_rate=fault_rate)
    click.echo(summary.describe())
