"""Reading a payment file a chunk of lines at a time, checked in worker processes when the file is large.

Checking a row (reference, NIK digits, card number, programme, month, day, amount, payer) costs more than
storing it and a district's month has millions of rows: as the population import does
(`services/imports/parse.py`), a large file is checked by one spawned worker per core while this process
matches and stores the chunks already checked, in file order. This process reads the text, so a file that
is not UTF-8 stops the import here whichever line holds the fault.
"""

import csv
import multiprocessing
import os
from collections import deque

from hub_server.services import payment_files
from hub_server.services.imports.parse import line_chunks

PARALLEL_BYTES = 64 << 20  # about 700,000 rows; below it, starting the workers costs more than they save
_WORKER: dict = {}


def header(handle, kind: str) -> tuple[dict, list]:
    """({column: position} of the columns read, the columns a file of `kind` needs and lacks)."""
    names = next(csv.reader([handle.readline()]), [])
    return payment_files.picks(kind, names), payment_files.missing_columns(kind, names)


def _start_worker(kind: str, programmes: set, positions: dict) -> None:
    _WORKER.update(kind=kind, programmes=programmes, positions=positions)


def _work(chunk: tuple) -> tuple:
    return payment_files.check_lines(_WORKER["kind"], _WORKER["programmes"], _WORKER["positions"], *chunk)


def checked_chunks(handle, kind: str, programmes: set, positions: dict, size: int):
    """Yield `payment_files.check_lines` results for the lines after the header, chunk by chunk, in file order."""
    workers = min(os.cpu_count() or 1, 4)
    if size < PARALLEL_BYTES or workers < 2:
        for first, lines in line_chunks(handle):
            yield payment_files.check_lines(kind, programmes, positions, first, lines)
        return
    context = multiprocessing.get_context("spawn")  # no database connection or lock copied into the workers
    with context.Pool(workers, _start_worker, (kind, programmes, positions)) as pool:
        pending = deque()
        for chunk in line_chunks(handle):
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) > 2 * workers:  # bounded: the file is never all in memory
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
