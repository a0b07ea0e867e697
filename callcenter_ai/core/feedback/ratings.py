"""Operators' ratings: was a result call relevant for a query text or a source call?

One row per judgement, with who, when, the vector space (model id) that
served the result, and where and how it was served (rank, score, mode,
whether learned re-ranking was on).  A later judgement of the same pair does
not replace an earlier one; statistics and training use the latest.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from callcenter_ai.core.errors import ConfigError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.records import utc_now
from callcenter_ai.core.store.calls import CallStore
from callcenter_ai.core.store.database import translate_error

MAX_QUERY_CHARS = 10_000
MAX_COMMENT_CHARS = 2_000


@dataclass(frozen=True)
class Rating:
    """One stored judgement, with the calls' ids as users see them."""

    id: int
    query_text: str | None
    source_dialog_id: str | None
    result_dialog_id: str
    relevant: bool
    comment: str | None
    rater: str
    model_id: str
    rank: int | None
    score: float | None
    mode: str | None
    reranked: bool
    created_at: str
    # Row ids and the result call's topic, for grouping and vectors.
    source_call_id: int | None
    result_call_id: int
    result_topic: str | None

    @property
    def anchor_key(self) -> str:
        """Groups ratings made for the same query text or the same source call."""
        return f"call:{self.source_dialog_id}" if self.query_text is None else f"query:{self.query_text}"


@dataclass(frozen=True)
class NewRating:
    """One judgement to store, checked when made (every engine stores exactly this).

    Exactly one of ``query_text`` and ``source_dialog_id`` names what the
    result was served for; the query text is kept stripped.
    """

    result_dialog_id: str
    relevant: bool
    model_id: str
    query_text: str | None = None
    source_dialog_id: str | None = None
    comment: str | None = None
    rater: str = ""
    rank: int | None = None
    score: float | None = None
    mode: str | None = None
    reranked: bool = False
    created_at: str = field(default_factory=utc_now)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "query_text", checked_query(self.query_text, self.source_dialog_id, self.comment, self.rank)
        )

    def row(self, result_call_id: int, source_call_id: int | None) -> tuple[object, ...]:
        """The values of :data:`INSERT_COLUMNS`, with the calls' row ids."""
        return (
            self.query_text,
            source_call_id,
            result_call_id,
            bool(self.relevant),
            self.comment or None,
            self.rater,
            self.model_id,
            self.rank,
            self.score,
            self.mode,
            bool(self.reranked),
            self.created_at,
        )


INSERT_COLUMNS = (
    "query_text, source_call_id, result_call_id, relevant, comment, rater, model_id, rank, score, mode, reranked,"
    " created_at"
)


def add_rating(
    store: CallStore,
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
    """Store one judgement in the SQLite store; returns its id.  Unknown dialog ids raise ``NotFoundError``."""
    rating = NewRating(
        result_dialog_id, relevant, model_id, query_text, source_dialog_id, comment, rater, rank, score, mode, reranked
    )
    return insert_rating(store, rating if now is None else replace(rating, created_at=now))


def insert_rating(store: CallStore, rating: NewRating) -> int:
    """Store ``rating`` in the SQLite store; returns its id."""
    result_id = store.call_id(rating.result_dialog_id)
    source_id = store.call_id(rating.source_dialog_id) if rating.source_dialog_id is not None else None
    try:
        with store.transaction():
            cursor = store.db.execute(
                f"INSERT INTO ratings ({INSERT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                rating.row(result_id, source_id),
            )
    except sqlite3.Error as exc:
        raise translate_error(exc, store.path) from exc
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def checked_query(
    query_text: str | None, source_dialog_id: str | None, comment: str | None, rank: int | None
) -> str | None:
    """The stripped query text of a new rating; a ConfigError when the rating is not valid."""
    query = query_text.strip() if query_text is not None else None
    if (query is None) == (source_dialog_id is None):
        raise ConfigError(msg("rating.query_or_source"))
    if query is not None and not query:
        raise ConfigError(msg("rating.empty_query"))
    if query is not None and len(query) > MAX_QUERY_CHARS:
        raise ConfigError(msg("rating.query_too_long", limit=MAX_QUERY_CHARS))
    if comment is not None and len(comment) > MAX_COMMENT_CHARS:
        raise ConfigError(msg("rating.comment_too_long", limit=MAX_COMMENT_CHARS))
    if rank is not None and rank < 1:
        raise ConfigError(msg("rating.bad_rank", rank=rank))
    return query


RATING_SELECT = (
    "SELECT r.id, r.query_text, s.external_id, c.external_id, r.relevant, r.comment, r.rater, r.model_id, r.rank,"
    " r.score, r.mode, r.reranked, r.created_at, r.source_call_id, r.result_call_id, c.topic"
    " FROM ratings r JOIN calls c ON c.id = r.result_call_id LEFT JOIN calls s ON s.id = r.source_call_id"
)


def list_ratings(db: sqlite3.Connection, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]:
    """Ratings oldest first; ``latest_only`` keeps the last judgement of each (anchor, result, rater)."""
    sql = RATING_SELECT + (" WHERE r.model_id = ?" if model_id is not None else "") + " ORDER BY r.created_at, r.id"
    params: tuple[object, ...] = (model_id,) if model_id is not None else ()
    ratings = [rating_from_row(row) for row in db.execute(sql, params)]
    return latest_of(ratings) if latest_only else ratings


def latest_of(ratings: Sequence[Rating]) -> list[Rating]:
    """The last judgement of each (anchor, result, rater), oldest first."""
    latest: dict[tuple[str, int, str], Rating] = {}
    for rating in ratings:
        latest[(rating.anchor_key, rating.result_call_id, rating.rater)] = rating
    return sorted(latest.values(), key=lambda r: (r.created_at, r.id))


def rating_count(db: sqlite3.Connection, model_id: str | None = None) -> int:
    if model_id is None:
        return int(db.execute("SELECT count(*) FROM ratings").fetchone()[0])
    return int(db.execute("SELECT count(*) FROM ratings WHERE model_id = ?", (model_id,)).fetchone()[0])


def rating_from_row(row: Sequence[Any]) -> Rating:
    (rid, query, source, result, relevant, comment, rater, model_id, rank, score, mode, reranked, created) = row[:13]
    return Rating(
        id=int(rid),
        query_text=query,
        source_dialog_id=source,
        result_dialog_id=str(result),
        relevant=bool(relevant),
        comment=comment,
        rater=str(rater),
        model_id=str(model_id),
        rank=rank,
        score=score,
        mode=mode,
        reranked=bool(reranked),
        created_at=str(created),
        source_call_id=row[13],
        result_call_id=int(row[14]),
        result_topic=row[15],
    )
