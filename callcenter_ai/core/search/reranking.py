"""Re-ranking learned from ratings, as the search service applies it.

The service asks :class:`RerankerCache` for the re-ranker of its index's
vector space before each semantic or hybrid query.  It is on when an adapter
was trained for that model id (``indexes/rerank/<model>.npy`` + ``.json``)
and at least ``settings.rerank_min_ratings`` ratings exist, the same rule as
:func:`callcenter_ai.core.feedback.rerank_state`.  The loaded adapter is kept
and read again only when its files change on disk (the HTTP API retrains in
the background while serving).
"""

from __future__ import annotations

import dataclasses
import logging
import math
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.feedback.learning import Reranker, adapter_paths, load_reranker
from callcenter_ai.core.feedback.ratings import rating_count
from callcenter_ai.core.search.results import SearchResult
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore

log = logging.getLogger(__name__)

FileStamp = tuple[int, int, int] | None  # (inode, mtime_ns, size): a replaced file gets a new inode


def _file_stamp(path: Path) -> FileStamp:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class RerankerCache:
    """The re-ranker of one settings' index folder, loaded once and reloaded when its files change."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._key: tuple[str, FileStamp, FileStamp] | None = None
        self._reranker: Reranker | None = None

    def get(self, store: CallStore, model_id: str, dims: int) -> Reranker | None:
        """The re-ranker for ``model_id`` when re-ranking is on for it, else None."""
        try:
            ratings = rating_count(store.db)
        except sqlite3.Error as exc:
            log.warning("cannot count ratings, not re-ranking: %s", exc)
            return None
        if ratings < self.settings.rerank_min_ratings:
            return None
        matrix_path, info_path = adapter_paths(self.settings, model_id)
        key = (model_id, _file_stamp(matrix_path), _file_stamp(info_path))
        if key[1] is None or key[2] is None:
            self._key, self._reranker = key, None
            return None
        if key != self._key:
            self._reranker = load_reranker(self.settings, model_id)
            self._key = key
            if self._reranker is not None:
                log.info(
                    "re-ranker for %s loaded (trained %s on %s ratings)",
                    model_id,
                    self._reranker.info.get("trained_at"),
                    self._reranker.info.get("ratings_used"),
                )
        reranker = self._reranker
        if reranker is not None and reranker.adapter.dims != dims:
            log.warning("re-ranker for %s has %d dims, the index %d: not used", model_id, reranker.adapter.dims, dims)
            return None
        return reranker


def apply_reranker(
    reranker: Reranker, store: CallStore, anchor: FloatArray, results: Sequence[SearchResult], k: int
) -> list[SearchResult]:
    """The best ``k`` of ``results`` by the learned score, ranks renumbered, each marked re-ranked.

    Calls without a stored vector in the re-ranker's space keep their plain
    order after the scored ones, with ``rerank_score`` None.
    """
    by_call = {r.call_id: r for r in results}
    ordered = reranker.rerank(store, anchor, [r.call_id for r in results])
    return [
        dataclasses.replace(
            by_call[call_id],
            rank=position,
            reranked=True,
            rerank_score=None if math.isnan(score) else score,
        )
        for position, (call_id, score) in enumerate(ordered[:k], start=1)
    ]


def top_results(
    store: CallStore, results: list[SearchResult], k: int, reranker: Reranker | None, anchor: FloatArray | None
) -> list[SearchResult]:
    """The first ``k`` results; re-ranked first when there is a re-ranker, an anchor vector, and a dense part."""
    if reranker is None or anchor is None or not results or results[0].mode == "keyword":
        return results[:k]
    return apply_reranker(reranker, store, anchor, results, k)
