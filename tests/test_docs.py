"""The documentation names every command and setting: adding one without documenting it fails here."""

from pathlib import Path

import click
import pytest

from hub_server.cli import main as hub_cli
from hub_server.config import SETTINGS

DOCS = Path(__file__).resolve().parent.parent / "docs"


def command_paths(group: click.Group, prefix: str):
    """The name of every command and subcommand: sws-hub, sws-hub init, sws-hub devices revoke..."""
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from command_paths(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


@pytest.mark.parametrize("path", sorted(command_paths(hub_cli, "sws-hub")))
def test_every_hub_command_has_a_heading_in_the_cli_docs(path):
    headings = {line.lstrip("#").strip() for line in (DOCS / "cli.md").read_text().splitlines()
                if line.startswith("#")}
    assert path in headings, f"docs/cli.md has no heading for `{path}`"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda setting: setting.name)
def test_every_hub_setting_is_in_the_settings_docs(setting):
    text = (DOCS / "settings.md").read_text()
    assert f"`{setting.name}`" in text and f"`{setting.env}`" in text


def test_every_hub_command_has_an_example_in_its_help():
    def leaves(group):
        for command in group.commands.values():
            yield from leaves(command) if isinstance(command, click.Group) and command.commands else [command]
    for command in leaves(hub_cli):
        assert "Example:" in (command.help or ""), command.name
