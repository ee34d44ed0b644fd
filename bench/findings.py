"""Findings on real news: claimledger's findings against the pairs annotated in the real-news dev set.

    .venv/bin/python bench/findings.py PATH [--topic T] [--dir bench/realnews] [--show wrong|all]

PATH is the local folder of article texts (``<id>.txt``; bench/realnews/README.md says how to
rebuild it; the texts are never committed). Annotations are read, validated and skipped exactly as
bench/realnews.py does, and each gold figure is matched to a predicted figure claim by the same
code (``realnews.locate`` and ``realnews.match``): this script only adds the pairs.

How findings are counted
------------------------
A finding *covers* an annotated pair (two gold figure ids) when both figures are matched to
predicted claims and both claims are among the finding's claims (a sum covers each of its
part–total pairs).

Per type, for the figure findings:

- ``figure_conflict``: precision = conflict findings covering an annotated ``conflict`` pair /
  all conflict findings (strict: an unannotated conflict counts as wrong); recall = annotated
  ``conflict`` pairs covered by a conflict finding / all annotated conflict pairs (a pair whose
  figures the extractor missed counts as missed).
- ``figure_consistent`` and ``figure_implication``: the same counts against the ``consistent``
  pairs, shown for information (no target: the dev set annotates only the consistencies a reader
  wants told, and an implication is rarely annotated).

All findings together (every type, sourcing and framing included): a finding counts as wrong only
if it is a figure finding that

1. covers a pair annotated ``not_conflict``, or
2. sets a figure against one that is clearly not the same quantity by the gold annotation of the
   two (two-claim findings only; a sum's parts differ by design): a measure, unit, currency or
   role with nothing in common (a count per day, week, month or year counts as a level, since
   a total is set against such a rate), a forecast/expectation/target against anything, or a place,
   group or subject stated on both sides and different, or
3. is a ``figure_conflict`` about a predicted figure that matches no gold figure (a year, an age:
   the annotation lists every figure, so such a claim is no figure at all), or
4. is a ``figure_conflict`` whose pair is annotated ``consistent``.

Every other finding counts as right (sourcing and framing findings have no annotation here; an
unannotated consistent finding between comparable figures is not wrong). Precision = right / all.
``--show wrong`` prints each wrong figure finding with its reason.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realnews import DEFAULT_DIR, load, locate, match, predicted_from_ledger  # noqa: E402  (the dev set's own matching)

FIGURE_TYPES = ("figure_conflict", "figure_consistent", "figure_implication")
NOT_REPORTED = {"forecast", "expected", "target"}
PAIR_FOR_TYPE = {"figure_conflict": "conflict", "figure_consistent": "consistent", "figure_implication": "consistent"}


@dataclass
class Judged:
    """One finding of one article and the verdict on it."""

    article: str
    type: str
    claims: list[str]
    message: str
    covers: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Annotated pair kind -> the gold pairs this finding covers."""
    wrong: str | None = None
    """Why the finding counts as wrong in 'all findings', or None."""


@dataclass
class ArticlePairs:
    article: str
    annotated: dict[str, list[tuple[str, str]]]
    found: dict[str, set[tuple[str, str]]]
    """Finding type -> the annotated pairs (of the type's kind) a finding of that type covers."""
    judged: list[Judged]


def _as_set(value: Any) -> set[Any]:
    return set(value) if isinstance(value, list) else {value}


def _role(figure: dict[str, Any]) -> str:
    """A count per day, week, month or year is set against totals as a level (the seed's 15,000–18,000 a month)."""
    return "level" if figure["role"] == "rate" and figure["aggregation"].startswith("per_") else figure["role"]


def clearly_different(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Why two gold figures are clearly not one quantity, or None when they may be."""
    if not _as_set(a["measure"]) & _as_set(b["measure"]):
        return f"measures {a['measure']} vs {b['measure']}"
    if not _as_set(a["unit"]) & _as_set(b["unit"]):
        return f"units {a['unit']} vs {b['unit']}"
    if a.get("currency") and b.get("currency") and a["currency"] != b["currency"]:
        return f"currencies {a['currency']} vs {b['currency']}"
    if _role(a) != _role(b):
        return f"roles {a['role']} vs {b['role']}"
    if {a["status"], b["status"]} & NOT_REPORTED:
        return f"statuses {a['status']} vs {b['status']}"
    for key in ("place", "group", "subject"):
        x, y = (a.get("qualifiers") or {}).get(key), (b.get("qualifiers") or {}).get(key)
        if x and y and x.strip().lower() != y.strip().lower():
            return f"{key} {x!r} vs {y!r}"
    return None


def judge_article(annotation: dict[str, Any], text: str, ledger: Any) -> ArticlePairs:
    """Match the gold figures to the ledger's claims, then set each finding against the annotated pairs."""
    golds = annotation["figures"]
    predicted = predicted_from_ledger(ledger)
    figure_claims = [claim for claim in ledger.claims if claim.figure is not None]
    matched = match([locate(text, g["context"], g["text"]) for g in golds], predicted)
    claim_of = {golds[g]["id"]: figure_claims[p].id for g, p in matched.items()}
    gold_of = {claim: gold for gold, claim in claim_of.items()}
    by_id = {g["id"]: g for g in golds}
    annotated = {kind: [(a, b) for a, b, _ in annotation.get("pairs", {}).get(kind, [])]
                 for kind in ("conflict", "consistent", "not_conflict")}
    pair_kind = {frozenset(pair): kind for kind, pairs in annotated.items() for pair in pairs}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    judged = []
    for finding in ledger.findings:
        item = Judged(annotation["id"], finding.type, list(finding.claims), finding.message)
        if finding.type in FIGURE_TYPES:
            for kind, pairs in annotated.items():
                item.covers[kind] = [p for p in pairs if p[0] in claim_of and p[1] in claim_of
                                     and {claim_of[p[0]], claim_of[p[1]]} <= set(finding.claims)]
            found[finding.type].update(item.covers.get(PAIR_FOR_TYPE[finding.type], []))
            item.wrong = _why_wrong(item, finding.claims, gold_of, by_id, pair_kind)
        judged.append(item)
    return ArticlePairs(annotation["id"], annotated, found, judged)


def _why_wrong(item: Judged, claims: list[str], gold_of: dict[str, str], by_id: dict[str, dict[str, Any]],
               pair_kind: dict[frozenset[str], str]) -> str | None:
    if item.covers.get("not_conflict"):
        return f"annotated not_conflict: {item.covers['not_conflict']}"
    if item.type == "figure_conflict" and item.covers.get("consistent"):
        return f"annotated consistent: {item.covers['consistent']}"
    unmatched = [c for c in claims if c not in gold_of]
    if item.type == "figure_conflict" and unmatched:
        return f"{', '.join(unmatched)} match no gold figure"
    if len(claims) == 2 and not unmatched:
        a, b = (by_id[gold_of[c]] for c in claims)
        if frozenset((a["id"], b["id"])) not in pair_kind:
            reason = clearly_different(a, b)
            if reason:
                return f"not one quantity ({a['id']}, {b['id']}): {reason}"
    return None


@dataclass
class Counts:
    findings: int = 0
    right: int = 0
    annotated: int = 0
    recalled: int = 0

    def cells(self) -> list[str]:
        share = lambda n, d: f"{n / d:.2f}" if d else "-"  # noqa: E731
        return [str(self.findings), str(self.right), share(self.right, self.findings), str(self.annotated),
                str(self.recalled), share(self.recalled, self.annotated)]


def tally(results: list[ArticlePairs]) -> tuple[dict[str, Counts], Counts]:
    """Per figure type: strict precision and recall against the annotated pairs; all findings: precision."""
    per_type = {kind: Counts() for kind in FIGURE_TYPES}
    overall = Counts()
    for result in results:
        for kind, counts in per_type.items():
            pairs = result.annotated[PAIR_FOR_TYPE[kind]]
            counts.annotated += len(pairs)
            counts.recalled += len(result.found.get(kind, set()) & set(pairs))
        for item in result.judged:
            overall.findings += 1
            overall.right += item.wrong is None
            if item.type in per_type:
                per_type[item.type].findings += 1
                per_type[item.type].right += bool(item.covers.get(PAIR_FOR_TYPE[item.type]))
    return per_type, overall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, help="folder of <id>.txt article texts")
    parser.add_argument("--topic", help="only annotations of this topic")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of the <id>.json annotations")
    parser.add_argument("--show", choices=("wrong", "all"), help="print the wrong figure findings, or every one")
    args = parser.parse_args()
    console = Console()
    if not console.is_terminal:
        console = Console(width=150)
    loaded = load(args.dir, args.path, args.topic, None, console)
    if not loaded:
        console.print("no annotated article with a matching text")
        sys.exit(1)

    from claimledger.model import Article
    from claimledger.pipeline import analyze_many

    articles = [
        Article(text=text, id=annotation["id"], url=annotation["url"], outlet=annotation["outlet"],
                published=date.fromisoformat(annotation["published"]) if annotation["published"] else None,
                language=annotation["language"])
        for annotation, text in loaded
    ]
    results = [judge_article(annotation, text, ledger)
               for (annotation, text), ledger in zip(loaded, analyze_many(articles))]
    per_type, overall = tally(results)
    table = Table(title=f"claimledger findings on the real-news dev set: {len(results)} articles")
    for column in ("type", "findings", "right", "precision", "annotated pairs", "found", "recall"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind, counts in per_type.items():
        table.add_row(kind, *counts.cells())
    table.add_row("all findings (see docstring)", *overall.cells()[:3], "", "", "")
    console.print(table)
    console.print("figure rows: right = covers an annotated pair of its kind (conflict / consistent); "
                  "all findings: wrong only as the docstring says")
    if args.show:
        for result in results:
            for item in result.judged:
                if item.type in FIGURE_TYPES and (args.show == "all" or item.wrong):
                    verdict = f"WRONG ({item.wrong})" if item.wrong else f"covers {item.covers}"
                    console.print(f"{item.article} {item.type} {item.claims}: {verdict}\n    {item.message}",
                                  markup=False, highlight=False)
        for result in results:
            missed = set(result.annotated["conflict"]) - result.found.get("figure_conflict", set())
            for pair in sorted(missed):
                console.print(f"{result.article} missed conflict {pair}", markup=False, highlight=False)


if __name__ == "__main__":
    main()
