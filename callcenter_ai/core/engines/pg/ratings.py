"""Operators' ratings and the learned re-ranker's state in PostgreSQL (one archive trains one re-ranker)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.pg.calls import PgCalls
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.feedback.ratings import RATING_SELECT, Rating, checked_query, latest_of, rating_from_row
from callcenter_ai.core.records import utc_now


class PgRatings:
    def __init__(self, database: PgDatabase, calls: PgCalls) -> None:
        self.database = database
        self.calls = calls

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
        query = checked_query(query_text, source_dialog_id, comment, rank)
        result_id = self.calls.call_id(result_dialog_id)
        source_id = self.calls.call_id(source_dialog_id) if source_dialog_id is not None else None
        value = self.database.scalar(
            "INSERT INTO ratings (query_text, source_call_id, result_call_id, relevant, comment, rater, model_id,"
            " rank, score, mode, reranked, created_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
            (
                query,
                source_id,
                result_id,
                bool(relevant),
                comment or None,
                rater,
                model_id,
                rank,
                score,
                mode,
                bool(reranked),
                now or utc_now(),
            ),
        )
        return int(value)

    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]:
        sql = (
            RATING_SELECT + (" WHERE r.model_id = %s" if model_id is not None else "") + " ORDER BY r.created_at, r.id"
        )
        rows = self.database.execute(sql, (model_id,) if model_id is not None else None)
        ratings = [rating_from_row(row) for row in rows]
        return latest_of(ratings) if latest_only else ratings

    def rating_count(self, model_id: str | None = None) -> int:
        if model_id is None:
            return int(self.database.scalar("SELECT count(*) FROM ratings"))
        return int(self.database.scalar("SELECT count(*) FROM ratings WHERE model_id = %s", (model_id,)))


class PgRerankerStates:
    def __init__(self, database: PgDatabase) -> None:
        self.database = database

    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None:
        square = np.ascontiguousarray(matrix, dtype="<f4")
        if square.ndim != 2 or square.shape[0] != square.shape[1]:
            raise ValueError(f"a re-ranker matrix is square, got {square.shape}")
        self.database.execute(
            "INSERT INTO reranker_state (model_id, matrix, dims, info) VALUES (%s, %s, %s, %s::jsonb)"
            " ON CONFLICT (model_id) DO UPDATE SET matrix = EXCLUDED.matrix, dims = EXCLUDED.dims,"
            " info = EXCLUDED.info, saved_at = now()",
            (model_id, square.tobytes(), square.shape[0], json.dumps(info)),
        )

    def load_reranker(self, model_id: str) -> tuple[FloatArray, dict[str, Any]] | None:
        rows = self.database.execute("SELECT matrix, dims, info FROM reranker_state WHERE model_id = %s", (model_id,))
        if not rows:
            return None
        blob, dims, info = rows[0]
        matrix = np.frombuffer(bytes(blob), dtype="<f4").reshape(int(dims), int(dims)).astype(np.float32)
        return matrix, dict(info)
