"""Choose the threshold at which ``compare`` takes two measures outside the taxonomy for one.

    .venv/bin/python bench/measure_meaning.py [--annotations bench/realnews] [--language en]

Development pairs come from the real-news annotations (``bench/realnews/*.json``): every two
counted figures of different articles in the same count unit (people with people, cases with
cases; shares, ratios and money are not grouped by meaning) whose counted phrases differ,
each read as compare reads a figure — the counted phrase with its qualifiers
(``check/lineage.counted_phrase``). A pair is "same" when the annotated measure keys meet
(a list of acceptable keys meets another when they share one), else "different". The
all-MiniLM-L6-v2 cosine of the two phrases is computed once per distinct phrase; printed:
for each threshold, precision and recall of "same" at or above it, and the pairs' counts.
The recommended threshold is the lowest whose precision reaches ``--precision`` (a false
"same" merges two measures into one group and can make a false figure_conflict, which costs
more than a missed comparison); write it into data/lineage.json (``group_meaning_threshold``).
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

from claimledger.check.lineage import counted_phrase
from claimledger.check.within import NOT_COUNTS
from claimledger.model import Qualifiers

Figure = tuple[str, str, frozenset[str], str]
"""(article id, unit, measure keys, phrase)."""


def _as_set(value: str | list[str] | None) -> frozenset[str]:
    if value is None:
        return frozenset()
    return frozenset([value] if isinstance(value, str) else value)


def counted_figures(folder: Path, language: str) -> list[Figure]:
    """The annotated counted figures of one language with one count unit, as compare would read them."""
    found = []
    for path in sorted(folder.glob("*.json")):
        article = json.loads(path.read_text("utf-8"))
        if article.get("language") != language:
            continue
        for figure in article.get("figures", []):
            units, measures = _as_set(figure.get("unit")), _as_set(figure.get("measure"))
            uncounted = len(units) != 1 or bool(units & {*NOT_COUNTS, "money"})
            if uncounted or not measures or not figure.get("counted"):
                continue
            qualifiers = Qualifiers(**(figure.get("qualifiers") or {}))
            phrase = counted_phrase(figure["counted"], None, qualifiers)
            found.append((article["id"], next(iter(units)), measures, phrase))
    return found


def labelled_pairs(figures: list[Figure]) -> list[tuple[str, str, bool]]:
    """Distinct phrase pairs of different articles and one unit, "same" when their measure keys meet."""
    pairs: dict[tuple[str, str], bool] = {}
    for a, b in combinations(figures, 2):
        if a[0] == b[0] or a[1] != b[1] or a[3].lower() == b[3].lower():
            continue
        key = tuple(sorted((a[3], b[3])))
        pairs[key] = pairs.get(key, False) or bool(a[2] & b[2])  # type: ignore[index]
    return [(a, b, same) for (a, b), same in sorted(pairs.items())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, default=Path(__file__).parent / "realnews")
    parser.add_argument("--language", default="en", help="MiniLM reads English; other languages score worse")
    parser.add_argument("--precision", type=float, default=0.95, help="precision of 'same' the threshold must reach")
    args = parser.parse_args()

    from claimledger.minilm import phrase_similarity

    pairs = labelled_pairs(counted_figures(args.annotations, args.language))
    scored = [(phrase_similarity(a, b), same, a, b) for a, b, same in pairs]
    positives = sum(1 for s in scored if s[1])
    print(f"{len(scored)} phrase pairs ({positives} same measure, {len(scored) - positives} different), "
          f"language {args.language}, all-MiniLM-L6-v2 cosine")
    print(f"{'threshold':>9} {'same P':>7} {'same R':>7} {'pairs':>6}")
    chosen = None
    for step in range(50, 100, 5):
        threshold = step / 100
        above = [s for s in scored if s[0] >= threshold]
        hits = sum(1 for s in above if s[1])
        precision = hits / len(above) if above else 1.0
        print(f"{threshold:>9.2f} {precision:>7.3f} {hits / max(positives, 1):>7.3f} {len(above):>6}")
        if chosen is None and above and precision >= args.precision:
            chosen = threshold
    print("highest-scoring different pairs:")
    for score, _, a, b in sorted((s for s in scored if not s[1]), reverse=True)[:6]:
        print(f"  {score:.2f}  {a} / {b}")
    print(f"recommended group_meaning_threshold: {chosen} (lowest with precision of 'same' >= {args.precision})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
