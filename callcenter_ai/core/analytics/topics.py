"""Topics of the calls: found, stored, kept stable, and handed out as plain data.

:func:`topic_overview` is what the CLI, the API and the window call: it finds
the topics the first time (or on ``rebuild``), and otherwise only places the
calls embedded since into the stored topics (nearest centroid, cheap).  A
rebuild keeps the id of every topic whose centroid survives (Hungarian
matching, cosine ≥ :data:`SAME_TOPIC`) and reports what merged, split, is new
or is gone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import numpy as np

from callcenter_ai.core.analytics import topic_store as ts
from callcenter_ai.core.analytics.clustering import NOISE, assign, cluster
from callcenter_ai.core.analytics.labels import label_of, topic_keywords
from callcenter_ai.core.analytics.matching import changes_between, match_ids
from callcenter_ai.core.analytics.sources import load_texts, load_vectors
from callcenter_ai.core.errors import ConfigError, NotFoundError
from callcenter_ai.core.messages import msg
from callcenter_ai.core.store.sql import Sql, transaction

log = logging.getLogger(__name__)

EXAMPLES = 3
MIN_CALLS = 3
MAX_K = 500
FLOOR_QUANTILE = 0.05  # a new call joins a topic when it is as close as its members' nearest 95 %
OTHER_LABEL = "прочее"


@dataclass(frozen=True)
class Topic:
    id: int
    label: str
    keywords: list[str]
    size: int
    examples: list[str]  # dialog ids


@dataclass(frozen=True)
class TopicOverview:
    """The ``topics --json`` object; ``other`` counts the calls in no topic."""

    model: str
    version: int
    topics: list[Topic]
    other: int
    changes: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "model": self.model,
            "topics": [
                {"id": t.id, "label": t.label, "keywords": t.keywords, "size": t.size, "examples": t.examples}
                for t in self.topics
            ],
        }


def check_k(k: int | None) -> int | None:
    if k is not None and not 2 <= k <= MAX_K:
        raise ConfigError(msg("topics.bad_k", k=k, limit=MAX_K))
    return k


def topic_overview(
    db: Sql, model_id: str, *, rebuild: bool = False, k: int | None = None, side: str = "all"
) -> TopicOverview:
    """The stored topics of ``model_id`` with new calls placed; found first when there are none (or ``rebuild``)."""
    check_k(k)
    current = ts.latest_version(db, model_id)
    if current is None or rebuild or (side != current.side) or (k is not None and k != current.k_requested):
        build_topics(db, model_id, side=side, k=k)
    else:
        assign_new_calls(db, model_id)
    version = ts.latest_version(db, model_id)
    assert version is not None
    return read_overview(db, version)


def read_overview(db: Sql, version: ts.Version) -> TopicOverview:
    stored = ts.load_topics(db, version.version)
    sizes = ts.topic_sizes(db, version.version)
    names = ts.dialog_ids_of(db, [c for t in stored for c in t.examples])
    topics = [
        Topic(t.topic_id, t.label, t.keywords, sizes.get(t.topic_id, 0), [names[c] for c in t.examples if c in names])
        for t in stored
    ]
    topics.sort(key=lambda t: (-t.size, t.id))
    return TopicOverview(version.model_id, version.version, topics, sizes.get(NOISE, 0), version.changes)


def build_topics(db: Sql, model_id: str, *, side: str = "all", k: int | None = None) -> int:
    """Cluster every embedded call of ``model_id`` into a new topic version; its number."""
    mark = ts.embedded_mark(db, model_id)  # before loading: anything stored later is placed next time
    call_ids, vectors, hashes = load_vectors(db, model_id, side)
    if len(call_ids) < MIN_CALLS:
        raise ConfigError(msg("topics.too_few", calls=len(call_ids), minimum=MIN_CALLS))
    result = cluster(vectors, lambda rows: load_texts(db, [int(call_ids[i]) for i in rows], side), k=k)
    fit_labels = result.labels[result.fit_rows]
    keywords = topic_keywords(result.fit_texts, fit_labels.tolist())
    sims = np.einsum("ij,ij->i", vectors, result.centroids[np.maximum(result.labels, 0)]) if result.k else None
    previous = ts.latest_version(db, model_id)
    old_topics = ts.load_topics(db, previous.version) if previous else []
    ids = match_ids(result.centroids, old_topics)
    topics = []
    for row in range(result.k):
        members = np.flatnonzero(result.labels == row)
        assert sims is not None
        member_sims = sims[members]
        nearest = members[np.argsort(-member_sims)[:EXAMPLES]]
        words = keywords.get(row, [])
        topics.append(
            ts.StoredTopic(
                ids[row],
                label_of(words),
                words,
                [int(call_ids[i]) for i in nearest],
                float(np.quantile(member_sims, FLOOR_QUANTILE)),
                result.centroids[row],
            )
        )
    topic_of_row = np.array([ids[v] if v >= 0 else NOISE for v in result.labels.tolist()], dtype=np.int64)
    with transaction(db):
        version = ts.add_version(db, model_id, side, k)
        ts.save_topics(db, version, topics)
        similarity = sims if sims is not None else np.zeros(len(call_ids), np.float32)
        ts.save_assignments(db, version, call_ids.tolist(), topic_of_row.tolist(), similarity.tolist(), hashes)
        ts.set_placed_through(db, version, mark)
        if previous is not None:
            old_members = ts.member_ids(db, previous.version)
            new_members = ts.member_ids(db, version)
            ts.set_changes(
                db, version, changes_between(old_members, new_members, kept=set(ids) & {t.topic_id for t in old_topics})
            )
    log.info("topic version %d: %d topics over %d calls (%s)", version, result.k, len(call_ids), model_id)
    return version


def assign_new_calls(db: Sql, model_id: str) -> int:
    """Place calls embedded since the latest topic version into its topics; how many were placed."""
    version = ts.latest_version(db, model_id)
    if version is None:
        return 0
    mark = ts.embedded_mark(db, model_id)
    pending = ts.unassigned_calls(db, version)
    if not pending:
        if mark != version.placed_through:
            with transaction(db):
                ts.set_placed_through(db, version.version, mark)
        return 0
    call_ids, vectors, hashes = load_vectors(db, model_id, version.side, pending)
    stored = ts.load_topics(db, version.version)
    if stored:
        centroids = np.vstack([t.centroid for t in stored])
        floors = np.array([t.floor for t in stored], dtype=np.float32)
        rows, sims = assign(vectors, centroids, floors)
        topic_ids = [stored[r].topic_id if r >= 0 else NOISE for r in rows.tolist()]
    else:
        sims = np.zeros(len(call_ids), np.float32)
        topic_ids = [NOISE] * len(call_ids)
    with transaction(db):
        ts.save_assignments(db, version.version, call_ids.tolist(), topic_ids, sims.tolist(), hashes)
        ts.set_placed_through(db, version.version, mark)
    return len(call_ids)


def topic_by_id(overview: TopicOverview, topic_id: int) -> Topic:
    for topic in overview.topics:
        if topic.id == topic_id:
            return topic
    known = ", ".join(str(t.id) for t in sorted(overview.topics, key=lambda t: t.id)) or "—"
    raise NotFoundError(msg("topics.unknown_topic", topic_id=topic_id, known=known))


def assignments(db: Sql, overview: TopicOverview) -> list[tuple[str, int, str]]:
    """(dialog id, topic id, label) of every call; ``-1`` and «прочее» for calls in no topic."""
    labels = {t.id: t.label for t in overview.topics}
    pairs = dict(ts.call_topic_pairs(db, overview.version))
    rows = db.execute("SELECT external_id FROM calls ORDER BY external_id")
    out = []
    for (dialog_id,) in rows:
        topic = pairs.get(str(dialog_id), NOISE)
        out.append((str(dialog_id), topic, labels.get(topic, OTHER_LABEL)))
    return out
