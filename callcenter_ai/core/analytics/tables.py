"""Tables written as CSV (UTF-8 with BOM, for Excel) or XLSX, whole or not at all."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from callcenter_ai.core.csv_cells import safe_row
from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg


def write_table(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write ``rows`` under ``columns`` to ``path`` (``.csv`` or ``.xlsx``); the number of rows."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ConfigError(msg("export.bad_suffix", path=path))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        count = _write_csv(tmp, columns, rows) if suffix == ".csv" else _write_xlsx(tmp, columns, rows)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return count


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(safe_row(row))
            count += 1
    return count


def _write_xlsx(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(list(columns))
    count = 0
    for row in rows:
        sheet.append(safe_row(row))
        count += 1
    book.save(path)
    return count
