"""Errors of the village program, and the one way each is told to an officer, a browser or a laptop.

Every error has a stable `code` (its message is `code.<code>` in `village_client.messages`, in
Bahasa Indonesia and English), `fields()` that fill the message and explain it, and the HTTP
`status` a web answer carries:

    VillageError                                 the root of the laptop's own errors
    ├── InvalidRecord(errors)           400 invalid          fields break their rules (`records`)
    ├── LoginFailed                     401 login_failed     wrong user name or PIN (`officers`)
    ├── LoginLocked(seconds)            429 login_locked     too many wrong PINs in a row: wait (`officers`)
    ├── NotInitialised(data_dir)        500 not_initialised  no database yet: `sws-village init` (`store`)
    ├── KeyMissing(path)                500 key_missing      the device key is gone: restore it (`keys`)
    ├── AckMismatch(seq, reason)        409 fork             the hub's head is not ours (`outbox`)
    ├── StorageFailed(code, detail)     507 disk_full, storage_read_only, storage_unreadable: the disk said no
    └── Refused(code, status, **fields)                      any other refusal: not_found, csrf_failed...
        ├── NotFound(path)              404 not_found
        └── UsageRefused(code, ...)     400 field_value, unknown_fields: a command written wrongly

A sync's errors (`village_client.sync.transport.SyncError`, with the hub's answers as `HubError`)
and the protocol's (`sync_protocol.errors.ProtocolError`) have the same code and fields; `KNOWN`
names the three roots. Whatever the error, `message` is its text in the reader's language,
`cli_text` what the command line prints, and `envelope` the JSON answer of the relay and the web UI
(`schemas.errors.error_envelope`, the hub's envelope).
"""

import errno
import shutil
import sqlite3
import sys
from pathlib import Path

from schemas.errors import error_envelope
from sync_protocol.errors import ProtocolError
from village_client.messages import CATALOGUE, text
from village_client.sync.transport import HubError, SyncError

# HTTP statuses a web surface answers with a code of its own; any other is `http_error`, or `internal` from 500.
HTTP_CODES = {400: "malformed", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}


class VillageError(Exception):
    """Base of the laptop's own errors: a code of the catalogue, its fields, the status of a web answer."""

    status, code = 500, "internal"
    detail = ""  # what the error says besides its code, for the command line (not translated)

    def fields(self) -> dict:
        return {}


class Refused(VillageError):
    """A refusal with no class of its own."""

    def __init__(self, code: str, status: int = 400, /, **fields):  # a field may be named `status`
        super().__init__(code)
        self.code, self.status, self._fields = code, status, fields

    def fields(self) -> dict:
        return dict(self._fields)


class NotFound(Refused):
    """No such page, or no such record on this laptop."""

    def __init__(self, path: str):
        super().__init__("not_found", 404, path=path)


class UsageRefused(Refused):
    """A command line written wrongly; reported like click's own usage errors (exit status 2)."""


class StorageFailed(VillageError):
    """The laptop's disk refused: full, read-only, or unreadable. Nothing half-written stays: SQLite rolled back."""

    status = 507

    def __init__(self, code: str, detail: str):
        super().__init__(code)
        self.code, self.detail = code, detail


KNOWN = (VillageError, SyncError, ProtocolError)

# What SQLite and the operating system say when the disk refuses, and the code an officer reads for it.
_SQLITE_STORAGE = (("disk is full", "disk_full"), ("readonly database", "storage_read_only"),
                   ("unable to open database", "storage_unreadable"), ("disk i/o error", "storage_unreadable"),
                   ("file is not a database", "storage_unreadable"))
_ERRNO_STORAGE = {errno.ENOSPC: "disk_full", errno.EDQUOT: "disk_full", errno.EROFS: "storage_read_only",
                  errno.EACCES: "storage_unreadable", errno.EPERM: "storage_unreadable",
                  errno.EIO: "storage_unreadable"}


# Below this many free bytes, SQLite's "disk I/O error" (a journal or WAL index it could not grow) means a full disk.
NEARLY_FULL = 1 << 20


def storage_failure(exc: BaseException | None, data_dir=None) -> StorageFailed | None:
    """The disk's refusal behind `exc` as an error an officer can act on, or None when `exc` is something else.
    `data_dir`, when given, tells a full disk from another I/O error SQLite reports the same way."""
    if isinstance(exc, database_errors()):
        said = str(exc).lower()
        code = next((code for words, code in _SQLITE_STORAGE if words in said), None)
        if code == "storage_unreadable" and data_dir is not None and _nearly_full(data_dir):
            code = "disk_full"
        return StorageFailed(code, str(exc)) if code else None
    if isinstance(exc, OSError) and not isinstance(exc, ConnectionError) and exc.errno in _ERRNO_STORAGE:
        return StorageFailed(_ERRNO_STORAGE[exc.errno], f"{exc.strerror}: {exc.filename or ''}".rstrip(": "))
    return None


def database_errors() -> tuple:
    """SQLite's database errors, and SQLCipher's once a protected database was opened (its own classes)."""
    sqlcipher = sys.modules.get("sqlcipher3")
    return (sqlite3.DatabaseError, sqlcipher.DatabaseError) if sqlcipher else (sqlite3.DatabaseError,)


def _nearly_full(data_dir) -> bool:
    folder = Path(data_dir)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL
    except OSError:
        return False


def http_refusal(status: int, request) -> Refused:
    """The refusal for an HTTP-level error (unknown route, wrong method, body too large...) of `request`."""
    code = HTTP_CODES.get(status) or ("internal" if status >= 500 else "http_error")
    fields = {"not_found": {"path": request.path}, "method_not_allowed": {"method": request.method},
              "body_too_large": {"limit": request.max_content_length},
              "http_error": {"status": status}}.get(code, {})
    return Refused(code, status, **fields)


def message(error, lang: str) -> str:
    """The error's message in `lang`: the catalogue's for its code, else what the hub said, else the code."""
    if f"code.{error.code}" in CATALOGUE:
        fields = error.fields_in(lang) if hasattr(error, "fields_in") else error.fields()
        return text(f"code.{error.code}", lang, **fields)
    return getattr(error, "message", "") or error.code


def field_errors(error, lang: str) -> list:
    """[{"field", "rule", "message"}] of an error about fields (the laptop's, or those the hub listed)."""
    return [item.as_dict(lang) if hasattr(item, "as_dict") else dict(item) for item in getattr(error, "errors", ())]


def headline(error, lang: str) -> str:
    """One line: the message and its code, as the officer reads it on a screen."""
    return f"{message(error, lang)} [{error.code}]"


def cli_text(error, lang: str) -> str:
    """What a command prints for an error: the message, what the hub or error said besides it, the code,
    then one line per field that breaks a rule."""
    said = error.message if isinstance(error, HubError) else getattr(error, "detail", "")
    shown = message(error, lang)
    lines = [f"{shown}{f' ({said})' if said and said != shown else ''} [{error.code}]"]
    lines += [f"  {item['field']}: {item['message']} [{item['rule']}]" for item in field_errors(error, lang)]
    return "\n".join(lines)


def envelope(error, lang: str, status: int | None = None) -> dict:
    """The error envelope (`schemas.errors.error_envelope`) in `lang`; `status` when the surface sets it."""
    return error_envelope(status or getattr(error, "status", 500), error.code, message(error, lang),
                          field_errors(error, lang), error.fields())
