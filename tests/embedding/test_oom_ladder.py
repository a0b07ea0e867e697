"""Every rung of the out-of-memory ladder, reached by failures injected at the forward call."""

from __future__ import annotations

import errno
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from callcenter_ai.core.embedding import OptimizedEmbeddingProcessor
from callcenter_ai.core.embedding.device import Placement
from callcenter_ai.core.embedding.events import EventLog
from callcenter_ai.core.errors import ModelUnavailableError

Make = Callable[..., OptimizedEmbeddingProcessor]
TEXTS = [f"клиент: вопрос номер {i} " + "про тариф " * (i % 7) for i in range(8)]


def inject(
    processor: OptimizedEmbeddingProcessor, fail_when: Callable[[dict[str, Any]], bool]
) -> list[tuple[int, int]]:
    """Make the forward call raise CUDA OOM while ``fail_when(features)``; returns the shapes tried."""
    import torch

    real = processor.forward_fn
    tried: list[tuple[int, int]] = []

    def forward(features: dict[str, Any]) -> Any:
        tried.append(tuple(features["input_ids"].shape))
        if fail_when(features):
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB (injected)")
        return real(features)

    processor.forward_fn = forward
    return tried


def rungs(processor: OptimizedEmbeddingProcessor) -> list[str]:
    return [e.message for e in processor.events.events("oom")]


def test_halving_the_batch(make_processor: Make) -> None:
    processor = make_processor(batch_size=8)
    # Texts of one token length, so that even the CPU packer (which splits texts of unlike lengths) forms one batch.
    texts = [f"клиент: вопрос номер {i}" for i in range(8)]
    assert len({len(ids) for ids in processor.tokenize(texts)}) == 1
    expected = processor.embed_documents(texts)
    tried = inject(processor, lambda f: f["input_ids"].shape[0] > 2)
    vectors = processor.embed_documents(texts)
    assert tried[0][0] == 8
    np.testing.assert_allclose(vectors, expected, atol=1e-4)
    assert processor.batch_size == 2
    messages = rungs(processor)
    assert any("batch halved to 4" in m for m in messages)
    assert any("batch halved to 2" in m for m in messages)
    assert max(shape[0] for shape in tried[1:]) <= 4


def test_the_failed_attempts_memory_is_released_before_the_retry(make_processor: Make) -> None:
    """What a failed forward allocated must be gone when the next rung runs.

    The traceback of the out-of-memory error holds the failed forward's frames and with them its
    activations: a retry made while it is alive runs out of memory again at every rung (seen on
    an H100 under a memory cap, where the ladder went all the way down to the CPU).
    """
    import weakref

    import torch

    processor = make_processor(batch_size=8)
    texts = [f"клиент: вопрос номер {i}" for i in range(8)]
    real = processor.forward_fn
    held: list[weakref.ref[Any]] = []
    alive_at_retry: list[bool] = []

    class Activations:  # stands for the tensors a forward allocates before running out
        pass

    def forward(features: dict[str, Any]) -> Any:
        alive_at_retry.extend(ref() is not None for ref in held)
        if features["input_ids"].shape[0] > 2:
            activations = Activations()
            held.append(weakref.ref(activations))
            raise torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB (injected)")
        return real(features)

    processor.forward_fn = forward
    vectors = processor.embed_documents(texts)
    assert held, "the injected failure never happened"
    assert alive_at_retry and not any(alive_at_retry)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_context_shortened_to_512_at_batch_one(make_processor: Make) -> None:
    processor = make_processor(batch_size=4, max_tokens=2048)
    long_text = "Оператор уточняет статус доставки и номер заказа. " * 150
    assert len(processor.tokenize([long_text])[0]) > 600
    inject(processor, lambda f: f["input_ids"].shape[1] > 512)
    # Two texts of one length share a batch on any device, so the batch rung comes first.
    vectors = processor.embed_documents([long_text, long_text])
    assert processor.context_limit == 512
    assert processor.batch_size == 1
    messages = rungs(processor)
    assert any("batch halved to 1" in m for m in messages)
    assert any("context shortened to 512" in m for m in messages)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_moves_to_cpu_after_the_last_gpu_rung(make_processor: Make) -> None:
    processor = make_processor(batch_size=4)
    processor.load()
    # Pretend the model runs on a GPU that is out of memory; the CPU rung moves it (really) to the CPU.
    processor.device, processor.precision = "cuda", "bf16"
    inject(processor, lambda f: processor.device == "cuda")
    vectors = processor.embed_documents(TEXTS[:3])
    assert processor.device == "cpu" and processor.precision == "fp32"
    assert processor.state == "CPU fp32"
    messages = rungs(processor)
    assert any("batch halved" in m for m in messages)
    assert any("context shortened to 512" in m for m in messages)
    assert any("moving the model to the CPU" in m for m in messages)
    assert vectors.shape == (3, processor.dims)


def test_out_of_memory_on_cpu_at_the_bottom_is_a_known_error(make_processor: Make) -> None:
    processor = make_processor(batch_size=2)
    inject(processor, lambda f: True)
    with pytest.raises(ModelUnavailableError, match="out of memory even at batch 1"):
        processor.embed_documents(TEXTS[:2])


def test_other_errors_are_not_swallowed(make_processor: Make) -> None:
    processor = make_processor()
    processor.load()

    def broken(features: dict[str, Any]) -> Any:
        raise ValueError("a bug")

    processor.forward_fn = broken
    with pytest.raises(ValueError, match="a bug"):
        processor.embed_documents(["x"])


def test_nan_batch_is_redone_in_fp32(make_processor: Make) -> None:
    import torch

    processor = make_processor()
    expected = processor.embed_documents(TEXTS[:2])
    processor.precision = "bf16"  # as on a GPU; the check runs for any half precision
    real = processor.forward_fn

    def forward(features: dict[str, Any]) -> Any:
        out = real(features)
        dtype = next(processor._st.parameters()).dtype
        return out * float("nan") if dtype != torch.float32 else out

    processor._st.to(dtype=torch.bfloat16)
    processor.forward_fn = forward
    vectors = processor.embed_documents(TEXTS[:2])
    assert processor.events.events("nan")
    assert np.isfinite(vectors).all()
    # The fp32 redo runs the bf16-rounded weights, so it is close to, not equal to, the fp32 model.
    assert ((vectors * expected).sum(axis=1) > 0.999).all()
    assert next(processor._st.parameters()).dtype == torch.bfloat16


@pytest.mark.parametrize(
    "failure",
    [
        MemoryError(),
        OSError(errno.ENOMEM, "The paging file is too small for this operation to complete (os error 1455)"),
    ],
)
def test_memory_failure_while_loading_says_what_to_change(
    monkeypatch: pytest.MonkeyPatch, make_processor: Make, failure: BaseException
) -> None:
    from callcenter_ai.core.embedding import loading

    calls: list[str] = []

    def failing_load(model: str, placement: Placement) -> Any:
        calls.append(placement.device)
        raise failure

    monkeypatch.setattr(loading, "_load", failing_load)
    processor = make_processor()
    with pytest.raises(ModelUnavailableError) as info:
        processor.load()
    assert "page file" in info.value.hint and "local model folder" in info.value.hint
    assert "device=cpu" in info.value.hint
    assert processor.state == "not loaded"
    assert calls == ["cpu"]


def test_memory_failure_loading_on_gpu_falls_back_to_cpu(monkeypatch: pytest.MonkeyPatch, tiny_model_dir: Any) -> None:
    from callcenter_ai.core.embedding import loading

    real_load = loading._load
    devices: list[str] = []

    def load(model: str, placement: Placement) -> Any:
        devices.append(placement.device)
        if placement.device == "cuda":
            raise MemoryError()
        return real_load(model, placement)

    monkeypatch.setattr(loading, "_load", load)
    events = EventLog()
    st, placement = loading.load_sentence_transformer(str(tiny_model_dir), Placement("cuda", "bf16", "test"), events)
    assert devices == ["cuda", "cpu"] and placement.device == "cpu"
    assert events.events("oom") and events.events("fallback")
    del st
