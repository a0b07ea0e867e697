"""Translations of the core's message catalog: ``core_messages_<lang>.ts``.

The core's templates (:mod:`callcenter_ai.core.messages`) are not in the GUI
sources, so ``pyside6-lupdate`` cannot find them: :func:`update_ts` writes
them into a ``.ts`` file of their own (context ``CoreMessages``), keeping the
translations already there, adding new templates as unfinished and dropping
templates the catalog no longer has.  ``pyside6-lrelease`` then compiles it
together with ``callcenter_<lang>.ts`` into the one ``.qm`` the app loads.
Translate it like the other file (Qt Linguist); keep every ``{name}`` field.
"""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

from callcenter_ai.core import messages
from callcenter_ai.gui.i18n import I18N_DIR, LANGUAGES

SOURCE_LANGUAGE = "en"
TRANSLATED_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE)


def ts_path(language: str) -> Path:
    return I18N_DIR / f"core_messages_{language}.ts"


def catalog_sources() -> list[str]:
    """Every text of the catalog that is translated: the templates, then the hints (no repeats)."""
    return list(dict.fromkeys([*messages.MESSAGES.values(), *messages.HINTS.values()]))


def read_ts(path: Path, context_name: str = messages.CONTEXT) -> dict[str, tuple[str, bool]]:
    """source -> (translation, finished) of one context (``CoreMessages``) of a ``.ts`` file."""
    if not path.exists():
        return {}
    found: dict[str, tuple[str, bool]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != context_name:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "" if translation is None else (translation.text or "")
            finished = translation is not None and translation.get("type") not in ("unfinished", "obsolete")
            found[message.findtext("source") or ""] = (text, finished and bool(text))
    return found


def fields(template: str) -> set[str]:
    """The ``{name}`` fields of a template (what a translation must keep)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def update_ts(
    language: str, path: Path | None = None, context_name: str = messages.CONTEXT, sources: list[str] | None = None
) -> tuple[int, int]:
    """Write the catalog (or other ``sources``) into the language's ``.ts``; (translated, unfinished) counts."""
    path = path or ts_path(language)
    sources = catalog_sources() if sources is None else sources
    old = read_ts(path, context_name)
    root = ET.Element("TS", {"version": "2.1", "language": language, "sourcelanguage": SOURCE_LANGUAGE})
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = context_name
    done = 0
    for source in sources:
        text, finished = old.get(source, ("", False))
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        translation.text = text
        if finished:
            done += 1
        else:
            translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', encoding="utf-8")
    return done, len(sources) - done
