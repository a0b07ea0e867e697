"""The keyword side of a hybrid ``similar``: FTS5's bm25 of the dense candidates only.

With the default fusion weights a call the dense ranking did not find
cannot reach the top k: its keyword vote, at most ``keyword_weight /
(rrf_k + 1)``, is below the dense vote of every candidate (``dense_weight
/ (rrf_k + depth)``, depth ``max(3k, 30)``), and k calls already hold more
than that.  What the keyword side does is re-order the dense candidates, so
it scores only them: ranking the whole store by its 64 distinctive stems
took 200–400 ms at 100,000 calls (FTS5 scores every call that holds any of
them), the candidates take about a millisecond.  Their ranks are among the
candidates, not in the whole store (docs/SEARCH.md, "Cost").

The score is FTS5's own ``bm25(calls_fts, w_all, w_client, w_operator)``
(k1 1.2, b 0.75; the idf of each stem counted in calls, the row length over
all three columns, as ``fts5_aux.c`` does), computed from each candidate's
stored stems and the index's totals (``keyword_stats``), so the scores are
the ones ``keyword_calls`` returns for the same calls.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence

from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.search.keyword import CallMatch, fts_token, keyword_calls, query_phrases
from callcenter_ai.core.search.keyword_stats import call_counts, call_totals
from callcenter_ai.core.settings import Settings

_BM25_K1 = 1.2  # FTS5's bm25() constants (fts5_aux.c)
_BM25_B = 0.75
_PLAIN_TEXT = re.compile(r"[0-9a-zа-яё ]*")
# A keyword ``similar`` ranked by FTS5 reads the posting list of each of its 64 stems: past this many calls in
# all, only the rarest stems find candidates (RARE_CANDIDATES x depth of them), ranked then by every stem's bm25.
# About 1/7 of what a typical query's stems hold at 100,000 calls: at that share (1,000 of 7,500 at 1,000 calls)
# SGD's keyword P@10 was level, at 1/37 it lost 0.026 (docs/SEARCH.md).
POSTINGS_BUDGET = 100_000
RARE_CANDIDATES = 4


def similar_keyword_calls(
    db: sqlite3.Connection,
    settings: Settings,
    terms: Sequence[str],
    filters: SearchFilters,
    dense: Sequence[int],
    *,
    mode: str,
    want: int,
    depth: int,
    call_id: int,
) -> list[CallMatch]:
    """The keyword ranking of a ``similar`` query in ``mode``, ``depth`` deep, for the best ``want`` fused calls.

    Hybrid scores only the ``dense`` candidates when no other call can reach the top ``want``: the dense list is
    ``depth`` long and its ``want``-th call's dense vote beats the best keyword vote of a call outside it.  Otherwise
    (other weights, a side, a short dense list) the whole store is ranked.
    """
    if mode == "semantic":
        return []
    dense_vote = settings.dense_weight / (settings.rrf_k + want)
    outside_vote = settings.keyword_weight / (settings.rrf_k + 1)
    if mode == "hybrid" and filters.side is None and len(dense) >= depth and dense_vote > outside_vote:
        return candidate_keyword_calls(db, terms, dense)[:depth]
    rare = rare_terms(db, terms) if filters.side is None else list(terms)
    if len(rare) == len(terms):
        return keyword_calls(db, terms, filters, limit=depth, prefixes=False, exclude_call=call_id)
    # The calls holding the rare stems, then all the stems' bm25 among them (docs/SEARCH.md, "Keyword similar").
    found = keyword_calls(
        db, rare, filters, limit=max(depth * RARE_CANDIDATES, 200), prefixes=False, exclude_call=call_id
    )
    return candidate_keyword_calls(db, terms, [m.call_id for m in found])[:depth]


def rare_terms(db: sqlite3.Connection, terms: Sequence[str]) -> list[str]:
    """The rarest of ``terms`` whose calls add up to at most :data:`POSTINGS_BUDGET` (at least the rarest one).

    In ``terms``' order; all of them on a store where they fit.
    """
    tokens = {term: fts_token(term) for term in terms}
    counts = call_counts(db, [token for token in tokens.values() if token])
    kept: set[str] = set()
    read = 0
    for term in sorted(terms, key=lambda t: (counts.get(tokens[t], 0), t)):
        read += counts.get(tokens[term], 0)
        if kept and read > POSTINGS_BUDGET:
            break
        kept.add(term)
    return [term for term in terms if term in kept]


def candidate_keyword_calls(db: sqlite3.Connection, terms: Sequence[str], candidates: Sequence[int]) -> list[CallMatch]:
    """The ``candidates`` that hold any of ``terms`` (whole tokens), best bm25 over the whole call first."""
    tokens = [fts_token(token) for token, _ in query_phrases(terms, prefixes=False)]
    tokens = [token for token in tokens if token]
    if not tokens or not candidates:
        return []
    calls, total_tokens = call_totals(db)
    counts = call_counts(db, tokens)
    weights: dict[str, float] = {}
    for token in tokens:  # a stem repeated as two phrases counts twice, as in FTS5
        n = counts[token]
        weights[token] = weights.get(token, 0.0) + max(math.log((calls - n + 0.5) / (n + 0.5)), 1e-6)
    average = total_tokens / calls if calls else 1.0
    found: list[CallMatch] = []
    ids = [int(c) for c in dict.fromkeys(candidates)]
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        marks = ",".join("?" * len(part))
        sql = f"SELECT rowid, all_turns, client, operator FROM calls_fts WHERE rowid IN ({marks})"
        for call_id, whole, client, operator in db.execute(sql, part):
            words = _tokens(str(whole or ""))
            length = len(words) + len(_tokens(str(client or ""))) + len(_tokens(str(operator or "")))
            norm = _BM25_K1 * (1.0 - _BM25_B + _BM25_B * length / average)
            score = 0.0
            for token, freq in Counter(words).items():
                weight = weights.get(token)
                if weight:
                    score += weight * freq * (_BM25_K1 + 1.0) / (freq + norm)
            if score > 0.0:
                found.append(CallMatch(int(call_id), score))
    found.sort(key=lambda m: (-m.score, m.call_id))
    return found


def _tokens(text: str) -> list[str]:
    """``text``'s tokens as the index's tokenizer counts them."""
    tokens = text.split()
    if _PLAIN_TEXT.fullmatch(text):
        return tokens
    return [folded for folded in (fts_token(token) for token in tokens) if folded]
