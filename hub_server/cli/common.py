"""What every `sws-hub` command shares: the hub it works on, the data-folder option, error reporting."""

import os
from pathlib import Path

import click

from hub_server.config import SettingError
from hub_server.errors import HubError
from hub_server.messages import field_message, message

CONTEXT = {"help_option_names": ["-h", "--help"]}


class Hub:
    """What a command works on, made on first use: the app (settings, database, hub key)."""

    def __init__(self):
        self.data_dir: Path | None = None
        self._app = None

    @property
    def app(self):
        if self._app is None:
            from hub_server import create_app

            self._app = create_app({"DATA_DIR": str(self.data_dir)} if self.data_dir else None)
        return self._app

    @property
    def config(self):
        return self.app.config

    def uow(self, **options):
        from hub_server import db

        return db.get(self.app).uow(**options)

    def close(self) -> None:
        if self._app is not None:
            from hub_server import db

            db.get(self._app).dispose()


def _set_data_dir(ctx, _param, value):
    if value is not None:
        ctx.ensure_object(Hub).data_dir = value
    return value


data_dir_option = click.option(
    "--data-dir", type=click.Path(file_okay=False, path_type=Path), expose_value=False, is_eager=True,
    callback=_set_data_dir, help="The hub's data folder (key pair, secret, SQLite database). Env: SWS_HUB_DATA_DIR.")
pass_hub = click.make_pass_decorator(Hub, ensure=True)


def cli_language() -> str:
    return "id" if os.environ.get("LANG", "").lower().startswith("id") else "en"


def describe(error: HubError) -> str:
    """A hub error as one line for the terminal."""
    lang = cli_language()
    parts = [message(error.code, lang, **error.fields)]
    parts += [f"{item.field}: {field_message(item.field, item.rule, lang, **item.params)}" for item in error.errors]
    return " ".join(parts)


def read_password(envvar: str, prompt: str) -> str:
    """From the environment variable if set, else asked twice without echo."""
    return os.environ.get(envvar) or click.prompt(prompt, hide_input=True, confirmation_prompt=True)


class HubGroup(click.Group):
    """Turns hub errors and bad settings into a one-line message and exit status 1."""

    def invoke(self, ctx):
        hub = ctx.ensure_object(Hub)
        ctx.call_on_close(hub.close)
        try:
            return super().invoke(ctx)
        except HubError as error:
            raise click.ClickException(describe(error)) from error
        except SettingError as error:
            raise click.ClickException(str(error)) from error
