"""The corpus: many articles' ledgers in one database, and the questions asked across them.

``Corpus`` is the API of docs/corpus-api.md; the CLI's corpus commands and the web
app are thin layers over it. Adding is analysis (expensive, spread over workers by
``claimledger.scale``) then storage and the corpus checks (cheap, here in the
driver). An article's id is the hash of its text, so adding the same text again is
a no-op; an article stored by an older program version is analysed again and its
rows replaced in one transaction.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Protocol

from packaging.version import InvalidVersion, Version
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from claimledger import __version__, scale
from claimledger.errors import BadReview, NotInCorpus
from claimledger.check import across
from claimledger.check import reference as reference_checks
from claimledger.ingest import DEFAULT_MAX_CHARS, Document, is_url
from claimledger.ingest.inputs import InputUnit, ReadOptions, plan
from claimledger.model import (
    AddSummary,
    Appearance,
    Article,
    Attribution,
    Claim,
    ChainLink,
    Citation,
    CorpusStats,
    FigureGroup,
    Finding,
    GroupFigure,
    InputFailure,
    Ledger,
    LedgerSelection,
    Lineage,
    MeasureSummary,
    NameUse,
    ReferenceRow,
    Review,
    ReviewedClaim,
    SearchResults,
    SourceProfile,
)
from claimledger.store import corpus_checks, exports, feeds, ledgers, queries, reviews, settings
from claimledger.store import compare as compare_store
from claimledger.store import lineage as lineage_store
from claimledger.store import db as database
from claimledger.store import inputs as stored_inputs
from claimledger.store.inputs import StoredInput
from claimledger.store.ledgers import StoredLedger

SOURCE_CLAIMS = 200
"""Claims a source profile lists (newest articles first)."""


class Progress(Protocol):
    """What ``add`` reports while it runs (the CLI draws a progress bar from it)."""

    def start(self, total: int, stored: int) -> None:
        """``total`` articles to analyse; ``stored`` found stored already and skipped."""

    def advance(self, articles: int) -> None:
        """``articles`` more were analysed and stored (or failed)."""

    def failed(self, failure: InputFailure) -> None:
        """An input could not be added; the others go on."""


def program_version() -> str:
    """The version stored with each article: a newer one re-analyses it."""
    return __version__


def _older(stored: str, current: str) -> bool:
    try:
        return Version(stored) < Version(current)
    except InvalidVersion:
        return stored != current


class Corpus:
    """A corpus database: SQLite by default, PostgreSQL with a ``postgresql://`` URL."""

    def __init__(self, db: str | os.PathLike[str] | None = None, read_only: bool = False) -> None:
        """Open (and create or upgrade) the corpus; ``read_only`` writes nothing, not even a migration.

        A database that cannot be opened raises its coded ``StorageError`` (password masked).
        """
        self.location = db
        try:
            self.url = database.resolve_url(db)
            self.engine = database.create(self.url, read_only=read_only)
        except (SQLAlchemyError, OSError) as error:
            raise database.storage_error(error, db) from error

    def __repr__(self) -> str:
        return f"Corpus({self.engine.url.render_as_string(hide_password=True)!r})"

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # Adding -------------------------------------------------------------------------

    def add(
        self,
        paths: Iterable[str | os.PathLike[str]],
        published: date | None = None,
        workers: int = 1,
        dask_scheduler: str | None = None,
        progress: Progress | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        partition_size: int = scale.PARTITION_ARTICLES,
        language: str | None = None,
    ) -> AddSummary:
        """Analyse and store the articles of files, folders (recursively) and ``-`` (standard input).

        Inputs stored before (same file, unchanged, same program version) are skipped
        without being read, so an interrupted run resumes where it stopped. A file that
        fails is reported and skipped. ``workers`` > 1 analyses on that many local
        processes, ``dask_scheduler`` on a Dask cluster; storage stays here. ``language``
        (en, ru, uk, de) overrides the language detected in each article.
        """
        began = time.perf_counter()
        summary = AddSummary()
        self._use_kept_measures()
        units, missing = plan([str(path) for path in paths])
        todo, summary.unchanged = self._pending(units)
        parts = scale.partitions(todo, partition_size)
        if progress is not None:
            progress.start(sum(part.articles for part in parts), summary.unchanged)
        for failure in missing:
            self._fail(summary, progress, failure, 0)
        outcomes = self._run(parts, ReadOptions(published, max_chars, language), workers, dask_scheduler)
        try:
            for outcome in outcomes:
                self._take(outcome, summary, progress)
        except KeyboardInterrupt:
            summary.interrupted = True
        except SQLAlchemyError as error:
            raise self._lost(error, summary) from error
        finally:
            outcomes.close()
        try:
            self._check_corpus(summary)
        except SQLAlchemyError as error:
            raise self._lost(error, summary) from error
        summary.seconds = time.perf_counter() - began
        return summary

    def keep_measures(self, path: str | os.PathLike[str]) -> None:
        """Keep the user's measures file in the corpus, so that every later ``add`` reads it, whoever runs it
        and wherever (a team's PostgreSQL corpus): the figures of one corpus are measured one way. A bad file
        raises E109 and the corpus keeps what it had."""
        from claimledger.extract.measures import read_measures_file  # spaCy: loaded only by what analyses

        read_measures_file(path)
        text = Path(path).read_text(encoding="utf-8")
        with self.engine.begin() as connection:
            settings.write(connection, settings.MEASURES, text)

    def kept_measures(self) -> str | None:
        """The text of the measures file the corpus keeps, or None."""
        with self.engine.connect() as connection:
            return settings.read(connection, settings.MEASURES)

    def _use_kept_measures(self) -> None:
        """Analyse with the corpus's measures: written to a file named by their content, since worker processes
        read the measures from the file the environment names (``extract.measures.use_measures``)."""
        from claimledger.extract.measures import USER_MEASURES_ENV, use_measures  # spaCy: loaded only by what analyses

        text = self.kept_measures()
        if text is None:
            return
        path = Path(tempfile.gettempdir()) / f"claimledger-measures-{hashlib.sha256(text.encode()).hexdigest()[:16]}.yaml"
        if os.environ.get(USER_MEASURES_ENV) == str(path.resolve()) and path.exists():
            return  # in use since an earlier add of this process: not read and parsed again for every page analysed
        if not path.exists():
            path.write_text(text, encoding="utf-8")
        use_measures(path)

    def _lost(self, error: SQLAlchemyError, summary: AddSummary) -> Exception:
        """The coded error of a database that failed mid-``add`` (disk full, server gone): what stays, how to resume."""
        stored = (
            f"{summary.added + summary.replaced:,} articles were stored before the failure and stay stored;"
            " run the same command again to resume"
        )
        return database.storage_error(error, self.location, stored)

    def add_articles(self, articles: Iterable[Article]) -> AddSummary:
        """Analyse and store articles given in memory (the web app's Analyze page); stored ones are skipped."""
        return self.add_documents((article, None) for article in articles)

    def add_documents(self, documents: Iterable[Document]) -> AddSummary:
        """Analyse and store articles read already, with their authors (pages fetched by ``watch``)."""
        began = time.perf_counter()
        summary = AddSummary()
        self._use_kept_measures()
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) == scale.PARTITION_ARTICLES:
                self._add_batch(batch, summary)
                batch = []
        if batch:
            self._add_batch(batch, summary)
        self._check_corpus(summary)
        summary.seconds = time.perf_counter() - began
        return summary

    def _add_batch(self, documents: list[Document], summary: AddSummary) -> None:
        with self.engine.connect() as connection:
            stored = ledgers.versions(connection, [a.id for a, _ in documents])
        version = program_version()
        fresh = [(a, author) for a, author in documents if a.id not in stored or _older(stored[a.id], version)]
        summary.unchanged += len(documents) - len(fresh)
        if not fresh:
            return
        began = time.perf_counter()
        entries = scale.stored_ledgers(fresh)
        summary.analysis_seconds += time.perf_counter() - began
        self._store(entries, [], summary)

    def _run(
        self, parts: Sequence[scale.Partition], options: ReadOptions, workers: int, dask_scheduler: str | None,
    ) -> Iterator[scale.Outcome]:
        if dask_scheduler:
            return scale.run_dask(parts, options, dask_scheduler)
        if workers > 1 and len(parts) > 1:
            return scale.run_processes(parts, options, min(workers, len(parts)))
        return scale.run_here(parts, options)

    def _pending(self, units: list[InputUnit]) -> tuple[list[InputUnit], int]:
        """The units still to add, and how many articles the others (stored before) hold."""
        version = program_version()
        with self.engine.connect() as connection:
            done = stored_inputs.stored(connection, [unit.key for unit in units if unit.resumable])
        todo, stored = [], 0
        for unit in units:
            record = done.get(unit.key) if unit.resumable else None
            if record is not None and record.fingerprint == unit.fingerprint and not _older(record.version, version):
                stored += record.articles
            else:
                todo.append(unit)
        return todo, stored

    def _take(self, outcome: scale.Outcome, summary: AddSummary, progress: Progress | None) -> None:
        """Store one partition's ledgers and record its inputs as done, in one transaction."""
        if isinstance(outcome, tuple):
            part, reason = outcome
            for unit in part.units:
                self._fail(summary, progress, InputFailure(unit.label, reason), unit.articles)
            return
        summary.analysis_seconds += outcome.seconds
        entries = [entry for result in outcome.units for entry in result.entries]
        done = [(r.unit, len(r.entries)) for r in outcome.units if r.complete and r.unit.resumable]
        self._store(entries, done, summary)
        for result in outcome.units:
            for found in result.failures:
                self._fail(summary, progress, found, 0)
            if progress is not None:
                progress.advance(result.unit.articles)

    @staticmethod
    def _fail(summary: AddSummary, progress: Progress | None, failure: InputFailure, articles: int) -> None:
        summary.failures.append(failure)
        if progress is not None:
            progress.failed(failure)
            progress.advance(articles)

    def _store(self, entries: list[StoredLedger], done: list[tuple[InputUnit, int]], summary: AddSummary) -> None:
        """Write new and re-analysed ledgers, and record ``done`` inputs (unit, articles it held), in one transaction."""
        version = program_version()

        def work(connection: Connection) -> tuple[int, int]:
            unique = list({entry.ledger.article.id: entry for entry in entries}.values())
            stored = ledgers.versions(connection, [entry.ledger.article.id for entry in unique])
            write = [e for e in unique if e.ledger.article.id not in stored or _older(stored[e.ledger.article.id], version)]
            replace = [e.ledger.article.id for e in write if e.ledger.article.id in stored]
            ledgers.store(connection, write, version, replace)
            lineage_store.stage(connection, write)
            stored_inputs.record(connection, [StoredInput(u.key, u.fingerprint, version, n) for u, n in done])
            return len(write), len(replace)

        began = time.perf_counter()
        written, replaced = database.write(self.engine, work)
        summary.storage_seconds += time.perf_counter() - began
        summary.added += written - replaced
        summary.replaced += replaced
        summary.unchanged += len(entries) - written

    def _check_corpus(self, summary: AddSummary) -> None:
        """Copies, name variants and reference mismatches for the articles added (and those they touch)."""
        began = time.perf_counter()
        corpus_checks.refresh(self.engine)
        self._link_lineages()
        summary.storage_seconds += time.perf_counter() - began

    def _link_lineages(self) -> int:
        """Link the figures stored since the last time into their lineages (indexed: proportional to the new figures)."""
        from claimledger.minilm import phrase_similarity

        with self.engine.connect() as connection:
            if not lineage_store.pending(connection):
                return 0

        def work(connection: Connection) -> int:
            lineage_store.backfill(connection)
            return lineage_store.link(connection, corpus_checks.near_copies, phrase_similarity)

        return database.write(self.engine, work)

    # Reading --------------------------------------------------------------------------

    def ledger(self, article_id: str) -> Ledger | None:
        """The stored ledger, exactly as analysed (corpus findings: ``corpus_findings``)."""
        with self.engine.connect() as connection:
            return ledgers.read(connection, article_id)

    def articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None) -> list[Article]:
        """Newest first (by publication date; undated last)."""
        with self.engine.connect() as connection:
            return queries.articles(connection, limit, offset, outlet)

    def stats(self) -> CorpusStats:
        with self.engine.connect() as connection:
            return queries.stats(connection)

    def measures(self) -> list[MeasureSummary]:
        """Each measure with its figures, articles and conflicts, most conflicts first.

        ``conflicts`` counts the stored figure_conflict (within an article) and
        figure_mismatch_reference findings that involve a figure of the measure.
        """
        with self.engine.connect() as connection:
            return queries.measures(connection)

    def compare(self, measure: str | None = None, since: date | None = None, until: date | None = None) -> list[FigureGroup]:
        """Figures of different articles for the same measure over overlapping periods (docs/compare-format.md).

        Measures outside the taxonomy are joined by meaning (MiniLM, loaded only when two such keys of one unit meet).
        """
        from claimledger.minilm import phrase_similarity

        with self.engine.connect() as connection:
            figures = compare_store.load(connection, measure, since, until)
        return across.compare(figures, phrase_similarity)

    def lineages(self, measure: str | None = None) -> list[Lineage]:
        """Every number that travelled through two articles or more (touching ``measure`` when given), largest first."""
        self._link_lineages()
        with self.engine.connect() as connection:
            return lineage_store.lineages(connection, measure)

    def trace(self, article_id: str, claim_id: str) -> Lineage | None:
        """The lineage that holds one figure, upstream and downstream (None: no such figure, or not a countable one)."""
        self._link_lineages()
        with self.engine.connect() as connection:
            return lineage_store.trace(connection, article_id, claim_id)

    def find_figures(self, text: str, measure: str | None = None) -> list[tuple[str, str]]:
        """Figures written exactly ``text`` (case aside), of ``measure`` when given, earliest first, as (article, claim)."""
        with self.engine.connect() as connection:
            return lineage_store.find(connection, text, measure)

    def citations(self, measure: str) -> list[Citation]:
        """Who cites whom for a measure: each outlet and the sources it credits, by articles."""
        with self.engine.connect() as connection:
            return lineage_store.citations(connection, measure)

    def lineage_counts(self, article_id: str) -> dict[str, tuple[int, int]]:
        """For each figure of the article in a lineage: articles it travelled through, drifts on the way."""
        with self.engine.connect() as connection:
            return lineage_store.counts(connection, article_id)

    def source(self, name: str, limit: int = SOURCE_CLAIMS) -> SourceProfile | None:
        """A source under every spelling of its name, with the claims attributed to it."""
        with self.engine.connect() as connection:
            spellings = corpus_checks.spellings(connection, name)
            rows = queries.source_rows(connection, spellings)
            if not rows:
                return None
            kind, roles, affiliations, per_name = queries.kinds_and_details(rows)
            claims = queries.source_claims(connection, per_name, limit)
        uses = sorted((NameUse(n, count) for n, count in per_name.items()), key=lambda u: (-u.articles, u.name))
        articles = len({r.article_id for r in rows})  # type: ignore[attr-defined]
        return SourceProfile(uses[0].name, kind, uses, articles, roles, affiliations, claims)

    def search(self, query: str, limit: int = 50) -> SearchResults:
        """Articles (title or text), sources and measures that contain ``query``, in any case."""
        query = query.strip()
        if not query:
            return SearchResults(query)
        with self.engine.connect() as connection:
            return SearchResults(
                query,
                queries.search_articles(connection, query, limit),
                queries.search_sources(connection, query, limit),
                queries.search_measures(connection, query, limit),
            )

    def corpus_findings(self, article_id: str) -> list[Finding]:
        """copied_text, name_variant and figure_mismatch_reference findings about one article."""
        with self.engine.connect() as connection:
            return ledgers.read_findings(connection, article_id, ledgers.CORPUS_SCOPE)

    # Exports, reviews, watched feeds --------------------------------------------------

    def selections(
        self,
        measure: str | None = None,
        since: date | None = None,
        until: date | None = None,
        article_ids: Iterable[str] | None = None,
    ) -> Iterator[LedgerSelection]:
        """Stored ledgers for an export, oldest publication first, one at a time (a corpus need not fit in memory).

        ``measure``, ``since`` and ``until`` select figure claims as ``compare`` does
        (only articles with such a figure, and only those claims); ``article_ids``
        limits the articles (a search result's).
        """
        filtered = measure is not None or since is not None or until is not None
        with self.engine.connect() as connection:
            chosen = exports.selected_figures(connection, measure, since, until) if filtered else None
            among = list(article_ids) if article_ids is not None else None
            if chosen is not None:
                among = [a for a in (among if among is not None else chosen) if a in chosen]
            for article_id in list(exports.article_ids(connection, among)):
                ledger = ledgers.read(connection, article_id)
                if ledger is None:
                    continue
                found = ledgers.read_findings(connection, article_id, ledgers.CORPUS_SCOPE)
                yield LedgerSelection(ledger, found, chosen[article_id] if chosen is not None else None)

    def review(self, review: Review) -> Review:
        """Store a review of a stored claim ([E124] when there is no such claim); it comes back with its id."""
        ledger = self.ledger(review.article)
        if ledger is None:
            raise NotInCorpus(f"no article {review.article} in this corpus")
        try:
            claim = ledger.claim(review.claim)
        except KeyError:
            raise NotInCorpus(f"article {review.article} has no claim {review.claim}") from None
        _check_review(review)
        review.claim_text = claim.text
        review.reviewed_at = review.reviewed_at or feeds.now()
        review.id = database.write(self.engine, lambda connection: reviews.add(connection, review))
        return review

    def reviews(
        self, article_id: str | None = None, since: date | None = None, until: date | None = None
    ) -> list[Review]:
        """Every review (of one article; made within since–until), oldest first: the history of each verdict."""
        with self.engine.connect() as connection:
            return reviews.read(connection, article_id, since, until)

    def appearances(
        self, article_id: str, claim_id: str, groups: Callable[[str], list[FigureGroup]] | None = None
    ) -> list[Appearance]:
        """Every article of the corpus that carries the claim, earliest first, each once.

        For a figure, the articles whose figure has the same value for the same measure
        and period (its value's lineage in ``compare``); for any other claim, or a figure
        compare does not group, its own article. The one place ClaimReview's
        ``appearance`` comes from, so a richer lineage can replace it here. ``groups``
        gives a measure's compare groups when the caller has them already.
        """
        ledger = self.ledger(article_id)
        if ledger is None:
            return []
        own = Appearance(article_id, claim_id, ledger.article.url, ledger.article.title, ledger.article.outlet,
                         ledger.article.published)
        claim = _claim_or_none(ledger, claim_id)
        if claim is None or claim.figure is None or claim.figure.measure is None:
            return [own]
        for group in (groups or (lambda key: self.compare(measure=key)))(claim.figure.measure):
            mine = next((f for f in group.figures if f.article == article_id and f.claim == claim_id), None)
            value = next((v for v in group.lineage if mine is not None and v.id == mine.value), None)
            if value is None:
                continue
            by_article: dict[str, GroupFigure] = {}
            for figure in [value.first, *value.repeated_by]:
                by_article.setdefault(figure.article, figure)  # an article's first figure with the value
            with self.engine.connect() as connection:
                urls = queries.article_urls(connection, list(by_article))
            return [Appearance(f.article, f.claim, urls.get(f.article), f.title, f.outlet, f.published)
                    for f in by_article.values()]
        return [own]

    def reviewed_claims(
        self, since: date | None = None, until: date | None = None, article_ids: Iterable[str] | None = None,
        measure: str | None = None,
    ) -> list[ReviewedClaim]:
        """Each review made within since–until (of these articles; of figures of this measure) with what ClaimReview needs."""
        wanted = set(article_ids) if article_ids is not None else None
        groups = functools.cache(lambda key: self.compare(measure=key))  # one compare per measure
        found = []
        for review in self.reviews(since=since, until=until):
            if wanted is not None and review.article not in wanted:
                continue
            ledger = self.ledger(review.article)
            claim = _claim_or_none(ledger, review.claim)
            if measure is not None and (claim is None or claim.figure is None or claim.figure.measure != measure):
                continue
            chain = [] if ledger is None or claim is None else _chain(ledger, claim.attribution)
            found.append(ReviewedClaim(review, chain, self.appearances(review.article, review.claim, groups)))
        return found

    def feed_state(self, url: str) -> feeds.FeedState:
        with self.engine.connect() as connection:
            return feeds.state(connection, url)

    def save_feed_state(self, state: feeds.FeedState) -> None:
        database.write(self.engine, lambda connection: feeds.save_state(connection, state))

    def handled_items(self, urls: Iterable[str]) -> set[str]:
        """Which feed item links ``watch`` has handled before."""
        with self.engine.connect() as connection:
            return feeds.handled(connection, urls)

    def record_items(self, items: list[feeds.HandledItem]) -> None:
        database.write(self.engine, lambda connection: feeds.record(connection, items))

    # Reference series ---------------------------------------------------------------

    def reference_add(self, csv_path: str | os.PathLike[str]) -> int:
        """Load a reference series CSV (format of shared/examples/ukraine-awol-cases.csv); rows in the file.

        Rows stored before are kept once. Articles with figures of the series' measures
        are checked against it again.
        """
        rows = reference_checks.read_csv(Path(csv_path))
        database.write(self.engine, lambda connection: corpus_checks.store_reference(connection, rows))
        corpus_checks.refresh(self.engine)
        return len(rows)

    def reference(self, measure: str | None = None) -> list[ReferenceRow]:
        """The reference rows of a measure (all when None), by measure and period."""
        with self.engine.connect() as connection:
            return corpus_checks.reference_rows(connection, measure)


def _check_review(review: Review) -> None:
    """A review a ClaimReview can be made of: a verdict, an author, numbers that fit the scale."""
    if not review.rating.strip():
        raise BadReview("give the verdict in words (--rating), e.g. False or Misleading")
    if not (review.reviewer or "").strip():
        raise BadReview("name the reviewer (--reviewer or CLAIMLEDGER_REVIEWER): a published review needs an author")
    if review.url is not None and not is_url(review.url):
        raise BadReview(f"the review's URL must be an http:// or https:// address, not {review.url!r}")
    worst, best, value = review.worst_rating, review.best_rating, review.rating_value
    if worst is not None and best is not None and worst >= best:
        raise BadReview(f"the worst rating ({worst:g}) must be below the best ({best:g})")
    if value is not None and ((worst is not None and value < worst) or (best is not None and value > best)):
        raise BadReview(f"the rating value {value:g} lies outside worst–best ({worst} – {best})")


def _claim_or_none(ledger: Ledger | None, claim_id: str) -> Claim | None:
    if ledger is None:
        return None
    try:
        return ledger.claim(claim_id)
    except KeyError:
        return None


def _chain(ledger: Ledger, attribution: list[Attribution]) -> list[ChainLink]:
    """The claim's sources by name, nearest first (a dangling id is skipped: no name to publish)."""
    known = {source.id: source for source in ledger.sources}
    return [
        ChainLink(known[link.source].name, known[link.source].kind, link.relation, link.cue)
        for link in attribution
        if link.source in known
    ]

