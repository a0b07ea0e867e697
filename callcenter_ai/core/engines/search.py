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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import cast

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.engines.interface import Engine, TurnMatch
from callcenter_ai.core.engines.rerank import rerank
from callcenter_ai.core.errors import IndexFileError, IndexMismatchError, KnownError, ModelUnavailableError
from callcenter_ai.core.feedback.adapter import LinearAdapter
from callcenter_ai.core.feedback.serving import candidate_count
from callcenter_ai.core.messages import HINTS, Message, msg
from callcenter_ai.core.records import StoredCall
from callcenter_ai.core.search.assemble import assemble_results
from callcenter_ai.core.search.counting import Total, count_through
from callcenter_ai.core.search.dense import CallHit
from callcenter_ai.core.search.filters import SearchFilters, check_query
from callcenter_ai.core.search.keyword import CallMatch
from callcenter_ai.core.search.model_ids import add_note, preferred_model_id
from callcenter_ai.core.search.query_syntax import parse_query
from callcenter_ai.core.search.query_vectors import EmbedderFactory, QueryEmbedder
from callcenter_ai.core.search.request import ranking_depth, request_defaults
from callcenter_ai.core.search.results import MatchedTurn, SearchMode, SearchResult, SearchResults
from callcenter_ai.core.search.similarity.threshold import mark_below, threshold_for
from callcenter_ai.core.settings import Settings


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
        k, mode, filters = request_defaults(self.settings, k, mode, filters)
        check_query(text)
        notes: list[Message] = []
        served = self._served()  # once per query
        stems = parse_query(text).stems
        dense: list[CallHit] = []
        anchor: FloatArray | None = None
        adapter = meaning = None
        want = k
        if mode != "keyword":
            space = self._space(served, mode, notes)
            anchor = None if space is None else self._embed_query(text, space, mode, notes)
            if space is not None and anchor is not None:
                adapter = self._adapter(space) if rerank else None
                want = candidate_count(k) if adapter is not None else k
                meaning = partial(
                    self.engine.vectors.nearest_calls,
                    space.model_id,
                    anchor,
                    side=filters.side or "all",
                    filters=filters,
                )
                dense = meaning(ranking_depth(want, mode))
            elif mode == "hybrid" or space is None:
                mode = "keyword"
        keyword: list[CallMatch] = []
        if mode != "semantic":
            keyword = self.engine.keyword.search_calls(text, filters, limit=ranking_depth(want, mode))
        results = self._assemble(want, mode, dense, keyword, stems, filters, lambda c: self._turns_of_text(c, text))
        words = None if mode == "semantic" else partial(self._text_matches, text, filters)
        total = self._total(served, words, meaning if mode != "keyword" else None, dense, ranking_depth(want, mode))
        return SearchResults(self._finish(served, results, k, adapter, anchor), notes, *total)

    def similar(
        self,
        dialog_id: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        mode: str | None = None,
        *,
        rerank: bool = True,
    ) -> SearchResults:
        k, mode, filters = request_defaults(self.settings, k, mode, filters)
        notes: list[Message] = []
        call_id = self.engine.calls.call_id(dialog_id)
        served = self._served()  # once per query
        side = filters.side
        dense: list[CallHit] = []
        anchor: FloatArray | None = None
        adapter = meaning = None
        want = k
        if mode != "keyword":
            space = self._space(served, mode, notes)
            vector = None if space is None else self.engine.vectors.call_vector(call_id, space.model_id, side=side)
            if space is None:
                mode = "keyword"
            elif vector is not None:
                adapter = self._adapter(space) if rerank else None
                if adapter is not None:
                    anchor = vector if side is None else self.engine.vectors.call_vector(call_id, space.model_id)
                    want = candidate_count(k) if anchor is not None else k
                meaning = partial(
                    self.engine.vectors.nearest_calls, space.model_id, vector, side=side or "all", filters=filters,
                    exclude_call=call_id,
                )  # fmt: skip
                dense = meaning(ranking_depth(want, mode))
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
            keyword, terms = self.engine.keyword.similar_calls(call_id, filters, limit=ranking_depth(want, mode))

        def turns(result_call: int) -> list[TurnMatch]:
            return self.engine.keyword.similar_turns(result_call, terms, side=side)

        results = self._assemble(want, mode, dense, keyword, terms, filters, turns)
        words = None if mode == "semantic" else partial(self._similar_matches, call_id, filters)
        total = self._total(served, words, meaning if mode != "keyword" else None, dense, ranking_depth(want, mode))
        return SearchResults(self._finish(served, results, k, adapter, anchor), notes, *total)

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
        served = self._served()
        return served.model_id if served else None

    def _served(self) -> Space | None:
        spaces = self.engine.vectors.spaces()
        if self.pinned_model_id is not None:
            model_id: str | None = self.pinned_model_id if self.pinned_model_id in spaces else None
        else:
            preferred = preferred_model_id(self.settings)
            offline = sorted(m for m in spaces if m.startswith("offline/")) if self.settings.offline_fallback else []
            model_id = preferred if preferred in spaces else offline[0] if offline else None
        return Space(model_id, spaces[model_id]) if model_id is not None else None

    def rerank_enabled(self) -> bool:
        served = self._served()
        return served is not None and self._adapter(served) is not None

    def sync_keywords(self) -> int:
        return self.engine.keyword.sync()

    # -- helpers ----------------------------------------------------------------

    def _space(self, served: Space | None, mode: str, notes: list[Message]) -> Space | None:
        """The served space; None (with a note) when the search goes keyword-only; semantic mode raises."""
        if served is None:
            if mode == "semantic":
                raise IndexFileError(msg("search.no_index", folder=self.engine.where), hint=HINTS["search.no_index"])
            add_note(notes, msg("search.note.no_index"))
            return None
        if self.pinned_model_id is None and served.model_id != preferred_model_id(self.settings):
            notes.append(msg("search.note.offline_index", model=served.model_id))
        return served

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
        turns_of: Callable[[int], list[TurnMatch]],
    ) -> list[SearchResult]:
        side = filters.side

        def explained(call: StoredCall) -> list[MatchedTurn]:
            return [
                MatchedTurn(t.turn, t.speaker, call.turns[t.turn].text, "keyword", t.score)
                for t in turns_of(call.id)
                if t.turn < len(call.turns) and (side is None or t.speaker == side)
            ]

        calls_of = self.engine.calls.get_calls
        return assemble_results(
            calls_of, self.settings, k, cast(SearchMode, mode), dense, keyword, terms, side, explained
        )

    def _total(
        self,
        served: Space | None,
        words: Callable[[int], Sequence[CallMatch]] | None,
        meaning: Callable[[int], Sequence[CallHit]] | None,
        hits: list[CallHit],
        depth: int,
    ) -> Total:
        """How many calls match in all (``core/search/counting.py``, as the desktop's service counts)."""
        threshold = threshold_for(served.model_id if served else "", self.settings.nothing_close_below)
        return count_through(words=words, meaning=meaning, threshold=threshold, hits=hits, depth=depth)

    def _text_matches(self, text: str, filters: SearchFilters, limit: int) -> list[CallMatch]:
        return self.engine.keyword.search_calls(text, filters, limit=limit)

    def _similar_matches(self, call_id: int, filters: SearchFilters, limit: int) -> list[CallMatch]:
        return self.engine.keyword.similar_calls(call_id, filters, limit=limit)[0]

    def _turns_of_text(self, call_id: int, text: str) -> list[TurnMatch]:
        return self.engine.keyword.matched_turns(call_id, text)

    def _finish(
        self,
        served: Space | None,
        results: list[SearchResult],
        k: int,
        adapter: LinearAdapter | None,
        anchor: FloatArray | None,
    ) -> list[SearchResult]:
        model_id = served.model_id if served else ""
        if adapter is not None and anchor is not None and results and results[0].mode != "keyword":
            results = rerank(self.engine, model_id, adapter, anchor, results, k)
        return mark_below(results[:k], threshold_for(model_id, self.settings.nothing_close_below))


def _reason(exc: KnownError) -> Message | str:
    return Message(exc.key, exc.params) if exc.key else exc.message
