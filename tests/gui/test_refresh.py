"""The window's index job and ``index`` on the command line are the same core refresh."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from callcenter_ai.cli.main import main
from callcenter_ai.core.records import CallRecord, Turn
from callcenter_ai.core.settings import Settings, load_settings, save_settings
from callcenter_ai.core.store import CallStore
from callcenter_ai.core.store import vectors as vec
from callcenter_ai.core.store.keywords import keyword_index_is_stale
from callcenter_ai.gui.backend import Backend
from callcenter_ai.gui.job_records import JobSummary
from tests.gui.conftest import drain


def put_calls(settings: Settings, *ids: str) -> None:
    """Calls written straight to the store: neither embedded nor in the keyword index yet."""
    with CallStore.open(settings.db_path) as store, store.transaction():
        for dialog_id in ids:
            turns = (Turn("client", f"Списали деньги дважды, звонок {dialog_id}"), Turn("operator", "Проверяю"))
            store.upsert_call(CallRecord(dialog_id, turns))


def test_window_index_job_embeds_syncs_keywords_and_indexes(home: Path, gui_settings: Callable[..., Settings]) -> None:
    settings = gui_settings(home)
    put_calls(settings, "a", "b", "c")
    backend = Backend(settings)
    try:
        summary = drain(backend.index_job())
    finally:
        backend.close()
    assert isinstance(summary, JobSummary) and summary.details is not None
    assert summary.details.added_calls == 3
    with CallStore.open(settings.db_path, readonly=True) as store:
        assert not keyword_index_is_stale(store.db)  # the old window job left this to the first search
        assert vec.pending_calls(store.db, summary.details.model_id) == []


@pytest.mark.parametrize("rebuild", [False, True])
def test_cli_index_runs_the_same_refresh(
    home: Path, tiny_model_dir: Path, capsys: pytest.CaptureFixture[str], rebuild: bool
) -> None:
    settings = save_settings(
        load_settings(home, environ={}), {"model": str(tiny_model_dir), "offline_fallback": False, "idle_unload_s": 0}
    )
    put_calls(settings, "a", "b")
    args = ["--home", str(home), "index", "--json", "--no-progress"] + (["--rebuild"] if rebuild else [])
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["embedded_calls"] == 2 and out["keyword_calls_stemmed"] == 2 and out["index"]["added_calls"] == 2
    with CallStore.open(settings.db_path, readonly=True) as store:
        assert not keyword_index_is_stale(store.db)


def test_the_index_summary_says_a_changed_call_once(home: Path, gui_settings: Callable[..., Settings]) -> None:
    """A changed call's old vectors go and its new ones come: the summary calls it changed, not added and removed."""
    settings = gui_settings(home)
    put_calls(settings, "a", "b", "c")
    backend = Backend(settings)
    try:
        drain(backend.index_job())
        with CallStore.open(settings.db_path) as store:
            with store.transaction():
                store.upsert_call(CallRecord("a", (Turn("client", "Совсем другой вопрос: как сменить тариф"),)))
            store.delete_calls(["b"])
        put_calls(settings, "d")
        summary = drain(backend.index_job())
    finally:
        backend.close()
    assert isinstance(summary, JobSummary) and summary.details is not None
    report = summary.details
    assert (report.added_calls, report.removed_calls, report.changed_calls) == (2, 2, 1)  # the CLI's figures stay
    assert summary.title == "Index: 1 new calls, 1 changed, 1 removed, 1 unchanged; 3 vectors."
