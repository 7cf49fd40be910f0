"""The record as CSV: the UK ICO controller template's contact block, then one row per activity."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from ropa.ico import COLUMNS, CONTACT_COLUMNS, MISSING, contact_rows, controller_rows
from ropa.markup import visible_controls
from ropa.recordio import as_record
from ropa.recordmodel import Record

__all__ = ["COLUMNS", "MISSING", "render_csv", "table_rows"]

# A cell starting with one of these is a formula to a spreadsheet; text from code must not be.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_csv(data: Record | Mapping[str, Any]) -> str:
    """RFC 4180 text (CRLF line ends, quotes where needed).

    As in the ICO's template, the controller, DPO and representative come first (name,
    address, email, telephone), then an empty row, then the heading row of the activities'
    table and one row per activity (those done for clients say so in their basis and role
    cells). Every row has as many cells as the heading. A record given as a dict (what the
    renderer holds) is validated into the typed record first.
    """
    record = as_record(data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    width = len(COLUMNS)
    for row in [list(CONTACT_COLUMNS), *contact_rows(record)]:
        writer.writerow(_pad([_cell(v) for v in row], width))
    writer.writerow(_pad([], width))
    writer.writerow(COLUMNS)
    for cells in controller_rows(record, processor=True):
        writer.writerow([_cell(value) for value in cells])
    return out.getvalue()


def table_rows(text: str) -> list[list[str]]:
    """The activities' table of a CSV that ``render_csv`` wrote, heading row first."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    start = next(i for i, row in enumerate(rows) if row and row[0] == COLUMNS[0])
    return rows[start:]


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells))


def _cell(value: str) -> str:
    # A bidi override (U+202E) would show the rest of the cell reversed in a spreadsheet.
    value = str(visible_controls(value))
    return "'" + value if value.startswith(_FORMULA_START) else value
