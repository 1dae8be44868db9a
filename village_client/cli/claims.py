"""`sws-village claim`: a member's claim recorded offline, and the claims followed to paid or refused
(docs/payments.md, "Claims")."""

import click

from schemas.choices import choice_label
from schemas.display import value_text
from village_client import claims
from village_client.cli.support import OFFICER, fail_on_known_errors, field_values, logged_in, pass_env
from village_client.messages import text


@click.group("claim")
def claim_command():
    """Claims facilitated by the SWS: work injury, death, hospital bill."""


@claim_command.command("record")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def claim_record(env, username, fields):
    """Record a member's claim (nik=, programme_code=, claim_kind=, happened_on=, documents_present=ktp,kk...);
    the card is the membership's unless card_number= is given.

    Example: sws-village claim record --officer siti nik=3507015505900001 programme_code=ASKESOS
    claim_kind=work_injury happened_on=2026-03-01 documents_present=bpjs_card,ktp,medical_letter
    """
    with fail_on_known_errors(env), env["open"]() as store:
        claim_id = claims.record_claim(store, logged_in(env, store, username), field_values(fields))
        _, state = claims.claim(store, claim_id)
    missing = _documents(state.missing_documents, env["lang"])
    click.echo(f"claim {claim_id} recorded" + (f"; {text('claims.missing', env['lang'])}: {missing}" if missing
                                                else ""))


def _documents(codes, lang: str) -> str:
    """Documents by their names in the officer's language, the checklist's codes in brackets (a document a newer
    hub's catalogue names and this laptop does not know: its code alone, as `value_text` gives it)."""
    names = [value_text("claim", "documents_present", [code], lang) for code in codes]
    return ", ".join(code if name == code else f"{name} ({code})" for name, code in zip(names, codes, strict=True))


def _outcome(state, lang: str) -> str:
    """What the hub answered: the amount and day paid, the reason refused, or the day passed."""
    if state.status == "paid":
        return f"Rp{state.amount_paid:,} {value_text('claim_event', 'paid_on', state.paid_on, lang)}".replace(",", ".")
    if state.status == "refused":
        return (f"{choice_label('claim_refusal_reason', state.refusal_reason, lang)} "
                f"{value_text('claim_event', 'date', state.refused_on, lang)}")
    return value_text("claim_event", "date", state.passed_on, lang) if state.passed_on else ""


@claim_command.command("list")
@pass_env
def claim_list(env):
    """The claims held, newest first: the member, programme, kind, status and what the hub answered.

    Example: sws-village claim list
    """
    lang = env["lang"]
    with fail_on_known_errors(env), env["open"]() as store:
        found = claims.claims(store)
    for item in found:
        claim, state = item["claim"], item["state"]
        missing = (f"  {text('claims.missing', lang)}: {_documents(state.missing_documents, lang)}"
                   if state.missing_documents else "")
        click.echo(f"{claim['id']}  {claim.get('name')} ({claim['nik']})  {item['programme_name'] or ''} "
                   f"({claim['programme_code']})  {choice_label('claim_kind', claim['claim_kind'], lang)}  "
                   f"{value_text('claim', 'recorded_on', claim['recorded_on'], lang)}  "
                   f"{choice_label('claim_status', state.status, lang)}  {_outcome(state, lang)}{missing}".rstrip())
    click.echo(f"{len(found)} claim" + ("" if len(found) == 1 else "s"))
