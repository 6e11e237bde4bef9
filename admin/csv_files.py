"""CSV files that open correctly in Excel: UTF-8 with BOM, CRLF, formula-like cells disarmed, streamed."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

# Excel runs a cell starting with these as a formula (CSV injection); a quote disarms it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Rows read per query: memory stays flat whatever the table's size.
BATCH = 500


def _cell(value) -> str:
    # NUL ends a cell early in Excel and breaks other readers; drop it before the check
    # so "\0=cmd" is disarmed like "=cmd".
    text = "" if value is None else str(value).replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_chunks(header: list[str], rows: Iterable[list], every: int | None = None
               ) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark and CRLF line ends (what Excel expects), in chunks."""
    every = every or BATCH
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writerow(header)
    for count, row in enumerate(rows, 1):
        writer.writerow([_cell(value) for value in row])
        if count % every == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_bytes(header: list[str], rows: Iterable[list]) -> bytes:
    """The whole file at once, for small tables and callers that need bytes."""
    return b"".join(csv_chunks(header, rows))
