"""Chunk and call vectors in pgvector; the server finds the nearest chunks (cosine, HNSW, filters in the same SQL).

Vector spaces of different sizes share one ``vector`` column.  Each space
gets one partial HNSW index per side over ``embedding::vector(dims)``
(cosine), created in the transaction that stores its first vectors; queries
use the same expression and conditions, so the planner picks that index.
An HNSW scan stops after ``hnsw.ef_search`` candidates and the filters come
after it: when a filtered query returns fewer rows than it asked for, it is
run again exactly (no index), which is what the SQLite engine's exact
fallback does for small filtered sets too.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Generator, Sequence
from typing import Any

import numpy as np
from psycopg import sql

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.pg.database import PgDatabase
from callcenter_ai.core.index.report import IndexProgress, IndexReport
from callcenter_ai.core.records import Chunk, utc_now
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.filters import SearchFilters, calls_where
from callcenter_ai.core.store.vectors import StoredChunk

SIDES = ("all", "operator", "client")
# hnsw.ef_search at least (pgvector's default is 40): on 100k synthetic 256-d vectors recall@10 0.984
# instead of 0.938 at about the same latency (benchmarks/bench_pgvector.py, docs/DEPLOY.md).
EF_SEARCH_MIN = 100
EF_SEARCH_MAX = 1000  # pgvector's upper limit for hnsw.ef_search
CHUNKS_PER_CALL = 4


def pg_calls_where(filters: SearchFilters, alias: str = "c") -> tuple[str, list[Any]]:
    """The call filters as PostgreSQL conditions (the same ones the SQLite engine uses)."""
    where, params = calls_where(filters, alias)
    return ("TRUE" if where == "1" else where.replace("?", "%s")), params


def _index_name(model_id: str, side: str) -> str:
    return f"chunks_hnsw_{hashlib.sha256(model_id.encode()).hexdigest()[:16]}_{side}"


def _vector_expr(dims: int, column: str = "embedding") -> sql.Composable:
    return sql.SQL("({}::vector({}))").format(sql.SQL(column), sql.Literal(int(dims)))


class PgVectors:
    def __init__(self, database: PgDatabase) -> None:
        self.database = database

    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]:
        rows = self.database.execute(
            "SELECT c.id, c.content_hash FROM calls c LEFT JOIN call_vectors v"
            " ON v.call_id = c.id AND v.model_id = %s WHERE v.content_hash IS NULL"
            " OR v.content_hash != c.content_hash ORDER BY c.id LIMIT %s",
            (model_id, limit),
        )
        return [(int(r[0]), str(r[1])) for r in rows]

    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: FloatArray,
        call_vector: FloatArray,
    ) -> list[int]:
        """Replace the call's chunks for ``model_id``; returns the new chunk ids in chunk order."""
        dims = int(call_vector.shape[0])
        if len(vectors) != len(chunks):
            raise ValueError(f"{len(chunks)} chunks but {len(vectors)} vectors")
        for chunk, vector in zip(chunks, vectors, strict=True):
            if vector.shape != (dims,):
                raise ValueError(f"chunk {chunk.chunk_no} has shape {vector.shape}, expected ({dims},)")
        with self.database.transaction() as conn:
            self._ensure_space(conn, model_id, dims)
            conn.execute("DELETE FROM chunks WHERE call_id = %s AND model_id = %s", (call_id, model_id))
            ids = []
            for chunk, vector in zip(chunks, vectors, strict=True):
                row = conn.execute(
                    "INSERT INTO chunks (call_id, model_id, chunk_no, first_turn, last_turn, side, token_count, dims,"
                    " embedding) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) RETURNING id",
                    (
                        call_id,
                        model_id,
                        chunk.chunk_no,
                        chunk.first_turn,
                        chunk.last_turn,
                        chunk.side,
                        chunk.token_count,
                        dims,
                        np.asarray(vector, dtype=np.float32),
                    ),
                ).fetchone()
                assert row is not None
                ids.append(int(row[0]))
            conn.execute(
                "INSERT INTO call_vectors (call_id, model_id, content_hash, dims, embedding, embedded_at)"
                " VALUES (%s,%s,%s,%s,%s,%s) ON CONFLICT (call_id, model_id) DO UPDATE SET"
                " content_hash = EXCLUDED.content_hash, dims = EXCLUDED.dims, embedding = EXCLUDED.embedding,"
                " embedded_at = EXCLUDED.embedded_at",
                (call_id, model_id, content_hash, dims, np.asarray(call_vector, dtype=np.float32), utc_now()),
            )
        return ids

    def _ensure_space(self, conn: Any, model_id: str, dims: int) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('vector space ' || %s))", (model_id,))
        if conn.execute("SELECT 1 FROM vector_spaces WHERE model_id = %s", (model_id,)).fetchone():
            return
        for side in SIDES:
            conn.execute(
                sql.SQL(
                    "CREATE INDEX IF NOT EXISTS {} ON chunks USING hnsw ({} vector_cosine_ops)"
                    " WHERE model_id = {} AND side = {}"
                ).format(sql.Identifier(_index_name(model_id, side)), _vector_expr(dims), model_id, side)
            )
        conn.execute("INSERT INTO vector_spaces (model_id, dims) VALUES (%s, %s)", (model_id, dims))

    def call_vector(self, call_id: int, model_id: str, *, side: str | None = None) -> FloatArray | None:
        if side is None:
            value = self.database.scalar(
                "SELECT embedding FROM call_vectors WHERE call_id = %s AND model_id = %s", (call_id, model_id)
            )
            return None if value is None else np.asarray(value.to_numpy(), dtype=np.float32)
        rows = self.database.execute(
            "SELECT embedding FROM chunks WHERE call_id = %s AND model_id = %s AND side = %s", (call_id, model_id, side)
        )
        if not rows:
            return None
        mean = np.mean([np.asarray(r[0].to_numpy(), dtype=np.float32) for r in rows], axis=0)
        norm = float(np.linalg.norm(mean))
        return (mean / norm).astype(np.float32) if norm > 0 else None

    def spaces(self) -> dict[str, int]:
        rows = self.database.execute(
            "SELECT s.model_id, s.dims FROM vector_spaces s"
            " WHERE EXISTS (SELECT 1 FROM call_vectors v WHERE v.model_id = s.model_id)"
        )
        return {str(r[0]): int(r[1]) for r in rows}

    def embedded_models(self) -> dict[str, int]:
        rows = self.database.execute("SELECT model_id, count(*) FROM call_vectors GROUP BY model_id ORDER BY model_id")
        return {str(r[0]): int(r[1]) for r in rows}

    def embedded_count(self, model_id: str) -> int:
        return int(
            self.database.scalar(
                "SELECT count(*) FROM call_vectors v JOIN calls c ON c.id = v.call_id"
                " WHERE v.model_id = %s AND v.content_hash = c.content_hash",
                (model_id,),
            )
        )

    def update_index(self, model_id: str, dims: int) -> None:
        """Nothing to do: the HNSW index is updated by the server with every insert."""

    def index_job(
        self, model_id: str, dims: int, *, rebuild: bool = False, cancel: Callable[[], bool] | None = None
    ) -> Generator[IndexProgress, None, IndexReport]:
        """Nothing to build: says what the server's HNSW index of ``model_id`` holds per side."""
        started = time.perf_counter()
        yield IndexProgress("compare", "all", 0, 1)
        rows = self.database.execute(
            "SELECT side, count(*) FROM chunks WHERE model_id = %s GROUP BY side ORDER BY side", (model_id,)
        )
        vectors = {str(side): int(count) for side, count in rows}
        report = IndexReport(model_id=model_id, unchanged_calls=self.embedded_count(model_id), vectors=vectors)
        report.kinds = dict.fromkeys(vectors, "hnsw")
        report.seconds = time.perf_counter() - started
        yield IndexProgress("compare", "all", 1, 1)
        return report

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
        """The ``k`` best calls (best chunk per call, cosine similarity), computed by the server."""
        if side not in SIDES:
            raise ValueError(side)
        dims = int(query.shape[0])
        vector = np.asarray(query, dtype=np.float32)
        where, params = pg_calls_where(filters)
        conditions = sql.SQL("ch.model_id = {} AND ch.side = {} AND ").format(model_id, side) + sql.SQL(where)
        if exclude_call is not None:
            conditions += sql.SQL(" AND ch.call_id != %s")
            params = [*params, exclude_call]
        distance = _vector_expr(dims, "ch.embedding") + sql.SQL(" <=> %s::vector({})").format(sql.Literal(dims))
        query_sql = sql.SQL(
            "SELECT ch.id, ch.call_id, ch.chunk_no, ch.first_turn, ch.last_turn, ch.side, 1 - ({d}) AS score"
            " FROM chunks ch JOIN calls c ON c.id = ch.call_id WHERE {w} ORDER BY {d} LIMIT %s"
        ).format(d=distance, w=conditions)
        fetch = max(k * CHUNKS_PER_CALL, 32)
        exact = False
        while True:
            with self.database.transaction() as conn:
                if exact:
                    conn.execute("SET LOCAL enable_indexscan = off")
                else:
                    conn.execute(
                        sql.SQL("SET LOCAL hnsw.ef_search = {}").format(min(EF_SEARCH_MAX, max(EF_SEARCH_MIN, fetch)))
                    )
                rows = conn.execute(query_sql, [vector, *params, vector, fetch]).fetchall()
            hits = _aggregate(rows)
            if len(hits) >= k or (exact and len(rows) < fetch):
                return hits[:k]
            if len(rows) < fetch:
                exact = True  # the index ran out of candidates before the filters were met
            else:
                fetch *= 4


def _aggregate(rows: Sequence[Sequence[Any]]) -> list[CallHit]:
    by_call: dict[int, CallHit] = {}
    for chunk_id, call_id, chunk_no, first_turn, last_turn, side, score in rows:
        ref = StoredChunk(int(chunk_id), int(call_id), int(chunk_no), int(first_turn), int(last_turn), side)
        hit = by_call.get(ref.call_id)
        if hit is None:
            by_call[ref.call_id] = CallHit(ref.call_id, float(score), [(ref, float(score))])
        elif len(hit.chunks) < 3:
            hit.chunks.append((ref, float(score)))
    return sorted(by_call.values(), key=lambda h: (-h.score, h.call_id))
