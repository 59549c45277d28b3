"""Excel workbooks (.xlsx, openpyxl) a clerk can use as they come: a bold header row that stays in view
and filters, columns as wide as their content, real dates shown dd/mm/yyyy, numbers as numbers, one
value per cell.

Every producer of the app writes its sheets through these helpers:

    ws = book.active
    header_row(ws, ["TT", "Họ và tên", "Ngày quyết định"])
    for row in rows:
        write_row(ws, row)
    finish(ws)
    return save(book)

Cells are normalised on the way in (`cell_value`): text to NFC without the control characters Excel
refuses, dates and times as values Excel treats as such (a moment in time as its Asia/Ho_Chi_Minh local
time, naive, since Excel has no time zones), numbers untouched. A text that starts with "=" stays a
text: what a user typed is never run as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from guongsang.documents.vndate import VN

DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
TEXT_FORMAT = "@"
HEADER_FONT = Font(bold=True)
MIN_WIDTH = 6
MAX_WIDTH = 60
PADDING = 2  # characters of room beyond the longest text (the bold header, the filter button)

# Characters XML 1.0 does not allow; openpyxl refuses them (a vertical tab pasted from Word, say).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN_INTEGER = re.compile(r"(?:0|[1-9][0-9]{0,14})")
_SHEET_TITLE_BAD = re.compile(r"[\\/?*\[\]:]")
SHEET_TITLE_MAX = 31


def local_naive(moment: dt.datetime) -> dt.datetime:
    """An aware moment as the wall-clock time in Vietnam, without time zone; a naive one as it is."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, VN)
    return moment.replace(tzinfo=None)


def cell_value(value: object) -> object:
    """A Python value as a cell should hold it."""
    if value is None or isinstance(value, (bool, int, float, Decimal)):
        return value
    if isinstance(value, dt.datetime):
        return local_naive(value)
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFC", str(value))
    return _ILLEGAL.sub("", text)


def number_or_text(value: object) -> object:
    """A text that is a plain whole number ("12", not "012", "1.500" or "1,5") as an int; anything else as
    it is. For free-text cells such as the columns of a table answer: a count typed as text becomes a
    number Excel can add up, while a code or a telephone number keeps its leading zero."""
    if isinstance(value, str) and _PLAIN_INTEGER.fullmatch(value.strip()):
        return int(value.strip())
    return value


def format_cell(cell: Any) -> None:
    """The number format that goes with the cell's value; a text starting with "=" kept as text."""
    value = cell.value
    if isinstance(value, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def date_cell(ws: Any, row: int, column: int, value: dt.date | dt.datetime | None) -> Any:
    """Store a date (or a moment, as its local date and time) as a real Excel date shown dd/mm/yyyy."""
    cell = ws.cell(row=row, column=column, value=cell_value(value))
    format_cell(cell)
    return cell


def write_row(ws: Any, values: Iterable[object]) -> int:
    """Append one row, one value per cell, each normalised and formatted; the row's number."""
    cells = [cell_value(v) for v in values]
    ws.append(cells)
    row = ws._current_row  # the row append() just wrote, even when it is all empty
    for column in range(1, len(cells) + 1):
        format_cell(ws.cell(row=row, column=column))
    return row


def header_row(ws: Any, labels: Iterable[str], *, fill: PatternFill | None = None) -> None:
    """The column titles as the sheet's first row: bold, kept in view when scrolling (frozen pane
    below it) and carrying the filter buttons (`finish` extends the filter over the rows written)."""
    if ws.max_row > 1 or any(c.value is not None for c in ws[1]):
        raise ValueError("The header must be the first row of an empty sheet.")
    shown = [cell_value(label) for label in labels]
    for column, label in enumerate(shown, start=1):
        cell = ws.cell(row=1, column=column, value=label)
        format_cell(cell)  # a label typed as "=…" (a plan's column title) stays a text
        cell.font = HEADER_FONT
        if fill is not None:
            cell.fill = fill
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(shown), 1))}1"


def text_width(value: object) -> int:
    """How many characters wide a value shows: its longest line, NFC characters counted."""
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return len("00/00/0000 00:00")
    if isinstance(value, dt.date):
        return len("00/00/0000")
    text = unicodedata.normalize("NFC", str(value))
    return max((len(line) for line in text.splitlines()), default=0)


def fit_columns(ws: Any, *, min_width: int = MIN_WIDTH, max_width: int = MAX_WIDTH) -> None:
    """Each used column as wide as its longest value, within [min_width, max_width]; a text longer than
    the widest column wraps inside its cell instead of running under its neighbours."""
    widest: dict[int, int] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            width = text_width(cell.value)
            widest[cell.column] = max(widest.get(cell.column, 0), width)
            if width + PADDING > max_width or (isinstance(cell.value, str) and "\n" in cell.value):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in widest.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width + PADDING, min_width), max_width)


def finish(ws: Any, *, min_width: int = MIN_WIDTH, max_width: int = MAX_WIDTH) -> None:
    """Once every row is written: the filter over the whole table and the columns fitted to it."""
    if ws.auto_filter.ref:  # set by header_row
        ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"
    fit_columns(ws, min_width=min_width, max_width=max_width)


def sheet_title(text: str, taken: Iterable[str]) -> str:
    """A valid sheet title from any text: no \\ / ? * [ ] :, at most 31 characters, unlike the titles
    already taken (Excel compares them without regard to case)."""
    base = _SHEET_TITLE_BAD.sub(" ", str(cell_value(text) or "")).strip(" '") or "Trang"
    base = " ".join(base.split())
    used = {t.casefold() for t in taken}
    title, n = base[:SHEET_TITLE_MAX].rstrip(" '"), 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)].rstrip(" '") + suffix
    return title


def save(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
