"""Refresh the translation files: ``python -m callcenter_ai.gui.i18n``.

Runs ``pyside6-lupdate`` over the GUI sources (new strings are added to the
``.ts`` files as unfinished, existing translations are kept), writes the core's
message catalog into ``core_messages_<lang>.ts`` and the log lines' templates
into ``log_messages_<lang>.ts`` the same way (:mod:`~callcenter_ai.gui.i18n.core_catalog`,
:mod:`~callcenter_ai.gui.i18n.log_catalog`) and runs ``pyside6-lrelease`` to
compile both into the ``.qm`` file the app loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from callcenter_ai.gui.i18n import I18N_DIR, LANGUAGES, log_catalog
from callcenter_ai.gui.i18n.core_catalog import TRANSLATED_LANGUAGES, ts_path, update_ts


def tool(name: str) -> str:
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials in this environment")
    return found


def main() -> int:
    sources = sorted(str(p) for p in I18N_DIR.parent.glob("*.py"))
    for language in LANGUAGES:
        ts = I18N_DIR / f"callcenter_{language}.ts"
        subprocess.run(
            [tool("pyside6-lupdate"), "-no-obsolete", "-source-language", "en", "-target-language", language,
             *sources, "-ts", str(ts)],
            check=True,
        )  # fmt: skip
        inputs = [str(ts)]
        if language in TRANSLATED_LANGUAGES:
            done, unfinished = update_ts(language)
            print(f"{ts_path(language).name}: {done} translated, {unfinished} unfinished")
            inputs.append(str(ts_path(language)))
            log_ts = log_catalog.ts_path(language)
            done, unfinished = update_ts(language, log_ts, log_catalog.CONTEXT, log_catalog.log_sources())
            print(f"{log_ts.name}: {done} translated, {unfinished} unfinished")
            inputs.append(str(log_ts))
        subprocess.run([tool("pyside6-lrelease"), *inputs, "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
