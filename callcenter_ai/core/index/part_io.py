"""Reading index files with verification (sha256, FAISS parse) and writing FAISS parts atomically.

Never unpickles anything: FAISS files are read with FAISS's own reader.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from callcenter_ai.core.errors import IndexCorruptError
from callcenter_ai.core.index.files import atomic_write_stream, sha256_bytes, sha256_file
from callcenter_ai.core.index.manifest import REBUILD_HINT
from callcenter_ai.core.messages import msg

if TYPE_CHECKING:
    import faiss

log = logging.getLogger(__name__)


def write_part(path: Path, index: faiss.Index) -> str:
    """Write ``index`` to ``path`` atomically, streamed in pieces and hashed as written; returns the sha256."""
    import faiss

    def fill(write: Callable[[bytes | memoryview], object]) -> None:
        faiss.write_index(index, faiss.PyCallbackIOWriter(write, 8 << 20))  # type: ignore[attr-defined]

    return atomic_write_stream(path, fill)


def read_part(path: Path, sha256: str, *, mapped: bool) -> faiss.Index:
    """The part at ``path``, verified against ``sha256``: memory-mapped when asked and possible, else read."""
    index = read_mapped(path, sha256) if mapped else None
    return read_into_memory(path, sha256) if index is None else index


def read_mapped(path: Path, sha256: str) -> faiss.Index | None:
    """The part at ``path`` memory-mapped after its checksum is verified; None where FAISS cannot map it.

    FAISS maps only what its own file reader can open (not every platform,
    nor every non-ASCII path on Windows); the caller then reads the file.
    """
    import faiss

    try:
        actual = sha256_file(path)
    except OSError as exc:
        raise IndexCorruptError(msg("index.file_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    if actual != sha256:
        raise IndexCorruptError(msg("index.checksum", path=path), hint=REBUILD_HINT)
    try:
        index: faiss.Index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP)
    except RuntimeError as exc:
        log.info("cannot memory-map %s (%s); reading it instead", path.name, exc)
        return None
    return index


def read_into_memory(path: Path, sha256: str) -> faiss.Index:
    """The part at ``path`` read once into owned (modifiable) memory, hashed as it streams.

    Raises unless the whole file matches ``sha256``; a file that fails its
    checksum is reported as such even when FAISS could not parse it.
    """
    import faiss

    digest = hashlib.sha256()
    index: faiss.Index | None = None
    error: RuntimeError | None = None
    try:
        with open(path, "rb") as handle:

            def read(size: int) -> bytes:
                piece = handle.read(size)
                digest.update(piece)
                return piece

            try:
                index = faiss.read_index(faiss.PyCallbackIOReader(read, 8 << 20))  # type: ignore[attr-defined]
            except RuntimeError as exc:
                error = exc
            for rest in iter(lambda: handle.read(8 << 20), b""):  # what FAISS did not read counts too
                digest.update(rest)
    except OSError as exc:
        raise IndexCorruptError(msg("index.file_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    if digest.hexdigest() != sha256:
        raise IndexCorruptError(msg("index.checksum", path=path), hint=REBUILD_HINT)
    if index is None:
        raise IndexCorruptError(msg("index.not_faiss", path=path, error=error), hint=REBUILD_HINT) from error
    return index


def read_verified(path: Path, sha256: str) -> bytes:
    """The bytes of ``path``, raising :class:`IndexCorruptError` unless they match ``sha256``."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IndexCorruptError(msg("index.file_unreadable", path=path, error=exc), hint=REBUILD_HINT) from exc
    if sha256_bytes(data) != sha256:
        raise IndexCorruptError(msg("index.checksum", path=path), hint=REBUILD_HINT)
    return data
