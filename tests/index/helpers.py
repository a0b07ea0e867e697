"""Crashing an index update at each save step, for index tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from callcenter_ai.core.index import files
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL


def crash_at_each_save_step(store: CallStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run an index update that dies just before renaming a part, the state, then the manifest.

    Yields the file ending that failed, after each crash, for the caller's checks.
    """
    for target in (".faiss", ".npz", ".json"):

        def crash(tmp: Path, final: Path, target: str = target) -> None:
            if final.name.endswith(target):
                raise OSError("disk died")

        monkeypatch.setattr(files, "before_replace", crash)
        with pytest.raises(OSError, match="disk died"):
            update_index(store, MODEL, DIMS, index_dir)
        monkeypatch.setattr(files, "before_replace", None)
        yield target
