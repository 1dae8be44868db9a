"""`sws-hub payments`: payment files imported, and contributions and benefits reconciled (docs/payments.md)."""

from pathlib import Path

import click

from hub_server.cli.common import CONTEXT, cli_language, data_dir_option, pass_hub
from hub_server.services.actors import operator

KINDS = {"contributions": "contribution", "benefits": "benefit"}


@click.group("payments", context_settings=CONTEXT)
def payments_group():
    """Contribution and benefit payment files (docs/payments.md)."""


@payments_group.command("enrol")
@click.argument("application_id")
@click.option("--number", required=True, help="The card (membership) number: 1-32 letters, digits, '.', '/' or '-'.")
@click.option("--start", required=True, help="The first day of the membership, YYYY-MM-DD.")
@click.option("--end", default="", help="The last day, YYYY-MM-DD (empty: open-ended).")
@click.option("--payer", default="", help="self, state, district or province: one the programme allows (default: "
                                          "its first).")
@data_dir_option
@pass_hub
def enrol_command(hub, application_id, number, start, end, payer):
    """Enrol an approved application: its membership with the card number, the dates and who pays, the class and
    monthly contribution from the catalogue (as the Memberships page does). A refused enrolment names each field
    and saves nothing.

    Example: sws-hub payments enrol k3m7x2p4qa-12 --number 0001234567890 --start 2026-03-01
    """
    from hub_server.messages import text
    from hub_server.services import memberships

    form = memberships.Enrolment(number=number, start=start, end=end, payer=payer)
    with hub.uow(immediate=True) as uow:  # a refusal is reported by the sws-hub group, naming each field
        member = memberships.enrol(uow, application_id, form, user=operator().name)
        click.echo(text("member.enrolled", cli_language(), name=memberships.member_name(uow.session, member),
                        programme=member.programme_code, number=member.number))


@payments_group.command("import")
@click.option("--kind", type=click.Choice(list(KINDS)), required=True,
              help="contributions: contributions paid (BPJS, banks); benefits: benefit disbursements.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show", type=click.IntRange(0, 100_000), default=50, show_default=True,
              help="How many bad rows and findings to print.")
@data_dir_option
@pass_hub
def import_command(hub, kind, file, show):
    """Import a payment file: bad rows are reported by line, field and rule, the rest loads; a payment
    already held (same reference) is never loaded twice.

    Example: sws-hub payments import --kind contributions /tmp/contributions-2026-03.csv
    """
    from hub_server.messages import text
    from hub_server.services import payment_import

    lang = cli_language()
    with hub.uow(immediate=True) as uow:  # a refused file is reported by the sws-hub group
        batch = payment_import.import_file(uow, KINDS[kind], file, actor=operator().name)
        found = payment_import.findings(uow.session, batch.id, limit=show)
        click.echo(text("pay.imported", lang, file=file.name, read=batch.rows_read, loaded=batch.rows_loaded,
                        unchanged=batch.unchanged, failed=batch.rows_failed))
        for finding in found:
            click.echo(f"  {payment_import.describe(finding, lang)}")


@payments_group.command("reconcile")
@click.option("--month", required=True, help="The month, YYYY-MM.")
@click.option("--programme", help="Only this programme's members.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every member's line as CSV to this file (docs/payments.md).")
@data_dir_option
@pass_hub
def reconcile_command(hub, month, programme, output):
    """Reconcile a month: due against paid per programme and payer, members in arrears and benefits expected
    and not paid counted; every member's line to a CSV file with --output.

    Example: sws-hub payments reconcile --month 2026-03 --output /tmp/reconciliation-2026-03.csv
    """
    from hub_server.messages import text
    from hub_server.services import reconciliation

    lang = cli_language()
    with hub.uow() as uow:  # a wrong month is reported by the sws-hub group, naming the field
        first, code = reconciliation.month_of(month), programme.upper() if programme else None
        totals = reconciliation.month_totals(uow.session, first, programme_code=code)
        found = reconciliation.lines(uow.session, first, programme_code=code) if output is not None else []
    for row in totals:
        click.echo(text("recon.line", lang, programme=row["programme_code"], payer=text(f"payer.{row['payer']}", lang),
                        kind=text(f"recon.kind.{row['kind']}", lang), members=row["members"], due=row["due"],
                        paid=row["paid"], flagged=row["flagged"], arrears=row["arrears"]))
    if output is not None:
        output.write_text(reconciliation.csv_text(found, first), encoding="utf-8")
        click.echo(f"{output}: {len(found)} rows, csv")
