"""The learning exports (pairs, triplets, ratings CSV), redacted, on both engines."""

from __future__ import annotations

import csv
import io
import json

from callcenter_ai.core.engines import Engine
from callcenter_ai.core.feedback import export_pairs, export_ratings_csv, export_triplets
from callcenter_ai.core.feedback.export import CSV_COLUMNS
from tests.calls import add_call, rate, talk


def rated(store: Engine) -> Engine:
    add_call(store, "src", talk("звоню с номера +7 912 345-67-89 про карту"), embed=False, topic="карты")
    add_call(store, "good1", talk("карта 4111 1111 1111 1111 заблокирована"), embed=False)
    add_call(store, "good2", talk("разблокировка карты"), embed=False)
    add_call(store, "bad", talk("кредит наличными, почта x@mail.ru"), embed=False)
    for result, ok in (("good1", True), ("good2", True), ("bad", False)):
        rate(store, result, ok, source_dialog_id="src", rater="anna")
    rate(
        store,
        "good2",
        True,
        query_text="ИНН 7707083893 блокировка",
        comment="клиент оставил 8 912 345 67 89",
        rank=3,
    )
    return store


def lines(writer, store: Engine) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    count = writer(store.feedback(), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(rows)
    return rows


def test_pairs_have_sentence_transformers_columns_and_are_redacted(engine: Engine) -> None:
    rows = lines(export_pairs, rated(engine))
    assert len(rows) == 3 and all(set(row) == {"anchor", "positive"} for row in rows)
    text = json.dumps(rows, ensure_ascii=False)
    assert "[ТЕЛЕФОН]" in text and "[КАРТА]" in text and "[ИНН]" in text
    assert "912" not in text and "4111" not in text and "7707083893" not in text
    assert {
        "anchor": "ИНН [ИНН] блокировка",
        "positive": "клиент: разблокировка карты\nоператор: сейчас проверю",
    } in rows


def test_triplets_pair_each_positive_with_each_negative_of_the_anchor(engine: Engine) -> None:
    rows = lines(export_triplets, rated(engine))
    assert len(rows) == 2  # src: 2 positives x 1 negative; the query anchor has no negative
    assert all(set(row) == {"anchor", "positive", "negative"} for row in rows)
    assert all("кредит наличными, почта [EMAIL]" in row["negative"] for row in rows)
    assert rows[0]["anchor"].startswith("клиент: звоню с номера [ТЕЛЕФОН]")


def test_latest_judgement_wins_in_exports(engine: Engine) -> None:
    rated(engine)
    rate(engine, "bad", True, source_dialog_id="src", rater="anna")
    assert lines(export_triplets, engine) == []
    assert len(lines(export_pairs, engine)) == 4


def test_ratings_csv(engine: Engine) -> None:
    out = io.StringIO()
    assert export_ratings_csv(rated(engine).feedback(), out) == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
    last = rows[-1]
    assert last["query_text"] == "ИНН [ИНН] блокировка" and last["comment"] == "клиент оставил [ТЕЛЕФОН]"
    assert last["result_dialog_id"] == "good2" and last["relevant"] == "1" and last["rank"] == "3"
    assert rows[0]["source_dialog_id"] == "src" and rows[0]["rater"] == "anna" and rows[0]["result_topic"] == ""


def test_ratings_csv_neutralises_formulas(engine: Engine) -> None:
    add_call(engine, "src", talk(), embed=False)
    add_call(engine, "r1", talk(), embed=False)
    rate(engine, "r1", True, source_dialog_id="src", rater="=cmd", comment="=1+1")
    out = io.StringIO()
    export_ratings_csv(engine.feedback(), out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["comment"] == "'=1+1" and row["rater"] == "'=cmd"
