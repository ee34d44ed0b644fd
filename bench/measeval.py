"""Quantity spans on MeasEval, scored as the official MeasEval scorer scores them.

    .venv/bin/python bench/measeval.py PATH [--split eval|train|trial]

PATH is a local copy of the MeasEval repository (github.com/harperco/MeasEval); its
data is never copied into this project. For every paragraph of the split, the gold
Quantity spans (``annotType == "Quantity"`` in data/<split>/tsv) are compared with
the spans of claimledger_figures and, side by side, of quantulum3.

The scoring reimplements the Quantity part of MeasEval's ``eval/measeval-eval.py``:
a predicted and a gold span of the same paragraph match when they overlap (end
points touching counts); every matching pair is a row scored with the SQuAD-style
token overlap F1 (tokens split on single spaces) and takes the best F1 of its
predicted span; predicted spans with no match and gold spans with no match are rows
scored 0. Overlap F1 is the mean over all rows, precision and recall count rows.

MeasEval's quantities carry their unit ("5 mm", "2 hours"). claimledger keeps time
words out of a figure (they are the periods component's), so the adapter below
extends a figure by a directly following time word; physical units are already part
of the figure. Tune on train/trial only; eval is the acceptance split.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import spacy

import claimledger.extract  # noqa: F401  (registers claimledger_figures)
from baseline_quantulum import quantulum_parser  # bench/ is on sys.path when a bench runs
from claimledger.extract.extensions import FIGURES_KEY

TIME_WORD = re.compile(
    r"\s(?:years?|yr|months?|weeks?|days?|hours?|hrs?|minutes?|min|seconds?|sec)\b"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Score:
    system: str
    matches: int = 0
    predicted_only: int = 0
    gold_only: int = 0
    f1_sum: float = 0.0
    exact_sum: float = 0.0
    predicted: int = 0
    gold: int = 0

    @property
    def rows(self) -> int:
        return self.matches + self.predicted_only + self.gold_only

    @property
    def precision(self) -> float:
        return self.matches / max(1, self.matches + self.predicted_only)

    @property
    def recall(self) -> float:
        return self.matches / max(1, self.matches + self.gold_only)

    @property
    def overlap_f1(self) -> float:
        return self.f1_sum / max(1, self.rows)

    @property
    def exact_match(self) -> float:
        return self.exact_sum / max(1, self.rows)


def overlaps(a: Span, b: Span) -> bool:
    """The scorer's join condition: an end point of one lies within the other, ends inclusive."""
    return a.start <= b.end and b.start <= a.end


def token_f1(predicted: Span, gold: Span) -> float:
    """The scorer's calcF1: overlap tokens over predicted and gold tokens, split on single spaces.

    As in the scorer, an empty overlap (spans that only touch) still counts one token.
    """
    start, end = max(predicted.start, gold.start), min(predicted.end, gold.end)
    offset = max(0, start - predicted.start)
    overlap = predicted.text[offset : offset + (end - start)]
    common = len(overlap.split(" "))
    precision = common / len(predicted.text.split(" "))
    recall = common / len(gold.text.split(" "))
    return 2 * precision * recall / (precision + recall)


def score_paragraph(score: Score, predicted: list[Span], gold: list[Span]) -> None:
    score.predicted += len(predicted)
    score.gold += len(gold)
    matched_gold: set[int] = set()
    for p in predicted:
        pairs = [(i, g) for i, g in enumerate(gold) if overlaps(p, g)]
        if not pairs:
            score.predicted_only += 1
            continue
        best = max(token_f1(p, g) for _, g in pairs)
        for i, g in pairs:
            matched_gold.add(i)
            score.matches += 1
            score.f1_sum += best
            score.exact_sum += float((p.start, p.end) == (g.start, g.end))
    score.gold_only += len(gold) - len(matched_gold)


def text_dir(root: Path, split: str) -> Path:
    for name in ("text", "txt"):
        if (root / "data" / split / name).is_dir():
            return root / "data" / split / name
    sys.exit(f"no texts for split {split!r} under {root / 'data' / split}")


def load_split(root: Path, split: str) -> list[tuple[str, str, list[Span]]]:
    """(paragraph id, text, gold Quantity spans) for every paragraph of the split."""
    paragraphs = []
    for path in sorted(text_dir(root, split).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold: list[Span] = []
        tsv = root / "data" / split / "tsv" / f"{path.stem}.tsv"
        if tsv.exists():
            with tsv.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    if row["annotType"] == "Quantity":
                        gold.append(Span(int(row["startOffset"]), int(row["endOffset"]), row["text"]))
        paragraphs.append((path.stem, text, gold))
    return paragraphs


def claimledger_spans(texts: list[str]) -> Iterable[list[Span]]:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimledger_figures")
    for text, doc in zip(texts, nlp.pipe(texts), strict=True):
        spans = []
        for span in doc.spans[FIGURES_KEY]:
            end = span.end_char
            time_word = TIME_WORD.match(text, end)
            if time_word:
                end = time_word.end()
            spans.append(Span(span.start_char, end, text[span.start_char : end]))
        yield spans


def quantulum_spans(texts: list[str]) -> Iterable[list[Span]]:
    parser = quantulum_parser()
    for text in texts:
        yield [Span(q.span[0], q.span[1], text[q.span[0] : q.span[1]]) for q in parser.parse(text)]


SYSTEMS: dict[str, Callable[[list[str]], Iterable[list[Span]]]] = {
    "claimledger": claimledger_spans,
    "quantulum3": quantulum_spans,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="local copy of the MeasEval repository")
    parser.add_argument("--split", choices=("eval", "train", "trial"), default="eval")
    args = parser.parse_args()
    paragraphs = load_split(args.path, args.split)
    texts = [text for _, text, _ in paragraphs]
    print(f"MeasEval {args.split}: {len(paragraphs)} paragraphs, {sum(len(g) for *_, g in paragraphs)} gold quantities")
    print(f"{'system':<12} {'precision':>9} {'recall':>7} {'overlap F1':>10} {'exact':>6} {'n pred':>7} {'n gold':>7}")
    for name, system in SYSTEMS.items():
        score = Score(name)
        for (_, _, gold), predicted in zip(paragraphs, system(texts), strict=True):
            score_paragraph(score, predicted, gold)
        print(
            f"{name:<12} {score.precision:>9.3f} {score.recall:>7.3f} {score.overlap_f1:>10.3f}"
            f" {score.exact_match:>6.3f} {score.predicted:>7} {score.gold:>7}"
        )


if __name__ == "__main__":
    main()
