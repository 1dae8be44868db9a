"""Fewer malloc arenas for the threaded web server.

glibc gives a thread that allocates while another thread holds the main arena an arena of its own (up to
eight per core) and keeps what is freed there for that arena's next use. Under waitress each worker
thread so grows to the largest request it has served: a laptop's push of 2,000 households. Measured with
the side-by-side harness (docs/performance.md, "Beside PouchDB and Morango"): 100,000 registrations pushed
in 15 requests raised the hub's peak memory to 423-444 MB with glibc's default, 244 MB with at most two
arenas and 205 MB with one, in the same time. Two keep a second thread allocating (SQLite and psycopg
allocate without Python's lock) without waiting on the first.

gunicorn's workers do not run `sws-hub serve`: give them `MALLOC_ARENA_MAX=2` in their environment
(docs/operations.md).
"""

import ctypes

M_ARENA_MAX = -8  # mallopt's parameter number (glibc's malloc.h)
SERVER_ARENAS = 2


def limit_malloc_arenas(count: int = SERVER_ARENAS) -> bool:
    """Ask the C library for at most `count` arenas from now on; False where it is not glibc (nothing to limit)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(M_ARENA_MAX, count))
