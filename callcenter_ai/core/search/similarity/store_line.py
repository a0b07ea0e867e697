"""The store's "nothing close" line (``null_probes.py``), measured once per index generation and kept.

Measured on the first free-text search after an index generation appears
(the probes need the query model), kept in memory and in
``<index_dir>/nothing_close/<slug>.json`` keyed by the generation, so
``similar`` (which loads no model) and later processes use it too.  Until it
is measured, the model's calibrated value (``threshold.py``) serves.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from callcenter_ai.core.index.files import atomic_write_bytes
from callcenter_ai.core.index.manifest import index_slug
from callcenter_ai.core.index.vector_index import VectorIndex
from callcenter_ai.core.search.similarity.null_probes import PROBES, UPPER, EmbedQueries, null_line, probe_tops
from callcenter_ai.core.search.similarity.threshold import threshold_for

log = logging.getLogger(__name__)

FOLDER = "nothing_close"  # a sub-folder: the index folder's own *.json files are manifests


class StoreLines:
    """The measured line per (model id, index generation)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._lines: dict[tuple[str, int], float | None] = {}

    def known(self, index: VectorIndex) -> float | None:
        """The line measured for ``index``'s generation (memory, then disk); None when not measured yet."""
        key = (index.model_id, index.manifest.generation)
        if key not in self._lines:
            saved = self._read(index)
            if saved is None:
                return None
            self._lines[key] = saved
        return self._lines[key]

    def line_for(self, index: VectorIndex, setting: float, embed: EmbedQueries | None = None) -> float | None:
        """The setting when it is a cosine (>= -1), else this store's line (measured with ``embed`` when given
        and not known yet), else the model's calibrated value (``threshold.py``)."""
        if setting >= -1.0:
            return setting
        line = self.known(index) if embed is None else self.measure(index, embed)
        return line if line is not None else threshold_for(index.model_id, setting)

    def measure(self, index: VectorIndex, embed: EmbedQueries) -> float | None:
        """The line for ``index``'s generation, measured with ``embed`` when not known yet (then saved)."""
        line = self.known(index)
        if line is not None:
            return line
        tops = probe_tops(index, embed)
        line = null_line(tops)
        self._lines[(index.model_id, index.manifest.generation)] = line
        if line is not None:
            self._write(index, line, tops)
        return line

    def _path(self, model_id: str) -> Path:
        return self.index_dir / FOLDER / f"{index_slug(model_id)}.json"

    def _read(self, index: VectorIndex) -> float | None:
        path = self._path(index.model_id)
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
            same = (saved.get("generation"), saved.get("probes"), saved.get("upper"))
            if same == (index.manifest.generation, PROBES, UPPER):
                return float(saved["line"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s: unreadable, measured again: %s", path, exc)
        return None

    def _write(self, index: VectorIndex, line: float, tops: list[float]) -> None:
        path = self._path(index.model_id)
        record = {
            "model_id": index.model_id,
            "generation": index.manifest.generation,
            "probes": PROBES,
            "upper": UPPER,
            "line": round(line, 4),
            "probe_tops": [round(t, 4) for t in sorted(tops)],
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, (json.dumps(record, indent=1) + "\n").encode("utf-8"))
        except OSError as exc:  # a read-only index folder: measured again by the next process
            log.warning("%s: not saved: %s", path, exc)
