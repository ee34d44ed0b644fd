"""The command line: parse arguments, call the library, print what it returns.

Exit status: 0 when every input was analysed, 1 when an input could not be
(its coded message goes to stderr and the other inputs go on), 2 for a usage
error (unknown option, bad --format), which Typer reports itself.

No command shows a traceback: every failure is one coded line on stderr (a bug
gets [E500]); the global ``--debug`` option adds the traceback. Database URLs are
shown with their password masked, in every message.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer
from rich.console import Console
from typer.core import TyperGroup

from claimledger import __version__
from claimledger.errors import ClaimledgerError, InputError, InternalError, mask_password
from claimledger.ingest.dates import parse_date
from claimledger.ingest.text import DEFAULT_MAX_CHARS
from claimledger.model import Article, Ledger
from claimledger.report.format import at_least
from claimledger.scale import PARTITION_ARTICLES
from claimledger.watch import DEFAULT_DELAY as DEFAULT_WATCH_DELAY
from claimledger.watch import DEFAULT_EVERY as DEFAULT_WATCH_MINUTES

if TYPE_CHECKING:
    from claimledger.ingest import Entry

# Only what the options need is imported above: the model (spaCy, torch), the store and the web
# stack are imported inside the commands that use them, so --help, --version and usage errors
# answer at once (tests/test_cli.py checks that importing this module loads neither spaCy nor torch).

_debug = False
"""Set by the global --debug option: errors then show their traceback too."""


def _report_error(error: BaseException) -> None:
    """One line on stderr (the traceback first with --debug); a password in a URL never shows."""
    if _debug and error.__traceback__ is not None:
        traceback.print_exception(error, file=sys.stderr)
    typer.echo(f"error: {mask_password(str(error))}", err=True)


class GuardedGroup(TyperGroup):
    """Runs a command so that whatever it meets ends as one coded line and exit status 1, never a traceback."""

    def invoke(self, ctx: typer.Context) -> object:
        from sqlalchemy.exc import SQLAlchemyError

        from claimledger.store.db import storage_error

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.exceptions.TyperException):
            raise  # usage errors (exit 2) and deliberate exits
        except ClaimledgerError as error:
            _report_error(error)
        except SQLAlchemyError as error:
            _report_error(storage_error(error, None, located=False).with_traceback(error.__traceback__))
        except Exception as error:  # noqa: BLE001 - a bug: one coded line, the traceback with --debug
            _report_error(InternalError.of(error, "claimledger failed").with_traceback(error.__traceback__))
        raise typer.Exit(1)


app = typer.Typer(
    name="claimledger",
    help="Turn news articles into a checked ledger of claims: figures, periods, sources and findings.",
    no_args_is_help=True,
    add_completion=False,
    cls=GuardedGroup,
)


class MinSeverity(str, Enum):
    high = "high"
    medium = "medium"
    low = "low"
    info = "info"


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"
    md = "md"
    csv = "csv"
    annotations = "annotations"


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
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the traceback of an error as well as its coded message."),
    ] = False,
) -> None:
    """Turn news articles into a checked ledger of claims: figures, periods, sources and findings."""
    global _debug
    _debug = debug


def analyze_many(articles: Iterable[Article]) -> Iterator[Ledger]:
    """The pipeline's ``analyze_many``, imported on the first call: importing spaCy takes seconds."""
    from claimledger import pipeline

    return pipeline.analyze_many(articles)


def _read(file: str, published: date | None, max_chars: int, language: str | None) -> list[Entry] | ClaimledgerError:
    from claimledger.ingest import read_documents

    try:
        return read_documents(file, published=published, max_chars=max_chars, language=language)
    except ClaimledgerError as error:
        return error
    except Exception as error:  # noqa: BLE001 - a bug in reading one file: that file fails, the others go on
        return InternalError.of(error, f"{file}: reading failed").with_traceback(error.__traceback__)


def _outcomes(
    files: list[str],
    published: date | None,
    max_chars: int,
    language: str | None = None,
    severity: MinSeverity = MinSeverity.info,
) -> Iterator[Outcome]:
    """Each article's ledger (with findings of ``severity`` or graver) or error, in input order, the model loaded
    once for all of them.

    A file that cannot be read, a JSON line that cannot be read and an article that breaks
    the analysis each give their own error; every other article goes on.
    """
    read = [(file, _read(file, published, max_chars, language)) for file in files]
    found = [
        (where, entry[0])
        for _, result in read
        if isinstance(result, list)
        for where, entry in result
        if not isinstance(entry, ClaimledgerError)
    ]
    ledgers: Iterator[Ledger | ClaimledgerError] = iter(())
    if found:  # a run whose every input failed to read needs no pipeline (and no spaCy import)
        from claimledger.pipeline import analyze_each

        ledgers = analyze_each([article for _, article in found], [where for where, _ in found], analyze_many)
    for file, result in read:
        if isinstance(result, ClaimledgerError):
            yield file, result
            continue
        for _, entry in result:
            if isinstance(entry, ClaimledgerError):
                yield file, entry
                continue
            ledger = next(ledgers)
            yield file, ledger if isinstance(ledger, ClaimledgerError) else at_least(ledger, severity.value)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's exit-time flush does not raise again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def _destination(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        yield handle


def _render_document(ledger: Ledger, fmt: OutputFormat) -> str:
    from claimledger.report import html, json_report, markdown

    renderers = {OutputFormat.html: html.render, OutputFormat.md: markdown.render, OutputFormat.json: json_report.render}
    return renderers[fmt](ledger)


# Rich falls back to 80 columns off a terminal, too narrow for the figures table;
# piped or written with --out, the table is laid out for this width instead.
REPORT_WIDTH = 120


def _emit_tables(outcomes: Iterator[Outcome], handle: TextIO, several: bool) -> bool:
    from claimledger.report import table

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
    from claimledger.report import json_report

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
    from claimledger.ingest import STDIN

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


def _emit_export(outcomes: Iterator[Outcome], handle: TextIO, fmt: OutputFormat) -> bool:
    """One CSV (a row per figure) or one AnnotationPage for all the articles analysed."""
    from claimledger.model import LedgerSelection
    from claimledger.report import annotations, export

    failed = False

    def selections() -> Iterator[LedgerSelection]:
        nonlocal failed
        for _, result in outcomes:
            if isinstance(result, ClaimledgerError):
                _report_error(result)
                failed = True
            else:
                yield LedgerSelection(result)

    if fmt is OutputFormat.csv:
        export.write_csv(export.rows(selections()), handle)
    else:
        handle.write(annotations.render(selections()) + "\n")
    return failed


def _emit(outcomes: Iterator[Outcome], fmt: OutputFormat, out: Path | None, several: bool) -> bool:
    """Write every report; True when some input failed."""
    if fmt in (OutputFormat.html, OutputFormat.md) and out is not None and (several or out.is_dir()):
        return _emit_to_directory(outcomes, out, fmt)
    with _destination(out) as handle:
        if fmt in (OutputFormat.csv, OutputFormat.annotations):
            return _emit_export(outcomes, handle, fmt)
        if fmt is OutputFormat.table:
            return _emit_tables(outcomes, handle, several)
        if fmt is OutputFormat.json and several:
            return _emit_json_lines(outcomes, handle)
        return _emit_documents(outcomes, handle, fmt)


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="CODE",
        help="The articles' language (en, ru, uk or de) instead of the one detected in each.",
        show_default=False,
    ),
]


MeasuresOption = Annotated[
    Path | None,
    typer.Option(
        "--measures",
        metavar="FILE",
        envvar="CLAIMLEDGER_MEASURES",
        help="Your own measures, from a YAML or JSON file: a list of {key, triggers (lemma lists or phrases),"
        " synonyms, unit, priority}; they are added to the built-in taxonomy and win its ties."
        " Default: $CLAIMLEDGER_MEASURES.",
        show_default=False,
    ),
]


@app.command()
def analyze(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE",
            help="Articles to analyse: .txt (or any text), .html/.htm pages, .jsonl (one article per line),"
            " http(s):// URLs of pages (fetched), or - for standard input.",
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
            help="Report format. With several inputs, json prints JSON Lines: one ledger (or error) per line;"
            " csv is one row per figure claim (docs/exports.md), annotations one W3C AnnotationPage (JSON-LD).",
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
    min_severity: Annotated[
        MinSeverity,
        typer.Option(
            "--min-severity",
            help="Report only findings of this severity or graver (high > medium > low > info), in every format.",
        ),
    ] = MinSeverity.info,
    lang: LangOption = None,
    measures: MeasuresOption = None,
) -> None:
    """Analyse articles: extract their claims, check them, and print the ledger."""
    try:
        _use_measures(measures)
        date_ = parse_date(published) if published is not None else None
        several = len(files) > 1 or any(Path(file).suffix.lower() == ".jsonl" for file in files)
        failed = _emit(_outcomes(files, date_, max_chars, lang, min_severity), fmt, out, several)
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


# The corpus ---------------------------------------------------------------------------

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        envvar="CLAIMLEDGER_DB",
        help="The corpus: a SQLite file (created when missing) or a postgresql:// URL."
        " Default: $CLAIMLEDGER_DB, else ~/.local/share/claimledger/corpus.db.",
        show_default=False,
    ),
]


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TraceFormat(str, Enum):
    table = "table"
    json = "json"


reference_app = typer.Typer(
    help="Reference series: official figures that the corpus's figures are checked against.", no_args_is_help=True
)
app.add_typer(reference_app, name="reference")


def _open_corpus(db: str | None, read_only: bool = False):  # noqa: ANN202 - the Corpus class is imported lazily
    """The corpus at ``db``, or exit 1 with the coded reason it cannot be opened (its password masked).

    ``read_only`` (serving without --allow-add): a corpus that cannot be written is opened read-only.
    """
    from claimledger.corpus import Corpus
    from claimledger.errors import ReadOnlyDatabase, StorageError

    try:
        try:
            return Corpus(db=db)
        except ReadOnlyDatabase:
            if not read_only:
                raise
            return Corpus(db=db, read_only=True)
    except StorageError as error:
        _report_error(error)
        raise typer.Exit(1) from None


def _use_measures(path: Path | None) -> None:
    """Read the user's measures file before anything is analysed (a bad file fails first, [E109])."""
    from claimledger.extract.measures import use_measures

    use_measures(path)


def _option_date(value: str | None) -> date | None:
    try:
        return parse_date(value) if value is not None else None
    except ClaimledgerError as error:
        _report_error(error)
        raise typer.Exit(1) from None


@app.command()
def add(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Files, folders (read recursively: .txt, .text, .md, .html, .htm, .jsonl), http(s):// URLs of pages"
            " (fetched; a URL stored before is skipped) or - for standard input.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="YYYY-MM-DD",
            help="Publication date for every article, overriding the dates the inputs carry.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, help="Analyse on this many local processes (the model loaded once in each).")
    ] = 1,
    dask_scheduler: Annotated[
        str | None,
        typer.Option(
            "--dask-scheduler",
            metavar="ADDRESS",
            help="Analyse on the Dask cluster at ADDRESS (e.g. tcp://10.0.0.5:8786); its workers must see the files.",
            show_default=False,
        ),
    ] = None,
    partition_size: Annotated[
        int,
        typer.Option(
            "--partition-size",
            min=1,
            help="Articles per partition: what one worker analyses at a time and the driver stores in one transaction.",
        ),
    ] = PARTITION_ARTICLES,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse an article longer than this many characters.")
    ] = DEFAULT_MAX_CHARS,
    lang: LangOption = None,
    measures: MeasuresOption = None,
) -> None:
    """Analyse articles and store them in the corpus; what is stored already is skipped, so a re-run resumes.

    --measures keeps the file in the corpus: every later add (and watch, and the web app) reads it.
    """
    from claimledger.errors import StorageError
    from claimledger.report.progress import AddProgress

    date_ = _option_date(published)
    corpus = _open_corpus(db)
    if measures is not None:
        try:
            corpus.keep_measures(measures)
        except ClaimledgerError as error:
            _report_error(error)
            raise typer.Exit(1) from None
    console = Console(stderr=True)
    try:
        with corpus, AddProgress(console) as progress:
            summary = corpus.add(
                paths, published=date_, workers=workers, dask_scheduler=dask_scheduler, progress=progress,
                max_chars=max_chars, partition_size=partition_size, language=lang,
            )
    except StorageError as error:  # the database failed mid-run: the message says what stayed stored
        _report_error(error)
        raise typer.Exit(1) from None
    except OSError as error:  # mostly a Dask scheduler that cannot be reached
        _report_error(error)
        raise typer.Exit(1) from None
    replaced = f", {summary.replaced:,} re-analysed" if summary.replaced else ""
    console.print(
        f"{summary.added:,} added{replaced}, {summary.unchanged:,} unchanged, {summary.failed:,} failed"
        f" ({summary.seconds:,.1f} s)"
    )
    if summary.interrupted:
        console.print("interrupted: run the same command again to resume")
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def compare(
    db: DbOption = None,
    measure: Annotated[
        str | None,
        typer.Option("--measure", metavar="KEY", help="Only this measure (e.g. desertion); all measures without it.",
                     show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Only figures whose period reaches this date or later.",
                     show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="YYYY-MM-DD", help="Only figures whose period starts on or before this date.",
                     show_default=False),
    ] = None,
    fmt: Annotated[
        CompareFormat,
        typer.Option("--format", help="table (default), json (docs/compare-format.md) or csv (one row per figure)."),
    ] = CompareFormat.table,
    lineage: Annotated[
        bool,
        typer.Option(
            "--lineage",
            help="Follow each number across articles, whatever its wording or unit: the table shows each lineage as a"
            " tree with dates, outlets, wording and drifts; JSON adds the lineages to the groups.",
        ),
    ] = False,
) -> None:
    """Compare the figures of different articles for the same measure and period: spread, conflicts, lineage."""
    from claimledger.report import compare as compare_report
    from claimledger.report import lineage as lineage_report

    start, end = _option_date(since), _option_date(until)
    with _open_corpus(db) as corpus:
        groups = corpus.compare(measure=measure, since=start, until=end)
        lineages = corpus.lineages(measure) if lineage else []
    if lineage and fmt is CompareFormat.table:
        console = Console()
        lineage_report.render_table(lineages, console if console.is_terminal else Console(width=REPORT_WIDTH))
        return
    if lineage:
        lineage_report.attach(groups, lineages)
    if fmt is CompareFormat.json:
        typer.echo(compare_report.render_json(groups))
    elif fmt is CompareFormat.csv:
        sys.stdout.write(compare_report.render_csv(groups))
    else:
        console = Console()
        compare_report.render_table(groups, console if console.is_terminal else Console(width=REPORT_WIDTH))


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    annotations = "annotations"
    claimreview = "claimreview"


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="csv or parquet: one row per figure claim (docs/exports.md); annotations: W3C Web Annotations"
            " (JSON-LD); claimreview: schema.org ClaimReview JSON-LD of every review.",
        ),
    ],
    db: DbOption = None,
    measure: Annotated[
        str | None,
        typer.Option("--measure", metavar="KEY", help="Only figures of this measure (claimreview: reviews of them).",
                     show_default=False),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD",
                     help="Only figures whose period reaches this date or later (claimreview: reviews made since).",
                     show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="YYYY-MM-DD",
                     help="Only figures whose period starts on or before this date (claimreview: reviews made until).",
                     show_default=False),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="PATH", help="Write to PATH instead of standard output (parquet needs it).",
                     show_default=False),
    ] = None,
) -> None:
    """Export the corpus: figures as CSV or Parquet, annotations, or reviews as ClaimReview."""
    from claimledger.report import annotations, claimreview
    from claimledger.report import export as exports

    if fmt is ExportFormat.parquet and out is None:
        raise typer.BadParameter("parquet is binary: name a file with --out PATH", param_hint="--format")
    start, end = _option_date(since), _option_date(until)
    with _open_corpus(db) as corpus:
        if fmt is ExportFormat.parquet:
            assert out is not None
            out.parent.mkdir(parents=True, exist_ok=True)
            count = exports.write_parquet(exports.rows(corpus.selections(measure, start, end)), out)
            typer.echo(f"{count:,} figures written to {out}", err=True)
            return
        with _destination(out) as handle:
            if fmt is ExportFormat.csv:
                exports.write_csv(exports.rows(corpus.selections(measure, start, end)), handle)
            elif fmt is ExportFormat.annotations:
                handle.write(annotations.render(corpus.selections(measure, start, end)) + "\n")
            else:
                handle.write(claimreview.render(corpus.reviewed_claims(start, end, measure=measure)) + "\n")


def _claim_ref(value: str) -> tuple[str, str]:
    article, _, claim = value.partition(":")
    if not article or not claim:
        raise typer.BadParameter("write ARTICLE_ID:CLAIM_ID, e.g. 3f2a…:c3", param_hint="ARTICLE_ID:CLAIM_ID")
    return article.strip(), claim.strip()


@app.command()
def review(
    claim: Annotated[
        str,
        typer.Argument(metavar="ARTICLE_ID:CLAIM_ID", help="The claim to rate: its article's id and its id (c3).",
                       show_default=False),
    ],
    rating: Annotated[
        str,
        typer.Option("--rating", metavar="TEXT", help="The verdict in words: False, Misleading, Accurate, …",
                     show_default=False),
    ],
    db: DbOption = None,
    rating_value: Annotated[
        float | None,
        typer.Option("--rating-value", metavar="N", help="The verdict as a number on your scale.", show_default=False),
    ] = None,
    best: Annotated[
        float | None,
        typer.Option("--best", metavar="N", help="The best rating of the scale (e.g. 5).", show_default=False),
    ] = None,
    worst: Annotated[
        float | None,
        typer.Option("--worst", metavar="N", help="The worst rating of the scale (e.g. 1).", show_default=False),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="Why: the explanation published with the rating.",
                     show_default=False),
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option("--reviewer", metavar="NAME", envvar="CLAIMLEDGER_REVIEWER",
                     help="Who reviews (a person or the fact-checking organisation); default $CLAIMLEDGER_REVIEWER.",
                     show_default=False),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="URL", help="Where the fact-check is published.", show_default=False),
    ] = None,
) -> None:
    """Rate a claim of the corpus; every review is kept, and export --format claimreview publishes them."""
    from claimledger.model import Review

    article_id, claim_id = _claim_ref(claim)
    with _open_corpus(db) as corpus:
        try:
            stored = corpus.review(Review(article_id, claim_id, "", rating, rating_value, best, worst, note,
                                          reviewer, url))
        except ClaimledgerError as error:
            _report_error(error)
            raise typer.Exit(1) from None
    typer.echo(f"review {stored.id} of {article_id[:12]}…:{claim_id} stored: {rating}", err=True)


@app.command()
def watch(
    feeds: Annotated[
        list[str],
        typer.Argument(
            metavar="FEED_URL|FILE.opml",
            help="RSS or Atom feed URLs, or OPML files (a feed reader's subscription list) naming them.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    once: Annotated[
        bool, typer.Option("--once", help="Read every feed once and exit (for cron).")
    ] = False,
    every: Annotated[
        float,
        typer.Option("--every", metavar="MINUTES", min=1, help="Minutes between passes when not --once."),
    ] = DEFAULT_WATCH_MINUTES,
    delay: Annotated[
        float,
        typer.Option("--delay", metavar="SECONDS", min=0, help="Seconds between two requests to the same host."),
    ] = DEFAULT_WATCH_DELAY,
    max_chars: Annotated[
        int, typer.Option("--max-chars", min=1, help="Refuse an article longer than this many characters.")
    ] = DEFAULT_MAX_CHARS,
) -> None:
    """Watch feeds: fetch each new item's page and add it to the corpus; seen items are remembered there."""
    from claimledger import watch as watching
    from claimledger.report.format import plural
    from claimledger.report.progress import WatchProgress

    try:
        urls = watching.feed_list(feeds)
    except ClaimledgerError as error:
        _report_error(error)
        raise typer.Exit(1) from None
    console = Console(stderr=True)

    def summarise(done: watching.Pass) -> None:
        console.print(f"pass done: {plural(done.added, 'article')} added, {done.failed_feeds:,} of"
                      f" {plural(len(done.feeds), 'feed')} failed")

    with _open_corpus(db) as corpus:
        watcher = watching.Watcher(corpus, WatchProgress(console), delay=delay, max_chars=max_chars)
        try:
            last = watching.watch(watcher, urls, once, every, on_pass=summarise)
        except KeyboardInterrupt:
            console.print("interrupted: what was stored stays stored")
            raise typer.Exit(130) from None
        finally:
            watcher.close()
    if last.failed_feeds:
        raise typer.Exit(1)


@app.command()
def trace(
    figure: Annotated[
        str,
        typer.Argument(
            metavar="ARTICLE_ID:CLAIM_ID|TEXT",
            help="A stored figure (article id and claim id, e.g. 9f2c…:c3), or a figure's text as written"
            " (e.g. \"21,600\"): the earliest figure written so.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    measure: Annotated[
        str | None,
        typer.Option("--measure", metavar="KEY", help="With a figure's text: only figures of this measure.",
                     show_default=False),
    ] = None,
    fmt: Annotated[
        TraceFormat,
        typer.Option("--format", help="table (default: the lineage as a tree) or json (docs/compare-format.md)."),
    ] = TraceFormat.table,
) -> None:
    """Print the lineage that holds one figure: where the number came from and where it went, with its drifts."""
    from claimledger.report import lineage as lineage_report

    with _open_corpus(db) as corpus:
        article, _, claim = figure.partition(":")
        found = corpus.trace(article, claim) if claim and len(article) == 64 else None
        if found is None and not (claim and len(article) == 64):
            matches = corpus.find_figures(figure, measure)
            found = corpus.trace(*matches[0]) if matches else None
    if found is None:
        typer.echo(f"error: no stored figure {figure!r}{f' of measure {measure}' if measure else ''}", err=True)
        raise typer.Exit(1)
    if fmt is TraceFormat.json:
        typer.echo(lineage_report.render_json(found))
        return
    console = Console()
    lineage_report.render_table([found], console if console.is_terminal else Console(width=REPORT_WIDTH))


@reference_app.command("add")
def reference_add(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.csv",
            help="A reference series: columns measure, counted, unit, period_start, period_end, aggregation, value,"
            " publisher, reported_by, reported_on.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
) -> None:
    """Load a reference series and check the corpus's figures of its measures against it."""
    with _open_corpus(db) as corpus:
        before = corpus.stats().reference_rows
        try:
            rows = corpus.reference_add(file)
        except ClaimledgerError as error:
            _report_error(error)
            raise typer.Exit(1) from None
        new = corpus.stats().reference_rows - before
    typer.echo(f"{rows:,} rows of {file.name} in the corpus ({new:,} new)", err=True)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[
        str,
        typer.Option("--host", help="Address to listen on. Only this machine can connect unless you change it."),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    allow_add: Annotated[
        bool,
        typer.Option("--allow-add", help="Let the Analyze page store articles in the corpus (read-only without it)."),
    ] = False,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="CLAIMLEDGER_TOKEN",
            metavar="SECRET",
            help="Storing needs this secret (the Analyze form's token field, or Authorization: Bearer SECRET)."
            " Required with --allow-add on an address other than loopback. Default: $CLAIMLEDGER_TOKEN.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the web app on a corpus: its articles, measures, sources, search and an Analyze page."""
    import uvicorn

    from claimledger.web.app import create_app
    from claimledger.web.security import is_loopback

    exposed = not is_loopback(host)
    if allow_add and exposed and not token:
        typer.echo(
            f"error: --allow-add on {host} lets anyone who can reach it store articles:"
            " give a secret with --token (or CLAIMLEDGER_TOKEN), or listen on 127.0.0.1",
            err=True,
        )
        raise typer.Exit(2)
    corpus = _open_corpus(db, read_only=not allow_add)
    mode = "storing enabled (--allow-add)" if allow_add else "read-only"
    if allow_add and token:
        mode += ", with its token"
    typer.echo(f"claimledger web app on http://{host}:{port}/ ({mode}); Ctrl+C stops it", err=True)
    if exposed:
        typer.echo(
            f"warning: {host} is reachable from other machines; the app speaks plain HTTP, so put it behind"
            " a TLS proxy before sending it a token or anything private",
            err=True,
        )
    uvicorn.run(create_app(corpus, allow_add=allow_add, token=token), host=host, port=port, log_level="warning")
