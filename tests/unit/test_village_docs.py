"""docs/cli_village.md documents every `sws-village` command and every setting."""

from pathlib import Path

import click

from village_client.cli import main
from village_client.config import SETTINGS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "cli_village.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix=()) -> list:
    paths = []
    for name in group.list_commands(None):  # the group imports some commands on first use only
        command = group.get_command(None, name)
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append(" ".join((*prefix, name)))
    return paths


def test_every_command_has_a_section():
    missing = [path for path in command_paths(main) if f"### `{path}" not in DOC]
    assert missing == []


def test_every_setting_is_in_the_settings_table():
    assert [s.name for s in SETTINGS if f"| `{s.name}` |" not in DOC] == []
