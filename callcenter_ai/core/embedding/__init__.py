"""Turning calls into vectors: the Qwen3 processor and its offline fallback."""
