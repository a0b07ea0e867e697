"""The tiny Qwen3 model loads through sentence-transformers like the real one."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np


def test_tiny_model_loads_like_qwen3(tiny_model_dir: Path) -> None:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(tiny_model_dir), device="cpu", model_kwargs={"attn_implementation": "sdpa"})
    assert model.tokenizer.padding_side == "left"
    assert model.tokenizer.pad_token == "<|endoftext|>"
    ids = model.tokenizer("оператор: здравствуйте")["input_ids"]
    assert ids[-1] == model.tokenizer.convert_tokens_to_ids("<|endoftext|>")
    assert model[0].auto_model.config._attn_implementation == "sdpa"
    assert model.prompts["query"].startswith("Instruct: ")
    vectors = model.encode(["привет", "hello there, a longer English sentence"])
    assert vectors.shape == (2, 64)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    modules = json.loads((tiny_model_dir / "modules.json").read_text())
    assert [m["type"].rsplit(".", 1)[1] for m in modules] == ["Transformer", "Pooling", "Normalize"]


def test_tiny_model_is_deterministic(tiny_model_dir: Path, tmp_path: Path) -> None:
    from callcenter_ai.devtools.tiny_qwen3 import build_tiny_qwen3

    again = build_tiny_qwen3(tmp_path / "again")
    assert (again / "tokenizer.json").read_bytes() == (tiny_model_dir / "tokenizer.json").read_bytes()
    assert (again / "model.safetensors").read_bytes() == (tiny_model_dir / "model.safetensors").read_bytes()
