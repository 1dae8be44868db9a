"""Failed logins per client address: one address trying many user names is slowed down too.

The per-user-name lock (`services.users`, from the audit log) stops guessing one account's password;
this stops one address guessing across accounts. Counts live in this process's memory (a restart
forgets them, which only gives an attacker one more window); a sliding window of LOCK_WINDOW.
"""

import threading
import time
from collections import defaultdict, deque

from hub_server.services.users import LOCK_WINDOW

PER_USER_NAME_LIMITS = 4  # an address may fail as often as four user names may, before it waits


class ClientThrottle:
    def __init__(self, limit: int, window: float = LOCK_WINDOW.total_seconds(), clock=time.monotonic):
        self.limit, self.window, self.clock = limit, window, clock
        self._failures = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, client: str) -> bool:
        with self._lock:
            return len(self._recent(client)) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(self.clock())

    def _recent(self, client: str) -> deque:
        found, oldest = self._failures[client], self.clock() - self.window
        while found and found[0] < oldest:
            found.popleft()
        return found


def for_app(app) -> ClientThrottle:
    if "sws_login_throttle" not in app.extensions:
        app.extensions["sws_login_throttle"] = ClientThrottle(app.config["LOGIN_MAX_FAILURES"] * PER_USER_NAME_LIMITS)
    return app.extensions["sws_login_throttle"]
