"""Plain text in, ``Article`` out, or a coded error that says what is wrong.

Every later stage trusts the text it gets: offsets index into it, the article id
hashes it. So the checks that a file is really English text of a sane size are
made here, once, and fail with a message a user can act on, never a traceback.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
import unicodedata
from datetime import date
from pathlib import Path

import charset_normalizer

from claimledger.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    MissingFile,
    SpecialFile,
    UndecodableInput,
    UnsupportedLanguage,
)
from claimledger.ingest import language
from claimledger.ingest.clean import clean_text
from claimledger.model import Article

DEFAULT_MAX_CHARS = 2_000_000
STDIN = "-"
# An HTML page or a JSON Lines file holds more than the text it yields (markup,
# several articles), so the raw input may be this many times the text limit.
CONTAINER_FACTOR = 10

# A binary file nearly always has NUL bytes; one that has none (some compressed
# data) still shows itself by control characters, which text almost never has.
MAX_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")
_C0_CONTROLS = bytes(b for b in [*range(0x20), 0x7F] if chr(b) not in _TEXT_CONTROLS)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Legacy encodings tried when the bytes are not UTF-8: English text that is not
# UTF-8 is, in practice, Windows-1252 or Latin-1 (curly quotes from Word).
_LEGACY = ["cp1252", "latin_1"]


def display_name(source: str | Path) -> str:
    return "standard input" if str(source) == STDIN else str(source)


def too_large(name: str, size: str, max_chars: int) -> InputTooLarge:
    return InputTooLarge(
        f"{name} is too large ({size}; the limit is {max_chars:,} characters)."
        f" Raise the limit with --max-chars, e.g. --max-chars {max_chars * 2}"
    )


def refuse_special(mode: int, name: str) -> None:
    """A FIFO, device or socket is refused before it is opened: opening a FIFO waits for a writer, forever."""
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        raise SpecialFile(
            f"{name} is not a regular file (a named pipe, device or socket); to read a stream, pipe it to - (stdin)"
        )


def read_bytes(source: str | Path, max_bytes: int, max_chars: int) -> bytes:
    """The raw bytes of a file or of stdin, refusing more than ``max_bytes`` without reading them all."""
    name = display_name(source)
    try:
        if str(source) == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            refuse_special(os.stat(source).st_mode, name)
            with open(source, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise MissingFile(f"no such file: {name}") from None
    except IsADirectoryError:
        raise MissingFile(f"{name} is a directory, not a file") from None
    except OSError as error:
        raise InputError(f"cannot read {name}: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise too_large(name, f"over {max_bytes:,} bytes", max_chars)
    return data


def _control_share(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS)
    return controls / len(text) if text else 0.0


def _check_not_binary(data: bytes, name: str) -> None:
    """Only C0 controls count here: bytes 0x80–0x9F are ordinary in UTF-8 and Windows-1252."""
    if data.startswith(UTF16_BOMS):
        return  # NULs are half of UTF-16; the decoded text is checked instead
    if b"\x00" in data:
        raise BinaryInput(f"{name} looks like a binary file (it contains NUL bytes), not text")
    sample = data[:65_536]
    controls = len(sample) - len(sample.translate(None, _C0_CONTROLS))
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{name} looks like a binary file (too many control characters), not text")


def _decode_legacy(data: bytes, name: str) -> str:
    """Windows-1252/Latin-1 only when charset-normalizer finds the result readable."""
    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise UndecodableInput(
            f"{name} is not UTF-8 text and does not read as Windows-1252 or Latin-1 either;"
            " convert it to UTF-8 (e.g. iconv -f ENCODING -t UTF-8) and try again"
        )
    return str(best)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else a readable legacy encoding."""
    if not data.strip():
        raise EmptyInput(f"{name} is empty")
    _check_not_binary(data, name)
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UndecodableInput(f"{name} starts with a UTF-16 mark but is not valid UTF-16") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _decode_legacy(data, name)


def check_text(text: str, name: str, max_chars: int) -> str:
    """``text`` cleaned at the door (``clean_text``), once it is known to be non-empty text of a size we analyse
    (``language_of`` tells its language).

    The size is checked before the text is cleaned, so that an oversized input costs nothing more.
    """
    if len(text) > max_chars:
        raise too_large(name, f"{len(text):,} characters", max_chars)
    text = clean_text(text)
    if not text.strip():
        raise EmptyInput(f"{name} has no text (only white space)")
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise BinaryInput(f"{name} looks like a binary file (too many control characters), not text")
    return text


def language_of(text: str, name: str, forced: str | None = None) -> str:
    """The ISO 639-1 code of the article's language: ``forced`` (``--lang``) when given, else detected.

    A language claimledger does not analyse is an ``UnsupportedLanguage`` error that names it.
    """
    supported = ", ".join(f"{language_name} ({code})" for code, language_name in language.SUPPORTED.items())
    if forced is not None:
        if forced not in language.SUPPORTED:
            raise UnsupportedLanguage(f"--lang {forced}: claimledger analyses {supported}")
        return forced
    found = language.detect(text)
    if not found.supported:
        why = f" ({found.reason})" if found.reason else ""
        raise UnsupportedLanguage(
            f"{name} looks like {found.name}{why}; claimledger analyses {supported}"
            " (--lang CODE sets the language when the detection is wrong)"
        )
    return found.code


def max_bytes_for(max_chars: int) -> int:
    """No encoding we read takes more than 4 bytes a character (plus a BOM)."""
    return 4 * max_chars + 4


def article_from_text(
    text: str, name: str, published: date | None, max_chars: int, language: str | None = None
) -> Article:
    """A plain text carries no metadata: the date and the language, if any, come from the caller."""
    text = check_text(text, name, max_chars)
    return Article(text=text, published=published, language=language_of(text, name, language))
