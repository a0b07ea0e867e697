"""The processor over the tiny Qwen3 model: lazy load, shapes, prompts, batching, unload."""

from __future__ import annotations

import gc
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.embedding import Embedder, OptimizedEmbeddingProcessor
from callcenter_ai.core.embedding.batching import pack_batches

Make = Callable[..., OptimizedEmbeddingProcessor]

TEXTS = [
    "клиент: здравствуйте, не могу войти в личный кабинет",
    "оператор: назовите номер договора",
    "ok",
    "The customer asks for a refund on the last order and says the card was charged twice. " * 6,
    "Абонент хочет изменить тариф связи и просит перезвонить позже.",
    "",
    "Сотрудник банка блокирует потерянную карту " * 12,
]


def test_import_does_not_load_torch_or_model(make_processor: Make) -> None:
    processor = make_processor()
    assert isinstance(processor, Embedder)
    assert not processor.is_loaded
    assert processor.state == "not loaded"
    assert processor.model_id.startswith("local/model-") and processor.model_id.endswith("@64")
    processor.embed_documents(["привет"])
    assert processor.is_loaded
    assert processor.state == "CPU fp32"
    assert "torch" in sys.modules


def test_local_folder_model_id_is_stable(make_processor: Make, tiny_model_dir: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "elsewhere" / "model"
    shutil.copytree(tiny_model_dir, copy)
    assert make_processor().model_id == make_processor(model=str(copy)).model_id
    assert make_processor().model_id == make_processor(model=str(tiny_model_dir) + "/").model_id


def test_vectors_are_normalised_float32(make_processor: Make) -> None:
    vectors = make_processor().embed_documents(TEXTS)
    assert vectors.dtype == np.float32
    assert vectors.shape == (len(TEXTS), 64)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("dims", [1024, 512, 256])
def test_matryoshka_cut(home: Path, wide_model_dir: Path, dims: int) -> None:
    from callcenter_ai.core.settings import load_settings

    settings = load_settings(home, overrides={"model": str(wide_model_dir), "dims": dims, "device": "cpu"}, environ={})
    processor = OptimizedEmbeddingProcessor(settings)
    try:
        vectors = processor.embed_documents(TEXTS[:3])
        assert vectors.shape == (3, dims)
        assert processor.model_id.endswith(f"@{dims}")
        np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
        if dims < 1024:
            full = OptimizedEmbeddingProcessor(settings.__class__(**{**settings.__dict__, "dims": 1024}))
            whole = full.embed_documents(TEXTS[:3])
            full.close()
            cut = whole[:, :dims] / np.linalg.norm(whole[:, :dims], axis=1, keepdims=True)
            np.testing.assert_allclose(vectors, cut, atol=1e-5)
    finally:
        processor.close()


def test_query_prompt_differs_from_document(make_processor: Make) -> None:
    processor = make_processor()
    query = processor.embed_queries(["возврат денег"])
    document = processor.embed_documents(["возврат денег"])
    assert float(query[0] @ document[0]) < 0.999


def test_matches_plain_sentence_transformers(make_processor: Make, tiny_model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    plain = SentenceTransformer(str(tiny_model_dir), device="cpu").encode(TEXTS, batch_size=32)
    ours = make_processor().embed_documents(TEXTS)
    np.testing.assert_allclose((plain * ours).sum(axis=1), 1.0, atol=1e-4)


def test_token_budget_batching_restores_order(make_processor: Make) -> None:
    texts = [f"{i} " + "слово " * (1 + (i * 37) % 50) for i in range(16)]
    processor = make_processor(batch_size=4, batch_token_budget=120)
    reports = list(processor.encode_stream(processor.tokenize(texts)))
    assert len(reports) > 4
    assert all(r.padded_tokens <= 120 or r.pieces == 1 for r in reports)
    batched = np.zeros((len(texts), processor.dims), dtype=np.float32)
    for report in reports:
        batched[report.indices] = report.vectors
    one_by_one = np.concatenate([processor.embed_documents([t]) for t in texts])
    np.testing.assert_allclose(batched, one_by_one, atol=1e-4)


def test_pack_batches_respects_limits() -> None:
    lengths = [5, 100, 7, 7, 60, 1, 2, 300, 64]
    batches = pack_batches(lengths, batch_size=3, token_budget=128)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= 3
        assert len(batch) == 1 or max(lengths[i] for i in batch) * len(batch) <= 128


def test_long_text_is_windowed_not_truncated(make_processor: Make) -> None:
    processor = make_processor(max_tokens=32)
    long_text = "Клиент жалуется на списание с карты. " * 20
    ids = processor.tokenize([long_text])[0]
    assert len(ids) > 64
    vector = processor.embed_documents([long_text])[0]
    head = processor.embed_documents([long_text[:40]])[0]
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    assert float(vector @ head) < 0.9999  # the tail counted too


def test_unload_releases_the_model(make_processor: Make) -> None:
    processor = make_processor()
    processor.embed_documents(["привет"])
    model_ref = weakref.ref(processor._st)
    processor.unload()
    gc.collect()
    assert model_ref() is None
    assert not processor.is_loaded
    assert processor.state == "not loaded"
    assert any(e.kind == "unload" for e in processor.events.events())
    processor.embed_documents(["снова"])  # loads again on use
    assert processor.is_loaded


def test_idle_timeout_unloads_and_leaves_no_thread(make_processor: Make) -> None:
    processor = make_processor(idle_unload_s=0.3)
    processor.embed_queries(["вопрос"])
    assert processor.is_loaded
    deadline = time.time() + 10
    while processor.is_loaded and time.time() < deadline:
        time.sleep(0.05)
    assert not processor.is_loaded
    time.sleep(0.05)
    assert not [t for t in threading.enumerate() if t.name == "embedder-idle-unload" and t.is_alive()]


def test_events_reach_listeners(make_processor: Make) -> None:
    processor = make_processor()
    seen = []
    processor.events.subscribe(seen.append)
    processor.load()
    processor.unload()
    assert [e.kind for e in seen] == ["load", "unload"]
