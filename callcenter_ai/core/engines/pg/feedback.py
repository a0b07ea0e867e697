"""Operators' feedback on the server: ratings, rated calls and their vectors, cached query vectors, the re-ranker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.pg.calls import PgCalls
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.engines.pg.ratings import PgRatings, PgRerankerStates
from callcenter_ai.core.feedback.ratings import Rating
from callcenter_ai.core.records import StoredCall


class PgFeedbackSource:
    """The server's ratings and vectors; the trained adapter is kept in ``reranker_state`` for every desktop."""

    def __init__(self, database: PgDatabase, calls: PgCalls, ratings: PgRatings, rerankers: PgRerankerStates) -> None:
        self.database = database
        self.calls = calls
        self.ratings = ratings
        self.rerankers = rerankers

    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]:
        return self.calls.get_calls(call_ids)

    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]:
        return self.ratings.list_ratings(model_id=model_id, latest_only=latest_only)

    def rating_count(self, model_id: str | None = None) -> int:
        return self.ratings.rating_count(model_id)

    def call_vectors(self, model_id: str, call_ids: set[int]) -> dict[int, FloatArray]:
        rows = self.database.execute(
            "SELECT call_id, embedding FROM call_vectors WHERE model_id = %s AND call_id = ANY(%s)",
            (model_id, sorted(call_ids)),
        )
        return {int(r[0]): np.asarray(r[1].to_numpy(), dtype=np.float32) for r in rows}

    def cached_query_vectors(self, model_id: str, texts: Sequence[str]) -> dict[str, FloatArray]:
        rows = self.database.execute(
            "SELECT query_text, embedding FROM rating_query_vectors WHERE model_id = %s AND query_text = ANY(%s)",
            (model_id, sorted(set(texts))),
        )
        return {str(r[0]): np.asarray(r[1].to_numpy(), dtype=np.float32) for r in rows}

    def keep_query_vectors(self, model_id: str, vectors: Mapping[str, FloatArray]) -> None:
        with self.database.transaction() as conn:
            for text, vector in vectors.items():
                conn.execute(
                    "INSERT INTO rating_query_vectors (model_id, query_text, dims, embedding) VALUES (%s,%s,%s,%s)"
                    " ON CONFLICT (model_id, query_text) DO UPDATE SET dims = EXCLUDED.dims,"
                    " embedding = EXCLUDED.embedding",
                    (model_id, text, int(vector.shape[0]), np.asarray(vector, dtype=np.float32)),
                )

    def reranker_info(self, model_id: str) -> dict[str, Any] | None:
        saved = self.rerankers.load_reranker(model_id)
        return saved[1] if saved else None

    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None:
        self.rerankers.save_reranker(model_id, matrix, info)
