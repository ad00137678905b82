"""The cells under a column header, in tables pasted as text.

Forms and spreadsheets reach the tip line as text: a header row, then rows
of values, with ``|``, tabs, ``;`` or ``,`` between the cells, or columns
lined up with runs of spaces::

    Name | DOB        | Country
    R.   | 05/17/1986 | Guatemala

A value under a header is as identifying as one after a label on its own
line, but nothing near it says what it is: the header says so once, rows
away. :func:`cells_below` finds the cells of the header's column, so a
detector that recognises its cue in a header can take the values under it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

#: Cell separators, strongest first; a line's first one present splits it.
_SEPARATORS = ("|", "\t", ";", ",")
_SPACES = re.compile(r"[^\S\n]{2,}")
# A header row is labels, not a sentence that happens to hold a comma and
# the cue: every cell short, the cue's cell the cue alone (a hint in
# brackets aside: "DOB (mm/dd/yyyy)").
_HEADER_MAX = 32
_HINT = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Markdown's rule under the header: "---|:---:|---".
_RULE = re.compile(r"[\s|:+=-]*")
#: Rows read under one header: enough for any table a tip pastes.
_MAX_ROWS = 60


def _split(text: str, start: int, end: int, sep: str | None) -> list[tuple[int, int]]:
    """``(start, end)`` of each cell of ``text[start:end]``, blanks trimmed."""
    if sep is None:
        bounds = [start, *(i for m in _SPACES.finditer(text, start, end) for i in m.span()), end]
    else:
        cuts = [i for i in range(start, end) if text[i] == sep]
        bounds = [start, *(i for cut in cuts for i in (cut, cut + 1)), end]
    cells = []
    for s, e in zip(bounds[::2], bounds[1::2], strict=True):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        cells.append((s, e))
    return cells


def _separator(line: str) -> str | None:
    return next((sep for sep in _SEPARATORS if sep in line), None)


def cells_below(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The cells under the header cell holding ``text[start:end]``, one per
    row, until a blank line or a row of another shape; nothing if that
    stretch is no header cell of a table."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    if line_end < 0:
        return
    line = text[line_start:line_end]
    sep = _separator(line)
    if sep is None and not _SPACES.search(line):
        return
    header = _split(text, line_start, line_end, sep)
    column = next((i for i, (s, e) in enumerate(header) if s <= start and end <= e), None)
    if column is None or len(header) < 2 or any(e - s > _HEADER_MAX for s, e in header):
        return
    s, e = header[column]
    rest = _HINT.sub("", text[s:start] + text[end:e])
    if any(ch.isalnum() for ch in rest):
        return
    row_start = line_end + 1
    for _ in range(_MAX_ROWS):
        row_end = text.find("\n", row_start)
        row_end = len(text) if row_end < 0 else row_end
        row = text[row_start:row_end]
        if not row.strip() or (sep is not None and sep not in row):
            return
        if not _RULE.fullmatch(row):
            cells = _split(text, row_start, row_end, sep)
            if len(cells) > column:
                yield cells[column]
        if row_end >= len(text):
            return
        row_start = row_end + 1
