"""The inputs of ``add``: paths and folders become units of work that any process can read and resume.

A unit is one file, or a chunk of lines of a JSON Lines file (a crawl of ten
thousand articles in one file must still spread over workers and resume part-way).
Units name their file by absolute path and carry its size and modification time
(the fingerprint), so a worker on another machine sharing the disk reads exactly
the bytes the driver planned, and a re-run skips units stored before unless the
file changed since. A URL is a unit of its own, fetched by whichever process reads
it; once stored it is skipped like an unchanged file (pages are not fetched again to
see whether they changed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from claimledger.errors import ClaimledgerError, InternalError, MissingFile
from claimledger.ingest import DEFAULT_MAX_CHARS, STDIN, Entry, is_url, jsonl_entries, read_documents
from claimledger.ingest.jsonl import max_line_bytes
from claimledger.ingest.text import refuse_special, too_large
from claimledger.model import InputFailure, text_id

URL_FINGERPRINT = "url"
"""A stored URL is not fetched again: its fingerprint never changes."""
FOLDER_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl")
"""Files taken from a folder; a file named on the command line is read whatever its suffix."""
JSONL_CHUNK = 64
"""Articles (lines) per unit of a JSON Lines file."""


@dataclass(frozen=True)
class ReadOptions:
    """How every input of one ``add`` is read: one value, so that a worker on another machine reads as the driver asked."""

    published: date | None = None
    """Publication date for every article, overriding the dates the inputs carry."""
    max_chars: int = DEFAULT_MAX_CHARS
    """An article longer than this is refused (E104)."""
    language: str | None = None
    """The articles' language (ISO 639-1) instead of the one detected in each."""


@dataclass(frozen=True)
class InputUnit:
    path: str
    """Absolute path, a URL, or ``-`` for standard input."""
    name: str
    """The path as the user wrote it (or found by walking a folder they named): what messages show."""
    fingerprint: str
    articles: int
    """How many articles the unit should hold: the lines of a JSONL chunk, else 1."""
    span: tuple[int, int, int] | None = None
    """A JSONL chunk: first byte, end byte (exclusive) and the number of its first line."""
    data: bytes | None = None
    """Standard input, read once by the driver."""

    @property
    def key(self) -> str:
        """What the corpus records when the unit is stored."""
        if self.span is None:
            return self.path
        return f"{self.path}#bytes={self.span[0]}-{self.span[1]}"

    @property
    def label(self) -> str:
        if self.span is None:
            return self.name
        return f"{self.name} lines {self.span[2]}–{self.span[2] + self.articles - 1}"

    @property
    def resumable(self) -> bool:
        """Standard input cannot be read again, so it is never recorded as done."""
        return self.path != STDIN


def plan(paths: Iterable[str], chunk: int = JSONL_CHUNK) -> tuple[list[InputUnit], list[InputFailure]]:
    """The units of ``paths`` (folders walked recursively, in name order) and the paths that do not exist."""
    units: list[InputUnit] = []
    failures: list[InputFailure] = []
    for path in paths:
        if path == STDIN:
            data = sys.stdin.buffer.read()
            units.append(InputUnit(STDIN, "standard input", text_id(data.decode("latin-1")), 1, data=data))
            continue
        if is_url(path):
            units.append(InputUnit(path.strip(), path, URL_FINGERPRINT, 1))
            continue
        target = Path(path)
        found = [(f, str(f)) for f in _walk(target)] if target.is_dir() else [(target, path)]
        for file, name in found:  # one unreadable file of a folder does not stop the others
            try:
                units.extend(_units(file, name, chunk))
            except FileNotFoundError:
                failures.append(InputFailure(name, str(MissingFile(f"no such file: {name}"))))
            except ClaimledgerError as error:
                failures.append(InputFailure(name, str(error)))
            except OSError as error:
                failures.append(InputFailure(name, f"cannot read {name}: {error.strerror or error}"))
    return units, failures


def _walk(folder: Path) -> Iterator[Path]:
    """Files with an article suffix under ``folder``, hidden files and folders left out."""
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in FOLDER_SUFFIXES:
                yield Path(root) / name


def _units(path: Path, name: str, chunk: int) -> list[InputUnit]:
    stat = path.stat()
    refuse_special(stat.st_mode, name)
    fingerprint = f"{stat.st_size}:{stat.st_mtime_ns}"
    absolute = str(path.resolve())
    if path.suffix.lower() != ".jsonl":
        return [InputUnit(absolute, name, fingerprint, 1)]
    return [InputUnit(absolute, name, fingerprint, lines, span) for lines, span in _chunks(path, chunk)]


def _chunks(path: Path, chunk: int) -> Iterator[tuple[int, tuple[int, int, int]]]:
    """Runs of ``chunk`` non-blank lines: (how many, (first byte, end byte, first line number))."""
    with path.open("rb") as handle:
        start = offset = 0
        first_line = line_number = 1
        count = 0
        for line in handle:
            offset += len(line)
            if line.strip():
                count += 1
            line_number += 1
            if count == chunk:
                yield count, (start, offset, first_line)
                start, first_line, count = offset, line_number, 0
        if count:
            yield count, (start, offset, first_line)


def read_unit(unit: InputUnit, options: ReadOptions) -> list[Entry]:
    """The articles of one unit, with their authors, or each one's coded error; raises when nothing can be read."""
    if unit.span is None:
        return read_documents(
            unit.path if unit.data is None else STDIN, options.published, options.max_chars, data=unit.data,
            language=options.language,
        )
    first, end, first_line = unit.span
    # Each line may hold one article at its largest; a line over that gets its own E104 from the reader.
    limit = unit.articles * max_line_bytes(options.max_chars)
    if end - first > limit:
        raise too_large(unit.label, f"over {limit:,} bytes", options.max_chars)
    try:
        with open(unit.path, "rb") as handle:
            handle.seek(first)
            data = handle.read(end - first)
    except FileNotFoundError:
        raise MissingFile(f"no such file: {unit.name}") from None
    return jsonl_entries(
        data, unit.name, options.published, options.max_chars, first_line=first_line, language=options.language
    )


def failure(label: str, error: ClaimledgerError | Exception) -> InputFailure:
    """What the summary says about an input that failed: where it is and the coded message (a bug gets E500)."""
    if isinstance(error, ClaimledgerError):
        return InputFailure(label, str(error))
    return InputFailure(label, str(InternalError.of(error, "analysis failed")))
