"""Reading an extract file in chunks of lines, and checking them in worker processes when the file is large.

Checking a row costs several times more than storing it, and a district extract has millions of
rows: a large file is checked by one worker process per core while this process stores the rows
already checked, in file order. A chunk always ends on a record boundary (an even number of quote
marks so far), so a quoted value spanning lines stays whole. Small files are checked in-process:
starting workers would cost more than it saves. The workers are spawned, never forked, so no
database connection or lock of this process is copied into them.
"""

import csv
import multiprocessing
import os
import re
from collections import deque

from hub_server.services.imports.rows import RowChecker, RowError
from schemas.errors import FieldError

CHUNK_LINES = 20_000
PARALLEL_BYTES = 64 << 20  # about 600,000 rows of an e-KTP extract; below it, starting workers costs more
_WORKER: dict = {}
UNDECODED = re.compile("[\udc80-\udcff]")  # a byte that was not UTF-8, as the reader's surrogate escape


def line_chunks(handle, first_line: int = 2):
    """Yield (number of the first line, lines) from an open text file, whole records only."""
    lines, first, number, quoted = [], first_line, first_line - 1, False
    for line in handle:
        number += 1
        lines.append(line)
        if line.count('"') % 2:
            quoted = not quoted
        if len(lines) >= CHUNK_LINES and not quoted:
            yield first, lines
            first, lines = number + 1, []
    if lines:
        yield first, lines


def parse_lines(source, picks: list, checker: RowChecker, first: int, lines: list) -> tuple:
    """(rows with their line number last, failures as (line, FieldError, raw value), records read)."""
    rows, failures, read = [], [], 0
    reader = csv.reader(lines)
    for values in reader:
        if not values:
            continue  # a blank line is no record
        read += 1
        line = first + reader.line_num - 1
        raw = [values[at] if at is not None and at < len(values) else "" for at in picks]
        if not all(map(str.isascii, raw)):  # nearly every row is ASCII: told in C, value by value
            undecodable = [(name, value) for name, value in zip(source.reads, raw, strict=True) if _not_utf8(value)]
            if undecodable:
                failures += [(line, FieldError(name, "not_utf8"), _as_latin1(value)) for name, value in undecodable]
                continue
        try:
            rows.append((*source.parse(checker, raw), line))
        except RowError as failure:
            failures += [(line, error, _raw_value(source, raw, error.field)) for error in failure.errors]
    return rows, failures, read


def _not_utf8(value: str) -> bool:
    """Whether the file's bytes for this value were not UTF-8 (read with surrogate escapes)."""
    return not value.isascii() and UNDECODED.search(value) is not None


def _as_latin1(value: str) -> str:
    """The value as its bytes read in Latin-1 / Windows-1252, the usual other encoding: what the officer sees."""
    return value.encode("utf-8", "surrogateescape").decode("cp1252", "replace")


def _raw_value(source, raw: list, field_name: str) -> str | None:
    name = field_name.split(".")[0]
    return raw[source.reads.index(name)] if name in source.reads else None


def _start_worker(source_name: str, picks: list, today, crosswalk) -> None:
    from hub_server.services.imports.sources import SOURCES

    _WORKER.update(source=SOURCES[source_name], picks=picks, checker=RowChecker(today, crosswalk))


def _work(chunk: tuple) -> tuple:
    return parse_lines(_WORKER["source"], _WORKER["picks"], _WORKER["checker"], *chunk)


def parsed_chunks(handle, source, picks: list, checker: RowChecker, size: int):
    """Yield parse_lines results chunk by chunk, in file order; in worker processes for a large file."""
    workers = min(os.cpu_count() or 1, 4)
    if size < PARALLEL_BYTES or workers < 2:
        for first, lines in line_chunks(handle):
            yield parse_lines(source, picks, checker, first, lines)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _start_worker, (source.name, picks, checker.today, checker.crosswalk)) as pool:
        pending = deque()
        for chunk in line_chunks(handle):
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) > 2 * workers:  # bounded: the file is never all in memory
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
