"""Translations of the app's log lines for the Журнал tab: ``log_messages_<lang>.ts`` (context ``Log``).

The code logs in English (``log.info("imported %s: %d inserted, ...", ...)``);
the log panel shows each line in the interface language by translating its
template and filling in the same values (:mod:`callcenter_ai.gui.log_lines`).
:func:`log_templates` finds the templates in the sources the window runs (the
core and the GUI, not the CLI or the API); ``python -m callcenter_ai.gui.i18n``
writes them into the ``.ts`` file beside the core's catalog.  Keep every
``%s`` / ``%d`` / ``%.1f`` of a template, in order.
"""

from __future__ import annotations

import ast
from pathlib import Path

from callcenter_ai.gui.i18n import I18N_DIR

CONTEXT = "Log"
PACKAGE = Path(__file__).resolve().parents[2]  # callcenter_ai/
SKIPPED = ("cli", "api", "devtools")  # shells that never log into the window
LEVELS = ("info", "warning", "error", "critical", "exception")
# The words the panel adds itself: a record's level and the processor's event kinds (core/embedding/events.py).
PANEL_WORDS = [
    "Information",
    "Warning",
    "Error",
    "Failure",
    "Debug",
    "The model was loaded",
    "The model was unloaded from memory",
    "The model works in a fallback mode",
    "Out of memory: the batch or the device is changed and the work goes on",
    "A batch gave invalid numbers and is redone at full precision",
    "Model notice",
]


def ts_path(language: str) -> Path:
    return I18N_DIR / f"log_messages_{language}.ts"


def log_templates() -> list[str]:
    """The literal first argument of every ``log.info/warning/error/critical/exception(...)`` call, in file order."""
    found: dict[str, None] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] in SKIPPED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in LEVELS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "log"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = None
    return list(found)


def log_sources() -> list[str]:
    """What the ``.ts`` file holds: the panel's own words, then the templates."""
    return list(dict.fromkeys([*PANEL_WORDS, *log_templates()]))
