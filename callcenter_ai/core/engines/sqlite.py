"""The embedded engine: SQLite (FTS5 keyword index) + FAISS, one desktop's home folder, behind the engine protocols."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.interface import TurnMatch
from callcenter_ai.core.errors import IndexFileError
from callcenter_ai.core.feedback import ratings as rating_rows
from callcenter_ai.core.feedback.learning import adapter_paths
from callcenter_ai.core.feedback.ratings import Rating
from callcenter_ai.core.index.manifest import manifest_path
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.records import Chunk
from callcenter_ai.core.search.dense import CallHit, dense_call_hits
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.keyword import CallMatch, keyword_calls, query_phrases
from callcenter_ai.core.search.keyword_turns import TurnExplainer
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec
from callcenter_ai.core.store.keywords import keyword_index_is_stale, sync_keyword_index
from callcenter_ai.core.store.migrations import latest_version
from callcenter_ai.core.text import stem, stems

_WORD = re.compile(r"[^\W_]+")


def highlight(text: str, terms: Sequence[str], *, prefixes: bool = True) -> str:
    """``text`` with the words whose stems match ``terms`` (as keyword search matches them) marked «[...]»."""
    phrases = query_phrases(terms, prefixes=prefixes)

    def matches(word: str) -> bool:
        token = stem(word.lower().replace("ё", "е"))
        return any(token.startswith(p) if is_prefix else token == p for p, is_prefix in phrases)

    return _WORD.sub(lambda m: f"[{m.group(0)}]" if matches(m.group(0)) else m.group(0), text)


class SqliteVectors:
    def __init__(self, store: CallStore, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._index: tuple[tuple[str, int], VectorIndex] | None = None

    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]:
        return vec.pending_calls(self.store.db, model_id, limit)

    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: FloatArray,
        call_vector: FloatArray,
    ) -> list[int]:
        args = (self.store.db, call_id, model_id, content_hash, chunks, vectors, call_vector)
        if self.store.db.in_transaction:
            return vec.save_call_embedding(*args)
        with self.store.transaction():
            return vec.save_call_embedding(*args)

    def call_vector(self, call_id: int, model_id: str) -> FloatArray | None:
        return vec.call_vector(self.store.db, call_id, model_id)

    def embedded_count(self, model_id: str) -> int:
        return vec.embedded_count(self.store.db, model_id)

    def embedded_models(self) -> dict[str, int]:
        return vec.embedded_models(self.store.db)

    def update_index(self, model_id: str, dims: int) -> None:
        update_index(self.store, model_id, dims, self.settings.index_dir)

    def nearest_calls(
        self,
        model_id: str,
        query: FloatArray,
        k: int,
        *,
        side: str = "all",
        filters: SearchFilters,
        exclude_call: int | None = None,
    ) -> list[CallHit]:
        """Through the FAISS index of ``model_id`` in the home's ``indexes/`` (built by the index job)."""
        path = manifest_path(self.settings.index_dir, model_id)
        if not path.exists():
            raise IndexFileError(msg("search.no_index", folder=self.settings.index_dir), hint=HINTS["search.no_index"])
        stamp = (model_id, path.stat().st_mtime_ns)
        if self._index is None or self._index[0] != stamp:
            self._index = (stamp, VectorIndex.load(self.settings.index_dir, model_id, mapped=True))
        index = self._index[1]
        return dense_call_hits(self.store.db, index, query, k, side=side, filters=filters, exclude_call=exclude_call)


class SqliteKeywordSearch:
    def __init__(self, store: CallStore) -> None:
        self.store = store

    def sync(self) -> int:
        return sync_keyword_index(self.store.db) if keyword_index_is_stale(self.store.db) else 0

    def search_calls(
        self, text: str, filters: SearchFilters, *, limit: int, exclude_call: int | None = None
    ) -> list[CallMatch]:
        self.sync()
        return keyword_calls(
            self.store.db, stems(text), filters, limit=limit, exclude_call=exclude_call, all_terms_first=True
        )

    def matched_turns(self, call_id: int, text: str, *, side: str | None = None) -> list[TurnMatch]:
        self.sync()
        terms = stems(text)
        hits = TurnExplainer(self.store.db, terms).turns(call_id, side=side)
        calls = self.store.get_calls([call_id])
        if not calls:
            return []
        turns = calls[0].turns
        return [TurnMatch(h.turn, h.speaker, h.score, highlight(turns[h.turn].text, terms)) for h in hits]


class SqliteRatings:
    def __init__(self, store: CallStore) -> None:
        self.store = store

    def add_rating(
        self,
        *,
        result_dialog_id: str,
        relevant: bool,
        model_id: str,
        query_text: str | None = None,
        source_dialog_id: str | None = None,
        comment: str | None = None,
        rater: str = "",
        rank: int | None = None,
        score: float | None = None,
        mode: str | None = None,
        reranked: bool = False,
        now: str | None = None,
    ) -> int:
        return rating_rows.add_rating(
            self.store,
            result_dialog_id=result_dialog_id,
            relevant=relevant,
            model_id=model_id,
            query_text=query_text,
            source_dialog_id=source_dialog_id,
            comment=comment,
            rater=rater,
            rank=rank,
            score=score,
            mode=mode,
            reranked=reranked,
            now=now,
        )

    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]:
        return rating_rows.list_ratings(self.store.db, model_id=model_id, latest_only=latest_only)

    def rating_count(self, model_id: str | None = None) -> int:
        return rating_rows.rating_count(self.store.db, model_id)


class SqliteRerankerStates:
    """The re-ranker's files next to the indexes (``indexes/rerank/<model>.npy`` + ``.json``)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None:
        matrix_path, info_path = adapter_paths(self.settings, model_id)
        matrix_path.parent.mkdir(parents=True, exist_ok=True)
        tmp_matrix = matrix_path.with_name(matrix_path.stem + ".tmp.npy")
        np.save(tmp_matrix, np.asarray(matrix, dtype=np.float32), allow_pickle=False)
        os.replace(tmp_matrix, matrix_path)
        tmp_info = info_path.with_suffix(".json.tmp")
        tmp_info.write_text(json.dumps(info, indent=2), encoding="utf-8")
        os.replace(tmp_info, info_path)

    def load_reranker(self, model_id: str) -> tuple[FloatArray, dict[str, Any]] | None:
        matrix_path, info_path = adapter_paths(self.settings, model_id)
        if not matrix_path.exists() or not info_path.exists():
            return None
        matrix = np.load(matrix_path, allow_pickle=False).astype(np.float32)
        info: dict[str, Any] = json.loads(info_path.read_text(encoding="utf-8"))
        return matrix, info


class SqliteMigrations:
    def __init__(self, store: CallStore) -> None:
        self.store = store

    def schema_version(self) -> int:
        return int(self.store.db.execute("PRAGMA user_version").fetchone()[0])

    def latest_version(self) -> int:
        return latest_version()


class SqliteEngine:
    """Every concern over the home's SQLite file and index folder."""

    name = "sqlite"

    def __init__(self, settings: Settings, *, readonly: bool = False) -> None:
        self.store = CallStore.open(settings.db_path, readonly=readonly)
        self.calls = self.store
        self.vectors = SqliteVectors(self.store, settings)
        self.keyword = SqliteKeywordSearch(self.store)
        self.ratings = SqliteRatings(self.store)
        self.rerankers = SqliteRerankerStates(settings)
        self.migrations = SqliteMigrations(self.store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> SqliteEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
