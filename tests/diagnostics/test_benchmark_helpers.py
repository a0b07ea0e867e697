"""The arithmetic the benchmarks rely on (the benchmarks themselves run outside pytest)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(autouse=True)
def benchmarks_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))


def test_exact_top_k_matches_a_full_sort() -> None:
    import bench_search

    rng = np.random.default_rng(1)
    centers = rng.standard_normal((20, 32)).astype(np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    data = bench_search.clustered(2500, 32, centers, rng, spread=1.2)
    queries = bench_search.clustered(7, 32, centers, rng, spread=1.2)
    np.testing.assert_allclose(np.linalg.norm(data, axis=1), 1.0, atol=1e-5)
    old_block, bench_search.BLOCK = bench_search.BLOCK, 600  # several blocks, one partial
    try:
        got = bench_search.exact_top_k(data, queries, 10)
    finally:
        bench_search.BLOCK = old_block
    expected = np.argsort(-(queries @ data.T), axis=1)[:, :10]
    assert np.array_equal(np.sort(got, axis=1), np.sort(expected, axis=1))


def test_flops_per_token_of_qwen3_matches_the_known_figure() -> None:
    import bench_embedding

    config = {"hidden_size": 1024, "num_hidden_layers": 28, "num_attention_heads": 16, "num_key_value_heads": 8,
              "head_dim": 128, "intermediate_size": 3072}  # fmt: skip
    assert bench_embedding.flops_per_token(config, 500) == pytest.approx(0.94e9, rel=0.01)  # FACTS: 0.94 GFLOP


def test_plain_padding_follows_sentence_transformers_batching() -> None:
    import bench_embedding

    texts = ["a" * 10, "b" * 30, "c" * 20, "d" * 5]
    lengths = [4, 9, 7, 2]
    # Longest first by characters: [9, 7] then [4, 2] in batches of 2.
    assert bench_embedding.plain_padded_tokens(texts, lengths, 2) == 9 * 2 + 4 * 2
    assert bench_embedding.plain_padded_tokens(texts, lengths, 32) == 9 * 4


def test_demo_texts_are_cut_to_their_token_targets() -> None:
    import bench_embedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    tokenizer = Tokenizer(models.WordLevel({"[UNK]": 0}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    texts = bench_embedding.build_texts(12, 5, 80, tokenizer, seed=3)
    lengths = [len(tokenizer.encode(t).ids) for t in texts]
    assert all(5 <= n <= 80 for n in lengths) and len(set(lengths)) > 6


def test_a_peer_is_judged_against_its_own_fp32_when_that_ran() -> None:
    """The peers' older transformers gives other vectors for the same weights: int8 is judged against their fp32."""
    import bench_embedding

    both = {"fidelity": {"mean_cosine": 0.9521, "mean_cosine_to_peer_torch": 0.9959}}
    assert bench_embedding._peer_fidelity(both) == 0.9959
    assert bench_embedding._peer_fidelity({"fidelity": {"mean_cosine": 0.97}}) == 0.97


def test_warming_the_cache_reads_every_file_of_the_home(tmp_path: Path) -> None:
    import bench_startup

    (tmp_path / "data").mkdir()
    (tmp_path / "indexes" / "old").mkdir(parents=True)
    sizes = {"data/callcenter.db": 40_000_000, "indexes/x.faiss": 3, "indexes/old/y.npy": 0, "settings.json": 17}
    for name, size in sizes.items():
        (tmp_path / name).write_bytes(b"x" * size)
    read, seconds = bench_startup.warm_cache(tmp_path)
    assert read == sum(sizes.values())
    assert seconds >= 0
