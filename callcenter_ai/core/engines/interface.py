"""One store, two engines: what every engine provides, one protocol per concern.

SQLite + FAISS (the embedded default, :mod:`.sqlite`) and PostgreSQL +
pgvector (:mod:`.pg`) both implement these; :func:`.selection.open_engine`
picks one from the ``database_url`` setting, once.  Callers use the protocols
only: engine specifics (FTS5 or ``tsvector('russian')``, FAISS or an HNSW
index) stay inside the engine's module.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.feedback.ratings import NewRating, Rating
from callcenter_ai.core.feedback.sources import FeedbackSource
from callcenter_ai.core.index.report import IndexProgress, IndexReport
from callcenter_ai.core.records import CallRecord, Chunk, StoredCall
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.search.query_vectors import EmbedderFactory
from callcenter_ai.core.search.results import SearchResults
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store.sql import Sql

UpsertOutcome = Literal["inserted", "updated", "unchanged"]


@dataclass(frozen=True)
class TurnMatch:
    """A turn explaining a keyword match: its position (``turn``), score and text with matches marked «[...]»."""

    turn: int
    speaker: str
    score: float
    highlighted: str


class Calls(Protocol):
    """Calls and their turns, plus the store's key/value facts."""

    def transaction(self) -> AbstractContextManager[object]:
        """All writes inside commit together or not at all; nestable on one thread."""
        ...

    def upsert_call(self, record: CallRecord, *, now: str | None = None) -> tuple[UpsertOutcome, int]: ...
    def upsert_calls(self, records: Sequence[CallRecord], *, now: str | None = None) -> list[tuple[UpsertOutcome, int]]:
        """:meth:`upsert_call` of each record, in order (a server writes them in a few statements)."""
        ...

    def delete_calls(self, dialog_ids: Iterable[str]) -> int: ...
    def call_id(self, dialog_id: str) -> int: ...
    def get_calls(self, call_ids: Sequence[int]) -> list[StoredCall]: ...
    def iter_call_ids(self, batch: int = 1000) -> Iterator[list[int]]: ...
    def count(self, table: str) -> int: ...
    def distinct(self, column: str) -> list[str]: ...
    def value_counts(self, column: str) -> list[tuple[str, int]]:
        """(value, calls) for each non-empty value of ``column``, by value."""
        ...

    def span(self) -> tuple[str | None, str | None, float | None, float | None]:
        """The first and last call's start, the mean turns per call and the mean duration (None: no calls)."""
        ...

    def set_info(self, key: str, value: str) -> None: ...
    def info(self, key: str) -> str | None: ...


class Vectors(Protocol):
    """Chunk and call vectors per model id, and the nearest-neighbour search over them."""

    def pending_calls(self, model_id: str, limit: int | None = None) -> list[tuple[int, str]]: ...
    def save_call_embedding(
        self,
        call_id: int,
        model_id: str,
        content_hash: str,
        chunks: Sequence[Chunk],
        vectors: FloatArray,
        call_vector: FloatArray,
    ) -> list[int]:
        """Replace the call's chunks of ``model_id`` (``vectors[i]`` is ``chunks[i]``'s); returns their ids."""
        ...

    def call_vector(self, call_id: int, model_id: str, *, side: str | None = None) -> FloatArray | None:
        """The call's vector; with ``side``, the normalised mean of that side's chunks (None: none stored)."""
        ...

    def embedded_count(self, model_id: str) -> int: ...
    def embedded_models(self) -> dict[str, int]: ...
    def spaces(self) -> dict[str, int]:
        """The vector spaces that hold vectors, with their dims (cheap: searches ask before each query)."""
        ...

    def update_index(self, model_id: str, dims: int) -> None:
        """Make the vectors saved so far searchable (FAISS files; the server's HNSW index needs nothing)."""
        ...

    def index_job(
        self, model_id: str, dims: int, *, rebuild: bool = False, cancel: Callable[[], bool] | None = None
    ) -> Generator[IndexProgress, None, IndexReport]:
        """:meth:`update_index` as a job: yields progress, returns what the index holds now."""
        ...

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
        """The ``k`` calls whose best chunk is closest (cosine) to ``query``, filters applied."""
        ...


class KeywordSearch(Protocol):
    """Full-text search with Russian (and English) stemming."""

    def sync(self, *, rebuild: bool = False) -> int:
        """Bring the keyword index up to date (``rebuild``: from scratch); returns the calls (re)indexed."""
        ...

    def search_calls(
        self, text: str, filters: SearchFilters, *, limit: int, exclude_call: int | None = None
    ) -> list[CallMatch]:
        """Calls matching ``text``: those holding every query word first, each tier by relevance.

        «"фраза"», «-исключить» and «OR» say themselves what must match (``query_syntax``).
        """
        ...

    def similar_calls(self, call_id: int, filters: SearchFilters, *, limit: int) -> tuple[list[CallMatch], list[str]]:
        """Calls sharing ``call_id``'s most distinctive words (it is left out), and those words."""
        ...

    def similar_turns(self, call_id: int, terms: Sequence[str], *, side: str | None = None) -> list[TurnMatch]:
        """The turns of ``call_id`` holding words :meth:`similar_calls` returned, best first."""
        ...

    def matched_turns(self, call_id: int, text: str, *, side: str | None = None) -> list[TurnMatch]:
        """The turns of ``call_id`` that explain the match, best first."""
        ...


class Ratings(Protocol):
    def add_rating(self, rating: NewRating) -> int:
        """Store one judgement (checked when ``rating`` was made); returns its id."""
        ...

    def list_ratings(self, *, model_id: str | None = None, latest_only: bool = False) -> list[Rating]: ...
    def rating_count(self, model_id: str | None = None) -> int: ...


class RerankerStates(Protocol):
    """The learned re-ranker of each model id: its matrix and its info record."""

    def save_reranker(self, model_id: str, matrix: FloatArray, info: dict[str, Any]) -> None: ...
    def load_reranker(self, model_id: str) -> tuple[FloatArray, dict[str, Any]] | None: ...


class Migrations(Protocol):
    def schema_version(self) -> int: ...
    def latest_version(self) -> int: ...


class Searcher(Protocol):
    """Free-text and similar-call search over one engine (the desktop's ``SearchService`` or the server's)."""

    def search(
        self,
        text: str,
        k: int | None = None,
        mode: str | None = None,
        filters: SearchFilters | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults: ...
    def similar(
        self,
        dialog_id: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults: ...
    def similar_many(
        self,
        dialog_ids: Sequence[str],
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> list[tuple[str, SearchResults]]: ...
    @property
    def index_model_id(self) -> str | None: ...
    def rerank_enabled(self) -> bool: ...
    def sync_keywords(self) -> int: ...


class Engine(Protocol):
    """One opened store: every concern, and what to close."""

    @property
    def name(self) -> str: ...
    @property
    def where(self) -> str:
        """The store for messages: the SQLite file, or the server's URL without its password."""
        ...

    @property
    def thread_safe(self) -> bool:
        """Whether threads may share this engine (a connection pool), or each needs its own (one connection)."""
        ...

    @property
    def calls(self) -> Calls: ...
    @property
    def vectors(self) -> Vectors: ...
    @property
    def keyword(self) -> KeywordSearch: ...
    @property
    def ratings(self) -> Ratings: ...
    @property
    def rerankers(self) -> RerankerStates: ...
    @property
    def migrations(self) -> Migrations: ...
    @property
    def sql(self) -> Sql:
        """The store's tables for the reports (topics, trends, saved searches): SQL with ``?`` placeholders."""
        ...

    def check(self) -> None:
        """Raise the store's damaged-database error before work that writes (nothing to check on a server)."""
        ...

    def assign_topics(self, model_id: str) -> int:
        """Newly embedded calls into the stored topics, if any (nearest centroid); returns the calls assigned."""
        ...

    def index_state(self, settings: Settings, model_id: str) -> dict[str, Any]:
        """What search would use for ``model_id``: ``state`` (absent, ready, damaged), ``path``, and more."""
        ...

    def feedback(self) -> FeedbackSource:
        """Ratings and what the re-ranker learns from (stored and cached vectors), and where it is kept."""
        ...

    def search_service(
        self, settings: Settings, embedder_factory: EmbedderFactory | None = None, *, model_id: str | None = None
    ) -> Searcher:
        """This engine's search (``model_id`` pins the vector space searched)."""
        ...

    def close(self) -> None: ...
    def __enter__(self) -> Engine: ...
    def __exit__(self, *exc: object) -> None: ...
