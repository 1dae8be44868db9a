"""sync_protocol stays pure: importing all of it loads no web, database or HTTP package."""

import subprocess
import sys

FORBIDDEN = ["flask", "sqlalchemy", "requests", "marshmallow", "sqlite_utils", "sqlite3", "werkzeug", "apscheduler"]
MODULES = ["binding", "bundle", "canonical", "chain", "changeset", "errors", "feed", "merge", "scope", "signing",
           "version", "wire"]


def test_sync_protocol_imports_no_web_or_database_package():
    imports = "; ".join(f"import sync_protocol.{name}" for name in MODULES)
    check = f"{imports}; import sys; print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


def test_the_check_itself_would_notice_a_forbidden_import():
    check = f"import sqlite3; import sys; print(','.join(m for m in {FORBIDDEN!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "sqlite3"
