"""The core's messages in the operator's language, and a locked database noticed while waiting for it."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from callcenter_ai.core import errors, messages
from callcenter_ai.core.ingest import run_import
from callcenter_ai.core.search.filters import SearchFilters
from callcenter_ai.core.store import CallStore, database, lock_wait
from callcenter_ai.gui.backend import Backend
from callcenter_ai.gui.dialogs import ErrorReporter, error_text
from callcenter_ai.gui.filter_panel import FilterValues
from callcenter_ai.gui.i18n import install_translators, qm_path
from callcenter_ai.gui.i18n.core_catalog import catalog_sources, fields, read_ts, ts_path
from callcenter_ai.gui.main_window import MainWindow
from callcenter_ai.gui.worker import Cancelled
from tests.gui.conftest import drain

BAD_LINES = [
    '{"id": "a1", "text": "клиент: здравствуйте\\nоператор: добрый день"}',
    '{"id": "a2", "text": ',
    '{"id": "a3", "turns": [{"speaker": "бармен", "text": "привет"}]}',
]


@pytest.fixture
def language(qapp: Any) -> Iterator[Callable[[str], None]]:
    """Install the app's translators for a language (as ``--lang`` does); removed at the end."""
    installed: list[QTranslator] = []

    def install(code: str) -> None:
        installed.extend(install_translators(qapp, code))

    yield install
    for translator in installed:
        qapp.removeTranslator(translator)


def import_problem(tmp_path: Path) -> tuple[Path, errors.InputError]:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(BAD_LINES) + "\n", encoding="utf-8")
    with CallStore.open(tmp_path / "data" / "callcenter.db") as store, pytest.raises(errors.InputError) as caught:
        run_import(store, path)
    return path, caught.value


def test_every_catalog_text_has_a_russian_translation() -> None:
    ts = read_ts(ts_path("ru"))
    assert set(ts) == set(catalog_sources()), "run python -m callcenter_ai.gui.i18n after changing the catalog"
    unfinished = [source for source, (_, finished) in ts.items() if not finished]
    assert not unfinished, f"untranslated in {ts_path('ru').name}: {unfinished}"
    translator = QTranslator()
    assert translator.load(str(qm_path("ru")))
    for source in catalog_sources():
        russian = translator.translate(messages.CONTEXT, source)
        assert russian, f"{qm_path('ru').name} lacks {source!r}: rebuild it (python -m callcenter_ai.gui.i18n)"
        assert fields(russian) == fields(source), f"the translation of {source!r} changes its fields"


def test_russian_dialog_shows_the_import_problem_in_russian_with_file_and_line(
    qtbot: Any, tmp_path: Path, language: Callable[[str], None]
) -> None:
    path, exc = import_problem(tmp_path)
    assert f"{path}:2: broken JSON: Expecting value (column 22)" in exc.message  # the core's text is unchanged
    language("ru")
    box = ErrorReporter().report(exc)
    try:
        details = box.detailedText()
        assert box.text() == "Файл нельзя импортировать"
        assert f"{path}: неверных записей — 2 из 3; ничего не импортировано" in details
        assert f"{path}:2: повреждённый JSON: ожидалось значение (столбец 22)" in details
        assert f"{path}:3: turns[0].speaker: неизвестный говорящий 'бармен'" in details
        assert "broken" not in details and "unknown speaker" not in details
        assert "Пропускать неверные записи" in box.informativeText()  # the core's hint, translated
    finally:
        box.close()


def test_english_dialog_shows_the_core_message_as_it_is(
    qtbot: Any, tmp_path: Path, language: Callable[[str], None]
) -> None:
    _, exc = import_problem(tmp_path)
    language("en")
    box = ErrorReporter().report(exc)
    try:
        assert box.detailedText().startswith(exc.message + "\n")
        assert exc.hint in box.detailedText()  # it names a command-line flag: for admins, in the details
        assert "--skip-invalid" not in box.informativeText()
    finally:
        box.close()


def test_messages_without_a_key_or_translation_stay_english(qapp: Any, language: Callable[[str], None]) -> None:
    language("ru")
    plain = errors.StoreError("/tmp/x.db: something new went wrong")
    assert error_text(plain) == plain.message
    keyed = errors.DatabaseCorruptError(
        messages.msg("store.corrupt", path="/d/callcenter.db", error="file is not a database")
    )
    assert error_text(keyed) == "/d/callcenter.db: файл базы данных повреждён (file is not a database)"
    assert QCoreApplication.translate(messages.CONTEXT, "not in the catalog") == "not in the catalog"


def seed_home(settings: Any, tmp_path: Path) -> None:
    """Three calls imported by the window's own import job, run on this thread."""
    backend = Backend(settings)
    try:
        drain(backend.import_job([write_calls(tmp_path / "first.jsonl", "a", 3)], skip_invalid=False))
    finally:
        backend.close()


def write_calls(path: Path, prefix: str, count: int) -> Path:
    rows = [{"id": f"{prefix}{i}", "text": f"клиент: вопрос {i}\nоператор: ответ {i}"} for i in range(count)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_locked_database_says_it_waits_then_shows_the_dialog(
    qtbot: Any,
    open_window: Callable[..., MainWindow],
    home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
    language: Callable[[str], None],
) -> None:
    settings = gui_settings(home)
    seed_home(settings, tmp_path)
    language("ru")
    window = open_window(settings)
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 2500)  # the busy timeout of new connections (10 s normally)
    shown: list[tuple[str, str, float]] = []
    window.reporter.database_wait.connect(
        lambda wait: shown.append((wait.state, window.statusBar().currentMessage(), time.monotonic()))
    )
    other = sqlite3.connect(settings.db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program is writing
        started = time.monotonic()
        with qtbot.waitSignal(window.jobs.job_finished, timeout=20_000) as finished:
            assert window.jobs.import_files([write_calls(tmp_path / "second.jsonl", "b", 2)]) is not None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert isinstance(finished.args[0], errors.DatabaseLockedError)
    states = [state for state, _, _ in shown]
    assert states == ["waiting", "gave_up"], shown
    _, text, at = shown[0]
    assert "Ожидание базы данных" in text and "2.5" in text
    assert at - started < 2.3, f"the wait was shown after {at - started:.2f} s"  # before the 2.5 s give-up
    assert shown[1][2] - started >= 2.4  # the dialog came only after the whole busy timeout
    assert window.statusBar().currentMessage() == ""
    box = window.reporter.dialogs[-1]
    assert box.property("errorClass") == "DatabaseLockedError"
    assert box.text() == "База данных заблокирована"
    assert f"{settings.db_path}: база данных заблокирована другой программой" in box.detailedText()
    assert window.backend.lookups().calls == 3


def test_a_short_wait_goes_on_and_writes(
    qtbot: Any, open_window: Callable[..., MainWindow], home: Path, tmp_path: Path, gui_settings: Callable[..., Any]
) -> None:
    settings = gui_settings(home)
    seed_home(settings, tmp_path)
    window = open_window(settings)
    states: list[str] = []
    other = sqlite3.connect(settings.db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")

    def release(wait: lock_wait.LockWait) -> None:
        states.append(wait.state)
        if wait.state == "waiting":  # the other program finishes while the window waits
            other.execute("ROLLBACK")

    window.reporter.database_wait.connect(release)
    try:
        with qtbot.waitSignal(window.jobs.job_finished, timeout=20_000) as finished:
            window.jobs.import_files([write_calls(tmp_path / "second.jsonl", "b", 2)])
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        other.close()
    assert not isinstance(finished.args[0], (BaseException, Cancelled)), finished.args[0]
    assert states == ["waiting", "acquired"]
    assert window.backend.lookups().calls == 5


def test_semantic_search_without_an_index_shows_the_service_error_in_russian(
    qtbot: Any,
    open_window: Callable[..., MainWindow],
    home: Path,
    tmp_path: Path,
    gui_settings: Callable[..., Any],
    language: Callable[[str], None],
) -> None:
    settings = gui_settings(home)
    seed_home(settings, tmp_path)  # calls, but no semantic index yet
    language("ru")
    window = open_window(settings)
    window.search_tab.mode.setCurrentIndex(window.search_tab.mode.findData("semantic"))
    window.search_tab.query.setText("вопрос")
    with qtbot.waitSignal(window.search_finished, timeout=30_000):
        window.run_search()
    box = window.reporter.dialogs[-1]
    assert box.property("errorClass") == "IndexFileError"
    assert box.detailedText().startswith(f"нет смыслового индекса в {settings.index_dir}\n")
    assert "Сначала постройте индекс" in box.informativeText()  # the core's hint, translated
    assert "no semantic index" not in box.detailedText() and "keyword mode" not in box.informativeText()


@pytest.mark.parametrize(
    ("make", "english", "russian"),
    [
        (
            lambda: SearchFilters(side="both"),  # type: ignore[arg-type]
            "side must be 'client' or 'operator', got 'both'",
            "сторона должна быть 'client' или 'operator', получено 'both'",
        ),
        (
            lambda: SearchFilters(date_from="вчера"),
            "not an ISO date or date-time: 'вчера'",
            "это не дата и не дата-время ISO: 'вчера'",
        ),
        (
            lambda: SearchFilters(min_duration=-5),
            "min_duration must not be negative, got -5",
            "min_duration не может быть отрицательным, получено -5",
        ),
    ],
)
def test_filter_errors_keep_their_english_text_and_show_in_russian(
    qapp: Any, language: Callable[[str], None], make: Callable[[], object], english: str, russian: str
) -> None:
    with pytest.raises(errors.ConfigError) as caught:
        make()
    assert caught.value.message == english  # the CLI and the API read this
    assert caught.value.key.startswith("filter.")
    language("ru")
    assert error_text(caught.value) == russian


def test_no_calls_yet_gets_its_own_title_not_the_broken_database_one(
    qapp: Any, language: Callable[[str], None]
) -> None:
    from callcenter_ai.gui.dialogs import explain

    language("ru")
    empty = errors.StoreError(messages.msg("store.no_calls_yet"), hint=messages.HINTS["store.no_calls_yet"])
    title, advice = explain(empty)
    assert title == "Звонков пока нет" and "демонстрационный набор" in advice
    broken = errors.StoreError(messages.msg("store.disk", path="x.db", error="disk full"))
    assert explain(broken)[0] != title


def test_search_notes_come_with_the_results_in_russian(
    home: Path, tmp_path: Path, gui_settings: Callable[..., Any], language: Callable[[str], None]
) -> None:
    """A note the old regular expressions did not know (no side vectors) is a catalog message too."""
    settings = gui_settings(home, side_vectors=False)
    seed_home(settings, tmp_path)
    language("ru")
    backend = Backend(settings)
    try:
        drain(backend.index_job())
        drain(backend.prepare_search_job())
        plain = drain(backend.search_job("вопрос", 5, "hybrid", FilterValues()))
        client = drain(backend.search_job("вопрос", 5, "hybrid", FilterValues(side="client")))
    finally:
        backend.close()
    assert plain.warnings == [] and plain.rows
    (note,) = client.warnings
    assert note.startswith("в индексе ") and note.endswith("— только поиск по словам"), note
    assert "keyword search only" not in note and client.mode == "keyword"


def test_the_import_summary_names_fields_in_words_and_the_dialog_keeps_the_path(
    qapp: Any, tmp_path: Path, gui_settings: Callable[..., Any], home: Path, language: Callable[[str], None]
) -> None:
    language("ru")
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(BAD_LINES[:1] + BAD_LINES[2:]) + "\n", encoding="utf-8")
    backend = Backend(gui_settings(home))
    try:
        summary = drain(backend.import_job([path], skip_invalid=True))
    finally:
        backend.close()
    text = "\n".join(summary.lines)
    assert f"{path}:2: реплика 1, кто говорит: неизвестный говорящий 'бармен'" in text
    assert "turns[" not in text and "speaker" not in text
