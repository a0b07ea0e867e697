"""CSV cells that spreadsheet programs show as text, never run as formulas.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel and LibreOffice ("CSV injection").  Call texts, operator
names and comments come from outside, so every exported text cell goes through
:func:`safe_cell`, which puts an apostrophe in front of such text (the
spreadsheet then shows it as typed).  Numbers, and text that is just a number
such as ``-0.25``, are left alone so that columns stay numeric.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as it may be written to a CSV cell."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_row(values: Iterable[object]) -> list[object]:
    return [safe_cell(v) for v in values]


def safe_mapping(row: Mapping[str, object]) -> dict[str, object]:
    return {key: safe_cell(value) for key, value in row.items()}
