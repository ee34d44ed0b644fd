"""Score claimledger's attribution against PolNeAR (Newell et al. 2018).

    python bench/polnear.py PATH [--split dev] [--limit N] [--speed]

PATH is a PolNeAR checkout (the directory holding ``data/``), e.g. one extracted from
github.com/networkdynamics/PolNeAR; nothing of it is copied here. Develop on ``train``/``dev``;
``test`` is the acceptance split: run it once, never tune on it.

Every article of the split runs through the full analysis (the loaded pipeline, then
``pipeline.ledger_from_doc`` with the checks). Predictions are the attributed contents the
components leave on the Doc: quotes (not titles) and statements with a chain, each with its
nearest-first source and cue; the predicted source span is that source's mention nearest the cue.
A quote inside a statement of the same cue is part of that content, not a prediction of its own.
Articles annotated by several annotators are scored against the first annotation file (sorted name).

Scores:

- content found at >= 30% and >= 80%: a gold content counts as found when a prediction covers at
  least that share of its characters and lies at least half inside it; precision counts predictions
  that find some gold content; F1 of the two;
- speaker accuracy: of the gold contents found (30%) that have a gold source, the share whose
  predicted source mention overlaps the gold source span (``strict``), or any mention of the predicted
  source does (``any mention``: coreference credited);
- exact-match F1 for source, cue and content spans (edges stripped of spaces and punctuation), the
  measure CofeNet (Wang et al. 2022) reports on PolNeAR: 83.2 / 75.3 / 72.9.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

_STRIP = " \t\n\r.,;:!?\"'“”‘’«»()—–-"


@dataclass
class Gold:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Pred:
    content: tuple[int, int]
    source: tuple[int, int] | None
    source_mentions: list[tuple[int, int]]
    cue: tuple[int, int] | None


def _ranges(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path) -> list[Gold]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            label, _, rest = cols[1].partition(" ")
            try:
                spans[cols[0]] = (label, _ranges(rest))
            except ValueError:
                continue
        elif cols[0].startswith("E"):
            roles = dict(part.split(":", 1) for part in cols[1].split() if ":" in part)
            relations.append(roles)
    golds = []
    for roles in relations:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        g = Gold(content=spans[roles["Content"]][1])
        if roles.get("Source") in spans:
            g.source = spans[roles["Source"]][1]
        if roles.get("Cue") in spans:
            g.cue = spans[roles["Cue"]][1]
        golds.append(g)
    return golds


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(a: list[tuple[int, int]]) -> int:
    return sum(e - s for s, e in a)


def _norm(text: str, ranges: list[tuple[int, int]] | tuple[int, int] | None) -> tuple[int, int] | None:
    if not ranges:
        return None
    if isinstance(ranges, tuple):
        ranges = [ranges]
    s, e = min(r[0] for r in ranges), max(r[1] for r in ranges)
    while s < e and text[s] in _STRIP:
        s += 1
    while e > s and text[e - 1] in _STRIP:
        e -= 1
    return (s, e) if e > s else None


def predictions(doc) -> list[Pred]:
    sources = {s.id: s for s in (doc._.cl_sources or [])}
    preds = []
    for key in ("cl_quotes", "cl_statements"):
        for span in doc.spans.get(key, []):
            chain = span._.cl_attribution
            if not chain or span._.cl_quote_kind == "title":
                continue
            first = chain[0]
            src = sources.get(first.source)
            mentions = list(src.mentions) if src else []
            nearest = (
                min(mentions, key=lambda m: min(abs(m[0] - first.end), abs(first.start - m[1]))) if mentions else None
            )
            preds.append(Pred((span.start_char, span.end_char), nearest, mentions, (first.start, first.end)))
    # a quote inside a statement of the same cue is part of that content, not an attribution of its own
    statements = {(p.cue, p.content) for p in preds if p.cue is not None}
    preds = [
        p for p in preds
        if not any(c == p.cue and c_content != p.content and c_content[0] <= p.content[0] and p.content[1] <= c_content[1]
                   for c, c_content in statements)
    ]
    # one prediction per content span
    seen, out = set(), []
    for p in preds:
        if p.content not in seen:
            seen.add(p.content)
            out.append(p)
    return out


def articles(root: Path, split: str) -> list[tuple[str, str, list[Gold]]]:
    base = root / "data" / split if (root / "data").exists() else root
    anns = sorted((base / "attributions").glob("*.ann"))
    by_article: dict[str, Path] = {}
    for ann in anns:
        stem = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(stem, ann)
    out = []
    for txt in sorted((base / "text").glob("*.txt")):
        ann = by_article.get(txt.stem)
        if ann is None:
            continue
        out.append((txt.stem, txt.read_text("utf-8"), read_ann(ann)))
    return out


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(items: list[tuple[str, list[Gold], list[Pred]]]) -> dict[str, float]:
    res: dict[str, float] = {}
    for thr in (0.3, 0.8):
        found = matched_pred = n_gold = n_pred = 0
        spk_n = spk_strict = spk_any = 0
        for text, golds, preds in items:
            n_gold += len(golds)
            n_pred += len(preds)
            used = set()
            for g in golds:
                best = None
                for i, p in enumerate(preds):
                    ov = _overlap(g.content, [p.content])
                    if ov >= thr * _length(g.content) and ov >= 0.5 * (p.content[1] - p.content[0]):
                        best = i if best is None else best
                        used.add(i)
                if best is not None:
                    found += 1
                    if thr == 0.3 and g.source:
                        p = preds[best]
                        spk_n += 1
                        if p.source and _overlap(g.source, [p.source]) > 0:
                            spk_strict += 1
                        if any(_overlap(g.source, [m]) > 0 for m in p.source_mentions):
                            spk_any += 1
            matched_pred += len(used)
        r = found / n_gold if n_gold else 0.0
        p = matched_pred / n_pred if n_pred else 0.0
        tag = int(thr * 100)
        res[f"content@{tag}_P"], res[f"content@{tag}_R"], res[f"content@{tag}_F1"] = p, r, f1(p, r)
        if thr == 0.3:
            res["speaker_acc_strict"] = spk_strict / spk_n if spk_n else 0.0
            res["speaker_acc_any_mention"] = spk_any / spk_n if spk_n else 0.0
            res["n_gold"], res["n_pred"] = n_gold, n_pred
    for role in ("source", "cue", "content"):
        tp = n_g = n_p = 0
        for text, golds, preds in items:
            g_set = {_norm(text, getattr(g, role)) for g in golds} - {None}
            p_set = {_norm(text, getattr(p, role)) for p in preds} - {None}
            tp += len(g_set & p_set)
            n_g += len(g_set)
            n_p += len(p_set)
        p = tp / n_p if n_p else 0.0
        r = tp / n_g if n_g else 0.0
        res[f"exact_{role}_F1"] = f1(p, r)
    return res


def analyse(data: list[tuple[str, str, list[Gold]]], language: str) -> tuple[list[tuple[str, list[Gold], list[Pred]]], float]:
    """Each article's text, gold and predicted spans through the full analysis, and the seconds it took
    (bench/spkatt.py scores German the same way)."""
    from claimledger import nlp as loader
    from claimledger.model import Article
    from claimledger.pipeline import _doc_for, ledger_from_doc

    nlp = loader.load(language)
    arts = [Article(text=text, language=language) for _, text, _ in data]
    t0 = time.perf_counter()
    items = []
    for (_, text, golds), article, doc in zip(data, arts, nlp.pipe((_doc_for(nlp, a) for a in arts), batch_size=16)):
        ledger_from_doc(doc, article)
        items.append((text, golds, predictions(doc)))
    return items, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--speed", action="store_true", help="also time bare nlp.pipe on the same texts")
    args = ap.parse_args(argv)

    from claimledger import nlp as loader

    data = articles(args.path, args.split)
    if args.limit:
        data = data[: args.limit]
    items, full = analyse(data, "en")
    res = score(items)
    print(f"PolNeAR {args.split}: {len(items)} articles, {int(res.pop('n_gold'))} gold contents, {int(res.pop('n_pred'))} predicted")
    for key, value in res.items():
        print(f"  {key:26s} {value:.3f}")
    print("  CofeNet exact F1 (source/cue/content): 0.832 / 0.753 / 0.729")
    print(f"  full analysis: {full:.1f}s ({sum(len(t) for t, _, _ in items) / full / 1000:.0f}k chars/s)")
    if args.speed:
        bare = loader.load_bare()
        t0 = time.perf_counter()
        for _ in bare.pipe((text for _, text, _ in data), batch_size=16):
            pass
        base = time.perf_counter() - t0
        print(f"  bare nlp.pipe: {base:.1f}s; full analysis keeps {base / full:.2f} of bare throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
