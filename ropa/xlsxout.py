"""The record as ``ropa.xlsx``: the ICO template's controller and processor sheets, and the gaps."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ropa.ico import (
    COLUMNS,
    CONTACT_COLUMNS,
    CONTROLLER_COLUMNS,
    GAP_COLUMNS,
    PROCESSOR_COLUMNS,
    REQUIRED_COLUMNS,
    contact_rows,
    controller_rows,
    gap_rows,
    processor_rows,
)
from ropa.markup import visible_controls
from ropa.recordio import as_record
from ropa.recordmodel import Record

SHEETS = ("Controller", "Processor", "Gaps")
#: Where each template sheet's table starts: rows 1-4 hold the contact block, row 5 is empty.
HEADING_ROW = 6
# Excel refuses a longer cell; the rest is in ropa.json.
_MAX_CELL = 32_767
_CUT = " [cut: the full text is in ropa.json]"
_HEADING = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
# As in the ICO's template: required headings green, optional ones blue; ropa's own grey.
_REQUIRED = PatternFill(fill_type="solid", start_color="C6EFCE", end_color="C6EFCE")
_OPTIONAL = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
_OURS = PatternFill(fill_type="solid", start_color="EDEDED", end_color="EDEDED")


def render_xlsx(data: Record | Mapping[str, Any]) -> bytes:
    """The workbook's bytes; equal records give equal bytes (no clock, fixed zip times).
    A record given as a dict (what the renderer holds) is validated first."""
    record = as_record(data)
    date = dt.date.fromisoformat(record.generated.date)
    book = Workbook()
    controller = book.active
    assert controller is not None  # a new workbook has one sheet
    controller.title = SHEETS[0]
    _template(controller, contact_rows(record), COLUMNS, controller_rows(record))
    _template(
        book.create_sheet(SHEETS[1]),
        contact_rows(record, first="Processor"),
        PROCESSOR_COLUMNS,
        processor_rows(record),
    )
    gaps = book.create_sheet(SHEETS[2])
    _table(gaps, 1, GAP_COLUMNS, gap_rows(record))

    name = record.controller.name or ""
    props = book.properties
    props.title = f"Record of processing activities: {name}" if name else "Record of processing"
    props.subject = "Record of processing activities under Art. 30 GDPR (UK ICO template)"
    props.creator = name or "ropa"
    props.lastModifiedBy = "ropa"
    props.keywords = "GDPR, Art. 30, ropa"
    props.created = props.modified = dt.datetime.combine(date, dt.time())
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the current time as "modified".
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    return _fixed_times(buffer.getvalue(), date)


def _template(
    sheet: Worksheet,
    contacts: list[list[str]],
    columns: Sequence[str],
    rows: list[list[str]],
) -> None:
    """The contact block in the first rows, then the table from ``HEADING_ROW``."""
    for r, row in enumerate([list(CONTACT_COLUMNS), *contacts], start=1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            _put(cell, value)
            if r == 1 or c == 1:
                cell.font = _HEADING
    _table(sheet, HEADING_ROW, columns, rows)


def _table(sheet: Worksheet, first: int, columns: Sequence[str], rows: list[list[str]]) -> None:
    for c, heading in enumerate(columns, start=1):
        cell = sheet.cell(row=first, column=c)
        _put(cell, heading)
        cell.font = _HEADING
        cell.alignment = _WRAP
        if columns is COLUMNS:
            cell.fill = (
                _REQUIRED
                if heading in REQUIRED_COLUMNS
                else _OPTIONAL
                if heading in CONTROLLER_COLUMNS
                else _OURS
            )
        sheet.column_dimensions[get_column_letter(c)].width = 32
    for r, row in enumerate(rows, start=first + 1):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            _put(cell, value)
            cell.alignment = _WRAP
    sheet.freeze_panes = f"A{first + 1}"


def _put(cell: Any, value: str) -> None:
    """Text stays text: never a formula, no control character (shown as ``[U+202E]``, as in
    every other document; a bidi override would show the rest of the cell reversed)."""
    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(visible_controls(value)))
    if len(text) > _MAX_CELL:
        text = text[: _MAX_CELL - len(_CUT)] + _CUT
    cell.value = text
    # openpyxl takes a string starting with "=" for a formula; text from code must not run.
    cell.data_type = "s"


def _fixed_times(data: bytes, date: dt.date) -> bytes:
    """The same archive with every member dated ``date`` (zip files otherwise hold the time
    each member was written)."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            target.writestr(info, source.read(member.filename))
    return out.getvalue()
