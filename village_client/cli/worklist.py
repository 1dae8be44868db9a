"""`sws-village worklist`: the sub-district's verification worklist and the outcomes of field checks."""

import click

from schemas.display import date_text
from schemas.region import region_name
from village_client import field_checks, worklist
from village_client.cli.support import OFFICER, fail_on_known_errors, logged_in, pass_env


@click.group("worklist")
def worklist_command():
    """The sub-district's verification worklist: inconsistencies between sources, residents awaiting verification."""


@worklist_command.command("list")
@click.option("--village", default=None, help="Only this village (its code).")
@click.option("--page", default=1, show_default=True, help="Page of 100 rows of each table.")
@pass_env
def worklist_list(env, village, page):
    """Open items per village, oldest first, with every source's value.

    Example: sws-village worklist list --village 35.07.01.2001
    """
    with fail_on_known_errors(env), env["open"]() as store:
        for row in worklist.counts(store.db):
            click.echo(f"{_village(row['village_code'])}: {row['inconsistencies']} inconsistencies, {row['residents']} "
                       f"residents awaiting verification, oldest since {date_text(row['oldest'])}")
        for item in worklist.open_inconsistencies(store.db, village, page=page)[:worklist.PAGE]:
            said = "; ".join(f"{side.get('source')}: {side.get('value')}" for side in item["sources"])
            click.echo(f"inconsistency {item['id']}  {item['nik']}  {item['name'] or '-'}  "
                       f"{worklist.kind_label(item['kind'], env['lang'])}  {said}")
        for person in worklist.awaiting_residents(store.db, village, page=page)[:worklist.PAGE]:
            click.echo(f"resident {person['id']}  {person['nik'] or '-'}  {person['name']}  "
                       f"{_village(person['village_code'])}")


def _village(code) -> str:
    """A village by name with its code beside it."""
    return f"{region_name(code or '') or '-'} ({code or '-'})"


@worklist_command.command("check")
@OFFICER
@click.option("--inconsistency", "inconsistency_id", default=None, help="The inconsistency's number.")
@click.option("--resident", "person_id", default=None, help="The registration (person record) checked.")
@click.option("--value", default=None, help="The right value (name, date of birth YYYY-MM-DD or sex L/P).")
@click.option("--outcome", type=click.Choice(["confirmed", "refused"]), default=None, help="For a resident.")
@click.option("--document", default=None, help="The document seen (kk, ktp, birth_certificate...).")
@click.option("--reason", required=True, help="What was found (at least 10 characters).")
@click.option("--date", "checked_on", default=None, help="Date of the check, YYYY-MM-DD (default today).")
@pass_env
def worklist_check(env, username, inconsistency_id, person_id, value, outcome, document, reason, checked_on):
    """Record the outcome of a field check; it goes to the hub at the next sync.

    Example: sws-village worklist check --officer kec.andi --inconsistency 1 --document kk --reason "KK asli dilihat"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        if inconsistency_id:
            record_id = field_checks.check_inconsistency(store, officer, inconsistency_id, value=value,
                                                         document=document, reason=reason, checked_on=checked_on)
        else:
            record_id = field_checks.check_resident(store, officer, person_id or "", outcome=outcome or "",
                                                    document=document, reason=reason, checked_on=checked_on)
    click.echo(f"field check {record_id} saved; it goes to the hub at the next sync")
