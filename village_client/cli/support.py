"""What every `sws-village` command shares: the officer's login, refusals, summaries.

Every refusal of a command goes one way: an error of `village_client.errors.KNOWN` (the laptop's
own, a sync's or the protocol's) raised inside `fail_on_known_errors` is printed by
`village_client.errors.cli_text` in the laptop's language (setting `language`: Bahasa Indonesia
unless `en`), with its code in brackets, and the command exits with status 1 (2 for a command line
written wrongly, as click's own usage errors).
"""

import contextlib
import importlib
import os

import click

from village_client.errors import KNOWN, UsageRefused, cli_text, database_errors, storage_failure
from village_client.messages import text

pass_env = click.pass_obj
OFFICER = click.option("--officer", "username", envvar="SWS_VILLAGE_OFFICER", required=True,
                       help="User name of the officer doing the work [env SWS_VILLAGE_OFFICER].")


class SpeakingGroup(click.Group):
    """The command group: a disk that refuses (full, read-only, unreadable), in any command or while the
    database opens, is told as a coded message in the laptop's language, never as a traceback.

    `lazy` names commands by "module:attribute" inside `village_client.cli`, imported on first use."""

    def __init__(self, *args, lazy: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def list_commands(self, ctx):
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx, name):
        if name in self.lazy and name not in self.commands:
            module, attribute = self.lazy[name].split(":")
            self.add_command(getattr(importlib.import_module(f"village_client.cli.{module}"), attribute), name)
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (*database_errors(), OSError) as exc:
            env = ctx.obj or {}
            failure = storage_failure(exc, env.get("data_dir"))
            if failure is None:
                raise
            raise click.ClickException(cli_text(failure, env.get("lang", "id"))) from None


@contextlib.contextmanager
def fail_on_known_errors(env):
    """Turn the errors an officer can act on into a message in their language and a non-zero exit status."""
    try:
        yield
    except KNOWN as error:
        if isinstance(error, UsageRefused):
            raise click.UsageError(cli_text(error, env["lang"]), click.get_current_context(silent=True)) from None
        raise click.ClickException(cli_text(error, env["lang"])) from None


def logged_in(env, store, username: str):
    """The officer, after checking their PIN (from SWS_VILLAGE_PIN, or asked without echo)."""
    from village_client.officers import authenticate  # brings the record schemas: only where an officer acts

    return authenticate(store, username, typed_pin(env))


def typed_pin(env) -> str:
    """The officer's PIN, asked once per command (it may open a protected laptop's data, then log in)."""
    if not env.get("pin"):
        env["pin"] = os.environ.get("SWS_VILLAGE_PIN") or click.prompt("PIN", hide_input=True)
    return env["pin"]


def unlock_for_command(env, data_dir) -> None:
    """Open a protected laptop's data (`village_client.at_rest`) with an officer's PIN: the command's `--officer`,
    else SWS_VILLAGE_OFFICER, else asked; the PIN from SWS_VILLAGE_PIN, else asked. Called when a command
    first needs the data."""
    from village_client import at_rest

    username = _acting_officer() or os.environ.get("SWS_VILLAGE_OFFICER") or click.prompt("Officer")
    at_rest.unlock(data_dir, username, typed_pin(env))


def _acting_officer() -> str | None:
    """The `--officer` the running command was given, if it takes one."""
    context = click.get_current_context(silent=True)
    if context is None:
        return None
    option = next((param for param in context.command.params if "--officer" in getattr(param, "opts", ())), None)
    return context.params.get(option.name) if option else None


def warn_shared_niks(env, store, person_ids) -> None:
    """A line on stderr for each other person on this laptop holding the NIK of one just saved (saved anyway)."""
    from village_client.duplicates import warnings

    for warning in warnings(store.db, person_ids, env["lang"]):
        click.echo(warning, err=True)


def field_values(pairs) -> dict:
    """`name=value` arguments as a dict. Raises UsageRefused(field_value) for an argument without `=`."""
    values = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise UsageRefused("field_value", pair=pair)
        values[name.strip()] = value
    return values


def print_summary(totals: dict, lang: str) -> None:
    """The sync summary line for `totals` (a count it lacks reads 0)."""
    from village_client.sync.engine import SyncSummary  # on use: the sync code is not needed to start a command

    click.echo(SyncSummary.of(totals).describe(lang))


TROUBLE_KEYS = {"revoked": "trouble.revoked", "fork": "trouble.fork", "stale": "trouble.stale",
                "never": "trouble.never"}


def describe_status(env, check_hub: bool) -> str:
    from village_client.device import status, trouble

    with env["open"]() as store:
        state, problems = status(store), trouble(store, env["settings"]["stale_days"])
    lines = [f"device: {state['device_id']} {state['label']}",
             f"hub: {state['hub_url'] or '-'} ({'enrolled' if state['enrolled'] else 'not enrolled'})",
             f"scope: {', '.join(state['scope']) or '-'}",
             f"pending change-sets: {state['pending']}",
             f"last successful sync: {_local(state['last_success_at'], state['scope']) or 'never'}"
             f"{' (USB)' if state['last_sync_via'] == 'usb' else ''}",
             f"last error: {state['last_error_code'] or '-'} {state['last_error'] or ''}".rstrip(),
             f"open conflicts: {state['open_conflicts']}, refusals: {state['refusals']}"]
    lines += [f"attention: {text(TROUBLE_KEYS[code], env['lang'], **params)}" for code, params in problems]
    if check_hub and state["hub_url"]:
        lines.append(f"hub reachable: {'yes' if hub_answers(state['hub_url'], env['settings']) else 'no'}")
    return "\n".join(lines)


def _local(moment, scope) -> str:
    """A stored UTC time in the village's zone (from its province): 23-11-2026 15:30 WIB; "" when missing."""
    from schemas.local_time import local_time, zone_name

    return local_time(moment, zone_name(scope[0] if scope else "")) if moment else ""


def hub_answers(hub_url: str, settings) -> bool:
    """True when the hub answers HTTP at all (any status): the link works."""
    import requests

    from village_client.sync.http import hub_session
    from village_client.sync.transport import PlainHttpRefused

    try:
        hub_session(hub_url, settings).head(hub_url, timeout=(settings["connect_timeout"], settings["connect_timeout"]))
    except (requests.RequestException, PlainHttpRefused):
        return False
    return True
