"""Start the CallCenter AI window: ``python run_gui_ru.py --help`` lists the options."""

from __future__ import annotations

import sys

from gui_ru import main

if __name__ == "__main__":
    sys.exit(main())
