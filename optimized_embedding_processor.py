"""Qwen3-Embedding processor for CallCenter AI (entry point over callcenter_ai.core.embedding).

Import: ``from optimized_embedding_processor import OptimizedEmbeddingProcessor``.
Run: ``python optimized_embedding_processor.py [--home DIR] [--model NAME|PATH] [--limit N] [--json]`` embeds the
calls in the app's store that have no vectors for the model yet (same as ``python -m callcenter_ai embed``).
"""

from __future__ import annotations

import sys

from callcenter_ai.core.embedding import (
    EmbedProgress,
    EmbedSummary,
    OfflineEmbedder,
    OptimizedEmbeddingProcessor,
    embed_pending,
    get_embedder,
)

__all__ = [
    "EmbedProgress",
    "EmbedSummary",
    "OfflineEmbedder",
    "OptimizedEmbeddingProcessor",
    "embed_pending",
    "get_embedder",
]


def _cli_args(argv: list[str]) -> list[str]:
    """``embed`` with its flags; ``--home DIR`` (a global option) goes before the command."""
    globals_, rest = [], list(argv)
    while "--home" in rest:
        at = rest.index("--home")
        globals_ += rest[at : at + 2]
        del rest[at : at + 2]
    return [*globals_, "embed", *rest]


if __name__ == "__main__":
    from callcenter_ai.cli.main import main

    sys.exit(main(_cli_args(sys.argv[1:])))
