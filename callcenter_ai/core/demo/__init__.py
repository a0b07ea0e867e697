"""The demo set: generated Russian calls, written as JSON Lines and imported like any file.

generate_calls(count, seed)                  JSON Lines records, deterministic for a seed
write_demo_jsonl(path, count, seed)          the same into a file
generate_demo(store, settings, calls, seed)  generator: write HOME/data/demo_calls.jsonl and import it
"""

from __future__ import annotations

from callcenter_ai.core.demo.generator import TOPIC_NAMES, TOPICS, generate_calls
from callcenter_ai.core.demo.job import DEFAULT_CALLS, DEFAULT_SEED, demo_path, generate_demo, write_demo_jsonl

__all__ = [
    "DEFAULT_CALLS",
    "DEFAULT_SEED",
    "TOPICS",
    "TOPIC_NAMES",
    "demo_path",
    "generate_calls",
    "generate_demo",
    "write_demo_jsonl",
]
