"""Operators' ratings and the learned re-ranker's state in PostgreSQL (one archive trains one re-ranker)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.pg.calls import PgCalls
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.feedback.ratings import (
    INSERT_COLUMNS,
    RATING_SELECT,
    NewRating,
    Rating,
    latest_of,
    rating_from_row,
)
from callcenter_ai.core.feedback.reranker import usable_info


class PgRatings:
    def __init__(self, database: PgDatabase, calls: PgCalls) -> None:
        self.database = database
        self.calls = calls

    def add_rating(self, rating: NewRating) -> int:
        result_id = self.calls.call_id(rating.result_dialog_id)
        source_id = self.calls.call_id(rating.source_dialog_id) if rating.source_dialog_id is not None else None
        value = self.database.scalar(
            f"INSERT INTO ratings ({INSERT_COLUMNS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
            rating.row(result_id, source_id),
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
        if usable_info(dict(info), model_id) is None:
            return None
        matrix = np.frombuffer(bytes(blob), dtype="<f4").reshape(int(dims), int(dims)).astype(np.float32)
        return matrix, dict(info)
