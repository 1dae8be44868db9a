"""One sync at a time per laptop: a lock on a file in the data folder.

Manual (CLI), UI and scheduled syncs all take it, from threads of one process or from separate
processes. `flock` locks belong to an open file, so each holder opens the file itself; the kernel
drops the lock when its holder dies, even by SIGKILL, so a crashed sync never blocks the next.
"""

import fcntl
import os
from pathlib import Path

from village_client.sync.transport import SyncError

LOCK_FILE = "sync.lock"


class SyncBusy(SyncError):
    """Another sync is running on this laptop."""

    code = "busy"


class SyncLock:
    def __init__(self, data_dir):
        self.path = Path(data_dir) / LOCK_FILE
        self._fd = None

    def acquire(self) -> None:
        """Take the lock now or raise SyncBusy (a sync never waits behind another: it would be redundant)."""
        fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise SyncBusy() from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc_info):
        self.release()
