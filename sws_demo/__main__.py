"""`make demo`: generate a demo district and say what was made."""

from pathlib import Path

import click


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to keep the demo's files (default: ./demo-data).")
@click.option("--people", type=int, default=20_000, show_default=True)
def main(data_dir, people):
    """Run the demo district on this machine."""
    from hub_server.generator import generate_district

    data_dir = data_dir or Path("demo-data")
    data_dir.mkdir(parents=True, exist_ok=True)
    summary = generate_district(data_dir / "district", people=people, regency="35.07", seed=1, fault_rate=0.02)
    click.echo(summary.describe())


if __name__ == "__main__":
    main()
