"""Importers: JSON Lines and CSV files of calls into the store.

    import_file(store, path, ...)  generator: yields ImportProgress, returns ImportReport
    run_import(store, path, ...)   the same, run to the end

Formats are described in docs/IMPORT_FORMATS.md.
"""

from __future__ import annotations

from callcenter_ai.core.ingest.fields import TextFilter
from callcenter_ai.core.ingest.importer import (
    FORMAT_CHOICES,
    CallWriter,
    FormatChoice,
    detect_format,
    import_file,
    run_import,
)
from callcenter_ai.core.ingest.report import ImportProgress, ImportReport
from callcenter_ai.core.ingest.textio import ENCODING_NAMES

__all__ = [
    "ENCODING_NAMES",
    "FORMAT_CHOICES",
    "CallWriter",
    "FormatChoice",
    "ImportProgress",
    "ImportReport",
    "TextFilter",
    "detect_format",
    "import_file",
    "run_import",
]
