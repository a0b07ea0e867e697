"""What the processor tells its callers: loads, fallbacks, OOM ladder rungs, unloads.

Every event is logged in English and kept in an :class:`EventLog`; the GUI
subscribes to show them in its log panel and status bar.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# Kinds of events, for callers that react to some of them.
LOAD = "load"
UNLOAD = "unload"
FALLBACK = "fallback"
OOM = "oom"  # a rung of the out-of-memory ladder
NAN = "nan"  # a half-precision batch redone in fp32
INFO = "info"


@dataclass(frozen=True)
class EmbedEvent:
    kind: str
    message: str
    level: int = logging.INFO
    at: float = field(default_factory=time.time)

    @property
    def level_name(self) -> str:
        return logging.getLevelName(self.level)


Listener = Callable[[EmbedEvent], None]


class EventLog:
    """A bounded list of events plus listeners called on each new one (from the emitting thread)."""

    def __init__(self, limit: int = 500) -> None:
        self._events: list[EmbedEvent] = []
        self._listeners: list[Listener] = []
        self._limit = limit
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def emit(self, kind: str, message: str, level: int = logging.INFO) -> EmbedEvent:
        event = EmbedEvent(kind, message, level)
        log.log(level, "%s: %s", kind, message)
        with self._lock:
            self._events.append(event)
            del self._events[: -self._limit]
            listeners = list(self._listeners)
        for listener in listeners:
            listener(event)
        return event

    def events(self, kind: str | None = None) -> list[EmbedEvent]:
        with self._lock:
            return [e for e in self._events if kind is None or e.kind == kind]
