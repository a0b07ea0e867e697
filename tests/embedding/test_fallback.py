"""Without the model and without network the offline embedder takes over, loudly."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.embedding import (
    OfflineEmbedder,
    OptimizedEmbeddingProcessor,
    get_embedder,
    run_embed_job,
)
from callcenter_ai.core.errors import ModelUnavailableError
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import load_settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store.vectors import embedded_models


def test_missing_hub_model_offline_falls_back(
    home: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(home / "empty-hf-cache"))
    settings = load_settings(home, overrides={"model": "Qwen/Qwen3-Embedding-0.6B"}, environ={})
    with caplog.at_level(logging.WARNING):
        embedder = get_embedder(settings)
    assert isinstance(embedder, OfflineEmbedder)
    assert embedder.model_id == "offline/usem3@512"
    assert embedder.fallback_reason and "HF_HUB_OFFLINE" in embedder.fallback_reason
    assert "offline embedder" in caplog.text
    vectors = embedder.embed_documents(["привет, как дела", "hello"])
    assert vectors.shape == (2, 512)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_missing_folder_without_fallback_is_a_known_error(home: Path) -> None:
    settings = load_settings(home, overrides={"model": str(home / "no-such-model")}, environ={})
    embedder = get_embedder(settings, allow_fallback=False)
    assert isinstance(embedder, OptimizedEmbeddingProcessor)
    with pytest.raises(ModelUnavailableError, match="does not exist"):
        embedder.embed_documents(["x"])


def test_load_failure_falls_back(home: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    settings = load_settings(home, overrides={"model": str(broken)}, environ={})
    embedder = get_embedder(settings, load=True)
    assert isinstance(embedder, OfflineEmbedder)
    assert "cannot load" in (embedder.fallback_reason or "")


def test_fallback_model_id_is_recorded_in_the_store(
    home: Path, store: CallStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with store.transaction():
        store.upsert_call(
            CallRecord("a", (Turn("client", "хочу вернуть деньги"), Turn("operator", "оформляю возврат")))
        )
    settings = load_settings(home, overrides={"model": str(home / "missing")}, environ={})
    embedder = get_embedder(settings)
    summary = run_embed_job(store, embedder)
    assert summary.calls == 1 and summary.fallback_reason
    assert embedded_models(store.db) == {"offline/usem3@512": 1}


@pytest.mark.parametrize("command", ["embed", "index"])
def test_a_model_that_fails_to_load_falls_back_the_same_in_embed_and_index(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """One policy for every batch job: ``index`` used to fail where ``embed`` fell back."""
    import json

    from callcenter_ai.cli.main import main

    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{not json")
    settings = load_settings(home, environ={})
    with CallStore.open(settings.db_path) as store, store.transaction():
        store.upsert_call(CallRecord("a", (Turn("client", "хочу вернуть деньги"), Turn("operator", "оформляю"))))
    args = ["--home", str(home), command, "--model", str(broken), "--json"]
    assert main(args + (["--no-progress"] if command == "index" else [])) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["model_id"] == "offline/usem3@512" and "cannot load" in out["fallback_reason"]
    with CallStore.open(settings.db_path) as store:
        assert embedded_models(store.db) == {"offline/usem3@512": 1}
