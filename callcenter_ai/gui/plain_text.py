"""What an operator reads, without what is meant for admins: model ids, command lines, option names.

The core's notes and hints carry them (``offline/usem3@512``, ``(или `python -m callcenter_ai index`)``,
``--skip-invalid``, ``side_vectors``); the window shows the plain sentence and keeps the full text in
tooltips and in a dialog's «Подробности».
"""

from __future__ import annotations

import re

# «offline/usem3@512», «Qwen/Qwen3-Embedding-0.6B»: two parts, never a piece of a path («/data/in/calls.jsonl:2»)
MODEL_ID = re.compile(r"\s*(?<![\w./-])[\w.-]+/[\w.@-]+(?![\w./@-])(?!:\d)")
CLI_ASIDE = re.compile(r"\s*\([^()]*(?:`|--\w)[^()]*\)")  # «(или `python -m callcenter_ai index`)», «(--home)»
TECHNICAL = re.compile(r"`|--\w|\b[a-z]+_[a-z_]+\b|\w=\w")  # a command, a flag, an option name or value
_SPACE_BEFORE_MARK = re.compile(r"\s+([.,;:)])")


def for_operator(text: str) -> str:
    """``text`` without command-line asides and model ids."""
    plain = MODEL_ID.sub("", CLI_ASIDE.sub("", text))
    return _SPACE_BEFORE_MARK.sub(r"\1", plain).strip()


def operator_hint(text: str) -> str:
    """A hint as an operator can follow it; "" when what is left still needs a command line or a setting."""
    plain = for_operator(text)
    return "" if TECHNICAL.search(plain) else plain
