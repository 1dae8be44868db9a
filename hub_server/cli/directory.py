"""`sws-hub directory`: the call centre's directory of services and facilities (list it, load a file)."""

from pathlib import Path

import click

from hub_server.cli.common import cli_language, data_dir_option, pass_hub
from hub_server.services.actors import operator


@click.group("directory", invoke_without_command=True)
@data_dir_option
@click.pass_context
def directory_group(ctx):
    """The directory of services and facilities the call centre refers callers to: list it, or load a file.

    Example: sws-hub directory
    """
    if ctx.invoked_subcommand:
        return
    from hub_server.services import directory

    with ctx.obj.uow() as uow:
        for service in directory.find(uow.session):
            click.echo(f"{service.code:<20} {service.kind:<16} {service.region_code:<14} {service.name}")


@directory_group.command("load")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@pass_hub
def directory_load(hub, file):
    """Check and save a directory file (JSON); without FILE, the shipped Kabupaten Malang sample.

    Nothing is saved when any entry breaks a rule; every error is listed with its field. Entries the
    file no longer holds become inactive (the calls that were referred to them keep their name).

    Example: sws-hub directory load /srv/directory-2026.json
    """
    from hub_server.errors import Invalid
    from hub_server.messages import field_message
    from hub_server.services import directory

    try:
        with hub.uow() as uow:
            counts = directory.load_file(uow, file, actor=operator().name)
    except Invalid as invalid:
        lines = [f"{error.field}: {field_message(error.field, error.rule, cli_language(), **error.params)}"
                 for error in invalid.errors]
        raise click.ClickException("the directory was not saved:\n  " + "\n  ".join(lines)) from None
    note = " (sample data: replace it with the district's own list)" if counts["sample"] else ""
    click.echo(f"{counts['added']} added, {counts['updated']} updated, {counts['inactive']} made inactive{note}")
