"""The search service the GUI, the CLI and the HTTP API share (no Qt).

    service = SearchService(settings, store, embedder_factory=lambda: get_embedder(settings))
    service.search("двойное списание", k=10, mode="hybrid", filters=SearchFilters(side="client"))
    service.similar("call-42", k=10)
    service.similar_many(["call-1", "call-2"])

* ``semantic``: the query is embedded with the model's query instruction
  (similar-to-call uses the call's stored vector: no model) and matched
  against chunk vectors in FAISS; a call scores by its best chunk.
* ``keyword``: SQLite FTS5 over Snowball-stemmed text, BM25 over each call's
  text (or one side's), the matched turns scored by FTS5's BM25 for the
  explanation; similar-to-call queries with the call's most distinctive
  stems.  No model.
* ``hybrid``: both rankings fused by weighted reciprocal rank fusion
  (settings ``rrf_k``, ``dense_weight``, ``keyword_weight``).  Without a
  dense index or a model it falls back to keyword, with a warning in
  :attr:`SearchService.warnings`.

Re-ranking learned from operators' ratings (``core.feedback``) is applied
here, for every caller, when it is on for the index's model id (a trained
adapter and at least ``rerank_min_ratings`` ratings) and the served mode is
not keyword: the search fetches ``candidate_count(k)`` candidates, re-orders
them by the adapter's score against the query vector already computed (free
text) or the call's stored vector (similar), and keeps ``k``.  Pass
``rerank=False`` for the plain order.

Opening the service loads nothing; the index is loaded (and verified) on the
first dense query and reloaded when its manifest changes on disk.  The
embedding model is created through ``embedder_factory`` only for free-text
semantic or hybrid queries.  Use one service from one thread at a time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import cast

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding.base import Embedder, space_id
from callcenter_ai.core.errors import (
    ConfigError,
    IndexFileError,
    IndexMismatchError,
    KnownError,
    ModelUnavailableError,
    StoreError,
)
from callcenter_ai.core.feedback.learning import Reranker
from callcenter_ai.core.feedback.serving import candidate_count
from callcenter_ai.core.index.manifest import REBUILD_HINT, list_manifests, manifest_path, read_manifest
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.messages import HINTS, REBUILD, msg
from callcenter_ai.core.search.dense import CallHit, dense_call_hits
from callcenter_ai.core.search.explain import build_result
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters, check_k, check_query
from callcenter_ai.core.search.fusion import weighted_rrf
from callcenter_ai.core.search.keyword import (
    CallMatch,
    TurnExplainer,
    distinctive_terms,
    keyword_calls,
    keyword_index_is_stale,
    sync_keyword_index,
)
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.search.reranking import RerankerCache, top_results
from callcenter_ai.core.search.results import SEARCH_MODES, SearchMode, SearchResult
from callcenter_ai.core.settings import Settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec

log = logging.getLogger(__name__)

EmbedderFactory = Callable[[], Embedder]
FUSION_DEPTH = 3  # each ranking contributes k * FUSION_DEPTH calls (at least 30) to hybrid fusion


def preferred_model_id(settings: Settings) -> str:
    """The vector space the settings ask for (a local model folder by its stable name), without loading it."""
    from callcenter_ai.core.embedding.model_id import model_name, native_dims

    native = native_dims(settings.model)
    return space_id(model_name(settings.model), min(settings.dims, native) if native else settings.dims)


def resolve_index_model_id(settings: Settings) -> str | None:
    """The model id whose index search uses: the settings' model, else an offline fallback's index."""
    preferred = preferred_model_id(settings)
    if manifest_path(settings.index_dir, preferred).exists():
        return preferred
    if settings.offline_fallback:
        for path in list_manifests(settings.index_dir):
            try:
                model_id = read_manifest(path).model_id
            except KnownError:
                continue
            if model_id.startswith("offline/"):
                return model_id
    return None


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
        self._pinned_model_id = model_id
        self._embedder_factory = embedder_factory
        self._embedder: Embedder | None = None
        self._index: VectorIndex | None = None
        self._index_stamp: tuple[str, int] | None = None
        self._rerankers = RerankerCache(settings)
        self.warnings: list[str] = []  # notes about the last query (fallbacks), for the GUI

    # -- public API ----------------------------------------------------------

    def search(
        self,
        text: str,
        k: int | None = None,
        mode: str | None = None,
        filters: SearchFilters | None = None,
        *,
        rerank: bool = True,
    ) -> list[SearchResult]:
        """Calls matching free ``text``, best first (re-ranked from ratings when that is on and ``rerank``)."""
        k, mode, filters = self._defaults(k, mode, filters)
        check_query(text)
        query = parse_query(text)  # "phrase", -exclude, OR; stop-words never match
        query_stems = query.stems
        dense: list[CallHit] = []
        reranker: Reranker | None = None
        vector: FloatArray | None = None
        want = k
        if mode != "keyword":
            index = self._dense_index(mode, filters)
            if index is not None:
                vector = self._embed_query(text, index, mode)
                if vector is not None:
                    reranker = self._reranker(index) if rerank else None
                    want = candidate_count(k) if reranker is not None else k
                    dense = dense_call_hits(
                        self.store.db, index, vector, self._depth(want, mode), side=_side(filters), filters=filters
                    )
                elif mode == "hybrid":
                    mode = "keyword"
            else:
                mode = "keyword"
        keyword: list[CallMatch] = []
        if mode != "semantic":
            self._sync_keywords()
            keyword = keyword_calls(
                self.store.db,
                query_stems,
                filters,
                limit=self._depth(want, mode),
                all_terms_first=True,
                expression=query.expression() if query.uses_syntax else None,
            )
        results = self._results(want, cast(SearchMode, mode), dense, keyword, query_stems, filters, prefixes=True)
        return top_results(self.store, results, k, reranker, vector)

    def similar(
        self,
        dialog_id: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> list[SearchResult]:
        """Calls like ``dialog_id`` (which is left out), best first; needs no model.

        Re-ranked from ratings (when that is on and ``rerank``) against the
        call's whole stored vector, the anchor the ratings were learned with.
        """
        k, mode, filters = self._defaults(k, mode, filters)
        call_id = self.store.call_id(dialog_id)
        side = filters.side
        dense: list[CallHit] = []
        reranker: Reranker | None = None
        anchor: FloatArray | None = None
        want = k
        if mode != "keyword":
            index = self._dense_index(mode, filters)
            vector = None if index is None else self._call_vector(call_id, index.model_id, side)
            if index is None:
                mode = "keyword"
            elif vector is not None:
                reranker = self._reranker(index) if rerank else None
                if reranker is not None:
                    anchor = vector if side is None else vec.call_vector(self.store.db, call_id, index.model_id)
                    want = candidate_count(k) if anchor is not None else k
                dense = dense_call_hits(
                    self.store.db,
                    index,
                    vector,
                    self._depth(want, mode),
                    side=_side(filters),
                    filters=filters,
                    exclude_call=call_id,
                )
            elif mode == "semantic":
                missing = (
                    msg("search.call_no_side_vectors", id=dialog_id, model=index.model_id, side=msg(f"side.{side}"))
                    if side
                    else msg("search.call_no_vectors", id=dialog_id, model=index.model_id)
                )
                raise IndexFileError(missing, hint=HINTS["index.embed_new"])
            else:
                self._warn(f"call {dialog_id!r} has no vectors yet: keyword similarity only")
                mode = "keyword"
        self._sync_keywords()
        terms = distinctive_terms(self.store.db, call_id, side=side)
        keyword: list[CallMatch] = []
        if mode != "semantic":
            keyword = keyword_calls(
                self.store.db, terms, filters, limit=self._depth(want, mode), prefixes=False, exclude_call=call_id
            )
        results = self._results(want, cast(SearchMode, mode), dense, keyword, terms, filters, prefixes=False)
        return top_results(self.store, results, k, reranker, anchor)

    def similar_many(
        self,
        dialog_ids: Sequence[str],
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> list[tuple[str, list[SearchResult]]]:
        """:meth:`similar` for each id, with one index load (and one re-ranker load)."""
        self.warnings = []
        out = []
        for dialog_id in dialog_ids:
            notes = list(self.warnings)
            out.append((dialog_id, self.similar(dialog_id, k, filters, mode, rerank=rerank)))
            self.warnings = notes + self.warnings
        return out

    @property
    def index_model_id(self) -> str | None:
        """The model id of the dense index search uses (None: no index yet)."""
        if self._pinned_model_id is not None:
            return self._pinned_model_id if VectorIndex.exists(self.settings.index_dir, self._pinned_model_id) else None
        return resolve_index_model_id(self.settings)

    def load_index(self) -> VectorIndex | None:
        """Load (and verify) the dense index now, e.g. at window start-up; None when there is none."""
        model_id = self.index_model_id
        if model_id is None:
            self._index, self._index_stamp = None, None
            return None
        path = manifest_path(self.settings.index_dir, model_id)
        stamp = (model_id, path.stat().st_mtime_ns)
        if self._index is None or self._index_stamp != stamp:
            index = VectorIndex.load(self.settings.index_dir, model_id, mapped=True)
            index.part("all")
            self._index, self._index_stamp = index, stamp
        return self._index

    def rerank_enabled(self) -> bool:
        """Whether semantic and hybrid queries are re-ranked from ratings now (loads the index, not the model)."""
        index = self.load_index()
        return index is not None and self._reranker(index) is not None

    def sync_keywords(self) -> int:
        """Bring the keyword index up to date with the store; returns calls (re)stemmed."""
        return sync_keyword_index(self.store.db)

    # -- helpers -------------------------------------------------------------

    def _defaults(
        self, k: int | None, mode: str | None, filters: SearchFilters | None
    ) -> tuple[int, str, SearchFilters]:
        self.warnings = []
        k = check_k(self.settings.search_k if k is None else k)
        mode = mode or self.settings.search_mode
        if mode not in SEARCH_MODES:
            raise ConfigError(msg("search.bad_mode", modes=list(SEARCH_MODES), mode=mode))
        return k, mode, filters or NO_FILTERS

    def _depth(self, k: int, mode: str) -> int:
        return max(k * FUSION_DEPTH, 30) if mode == "hybrid" else k

    def _warn(self, text: str) -> None:
        log.warning("%s", text)
        self.warnings.append(text)

    def _dense_index(self, mode: str, filters: SearchFilters) -> VectorIndex | None:
        try:
            index = self.load_index()
            if index is not None and filters.side and index.count(filters.side):
                index.part(filters.side)  # verified now, so a damaged side part falls back like the whole index
        except IndexFileError as exc:
            if mode == "semantic":
                raise
            log.warning("semantic index unusable, keyword search only: %s", exc.message)  # the path stays in the log
            self._warn("the semantic index cannot be used (damaged or changed): keyword search only; " + REBUILD)
            return None
        if index is None:
            if mode == "semantic":
                raise IndexFileError(
                    msg("search.no_index", folder=self.settings.index_dir), hint=HINTS["search.no_index"]
                )
            self._warn("no semantic index yet: keyword search only")
            return None
        if self._pinned_model_id is None and index.model_id != preferred_model_id(self.settings):
            self.warnings.append(f"the model's index is missing; using the offline embedder's index {index.model_id}")
        if filters.side and index.count(filters.side) == 0 and index.count("all") > 0:
            message = msg("search.no_side_vectors", model=index.model_id, side=msg(f"side.{filters.side}"))
            if mode == "semantic":
                raise IndexFileError(message, hint=HINTS["search.side_vectors"])
            self._warn(f"{message}: keyword search only")
            return None
        return index

    def _reranker(self, index: VectorIndex) -> Reranker | None:
        return self._rerankers.get(self.store, index.model_id, index.dims)

    def _embed_query(self, text: str, index: VectorIndex, mode: str) -> FloatArray | None:
        try:
            if self._embedder is None:
                if self._embedder_factory is None:
                    raise ModelUnavailableError(msg("search.no_embedder"))
                self._embedder = self._embedder_factory()
            embedder = self._embedder
            if embedder.model_id != index.model_id:
                raise IndexMismatchError(
                    msg("search.embedder_other_model", model=index.model_id, embedder=embedder.model_id),
                    hint=HINTS["search.embed_with_model"],
                )
            vector = embedder.embed_queries([text])[0]
            if embedder.model_id != index.model_id or vector.shape != (index.dims,):
                raise IndexMismatchError(
                    msg(
                        "search.embedder_other_dims",
                        dims=index.dims,
                        model=index.model_id,
                        got=vector.shape[0],
                        embedder=embedder.model_id,
                    ),
                    hint=REBUILD_HINT,
                )
        except (ModelUnavailableError, IndexMismatchError) as exc:
            if mode == "semantic":
                raise
            self._warn(f"semantic part skipped: {exc.message}")
            return None
        return np.asarray(vector, dtype=np.float32)

    def _call_vector(self, call_id: int, model_id: str, side: str | None) -> FloatArray | None:
        if side is None:
            return vec.call_vector(self.store.db, call_id, model_id)
        refs, vectors = vec.call_chunk_vectors(self.store.db, call_id, model_id)
        rows = [i for i, ref in enumerate(refs) if ref.side == side]
        if not rows:
            return None
        mean = vectors[rows].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return (mean / norm).astype(np.float32) if norm > 0 else None

    def _sync_keywords(self) -> None:
        try:
            if keyword_index_is_stale(self.store.db):
                sync_keyword_index(self.store.db)
        except StoreError as exc:
            self._warn(f"keyword index not updated: {exc.message}")

    def _results(
        self,
        k: int,
        mode: SearchMode,
        dense: list[CallHit],
        keyword: list[CallMatch],
        terms: Sequence[str],
        filters: SearchFilters,
        *,
        prefixes: bool,
    ) -> list[SearchResult]:
        dense_by_call = {h.call_id: h for h in dense}
        keyword_by_call = {m.call_id: m.score for m in keyword}
        ranked: list[tuple[int, float]]
        if mode == "semantic":
            ranked = [(h.call_id, h.score) for h in dense]
        elif mode == "keyword":
            ranked = [(m.call_id, m.score) for m in keyword]
        else:
            ranked = weighted_rrf(
                [
                    ([h.call_id for h in dense], self.settings.dense_weight),
                    ([m.call_id for m in keyword], self.settings.keyword_weight),
                ],
                self.settings.rrf_k,
            )
        ranked = ranked[:k]
        calls = {c.id: c for c in self.store.get_calls([c for c, _ in ranked])}
        explainer = TurnExplainer(self.store.db, terms, prefixes=prefixes)  # one query's turn statistics
        results: list[SearchResult] = []
        for call_id, score in ranked:
            call = calls.get(call_id)
            if call is None:
                continue  # deleted since the index was saved
            keyword_score = keyword_by_call.get(call_id)
            turns = None
            if keyword_score is not None:
                turns = (keyword_score, explainer.turns(call_id, side=filters.side))
            results.append(
                build_result(
                    call,
                    len(results) + 1,
                    score,
                    mode,
                    dense=dense_by_call.get(call_id),
                    keyword=turns,
                    query_stems=set(terms),
                    side=filters.side,
                )
            )
        return results


def _side(filters: SearchFilters) -> str:
    return filters.side or "all"
