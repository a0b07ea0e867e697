"""``python -m callcenter_ai``: the command line."""

import sys

from callcenter_ai.cli.main import main

sys.exit(main())
