"""Memory, CPU and GPU diagnostics for CallCenter AI administrators.

    python memory_diagnostics.py [--json] [--load-model [NAME|PATH]] [--home DIR]

Same report as ``python -m callcenter_ai diagnose``.  Exit status: 0 all well,
1 with warnings, 2 with errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from callcenter_ai.cli.diagnose_cmd import main as diagnose_main

    return diagnose_main(argv)


if __name__ == "__main__":
    sys.exit(main())
