"""The laptop's local store: one SQLite file in the data folder, opened through sqlite-utils (encrypted by
SQLCipher on a protected laptop, `village_client.at_rest`).

The folder is mode 0700 and the database file 0600 (it holds a village's personal and health data).
Every write goes through `Store.transaction()`, which takes SQLite's write lock at its start
(`BEGIN IMMEDIATE`): the UI, the CLI and the scheduler may write from separate processes, and a
transaction that only discovers at its first write that another process wrote meanwhile would fail
instead of waiting. Inside it, sqlite-utils' own `atomic()` blocks become savepoints.
"""

import contextlib
import datetime as dt
import json
import os
from pathlib import Path

from sqlite_utils import Database

from village_client import at_rest
from village_client.errors import VillageError
from village_client.migrations import migrate

DB_FILE = "village.db"
BUSY_TIMEOUT_MS = 15_000


class NotInitialised(VillageError):
    """The data folder holds no village database yet: run `sws-village init` first."""

    code = "not_initialised"

    def fields(self) -> dict:
        return {"data_dir": self.args[0] if self.args else ""}


def now_text() -> str:
    """The laptop's clock as UTC text: for people to read, never for ordering."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def private_folder(path: Path) -> Path:
    """Create `path` (and parents) readable by its owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


class Store:
    """An open connection to the local database; close it (or use `with`) when done."""

    def __init__(self, data_dir: Path, *, create: bool = False):
        self.data_dir = Path(data_dir)
        path = self.data_dir / DB_FILE
        if not path.exists():
            if not create:
                raise NotInitialised(str(self.data_dir))
            private_folder(self.data_dir)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        with at_rest.protect_lock(self.data_dir, exclusive=False):  # never while `protect` replaces the file
            self.db = Database(self._connect(path))
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self._configure()
        migrate(self.db)

    def _connect(self, path: Path):
        """The plain file's path, or a connection to the encrypted database made with the key an officer's PIN
        opened (`village_client.at_rest`); raises DatabaseLocked before a login, KeyringUnreadable when the
        database is encrypted but its keyring is gone."""
        if at_rest.is_protected(self.data_dir):
            if any(path.parent.glob("*.protecting")):  # a `protect` stopped after its keyring: finish it
                from village_client.protect import finish
                finish(self.data_dir)
            return at_rest.connect(path, at_rest.database_key(self.data_dir))
        with open(path, "rb") as handle:
            header = handle.read(16)
        if header and header != b"SQLite format 3\x00":
            raise at_rest.KeyringUnreadable(str(at_rest.keyring_path(self.data_dir)))
        return path

    def _configure(self) -> None:
        # WAL lets the UI read while the scheduler writes; FULL makes each commit survive power loss.
        with self.db.ensure_autocommit_on():
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")
            self.db.execute("PRAGMA foreign_keys = ON")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextlib.contextmanager
    def transaction(self):
        """One write transaction: everything inside is committed together or not at all."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.execute("COMMIT")

    def device(self) -> dict:
        """The device row (key, hub, scope, cursor, sync status). Raises NotInitialised before `init`."""
        rows = list(self.db.query("SELECT * FROM device WHERE id = 1"))
        if not rows:
            raise NotInitialised(str(self.data_dir))
        row = rows[0]
        row["scope"] = json.loads(row["scope"])
        return row

    def update_device(self, **values) -> None:
        if "scope" in values:
            values["scope"] = json.dumps(values["scope"])
        self.db["device"].update(1, values)

    def is_enrolled(self) -> bool:
        return bool(self.device()["hub_public_key"])

    def scalar(self, sql: str, params=()):
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None


def insert_row(db, table: str, row: dict) -> None:
    """INSERT one row as sqlite-utils' `insert` would store it (lists and dicts as JSON text, dates as ISO text),
    without the look-ups of the schema it makes on every call: a form's save waits for this."""
    insert_rows(db, table, [row])


def insert_rows(db, table: str, rows: list) -> None:
    """INSERT rows as `insert_row` stores one, one executemany per set of columns the rows name."""
    by_columns: dict = {}
    for row in rows:
        by_columns.setdefault(tuple(row), []).append([storable(value) for value in row.values()])
    for names, values in by_columns.items():
        columns = ", ".join(f"[{name}]" for name in names)
        db.conn.executemany(f"INSERT INTO [{table}] ({columns}) VALUES ({', '.join('?' * len(names))})", values)


def update_row(db, table: str, record_id: str, values: dict) -> None:
    """UPDATE one row's columns as `insert_row` stores values, without sqlite-utils' look-ups of the schema."""
    columns = ", ".join(f"[{name}] = ?" for name in values)
    db.conn.execute(f"UPDATE [{table}] SET {columns} WHERE id = ?", [*map(storable, values.values()), record_id])


PLAIN = frozenset({str, int, float, bool, bytes, type(None)})  # stored as they are


def storable(value):
    """A value as an SQLite column holds it: lists and mappings as JSON text, dates as ISO text."""
    if type(value) in PLAIN:  # nearly every value: answered without the isinstance checks below
        return value
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=repr, ensure_ascii=False)
    return value.isoformat() if isinstance(value, dt.date | dt.time) else value


def open_store(data_dir, *, create: bool = False) -> Store:
    return Store(Path(data_dir), create=create)
