"""CallCenter AI's Russian desktop window: ``python gui_ru.py [--home DIR] [--screenshot FILE]``.

The window itself is :class:`callcenter_ai.gui.main_window.MainWindow`; this
module is the entry point (``run_gui_ru.py`` calls the same ``main``).
"""

from __future__ import annotations

import sys

from callcenter_ai.gui.app import build_parser, main

__all__ = ["build_parser", "main"]

if __name__ == "__main__":
    sys.exit(main())
