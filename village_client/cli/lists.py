"""`sws-village` commands for pre-identified beneficiary lists: read them, correct them, apply from them.

The lists come from the hub through sync; reading them needs no officer. A community correction
(decided in the village meeting, musyawarah desa) and an application are records: they are made
by an officer and validated exactly as the forms do.
"""

import click

from schemas.display import date_text
from village_client import hub_word, lists, records
from village_client.cli.support import OFFICER, fail_on_known_errors, field_values, logged_in, pass_env
from village_client.errors import Refused, UsageRefused
from village_client.messages import text

CORRECTION_FIELDS = ("programme_code", "nik", "decision", "reason", "meeting_date", "list_version", "village_code")


def describe_list(held: dict, lang: str) -> str:
    """One line for a held list: programme, village, version, date, members, changes, staleness."""
    line = (f"{held['programme_code']}  {held['village_code']}  version {held['version']}  "
            f"{date_text(held['list_date'])}  {held['count']} listed  +{len(held['added'])} new  "
            f"-{len(held['removed'])} removed")
    return f"{line}  STALE: {text('list.stale', lang)}" if held["stale"] else line


@click.command("lists")
@pass_env
def lists_command(env):
    """Show the beneficiary lists held, one line each.

    Example: sws-village lists
    """
    with fail_on_known_errors(env), env["open"]() as store:
        held = lists.lists_held(store.db)
    for row in held:
        click.echo(describe_list(row, env["lang"]))
    if not held:
        click.echo(text("list.none", env["lang"]))


@click.command("list")
@click.argument("programme_code", metavar="PROGRAMME")
@click.option("--village", "village_code", default=None, help="Only this village's list (sub-district laptops).")
@pass_env
def list_command(env, programme_code, village_code):
    """Show the members of a programme's list: NIK, name, reasons, application status, what changed.

    Example: sws-village list PKH
    """
    lang = env["lang"]
    with fail_on_known_errors(env), env["open"]() as store:
        held = [row for row in lists.lists_held(store.db, programme_code)
                if village_code in (None, row["village_code"])]
        shown = [(row, lists.members(store.db, row)) for row in held]
        if not shown:
            raise Refused("no_list", 404, programme=programme_code)
    for row, members in shown:
        click.echo(describe_list(row, lang))
        names = lists.reason_labels(row["programme"], lang)
        for member in members:
            click.echo("  " + _member_line(member, names, lang))
        for gone in row["removed"]:
            reason = gone.get("reason")
            why = f" ({hub_word.left_because(reason, lang)})" if reason else ""
            click.echo(f"  {gone['nik']}  {gone['name'] or '-'}  [{text('list.removed_badge', lang)}]{why}")


def _member_line(member: dict, names: dict, lang: str) -> str:
    application = member["application"] or {}
    status = application.get("status") or "pre_identified"
    marks = [text(key, lang) for key, on in (("list.new", member["new"]), ("list.changed", member["changed"]),
                                             ("hub.awaiting_verification", member["status"] == "awaiting"),
                                             ("hub.proposed", member["status"] == "proposed")) if on]
    reasons = ", ".join(names.get(reason, reason) for reason in member["reasons"]) or "-"
    parts = [member["nik"], member["name"] or "-", reasons, status]
    if application.get("status") == "rejected" and application.get("justification"):
        parts.append(application["justification"])
    return "  ".join(parts) + "".join(f"  [{mark}]" for mark in marks)


@click.group()
def correction():
    """Community corrections of the lists (village meeting, musyawarah desa)."""


@correction.command("add")
@OFFICER
@click.argument("fields", nargs=-1, metavar="FIELD=VALUE...")
@pass_env
def correction_add(env, username, fields):
    """Record a community correction: include someone the list lacks, or exclude someone on it.

    Example: sws-village correction add --officer siti programme_code=PKH nik=3507015505900001 decision=include
    reason="Suami meninggal Januari 2026, tanpa penghasilan" meeting_date=2026-03-04
    """
    with fail_on_known_errors(env), env["open"]() as store:
        values = field_values(fields)
        unknown = sorted(set(values) - set(CORRECTION_FIELDS))
        if unknown:
            raise UsageRefused("unknown_fields", fields=", ".join(unknown), known=", ".join(CORRECTION_FIELDS))
        officer = logged_in(env, store, username)
        correction_id = records.correct_list(
            store, officer, values.get("programme_code"), values.get("nik"), values.get("decision"),
            values.get("reason"), values.get("meeting_date"), values.get("list_version"),
            village_code=values.get("village_code"))
    click.echo(f"correction {correction_id} recorded")


@click.command("apply")
@OFFICER
@click.argument("programme_code", metavar="PROGRAMME")
@click.argument("nik")
@click.option("--village", "village_code", default=None, help="The person's village, when the NIK is on no list.")
@pass_env
def apply_command(env, username, programme_code, nik, village_code):
    """Apply for a programme for a person on its list (or any NIK), by NIK.

    Example: sws-village apply --officer siti PKH 3507015505900001
    """
    with fail_on_known_errors(env), env["open"]() as store:
        officer = logged_in(env, store, username)
        application_id = records.apply_for_programme(store, officer, None, programme_code, nik=nik,
                                                     village_code=village_code)
    click.echo(f"application {application_id} recorded (applied)")
