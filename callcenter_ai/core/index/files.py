"""Crash-safe files: write to a temporary file in the same folder, fsync, rename, fsync the folder."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path

# Tests replace this to inject a crash between writing and renaming.
before_replace: Callable[[Path, Path], None] | None = None


def check_index_folder(index_dir: Path) -> None:
    """Make sure the index folder exists and is a folder, before any embedding work is spent on it."""
    from callcenter_ai.core.errors import IndexFileError
    from callcenter_ai.core.messages import HINTS, msg

    if index_dir.exists() and not index_dir.is_dir():
        raise IndexFileError(msg("index.folder_is_file", path=index_dir), hint=HINTS["index.folder"])
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexFileError(
            msg("index.folder_cannot_create", path=index_dir, error=exc), hint=HINTS["index.folder"]
        ) from exc


def sha256_bytes(data: bytes | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    """The sha256 of a file's contents, read in chunks (the hashing releases the GIL)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def atomic_write_bytes(path: Path, data: bytes | memoryview, *, hashed: bool = True) -> str:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never a torn one.

    Returns the sha256 of ``data`` ("" when not ``hashed``)."""
    return atomic_write_stream(path, lambda write: write(data), hashed=hashed)


def atomic_write_stream(
    path: Path, fill: Callable[[Callable[[bytes | memoryview], object]], object], *, hashed: bool = True
) -> str:
    """Like :func:`atomic_write_bytes`, with the content written piece by piece by ``fill(write)``.

    Returns the sha256 of what was written, hashed as it streams (no second pass, no whole copy in memory);
    "" when not ``hashed`` (a file no manifest checks: hashing costs about as much as writing it).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    digest = hashlib.sha256()
    try:
        with open(tmp, "wb") as handle:

            def write(piece: bytes | memoryview) -> None:
                if hashed:
                    digest.update(piece)
                handle.write(piece)

            fill(write)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace(tmp, path)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return digest.hexdigest() if hashed else ""


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class StreamSink(io.RawIOBase):
    """A write-only, unseekable file over ``write``: an ``.npz`` (np.savez) streamed into
    :func:`atomic_write_stream` without a copy of it in memory (zipfile writes sizes after each member)."""

    def __init__(self, write: Callable[[bytes | memoryview], object]) -> None:
        super().__init__()
        self._write = write

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data)
        self._write(view)
        return view.nbytes
