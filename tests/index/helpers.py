"""Crashing an index update at each save step, for index tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from callcenter_ai.core.index import files
from callcenter_ai.core.index.update import update_index
from callcenter_ai.core.store import CallStore
from tests.calls import DIMS, MODEL

SAVE_STEPS = (".delta.faiss", ".faiss", ".npz", ".json")  # the file endings a save renames into place, in order


def crash_at_each_save_step(store: CallStore, index_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run an index update that dies just before renaming a base part, a delta part, the state, then the manifest.

    Yields the file ending that failed, after each crash, for the caller's checks
    (a step the update does not reach, e.g. a delta when it writes none, fails at the manifest, renamed last).
    """
    for target in SAVE_STEPS:

        def crash(tmp: Path, final: Path, target: str = target) -> None:
            base_part = target == ".faiss" and not final.name.endswith(".delta.faiss")
            if (final.name.endswith(target) and (target != ".faiss" or base_part)) or final.suffix == ".json":
                raise OSError("disk died")

        monkeypatch.setattr(files, "before_replace", crash)
        with pytest.raises(OSError, match="disk died"):
            update_index(store, MODEL, DIMS, index_dir)
        monkeypatch.setattr(files, "before_replace", None)
        yield target
