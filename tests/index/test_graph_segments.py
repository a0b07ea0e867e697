"""The neighbour graph's segments and how it reads them: profiles decoded in runs straight from the files,
the fit's base saved in list order, links updated row by row, exact live columns, profiles fused without
temporaries: each the same numbers as the plain way."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from callcenter_ai.core.index import coarse, nearest, profile_rows
from callcenter_ai.core.index.graph_files import load_graph, save_graph
from callcenter_ai.core.index.graph_links import LinkRows, records
from callcenter_ai.core.index.neighbours import NeighbourGraph, fit_graph, update_graph
from callcenter_ai.core.index.profile_rows import ProfileRows
from callcenter_ai.core.index.profiles import SIDE_WEIGHTS, _fused
from callcenter_ai.core.records import SIDES


def _rows(n: int, width: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    raw = rng.standard_normal((n, width)).astype(np.float32)
    unit: np.ndarray = (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float16)
    return unit


def _segmented() -> ProfileRows:
    """A base of 200 rows and two deltas; some base rows unreferenced (changed or deleted calls)."""
    base = ProfileRows.of(_rows(200, 24, 1))
    keep = np.concatenate([np.arange(0, 50), np.arange(60, 200)])  # rows 50-59 replaced below
    old_rows = np.concatenate([keep, np.full(10, -1)])
    first = base.then(old_rows, _rows(10, 24, 2))
    return first.then(np.concatenate([np.arange(190), np.full(30, -1)]), _rows(30, 24, 3))


@pytest.mark.parametrize(
    "pick",
    [
        lambda n, at: np.argsort(at, kind="stable"),  # every row in file order: long runs
        lambda n, at: np.argsort(at, kind="stable")[::3],  # scattered: one gather per segment
        lambda n, at: np.argsort(at, kind="stable")[40:75],  # runs ending inside a segment
        lambda n, at: np.random.default_rng(4).permutation(n)[:50],  # not in file order
        lambda n, at: np.zeros(0, dtype=np.int64),
    ],
)
def test_decoded_rows_equal_the_gathered_conversion(pick: object, tmp_path: Path) -> None:
    rows = _segmented()
    for profiles in (rows, _saved(rows, tmp_path)):
        wanted = pick(len(profiles), profiles.at)  # type: ignore[operator]
        got = profiles.decoded(wanted)
        assert got.dtype == np.float32 and got.shape == (len(wanted), 24)
        np.testing.assert_array_equal(got, profiles[wanted].astype(np.float32))


def _saved(rows: ProfileRows, tmp_path: Path) -> ProfileRows:
    n = len(rows)
    graph = fit_graph(np.arange(n, dtype=np.int64), np.arange(n, dtype=np.int64), rows[np.arange(n)])
    graph.profiles = rows
    save_graph(tmp_path / "g.neighbours.npz", graph)
    loaded = load_graph(tmp_path / "g.neighbours.npz", to_update=True)
    assert loaded is not None and isinstance(loaded.profiles.segments[0], np.memmap)
    return loaded.profiles


def test_runs_are_decoded_from_the_mapped_file_without_a_gather(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiles = _saved(_segmented(), tmp_path)
    base = profiles.segments[0]
    sources: list[np.ndarray] = []
    real = profile_rows.decode_into

    def recorded(out: np.ndarray, halves: np.ndarray) -> None:
        sources.append(halves)
        real(out, halves)

    monkeypatch.setattr(profile_rows, "decode_into", recorded)
    profiles.decoded(np.argsort(profiles.at, kind="stable"))
    from_base = [s for s in sources if np.shares_memory(s, base)]
    assert from_base and sum(len(s) for s in from_base) == int(np.count_nonzero(profiles.at < len(base)))


def test_search_maps_the_profiles_read_only_and_the_update_copy_on_write(tmp_path: Path) -> None:
    profiles = _saved(_segmented(), tmp_path)
    assert all(s.flags.writeable for s in profiles.segments)
    searched = load_graph(tmp_path / "g.neighbours.npz")
    assert searched is not None and not any(s.flags.writeable for s in searched.profiles.segments)
    np.testing.assert_array_equal(searched.profiles.decoded(np.arange(5)), profiles.decoded(np.arange(5)))


def test_a_coarse_fit_saves_each_lists_rows_together_and_a_fold_keeps_them_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(nearest, "EXACT_MAX_CALLS", 500)
    vectors = _rows(1600, 16, 5)
    ids = np.arange(1600, dtype=np.int64) * 2
    graph = fit_graph(ids[:1500], ids[:1500], vectors[:1500])
    assert graph.lists is not None
    in_file_order = graph.lists[np.argsort(graph.profiles.at)]
    assert np.all(np.diff(in_file_order) >= 0)
    np.testing.assert_array_equal(graph.profiles[np.arange(1500)], vectors[:1500])  # each row its own profile
    old_rows = np.concatenate([np.arange(1500), np.full(100, -1)])
    updated, _ = update_graph(graph, ids, ids, graph.profiles.then(old_rows, vectors[1500:]))
    assert updated.lists is not None
    folded = updated.profiles.folded(0, updated.lists)
    assert np.all(np.diff(updated.lists[np.argsort(folded.at)]) >= 0)
    np.testing.assert_array_equal(folded[np.arange(1600)], vectors)


def test_live_columns_are_exactly_the_columns_with_a_nonzero() -> None:
    rng = np.random.default_rng(6)
    for rows in (3, 8, 9, 40):
        matrix = rng.standard_normal((rows, 30)).astype(np.float32)
        matrix[:, 10:20] = 0  # a side none of them has
        matrix[: min(rows, 8), 25] = 0  # zero in the first rows, set further down only
        if rows > 8:
            matrix[rows - 1, 25] = 0.5
        matrix[:, 3] = 0
        expected = np.any(matrix != 0, axis=0)
        np.testing.assert_array_equal(coarse.live_columns(matrix), expected)


def test_fused_profiles_equal_parts_normalised_weighted_and_normalised_again() -> None:
    rng = np.random.default_rng(7)
    sums = rng.standard_normal((len(SIDE_WEIGHTS), 6, 5)).astype(np.float32) * 3
    sums[2, 1] = 0  # no operator side
    sums[:, 4] = 0  # no vectors at all
    expected = []
    for row in range(6):
        parts = [
            w * s / n if (n := np.linalg.norm(s)) > 0 else s
            for s, (_, w) in zip(sums[:, row], SIDE_WEIGHTS, strict=True)
        ]
        whole = np.concatenate(parts)
        norm = np.linalg.norm(whole)
        expected.append(whole / norm if norm > 0 else whole)
    got = _fused(sums)
    assert got.dtype == np.float32 and got.shape == (6, 15)
    np.testing.assert_allclose(got, np.array(expected), rtol=1e-6, atol=1e-7)
    assert not got[4].any()
    np.testing.assert_allclose(np.linalg.norm(got[[0, 1, 2, 3, 5]], axis=1), 1.0, rtol=1e-6)


def test_an_updates_slotted_top_equals_the_list_by_list_merge(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = ProfileRows.of(_rows(900, 16, 8))
    rows = np.arange(900)
    centroids = coarse.train_centroids(vectors, 30)
    lists = coarse.probes(centroids, vectors, rows, 1)[:, 0].astype(np.int32)
    queries = rows[::9]
    probes = coarse.probes(centroids, vectors, queries)
    slotted = coarse.nearest_in_lists(vectors, queries, probes, lists, 12)
    monkeypatch.setattr(coarse, "OFFERED_AT_ONCE", 0)  # the fit's way: merged list by list
    merged = coarse.nearest_in_lists(vectors, queries, probes, lists, 12)
    np.testing.assert_array_equal(slotted[1], merged[1])
    np.testing.assert_array_equal(slotted[0], merged[0])
    assert not np.any(slotted[0] == queries[:, None])  # never a row with itself


def test_the_index_state_streams_to_its_file_and_reads_back(tmp_path: Path) -> None:
    from callcenter_ai.core.index.files import atomic_write_stream, sha256_file
    from callcenter_ai.core.index.state import IndexState

    ids = np.arange(5, dtype=np.int64)
    state = IndexState(ids, ids * 7, {s: ids + 10 for s in SIDES}, {s: ids for s in SIDES})
    state.dead["all"] = np.array([11], dtype=np.int64)
    path = tmp_path / "x.state.npz"
    digest = atomic_write_stream(path, state.write_to)
    assert digest == sha256_file(path)
    back = IndexState.from_bytes(path.read_bytes())
    np.testing.assert_array_equal(back.call_sigs, ids * 7)
    np.testing.assert_array_equal(back.chunk_ids["client"], ids + 10)
    np.testing.assert_array_equal(back.dead["all"], [11])
    assert atomic_write_stream(tmp_path / "y.npz", state.write_to, hashed=False) == ""
    assert (tmp_path / "y.npz").read_bytes() == path.read_bytes()


def _coarse_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: np.ndarray
) -> tuple[NeighbourGraph, NeighbourGraph]:
    """A coarse graph of 1,500 rows fitted and saved, then updated with ``keep`` of them and 100 new rows."""
    monkeypatch.setattr(nearest, "EXACT_MAX_CALLS", 500)
    vectors = _rows(1600, 16, 9)
    ids = np.arange(1600, dtype=np.int64) * 2
    path = tmp_path / "g.neighbours.npz"
    save_graph(path, fit_graph(ids[:1500], ids[:1500], vectors[:1500]))
    old = load_graph(path, to_update=True)
    assert old is not None and old.lists is not None
    now = np.concatenate([keep, np.arange(1500, 1600)])
    old_rows = np.concatenate([np.searchsorted(old.call_ids, ids[keep]), np.full(100, -1)])
    updated, _ = update_graph(old, ids[now], ids[now], old.profiles.then(old_rows, vectors[1500:]))
    return old, updated


def test_a_coarse_update_writes_only_the_links_it_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, updated = _coarse_update(tmp_path, monkeypatch, np.arange(1500))
    assert isinstance(old.links.segments[0], np.memmap)
    before = old.neighbours
    links = updated.links
    assert links.names[0] == old.links.names[0] and len(links.segments) == 2
    changed = np.flatnonzero(links.at >= len(links.segments[0]))
    assert len(links.segments[1]) == len(changed) < len(links.at)
    after = updated.neighbours
    unchanged = np.setdiff1d(np.arange(1500), changed)
    np.testing.assert_array_equal(after[unchanged], before[unchanged])  # the others kept their links as they were
    took_one_in = np.isin(after[changed], np.arange(1500, 1600) * 2).any(axis=1)
    assert np.all(took_one_in | (changed >= 1500))  # each changed row is new or took a new row in
    assert np.all(np.diff(updated.cosines, axis=1) <= 0)
    path = tmp_path / "g.neighbours.npz"
    save_graph(path, updated)
    again = load_graph(path)
    assert again is not None
    np.testing.assert_array_equal(again.neighbours, after)
    np.testing.assert_array_equal(again.cosines, updated.cosines)


def test_a_coarse_update_drops_every_link_to_a_call_that_went(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keep = np.setdiff1d(np.arange(1500), np.arange(0, 1500, 7))
    _, updated = _coarse_update(tmp_path, monkeypatch, keep)
    gone = np.arange(0, 1500, 7) * 2
    assert not np.isin(updated.neighbours, gone).any()
    assert (updated.neighbours >= 0).all()
    assert len(updated.lists) == len(updated.call_ids)


def test_a_graph_of_the_previous_format_loads_with_its_links(tmp_path: Path) -> None:
    rows = _rows(50, 8, 10)
    ids = np.arange(50, dtype=np.int64)
    graph = fit_graph(ids, ids, rows)
    path = tmp_path / "g.neighbours.npz"
    save_graph(path, graph)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files if name not in ("link_files", "link_at")}
    arrays["format"] = np.int64(3)
    arrays["neighbours"], arrays["cosines"] = graph.neighbours, graph.cosines
    np.savez(path, **arrays)
    old = load_graph(path)
    assert old is not None
    np.testing.assert_array_equal(old.neighbours, graph.neighbours)
    np.testing.assert_array_equal(old.of(ids[:3]), graph.neighbours[:3])


def test_links_fold_into_a_new_base_later_than_profiles() -> None:
    """Deltas and unreferenced old copies at 80 % of the base: the profiles get a new base, the links (an update
    rewrites many more of them, and they are small) keep theirs until that passes 100 %."""
    n, delta = 100, 40
    old_rows = np.concatenate([np.arange(n - delta), np.full(delta, -1)])
    profiles = ProfileRows.of(_rows(n, 8, 1)).then(old_rows, _rows(delta, 8, 2))
    ids = np.arange(n * 4, dtype=np.int64).reshape(n, 4)
    links = LinkRows.of(ids, np.zeros((n, 4), np.float32)).then(
        old_rows, records(ids[-delta:] + 1, np.ones((delta, 4), np.float32))
    )
    assert len(profiles.tidied().segments) == 1
    assert links.tidied() is links
    more = links.then(old_rows, records(ids[-delta:] + 2, np.ones((delta, 4), np.float32)))  # now 120 %
    folded = more.tidied()
    assert len(folded.segments) == 1
    np.testing.assert_array_equal(folded.ids(np.arange(n)), more.ids(np.arange(n)))
