"""`sws-hub applications` and `sws-hub decide`: the application queue from the server's command line.

The same service as the admin UI's /applications page: a decision is a hub edit of the village's
record, so the village sees it at its next sync.
"""


import click

from hub_server.cli.common import data_dir_option, pass_hub
from hub_server.services.actors import operator
from schemas.local_time import today_in


@click.command("applications")
@click.option("--status", type=click.Choice(["pre_identified", "applied", "approved", "rejected"]))
@click.option("--programme", help="Only this programme's applications.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@data_dir_option
@pass_hub
def applications_command(hub, status, programme, limit):
    """List applications (newest first) with the rule's verdict and any community correction.

    Example: sws-hub applications --status applied --programme PKH
    """
    from hub_server.services import applications

    with hub.uow() as uow:
        for row in applications.queue(uow.session, status=status, programme_code=programme, limit=limit):
            listed = "pre-identified" if row["pre_identified"] else "not on the list"
            correction = f"  meeting: {row['correction']['decision']}" if row["correction"] else ""
            problem = f"  cannot count: {row['problem']}" if row["problem"] else ""
            click.echo(f"{row['record_id']}  {row['programme_code']:<10} {row['nik'] or '-':<16} {row['status']:<9} "
                       f"{listed}{correction}{problem}")


@click.command("decide")
@click.argument("record_id")
@click.argument("status", type=click.Choice(["approved", "rejected"]))
@click.option("--justification", help="Why it is rejected (required for a rejection, at least 10 characters).")
@data_dir_option
@pass_hub
def decide_command(hub, record_id, status, justification):
    """Approve or reject an application; the village hears at its next sync.

    Example: sws-hub decide k3m7x2p4qa-12 rejected --justification "Desil 7 menurut DTSEN 2025"
    """
    from hub_server.services import applications

    with hub.uow(immediate=True) as uow:  # a refusal is reported by the sws-hub group, naming the field
        applications.decide(uow, record_id, status, justification, user=operator().name,
                            today=today_in(hub.config["DISPLAY_TIMEZONE"]))
    click.echo(f"application {record_id}: {status}")


COMMANDS = (applications_command, decide_command)
