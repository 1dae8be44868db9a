"""`sws-hub serve` asks glibc for at most two malloc arenas before its threads start (hub_server/memory.py)."""

import subprocess
import sys


def test_the_arena_limit_is_taken_by_glibc_and_refused_quietly_elsewhere():
    probe = "from hub_server import memory; print(memory.limit_malloc_arenas())"
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run(["ldd", "--version"], capture_output=True, text=True, check=False).stdout.lower()
    assert shown == ("True" if "glibc" in version or "gnu libc" in version else "False")
