"""The hub's services and models load without Flask, and services never touch its request globals."""

import ast
import subprocess
import sys
from pathlib import Path

import hub_server.services

SERVICES = Path(hub_server.services.__file__).parent
FLASK_GLOBALS = {"request", "g", "current_app", "session"}


def test_services_and_models_import_without_flask():
    modules = ["hub_server.services." + path.stem for path in SERVICES.glob("*.py")] + ["hub_server.models"]
    check = f"import {', '.join(modules)}; import sys; print('flask' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"


def test_services_never_name_flask_or_its_request_globals():
    for path in SERVICES.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("flask"), path.name
                assert not FLASK_GLOBALS & {alias.name for alias in node.names} or node.module != "flask", path.name
            if isinstance(node, ast.Import):
                assert not any(alias.name.startswith("flask") for alias in node.names), path.name
