"""Topics: found from vectors, named by their words, kept stable across rebuilds; on both engines.
``test_k_is_settable`` stays on SQLite: the number of topics is the clustering's, not the store's."""

from __future__ import annotations

import numpy as np
import pytest

from callcenter_ai.core.analytics.topics import assign_new_calls, assignments, topic_by_id, topic_overview
from callcenter_ai.core.engines import Engine
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.store import CallStore
from tests.analytics.helpers import MODEL, add_call, fill_groups, group_vector


def test_groups_become_named_topics(any_engine: Engine) -> None:
    fill_groups(any_engine)
    overview = topic_overview(any_engine.sql, MODEL)
    assert overview.model == MODEL and len(overview.topics) == 3
    assert sorted(t.size for t in overview.topics) == [20, 20, 20]
    labels = " ".join(t.label for t in overview.topics)
    assert ("кредит" in labels and "интернет" in labels and "карта" in labels) or "карту" in labels
    for topic in overview.topics:
        prefix = topic.examples[0].split("-")[0]
        assert all(e.startswith(prefix) for e in topic.examples) and len(topic.examples) == 3
    as_json = overview.to_json()
    assert set(as_json) == {"model", "topics"}
    assert set(as_json["topics"][0]) == {"id", "label", "keywords", "size", "examples"}  # type: ignore[index]


def test_new_calls_join_existing_topics_and_strangers_go_to_other(any_engine: Engine) -> None:
    fill_groups(any_engine)
    first = topic_overview(any_engine.sql, MODEL)
    rng = np.random.default_rng(7)
    add_call(any_engine, "кредит-new", "кредит", group_vector(rng, 1))
    odd = np.zeros(32, dtype=np.float32)
    odd[20] = 1.0
    add_call(any_engine, "odd", "совсем другое", odd)
    assert assign_new_calls(any_engine.sql, MODEL) == 2
    again = topic_overview(any_engine.sql, MODEL)
    assert again.version == first.version  # no re-clustering
    placed = {d: (t, label) for d, t, label in assignments(any_engine.sql, again)}
    credit = next(t for t in again.topics if t.examples[0].startswith("кредит"))
    assert placed["кредит-new"][0] == credit.id and credit.size == 21
    assert placed["odd"] == (-1, "прочее")


def test_rebuild_keeps_ids_and_reports_new_topic(any_engine: Engine) -> None:
    fill_groups(any_engine, groups=("карта", "кредит"))
    first = {t.examples[0].split("-")[0]: t.id for t in topic_overview(any_engine.sql, MODEL).topics}
    fill_groups(any_engine, seed=3, groups=("карта", "кредит", "интернет"))
    rebuilt = topic_overview(any_engine.sql, MODEL, rebuild=True)
    now = {t.examples[0].split("-")[0]: t.id for t in rebuilt.topics}
    assert now["карта"] == first["карта"] and now["кредит"] == first["кредит"]
    assert rebuilt.changes["new"] == [now["интернет"]]
    assert sorted(rebuilt.changes["kept"]) == sorted(first.values())  # type: ignore[arg-type]


def test_bad_requests_are_clear(any_engine: Engine) -> None:
    with pytest.raises(ConfigError, match="no embedded calls"):
        from callcenter_ai.core.analytics.sources import topic_model_id

        topic_model_id(any_engine.sql, MODEL)
    fill_groups(any_engine)
    with pytest.raises(ConfigError, match="must be 2 to"):
        topic_overview(any_engine.sql, MODEL, k=1)
    overview = topic_overview(any_engine.sql, MODEL)
    with pytest.raises(NotFoundError, match="no topic 99"):
        topic_by_id(overview, 99)


def test_k_is_settable(store: CallStore) -> None:
    fill_groups(store)
    assert len(topic_overview(store.db, MODEL, k=2).topics) == 2


def test_client_side_topics_and_bad_side(any_engine: Engine) -> None:
    fill_groups(any_engine)
    overview = topic_overview(any_engine.sql, MODEL, side="client")
    assert len(overview.topics) == 3 and sum(t.size for t in overview.topics) == 60
    with pytest.raises(ConfigError, match="unknown side"):
        topic_overview(any_engine.sql, MODEL, side="operator", rebuild=True)
