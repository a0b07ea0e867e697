"""Exported CSV cells never start a spreadsheet formula."""

from __future__ import annotations

import pytest

from callcenter_ai.core.csv_cells import safe_cell, safe_mapping, safe_row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","x")', '\'=HYPERLINK("http://x","x")'),
        ("+7 900 000", "'+7 900 000"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tтаб", "'\tтаб"),
        ("\r=1", "'\r=1"),
        ("-0.25", "-0.25"),
        ("+3", "+3"),
        ("1e-3", "1e-3"),
        ("клиент = оператор", "клиент = оператор"),
        ("", ""),
        (-0.5, -0.5),
        (3, 3),
        (None, None),
    ],
)
def test_safe_cell(value: object, written: object) -> None:
    assert safe_cell(value) == written


def test_rows_and_mappings() -> None:
    assert safe_row(["=1+1", 2, "ok"]) == ["'=1+1", 2, "ok"]
    assert safe_mapping({"a": "@x", "b": "-1"}) == {"a": "'@x", "b": "-1"}
