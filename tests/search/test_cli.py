"""The index / search / similar / export-results commands in-process, on the real embedders.

Homes run on both engines (``database_url`` empty: SQLite + FAISS; set: PostgreSQL + pgvector)
unless a test is about the FAISS index files themselves.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.index.manifest import list_manifests, read_manifest
from callcenter_ai.core.settings import load_settings, save_settings
from tests.pg_fixtures import ENGINES, home_on

CALLS = [
    (
        "double-1",
        "двойное списание",
        "Анна",
        [
            ("client", "Здравствуйте, у меня с карты дважды списали деньги за покупку"),
            ("operator", "Сейчас проверю списание по вашей карте"),
        ],
    ),
    (
        "double-2",
        "двойное списание",
        "Анна",
        [
            ("client", "Почему два списания по одной операции в магазине?"),
            ("operator", "Вижу двойное списание, оформим возврат"),
        ],
    ),
    (
        "net-1",
        "нет интернета",
        "Борис",
        [
            ("client", "Добрый день, не работает интернет уже второй день"),
            ("operator", "Перезагрузите роутер, пожалуйста"),
        ],
    ),
    (
        "net-2",
        "нет интернета",
        "Борис",
        [("client", "Интернет пропал, роутер мигает красным"), ("operator", "На вашем адресе авария на линии")],
    ),
    (
        "tariff-1",
        "смена тарифа",
        "Вера",
        [("client", "Хочу перейти на тариф подешевле"), ("operator", "Могу предложить тариф Эконом")],
    ),
]


def write_calls(path: Path, calls: list = CALLS) -> Path:  # type: ignore[type-arg]
    with path.open("w", encoding="utf-8") as out:
        for i, (dialog_id, topic, operator, turns) in enumerate(calls):
            record = {
                "id": dialog_id,
                "topic": topic,
                "operator": operator,
                "started_at": f"2026-03-0{i + 1}T10:00:00+03:00",
                "duration_s": 60 * (i + 1),
                "turns": [{"speaker": s, "text": t} for s, t in turns],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def new_home(request: pytest.FixtureRequest, folder: Path, engine: str) -> Path:
    """An empty home whose store is ``engine``'s (a fresh PostgreSQL database, or the home's SQLite file)."""
    home = folder / "home"
    url = home_on(request, engine)
    if url:
        save_settings(load_settings(home, environ={}), {"database_url": url})
    return home


@pytest.fixture(params=ENGINES)
def engine_home(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return new_home(request, tmp_path, request.param)


@pytest.fixture(scope="module", params=ENGINES)
def indexed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A home with the calls imported and indexed by the offline fallback embedder (no Qwen3 model here)."""
    home = new_home(request, tmp_path_factory.mktemp("cli"), request.param)
    assert main(["--home", str(home), "import", str(write_calls(home.parent / "calls.jsonl"))]) == 0
    assert main(["--home", str(home), "index", "--no-progress"]) == 0
    yield home


def test_index_is_incremental_and_stats_count_it(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--home", str(indexed), "index", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["embedded_calls"] == 0 and summary["index"]["added_calls"] == 0
    assert summary["index"]["unchanged_calls"] == len(CALLS) and summary["index"]["vectors"]["all"] == len(CALLS)
    code, out, _ = run(capsys, "--home", str(indexed), "stats", "--json")
    stats = json.loads(out)
    assert stats["dialogs"] == len(CALLS) and stats["turns"] == 2 * len(CALLS) and stats["operators"] == 3
    assert stats["first_call"] == "2026-03-01T10:00:00+03:00" and stats["mean_turns"] == 2.0
    assert stats["model"].startswith("offline/") and stats["embedded_dialogs"] == len(CALLS)
    assert stats["pending_dialogs"] == 0 and stats["index"]["state"] == "ready"
    on_server = bool(load_settings(indexed, environ={}).database_url)
    assert stats["database"].startswith("postgresql://") == on_server
    assert list_manifests(indexed / "indexes") == [] if on_server else len(list_manifests(indexed / "indexes")) == 1


def test_index_writes_a_faiss_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    run(capsys, "--home", str(home), "import", str(write_calls(tmp_path / "a.jsonl")))
    run(capsys, "--home", str(home), "index")
    manifests = list_manifests(home / "indexes")
    assert len(manifests) == 1
    manifest = read_manifest(manifests[0])
    assert manifest.model_id.startswith("offline/") and manifest.vector_count == len(CALLS)
    code, out, _ = run(capsys, "--home", str(home), "stats", "--json")
    index = json.loads(out)["index"]
    assert code == 0
    assert index["state"] == "ready" and index["indexes"][0]["vector_count"] == len(CALLS)


def test_search_json_shape_and_meaning(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--home", str(indexed), "search", "списали деньги дважды", "-k", "3", "--json")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 1
    payload = json.loads(lines[0])
    assert payload["query"] == "списали деньги дважды" and len(payload["results"]) == 3
    top = payload["results"][0]
    assert {"dialog_id", "score", "matched_turns"} <= set(top)
    assert top["dialog_id"].startswith("double-")
    scores = [r["score"] for r in payload["results"]]
    assert scores == sorted(scores, reverse=True)
    turn = top["matched_turns"][0]
    assert {"turn", "speaker", "text", "kind"} <= set(turn)
    for mode in ("semantic", "keyword"):
        code, out, _ = run(capsys, "--home", str(indexed), "search", "роутер не работает", "--mode", mode, "--json")
        assert json.loads(out)["results"][0]["dialog_id"].startswith("net-"), mode


def test_json_says_when_the_total_is_at_least(
    indexed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from callcenter_ai.core.search import counting

    query = ("--home", str(indexed), "search", "списание", "--mode", "keyword", "--json")
    payload = json.loads(run(capsys, *query)[1])
    assert payload["total"] >= 2 and payload["total_capped"] is False
    monkeypatch.setattr(counting, "COUNT_LIMIT", 1)
    payload = json.loads(run(capsys, *query)[1])
    assert payload["total"] == 1 and payload["total_capped"] is True


def test_similar_many_ids_one_line_each(indexed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--home", str(indexed), "similar", "double-1", "net-1", "-k", "2", "--json")
    lines = [json.loads(line) for line in out.strip().splitlines()]
    assert code == 0 and [line["query_id"] for line in lines] == ["double-1", "net-1"]
    for line in lines:
        found = [r["dialog_id"] for r in line["results"]]
        assert line["query_id"] not in found and len(found) == 2
        assert found[0].split("-")[0] == line["query_id"].split("-")[0]
    code, out, _ = run(capsys, "--home", str(indexed), "similar", "double-1", "--operator", "Борис", "--json")
    assert {r["dialog_id"] for r in json.loads(out)["results"]} <= {"net-1", "net-2"}
    code, _, err = run(capsys, "--home", str(indexed), "similar", "double-1", "nope")
    assert code == 2 and "nope" in err


def test_export_results_csv(indexed: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, out, _ = run(
        capsys,
        "--home",
        str(indexed),
        "export-results",
        "списание",
        "--similar",
        "net-1",
        "-k",
        "2",
        "--csv",
        str(target),
    )
    assert code == 0 and "wrote 4 results of 2 queries" in out
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["query"] for r in rows] == ["списание", "списание", "", ""]
    assert rows[2]["query_id"] == "net-1" and rows[0]["dialog_id"] and rows[0]["turns"]
    code, _, err = run(capsys, "--home", str(indexed), "export-results", "--csv", str(target))
    assert code == 2 and "TEXT" in err


def test_changed_calls_are_reindexed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    run(capsys, "--home", str(home), "import", str(write_calls(tmp_path / "a.jsonl", CALLS[:3])))
    run(capsys, "--home", str(home), "index")
    changed = [(*CALLS[0][:3], [("client", "Хочу сменить тариф на Эконом")]), *CALLS[3:]]
    run(capsys, "--home", str(home), "import", str(write_calls(tmp_path / "b.jsonl", changed)))
    code, out, _ = run(capsys, "--home", str(home), "index", "--json")
    index = json.loads(out)["index"]
    assert code == 0 and index["added_calls"] == 3 and index["removed_calls"] == 1 and index["rebuilt"] == []
    code, out, _ = run(capsys, "--home", str(home), "search", "тариф Эконом", "--mode", "keyword", "--json")
    assert {r["dialog_id"] for r in json.loads(out)["results"]} == {"double-1", "tariff-1"}
    code, out, _ = run(capsys, "--home", str(home), "index", "--rebuild", "--json")
    assert json.loads(out)["index"]["rebuilt"] == ["all", "client", "operator"]


def test_tiny_qwen3_model_end_to_end(
    engine_home: Path, tmp_path: Path, tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = engine_home
    model = str(tiny_model_dir)
    run(capsys, "--home", str(home), "import", str(write_calls(tmp_path / "a.jsonl")))
    code, out, _ = run(capsys, "--home", str(home), "index", "--model", model, "--json")
    summary = json.loads(out)
    assert code == 0 and summary["model_id"].startswith("local/") and summary["fallback_reason"] is None
    assert summary["embedded_calls"] == len(CALLS)
    code, out, _ = run(
        capsys, "--home", str(home), "search", "списали дважды", "--model", model, "--mode", "semantic", "--json"
    )
    payload = json.loads(out)
    assert code == 0 and len(payload["results"]) == len(CALLS) and "warnings" not in payload
    assert all(r["semantic_score"] is not None and r["chunks"] for r in payload["results"])
    code, _, err = run(capsys, "--home", str(home), "search", "списали", "--mode", "semantic")
    assert code == 2 and "no semantic index" in err  # the default model was never indexed here


def test_import_is_all_or_nothing_and_rate_counts_on_either_engine(
    engine_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_calls(tmp_path / "calls.jsonl")
    with path.open("a", encoding="utf-8") as out:
        out.write('{"id": "broken", "turns": []}\n')
    code, out, err = run(capsys, "--home", str(engine_home), "import", str(path), "--json")
    assert code == 1 and json.loads(out)["inserted"] == 0 and "1 of 6 records are invalid" in err
    code, out, _ = run(capsys, "--home", str(engine_home), "stats", "--json")
    assert json.loads(out)["dialogs"] == 0  # nothing of the file
    code, out, _ = run(capsys, "--home", str(engine_home), "import", str(path), "--skip-invalid", "--json")
    assert code == 0 and json.loads(out)["inserted"] == len(CALLS) and json.loads(out)["invalid"] == 1
    code, out, _ = run(
        capsys, "--home", str(engine_home), "rate", "net-1", "--query", "роутер", "--relevant", "--rater", "anna"
    )
    assert code == 0 and "1 ratings in all" in out
    code, out, _ = run(capsys, "--home", str(engine_home), "learning-stats", "--json")
    assert code == 0 and json.loads(out)["ratings_recorded"] == 1
