"""The pinned Qt binding keeps ``None``'s reference count.

PySide6 6.12.0 lost one reference to ``None`` for every Qt value that came back to Python as
``None`` (``QComboBox.currentData()`` of an item without data, a proxy model's ``data()`` for a
role nobody sets). The window does both all the time, so after a long session (or the GUI test
suite) ``None``'s count reached zero and the process aborted at exit with
``Fatal Python error: none_dealloc``. requirements.txt pins a release without the bug.
"""

from __future__ import annotations

import gc
import sys
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtWidgets import QComboBox

CALLS = 2_000


def _none_references() -> int:
    gc.collect()
    return sys.getrefcount(None)


def test_values_that_come_back_as_none_keep_nones_reference_count(qapp: Any) -> None:
    combo = QComboBox()
    combo.addItem("без данных")
    source = QStringListModel(["звонок"])
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    assert combo.currentData() is None and proxy.data(proxy.index(0, 0), Qt.ItemDataRole.ToolTipRole) is None
    before = _none_references()
    for _ in range(CALLS):
        combo.currentData()
        proxy.data(proxy.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    lost = before - _none_references()
    assert lost < CALLS // 10, f"{lost} references to None lost in {2 * CALLS} calls"
