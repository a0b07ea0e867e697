"""The CPU fast path: int8 dynamic quantisation and padding-aware packing (tiny Qwen3 models)."""

from __future__ import annotations

import gc
import itertools
import random
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from callcenter_ai.core.embedding import OptimizedEmbeddingProcessor
from callcenter_ai.core.embedding.batching import batch_cost, pack_batches, pack_batches_cpu
from callcenter_ai.core.embedding.quantize import MIN_LINEAR_PARAMS_FOR_INT8, int8_engine, linear_params, worth_int8
from callcenter_ai.core.settings import load_settings

Make = Callable[..., OptimizedEmbeddingProcessor]

TEXTS = [
    "клиент: здравствуйте, не могу войти в личный кабинет",
    "оператор: назовите номер договора",
    "The customer asks for a refund on the last order and says the card was charged twice. " * 4,
    "Абонент хочет изменить тариф связи и просит перезвонить позже.",
    "Сотрудник банка блокирует потерянную карту " * 8,
]

needs_int8 = pytest.mark.skipif(int8_engine() is None, reason="this torch build has no int8 CPU kernels (fbgemm/x86)")


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.asarray((a * b).sum(axis=1))


@needs_int8
def test_int8_path_loads_and_stays_close_to_fp32(make_processor: Make) -> None:
    import torch

    fp32 = make_processor(precision="fp32").embed_documents(TEXTS)
    processor = make_processor(precision="int8")
    vectors = processor.embed_documents(TEXTS)
    assert processor.state == "CPU int8" and processor.precision == "int8"
    kinds = {type(m).__module__ for m in processor._st.modules()}
    assert not any(isinstance(m, torch.nn.Linear) for m in processor._st.modules())  # every Linear was replaced
    assert any("quantized.dynamic" in kind for kind in kinds)
    assert vectors.dtype == np.float32 and vectors.shape == (len(TEXTS), 64)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Measured: min cosine 0.9998 here, 0.998 on the 1024-wide model, 0.994 on Qwen3-0.6B's shape.
    assert cosines(vectors, fp32).min() >= 0.99
    assert cosines(vectors, fp32).min() < 0.999999  # the int8 path really ran


@needs_int8
def test_int8_queries_and_matryoshka_cut(home: Path, wide_model_dir: Path) -> None:
    options = {"model": str(wide_model_dir), "device": "cpu", "idle_unload_s": 0, "dims": 256}
    int8 = OptimizedEmbeddingProcessor(load_settings(home, overrides={**options, "precision": "int8"}, environ={}))
    fp32 = OptimizedEmbeddingProcessor(load_settings(home, overrides={**options, "precision": "fp32"}, environ={}))
    try:
        queries, documents = int8.embed_queries(TEXTS[:3]), int8.embed_documents(TEXTS[:3])
        assert queries.shape == documents.shape == (3, 256)
        assert int8.model_id == fp32.model_id  # one vector space: see docs/EMBEDDERS.md, "CPU speed"
        np.testing.assert_allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-5)
        assert (cosines(queries, documents) < 0.999).all()  # the query prompt still applies
        assert cosines(documents, fp32.embed_documents(TEXTS[:3])).min() >= 0.99
    finally:
        int8.close()
        fp32.close()


def test_auto_keeps_fp32_for_a_tiny_model(make_processor: Make) -> None:
    processor = make_processor()  # precision=auto
    processor.load()
    assert linear_params(processor._st) < MIN_LINEAR_PARAMS_FOR_INT8
    assert not worth_int8(processor._st)
    assert processor.state == "CPU fp32"


@needs_int8
def test_auto_picks_int8_for_a_big_model() -> None:
    import torch

    big = torch.nn.Sequential(torch.nn.Linear(4096, 4096), torch.nn.Linear(4096, 1024))
    assert linear_params(big) >= MIN_LINEAR_PARAMS_FOR_INT8
    assert worth_int8(big)


@needs_int8
def test_int8_unload_frees_the_model(make_processor: Make) -> None:
    processor = make_processor(precision="int8")
    processor.embed_documents(["привет"])
    model_ref = weakref.ref(processor._st)
    processor.unload()
    gc.collect()
    assert model_ref() is None and not processor.is_loaded
    processor.embed_documents(["снова"])
    assert processor.state == "CPU int8"


@needs_int8
def test_nan_in_int8_reloads_fp32(make_processor: Make) -> None:
    expected = make_processor(precision="fp32").embed_documents(TEXTS[:2])
    processor = make_processor(precision="int8")
    processor.load()
    real = processor.forward_fn

    def forward(features: dict[str, Any]) -> Any:
        out = real(features)
        return out * float("nan") if processor.precision == "int8" else out

    processor.forward_fn = forward
    vectors = processor.embed_documents(TEXTS[:2])
    assert processor.events.events("nan")
    assert processor.precision == "fp32" and processor.state == "CPU fp32"
    np.testing.assert_allclose(vectors, expected, atol=1e-5)


# -- packing ---------------------------------------------------------------------------------------


def brute_force_cost(widths: list[int], batch_size: int, budget: int) -> float:
    """Cheapest split of the sorted widths into contiguous runs, by trying every set of cut points."""
    count, best = len(widths), float("inf")
    for cuts in itertools.product((False, True), repeat=count - 1):
        bounds = [0, *[i + 1 for i, c in enumerate(cuts) if c], count]
        runs = [widths[a:b] for a, b in itertools.pairwise(bounds)]
        if any(len(r) > batch_size or (len(r) > 1 and len(r) * r[0] > budget) for r in runs):
            continue
        best = min(best, sum(batch_cost(len(r), r[0]) for r in runs))
    return best


@pytest.mark.parametrize("seed", range(6))
def test_cpu_packing_is_the_cheapest_split(seed: int) -> None:
    rng = random.Random(seed)
    lengths = [rng.choice([rng.randint(1, 40), rng.randint(40, 900)]) for _ in range(9)]
    batch_size, budget = rng.choice([2, 4, 16]), rng.choice([256, 1024, 65536])
    batches = pack_batches_cpu(lengths, batch_size, budget)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= batch_size
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= budget
    cost = sum(batch_cost(len(b), max(max(1, lengths[i]) for i in b)) for b in batches)
    widths = sorted((max(1, n) for n in lengths), reverse=True)
    assert cost == pytest.approx(brute_force_cost(widths, batch_size, budget))


def test_cpu_packing_pads_less_than_greedy() -> None:
    rng = random.Random(1)
    lengths = [int(np.exp(rng.uniform(np.log(16), np.log(256)))) for _ in range(32)]

    def padded(batches: list[list[int]]) -> int:
        return sum(max(lengths[i] for i in b) * len(b) for b in batches)

    greedy, cpu = pack_batches(lengths, 32, 65536), pack_batches_cpu(lengths, 32, 65536)
    assert len(greedy) == 1
    assert padded(cpu) < 0.6 * padded(greedy)
    assert padded(cpu) <= 1.1 * sum(lengths)
    assert pack_batches_cpu([50] * 10, 32, 65536) == [list(range(10))]  # like lengths share a batch


def test_cpu_threads_leave_busy_cores_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import psutil

    from callcenter_ai.core.embedding import loading

    cores = psutil.cpu_count(logical=False) or 1
    monkeypatch.setattr(loading, "other_processes_busy_cores", lambda _psutil, _cores: 0.1)
    assert loading.cpu_threads() == cores
    monkeypatch.setattr(loading, "other_processes_busy_cores", lambda _psutil, _cores: cores + 3.0)
    assert loading.cpu_threads() == 1


def test_busy_cores_are_sampled_now_not_from_the_load_average(monkeypatch: pytest.MonkeyPatch) -> None:
    import psutil

    from callcenter_ai.core.embedding import loading

    # A machine that just finished a heavy job: the 1-minute average still says "busy".
    monkeypatch.setattr("os.getloadavg", lambda: (5.0, 5.0, 5.0), raising=False)
    monkeypatch.setattr(loading, "BUSY_SAMPLE_S", 0.05)
    busy = loading.other_processes_busy_cores(psutil, psutil.cpu_count(logical=False) or 1)
    assert 0.0 <= busy <= (psutil.cpu_count() or 1)
    assert busy < 5.0


def test_own_cpu_use_does_not_count_as_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    from callcenter_ai.core.embedding import loading

    class Everyone:
        """psutil as seen while only this process works: one core's worth, all of it ours."""

        @staticmethod
        def cpu_count(logical: bool = True) -> int:
            return 2

        @staticmethod
        def cpu_percent(_interval: object) -> float:
            return 50.0  # of 2 cores

        class Process:
            def cpu_percent(self, _interval: object) -> float:
                return 100.0  # one core

    monkeypatch.setattr(loading, "BUSY_SAMPLE_S", 0.0)
    assert loading.other_processes_busy_cores(Everyone, 2) == 0.0
