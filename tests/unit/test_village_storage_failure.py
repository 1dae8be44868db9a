"""What the disk says when it refuses, told as the laptop's own coded errors; anything else left alone."""

import errno
import sqlite3

import pytest

from village_client.errors import StorageFailed, storage_failure


@pytest.mark.parametrize("exc, code", [
    (sqlite3.OperationalError("database or disk is full"), "disk_full"),
    (sqlite3.OperationalError("attempt to write a readonly database"), "storage_read_only"),
    (sqlite3.OperationalError("unable to open database file"), "storage_unreadable"),
    (sqlite3.DatabaseError("file is not a database"), "storage_unreadable"),
    (OSError(errno.ENOSPC, "No space left on device", "/data/outbox.bundle"), "disk_full"),
    (OSError(errno.EROFS, "Read-only file system"), "storage_read_only"),
    (PermissionError(errno.EACCES, "Permission denied", "/data/village.sqlite"), "storage_unreadable"),
])
def test_the_disks_refusals_become_coded_errors(exc, code):
    failure = storage_failure(exc)
    assert isinstance(failure, StorageFailed) and failure.code == code and failure.status == 507
    assert failure.detail


def test_an_io_error_on_a_nearly_full_disk_is_a_full_disk(tmp_path, monkeypatch):
    io_error = sqlite3.OperationalError("disk I/O error")
    assert storage_failure(io_error, tmp_path).code == "storage_unreadable"
    monkeypatch.setattr("village_client.errors.NEARLY_FULL", 1 << 62)
    assert storage_failure(io_error, tmp_path / "not" / "made" / "yet").code == "disk_full"


@pytest.mark.parametrize("exc", [
    sqlite3.OperationalError("no such table: person"),
    sqlite3.IntegrityError("UNIQUE constraint failed: person.id"),
    ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"),
    FileNotFoundError(errno.ENOENT, "No such file or directory"),
    ValueError("not a disk"),
    None,
])
def test_other_failures_are_not_the_disk(exc):
    assert storage_failure(exc) is None

