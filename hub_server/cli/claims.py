"""`sws-hub claims`: claims passed to the agency as a file, and the agency's answers read back (docs/payments.md)."""

from pathlib import Path

import click

from hub_server.cli.common import CONTEXT, cli_language, data_dir_option, pass_hub
from hub_server.services.actors import operator


@click.group("claims", context_settings=CONTEXT)
def claims_group():
    """Claims facilitated by the SWS: export to the agency, outcomes (docs/payments.md, "Claims")."""


@claims_group.command("export")
@click.option("--programme", required=True, help="The programme whose claims are passed (ASKESOS, BPJS-PBI...).")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The CSV file to write (layout in docs/payments.md).")
@click.option("--reason", required=True, help="Why the claims are passed, for the audit log.")
@data_dir_option
@pass_hub
def export_command(hub, programme, out, reason):
    """Write the programme's claims not yet passed to the agency as CSV, and mark them passed (each claim's
    step reaches its village's laptops; the export is in the audit log with who and why).

    Example: sws-hub claims export --programme ASKESOS --out /tmp/claims-askesos.csv --reason "BPJS TK Malang"
    """
    from hub_server.messages import text
    from hub_server.services import claim_exports

    if not out.parent.is_dir():
        raise click.BadParameter(f"{out.parent} is not a folder", param_hint="--out")
    lang = cli_language()
    with hub.uow(immediate=True) as uow:  # a refused export is reported by the sws-hub group
        count = claim_exports.export(uow, operator(), programme, out, reason=reason, lang=lang)
        held = claim_exports.held_back(uow.session, operator(), programme)
    click.echo(text("claims.exported", lang, out=out, count=count, programme=programme.upper()))
    if held:
        click.echo(text("claims.held_back", lang, count=held))


@claims_group.command("outcome")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_dir_option
@pass_hub
def outcome_command(hub, file):
    """Record the agency's answers (paid with amount and day, refused with a reason) from a CSV file. The
    file is checked whole: a bad row is reported by line, field and rule and nothing is saved; a row
    the claim holds already changes nothing, so reading the same file again changes nothing.

    Example: sws-hub claims outcome /tmp/claims-askesos-outcome.csv
    """
    from hub_server.messages import text
    from hub_server.services import claim_exports

    lang = cli_language()
    with hub.uow(immediate=True) as uow:
        counts = claim_exports.read_outcomes(uow, operator(), file.read_text(encoding="utf-8"), file_name=file.name,
                                             lang=lang)
    click.echo(text("claims.outcomes_read", lang, file=file.name, **counts))
