"""The command line: parse arguments, call the library, print what it returns.

Exit status: 0 when every input was analysed, 1 when an input could not be
(its coded message goes to stderr and the other inputs go on), 2 for a usage
error (unknown option, bad --format), which Typer reports itself.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from claimledger import __version__
from claimledger.errors import ClaimledgerError, InputError
from claimledger.ingest import DEFAULT_MAX_CHARS, STDIN, parse_date, read_articles
from claimledger.model import Article, Ledger
from claimledger.pipeline import analyze_many
from claimledger.report import html, json_report, markdown, table

app = typer.Typer(
    name="claimledger",
    help="Turn news articles into a checked ledger of claims: figures, periods, sources and findings.",
    no_args_is_help=True,
    add_completion=False,
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"
    md = "md"


Outcome = tuple[str, Ledger | ClaimledgerError]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimledger {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn news articles into a checked ledger of claims: figures, periods, sources and findings."""


def _read(file: str, published: date | None, max_chars: int) -> list[Article] | ClaimledgerError:
    try:
        return read_articles(file, published=published, max_chars=max_chars)
    except ClaimledgerError as error:
        return error


def _outcomes(files: list[str], published: date | None, max_chars: int) -> Iterator[Outcome]:
    """Each input's ledgers or error, in input order, with the model loaded once for all of them."""
    read = [(file, _read(file, published, max_chars)) for file in files]
    articles = [article for _, result in read if isinstance(result, list) for article in result]
    ledgers = analyze_many(articles) if articles else iter(())
    for file, result in read:
        if isinstance(result, ClaimledgerError):
            yield file, result
        else:
            for _ in result:
                yield file, next(ledgers)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit-time flush does not raise again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _report_error(error: ClaimledgerError) -> None:
    typer.echo(f"error: {error}", err=True)


@contextmanager
def _destination(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        yield handle


def _render_document(ledger: Ledger, fmt: OutputFormat) -> str:
    renderers = {OutputFormat.html: html.render, OutputFormat.md: markdown.render, OutputFormat.json: json_report.render}
    return renderers[fmt](ledger)


# Rich falls back to 80 columns off a terminal, too narrow for the figures table;
# piped or written with --out, the table is laid out for this width instead.
REPORT_WIDTH = 120


def _emit_tables(outcomes: Iterator[Outcome], handle: TextIO, several: bool) -> bool:
    console = Console(file=handle)
    if not console.is_terminal:
        console = Console(file=handle, width=REPORT_WIDTH)
    failed = False
    for file, result in outcomes:
        if isinstance(result, ClaimledgerError):
            _report_error(result)
            failed = True
            continue
        if several:
            console.rule(file)
        table.render(result, console)
    return failed


def _emit_json_lines(outcomes: Iterator[Outcome], handle: TextIO) -> bool:
    failed = False
    for file, result in outcomes:
        if isinstance(result, ClaimledgerError):
            _report_error(result)
            failed = True
            handle.write(json_report.error_line(file, str(result)) + "\n")
        else:
            handle.write(json_report.render_line(result) + "\n")
        handle.flush()
    return failed


def _emit_documents(outcomes: Iterator[Outcome], handle: TextIO, fmt: OutputFormat) -> bool:
    failed = False
    for _, result in outcomes:
        if isinstance(result, ClaimledgerError):
            _report_error(result)
            failed = True
        else:
            handle.write(_render_document(result, fmt).rstrip("\n") + "\n")
    return failed


def _unique_path(directory: Path, stem: str, suffix: str, used: set[Path]) -> Path:
    """``stem.suffix``, or ``stem-2.suffix`` … when two inputs share a name (a/x.txt, b/x.txt)."""
    path, number = directory / f"{stem}{suffix}", 1
    while path in used:
        number += 1
        path = directory / f"{stem}-{number}{suffix}"
    used.add(path)
    return path


def _emit_to_directory(outcomes: Iterator[Outcome], directory: Path, fmt: OutputFormat) -> bool:
    """One report per article, named after its input file (``report.txt`` -> ``report.html``)."""
    directory.mkdir(parents=True, exist_ok=True)
    failed, used = False, set()
    for file, result in outcomes:
        if isinstance(result, ClaimledgerError):
            _report_error(result)
            failed = True
            continue
        stem = "stdin" if file == STDIN else Path(file).stem
        path = _unique_path(directory, stem, f".{fmt.value}", used)
        path.write_text(_render_document(result, fmt), encoding="utf-8")
    return failed


def _emit(outcomes: Iterator[Outcome], fmt: OutputFormat, out: Path | None, several: bool) -> bool:
    """Write every report; True when some input failed."""
    if fmt in (OutputFormat.html, OutputFormat.md) and out is not None and (several or out.is_dir()):
        return _emit_to_directory(outcomes, out, fmt)
    with _destination(out) as handle:
        if fmt is OutputFormat.table:
            return _emit_tables(outcomes, handle, several)
        if fmt is OutputFormat.json and several:
            return _emit_json_lines(outcomes, handle)
        return _emit_documents(outcomes, handle, fmt)


@app.command()
def analyze(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE",
            help="Articles to analyse: .txt (or any text), .html/.htm pages, .jsonl (one article per line),"
            " or - for standard input.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="YYYY-MM-DD",
            help="Publication date, the reference for relative periods such as 'last month';"
            " overrides the date found in an HTML page or a JSON line.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        OutputFormat,
        typer.Option(
            "--format",
            help="Report format. With several inputs, json prints JSON Lines: one ledger (or error) per line.",
        ),
    ] = OutputFormat.table,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="Write the report to PATH instead of standard output. For html and md with several inputs,"
            " PATH is a directory that gets one report per input, named after it (a.txt -> a.html).",
            show_default=False,
        ),
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", min=1, help="Refuse an article longer than this many characters."),
    ] = DEFAULT_MAX_CHARS,
) -> None:
    """Analyse articles: extract their claims, check them, and print the ledger."""
    try:
        date_ = parse_date(published) if published is not None else None
        several = len(files) > 1 or any(Path(file).suffix.lower() == ".jsonl" for file in files)
        failed = _emit(_outcomes(files, date_, max_chars), fmt, out, several)
    except ClaimledgerError as error:
        _report_error(error)
        raise typer.Exit(1) from None
    except BrokenPipeError:  # the reader went away (`| head`): nobody is left to tell
        _silence_stdout()
        raise typer.Exit(1) from None
    except OSError as error:  # writing --out, mostly
        where = f" ({error.filename})" if error.filename else ""
        _report_error(InputError(f"{error.strerror or error}{where}"))
        raise typer.Exit(1) from None
    if failed:
        raise typer.Exit(1)
