"""`sws-village`: the village and sub-district laptop's command line.

Each command opens what it needs, calls one library function and reports the result; known errors
become a message in the officer's language and a non-zero exit status. Commands that change records
act as an officer: `--officer NAME` and the PIN, asked for or taken from `SWS_VILLAGE_PIN`. On a protected
laptop every command opens the data with an officer's PIN (`--officer` or `SWS_VILLAGE_OFFICER`).
"""

from pathlib import Path

import click

from village_client import at_rest
from village_client.cli.support import (
    OFFICER,
    SpeakingGroup,
    describe_status,
    fail_on_known_errors,
    logged_in,
    pass_env,
    print_summary,
    typed_pin,
    unlock_for_command,
)
from village_client.config import load_settings
from village_client.messages import text
from village_client.store import open_store

CONTEXT = {"help_option_names": ["-h", "--help"]}
# Commands whose modules bring the record schemas (marshmallow) or the web UI: imported when used, so that
# `status`, `sync` and the other everyday commands start quickly (docs/performance.md, "Village client sync").
LAZY = {"household": "records:household", "person": "records:person", "residents": "records:residents",
        "complaint": "records:complaint", "import-csv": "records:import_csv", "lists": "lists:lists_command",
        "list": "lists:list_command", "correction": "lists:correction", "apply": "lists:apply_command",
        "ui": "serve:ui", "relay": "serve:relay", "worklist": "worklist:worklist_command", "case": "cases:case_command",
        "taskforce": "taskforce:taskforce_command", "claim": "claims:claim_command",
        "referral": "referrals:referral_command", "protect": "protection:protect_command"}


@click.group(cls=SpeakingGroup, context_settings=CONTEXT, lazy=LAZY)
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), envvar="SWS_VILLAGE_DATA_DIR",
              help="Folder of this laptop's database and keys [env SWS_VILLAGE_DATA_DIR].")
@click.pass_context
def main(ctx, data_dir):
    """Village client of SWS Sync: register households, record complaints, sync with the hub.

    \b
    First day on a laptop:
      sws-village init --label "Desa Sukamaju"
      sws-village officer add siti --name "Siti Aminah" --role village_secretary
      sws-village enroll --hub https://sws.malangkab.go.id --token k7qm-x3fa-42pd.ab4c-de5f-gh6j-kl7m
      sws-village ui
    """
    settings = load_settings({"data_dir": str(data_dir)} if data_dir else None)
    data_dir = Path(settings["data_dir"])
    ctx.obj = {"settings": settings, "data_dir": data_dir, "lang": settings["language"],
               "open": lambda: open_store(data_dir)}
    at_rest.ask_with(lambda folder: unlock_for_command(ctx.obj, folder))  # a protected laptop: the officer's PIN
    ctx.call_on_close(lambda: at_rest.ask_with(None))


@main.command()
@click.option("--label", default="", help="A name people recognise, e.g. the village.")
@pass_env
def init(env, label):
    """Create this laptop's database and device key (keeps existing ones).

    Example: sws-village init --label "Desa Sukamaju"
    """
    from village_client.device import initialise

    with fail_on_known_errors(env):
        device_id = initialise(env["data_dir"], label)
    click.echo(f"device {device_id} ready in {env['data_dir']}")


@main.group()
def officer():
    """Officers who log in to this laptop."""


@officer.command("add")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="Full name as it appears on reports.")
@click.option("--role", required=True, type=click.Choice(["village_secretary", "midwife", "sub_district_officer",
                                                        "case_worker"]))
@click.option("--pin", envvar="SWS_VILLAGE_PIN", prompt=True, hide_input=True, confirmation_prompt=True,
              help="PIN or password, at least 6 characters [env SWS_VILLAGE_PIN; asked when not given].")
@pass_env
def officer_add(env, username, full_name, role, pin):
    """Add an officer with their own PIN.

    Example: sws-village officer add bidan.rina --name "Rina Wati" --role midwife
    """
    from village_client.officers import add_officer

    with fail_on_known_errors(env), env["open"]() as store:
        added = add_officer(store, username, full_name, role, pin)
    click.echo(f"officer {added.username} added ({added.role})")


@officer.command("pin")
@OFFICER
@click.option("--new-pin", envvar="SWS_VILLAGE_NEW_PIN",
              help="The new PIN, at least 6 characters [env SWS_VILLAGE_NEW_PIN; asked twice when not given].")
@pass_env
def officer_pin(env, username, new_pin):
    """Change an officer's own PIN: the current one (SWS_VILLAGE_PIN, or asked) proves it is them; the new one is
    asked twice (SWS_VILLAGE_NEW_PIN when set; never type it on the command line, where shell history keeps it).

    Example: sws-village officer pin --officer bidan.rina
    """
    from village_client.officers import change_pin

    with fail_on_known_errors(env), env["open"]() as store:
        logged_in(env, store, username)  # a wrong current PIN is refused before the new one is asked
        new_pin = new_pin or click.prompt("New PIN", hide_input=True, confirmation_prompt=True)
        change_pin(store, username, typed_pin(env), new_pin, new_pin)
    click.echo(f"PIN of {username} changed")


@main.command()
@click.option("--hub", "hub_url", required=True, help="Address of the district hub (or of a sub-district relay).")
@click.option("--token", required=True, help="Enrollment token from the district IT officer: SECRET.FINGERPRINT.")
@click.option("--label", default="", help="A name for this laptop at the hub.")
@pass_env
def enroll(env, hub_url, token, label):
    """Enroll this laptop at the hub; checks the hub's key against the token.

    Example: sws-village enroll --hub https://sws.malangkab.go.id --token k7qm-x3fa-42pd.ab4c-de5f-gh6j-kl7m
    """
    from village_client.enrollment import enroll as enroll_laptop

    with fail_on_known_errors(env):
        result = enroll_laptop(env["data_dir"], hub_url, token, label, env["settings"])
    click.echo(f"enrolled as {result['device_id']} ({result['role']}) for {', '.join(result['scope'] or [])}")


@main.command()
@click.option("--hub", "hub_url", required=True, help="Address of the district hub.")
@click.option("--token", required=True, help="The token `sws-hub devices readmit` printed: SECRET.FINGERPRINT.")
@click.option("--label", default="", help="A name for this laptop at the hub.")
@pass_env
def readmit(env, hub_url, token, label):
    """Re-admit a laptop restored from an old backup: a new identity, its unsent work moved onto it.

    Example: sws-village readmit --hub https://sws.malangkab.go.id --token k7qm-x3fa-42pd.ab4c-de5f-gh6j-kl7m
    """
    from village_client.readmit import readmit as readmit_laptop

    with fail_on_known_errors(env):
        result = readmit_laptop(env["data_dir"], hub_url, token, label, env["settings"])
    click.echo(f"re-admitted as {result['new']} (was {result['old']}): {result['moved']} unsent change-sets "
               f"moved, {result['renamed']} records renamed; the next sync sends them and brings back the rest")


@main.command()
@pass_env
def sync(env):
    """Sync now: send pending work, receive the hub's changes.

    Example: sws-village sync
    """
    from village_client.sync.engine import SyncEngine

    with fail_on_known_errors(env):
        summary = SyncEngine(env["data_dir"], env["settings"]).sync(progress=click.echo)
    click.echo(summary.describe(env["lang"]))


@main.command()
@click.option("--check-hub/--no-check-hub", default=True, help="Try to reach the hub (one small request).")
@pass_env
def status(env, check_hub):
    """Show pending change-sets, the last sync, the last error and whether the hub answers.

    Example: sws-village status --no-check-hub
    """
    with fail_on_known_errors(env):
        click.echo(describe_status(env, check_hub))


@main.command("services")
@click.option("--kind", default="", help="Only services of this kind (ltsa, health_centre, training_centre...).")
@pass_env
def services_command(env, kind):
    """The district's directory of services this laptop holds, for plan actions and referrals.

    Example: sws-village services --kind training_centre
    """
    from village_client.directory import kind_label, services

    with fail_on_known_errors(env), env["open"]() as store:
        found = services(store.db, kind)
    if not found:
        click.echo(text("services.none", env["lang"]))
    for row in found:
        click.echo(f"{row['code']}  {row['name']}  ({kind_label(row['kind'], env['lang'])})  {row['address'] or ''}  "
                   f"{row['phone'] or ''}  {row['opening_hours'] or ''}".rstrip())


@main.command("export-bundle")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_env
def export_bundle(env, file):
    """Write unsynced work to a bundle file for a USB stick.

    Example: sws-village export-bundle /media/usb/sukamaju.sws
    """
    from village_client.sync.usb import export_bundle as export

    with fail_on_known_errors(env):
        count = export(env["data_dir"], file, env["settings"]["batch_size"])
    click.echo(f"{count} change-sets written to {file}")


@main.command("import-bundle")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_env
def import_bundle(env, file):
    """Apply a return bundle from the sub-district (the hub's replies for this laptop).

    Example: sws-village import-bundle /media/usb/sukamaju-return.sws
    """
    from village_client.sync.usb import import_bundle as apply_bundle

    with fail_on_known_errors(env):
        print_summary(apply_bundle(env["data_dir"], file), env["lang"])

