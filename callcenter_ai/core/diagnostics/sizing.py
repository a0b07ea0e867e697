"""How big a model is, and the memory rules the recommendations use.

The rules, with where their numbers come from (../shared/FACTS.md and
docs/PERFORMANCE.md, measured with the full-shape Qwen3-0.6B model):

* Weights: parameters x 4 bytes in fp32 (CPU), x 2 bytes in bf16/fp16 (CUDA).
* Loading needs the weights at the load precision x ``LOAD_PEAK_FACTOR`` plus
  ``RUNTIME_BYTES`` (Python, torch, tokenizer) of RAM and swap together; below
  that, loading fails (on Windows as os error 1455, "the paging file is too
  small").
* On CUDA a 32 x 2048 batch of Qwen3-0.6B peaks at about 4 GiB with SDPA
  attention, of which 1.11 GiB are weights: about ``GPU_BYTES_PER_TOKEN``
  per padded token of a batch (scaled by the model's hidden size for other
  models), plus ``CUDA_CONTEXT_BYTES``.
* On the CPU activations are fp32: ``CPU_BYTES_PER_TOKEN`` per padded token
  unless a ``--load-model`` test batch measured it.
"""

from __future__ import annotations

import json
import logging
import struct
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

GIB = 1024**3
MIB = 1024**2

LOAD_PEAK_FACTOR = 1.25
RUNTIME_BYTES = 1 * GIB
CUDA_CONTEXT_BYTES = GIB // 2
GPU_BYTES_PER_TOKEN = int((4.0 - 1.11) * GIB / (32 * 2048))
CPU_BYTES_PER_TOKEN = 2 * GPU_BYTES_PER_TOKEN
REFERENCE_HIDDEN = 1024

# Parameter counts of models we know without reading their files.
KNOWN_MODELS: dict[str, tuple[int, int]] = {
    "Qwen/Qwen3-Embedding-0.6B": (595_776_512, 1024),
}

_DTYPE_BYTES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}


@dataclass(frozen=True)
class ModelSize:
    """Parameters and hidden size of a model, and where we learnt them."""

    name: str
    params: int | None
    hidden_size: int | None
    source: str  # "known", "folder", "hub cache" or "unknown"

    def weights_bytes(self, bytes_per_param: int) -> int | None:
        return None if self.params is None else self.params * bytes_per_param

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["weights_fp32_bytes"] = self.weights_bytes(4)
        out["weights_half_bytes"] = self.weights_bytes(2)
        return out


def model_size(model: str) -> ModelSize:
    """Read the size from a local folder, the hub cache, or the table of known models."""
    folder = Path(model).expanduser()
    if folder.is_dir():
        return _from_folder(model, folder, "folder")
    cached = _hub_cache_folder(model)
    if cached is not None:
        size = _from_folder(model, cached, "hub cache")
        if size.params is not None:
            return size
    if model in KNOWN_MODELS:
        params, hidden = KNOWN_MODELS[model]
        return ModelSize(model, params, hidden, "known")
    return ModelSize(model, None, None, "unknown")


def _from_folder(name: str, folder: Path, source: str) -> ModelSize:
    params = 0
    for path in sorted(folder.glob("*.safetensors")):
        params += _safetensors_params(path)
    if params == 0:
        # PyTorch .bin checkpoints have no cheap header: assume fp32 storage.
        params = sum(p.stat().st_size for p in folder.glob("pytorch_model*.bin")) // 4
    hidden = None
    config = folder / "config.json"
    if config.is_file():
        try:
            hidden = int(json.loads(config.read_text(encoding="utf-8")).get("hidden_size") or 0) or None
        except (OSError, ValueError, TypeError):
            log.debug("cannot read %s", config, exc_info=True)
    return ModelSize(name, params or None, hidden, source if params else "unknown")


def _safetensors_params(path: Path) -> int:
    """Count parameters from a safetensors header without loading tensors."""
    try:
        with path.open("rb") as fh:
            (length,) = struct.unpack("<Q", fh.read(8))
            header = json.loads(fh.read(length))
    except (OSError, ValueError, struct.error):
        log.debug("cannot read the header of %s", path, exc_info=True)
        return 0
    total = 0
    for key, tensor in header.items():
        if key == "__metadata__" or not isinstance(tensor, dict):
            continue
        count = 1
        for dim in tensor.get("shape", []):
            count *= int(dim)
        total += count
    return total


def _hub_cache_folder(model: str) -> Path | None:
    """The newest snapshot of ``model`` already in the Hugging Face cache (never downloads)."""
    if "/" not in model:
        return None
    try:
        from huggingface_hub.constants import HF_HUB_CACHE
    except ImportError:
        return None
    snapshots = Path(HF_HUB_CACHE) / f"models--{model.replace('/', '--')}" / "snapshots"
    if not snapshots.is_dir():
        return None
    found = sorted((p for p in snapshots.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def ram_to_load(size: ModelSize, device: str) -> int | None:
    """RAM plus swap needed to load the model for ``device`` ("cpu" loads fp32, "cuda" half)."""
    weights = size.weights_bytes(4 if device == "cpu" else 2)
    if weights is None:
        return None
    return int(weights * LOAD_PEAK_FACTOR) + RUNTIME_BYTES


def bytes_per_token(size: ModelSize, device: str) -> int:
    """Activation memory per padded token of a batch."""
    base = CPU_BYTES_PER_TOKEN if device == "cpu" else GPU_BYTES_PER_TOKEN
    scale = (size.hidden_size or REFERENCE_HIDDEN) / REFERENCE_HIDDEN
    return int(base * scale)
