"""Redaction of Russian personal identifiers in call texts.

:func:`redact_text` replaces, in this order, e-mail addresses, SNILS (with its
checksum), bank card numbers (Luhn check), phone numbers (+7 / 8 formats), INN
(10 or 12 digits, with their checksums) and passport series + number with a
bracketed tag such as ``[ТЕЛЕФОН]``.  Numbers that fail their checksum are left
as they are: an order number is not a card.  Every export runs through it, and
the importer may too (``settings.redact_on_import``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from callcenter_ai.core.settings import Settings

TAGS = {
    "email": "[EMAIL]",
    "snils": "[СНИЛС]",
    "card": "[КАРТА]",
    "phone": "[ТЕЛЕФОН]",
    "inn": "[ИНН]",
    "passport": "[ПАСПОРТ]",
}

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?!\w)")
# 112-233-445 95 (the usual written form) or 11 digits in a row.
_SNILS_FORMATTED = re.compile(r"(?<!\d)\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)")
_SNILS_PLAIN = re.compile(r"(?<![\d-])\d{11}(?![\d-])")
# 13-19 digits, optionally grouped by single spaces or dashes.
_CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
# +7 912 345-67-89, 8 (912) 345 67 89, 89123456789, +79123456789.
_PHONE = re.compile(r"(?<![\d+])(?:\+7|8)[\s-]?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)")
_INN = re.compile(r"(?<![\d-])(?:\d{12}|\d{10})(?![\d-])")
# Series (4 digits, often written "45 06") and number (6 digits), apart.
_PASSPORT_SPACED = re.compile(r"(?<![\d-])\d{2} ?\d{2}[ ]+(?:№ ?)?\d{6}(?![\d-])")
# "серия 4506 номер 123456" / "серия 45 06 № 123456".
_PASSPORT_WORDS = re.compile(r"(?i)(?<!\w)серия\s*\d{2} ?\d{2},?\s*(?:номер|№)\s*\d{6}(?!\d)")
# Ten digits in a row count as a passport only right after the word.
_PASSPORT_WORD = re.compile(r"(?i)(паспорт\w*\D{0,20}?)(?<!\d)(\d{10})(?!\d)")


@dataclass(frozen=True)
class Found:
    """One identifier found in a text: its kind and where it is."""

    kind: str
    start: int
    end: int
    text: str


def luhn_valid(digits: str) -> bool:
    """The Luhn check used by payment cards."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def snils_valid(digits: str) -> bool:
    """SNILS: 9 digits and a 2-digit control number (weights 9..1, mod 101)."""
    if len(digits) != 11 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(9, 0, -1), strict=True))
    control = total % 101
    if control == 100:
        control = 0
    return control == int(digits[9:])


_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _inn_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_valid(digits: str) -> bool:
    """INN of an organisation (10 digits) or a person (12 digits), by its check digits."""
    if not digits.isdigit():
        return False
    if len(digits) == 10:
        return _inn_digit(digits, _INN10_WEIGHTS) == int(digits[9])
    if len(digits) == 12:
        return _inn_digit(digits, _INN11_WEIGHTS) == int(digits[10]) and _inn_digit(digits, _INN12_WEIGHTS) == int(
            digits[11]
        )
    return False


def _only_digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _card(match: re.Match[str]) -> bool:
    digits = _only_digits(match.group())
    return 13 <= len(digits) <= 19 and len(set(digits)) > 1 and luhn_valid(digits)


def _snils(match: re.Match[str]) -> bool:
    digits = _only_digits(match.group())
    return len(set(digits)) > 1 and snils_valid(digits)


def _inn(match: re.Match[str]) -> bool:
    digits = match.group()
    return len(set(digits)) > 1 and inn_valid(digits)


def _always(match: re.Match[str]) -> bool:
    return True


# (kind, pattern, validator) in the order they are applied.
_RULES: tuple[tuple[str, re.Pattern[str], Callable[[re.Match[str]], bool]], ...] = (
    ("email", _EMAIL, _always),
    ("snils", _SNILS_FORMATTED, _snils),
    ("card", _CARD, _card),
    ("phone", _PHONE, _always),
    ("inn", _INN, _inn),
    ("snils", _SNILS_PLAIN, _snils),
    ("passport", _PASSPORT_WORDS, _always),
    ("passport", _PASSPORT_SPACED, _always),
)


def redact_text(text: str) -> str:
    """``text`` with every phone, card, passport, SNILS, INN and e-mail replaced by a tag."""
    for found in reversed(find_personal_data(text)):
        text = text[: found.start] + TAGS[found.kind] + text[found.end :]
    return text


def find_personal_data(text: str) -> list[Found]:
    """What :func:`redact_text` would replace, with positions in the original text."""
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for kind, pattern, valid in _RULES:
        for m in pattern.finditer(text):
            if valid(m) and free(m.start(), m.end()):
                found.append(Found(kind, m.start(), m.end(), m.group()))
                taken.append((m.start(), m.end()))
    for m in _PASSPORT_WORD.finditer(text):
        if free(m.start(2), m.end(2)):
            found.append(Found("passport", m.start(2), m.end(2), m.group(2)))
    return sorted(found, key=lambda f: f.start)


def import_text_filter(settings: Settings) -> Callable[[str], str] | None:
    """What importers apply to every turn's text: :func:`redact_text` when ``redact_on_import`` is on."""
    return redact_text if settings.redact_on_import else None


# Metadata keys that name the caller: kept for repeat-call analysis, pseudonymised under redaction.
CLIENT_KEYS = ("client_id", "phone", "client_phone")
_PHONE_CHARS = re.compile(r"^[\d\s()+-]+$")


def client_key(value: object) -> str:
    """One form of a caller's id or phone: ``+7 (912) 345-67-89`` and ``89123456789`` are the same caller."""
    text = str(value).strip().lower()
    digits = re.sub(r"\D", "", text)
    if _PHONE_CHARS.match(text) and len(digits) >= 10:
        if len(digits) == 11 and digits[0] == "8":
            digits = "7" + digits[1:]
        return digits
    return text


def pseudonymise_clients(metadata: dict[str, object]) -> dict[str, object]:
    """``metadata`` with each caller id replaced by a stable hash (``h:`` + 16 hex digits) of its :func:`client_key`."""
    import hashlib

    out = dict(metadata)
    for key in CLIENT_KEYS:
        value = out.get(key)
        if value is not None and not (isinstance(value, str) and value.startswith("h:")):
            out[key] = "h:" + hashlib.sha256(client_key(value).encode("utf-8")).hexdigest()[:16]
    return out
