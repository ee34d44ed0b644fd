"""claimledger_framing on the Propaganda Techniques Corpus (SemEval-2020 Task 11), held-out articles.

    .venv/bin/python bench/ptc.py PATH/TO/datasets [--split heldout|tune]

PATH holds ``train-articles/``, ``train-labels-task2-technique-classification/`` and
``train-labels-task1-span-identification/`` as the task distributed them (the dataset is read
from a local copy and never becomes part of this repository). The train articles are sorted by
id and every fifth one (ids[4::5], 20%) is held out: the lexicons were never tuned on those;
``--split tune`` scores the other 80%, the only part used while building them.

Metric: the task's partial-overlap span metric, reimplemented here. For predicted spans S and
gold spans T of an article, P = Σ_s Σ_t |s∩t| / |s| over |S| and R = Σ_s Σ_t |s∩t| / |t| over
|T| (characters; summed over articles before dividing), F1 their harmonic mean. Per technique
only spans of that technique are compared; "overall (SI)" compares every predicted span with
the task-1 gold spans (overlaps already merged by the organisers), ignoring the technique,
which is the task's span-identification score. PTC annotates propaganda wherever it is,
quoted or not, so the raw predictions of every voice are scored (claimledger reports only the
author's as findings). Hedging and rhetorical questions are not PTC techniques and are left
out. ``Framing`` spans (the tagger's propaganda spans whose technique it cannot name with
precision ≥ 0.60) have no technique row but count in the overall SI row; they stay in the
framing summary and never become findings.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

from claimledger import nlp as nlp_loader
from claimledger.extract.framing import FRAMING, FRAMING_KEY, HEDGING, RHETORICAL

Spans = list[tuple[int, int]]


def split_ids(root: Path) -> tuple[list[str], list[str]]:
    ids = sorted(p.stem.removeprefix("article") for p in (root / "train-articles").glob("article*.txt"))
    held = ids[4::5]
    return [i for i in ids if i not in set(held)], held


def read_labels(path: Path, with_technique: bool) -> dict[str, Spans]:
    out: dict[str, Spans] = defaultdict(list)
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if with_technique and len(parts) == 4:
            out[parts[1]].append((int(parts[2]), int(parts[3])))
        elif not with_technique and len(parts) == 3:
            out["*"].append((int(parts[1]), int(parts[2])))
    return out


class Score:
    """Sums of the partial-overlap numerators and the span counts, over articles."""

    def __init__(self) -> None:
        self.p_num = self.r_num = 0.0
        self.n_pred = self.n_gold = 0

    def add(self, pred: Spans, gold: Spans) -> None:
        self.n_pred += len(pred)
        self.n_gold += len(gold)
        for ps, pe in pred:
            for gs, ge in gold:
                overlap = min(pe, ge) - max(ps, gs)
                if overlap > 0:
                    self.p_num += overlap / (pe - ps)
                    self.r_num += overlap / (ge - gs)

    def prf(self) -> tuple[float, float, float]:
        p = self.p_num / self.n_pred if self.n_pred else 0.0
        r = self.r_num / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--split", choices=("heldout", "tune"), default="heldout")
    args = parser.parse_args()
    root: Path = args.path
    tune, held = split_ids(root)
    ids = held if args.split == "heldout" else tune

    nlp = nlp_loader.load()
    texts = [(root / "train-articles" / f"article{i}.txt").read_text(encoding="utf-8") for i in ids]
    scores: dict[str, Score] = defaultdict(Score)
    overall = Score()
    for article_id, doc in zip(ids, nlp.pipe(texts, batch_size=8)):
        gold = read_labels(root / "train-labels-task2-technique-classification" / f"article{article_id}.task2-TC.labels", True)
        si_gold = read_labels(root / "train-labels-task1-span-identification" / f"article{article_id}.task1-SI.labels", False)
        pred: dict[str, Spans] = defaultdict(list)
        for span in doc.spans[FRAMING_KEY]:
            if span.label_ not in (HEDGING, RHETORICAL):
                pred[span.label_].append((span.start_char, span.end_char))
        for technique in (set(gold) | set(pred)) - {FRAMING}:
            scores[technique].add(pred.get(technique, []), gold.get(technique, []))
        merged = sorted({s for spans in pred.values() for s in spans})
        overall.add(merged, si_gold.get("*", []))

    table = Table(title=f"PTC train, {args.split} split: {len(ids)} articles (partial-overlap span metric)")
    for column in ("technique", "pred", "gold", "P", "R", "F1"):
        table.add_column(column, justify="left" if column == "technique" else "right")
    for technique, score in sorted(scores.items(), key=lambda kv: -kv[1].n_gold):
        if not score.n_pred:
            continue  # a technique the component never predicts is not reported
        p, r, f = score.prf()
        table.add_row(technique, str(score.n_pred), str(score.n_gold), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    p, r, f = overall.prf()
    table.add_row("overall (SI, any technique)", str(overall.n_pred), str(overall.n_gold), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", style="bold")
    Console().print(table)


if __name__ == "__main__":
    main()
