"""What kind of quantity a figure is (``role``) and whether it is a result or a projection (``status``).

Both are read from the words right around the figure in its own comma segment, on the raw
text, so that ``claimledger_figures`` sets them on ``spacy.blank`` too. Why not the parse: the
cues are short and adjacent ("rose by", "up", "per 100,000 people", "a 5% increase",
"expected to reach"), and the small model often attaches a number to the wrong head
exactly where a change verb meets it. The words live in ``data/figures_meaning.json``.

- ``change``: a difference ("rose by 7,000", "up 20%", "fell 0.4 percentage points", "a 5%
  increase"); a figure in percentage points is always a difference of shares.
- ``rate``: a quantity per something, with the denominator in ``per`` ("21.7 per 100,000
  people", "3 a day", "$0.52 a share").
- ``share``: a part of a whole ("5% of the cases", "one in five", "two-thirds").
- ``ratio``: a comparison ("twice as many", "a sixfold rise").
- ``level``: anything else, a count or an amount.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from claimledger import datafiles
from claimledger.model import Role, Status

_SEGMENT_BREAK = re.compile(r"[,;:](?=\s)|[()\n\u2014\u201c\u201d\"]|[.!?](?=\s)")
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|%|\$|€|£")
_WINDOW = 160
SHARE_FORMS = frozenset(("one_in", "every", "fraction", "half"))


def meaning() -> dict[str, Any]:
    """``data/figures_meaning.json``, read once per process."""
    return datafiles.load("figures_meaning")


def segment_before(text: str, start: int) -> str:
    """The text of the figure's comma segment before it."""
    lo = max(0, start - _WINDOW)
    breaks = list(_SEGMENT_BREAK.finditer(text, lo, start))
    return text[breaks[-1].end() if breaks else lo : start]


def segment_after(text: str, end: int) -> str:
    found = _SEGMENT_BREAK.search(text, end, min(len(text), end + _WINDOW))
    return text[end : found.start() if found else min(len(text), end + _WINDOW)]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _ends_with(words: list[str], phrase: str) -> bool:
    wanted = phrase.split()
    return len(words) >= len(wanted) and words[-len(wanted) :] == wanted


@cache
def _change_verbs() -> frozenset[str]:
    return frozenset(meaning()["change_verbs"])


def change_verb_before(text: str, start: int, reach: int = 3) -> bool:
    """A change verb or noun among the last ``reach`` words before ``start`` in its segment ("fell sharply from")."""
    words = _words(segment_before(text, start))[-reach:]
    nouns = {phrase.split()[-2] for phrase in meaning()["change_before"] if len(phrase.split()) >= 2}
    return any(w in _change_verbs() or w in nouns for w in words)


def _is_change(before: list[str], after: str) -> bool:
    lex = meaning()
    while before and before[-1] in lex["change_fillers"]:
        before = before[:-1]
    if any(_ends_with(before, phrase) for phrase in lex["change_before"]):
        return True
    if before and before[-1] in _change_verbs():
        return True
    if len(before) >= 2 and before[-1] in lex["change_verb_particles"] and before[-2] in _change_verbs():
        return True
    following = _words(after)[:1]
    return bool(following) and following[0] in lex["change_after"]


def _per(after: str) -> str | None:
    """The denominator written right after a figure, or after the one noun it counts ("10 people per
    boat", "21.7 deaths per 100,000 people"), or None ("per cent" is a unit, not a rate)."""
    lex = meaning()
    counted = re.match(rf"\s*([a-z][a-z-]*)\s+({re.escape(lex['rate_word'])}\s.*)", after, re.IGNORECASE | re.DOTALL)
    if counted is not None and counted.group(1).lower() not in lex["not_rate_nouns"]:
        return _per_written(counted.group(2))
    return _per_written(after)


def _per_written(after: str) -> str | None:
    lex = meaning()
    text, rate_word = " ".join(after.split()).lower(), lex["rate_word"]
    if text.startswith(rate_word + " "):
        found = re.match(rf"{re.escape(rate_word)}\s+([\d.,]+\s+[a-z-]+|[a-z-]+)", " ".join(after.split()), re.IGNORECASE)
        if found is None or found.group(1).lower().split()[0] in lex["not_rate_after_per"]:
            return None
        named = lex["rate_after"].get(f"{rate_word} {found.group(1).lower()}")
        return named or found.group(1)
    for phrase, per in sorted(lex["rate_after"].items(), key=lambda kv: -len(kv[0])):
        if per is not None and re.match(rf"{re.escape(phrase)}\b", text):
            rest = text[len(phrase) :].split()
            if rest and rest[0].strip(".,") in lex["not_rate_before"]:
                return None
            return per
    return None


def role_of(text: str, start: int, end: int, form: str, unit: str | None) -> tuple[Role, str | None]:
    """(role, per) of the figure at ``text[start:end]``, matched by the scan as ``form``."""
    if unit == "ratio":
        return "ratio", None
    if form in SHARE_FORMS:
        return "share", None
    if unit == "percentage_points":
        return "change", None
    before, after = _words(segment_before(text, start)), segment_after(text, end)
    if _is_change(before, after):
        return "change", None
    per = _per(after)
    if per is not None:
        return "rate", per
    if unit in ("percent", "permille"):
        return ("ratio" if _of_another_quantity(after) else "share"), None
    return "level", None


def _of_another_quantity(after: str) -> bool:
    """``3.5% of GDP``, ``7% of revenue``: a percent of a different quantity is a ratio, not a part of a whole."""
    words, lex = _words(after), meaning()
    if not words or words[0] != lex["of_word"]:
        return False
    rest = " ".join(w for w in words[1:8] if w not in lex["whole_fillers"])
    return any(rest.startswith(whole) for whole in lex["ratio_wholes"])


def status_of(text: str, start: int, end: int) -> Status | None:
    """The status a cue near the figure gives (None: none stated, read as actual).

    The nearest cue before the figure within its segment wins ("analysts expect revenue of
    $5bn"), then a cue right after it ("the $4.8bn analysts had expected"); "more than
    expected" compares with a projection, it does not make one.
    """
    lex = meaning()
    before_text = segment_before(text, start) + " " + text[start:end]
    for blocker in lex["status_blockers"]:
        before_text = re.sub(rf"\b{re.escape(blocker)}\b", " ", before_text, flags=re.IGNORECASE)
    words = _words(before_text)[-lex["status_window"] :]
    best: tuple[tuple[int, int], Status] | None = None
    for phrase, status in lex["status_before"].items():
        wanted = phrase.split()
        for i in range(len(words) - len(wanted), -1, -1):
            if words[i : i + len(wanted)] == wanted:
                rank = (i + len(wanted), len(wanted))  # the nearest cue; of two ending together, the longer
                if best is None or rank > best[0]:
                    best = (rank, status)
                break
    if best is not None:
        return best[1]
    after = " ".join(_words(segment_after(text, end))[:3])
    for phrase, status in sorted(lex["status_after"].items(), key=lambda kv: -len(kv[0])):
        if after == phrase or after.startswith(phrase + " "):
            return status
    return None
