"""`sws-hub report monthly|finance`: the monthly monitoring and finance reports from the server's command line.

The same report definition and renderers as the admin UI's /reports page: HTML (a whole document
with its SVG charts), CSV (docs/reports.md) or PDF, to a file or to standard output.
"""

from pathlib import Path

import click

from hub_server.cli.common import CONTEXT, cli_language, data_dir_option, pass_hub


@click.group("report", context_settings=CONTEXT)
def report_group():
    """Reports of the hub: the monthly monitoring and finance reports (docs/reports.md)."""


def report_options(command):
    """The options every report takes: the area, the month, the format, the file and the language."""
    for option in reversed((
            click.option("--area", required=True, help="Kemendagri code of a village, a sub-district or the district."),
            click.option("--month", required=True, help="The month, YYYY-MM."),
            click.option("--format", "fmt", type=click.Choice(["html", "csv", "pdf"]), default="html",
                         show_default=True),
            click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
                         help="File to write; standard output when missing (not for pdf)."),
            click.option("--lang", type=click.Choice(["id", "en"]),
                         help="Language of the labels (default: from LANG, else id)."))):
        command = option(command)
    return command


@report_group.command("monthly")
@report_options
@data_dir_option
@pass_hub
def monthly_command(hub, area, month, fmt, output, lang):
    """Make the monthly monitoring report of a village, a sub-district or the district.

    Example: sws-hub report monthly --area 35.07.01 --month 2026-03 --format pdf --output /tmp/donomulyo-2026-03.pdf
    """
    from hub_server.services.reports import monthly

    _make(hub, monthly.build, area, month, fmt, output, lang)


@report_group.command("finance")
@report_options
@data_dir_option
@pass_hub
def finance_command(hub, area, month, fmt, output, lang):
    """Make the monthly finance report (to BPJS, and the use of funds) of a village, a sub-district or the district.

    Example: sws-hub report finance --area 35.07 --month 2026-03 --format csv --output /tmp/keuangan-2026-03.csv
    """
    from hub_server.services.reports import finance

    _make(hub, finance.build, area, month, fmt, output, lang)


def _make(hub, build, area: str, month: str, fmt: str, output: Path | None, lang: str | None) -> None:
    from hub_server.reports import render

    if fmt == "pdf" and output is None:
        raise click.UsageError("--format pdf needs --output FILE")
    lang = lang or cli_language()
    with hub.uow() as uow:  # an Invalid area or month is reported by the sws-hub group, naming the field
        report = build(uow.session, area, month, now=uow.now(), zone=hub.config["DISPLAY_TIMEZONE"])
    content = {"html": render.document, "csv": render.csv_text, "pdf": render.pdf}[fmt](report, lang)
    if output is None:
        click.echo(content, nl=False)
        return
    output.write_bytes(content) if fmt == "pdf" else output.write_text(content, encoding="utf-8")
    click.echo(f"{output}: {report.area.code} {report.area.name}, {report.period.month}, {fmt}")
