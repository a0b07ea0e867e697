"""Property-based: valid records round-trip exactly; garbage raises only InputError and writes nothing.

SQLite only: hypothesis makes a store per example (50 per test), too many for a PostgreSQL
database each; the same all-or-nothing paths run on both engines in test_jsonl.py and test_csv.py."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callcenter_ai.core.errors import InputError
from callcenter_ai.core.ingest import run_import
from callcenter_ai.core.records import Turn
from callcenter_ai.core.store import CallStore

from .helpers import snapshot

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# Printable text without surrogates; surrounding blanks are trimmed by the importer, so none here.
letters = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85")
clean_text = st.text(letters, min_size=1, max_size=40).map(str.strip).filter(bool)
ids = st.one_of(clean_text, st.integers(0, 10**9).map(str))
offsets = st.one_of(st.none(), st.floats(0, 10_000, allow_nan=False).map(lambda x: round(x, 2)))


def make_turn(parts: tuple[str, str, float | None, float | None]) -> Turn:
    speaker, text, start, end = parts
    if start is not None and end is not None and start > end:
        start, end = end, start
    return Turn(speaker, text, start, end)  # type: ignore[arg-type]


turns = st.lists(
    st.tuples(st.sampled_from(["operator", "client", "unknown"]), clean_text, offsets, offsets).map(make_turn),
    min_size=1,
    max_size=6,
)
calls = st.lists(
    st.fixed_dictionaries(
        {
            "id": ids,
            "turns": turns,
            "operator": st.one_of(st.none(), clean_text),
            "topic": st.one_of(st.none(), clean_text),
        }
    ),
    min_size=1,
    max_size=5,
    unique_by=lambda c: c["id"],
)


@contextmanager
def fresh_store() -> Iterator[tuple[CallStore, Path]]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as name, CallStore.open(Path(name) / "db.sqlite") as store:
        yield store, Path(name)


def check_round_trip(store: CallStore, generated: list[dict[str, Any]]) -> None:
    for call in generated:
        stored = store.get_call_by_dialog_id(call["id"])
        assert stored.turns == tuple(call["turns"])
        assert (stored.operator, stored.topic) == (call["operator"], call["topic"])


@FUZZ
@given(generated=calls)
def test_jsonl_round_trip(generated: list[dict[str, Any]]) -> None:
    with fresh_store() as (store, folder):
        lines = []
        for call in generated:
            record = {k: v for k, v in call.items() if v is not None and k != "turns"}
            record["turns"] = [
                {"speaker": t.speaker, "text": t.text, "start": t.start, "end": t.end} for t in call["turns"]
            ]
            lines.append(json.dumps(record, ensure_ascii=False))
        path = folder / "calls.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert run_import(store, path).inserted == len(generated)
        check_round_trip(store, generated)
        assert run_import(store, path).unchanged == len(generated)


@FUZZ
@given(generated=calls, delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_csv_per_turn_round_trip(generated: list[dict[str, Any]], delimiter: str, encoding: str) -> None:
    with fresh_store() as (store, folder):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerow(["id", "speaker", "text", "order", "start", "end", "operator", "topic"])
        rows = []
        for call in generated:
            for order, t in enumerate(call["turns"]):
                rows.append([call["id"], t.speaker, t.text, order, t.start, t.end, call["operator"], call["topic"]])
        for row in rows[::2] + rows[1::2]:  # rows of one call apart
            writer.writerow(["" if cell is None else cell for cell in row])
        path = folder / "turns.csv"
        path.write_bytes(out.getvalue().encode(encoding))
        report = run_import(store, path)
        assert report.inserted == len(generated)
        check_round_trip(store, generated)


garbage = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", errors="surrogatepass")),
    st.lists(st.sampled_from(['{"id"', ":", "1", ",", '"turns"', "[", "]", "{", "}", "\n", '"text"', "null", '"x"']))
    .map("".join)
    .map(str.encode),
    st.lists(st.sampled_from(["id", "speaker", "text", ",", ";", '"', "\n", "client", "x", "1", "\r\n"]))
    .map("".join)
    .map(str.encode),
)


@FUZZ
@given(content=garbage, name=st.sampled_from(["g.jsonl", "g.csv", "g.txt"]), skip=st.booleans())
def test_garbage_raises_only_input_error_and_never_half_writes(content: bytes, name: str, skip: bool) -> None:
    with fresh_store() as (store, folder):
        seed = folder / "seed.jsonl"
        seed.write_text('{"id": "seed", "text": "клиент: привет"}\n', encoding="utf-8")
        run_import(store, seed)
        before = snapshot(store)
        path = folder / name
        path.write_bytes(content)
        try:
            report = run_import(store, path, skip_invalid=skip)
        except InputError:
            assert snapshot(store) == before
            return
        assert report.committed
        if not skip:
            assert report.invalid == 0
        assert store.count("calls") >= 1
