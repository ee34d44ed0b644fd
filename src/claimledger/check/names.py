"""name_variant: one person or outlet spelled differently across the corpus (Christoph Vanner / Christoph Wanner).

Names are compared within their kind (people with people; outlets, whether named in
the text or as the publisher, with outlets; organisations with organisations) after
folding case, accents, apostrophes and punctuation, which are formatting rather than
spelling. Two names are variants of one another when they have the same number of
words and differ in exactly one word by one letter (two for words of eight letters
or more): "Christoph Vanner" and "Christoph Wanner" are, "Die Welt" and "Die Welt am
Sonntag" (another paper) and "Zakharova" and "Maria Zakharova" (a shorter mention)
are not. Candidates are found with rapidfuzz's Levenshtein distance over each block
of names with the same kind and number of words.

Across scripts a name is heard rather than spelled: a Cyrillic name is transliterated
and both it and the Latin names are folded to a spoken key (``data/transliteration.json``:
"ph" and "f", "w" and "v" sound alike), so "Кристоф Ваннер" joins "Christoph Wanner" (and
so "Christoph Vanner") as one person. A transliteration is no misspelling: a spelling is
reported as a variant only when its own script writes the name another way too
(``Variants.misspelt``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from functools import cache

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from claimledger import datafiles
from claimledger.check.registry import severity
from claimledger.model import Finding

KIND_GROUPS = {"person": "person", "media": "outlet", "outlet": "outlet", "organization": "organization"}
"""Source kinds whose names are compared, and the group each is compared within."""
MIN_WORD = 4
"""Shorter words must match exactly: one letter is too much of 'Le' or 'NATO'."""
LONG_WORD = 8


@dataclass(frozen=True)
class NameCount:
    """A name as written, its kind, and in how many articles it appears."""

    text: str
    kind: str
    articles: int


@dataclass
class Spelling:
    """One spelling (names equal once case and punctuation are folded) and the articles that use it."""

    key: str
    texts: list[str]
    articles: int

    @property
    def text(self) -> str:
        """The form to show: the first of the texts, which are ordered most used first."""
        return self.texts[0]

    @property
    def script(self) -> str:
        return script_of(self.key)


@dataclass
class Variants:
    """The spellings of one person or outlet across the corpus, most used first."""

    group: str
    spellings: list[Spelling] = field(default_factory=list)

    def misspelt(self, key: str) -> bool:
        """Another spelling in the script of ``key`` (a transliteration alone is no variant)."""
        return any(s.key != key and s.script == script_of(key) for s in self.spellings)


@lru_cache(maxsize=65_536)
def normalise(name: str) -> str:
    """Case, accents, apostrophes, possessives, punctuation and a leading 'the' folded away."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[’']s\b", "", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    if words[:1] == ["the"] and len(words) > 1:
        words = words[1:]
    return " ".join(words)


def script_of(key: str) -> str:
    """cyrillic when the name has a Cyrillic letter, else latin."""
    return "cyrillic" if any("а" <= ch <= "я" or ch in "ёієїґ" for ch in key) else "latin"


def _sounds() -> dict:
    return datafiles.load("transliteration")


@lru_cache(maxsize=65_536)
def spoken(key: str) -> str:
    """A folded key, Cyrillic transliterated: how the name sounds, for comparing names across scripts."""
    sounds = _sounds()
    if script_of(key) == "cyrillic":
        ukrainian = any(ch in sounds["ukrainian_letters"] for ch in key)
        table = {**sounds["cyrillic"], **(sounds["ukrainian"] if ukrainian else {})}
        key = "".join(table.get(ch, ch) for ch in key)
    for pattern, replacement in sounds["spoken"]:
        key = re.sub(pattern, replacement, key)
    return re.sub(r"(\w)\1+", r"\1", key)


def group_of(kind: str) -> str | None:
    return KIND_GROUPS.get(kind)


def _word_variant(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < MIN_WORD or len(b) < MIN_WORD or any(ch.isdigit() for ch in a + b):
        return False
    allowed = 2 if min(len(a), len(b)) >= LONG_WORD else 1
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed


def is_variant(a: str, b: str) -> bool:
    """Same number of words, exactly one word different, and that one by a letter or two (see above)."""
    words_a, words_b = a.split(), b.split()
    if a == b or len(words_a) != len(words_b):
        return False
    differing = [(x, y) for x, y in zip(words_a, words_b, strict=True) if x != y]
    return len(differing) == 1 and _word_variant(*differing[0])


def variants(names: Iterable[NameCount]) -> dict[tuple[str, str], Variants]:
    """Every (group, folded name) that has variant spellings, mapped to all the spellings of its person or outlet."""
    spellings: dict[tuple[str, str], Spelling] = {}
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for name in names:
        group, key = group_of(name.kind), normalise(name.text)
        if group is None or not key:
            continue
        counts[(group, key)][name.text] += name.articles
    for (group, key), texts in counts.items():
        ordered = sorted(texts, key=lambda text: (-texts[text], text))
        spellings[(group, key)] = Spelling(key, ordered, sum(texts.values()))
    parent = {node: node for node in spellings}

    def root(node: tuple[str, str]) -> tuple[str, str]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in _candidate_pairs(list(spellings)):
        if is_variant(a[1], b[1]):
            parent[root(a)] = root(b)
    for a, b in _cross_script_pairs(list(spellings)):
        parent[root(a)] = root(b)
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in spellings:
        members[root(node)].append(node)
    found: dict[tuple[str, str], Variants] = {}
    for nodes in members.values():
        if len(nodes) < 2:
            continue
        cluster = Variants(nodes[0][0], sorted((spellings[n] for n in nodes), key=lambda s: (-s.articles, s.key)))
        found.update({node: cluster for node in nodes})
    return found


def _candidate_pairs(nodes: list[tuple[str, str]]) -> Iterable[tuple[tuple[str, str], tuple[str, str]]]:
    """Pairs within a block (group, number of words) at most two letters apart, found in C by rapidfuzz."""
    blocks: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    for node in nodes:
        blocks[(node[0], len(node[1].split()))].append(node)
    for block in blocks.values():
        if len(block) < 2:
            continue
        keys = [key for _, key in block]
        distances = cdist(keys, keys, scorer=Levenshtein.distance, score_cutoff=2, dtype=np.int32, workers=-1)
        for i, j in zip(*np.nonzero(distances <= 2), strict=True):
            if i < j:
                yield block[i], block[j]


def _cross_script_pairs(nodes: list[tuple[str, str]]) -> Iterable[tuple[tuple[str, str], tuple[str, str]]]:
    """(Cyrillic, Latin) pairs of one block whose spoken keys are equal or variants of one another."""
    blocks: dict[tuple[str, int], dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for node in nodes:
        blocks[(node[0], len(node[1].split()))][script_of(node[1])].append(node)
    for block in blocks.values():
        cyrillic, latin = block.get("cyrillic", []), block.get("latin", [])
        if not cyrillic or not latin:
            continue
        heard = [spoken(key) for _, key in cyrillic]
        written = [spoken(key) for _, key in latin]
        distances = cdist(heard, written, scorer=Levenshtein.distance, score_cutoff=2, dtype=np.int32, workers=-1)
        for i, j in zip(*np.nonzero(distances <= 2), strict=True):
            if heard[i] == written[j] or _long_word_variant(heard[i], written[j]):
                yield cyrillic[i], latin[j]


def _long_word_variant(a: str, b: str) -> bool:
    """Variants whose differing word is long (Zelenskyy / Зеленський): in a short one a letter is another name (Maria, Marina)."""
    differing = [(x, y) for x, y in zip(a.split(), b.split(), strict=True) if x != y]
    return is_variant(a, b) and all(min(len(x), len(y)) >= LONG_WORD for x, y in differing)


def name_variant(written: str, cluster: Variants, what: str, where: Mapping[str, list[str]]) -> str:
    """The message: how this article writes the name, and how the rest of the corpus does, with the articles.

    ``where`` holds, for each spelling's folded key, the first few articles using it.
    """
    here = normalise(written)

    def uses(spelling: Spelling) -> str:
        count = f"{spelling.articles} article{'s' if spelling.articles != 1 else ''}"
        shown = where.get(spelling.key, [])
        more = ", …" if len(shown) < spelling.articles else ""
        return f"“{spelling.text}” in {count}" + (f" ({', '.join(shown)}{more})" if shown else "")

    others = "; ".join(uses(s) for s in cluster.spellings if s.key != here)
    mine = next((s for s in cluster.spellings if s.key == here), None)
    own = f" Written as here: {uses(mine)}." if mine else ""
    return f"The {what} written “{written}” here is spelled differently elsewhere in the corpus: {others}.{own}"


def finding(
    written: str, cluster: Variants, what: str, where: Mapping[str, list[str]], claims: list[str],
    span: tuple[int, int] | None,
) -> Finding:
    start, end = span if span is not None else (None, None)
    return Finding(
        id="", type="name_variant", severity=severity("name_variant"), message=name_variant(written, cluster, what, where),
        claims=claims, start=start, end=end,
    )
