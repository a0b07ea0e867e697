"""Search through the engine protocols: the server's engine (PostgreSQL + pgvector) serves the same
:class:`~callcenter_ai.core.search.SearchResults` as the desktop's :class:`SearchService`.

The vectors are searched where they are stored (the server's HNSW index: no
local index to build or load), keyword search is the engine's own (the same
query syntax and tiers), and the two are fused, explained and re-ranked from
ratings exactly as :mod:`callcenter_ai.core.search.service` does: the same
modes and fallbacks with the same notes, the same ``k`` checks, the same
"nothing close" marks.  Thread-safe when the engine is.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.interface import Engine, TurnMatch
from callcenter_ai.core.errors import ConfigError, IndexFileError, IndexMismatchError, KnownError, ModelUnavailableError
from callcenter_ai.core.feedback.adapter import LinearAdapter
from callcenter_ai.core.feedback.serving import candidate_count
from callcenter_ai.core.messages import HINTS, Message, msg
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.explain import build_result
from callcenter_ai.core.search.filters import NO_FILTERS, SearchFilters, check_k, check_query
from callcenter_ai.core.search.fusion import weighted_rrf
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.search.model_ids import add_note, preferred_model_id
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.search.query_vectors import EmbedderFactory, QueryEmbedder
from callcenter_ai.core.search.results import SEARCH_MODES, MatchedTurn, SearchMode, SearchResult, SearchResults
from callcenter_ai.core.search.similarity.threshold import mark_below, threshold_for
from callcenter_ai.core.settings import Settings

_TurnsOf = Callable[[int], list[TurnMatch]]  # a result call's turns that explain its keyword match
FUSION_DEPTH = 3  # as the desktop's service: each ranking gives k * 3 calls (at least 30) to hybrid fusion


@dataclass(frozen=True)
class Space:
    """The vector space searches are served from (what the query embedder is checked against)."""

    model_id: str
    dims: int


class EngineSearch:
    """Free-text and similar-call search over one engine (``search``, ``similar``, ``similar_many``)."""

    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        embedder_factory: EmbedderFactory | None = None,
        *,
        model_id: str | None = None,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.pinned_model_id = model_id
        self._queries = QueryEmbedder(embedder_factory)

    # -- public API (the desktop service's) -------------------------------------

    def search(
        self,
        text: str,
        k: int | None = None,
        mode: str | None = None,
        filters: SearchFilters | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults:
        k, mode, filters = self._defaults(k, mode, filters)
        check_query(text)
        notes: list[Message] = []
        stems = parse_query(text).stems
        dense: list[CallHit] = []
        anchor: FloatArray | None = None
        adapter = None
        want = k
        if mode != "keyword":
            space = self._space(mode, filters, notes)
            anchor = None if space is None else self._embed_query(text, space, mode, notes)
            if space is not None and anchor is not None:
                adapter = self._adapter(space) if rerank else None
                want = candidate_count(k) if adapter is not None else k
                dense = self.engine.vectors.nearest_calls(
                    space.model_id, anchor, self._depth(want, mode), side=filters.side or "all", filters=filters
                )
            elif mode == "hybrid" or space is None:
                mode = "keyword"
        keyword: list[CallMatch] = []
        if mode != "semantic":
            keyword = self.engine.keyword.search_calls(text, filters, limit=self._depth(want, mode))
        results = self._assemble(want, mode, dense, keyword, stems, filters, lambda c: self._turns_of_text(c, text))
        return SearchResults(self._finish(results, k, adapter, anchor), notes)

    def similar(
        self,
        dialog_id: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults:
        k, mode, filters = self._defaults(k, mode, filters)
        notes: list[Message] = []
        call_id = self.engine.calls.call_id(dialog_id)
        side = filters.side
        dense: list[CallHit] = []
        anchor: FloatArray | None = None
        adapter = None
        want = k
        if mode != "keyword":
            space = self._space(mode, filters, notes)
            vector = None if space is None else self.engine.vectors.call_vector(call_id, space.model_id, side=side)
            if space is None:
                mode = "keyword"
            elif vector is not None:
                adapter = self._adapter(space) if rerank else None
                if adapter is not None:
                    anchor = vector if side is None else self.engine.vectors.call_vector(call_id, space.model_id)
                    want = candidate_count(k) if anchor is not None else k
                dense = self.engine.vectors.nearest_calls(
                    space.model_id, vector, self._depth(want, mode), side=side or "all", filters=filters,
                    exclude_call=call_id,
                )  # fmt: skip
            elif mode == "semantic":
                missing = (
                    msg("search.call_no_side_vectors", id=dialog_id, model=space.model_id, side=msg(f"side.{side}"))
                    if side
                    else msg("search.call_no_vectors", id=dialog_id, model=space.model_id)
                )
                raise IndexFileError(missing, hint=HINTS["index.embed_new"])
            else:
                add_note(notes, msg("search.note.call_no_vectors", id=dialog_id))
                mode = "keyword"
        keyword: list[CallMatch] = []
        terms: list[str] = []
        if mode != "semantic":
            keyword, terms = self.engine.keyword.similar_calls(call_id, filters, limit=self._depth(want, mode))

        def turns(result_call: int) -> list[TurnMatch]:
            return self.engine.keyword.similar_turns(result_call, terms, side=side)

        results = self._assemble(want, mode, dense, keyword, terms, filters, turns)
        return SearchResults(self._finish(results, k, adapter, anchor), notes)

    def similar_many(
        self,
        dialog_ids: Sequence[str],
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> list[tuple[str, SearchResults]]:
        return [(dialog_id, self.similar(dialog_id, k, filters, mode, rerank=rerank)) for dialog_id in dialog_ids]

    @property
    def index_model_id(self) -> str | None:
        """The vector space searches use: the settings' model, else an offline fallback's (None: no vectors yet)."""
        models = self.engine.vectors.embedded_models()
        if self.pinned_model_id is not None:
            return self.pinned_model_id if self.pinned_model_id in models else None
        preferred = preferred_model_id(self.settings)
        if preferred in models:
            return preferred
        offline = [m for m in models if m.startswith("offline/")] if self.settings.offline_fallback else []
        return offline[0] if offline else None

    def rerank_enabled(self) -> bool:
        model_id = self.index_model_id
        return model_id is not None and self._adapter(Space(model_id, 0)) is not None

    def sync_keywords(self) -> int:
        return self.engine.keyword.sync()

    # -- helpers ----------------------------------------------------------------

    def _defaults(
        self, k: int | None, mode: str | None, filters: SearchFilters | None
    ) -> tuple[int, str, SearchFilters]:
        k = check_k(self.settings.search_k if k is None else k)
        mode = mode or self.settings.search_mode
        if mode not in SEARCH_MODES:
            raise ConfigError(msg("search.bad_mode", modes=list(SEARCH_MODES), mode=mode))
        return k, mode, filters or NO_FILTERS

    def _depth(self, k: int, mode: str) -> int:
        return max(k * FUSION_DEPTH, 30) if mode == "hybrid" else k

    def _space(self, mode: str, filters: SearchFilters, notes: list[Message]) -> Space | None:
        """The served space; None (with a note) when the search goes keyword-only; semantic mode raises."""
        model_id = self.index_model_id
        if model_id is None:
            if mode == "semantic":
                raise IndexFileError(msg("search.no_index", folder=self.engine.where), hint=HINTS["search.no_index"])
            add_note(notes, msg("search.note.no_index"))
            return None
        if self.pinned_model_id is None and model_id != preferred_model_id(self.settings):
            notes.append(msg("search.note.offline_index", model=model_id))
        dims = int(model_id.rsplit("@", 1)[1]) if "@" in model_id else 0
        return Space(model_id, dims)

    def _embed_query(self, text: str, space: Space, mode: str, notes: list[Message]) -> FloatArray | None:
        try:
            return self._queries.vector(text, space)
        except (ModelUnavailableError, IndexMismatchError) as exc:
            if mode == "semantic":
                raise
            add_note(notes, msg("search.note.semantic_skipped", reason=_reason(exc)))
            return None

    def _adapter(self, space: Space) -> LinearAdapter | None:
        """The re-ranker learned from ratings when it is on (trained, and enough ratings), else None."""
        if self.engine.ratings.rating_count() < self.settings.rerank_min_ratings:
            return None
        state = self.engine.rerankers.load_reranker(space.model_id)
        if state is None:
            return None
        adapter = LinearAdapter(state[0])
        return adapter if not space.dims or adapter.dims == space.dims else None

    def _assemble(
        self,
        k: int,
        mode: str,
        dense: list[CallHit],
        keyword: list[CallMatch],
        terms: Sequence[str],
        filters: SearchFilters,
        turns_of: _TurnsOf,
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
        calls = {c.id: c for c in self.engine.calls.get_calls([c for c, _ in ranked])}
        results: list[SearchResult] = []
        for call_id, score in ranked:
            call = calls.get(call_id)
            if call is None:
                continue  # deleted meanwhile
            keyword_score = keyword_by_call.get(call_id)
            explained = None
            if keyword_score is not None:
                hits = [
                    MatchedTurn(t.turn, t.speaker, call.turns[t.turn].text, "keyword", t.score)
                    for t in turns_of(call_id)
                    if t.turn < len(call.turns) and (filters.side is None or t.speaker == filters.side)
                ]
                explained = (keyword_score, hits)
            results.append(
                build_result(
                    call,
                    len(results) + 1,
                    score,
                    cast(SearchMode, mode),
                    dense=dense_by_call.get(call_id),
                    keyword=explained,
                    query_stems=set(terms),
                    side=filters.side,
                )
            )
        return results

    def _turns_of_text(self, call_id: int, text: str) -> list[TurnMatch]:
        return self.engine.keyword.matched_turns(call_id, text)

    def _finish(
        self, results: list[SearchResult], k: int, adapter: LinearAdapter | None, anchor: FloatArray | None
    ) -> list[SearchResult]:
        if adapter is not None and anchor is not None and results and results[0].mode != "keyword":
            results = self._rerank(adapter, anchor, results, k)
        model_id = self.index_model_id or ""
        return mark_below(results[:k], threshold_for(model_id, self.settings.nothing_close_below))

    def _rerank(
        self, adapter: LinearAdapter, anchor: FloatArray, results: list[SearchResult], k: int
    ) -> list[SearchResult]:
        """The best ``k`` by the learned score (calls without a vector keep their order after the scored ones)."""
        model_id = self.index_model_id or ""
        vectors: dict[int, FloatArray] = {}
        for r in results:
            vector = self.engine.vectors.call_vector(r.call_id, model_id)
            if vector is not None and vector.shape[0] == adapter.dims:
                vectors[r.call_id] = vector
        known = [r for r in results if r.call_id in vectors]
        scores = (
            adapter.scores(np.asarray(anchor, dtype=np.float32), np.stack([vectors[r.call_id] for r in known]))
            if known
            else np.zeros(0, dtype=np.float32)
        )
        order = [(known[i], float(scores[i])) for i in np.argsort(-scores, kind="stable")]
        scored = {r.call_id for r in known}
        rest = [(r, math.nan) for r in results if r.call_id not in scored]
        return [
            dataclasses.replace(r, rank=n, reranked=True, rerank_score=None if math.isnan(s) else s)
            for n, (r, s) in enumerate((order + rest)[:k], start=1)
        ]


def _reason(exc: KnownError) -> Message | str:
    return Message(exc.key, exc.params) if exc.key else exc.message
