"""Reading a payment file a chunk of whole records at a time, so the import matches and stores as it reads.

The rows are checked in this process. Checking them in worker processes, as the population import does
(`services/imports/parse.py`), was measured slower here: a payment row is short and cheap to check (about
5 µs with `payment_files.check_lines`' common path), and sending the lines to the workers and the checked
rows back costs more than the checking; with 1.8 million rows (168 MB) on two shared cores the workers took
18 s against 9.5 s (docs/performance.md, "Payments").
"""

import csv

from hub_server.services import payment_files
from hub_server.services.imports.parse import line_chunks


def header(handle, kind: str) -> tuple[dict, list]:
    """({column: position} of the columns read, the columns a file of `kind` needs and lacks)."""
    names = next(csv.reader([handle.readline()]), [])
    return payment_files.picks(kind, names), payment_files.missing_columns(kind, names)


def checked_chunks(handle, kind: str, programmes: set, positions: dict):
    """Yield `payment_files.check_lines` results for the lines after the header, chunk by chunk, in file order."""
    for first, lines in line_chunks(handle):
        yield payment_files.check_lines(kind, programmes, positions, first, lines)
