"""Shared fixtures: a temporary app home, its settings and store."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from callcenter_ai.core.settings import Settings, load_settings
from callcenter_ai.core.store import CallStore

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def settings(home: Path) -> Settings:
    return load_settings(home, environ={})


@pytest.fixture
def store(settings: Settings) -> Iterator[CallStore]:
    with CallStore.open(settings.db_path) as opened:
        yield opened
