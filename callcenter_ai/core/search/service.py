"""The search service the GUI, the CLI and the HTTP API share (no Qt).

    service = SearchService(settings, store, embedder_factory=lambda: get_embedder(settings))
    results = service.search("двойное списание", k=10, mode="hybrid", filters=SearchFilters(side="client"))
    results.warnings  # notes on how it was served: catalog messages

* ``semantic``: the query is embedded with the model's query instruction
  (similar-to-call uses the call's stored vector: no model) and matched
  against chunk vectors in FAISS; a call scores by its best chunk.
  Similar-to-call re-scores the best calls by neighbour-augmented profiles
  when the setting ``similarity`` is ``neighbours`` (``similarity/``); free
  text keeps the plain cosine (augmentation lowered its MRR).
* ``keyword``: SQLite FTS5 over Snowball-stemmed text, BM25 over each call's
  text (or one side's), the matched turns scored by FTS5's BM25 for the
  explanation; similar-to-call queries with the call's most distinctive
  stems.  No model.
* ``hybrid``: both rankings fused by weighted reciprocal rank fusion
  (settings ``rrf_k``, ``dense_weight``, ``keyword_weight``).  Without a
  dense index or a model it falls back to keyword, with a note in the
  results' ``warnings`` (catalog messages, see :class:`SearchResults`).

Re-ranking learned from operators' ratings (``core.feedback``) is applied
here, for every caller, when it is on for the index's model id (a trained
adapter and at least ``rerank_min_ratings`` ratings) and the served mode is
not keyword: the search fetches ``candidate_count(k)`` candidates, re-orders
them by the adapter's score against the query vector already computed (free
text) or the call's stored vector (similar), and keeps ``k``.  Pass
``rerank=False`` for the plain order.  Results carry how many calls match in
all (``SearchResults.total``, ``counting.py``).

Opening the service loads nothing; the index is loaded (and verified) on the
first dense query and reloaded when its manifest changes on disk.  The
embedding model is created through ``embedder_factory`` only for free-text
semantic or hybrid queries.  Use one service from one thread at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import cast

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.errors import (
    IndexFileError,
    IndexMismatchError,
    KnownError,
    ModelUnavailableError,
    StoreError,
)
from callcenter_ai.core.feedback.learning import Reranker
from callcenter_ai.core.feedback.serving import candidate_count
from callcenter_ai.core.index.neighbours import NeighbourGraph
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.messages import HINTS, Message, msg
from callcenter_ai.core.search.assemble import store_results
from callcenter_ai.core.search.counting import DenseQuery, count_matches, keyword_expression, scan_depth
from callcenter_ai.core.search.dense import CallHit, dense_scan
from callcenter_ai.core.search.filters import SearchFilters, check_query
from callcenter_ai.core.search.keyword import CallMatch, distinctive_terms, keyword_calls
from callcenter_ai.core.search.keyword_candidates import similar_keyword_calls
from callcenter_ai.core.search.keyword_stats import keywords_stale
from callcenter_ai.core.search.model_ids import ServedIndex, add_note, preferred_model_id, resolve_index_model_id
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.search.query_vectors import EmbedderFactory, QueryEmbedder, call_query_vector
from callcenter_ai.core.search.request import ranking_depth, request_defaults
from callcenter_ai.core.search.reranking import RerankerCache, top_results
from callcenter_ai.core.search.results import SearchMode, SearchResults
from callcenter_ai.core.search.similarity.augment import GraphCache
from callcenter_ai.core.search.similarity.call_hits import similar_call_hits
from callcenter_ai.core.search.similarity.store_line import StoreLines
from callcenter_ai.core.search.similarity.threshold import mark_below
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec
from callcenter_ai.core.store.keywords import sync_keyword_index

__all__ = ["SearchService", "preferred_model_id", "resolve_index_model_id"]

log = logging.getLogger(__name__)


class SearchService:
    """Free-text and similar-call search over one store and its indexes."""

    def __init__(
        self,
        settings: Settings,
        store: CallStore,
        embedder_factory: EmbedderFactory | None = None,
        *,
        model_id: str | None = None,
    ) -> None:
        """``model_id`` pins the vector space searched (default: :func:`resolve_index_model_id`)."""
        self.settings = settings
        self.store = store
        self._queries = QueryEmbedder(embedder_factory)
        self._served = ServedIndex(settings, model_id)
        self._rerankers = RerankerCache(settings)
        self._graphs = GraphCache(settings.index_dir)
        self._lines = StoreLines(settings.index_dir)

    # -- public API ----------------------------------------------------------

    def search(
        self,
        text: str,
        k: int | None = None,
        mode: str | None = None,
        filters: SearchFilters | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults:
        """Calls matching free ``text``, best first (re-ranked from ratings when that is on and ``rerank``)."""
        k, mode, filters = request_defaults(self.settings, k, mode, filters)
        check_query(text)
        notes: list[Message] = []
        query = parse_query(text)  # "phrase", -exclude, OR; stop-words never match
        query_stems, expression = query.stems, query.expression() if query.uses_syntax else None
        dense: list[CallHit] = []
        reranker: Reranker | None = None
        vector: FloatArray | None = None
        counted: DenseQuery | None = None
        threshold: float | None = None
        want, side = k, filters.side or "all"
        if mode != "keyword":
            index = self._dense_index(mode, filters, notes)
            if index is not None:
                vector = self._embed_query(text, index, mode, notes)
                if vector is not None:
                    threshold = self._threshold(index, measure=True)
                    reranker = self._reranker(index) if rerank else None
                    want = candidate_count(k) if reranker is not None else k
                    depth = ranking_depth(want, mode)
                    dense, scan = dense_scan(
                        self.store.db, index, vector, depth, side=side, filters=filters, scan_chunks=scan_depth(depth)
                    )
                    counted = DenseQuery(index, vector, dense, depth, scan=scan)
                elif mode == "hybrid":
                    mode = "keyword"
            else:
                mode = "keyword"
        keyword: list[CallMatch] = []
        if mode != "semantic":
            self._sync_keywords(notes)
            depth = ranking_depth(want, mode)
            keyword = keyword_calls(
                self.store.db, query_stems, filters, limit=depth, all_terms_first=True, expression=expression
            )
        results = store_results(
            self.store, self.settings, want, cast(SearchMode, mode), dense, keyword, query_stems, filters, prefixes=True
        )
        words = keyword_expression(query_stems, prefixes=True, expression=expression) if mode != "semantic" else None
        total = count_matches(self.store.db, filters, keyword=words, dense=counted, threshold=threshold)
        marked = mark_below(top_results(self.store, results, k, reranker, vector), threshold)
        return SearchResults(marked, notes, *total)

    def similar(
        self,
        dialog_id: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults:
        """Calls like ``dialog_id`` (which is left out), best first; needs no model.

        Re-ranked from ratings (when that is on and ``rerank``) against the
        call's whole stored vector, the anchor the ratings were learned with.
        """
        k, mode, filters = request_defaults(self.settings, k, mode, filters)
        notes: list[Message] = []
        call_id = self.store.call_id(dialog_id)
        side = filters.side
        dense: list[CallHit] = []
        reranker: Reranker | None = None
        anchor: FloatArray | None = None
        counted: DenseQuery | None = None
        threshold: float | None = None
        want = k
        if mode != "keyword":
            index = self._dense_index(mode, filters, notes)
            vector = None if index is None else call_query_vector(self.store.db, call_id, index.model_id, side)
            if index is None:
                mode = "keyword"
            elif vector is not None:
                reranker = self._reranker(index) if rerank else None
                if reranker is not None:
                    anchor = vector if side is None else vec.call_vector(self.store.db, call_id, index.model_id)
                    want = candidate_count(k) if anchor is not None else k
                depth, graph = ranking_depth(want, mode), self._graph(index)
                dense, counted = similar_call_hits(self.store.db, index, vector, depth, filters, call_id, graph)
                threshold = self._threshold(index)
            elif mode == "semantic":
                missing = (
                    msg("search.call_no_side_vectors", id=dialog_id, model=index.model_id, side=msg(f"side.{side}"))
                    if side
                    else msg("search.call_no_vectors", id=dialog_id, model=index.model_id)
                )
                raise IndexFileError(missing, hint=HINTS["index.embed_new"])
            else:
                add_note(notes, msg("search.note.call_no_vectors", id=dialog_id))
                mode = "keyword"
        self._sync_keywords(notes)
        terms = distinctive_terms(self.store.db, call_id, side=side)
        candidates, depth = [h.call_id for h in dense], ranking_depth(want, mode)
        keyword = similar_keyword_calls(
            self.store.db, self.settings, terms, filters, candidates, mode=mode, want=want, depth=depth, call_id=call_id
        )
        results = store_results(
            self.store, self.settings, want, cast(SearchMode, mode), dense, keyword, terms, filters, prefixes=False
        )
        words = keyword_expression(terms, prefixes=False) if mode != "semantic" else None
        total = count_matches(
            self.store.db, filters, keyword=words, dense=counted, threshold=threshold, exclude_call=call_id
        )
        marked = mark_below(top_results(self.store, results, k, reranker, anchor), threshold)
        return SearchResults(marked, notes, *total)

    def similar_many(
        self,
        dialog_ids: Sequence[str],
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> list[tuple[str, SearchResults]]:
        """:meth:`similar` for each id, with one index load (and one re-ranker load)."""
        return [(dialog_id, self.similar(dialog_id, k, filters, mode, rerank=rerank)) for dialog_id in dialog_ids]

    @property
    def index_model_id(self) -> str | None:
        """The model id of the dense index search uses (None: no index yet)."""
        return self._served.model_id

    def load_index(self) -> VectorIndex | None:
        """Load (and verify) the dense index now, e.g. at window start-up; None when there is none."""
        return self._served.load()

    def rerank_enabled(self) -> bool:
        """Whether semantic and hybrid queries are re-ranked from ratings now (loads the index, not the model)."""
        index = self.load_index()
        return index is not None and self._reranker(index) is not None

    def sync_keywords(self) -> int:
        """Bring the keyword index up to date with the store; returns calls (re)stemmed."""
        return sync_keyword_index(self.store.db)

    # -- helpers -------------------------------------------------------------

    def _dense_index(self, mode: str, filters: SearchFilters, notes: list[Message]) -> VectorIndex | None:
        return self._served.usable(mode, filters.side, notes)

    def _reranker(self, index: VectorIndex) -> Reranker | None:
        return self._rerankers.get(self.store, index.model_id, index.dims)

    def nothing_close_line(self) -> float | None:
        """The "nothing close" cosine free-text search marks with now (measured on the store when it can be)."""
        index = self.load_index()
        if index is None:
            return None
        try:
            return self._threshold(index, measure=True)
        except (ModelUnavailableError, IndexMismatchError):
            return self._threshold(index)

    def _threshold(self, index: VectorIndex, *, measure: bool = False) -> float | None:
        """The line results are marked under (``similarity/store_line.py``), measured with the query model if asked."""
        embed = (lambda texts: self._queries.vectors(texts, index)) if measure else None
        return self._lines.line_for(index, self.settings.nothing_close_below, embed)

    def _graph(self, index: VectorIndex) -> NeighbourGraph | None:
        return self._graphs.get(index.model_id) if self.settings.similarity == "neighbours" else None

    def _embed_query(self, text: str, index: VectorIndex, mode: str, notes: list[Message]) -> FloatArray | None:
        try:
            return self._queries.vector(text, index)
        except (ModelUnavailableError, IndexMismatchError) as exc:
            if mode == "semantic":
                raise
            add_note(notes, msg("search.note.semantic_skipped", reason=_reason(exc)))
            return None

    def _sync_keywords(self, notes: list[Message]) -> None:
        try:
            if keywords_stale(self.store.db):
                sync_keyword_index(self.store.db)
        except StoreError as exc:
            add_note(notes, msg("search.note.keyword_not_updated", reason=_reason(exc)))


def _reason(exc: KnownError) -> Message | str:
    """A core error's message as a catalog message where it has one (translated with the note)."""
    return Message(exc.key, exc.params) if exc.key else exc.message
