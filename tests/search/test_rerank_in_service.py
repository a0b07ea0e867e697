"""Re-ranking learned from ratings, applied by the search service for every caller (CLI, GUI, API), on both
engines. ``test_reloads_the_reranker_when_its_files_change`` stays on SQLite: the adapter's files in the home are
the embedded store's (the server keeps the adapter in a table)."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.app.refresh import embedding_target
from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding import get_embedder, run_embed_job
from callcenter_ai.core.embedding.base import Embedder
from callcenter_ai.core.engines import Engine, open_engine
from callcenter_ai.core.engines.sqlite import SqliteEngine
from callcenter_ai.core.feedback import train_reranker
from callcenter_ai.core.feedback.adapter import LinearAdapter
from callcenter_ai.core.feedback.learning import adapter_paths
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.search.results import SearchResult
from callcenter_ai.core.search.similarity.null_probes import probe_texts
from callcenter_ai.core.settings import Settings, load_settings, save_settings
from tests.calls import DIMS, MODEL, add_call, rate
from tests.pg_fixtures import ENGINES, engine_on, home_on

RATED_ANCHORS = 30  # c0..c29 rate results among c30..c59
PROBES = range(60, 72)  # never rated: the gain must generalise to them
WORDS = ("карта блокировка оплата", "кредит ставка погашение")


def clustered(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors whose label lives in 2 dims while 6 louder noise dims dominate the cosine."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, n)
    signal = np.where(labels[:, None] == 0, [1.0, 0.0], [0.0, 1.0]) * 0.6
    x = np.hstack([signal, rng.standard_normal((n, DIMS - 2))]).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True), labels


@pytest.fixture
def rated(engine: Engine, settings: Settings) -> tuple[Settings, np.ndarray]:
    """The rated calls and trained re-ranker in a store of the test's own (it adds ratings)."""
    return rate_and_train(engine, settings)


@pytest.fixture(scope="module", params=ENGINES)
def shared_rated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Engine, Settings, np.ndarray]:
    """The rated calls and trained re-ranker in a store shared by the module's tests that only search it."""
    home = tmp_path_factory.mktemp("rerank") / "home"
    engine = engine_on(request, request.param, home)
    settings, labels = rate_and_train(engine, load_settings(home, environ={}))
    return engine, settings, labels


def rate_and_train(store: Engine, settings: Settings) -> tuple[Settings, np.ndarray]:
    """72 indexed calls, 120 ratings from 30 source calls, and a re-ranker trained on them (on at 50 ratings)."""
    x, labels = clustered(max(PROBES) + 1, 7)
    for i, v in enumerate(x):
        turns = (("client", f"вопрос {i}: {WORDS[labels[i]]}"), ("operator", f"ответ {i} про {WORDS[labels[i]]}"))
        add_call(store, f"c{i}", turns, vector=v, seed=i, topic=f"t{labels[i]}")
    store.vectors.update_index(MODEL, DIMS)
    store.keyword.sync()
    rng = np.random.default_rng(3)
    for i in range(RATED_ANCHORS):
        for j in rng.choice(np.arange(RATED_ANCHORS, 2 * RATED_ANCHORS), 4, replace=False):
            relevant = bool(labels[i] == labels[j])
            rate(store, f"c{j}", relevant, source_dialog_id=f"c{i}", now=f"2026-03-01T10:{i:02d}:00+00:00")
    on = replace(settings, rerank_min_ratings=50)
    info = train_reranker(store.feedback(), on, MODEL)
    assert info is not None and info["ratings_used"] == 120
    return on, labels


def same_label_precision(results: Sequence[SearchResult], labels: np.ndarray, probe: int) -> float:
    return float(np.mean([labels[int(r.dialog_id[1:])] == labels[probe] for r in results]))


def test_similar_is_reranked_toward_rated_relevant_calls(shared_rated: tuple[Engine, Settings, np.ndarray]) -> None:
    engine, settings, labels = shared_rated
    service = engine.search_service(settings, model_id=MODEL)
    assert service.rerank_enabled()
    plain_precision, learned_precision = [], []
    for probe in PROBES:
        plain = service.similar(f"c{probe}", k=10, mode="semantic", rerank=False)
        learned = service.similar(f"c{probe}", k=10, mode="semantic")
        assert len(plain) == len(learned) == 10
        assert not any(r.reranked or r.rerank_score is not None for r in plain)
        assert [r.score for r in plain] == sorted((r.score for r in plain), reverse=True)
        assert all(r.reranked and r.rerank_score is not None for r in learned)
        assert [r.rank for r in learned] == list(range(1, 11))
        learned_scores = [r.rerank_score for r in learned]
        assert learned_scores == sorted(learned_scores, reverse=True)  # type: ignore[type-var]
        assert all(r.to_dict()["reranked"] is True and isinstance(r.to_dict()["rerank_score"], float) for r in learned)
        plain_precision.append(same_label_precision(plain, labels, probe))
        learned_precision.append(same_label_precision(learned, labels, probe))
    # the labels live in 2 of 8 dims: plain cosine mixes them up, the learned adapter sorts them out
    assert np.mean(learned_precision) > np.mean(plain_precision) + 0.15, (plain_precision, learned_precision)

    # re-ranking picks from more candidates than k, so it can bring in calls the plain top 10 missed
    many = dict(service.similar_many([f"c{p}" for p in PROBES], k=10, mode="semantic"))
    plain_many = dict(service.similar_many([f"c{p}" for p in PROBES], k=10, mode="semantic", rerank=False))
    assert all(r.reranked for results in many.values() for r in results)
    assert not any(r.reranked for results in plain_many.values() for r in results)
    assert any({r.dialog_id for r in many[key]} != {r.dialog_id for r in plain_many[key]} for key in many), (
        "re-ranking never changed which calls made the top 10"
    )


def test_hybrid_and_side_filtered_similar_are_reranked_keyword_is_not(
    shared_rated: tuple[Engine, Settings, np.ndarray],
) -> None:
    from callcenter_ai.core.search.filters import SearchFilters

    engine, settings, _ = shared_rated
    service = engine.search_service(settings, model_id=MODEL)
    hybrid = service.similar("c60", k=5, mode="hybrid")
    assert len(hybrid) == 5 and all(r.reranked and r.mode == "hybrid" for r in hybrid)
    client_side = service.similar("c60", k=5, mode="semantic", filters=SearchFilters(side="client"))
    assert len(client_side) == 5 and all(r.reranked for r in client_side)
    keyword = service.similar("c60", k=5, mode="keyword")
    assert keyword and not any(r.reranked or r.rerank_score is not None for r in keyword)
    assert [r.dialog_id for r in keyword] == [r.dialog_id for r in service.similar("c60", 5, None, "keyword")]


def test_not_applied_below_the_rating_threshold(rated: tuple[Settings, np.ndarray], engine: Engine) -> None:
    settings, _ = rated
    strict = engine.search_service(replace(settings, rerank_min_ratings=121), model_id=MODEL)
    assert not strict.rerank_enabled()
    below = strict.similar("c61", k=10, mode="semantic")
    plain = engine.search_service(settings, model_id=MODEL).similar("c61", k=10, mode="semantic", rerank=False)
    assert not any(r.reranked for r in below)
    assert [(r.dialog_id, r.rank, r.score) for r in below] == [(r.dialog_id, r.rank, r.score) for r in plain]
    rate(engine, "c1", True, source_dialog_id="c0")
    assert strict.rerank_enabled()  # the 121st rating switches it on, with the same service
    assert all(r.reranked for r in strict.similar("c61", k=10, mode="semantic"))


def test_reloads_the_reranker_when_its_files_change(settings: Settings) -> None:
    engine = SqliteEngine(settings)
    settings, _ = rate_and_train(engine, settings)
    service = engine.search_service(settings, model_id=MODEL)
    trained = service.similar("c62", k=5, mode="semantic")
    assert all(r.reranked for r in trained)
    assert not np.allclose([r.rerank_score for r in trained], [r.score for r in trained], atol=1e-4)

    # replace the adapter by the identity (as a background retraining would replace the files)
    matrix_path, info_path = adapter_paths(settings, MODEL)
    LinearAdapter.identity(DIMS).save(str(matrix_path))
    info = json.loads(info_path.read_text(encoding="utf-8"))
    info_path.write_text(json.dumps({**info, "ratings_used": 1}), encoding="utf-8")
    later = os.stat(info_path).st_mtime_ns + 1_000_000
    os.utime(matrix_path, ns=(later, later))
    identity = service.similar("c62", k=5, mode="semantic")
    assert all(r.reranked for r in identity)
    # identity adapter: the learned score is the plain cosine again
    assert np.allclose([r.rerank_score for r in identity], [r.semantic_score for r in identity], atol=1e-5)

    matrix_path.unlink()
    assert not any(r.reranked for r in service.similar("c62", k=5, mode="semantic"))
    engine.close()


# -- free text and the command line, on the tiny Qwen3 model -----------------------------------

CALLS = [
    ("card-1", "у меня заблокировали карту, не могу оплатить", "разблокируем карту после проверки"),
    ("card-2", "карта не работает в магазине", "проверю блокировку карты"),
    ("card-3", "потерял карту, нужна новая", "перевыпустим карту"),
    ("loan-1", "хочу взять кредит наличными", "расскажу про ставки по кредиту"),
    ("loan-2", "досрочно погасить кредит", "оформим досрочное погашение"),
    ("app-1", "приложение не открывается после обновления", "переустановите приложение"),
]
JUDGED = [
    ("card-1", "card-2", True),
    ("card-1", "loan-1", False),
    ("card-2", "card-3", True),
    ("card-2", "app-1", False),
    ("loan-1", "loan-2", True),
    ("loan-2", "card-1", False),
]


class CountingEmbedder:
    """The real tiny-model embedder, counting how many query texts it embeds."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.queries: list[str] = []

    @property
    def model_id(self) -> str:
        return self.inner.model_id

    @property
    def dims(self) -> int:
        return self.inner.dims

    def embed_queries(self, texts: Sequence[str]) -> FloatArray:
        self.queries.extend(texts)
        return self.inner.embed_queries(texts)

    def embed_documents(self, texts: Sequence[str]) -> FloatArray:
        return self.inner.embed_documents(texts)


@pytest.fixture(scope="module", params=ENGINES)
def tiny_home(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path
) -> tuple[Path, Embedder]:
    """A home (on either engine) whose calls are embedded by the tiny model and indexed, with 7 ratings and a
    trained re-ranker; tests only read it."""
    home = tmp_path_factory.mktemp("rerank_cli") / "home"
    base = load_settings(home, environ={})
    options = {"model": str(tiny_model_dir), "device": "cpu", "idle_unload_s": 0, "rerank_min_ratings": 7}
    save_settings(base, {**options, "database_url": home_on(request, request.param)})
    settings = load_settings(home, environ={})
    embedder = get_embedder(settings, allow_fallback=False)
    with open_engine(settings) as store:
        with store.calls.transaction():
            for cid, client, agent in CALLS:
                record = CallRecord(dialog_id=cid, turns=(Turn("client", client), Turn("operator", agent)))
                store.calls.upsert_call(record)
        run_embed_job(embedding_target(store), embedder)
        store.vectors.update_index(embedder.model_id, embedder.dims)
        for source, result, ok in JUDGED:
            rate(store, result, ok, source_dialog_id=source, model_id=embedder.model_id)
        rate(store, "card-2", True, query_text="карта заблокирована", model_id=embedder.model_id)
        source = store.feedback()
        assert train_reranker(source, settings, embedder.model_id, embed_queries=embedder.embed_queries) is not None
    return home, embedder


def test_free_text_search_is_reranked_with_the_query_embedded_once(tiny_home: tuple[Path, Embedder]) -> None:
    home, embedder = tiny_home
    settings = load_settings(home, environ={})
    counting = CountingEmbedder(embedder)
    with open_engine(settings) as store:
        service = store.search_service(settings, lambda: counting)
        for mode in ("semantic", "hybrid"):
            counting.queries.clear()
            results = service.search("карта заблокирована", k=4, mode=mode)
            asked = [q for q in counting.queries if q not in probe_texts()]  # the store's "nothing close" probes
            assert asked == ["карта заблокирована"], mode  # one embedding, reused for re-ranking
            assert len(results) == 4 and all(r.reranked and r.rerank_score is not None for r in results), mode
            plain = service.search("карта заблокирована", k=4, mode=mode, rerank=False)
            assert not any(r.reranked for r in plain)
        assert not any(r.reranked for r in service.search("карта", k=4, mode="keyword"))


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, _ = capsys.readouterr()
    return code, out


def test_cli_search_similar_and_export_rerank_unless_told_not_to(
    tiny_home: tuple[Path, Embedder], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home, _ = tiny_home
    common = ("--home", str(home))
    for extra, reranked in (((), True), (("--no-rerank",), False)):
        code, out = run_cli(capsys, *common, "search", "карта не работает", "-k", "3", "--json", *extra)
        payload = json.loads(out)
        assert code == 0 and payload["reranked"] is reranked and len(payload["results"]) == 3
        assert all((r["rerank_score"] is not None) is reranked for r in payload["results"])
        code, out = run_cli(
            capsys, *common, "similar", "card-1", "loan-1", "-k", "3", "--mode", "semantic", "--json", *extra
        )
        lines = [json.loads(line) for line in out.strip().splitlines()]
        assert code == 0 and [line["query_id"] for line in lines] == ["card-1", "loan-1"]
        for line in lines:
            assert line["reranked"] is reranked and [r["rank"] for r in line["results"]] == [1, 2, 3]
            key = "rerank_score" if reranked else "score"
            values = [r[key] for r in line["results"]]
            assert values == sorted(values, reverse=True)
        target = tmp_path / f"out-{reranked}.csv"
        code, _ = run_cli(
            capsys, *common, "export-results", "--similar", "card-2", "-k", "2", "--csv", str(target), *extra
        )
        with target.open(encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle))
        assert code == 0 and len(rows) == 2
        assert all(r["reranked"] == str(int(reranked)) and (r["rerank_score"] != "") is reranked for r in rows)
    code, out = run_cli(capsys, *common, "similar", "card-1", "--mode", "semantic")
    assert code == 0 and "(semantic, re-ranked from ratings)" in out and "learned" in out
    code, out = run_cli(capsys, *common, "similar", "card-1", "--mode", "keyword", "--json")
    assert json.loads(out)["reranked"] is False
