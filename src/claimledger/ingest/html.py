"""An HTML page in, its article out: trafilatura strips the page down to the story.

Offsets in the ledger point into the extracted text, not into the markup, so the
text analysed is exactly what trafilatura returns. Its metadata fills the
article's title, outlet, url and publication date (the reference for relative
periods such as "last month"); the date given by the caller wins over the page's.
"""

from __future__ import annotations

import logging
import re
from datetime import date


from claimledger.errors import EmptyInput
from claimledger.ingest.clean import clean_field
from claimledger.ingest.dates import in_range
from claimledger.ingest.text import check_text, language_of
from claimledger.model import Article

_LOOKS_LIKE_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)

# trafilatura logs at WARNING/ERROR about pages it cannot parse; we report that ourselves.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def looks_like_html(text: str) -> bool:
    """Whether text read from stdin is a whole HTML page (so ``curl URL | claimledger analyze -`` works)."""
    return bool(_LOOKS_LIKE_HTML.match(text))


def _page_date(value: str | None) -> date | None:
    """trafilatura gives ISO dates; anything else (or out of range) is taken as no date rather than a wrong one."""
    try:
        found = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    return found if found is not None and in_range(found) else None


def read_page(
    markup: str, name: str, published: date | None, max_chars: int, url: str | None = None,
    language: str | None = None,
) -> tuple[Article, str | None]:
    """The main text of the page and what the page says about itself, with its author (which the corpus keeps).

    ``url`` is where a fetched page came from: trafilatura keeps the canonical URL the page names, else this one.
    """
    import trafilatura  # imported on first use: it costs 0.1 s, which the CLI's --help need not pay

    page = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if page is None or not (page.text or "").strip():
        raise EmptyInput(f"{name}: no article text found in the page")
    text = check_text(page.text, name, max_chars)
    article = Article(
        text=text,
        language=language_of(text, name, language),
        title=clean_field(page.title),
        url=clean_field(page.url),
        outlet=clean_field(page.sitename or page.hostname),
        published=published or _page_date(page.date),
    )
    return article, clean_field(page.author)


def article_from_html(
    markup: str, name: str, published: date | None, max_chars: int, language: str | None = None
) -> Article:
    """The main text of the page and what the page says about itself."""
    return read_page(markup, name, published, max_chars, language=language)[0]
