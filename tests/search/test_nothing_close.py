"""The store's own "nothing close" line: measured from content-free probes, where the fixed cosine fails.

SQLite + FAISS only: the measured line is kept beside the FAISS index generation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from callcenter_ai.core.demo.job import write_demo_jsonl
from callcenter_ai.core.embedding.job import run_embed_job
from callcenter_ai.core.embedding.offline import OfflineEmbedder
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.ingest import run_import
from callcenter_ai.core.search.service import SearchService
from callcenter_ai.core.search.similarity.null_probes import null_line, probe_texts
from callcenter_ai.core.search.similarity.store_line import StoreLines
from callcenter_ai.core.search.similarity.threshold import CALIBRATED
from callcenter_ai.core.settings import Settings, load_settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.text import content_words


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The product's demo set (150 calls), embedded and indexed with the offline embedder."""
    home = tmp_path_factory.mktemp("nothing_close")
    settings = load_settings(home, environ={})
    path = home / "demo.jsonl"
    for _ in write_demo_jsonl(path, 150):
        pass
    embedder = OfflineEmbedder()
    with CallStore.open(settings.db_path) as store:
        run_import(store, path)
        run_embed_job(store, embedder)
        update_index(store, embedder.model_id, embedder.dims, settings.index_dir)
    return settings


def _search(settings: Settings, text: str) -> list[tuple[float, bool]]:
    with CallStore.open(settings.db_path) as store:
        service = SearchService(settings, store, embedder_factory=OfflineEmbedder)
        return [(r.score, r.below_threshold) for r in service.search(text, 5, "semantic")]


def test_real_queries_the_fixed_threshold_hides_are_kept_and_nonsense_is_still_flagged(demo_home: Settings) -> None:
    fixed = replace(demo_home, nothing_close_below=CALIBRATED[OfflineEmbedder().model_id])
    for real in ("не работает интернет", "списали деньги два раза за одну покупку"):
        assert all(weak for _, weak in _search(fixed, real))  # the fixed 0.51 says «ничего близкого»
        top_score, top_weak = _search(demo_home, real)[0]
        assert not top_weak, (real, top_score)
    for nonsense in ("абракадабра зюзюка", "фыва олдж"):
        assert all(weak for _, weak in _search(demo_home, nonsense))


def test_the_line_is_kept_with_the_index_generation_and_serves_similar(demo_home: Settings) -> None:
    with CallStore.open(demo_home.db_path) as store:
        line = SearchService(demo_home, store, embedder_factory=OfflineEmbedder).nothing_close_line()
        assert line is not None and 0.0 < line < CALIBRATED[OfflineEmbedder().model_id]
        index = VectorIndex.load(demo_home.index_dir, OfflineEmbedder().model_id)
        saved = StoreLines(demo_home.index_dir).known(index)  # read back from disk
        assert saved == pytest.approx(line, abs=1e-4)
        service = SearchService(demo_home, store)  # no model: similar uses the saved line
        cosines = [(max(c.score for c in r.chunks), r.below_threshold) for r in service.similar("demo-000001", 100)]
        assert all(weak == (cosine < saved) for cosine, weak in cosines)
        assert any(saved <= cosine < CALIBRATED[index.model_id] for cosine, _ in cosines)  # not the fixed value


def test_the_setting_still_overrides_the_measured_line(demo_home: Settings) -> None:
    assert not any(weak for _, weak in _search(replace(demo_home, nothing_close_below=-1.0), "абракадабра зюзюка"))


def test_probes_are_content_free_and_the_line_follows_their_spread() -> None:
    texts = probe_texts()
    assert texts == probe_texts() and len(set(texts)) > len(texts) * 0.9  # fixed seed, varied
    assert all(not content_words(t) for t in texts[1::2])  # the stop-word half
    assert null_line([]) is None
    assert null_line([0.1] * 9 + [0.2]) == pytest.approx(0.1 + 2 * (0.11 - 0.1))  # upper decile + its distance


def test_a_line_of_another_generation_or_an_unreadable_file_is_measured_again(demo_home: Settings) -> None:
    index = VectorIndex.load(demo_home.index_dir, OfflineEmbedder().model_id)
    lines = StoreLines(demo_home.index_dir)
    measured = lines.measure(index, OfflineEmbedder().embed_queries)
    path = next((demo_home.index_dir / "nothing_close").glob("*.json"))
    saved = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**saved, "generation": index.manifest.generation + 1}), encoding="utf-8")
    assert StoreLines(demo_home.index_dir).known(index) is None  # an older index's line is not used
    path.write_text("{not json", encoding="utf-8")
    again = StoreLines(demo_home.index_dir)
    assert again.known(index) is None
    assert again.measure(index, OfflineEmbedder().embed_queries) == pytest.approx(measured, abs=1e-4)
    assert json.loads(path.read_text(encoding="utf-8"))["generation"] == index.manifest.generation
