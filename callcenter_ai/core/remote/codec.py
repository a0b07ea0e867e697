"""The core's plain records as JSON and back, for the HTTP API and its client.

A dashboard, a stored call or the filter facets cross the wire as JSON and are
rebuilt as the very dataclasses the local core returns, so a view cannot tell
where they came from.  pydantic reads the dataclasses' own type hints: nothing
is declared twice.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from callcenter_ai.core.errors import KnownError
from callcenter_ai.core.messages import msg

T = TypeVar("T")


_ADAPTERS: dict[object, TypeAdapter[Any]] = {}


def _adapter(kind: Any) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(kind)
    if adapter is None:
        adapter = _ADAPTERS[kind] = TypeAdapter(kind)
    return adapter


def to_json(value: object) -> Any:
    """``value`` (a dataclass, or a list of them) as JSON-ready data."""
    kind = list[type(value[0])] if isinstance(value, list) and value else type(value)  # type: ignore[misc]
    return _adapter(kind).dump_python(value, mode="json")


def from_json(kind: type[T], data: Any, *, what: str = "") -> T:
    """A ``kind`` rebuilt from :func:`to_json`'s data; a clear error when the data does not fit."""
    try:
        value: T = _adapter(kind).validate_python(data)
    except ValidationError as exc:
        raise KnownError(msg("remote.bad_answer", what=what or kind.__name__, error=exc.errors()[0]["msg"])) from exc
    return value
