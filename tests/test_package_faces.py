"""Every core package has a small public face: a sorted, complete ``__all__`` the shells import from."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

import pytest

import callcenter_ai.core

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = sorted(
    f"callcenter_ai.core.{info.name}" for info in pkgutil.iter_modules(callcenter_ai.core.__path__) if info.ispkg
)
# Shells reach these packages through their face only (their modules are private to the core).
FACE_ONLY = ("callcenter_ai.core.search", "callcenter_ai.core.index")
SHELLS = ("gui", "cli", "api")


def isort_key(name: str) -> tuple[int, str]:
    """ruff's order for ``__all__`` (RUF022): CONSTANTS, then Classes, then functions, each alphabetical."""
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_every_name_is_there(name: str) -> None:
    package = importlib.import_module(name)
    exported = getattr(package, "__all__", None)
    assert exported, f"{name}/__init__.py has no __all__"
    assert list(exported) == sorted(exported, key=isort_key), f"{name}.__all__ is not sorted"
    assert len(set(exported)) == len(exported), f"{name}.__all__ repeats a name"
    missing = [n for n in exported if not hasattr(package, n)]
    assert not missing, f"{name}.__all__ names what it does not hold: {missing}"


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_complete(name: str) -> None:
    """Whatever the face imports for others is listed: nothing public hides outside ``__all__``."""
    package = importlib.import_module(name)
    public = {
        n
        for n, value in vars(package).items()
        if not n.startswith("_") and not isinstance(value, ModuleType) and n != "annotations"
    }
    assert public <= set(getattr(package, "__all__", ())), f"{name}: {sorted(public - set(package.__all__))}"


def deep_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        found.extend(
            f"{path.relative_to(ROOT)}:{node.lineno}: {module}"
            for module in modules
            if any(module.startswith(face + ".") for face in FACE_ONLY)
        )
    return found


def test_shells_import_search_and_index_through_their_faces() -> None:
    files = [p for shell in SHELLS for p in sorted((ROOT / "callcenter_ai" / shell).rglob("*.py"))]
    assert files
    assert [hit for path in files for hit in deep_imports(path)] == []
