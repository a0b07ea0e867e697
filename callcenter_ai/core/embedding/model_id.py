"""Stable names for models: a hub name as given, a local folder by name and fingerprint.

A local folder's id must not change with how its path is spelt or where the
folder lives, and must change when its weights change, so vectors of two
models are never mixed.  It is ``local/<folder name>-<12 hex digits>`` where
the digits hash the folder's config files and, for each weight file, its size
and first and last 64 KiB (cheap even for a 1.2 GB model).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

_CONFIG_FILES = ("config.json", "modules.json", "config_sentence_transformers.json", "tokenizer.json")
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt")
_EDGE = 64 * 1024


def local_model_folder(model: str) -> Path | None:
    """The folder ``model`` names, if it is an existing local folder."""
    path = Path(model).expanduser()
    return path.resolve() if path.is_dir() else None


def folder_fingerprint(folder: Path) -> str:
    digest = hashlib.sha256()
    for name in _CONFIG_FILES:
        path = folder / name
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in _WEIGHT_SUFFIXES:
            size = path.stat().st_size
            digest.update(f"{path.relative_to(folder).as_posix()}:{size}".encode())
            with path.open("rb") as handle:
                digest.update(handle.read(_EDGE))
                handle.seek(max(0, size - _EDGE))
                digest.update(handle.read(_EDGE))
    return digest.hexdigest()[:12]


def model_name(model: str) -> str:
    """What the model id records: a hub name unchanged, a local folder as ``local/NAME-HASH``."""
    folder = local_model_folder(model)
    if folder is None:
        return model.strip()
    return f"local/{folder.name}-{folder_fingerprint(folder)}"


KNOWN_DIMS = {
    "Qwen/Qwen3-Embedding-0.6B": 1024,
    "Qwen/Qwen3-Embedding-4B": 2560,
    "Qwen/Qwen3-Embedding-8B": 4096,
}


def native_dims(model: str) -> int | None:
    """The model's output size, read from its folder or the hub cache without loading it."""
    folder = local_model_folder(model)
    if folder is None:
        if model in KNOWN_DIMS:
            return KNOWN_DIMS[model]
        folder = _cached_snapshot(model)
        if folder is None:
            return None
    for name, keys in (
        ("1_Pooling/config.json", ("embedding_dimension", "word_embedding_dimension")),
        ("config.json", ("hidden_size",)),
    ):
        path = folder / name
        if path.is_file():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for key in keys:
                if isinstance(data.get(key), int):
                    return int(data[key])
    return None


def _cached_snapshot(model: str) -> Path | None:
    try:
        from huggingface_hub import try_to_load_from_cache

        found = try_to_load_from_cache(model, "config.json")
    except Exception:  # not a valid repo id, or no hub library: nothing cached
        return None
    return Path(found).parent if isinstance(found, str) else None
