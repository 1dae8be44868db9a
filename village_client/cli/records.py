"""`sws-village` commands that record work: households, people, complaints, CSV import.

Values are given as FIELD=VALUE arguments with the field names of the records (see
docs/cli_village.md); they are validated exactly as the forms are.
"""

from pathlib import Path

import click

from schemas.choices import values
from schemas.display import date_text
from village_client import complaints, moves, records
from village_client import residents as population
from village_client.cli.complaint_text import complaint_lines, programme_names
from village_client.cli.support import (
    OFFICER,
    fail_on_known_errors,
    field_values,
    logged_in,
    pass_env,
    warn_shared_niks,
)


def _members(texts) -> list:
    """--member "name=Budi;birth_date=1980-01-02;sex=M" as a dict per member."""
    return [field_values(part for part in member.split(";") if part.strip()) for member in texts]


@click.group()
def household():
    """Households and their members."""


@household.command("add")
@OFFICER
@click.option("--member", "members", multiple=True, required=True,
              help='A member as "field=value;field=value"; the first is the head. Repeat for each member.')
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def household_add(env, username, members, fields):
    """Register a household and its members in one change-set.

    Example: sws-village household add --officer siti kk_number=3507012301120003 village_code=35.07.01.2001
    address_rt=1 address_rw=2
    --member "name=Budi Santoso;birth_date=1980-01-02;sex=M;nik=3507010201800001;relationship=head"
    --member "name=Sri Wahyuni;birth_date=1992-03-12;sex=F;nik=3507015203920002;relationship=spouse"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        household_id, person_ids = records.register_household(store, officer, field_values(fields), _members(members))
        warn_shared_niks(env, store, person_ids)
    click.echo(f"household {household_id} registered with {len(person_ids)} members: {', '.join(person_ids)}")


@click.group()
def person():
    """People: register one, or correct their data."""


@person.command("add")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def person_add(env, username, fields):
    """Register one person (a newborn, someone moving in).

    Example: sws-village person add --officer bidan.rina name=Dewi birth_date=2025-06-01 sex=F nik_status=newborn
    village_code=35.07.01.2001 household_id=kzdvvj2umn-1 relationship=child
    """
    with fail_on_known_errors(env), env["open"]() as store:
        person_id = records.add_person(store, logged_in(env, store, username), field_values(fields))
        warn_shared_niks(env, store, [person_id])
    click.echo(f"person {person_id} registered")


@person.command("update")
@OFFICER
@click.argument("person_id")
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def person_update(env, username, person_id, fields):
    """Correct a person's fields (the values shown now are sent as what the officer saw).

    Example: sws-village person update --officer siti kzdvvj2umn-3 pregnant=yes phone=081234567890
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        seq = records.update_person(store, officer, person_id, field_values(fields), {})
        warn_shared_niks(env, store, [person_id] if seq else [])
    click.echo(f"person {person_id} updated (change-set {seq})" if seq else "nothing changed")


@household.command("new-card")
@OFFICER
@click.argument("household_id")
@click.argument("kk_number")
@click.option("--since", help="The date the new card was issued (YYYY-MM-DD).")
@click.option("--reason", type=click.Choice(values("kk_change_reason")), help="Why a new card was issued.")
@pass_env
def household_new_card(env, username, household_id, kk_number, since, reason):
    """Record a household's new family card; the household keeps its id and its card history.

    Example: sws-village household new-card --officer siti kzdvvj2umn-1 3507011006260004 --since 2026-06-10
    --reason marriage
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        seq = records.new_family_card(store, officer, household_id, kk_number, since, reason)
    click.echo(f"household {household_id}: family card {kk_number} (change-set {seq})")


@household.command("move")
@OFFICER
@click.argument("household_id")
@click.option("--on", "moved_on", required=True, help="The date of the move (YYYY-MM-DD).")
@click.option("--to-village", default="", help="The village of this district they moved to (its code).")
@click.option("--to", "moved_to", default="", help="Where they went, when outside the district.")
@click.option("--member", "members", multiple=True, help="A member who moved; default: every member living there.")
@pass_env
def household_move(env, username, household_id, moved_on, to_village, moved_to, members):
    """Record that a household, or some of its members, moved: to another village of the district (the
    records go to that village's laptops) or out of the district (the records stay here, archived).

    Example: sws-village household move --officer siti kzdvvj2umn-1 --member kzdvvj2umn-3
    --to "Kota Surabaya, Jawa Timur" --on 2026-02-01
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        seq = moves.move(store, officer, household_id, moved_on=moved_on, to_village=to_village, moved_to=moved_to,
                         member_ids=list(members) or None)
    click.echo(f"household {household_id}: move recorded (change-set {seq})")


@person.command("visit")
@OFFICER
@click.argument("person_id")
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def person_visit(env, username, person_id, fields):
    """Record a pregnant woman's antenatal visit (the midwife's: visit_date, pregnancy_week, muac_mm, notes).

    Example: sws-village person visit --officer bidan.rina kzdvvj2umn-3 visit_date=2026-03-10 pregnancy_week=20
    muac_mm=228
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        visit_id = records.record_health(store, officer, "antenatal_visit", person_id, field_values(fields))
    click.echo(f"visit {visit_id} recorded")


@person.command("growth")
@OFFICER
@click.argument("person_id")
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@click.option("--vaccine", "vaccines", multiple=True, type=click.Choice(values("vaccine")), help="A vaccine given.")
@pass_env
def person_growth(env, username, person_id, fields, vaccines):
    """Record a child's weight, length or height and the vaccines given (the midwife's: measured_on, weight_g,
    height_mm, notes).

    Example: sws-village person growth --officer bidan.rina kzdvvj2umn-4 measured_on=2026-03-12 weight_g=4200
    height_mm=540 --vaccine hb0 --vaccine bcg
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        given = {**field_values(fields), **({"vaccines": list(vaccines)} if vaccines else {})}
        record_id = records.record_health(store, officer, "child_health", person_id, given)
    click.echo(f"measurement {record_id} recorded")


@click.group()
def residents():
    """The district's residents of this laptop's area, as the hub sends them (read-only)."""


@residents.command("find")
@click.argument("text")
@pass_env
def residents_find(env, text):
    """Find residents by NIK (16 digits) or by name (every word, any order).

    Example: sws-village residents find "siti aminah"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        found, total = population.find(store.db, text)
    for row in found:
        born = date_text(row["birth_date"]) if row["birth_date"] else "-"
        click.echo(f"{row['nik']}  {row['name']:<28} {born}  KK {row['kk_number'] or '-'}  {row['village_code']}"
                   f"{'  (awaiting verification)' if row['verification'] == 'awaiting' else ''}")
    click.echo(f"{len(found)} of {total} shown" if total > len(found) else f"{total} found")


@residents.command("update")
@OFFICER
@click.argument("nik")
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def residents_update(env, username, nik, fields):
    """Update a resident the hub sent: this laptop's record of them (made from the hub's values if it holds
    none) takes the new values, and both go to the hub as ordinary change-sets.

    Example: sws-village residents update --officer siti 3507015505900001 phone=081234567891
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        person_id = population.adopt(store, officer, nik)
        seq = records.update_person(store, officer, person_id, field_values(fields), {}) if fields else None
    click.echo(f"resident {nik}: person {person_id}" + (f" updated (change-set {seq})" if seq else ""))


@click.group()
def complaint():
    """Complaints and appeals (the action form)."""


@complaint.command("add")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def complaint_add(env, username, fields):
    """Record a complaint with its first event.

    Example: sws-village complaint add --officer siti category=payment_delay programme_code=PKH
    complainant_name="Ani Lestari" description="PKH belum cair" village_code=35.07.01.2001 date_submitted=2025-11-20
    """
    with fail_on_known_errors(env), env["open"]() as store:
        complaint_id = complaints.record_complaint(store, logged_in(env, store, username), field_values(fields))
        reference = store.db["complaint"].get(complaint_id)["reference_number"]
    click.echo(f"complaint {complaint_id} recorded: {reference}")


@complaint.command("event")
@OFFICER
@click.argument("complaint_id")
@click.argument("kind", type=click.Choice(values("complaint_event_kind")))
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def complaint_event(env, username, complaint_id, kind, fields):
    """Add to a complaint's history: escalation, assignment, response, acknowledgement, status change, note,
    referral (of a sensitive case, to the protection unit: referred_to=uptd_ppa, p2tp2a or unit_ppa_polri).

    Example: sws-village complaint event --officer siti kzdvvj2umn-9 escalation escalation_level=sub_district
    text="Perlu verifikasi DTSEN di kecamatan"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        event_id = complaints.add_complaint_event(store, officer, complaint_id, {"kind": kind, **field_values(fields)})
        state = complaints.complaint_file(store, complaint_id, officer)["state"]
    click.echo(f"event {event_id} added; complaint {complaint_id} is {state.status} at {state.level}")


@complaint.command("show")
@OFFICER
@click.argument("complaint_id")
@pass_env
def complaint_show(env, username, complaint_id):
    """Show a complaint's form, its state (derived from its history) and the history.

    A sensitive case (violence against women and children, trafficking) is shown to the officer who recorded it
    only.

    Example: sws-village complaint show --officer siti kzdvvj2umn-9
    """
    with fail_on_known_errors(env), env["open"]() as store:
        found = complaints.complaint_file(store, complaint_id, logged_in(env, store, username))
        programmes = programme_names(store.db)
    for line in complaint_lines(found, env["lang"], programmes):
        click.echo(line)


@click.command("import-csv")
@OFFICER
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_env
def import_csv(env, username, file):
    """Load people from a CSV file; report each bad row (line, field, rule) and load the rest.

    Example: sws-village import-csv --officer kec.andi warga-sukamaju.csv
    """
    from village_client.csv_import import import_people, read_file

    with fail_on_known_errors(env), env["open"]() as store:
        report = import_people(store, logged_in(env, store, username), read_file(file), env["lang"])
    for error in report.errors:
        click.echo(f"line {error.line}: {error.field}: {error.message} [{error.rule}]", err=True)
    click.echo(f"{report.loaded} people loaded ({report.households} new households), {len(report.errors)} errors")
    if report.errors:
        raise SystemExit(1)
