"""`sws-hub residents`, `verify` and `find`: residents villages registered, and finding anyone by name or NIK.

The same services as the admin UI's verification worklist and call centre (`services.verification`,
`services.identity`); a refusal is reported by the sws-hub group, naming the field and the rule.
"""

import click
from sqlalchemy import select

from hub_server.cli.common import data_dir_option, pass_hub
from hub_server.errors import HubError
from hub_server.models.population import Person
from hub_server.services import identity, regions, verification
from hub_server.services.actors import operator


class PersonNotFound(HubError):
    status, code = 404, "person_not_found"


def _line(person: Person) -> str:
    village = f"{regions.name(person.village_code or '') or '?'} ({person.village_code or '-'})"
    born = person.birth_date.strftime("%d-%m-%Y") if person.birth_date else "-"
    nik = person.nik or f"({person.nik_status or 'newborn'}, no NIK yet)"  # a newborn the village registered
    return f"{nik:<16}  {person.name:<28} {born}  {village:<36} {person.verification}"


@click.command("residents")
@click.option("--status", type=click.Choice(verification.STATUSES), default="awaiting", show_default=True)
@click.option("--area", help="Only this region code (a sub-district or a village).")
@click.option("--page", type=click.IntRange(1), default=1, show_default=True)
@data_dir_option
@pass_hub
def residents_command(hub, status, area, page):
    """List residents villages registered whom no extract holds, by verification status.

    Example: sws-hub residents --status awaiting --area 35.07.01
    """
    with hub.uow() as uow:
        found = verification.worklist(uow.session, status=status, area=area, page=page, per_page=50)
        counts = verification.counts(uow.session, area)
        for person in found.items:
            by = f"{person.registered_officer or '-'}@{person.registered_device or '-'}"
            click.echo(f"{_line(person)}  registered by {by}")
    click.echo("  " + ", ".join(f"{name}: {count}" for name, count in counts.items())
               + f"  (page {found.page} of {found.pages})")


def _person(session, nik: str) -> Person:
    person = session.execute(select(Person).where(Person.nik == identity.normalized_nik(nik))).scalar()
    if person is None:
        raise PersonNotFound(nik=nik)
    return person


@click.command("verify")
@click.argument("nik")
@click.option("--confirm", "decision", flag_value="confirm", help="Confirm from the documents seen.")
@click.option("--refuse", "decision", flag_value="refuse", help="Refuse the registration.")
@click.option("--documents", default="", help="Documents seen, comma separated: kk, ktp, birth_certificate...")
@click.option("--reason", default="", help="Why the documents confirm them (at least 10 characters).")
@click.option("--justification", default="", help="Why it is refused (at least 10 characters); the village reads it.")
@data_dir_option
@pass_hub
def verify_command(hub, nik, decision, documents, reason, justification):
    """Confirm a resident a village registered, or refuse the registration with a justification.

    Example: sws-hub verify 3507010201800001 --confirm --documents kk,ktp --reason "KK asli dilihat di desa"
    """
    if decision is None:
        raise click.UsageError("say --confirm or --refuse")
    with hub.uow(immediate=True) as uow:
        person = _person(uow.session, nik)
        if decision == "confirm":
            verification.confirm(uow, person.id, user=operator().name,
                                 documents=[code.strip() for code in documents.split(",")], reason=reason)
        else:
            verification.refuse(uow, person.id, user=operator().name, justification=justification)
        click.echo(f"{person.nik} {person.name}: {person.verification}")


@click.command("find")
@click.argument("text")
@data_dir_option
@pass_hub
def find_command(hub, text):
    """Find people by NIK or by name (every word, any order), as the call centre does.

    Example: sws-hub find "budi santoso"
    """
    with hub.uow() as uow:
        found = identity.find_people(uow.session, text)
        for person in found:
            click.echo(_line(person))
    if not found:
        click.echo("no one found")


COMMANDS = (residents_command, verify_command, find_command)
