"""Token counting and windowing with the model's own tokenizer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def split_ids(ids: list[int], limit: int, eos_id: int) -> list[list[int]]:
    """``ids`` (ending with the end-of-text token) as windows of at most ``limit`` tokens, each ending with it."""
    if len(ids) <= limit:
        return [ids]
    body = ids[:-1] if ids and ids[-1] == eos_id else ids
    step = max(1, limit - 1)
    return [[*body[i : i + step], eos_id] for i in range(0, len(body), step)]


class ModelTokenCounter:
    """Counts and cuts with the tokenizer the model uses (the fast Rust backend, no truncation)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.eos_id = int(tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id)
        backend = getattr(tokenizer, "backend_tokenizer", None)
        if backend is not None:
            backend = _copy_backend(backend)
            backend.no_truncation()
            backend.no_padding()
        self._backend = backend

    def ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids with special tokens (Qwen3 appends ``<|endoftext|>``)."""
        if self._backend is not None:
            return [list(e.ids) for e in self._backend.encode_batch(list(texts), add_special_tokens=True)]
        return [list(x) for x in self.tokenizer(list(texts), add_special_tokens=True, truncation=False)["input_ids"]]

    def count(self, texts: Sequence[str]) -> list[int]:
        """Tokens of each text without special tokens."""
        if not texts:
            return []
        if self._backend is not None:
            return [len(e.ids) for e in self._backend.encode_batch(list(texts), add_special_tokens=False)]
        encoded = self.tokenizer(list(texts), add_special_tokens=False, truncation=False)["input_ids"]
        return [len(x) for x in encoded]

    def windows(self, text: str, max_tokens: int) -> list[str]:
        """``text`` cut at token boundaries into pieces of at most ``max_tokens - 1`` tokens."""
        step = max(1, max_tokens - 1)
        if self._backend is None:
            ids = self.tokenizer(text, add_special_tokens=False)["input_ids"]
            return [self.tokenizer.decode(ids[i : i + step]) for i in range(0, len(ids), step)] or [""]
        offsets = self._backend.encode(text, add_special_tokens=False).offsets
        if not offsets:
            return [text]
        out = []
        for i in range(0, len(offsets), step):
            start = offsets[i][0] if i else 0
            end = offsets[i + step][0] if i + step < len(offsets) else len(text)
            out.append(text[start:end])
        return out


def _copy_backend(backend: Any) -> Any:
    """A private copy, so changing truncation and padding never touches the model's tokenizer."""
    from tokenizers import Tokenizer

    return Tokenizer.from_str(backend.to_str())
