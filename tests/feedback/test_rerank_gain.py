"""The re-ranking gain on real labelled dialogs (benchmarks/bench_rerank.py), as a slow test."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
@pytest.mark.timeout(1200)
@pytest.mark.shared_data("multiwoz_ru", "multiwoz_ru_dev.jsonl")
def test_ratings_on_one_half_improve_precision_at_10_on_the_other() -> None:
    spec = importlib.util.spec_from_file_location("bench_rerank", ROOT / "benchmarks" / "bench_rerank.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.run("multiwoz_ru", limit=600, seed=1)
    plain = result["test_plain"]["precision_at_10"]
    reranked = result["test_reranked_all"]["precision_at_10"]
    assert result["test_calls"] == 300 and result["ratings"] == 3000
    # Measured +0.13 on the full file (seed 0); demand a clear gain on unseen calls, not a tuned figure.
    assert reranked > plain + 0.02, result
    assert result["test_reranked_top30"]["precision_at_10"] > plain, result
