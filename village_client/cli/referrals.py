"""`sws-village referral`: the village secretary refers a person or a household met at the SWS desk to a service."""

import click

from schemas.choices import choice_label
from schemas.display import value_text
from village_client import referrals
from village_client.cli.support import OFFICER, fail_on_known_errors, field_values, logged_in, pass_env
from village_client.messages import text


@click.group("referral")
def referral_command():
    """Referrals from the SWS desk to a service of the district's directory, and their answers."""


@referral_command.command("make")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def make(env, username, fields):
    """Refer a person (nik=) or a household (kk_number=) to a service: subject_name, nik or kk_number,
    village_code, service_code (a code of `sws-village services`), text (the reason). The answer arrives
    at the next sync (`sws-village referral list`).

    Example: sws-village referral make --officer siti subject_name="Rina Marlina" nik=3507015505900003
    village_code=35.07.01.2001 service_code=PKM-KEPANJEN text="Batuk lama, belum pernah periksa"
    """
    with fail_on_known_errors(env), env["open"]() as store:
        case_id, referral_id = referrals.refer(store, logged_in(env, store, username), field_values(fields))
    click.echo(f"referral {referral_id} (case {case_id}) saved; it waits for its answer")


@referral_command.command("list")
@OFFICER
@pass_env
def referral_list(env, username):
    """The referrals made at the SWS desk, newest first, with the service's answer once it has come.

    Example: sws-village referral list --officer siti
    """
    with fail_on_known_errors(env), env["open"]() as store:
        found = referrals.referrals(store, logged_in(env, store, username))
    for row in found:
        click.echo(referral_line(row, env["lang"]))
    click.echo(f"{len(found)} referrals")


def referral_line(row: dict, lang: str) -> str:
    """One referral as a line: when, who (NIK or family card), to which service, why, and the answer."""
    case, referral = row["case"], row["referral"]
    subject = f"NIK {case['nik']}" if case.get("nik") else f"KK {case.get('kk_number') or '-'}"
    answer = text("case.waiting", lang)
    if row["answer"]:
        answered = value_text("case_event", "date", row["answered_on"], lang)
        answer = f"{choice_label('referral_answer', row['answer'], lang)} {answered}"
        answer += f" — {row['answer_text']}" if row.get("answer_text") else ""
    return (f"{value_text('case', 'opened_on', case['opened_on'], lang)}  {case['subject_name']} ({subject})  "
            f"→ {row['service']}  «{referral.get('text') or ''}»  {answer}")
