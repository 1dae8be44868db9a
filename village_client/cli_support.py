"""What every `sws-village` command shares: the officer's login, error messages, summaries."""

import contextlib
import os

import click

from sync_protocol.errors import ProtocolError
from village_client.keys import KeyMissing
from village_client.messages import error_text, text
from village_client.officers import LoginFailed, authenticate
from village_client.outbox import AckMismatch
from village_client.records import InvalidRecord
from village_client.store import NotInitialised
from village_client.sync.transport import HubError, SyncError

pass_env = click.pass_obj
OFFICER = click.option("--officer", "username", envvar="SWS_VILLAGE_OFFICER", required=True,
                       help="User name of the officer doing the work [env SWS_VILLAGE_OFFICER].")


def invalid_lines(invalid: InvalidRecord, lang: str) -> str:
    return "\n".join(f"  {error.field}: {error.message(lang)} [{error.rule}]" for error in invalid.errors)


@contextlib.contextmanager
def fail_on_known_errors(env):
    """Turn the errors an officer can act on into a one-screen message and exit status 1."""
    lang = env["lang"]
    try:
        yield
    except InvalidRecord as invalid:
        raise click.ClickException(f"{text('code.invalid', lang)}\n{invalid_lines(invalid, lang)}") from None
    except NotInitialised:
        raise click.ClickException(f"no village database in {env['data_dir']}: run `sws-village init`") from None
    except KeyMissing as missing:
        raise click.ClickException(f"the device key {missing} is missing: restore it from the backup") from None
    except LoginFailed:
        raise click.ClickException(error_text("login_failed", lang)) from None
    except HubError as error:
        detail = f" ({error.message})" if error.message else ""
        raise click.ClickException(f"{error_text(error.code, lang, **error.fields())}{detail} [{error.code}]") from None
    except (SyncError, ProtocolError, AckMismatch) as error:
        code = getattr(error, "code", "sync_error")
        fields = error.fields() if hasattr(error, "fields") else {}
        raise click.ClickException(f"{error_text(code, lang, **fields)} [{code}: {error}]") from None


def logged_in(env, store, username: str):
    """The officer, after checking their PIN (from SWS_VILLAGE_PIN, or asked without echo)."""
    pin = os.environ.get("SWS_VILLAGE_PIN") or click.prompt("PIN", hide_input=True)
    return authenticate(store, username, pin)


def field_values(pairs) -> dict:
    """`name=value` arguments as a dict. Raises click.BadParameter for an argument without `=`."""
    values = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name:
            raise click.BadParameter(f"{pair!r}: write FIELD=VALUE", param_hint="FIELD=VALUE")
        values[name.strip()] = value
    return values


def print_summary(totals: dict, lang: str) -> None:
    click.echo(text("sync.summary", lang, sent=totals.get("sent", 0), **{
        name: totals.get(name, 0) for name in ("acknowledged", "received", "conflicts", "refused")}))


def describe_status(env, check_hub: bool) -> str:
    from village_client.device import status

    with env["open"]() as store:
        state = status(store)
    lines = [f"device: {state['device_id']} {state['label']}",
             f"hub: {state['hub_url'] or '-'} ({'enrolled' if state['enrolled'] else 'not enrolled'})",
             f"scope: {', '.join(state['scope']) or '-'}",
             f"pending change-sets: {state['pending']}",
             f"last successful sync: {state['last_success_at'] or 'never'}",
             f"last error: {state['last_error_code'] or '-'} {state['last_error'] or ''}".rstrip(),
             f"open conflicts: {state['open_conflicts']}, refusals: {state['refusals']}"]
    if check_hub and state["hub_url"]:
        lines.append(f"hub reachable: {'yes' if hub_answers(state['hub_url'], env['settings']) else 'no'}")
    return "\n".join(lines)


def hub_answers(hub_url: str, settings) -> bool:
    """True when the hub answers HTTP at all (any status): the link works."""
    import requests

    try:
        requests.head(hub_url, timeout=(settings["connect_timeout"], settings["connect_timeout"]))
    except requests.RequestException:
        return False
    return True
