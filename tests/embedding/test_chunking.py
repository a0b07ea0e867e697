"""Chunks of whole turns with one turn of overlap; long turns as token windows; per-side chunks."""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence

import pytest

from callcenter_ai.core.embedding import OptimizedEmbeddingProcessor
from callcenter_ai.core.embedding.chunking import CharTokenCounter, chunk_call
from callcenter_ai.core.records import Turn


def dialog(n: int) -> list[Turn]:
    return [Turn("client" if i % 2 else "operator", f"реплика номер {i} " + "слово " * (i % 5)) for i in range(n)]


def test_whole_turns_with_one_turn_overlap() -> None:
    counter = CharTokenCounter(chars_per_token=4)
    turns = dialog(30)
    chunks = [c for c in chunk_call(turns, counter, max_tokens=40, side_vectors=False) if c.side == "all"]
    assert len(chunks) > 3
    assert chunks[0].first_turn == 0 and chunks[-1].last_turn == 29
    for before, after in itertools.pairwise(chunks):
        assert after.first_turn == before.last_turn  # one turn shared
    for chunk in chunks:
        assert chunk.token_count <= 40
        assert chunk.text.count("\n") == chunk.last_turn - chunk.first_turn
    assert [c.chunk_no for c in chunks] == list(range(len(chunks)))


def test_side_chunks_hold_only_that_side() -> None:
    turns = dialog(12)
    chunks = chunk_call(turns, CharTokenCounter(), max_tokens=2048)
    sides = {c.side for c in chunks}
    assert sides == {"all", "client", "operator"}
    client = next(c for c in chunks if c.side == "client")
    assert "реплика номер 1 " in client.text and "реплика номер 0 " not in client.text
    assert "клиент:" not in client.text
    whole = next(c for c in chunks if c.side == "all")
    assert whole.text.startswith("оператор: реплика номер 0")


@pytest.mark.slow
def test_ten_megabyte_call_with_the_model_tokenizer(
    make_processor: Callable[..., OptimizedEmbeddingProcessor],
) -> None:
    counter = make_processor().token_counter()
    line = "Клиент жалуется на списание с карты и просит вернуть деньги за заказ. "
    turns = [Turn("client" if i % 2 else "operator", line * 20) for i in range(4000)]
    giant = Turn("client", "ёжик " * 40_000)  # one turn far over the limit
    turns.insert(100, giant)
    size = sum(len(t.text.encode()) for t in turns)
    assert size > 10_000_000
    started = time.perf_counter()
    chunks = chunk_call(turns, counter, max_tokens=2048, side_vectors=False)
    seconds = time.perf_counter() - started
    assert seconds < 60
    giant_chunks = [c for c in chunks if c.first_turn == c.last_turn == 100]
    assert len(giant_chunks) > 1
    rejoined = "".join(c.text for c in giant_chunks)
    assert rejoined == "клиент: " + giant.text
    assert all(c.token_count <= 2048 for c in chunks)
    covered = {t for c in chunks for t in range(c.first_turn, c.last_turn + 1)}
    assert covered == set(range(len(turns)))


def test_empty_call_gives_one_empty_chunk() -> None:
    chunks = chunk_call([], CharTokenCounter(), max_tokens=100)
    assert len(chunks) == 1 and chunks[0].text == "" and chunks[0].side == "all"


def test_ten_megabyte_call_is_chunked_fast_without_losing_text() -> None:
    counter = CharTokenCounter(chars_per_token=4)
    line = "Клиент жалуется на списание с карты и просит вернуть деньги за заказ. "
    turns = [Turn("client" if i % 2 else "operator", line * 20) for i in range(4000)]
    giant = Turn("client", "ёжик " * 40_000)
    turns.insert(100, giant)
    assert sum(len(t.text.encode()) for t in turns) > 10_000_000
    started = time.perf_counter()
    chunks = chunk_call(turns, counter, max_tokens=2048)
    assert time.perf_counter() - started < 10
    giant_chunks = [c for c in chunks if c.first_turn == c.last_turn == 100 and c.side == "all"]
    assert "".join(c.text for c in giant_chunks) == "клиент: " + giant.text
    assert all(c.token_count <= 2048 for c in chunks)
    for side in ("all", "client", "operator"):
        side_turns = {i for i, t in enumerate(turns) if side in ("all", t.speaker)}
        covered = {t for c in chunks if c.side == side for t in range(c.first_turn, c.last_turn + 1)}
        assert side_turns <= covered


class JoinCostlyCounter(CharTokenCounter):
    """Like a BPE tokenizer whose line breaks merge badly: a joined text costs more than its turns summed."""

    def count(self, texts: Sequence[str]) -> list[int]:
        return [n + 3 * t.count("\n") for n, t in zip(super().count(texts), texts, strict=True)]


def test_chunks_are_counted_whole_and_never_exceed_the_limit() -> None:
    counter = JoinCostlyCounter(chars_per_token=4)
    turns = dialog(40)
    chunks = [c for c in chunk_call(turns, counter, max_tokens=40, side_vectors=False) if c.side == "all"]
    for chunk in chunks:
        assert chunk.token_count == counter.count([chunk.text])[0] <= 40
    covered = {i for c in chunks for i in range(c.first_turn, c.last_turn + 1)}
    assert covered == set(range(40))
    for before, after in itertools.pairwise(chunks):
        assert after.first_turn in (before.last_turn, before.last_turn + 1)
