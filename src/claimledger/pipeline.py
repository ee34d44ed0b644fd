"""The library's front door: article in, checked ledger out.

``analyze`` runs one article; ``analyze_many`` streams many through one loaded
pipeline (``nlp.pipe``), which is how the CLI, the corpus and the benchmarks call it.
Data flows one way: ingest → extract (spaCy components) → check → ledger.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import nlp as nlp_loader
from claimledger.check import run_checks
from claimledger.errors import ClaimledgerError, InternalError
from claimledger.extract import ledger as ledger_builder
from claimledger.model import Article, Ledger


def _doc_for(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.cl_published = article.published
    return doc


def ledger_from_doc(doc: Doc, article: Article) -> Ledger:
    """Build and check the ledger of one processed Doc; the checks see the ledger only."""
    ledger = ledger_builder.ledger_from_doc(doc, article)
    ledger.findings = run_checks(ledger)
    return ledger


def analyze_many(articles: Iterable[Article], nlp: Language | None = None, batch_size: int = 16) -> Iterator[Ledger]:
    """Ledgers for ``articles``, in order, each through the pipeline of its language.

    ``nlp``, when given, serves the articles in its language; the others get ``nlp.load(language)``.
    Consecutive articles of one language go through one ``nlp.pipe`` stream.
    """
    for language, run in groupby(articles, key=lambda article: article.language):
        chosen = nlp if nlp is not None and nlp.lang == language else nlp_loader.load(language)
        yield from _analyze_run(run, chosen, batch_size)


def _analyze_run(articles: Iterable[Article], nlp: Language, batch_size: int) -> Iterator[Ledger]:
    pending: deque[Article] = deque()

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield _doc_for(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield ledger_from_doc(doc, pending.popleft())


Analyse = Callable[[Iterable[Article]], Iterator[Ledger]]


def analyze_each(
    articles: Sequence[Article], names: Sequence[str], analyse: Analyse | None = None, batch_size: int = 16
) -> Iterator[Ledger | ClaimledgerError]:
    """Each article's ledger, or the coded error of the one that broke the analysis, in order.

    Articles go through one pipeline (``analyse``, ``analyze_many`` by default) as long as
    they can; when one raises, the batch it was in is analysed one article at a time, so
    that only that article fails (named by ``names``, e.g. "crawl.jsonl line 7") and the
    ones after it go on in batches again.
    """
    analyse = analyse or analyze_many
    position = 0
    while position < len(articles):
        try:
            for ledger in analyse(articles[position:]):
                position += 1
                yield ledger
        except Exception:  # noqa: BLE001 - find the article that failed, below
            for index in range(position, min(position + batch_size, len(articles))):
                yield _alone(articles[index], names[index], analyse)
            position += batch_size


def _alone(article: Article, name: str, analyse: Analyse) -> Ledger | ClaimledgerError:
    try:
        return next(iter(analyse([article])))
    except ClaimledgerError as error:
        return error
    except Exception as error:  # noqa: BLE001 - a bug, reported as this article's coded error
        return InternalError.of(error, f"{name}: analysis failed")


def analyze(article: Article | str, nlp: Language | None = None) -> Ledger:
    """The checked ledger of one article (a plain string is taken as its text)."""
    if isinstance(article, str):
        article = Article(text=article)
    return next(analyze_many([article], nlp=nlp))
