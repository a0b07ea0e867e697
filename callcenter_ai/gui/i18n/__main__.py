"""Refresh the translation files: ``python -m callcenter_ai.gui.i18n``.

Runs ``pyside6-lupdate`` over the GUI sources (new strings are added to the
``.ts`` files as unfinished, existing translations are kept) and
``pyside6-lrelease`` to compile the ``.qm`` files the app loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from callcenter_ai.gui.i18n import I18N_DIR, LANGUAGES


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
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
