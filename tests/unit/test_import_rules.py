"""What each package may import (docs/architecture.md, "What each package may import"), read from the source.

Every `import` and `from ... import` counts, also one inside a function: a package that must not
reach another must not reach it later either. What `sync_protocol`, `schemas` and the hub's services
load at run time is checked in a fresh interpreter by test_protocol_purity.py, test_schemas_api.py
and tests/integration/test_hub_purity.py.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HUB_PARTS = ("hub_server.api", "hub_server.cli", "hub_server.web")

# package (or hub sub-package) -> modules it must never import
FORBIDDEN = {
    "schemas": ("hub_server", "village_client", "sws_demo", "flask", "sqlalchemy"),
    "hub_server": ("village_client", "sws_demo"),
    "hub_server.messages": ("hub_server.", "flask", "sqlalchemy"),
    "hub_server.models": ("hub_server.services", "hub_server.messages", *HUB_PARTS, "flask", "schemas"),
    "hub_server.services": (*HUB_PARTS, "hub_server.envelope", "hub_server.serving", "flask"),
    "hub_server.api": ("hub_server.web", "hub_server.cli", "hub_server.models", "sqlalchemy"),
    "hub_server.web": ("hub_server.api", "hub_server.cli", "hub_server.models", "sqlalchemy"),
    "hub_server.reports": (*HUB_PARTS, "hub_server.models", "sqlalchemy", "flask"),
    "village_client": ("hub_server", "sws_demo", "sqlalchemy"),
    "sws_demo": ("hub_server.api", "hub_server.cli", "hub_server.web", "hub_server.services", "hub_server.models"),
}


def imported(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def files_of(unit: str) -> list[Path]:
    folder = ROOT.joinpath(*unit.split("."))
    return sorted(folder.rglob("*.py"))


def breaks(name: str, rule: str, own: str) -> bool:
    if name.startswith(own):
        return False
    return name.startswith(rule) if rule.endswith(".") else name == rule or name.startswith(rule + ".")


@pytest.mark.parametrize("unit", sorted(FORBIDDEN))
def test_a_package_imports_only_what_its_paragraph_allows(unit):
    found = {f"{path.relative_to(ROOT)}: {name}" for path in files_of(unit) for name in imported(path)
             if any(breaks(name, rule, unit) for rule in FORBIDDEN[unit])}
    assert files_of(unit) and found == set()


def test_the_rules_see_a_broken_one():
    assert breaks("hub_server.web.i18n", "hub_server.web", "hub_server.services")
    assert not breaks("hub_server.messages.errors", "hub_server.", "hub_server.messages")
    assert not breaks("flask_extra", "flask", "hub_server.services")
