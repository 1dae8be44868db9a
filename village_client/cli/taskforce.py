"""`sws-village taskforce`: the village task force records outreach sessions and refers people to the LTSA."""

import click

from schemas.display import value_text
from schemas.messages import label
from village_client import taskforce
from village_client.cli.support import OFFICER, fail_on_known_errors, field_values, logged_in, pass_env


@click.group("taskforce")
def taskforce_command():
    """Village task force for migrant workers: outreach sessions and referrals to the LTSA."""


@taskforce_command.command("outreach")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def outreach(env, username, fields):
    """Record an outreach session: held_on, place, topic, men, women, niks (optional, comma-separated), notes.

    Example: sws-village taskforce outreach --officer siti village_code=35.07.01.2001 place="Balai desa"
    topic=safe_migration men=12 women=18 niks=3507015505900001
    """
    with fail_on_known_errors(env), env["open"]() as store:
        session_id = taskforce.record_outreach(store, logged_in(env, store, username), field_values(fields))
    click.echo(f"outreach session {session_id} recorded")


@taskforce_command.command("sessions")
@pass_env
def sessions(env):
    """The latest outreach sessions recorded in the village, newest first.

    Example: sws-village taskforce sessions
    """
    lang = env["lang"]
    with fail_on_known_errors(env), env["open"]() as store:
        found = taskforce.outreach_sessions(store)
    for row in found:
        click.echo(f"{value_text('outreach_session', 'held_on', row['held_on'], lang)}  {row['place']}  "
                   f"{value_text('outreach_session', 'topic', row['topic'], lang)}  "
                   f"{label('men', lang)} {row['men']}, {label('women', lang)} {row['women']}, NIK {len(row['niks'])}")
    click.echo(f"{len(found)} outreach session" + ("" if len(found) == 1 else "s"))


@taskforce_command.command("refer")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def refer(env, username, fields):
    """Refer a person to the LTSA (a case worker): subject_name, nik, village_code, service_code (the LTSA's code
    in the directory), summary, text. The LTSA's answer arrives at the next sync (`sws-village case show`).

    Example: sws-village taskforce refer --officer dewi subject_name="Rina Marlina" nik=3507015505900003
    village_code=35.07.01.2001 service_code=LTSA-MALANG text="Ingin bekerja ke Taiwan"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        case_id, referral_id = taskforce.refer_to_ltsa(store, logged_in(env, store, username), field_values(fields))
    click.echo(f"case {case_id} opened; referral {referral_id} to the LTSA waits for its answer")
