"""Processors over the session's tiny Qwen3 model, unloaded after each test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from callcenter_ai.core.embedding.processor import OptimizedEmbeddingProcessor
from callcenter_ai.core.settings import Settings, load_settings


@pytest.fixture(scope="session")
def wide_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1024-dim tiny Qwen3 model, for Matryoshka cuts."""
    from callcenter_ai.devtools.tiny_qwen3 import build_tiny_qwen3

    return build_tiny_qwen3(tmp_path_factory.mktemp("wide_qwen3") / "model", wide=True)


@pytest.fixture
def make_processor(home: Path, tiny_model_dir: Path) -> Iterator[Callable[..., OptimizedEmbeddingProcessor]]:
    made: list[OptimizedEmbeddingProcessor] = []

    def make(**overrides: Any) -> OptimizedEmbeddingProcessor:
        options = {"model": str(tiny_model_dir), "device": "cpu", "idle_unload_s": 0, **overrides}
        processor = OptimizedEmbeddingProcessor(load_settings(home, overrides=options, environ={}))
        made.append(processor)
        return processor

    yield make
    for processor in made:
        processor.close()


@pytest.fixture
def tiny_settings(home: Path, tiny_model_dir: Path) -> Settings:
    return load_settings(
        home, overrides={"model": str(tiny_model_dir), "device": "cpu", "idle_unload_s": 0}, environ={}
    )
