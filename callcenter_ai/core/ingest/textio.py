"""Reading import files as text: encoding detection and a streaming line reader.

Files are read in binary, one physical line at a time, so memory stays flat
whatever the file size; a single line may be as long as ``max_line_bytes``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from callcenter_ai.core.errors import InputError
from callcenter_ai.core.messages import HINTS, Message, msg

UTF8 = "utf-8"
UTF8_BOM = "utf-8-sig"
CP1251 = "cp1251"
ENCODING_NAMES = {UTF8: "UTF-8", UTF8_BOM: "UTF-8 with BOM", CP1251: "Windows-1251"}

SAMPLE_BYTES = 256 * 1024
MAX_LINE_BYTES = 64 * 1024 * 1024
_READ_PIECE = 1024 * 1024

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def sniff_encoding(path: Path, source: str) -> str:
    """UTF-8 (with or without BOM) or Windows-1251; anything else is an InputError."""
    try:
        with path.open("rb") as f:
            sample = f.read(SAMPLE_BYTES)
    except OSError as exc:
        raise InputError(msg("input.cannot_read", source=source, error=exc.strerror or exc)) from exc
    if not sample:
        raise InputError(msg("input.empty_file", source=source), hint=HINTS["input.empty_file"])
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(msg("input.utf16", source=source), hint=HINTS["input.utf16"])
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise _binary(source, msg("input.why.nul_byte", offset=nul))
    if sample.startswith(codecs.BOM_UTF8):
        return UTF8_BOM
    decoder = codecs.getincrementaldecoder(UTF8)()
    try:
        text = decoder.decode(sample, final=len(sample) < SAMPLE_BYTES)
        encoding = UTF8
    except UnicodeDecodeError as utf8_error:
        if max(sample[: utf8_error.start], default=0) >= 0x80:
            # Real UTF-8 text before the bad byte: a UTF-8 file with a bad line, reported at that line.
            return UTF8
        text = sample.decode(CP1251, errors="replace")
        if not looks_like_cp1251(text):
            offset = utf8_error.start
            raise _binary(source, msg("input.why.bad_byte", byte=sample[offset], offset=offset)) from utf8_error
        encoding = CP1251
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 1000):
        raise _binary(source, msg("input.why.control_chars", count=controls, mb=len(sample) / 1_000_000))
    return encoding


def looks_like_cp1251(text: str) -> bool:
    """Most non-ASCII characters are Cyrillic letters, mostly lower case, as in Russian text."""
    non_ascii = _NON_ASCII.findall(text)
    if not non_ascii:
        return False
    letters = _CYRILLIC.findall(text)
    lower = sum(1 for ch in letters if ch.islower())
    # KOI8-R read as Windows-1251 also gives Cyrillic letters, but with the case swapped.
    return len(letters) >= 0.8 * len(non_ascii) and lower >= 0.5 * len(letters)


def _binary(source: str, why: Message) -> InputError:
    return InputError(msg("input.not_text", source=source, why=why), hint=HINTS["input.not_text"])


@dataclass(frozen=True)
class Line:
    """One physical line: its 1-based number, text (without the line end) and any problem."""

    number: int
    text: str
    raw_end: str  # the line ending as read ("\n", "\r\n" or "")
    problem: Message | None = None
    bytes_read: int = 0  # bytes of the file read so far, this line included


def read_lines(path: Path, encoding: str, *, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[Line]:
    """Decode the file line by line; a bad line comes with a problem instead of failing the file."""
    codec = UTF8 if encoding == UTF8_BOM else encoding
    done = 0
    with path.open("rb") as f:
        if encoding == UTF8_BOM:
            done += len(f.read(len(codecs.BOM_UTF8)))
        number = 0
        while True:
            raw = f.readline(max_line_bytes + 1)
            if not raw:
                return
            number += 1
            done += len(raw)
            if len(raw) > max_line_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = f.readline(_READ_PIECE)
                    done += len(raw)
                yield Line(number, "", "\n", msg("input.line_too_long", mb=max_line_bytes / 1_000_000), done)
                continue
            end = b"\r\n" if raw.endswith(b"\r\n") else b"\n" if raw.endswith(b"\n") else b""
            body = raw[: len(raw) - len(end)]
            try:
                yield Line(number, body.decode(codec), end.decode(), None, done)
            except UnicodeDecodeError as exc:
                yield Line(number, body.decode(codec, errors="replace"), end.decode(), _decode_problem(body, exc), done)


def _decode_problem(body: bytes, exc: UnicodeDecodeError) -> Message:
    key = "input.bad_encoding"
    if exc.encoding.replace("_", "-").lower() == UTF8 and looks_like_cp1251(body.decode(CP1251, errors="replace")):
        key = "input.bad_encoding_cp1251"
    return msg(key, encoding=exc.encoding.upper(), byte=body[exc.start], position=exc.start + 1)
