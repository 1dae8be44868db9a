"""`sws-village protect`: encrypt this laptop's data at rest (`village_client.at_rest`, `village_client.protect`)."""

import click

from village_client.cli.support import OFFICER, fail_on_known_errors, logged_in, pass_env
from village_client.messages import text


@click.command("protect")
@OFFICER
@pass_env
def protect_command(env, username):
    """Encrypt this laptop's database and device key: from then on an officer's PIN opens them (the UI at
    login, a command with --officer). Close the village UI first. Each officer keeps their PIN.

    Example: sws-village protect --officer siti
    """
    from village_client.protect import protect

    with fail_on_known_errors(env):
        with env["open"]() as store:
            logged_in(env, store, username)  # only an officer of this laptop protects it
        count = protect(env["data_dir"], {username: env["pin"]})
    click.echo(text("protect.done", env["lang"], count=count))
