"""copied_text: articles that repeat another article of the corpus nearly word for word.

Each article gets a MinHash signature (the ``datasketch`` library, 128 permutations)
of its five-word shingles, computed beside its analysis. The signature is cut into
16 bands of 8 values (locality-sensitive hashing); the band hashes are stored in the
database, so finding an article's candidate copies is one indexed query however
large the corpus, and adding articles never rebuilds an index in memory. Candidates
are kept when the estimated share of shingles they have in common (the fraction of
equal signature values, which estimates the Jaccard similarity) reaches
``THRESHOLD``: rewrites that change a few words stay above it, articles that share a
quoted paragraph fall well below it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from claimledger.check.registry import severity
from claimledger.model import Finding

if TYPE_CHECKING:
    from datasketch import MinHash

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
"""16 bands of 8: a pair sharing 80% of shingles is a candidate 95% of the time, one sharing 50% 6% of the time."""
SHINGLE = 5
THRESHOLD = 0.8
SHOWN = 5
"""Copies a finding names; the rest are counted."""

_WORD = re.compile(r"\w+")


@cache
def _template() -> MinHash:
    """The permutations, drawn once per process (making them is most of the cost of a MinHash)."""
    from datasketch import MinHash  # imported here: datasketch pulls in scipy, which only analysis needs

    return MinHash(num_perm=NUM_PERM)


def signature(text: str) -> bytes:
    """The MinHash of the text's lower-cased five-word shingles, as little-endian uint32 values."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))}
    template = _template()
    minhash = type(template)(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme)
    minhash.update_batch(sorted(shingles))
    return minhash.hashvalues.astype("<u4").tobytes()


def buckets(sig: bytes) -> list[int]:
    """One hash per band (a signed 63-bit integer, so every database stores it as a BIGINT)."""
    width = len(sig) // BANDS
    return [
        int.from_bytes(hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8).digest(), "little")
        >> 1
        for band in range(BANDS)
    ]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two articles' shingle sets."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


@dataclass(frozen=True)
class Copy:
    """Another article of the corpus and how much of its text this one shares."""

    article: str
    title: str | None
    outlet: str | None
    published: date | None
    similarity: float


def _order(published: date | None, article: str) -> tuple[bool, date, str]:
    """Earliest first; undated articles after dated ones (ties by id, so the order is stable)."""
    return (published is None, published or date.max, article)


def _name(copy: Copy) -> str:
    title = f"“{copy.title}”" if copy.title else f"article {copy.article[:12]}"
    where = [part for part in (copy.outlet, copy.published.isoformat() if copy.published else "undated") if part]
    return f"{title} ({', '.join(where)}; {round(copy.similarity * 100)}% shared)"


def _names(copies: list[Copy]) -> str:
    shown = ", ".join(_name(c) for c in copies[:SHOWN])
    return shown + (f" and {len(copies) - SHOWN} more" if len(copies) > SHOWN else "")


def copied_text(article: str, published: date | None, copies: list[Copy]) -> Finding | None:
    """One finding naming the near-copies of an article, and which came first when the dates tell."""
    if not copies:
        return None
    ordered = sorted(copies, key=lambda c: _order(c.published, c.article))
    how = f"at least {round(THRESHOLD * 100)}% of five-word sequences in common, by MinHash estimate"
    count = f"{len(ordered)} other article{'s' if len(ordered) > 1 else ''}"
    earlier = [c for c in ordered if c.published is not None and published is not None and c.published < published]
    if earlier:
        rest = [c for c in ordered if c is not earlier[0]]
        also = f" Other near-copies: {_names(rest)}." if rest else ""
        message = (
            f"This article repeats an earlier article of the corpus nearly word for word ({how}): the earliest is "
            f"{_name(earlier[0])}.{also}"
        )
        return Finding(id="", type="copied_text", severity=severity("copied_text"), message=message)
    if published is not None and all(c.published is not None and c.published > published for c in ordered):
        message = f"{count} of the corpus, published later, repeat this article nearly word for word ({how}): {_names(ordered)}."
        return Finding(id="", type="copied_text", severity="info", message=message)  # the original: graded in the registry
    message = (
        f"This article and {count} of the corpus are nearly the same text ({how}): {_names(ordered)}; their dates "
        "do not tell which came first."
    )
    return Finding(id="", type="copied_text", severity=severity("copied_text"), message=message)
