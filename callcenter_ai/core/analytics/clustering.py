"""Topics from call vectors: spectral clustering on a k-nearest-neighbour graph.

Chosen by measurement (benchmarks/bench_topics.py, docs/ANALYTICS.md) over
k-means with k by silhouette and BERTopic's pipeline, on the same vectors:

1. Each item is the centred call vector joined with an LSA projection of its
   stemmed words (TF-IDF → 300 dims): the offline embedder blurs the words
   that carry an intent («баланс», «банкомат»), the stems keep them.
2. A k-NN graph (15 neighbours, sparse; FAISS) with each edge weighted by
   the neighbours its ends share, its spectral embedding, and k-means on the
   row-normalised eigenvectors for every k of a range on a sample; k is the
   one with the best silhouette unless the caller sets it.
3. Ten k-means runs with k ± 25 % over all items vote on each edge; the
   consensus graph is cut into k by a second spectral step.
4. Clusters smaller than ``min_size`` are "прочее" (label ``-1``).

Above ``FIT_LIMIT`` items the clustering is fitted on a seeded sample and
the rest are assigned to the nearest centroid, so memory stays linear (no
n × n matrix) and 100k calls take seconds, not hours.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.text import stems

log = logging.getLogger(__name__)

NOISE = -1
FIT_LIMIT = 8_000
NEIGHBOURS = 15
LSA_DIMS = 300
RUNS = 10  # k-means runs whose agreement makes the consensus graph
SPREAD = 0.25  # their numbers of topics: k ± 25 %
RUN_INIT = "random"  # the runs' starts: cheap, and their variety is what the vote is for
EIGEN_TOL = 1e-4  # eigenvectors precise enough for k-means on their rows (ARPACK's default is machine precision)
SILHOUETTE_SAMPLE = 3000


@dataclass(frozen=True)
class Clustering:
    """Labels per item (``-1`` for "прочее"), unit centroids in the vector space, the chosen k.

    ``fit_rows`` are the items the clustering was fitted on and ``fit_texts``
    their texts (all items up to ``FIT_LIMIT``), enough to name the topics.
    """

    labels: np.ndarray
    centroids: FloatArray
    k: int
    silhouette: float
    fit_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    fit_texts: list[str] = field(default_factory=list)


TextsOf = Callable[[Sequence[int]], list[str]]


def texts_of(texts: Sequence[str]) -> TextsOf:
    """A :data:`TextsOf` over texts already in memory."""
    return lambda rows: [texts[int(i)] for i in rows]


def normalise(x: FloatArray) -> FloatArray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    out: FloatArray = (x / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


def features(vectors: FloatArray, texts: Sequence[str], seed: int = 0) -> FloatArray:
    """Centred vectors joined with an LSA of the texts' stems, unit length."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    parts = [normalise(vectors - vectors.mean(axis=0))]
    n = len(texts)
    try:
        tfidf = TfidfVectorizer(analyzer=stems, sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
    except ValueError:  # no word occurs in two texts
        tfidf = None
    if tfidf is not None and tfidf.shape[1] > 2 and n > 3:
        dims = min(LSA_DIMS, tfidf.shape[1] - 1, n - 1)
        lsa = TruncatedSVD(dims, n_iter=3, random_state=seed).fit_transform(tfidf)
        parts.append(normalise(lsa.astype(np.float32)))
    return normalise(np.hstack(parts))


def knn_graph(x: FloatArray, neighbours: int = NEIGHBOURS) -> object:
    """Shared-neighbour affinity of unit rows: each k-NN edge weighted by the neighbours its ends share.

    FAISS exact search, sparse throughout (no n × n matrix).  Weighting an
    edge by the overlap of the two neighbour lists drops the edges a hub or a
    stray item makes between topics (Jarvis–Patrick's shared nearest neighbours).
    """
    import faiss
    from scipy import sparse

    n = x.shape[0]
    k = min(neighbours + 1, n)
    index = faiss.IndexFlatIP(x.shape[1])
    index.add(np.ascontiguousarray(x, dtype=np.float32))
    _, ids = index.search(np.ascontiguousarray(x, dtype=np.float32), k)
    rows = np.repeat(np.arange(n), k)
    member = sparse.csr_matrix((np.ones(n * k, dtype=np.float32), (rows, ids.ravel())), shape=(n, n))
    edges = ((member + member.T) > 0).astype(np.float32)
    shared = (member @ member.T).multiply(edges) / k
    shared = sparse.csr_matrix(shared + 1e-6 * edges)
    shared.setdiag(0)
    shared.eliminate_zeros()
    return shared


def k_range(n: int) -> list[int]:
    """The numbers of topics tried: 2 up to n/5 (at most 100), in ~30 steps."""
    top = max(2, min(100, n // 5))
    step = max(1, (top - 2) // 30)
    return list(range(2, top + 1, step))


def cluster(
    vectors: FloatArray,
    texts: TextsOf,
    *,
    k: int | None = None,
    min_size: int | None = None,
    seed: int = 0,
) -> Clustering:
    """Cluster unit ``vectors`` into ``k`` topics, or a k chosen by silhouette.

    ``texts`` gives the texts of the rows asked for (only the fitted ones are read).
    """
    n = vectors.shape[0]
    if n < 3:
        labels = np.full(n, NOISE, dtype=np.int64)
        return Clustering(labels, np.zeros((0, vectors.shape[1]), np.float32), 0, 0.0)
    rng = np.random.default_rng(seed)
    fit_rows = np.sort(rng.choice(n, FIT_LIMIT, replace=False)) if n > FIT_LIMIT else np.arange(n)
    fit_texts = texts(fit_rows.tolist())
    x = features(vectors[fit_rows], fit_texts, seed)
    fit_labels, chosen, score = _spectral(x, k, seed)
    centroids = _centroids(vectors[fit_rows], fit_labels, chosen)
    labels = np.full(n, NOISE, dtype=np.int64)
    labels[fit_rows] = fit_labels
    if n > FIT_LIMIT:
        rest = np.setdiff1d(np.arange(n), fit_rows)
        labels[rest] = np.argmax(vectors[rest] @ centroids.T, axis=1)
    labels = _drop_small(labels, max(3, n // 500) if min_size is None else min_size)
    kept = sorted(set(labels.tolist()) - {NOISE})
    remap = {old: new for new, old in enumerate(kept)}
    labels = np.array([remap.get(int(v), NOISE) for v in labels], dtype=np.int64)
    centroids = _centroids(vectors, labels, len(kept))
    log.info(
        "clustered %d items into %d topics (silhouette %.3f), %d left over",
        n,
        len(kept),
        score,
        int((labels == NOISE).sum()),
    )
    return Clustering(labels, centroids, len(kept), score, fit_rows, fit_texts)


def _spectral(x: FloatArray, k: int | None, seed: int) -> tuple[np.ndarray, int, float]:
    """Labels, chosen k and its silhouette.

    The spectral embedding of the shared-neighbour graph; every candidate k
    clustered once on the silhouette sample and scored there; then
    :data:`RUNS` k-means runs with k ± :data:`SPREAD` over all items vote on
    each graph edge, and the consensus graph (the share of runs that kept an
    edge's ends together) is cut into k by a second spectral step.  The
    consensus removes most of the luck of one k-means start.
    """
    from scipy import sparse
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score

    n = x.shape[0]
    candidates = [min(k, n - 1)] if k else k_range(n)
    graph = knn_graph(x)
    embedding = _embed(graph, min(int(max(candidates) * (1 + SPREAD)) + 1, n - 2), seed)
    rng = np.random.default_rng(seed)
    sample = np.sort(rng.choice(n, min(SILHOUETTE_SAMPLE, n), replace=False))
    distances = np.clip(1.0 - x[sample] @ x[sample].T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)

    def rows(count: int, where: np.ndarray | slice = slice(None)) -> FloatArray:
        return normalise(embedding[where, :count].astype(np.float32))

    best: tuple[float, int] | None = None
    for count in candidates:
        labels = KMeans(count, n_init=1, random_state=seed).fit_predict(rows(count, sample))
        if not 2 <= len(set(labels.tolist())) < len(sample):
            continue
        score = float(silhouette_score(distances, labels, metric="precomputed"))
        if best is None or score > best[0]:
            best = (score, count)
    if best is None:
        return np.zeros(n, dtype=np.int64), 1, 0.0
    chosen = best[1]
    edges = sparse.triu(graph, k=1).tocoo()
    agree = np.zeros(edges.nnz, dtype=np.float32)
    for run in range(RUNS):
        count = int(np.clip(round(chosen * rng.uniform(1 - SPREAD, 1 + SPREAD)), 2, embedding.shape[1]))
        labels = KMeans(count, init=RUN_INIT, n_init=1, random_state=seed + run + 1).fit_predict(rows(count))
        agree += labels[edges.row] == labels[edges.col]
    votes = sparse.csr_matrix((agree / RUNS + 1e-6, (edges.row, edges.col)), shape=(n, n))
    consensus = _embed(votes + votes.T, min(chosen, n - 2), seed)
    final = KMeans(chosen, n_init=3, random_state=seed).fit_predict(normalise(consensus.astype(np.float32)))
    return final.astype(np.int64), chosen, best[0]


def _embed(graph: object, components: int, seed: int) -> np.ndarray:
    from sklearn.manifold import spectral_embedding

    with warnings.catch_warnings():
        # Well-separated topics leave the graph in pieces: that is a finding, not a fault.
        warnings.filterwarnings("ignore", message="Graph is not fully connected")
        out: np.ndarray = spectral_embedding(
            graph, n_components=components, random_state=seed, drop_first=False, eigen_tol=EIGEN_TOL
        )
    return out


def _centroids(vectors: FloatArray, labels: np.ndarray, count: int) -> FloatArray:
    from scipy import sparse

    keep = np.flatnonzero(labels >= 0)
    members = sparse.csr_matrix(
        (np.ones(len(keep), dtype=np.float32), (labels[keep], keep)), shape=(count, vectors.shape[0])
    )
    return normalise(np.asarray(members @ vectors, dtype=np.float32))


def _drop_small(labels: np.ndarray, min_size: int) -> np.ndarray:
    values, counts = np.unique(labels[labels >= 0], return_counts=True)
    small = values[counts < min_size]
    out = labels.copy()
    out[np.isin(out, small)] = NOISE
    return out


def assign(vectors: FloatArray, centroids: FloatArray, floors: FloatArray) -> tuple[np.ndarray, FloatArray]:
    """Nearest centroid per vector, or ``-1`` when below that topic's similarity floor; and the similarity."""
    if centroids.shape[0] == 0 or vectors.shape[0] == 0:
        return np.full(vectors.shape[0], NOISE, dtype=np.int64), np.zeros(vectors.shape[0], np.float32)
    sims = vectors @ centroids.T
    best = np.argmax(sims, axis=1)
    top = sims[np.arange(len(best)), best].astype(np.float32)
    labels = np.where(top >= floors[best], best, NOISE).astype(np.int64)
    return labels, top
