"""Running token batches through the model: collating, the forward pass, and the OOM ladder.

Out of memory while embedding, the ladder is: free the cache and halve the
batch; at batch 1 shorten the context to 512 tokens; then move to the CPU.
A half-precision batch that gives NaN/inf is redone in fp32 (an int8 model
is reloaded in fp32 for the rest of the run).  Every rung is logged and sent
to the event log.
"""

from __future__ import annotations

import gc
import logging
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from callcenter_ai.core.arrays import FloatArray
from callcenter_ai.core.embedding.batch_report import is_out_of_memory, normalize
from callcenter_ai.core.embedding.device import Placement, cuda_memory, torch_dtype
from callcenter_ai.core.embedding.events import FALLBACK, NAN, OOM, EventLog
from callcenter_ai.core.embedding.loading import load_sentence_transformer, prepare_cpu_model
from callcenter_ai.core.embedding.tokens import split_ids
from callcenter_ai.core.errors import ModelUnavailableError
from callcenter_ai.core.messages import HINTS, msg
from callcenter_ai.core.settings import Settings

LADDER_CONTEXT = 512

ForwardFn = Callable[[dict[str, Any]], Any]


class ForwardLadder(ABC):
    """The batch-running half of :class:`~callcenter_ai.core.embedding.processor.OptimizedEmbeddingProcessor`.

    It changes the processor's device, precision, batch size, token budget
    and context limit as it goes down the ladder.
    """

    settings: Settings
    model: str
    events: EventLog
    device: str
    precision: str
    batch_size: int
    token_budget: int
    context_limit: int
    forward_fn: ForwardFn  # replaceable in tests to inject failures at the forward call
    _st: Any
    _state: str

    @property
    @abstractmethod
    def dims(self) -> int: ...

    @abstractmethod
    def _eos_id(self) -> int: ...

    def _empty_cache(self) -> int:
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        return cuda_memory()["allocated"]

    def _release_cuda(self) -> int:
        """After unloading: the cache and cuBLAS's workspaces (32 MiB held through the allocator) go back."""
        import torch

        if torch.cuda.is_available():
            clear_workspaces = getattr(torch._C, "_cuda_clearCublasWorkspaces", None)
            if clear_workspaces is not None:
                clear_workspaces()
        return self._empty_cache()

    def _collate(self, pieces: Sequence[Sequence[int]]) -> dict[str, Any]:
        """Left-padded ``input_ids`` and ``attention_mask`` tensors on the CPU."""
        import torch

        width = max(len(p) for p in pieces)
        ids = torch.full((len(pieces), width), self._eos_id(), dtype=torch.long)
        mask = torch.zeros((len(pieces), width), dtype=torch.long)
        for row, piece in enumerate(pieces):
            if piece:
                ids[row, width - len(piece) :] = torch.tensor(piece, dtype=torch.long)
                mask[row, width - len(piece) :] = 1
        return {"input_ids": ids, "attention_mask": mask}

    def _run_batch(self, pieces: list[list[int]], features: dict[str, Any] | None = None) -> FloatArray:
        """Vectors of token pieces, going down the OOM ladder when memory runs out."""
        if any(len(p) > self.context_limit for p in pieces):
            return self._run_windowed(pieces)
        try:
            return self._forward(features if features is not None else self._collate(pieces))
        except Exception as exc:
            if not is_out_of_memory(exc):
                raise
            # The traceback holds the failed forward's frames and with them its activations on the
            # GPU: retrying inside this block (or with the traceback kept) finds the memory still
            # taken and runs out again at every rung (seen on an H100 under a memory cap).
            failure = exc.with_traceback(None)
        return self._after_oom(pieces, failure)

    def _run_windowed(self, pieces: list[list[int]]) -> FloatArray:
        out = np.zeros((len(pieces), self.dims), dtype=np.float32)
        for row, piece in enumerate(pieces):
            windows = split_ids(piece, self.context_limit, self._eos_id())
            parts = [self._run_batch(windows[i : i + self.batch_size]) for i in range(0, len(windows), self.batch_size)]
            out[row] = normalize(np.concatenate(parts).mean(axis=0))
        return out

    def _after_oom(self, pieces: list[list[int]], exc: Exception) -> FloatArray:
        self._empty_cache()
        where = f"{self.device.upper()} {self.precision}"
        if len(pieces) > self.batch_size:
            # Formed before an earlier rung lowered the batch size: split to the current size first.
            step = self.batch_size
            return np.concatenate([self._run_batch(pieces[i : i + step]) for i in range(0, len(pieces), step)])
        if len(pieces) > 1:
            self.batch_size = max(1, min(self.batch_size, len(pieces)) // 2)
            self.token_budget = max(self.context_limit, self.token_budget // 2)
            self.events.emit(
                OOM,
                f"out of memory with a batch of {len(pieces)} on {where}: cache freed, batch halved to "
                f"{self.batch_size}, retrying",
                logging.WARNING,
            )
            half = len(pieces) // 2
            return np.concatenate([self._run_batch(pieces[:half]), self._run_batch(pieces[half:])])
        if self.context_limit > LADDER_CONTEXT:
            self.context_limit = LADDER_CONTEXT
            self.events.emit(
                OOM,
                f"out of memory at batch 1 on {where}: context shortened to {LADDER_CONTEXT} tokens (longer texts"
                " are embedded as windows and averaged), retrying",
                logging.WARNING,
            )
            return self._run_batch(pieces)
        if self.device != "cpu":
            self.events.emit(
                OOM,
                f"out of memory at batch 1 with a {LADDER_CONTEXT}-token context on {where}: moving the model to "
                "the CPU and going on",
                logging.WARNING,
            )
            self._move_to_cpu()
            return self._run_batch(pieces)
        raise ModelUnavailableError(
            msg("model.out_of_memory", context=LADDER_CONTEXT, error=exc), hint=HINTS["model.out_of_memory"]
        ) from exc

    def _move_to_cpu(self) -> None:
        import torch

        self._st.to(device="cpu", dtype=torch.float32)
        self._empty_cache()
        requested = self.settings.precision if self.settings.precision in ("auto", "int8", "fp32") else "auto"
        self.precision = prepare_cpu_model(self._st, Placement("cpu", requested, "out of GPU memory")).precision
        self.device = "cpu"
        self.batch_size, self.token_budget = self.settings.batch_size, self.settings.batch_token_budget
        self.context_limit = self.settings.max_tokens
        self._state = f"CPU {self.precision}"
        self.events.emit(FALLBACK, f"now embedding on {self._state} after running out of GPU memory", logging.WARNING)

    def _forward(self, features: dict[str, Any]) -> FloatArray:
        import torch

        with torch.inference_mode():
            output = self.forward_fn(features).float()
            if self.precision != "fp32" and not bool(torch.isfinite(output).all()):
                if self.precision == "int8":
                    output = self._redo_int8_in_fp32(features)
                else:
                    self.events.emit(NAN, f"{self.precision} batch gave NaN/inf: redoing it in fp32", logging.WARNING)
                    self._st.to(dtype=torch.float32)
                    try:
                        output = self.forward_fn(features).float()
                    finally:
                        self._st.to(dtype=torch_dtype(self.precision))
        vectors = output.cpu().numpy()[:, : self.dims]
        return normalize(vectors)

    def _redo_int8_in_fp32(self, features: dict[str, Any]) -> Any:
        """int8 weights cannot be turned back: reload the model in fp32 for the rest of the run."""
        self.events.emit(
            NAN,
            "int8 batch gave NaN/inf: reloading the model in fp32 and redoing it (fp32 from now on)",
            logging.WARNING,
        )
        self._st = None
        gc.collect()
        self._st, placement = load_sentence_transformer(
            self.model, Placement("cpu", "fp32", "NaN/inf in int8"), self.events
        )
        self.precision = placement.precision
        self._state = f"CPU {self.precision}"
        return self.forward_fn(features).float()

    def _model_forward(self, features: dict[str, Any]) -> Any:
        """The one place the model runs: features to the device, sentence embedding back."""
        moved = {k: v.to(self.device) for k, v in features.items()}
        return self._st(moved)["sentence_embedding"]
