"""What figures mean on real news: claimledger's ledger against the hand-annotated dev set.

    .venv/bin/python bench/realnews.py PATH [--topic T] [--language L] [--dir bench/realnews] [--json OUT] [--check]

PATH is a local folder of article texts, ``<id>.txt``, rebuilt from the URLs of the
annotations (bench/realnews/README.md says how); the texts are copyrighted and never
committed. ``--check`` only validates, without loading the pipeline. Each annotation ``bench/realnews/<id>.json`` (format: REALNEWS_FORMAT in the
README) is first validated; an annotation whose text is missing or whose sha256 differs is
warned about and skipped, because its contexts would point at the wrong characters.

Every gold figure is located by its context (an exact substring of the text holding the
figure's text once) and matched one-to-one to the predicted figure claim that overlaps it
most. Recall and precision count matches whose bounds are also right (a change's bounds are
compared by magnitude, since "fell 5.1%" is written with a sign by some and not by others).
Among all matched figures the table gives the share right of unit, role, status, measure
(right when the predicted key is in the gold list), period (start and end equal),
aggregation and attribution (the first link's source shares a word with the gold chain's
first name, institution words like "office" counting only when
neither name has another, or both are empty), and the mean token-overlap F1 of ``counted``. The last
column counts predicted figures overlapping an annotated near-miss (age, year, duration,
ID) out of all near-misses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROLES = {"level", "change", "rate", "share", "ratio"}
STATUSES = {"actual", "forecast", "expected", "target", "estimate"}
AGGREGATIONS = {"total", "per_day", "per_week", "per_month", "per_year", "cumulative", "unknown"}
PAIR_KINDS = {"conflict", "consistent", "not_conflict"}
MAX_CONTEXT_WORDS = 12
FUNCTION_WORDS = {"the", "a", "an", "of", "and", "in", "for", "to", "on", "by", "at", "s"}
# Words every institution's name shares: two names match on these only when neither has more.
GENERIC_NAME_WORDS = {"office", "ministry", "department", "agency", "service", "news", "data", "report"}
DEFAULT_DIR = Path(__file__).resolve().parent / "realnews"


# --- the annotation -----------------------------------------------------------------------


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locate(text: str, context: str, figure_text: str) -> tuple[int, int] | None:
    """Character span of ``figure_text`` inside the first occurrence of ``context``."""
    at = text.find(context)
    if at < 0:
        return None
    inner = context.find(figure_text)
    if inner < 0:
        return None
    return at + inner, at + inner + len(figure_text)


def validate(annotation: dict[str, Any], text: str) -> list[str]:
    """Every way the annotation breaks the shared format against its text (empty = valid)."""
    problems: list[str] = []
    for key in ("id", "url", "outlet", "published", "language", "topic", "text_sha256", "figures"):
        if key not in annotation:
            problems.append(f"missing key {key!r}")
    if annotation.get("text_sha256") != sha256_of(text):
        problems.append("text_sha256 does not match the text")
    if not re.fullmatch(r"[a-z0-9-]+", annotation.get("id", "")):
        problems.append("id is not a slug of [a-z0-9-]")
    if annotation.get("published") is not None:
        try:
            date.fromisoformat(annotation["published"])
        except ValueError:
            problems.append(f"published {annotation['published']!r} is not an ISO date")
    ids: set[str] = set()
    for figure in annotation.get("figures", []):
        fid = figure.get("id", "?")
        if fid in ids:
            problems.append(f"{fid}: duplicate id")
        ids.add(fid)
        problems.extend(f"{fid}: {p}" for p in _context_problems(text, figure.get("context", ""), figure.get("text", "")))
        if figure.get("role") not in ROLES:
            problems.append(f"{fid}: role {figure.get('role')!r}")
        if figure.get("status") not in STATUSES:
            problems.append(f"{fid}: status {figure.get('status')!r}")
        if figure.get("aggregation") not in AGGREGATIONS:
            problems.append(f"{fid}: aggregation {figure.get('aggregation')!r}")
        low, high = figure.get("low"), figure.get("high")
        if low is None and high is None:
            problems.append(f"{fid}: no bound at all")
        if low is not None and high is not None and low > high:
            problems.append(f"{fid}: low {low} > high {high}")
        if not isinstance(figure.get("attribution"), list):
            problems.append(f"{fid}: attribution is not a list")
        if not isinstance(figure.get("qualifiers"), dict):
            problems.append(f"{fid}: qualifiers is not an object")
        period = figure.get("period")
        if period is not None:
            for end in ("start", "end"):
                if period.get(end) is not None:
                    try:
                        date.fromisoformat(period[end])
                    except ValueError:
                        problems.append(f"{fid}: period {end} {period[end]!r} is not an ISO date")
    for near_miss in annotation.get("not_figures", []):
        problems.extend(
            f"not_figure {near_miss.get('text')!r}: {p}"
            for p in _context_problems(text, near_miss.get("context", ""), near_miss.get("text", ""))
        )
    for kind, pairs in annotation.get("pairs", {}).items():
        if kind not in PAIR_KINDS:
            problems.append(f"pairs: unknown kind {kind!r}")
        for pair in pairs:
            if len(pair) != 3 or pair[0] not in ids or pair[1] not in ids:
                problems.append(f"pairs {kind}: {pair!r} does not name two figures and a reason")
    return problems


def _context_problems(text: str, context: str, figure_text: str) -> list[str]:
    problems = []
    if not figure_text or context.count(figure_text) != 1:
        problems.append(f"context {context!r} does not hold {figure_text!r} exactly once")
    if context not in text:
        problems.append(f"context {context!r} is not in the text")
    elif text.count(context) > 1:
        problems.append(f"context {context!r} occurs more than once in the text")
    if len(context.split()) > max(MAX_CONTEXT_WORDS, len(figure_text.split())):
        problems.append(f"context {context!r} is longer than {MAX_CONTEXT_WORDS} words")
    return problems


# --- matching and scoring -----------------------------------------------------------------


@dataclass
class Predicted:
    """One figure claim of the ledger, reduced to what the scoring compares."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    unit: str | None
    role: str | None
    status: str | None
    measure: str | None
    counted: str | None
    period_start: str | None
    period_end: str | None
    aggregation: str
    first_source: str | None


@dataclass
class FigureResult:
    article: str
    topic: str
    gold_id: str
    gold_text: str
    predicted_text: str | None = None
    bounds: bool = False
    checks: dict[str, bool] = field(default_factory=dict)
    counted_f1: float | None = None
    predicted: dict[str, Any] | None = None


@dataclass
class ArticleResult:
    article: str
    topic: str
    figures: list[FigureResult]
    predicted: int
    near_misses: int
    near_miss_hits: list[str]


def predicted_from_ledger(ledger: Any) -> list[Predicted]:
    """The ledger's figure claims as ``Predicted`` rows (a source id resolved to its name)."""
    names = {source.id: source.name for source in ledger.sources}
    rows = []
    for claim in ledger.claims:
        figure = claim.figure
        if figure is None:
            continue
        period = claim.period
        rows.append(
            Predicted(
                start=figure.start,
                end=figure.end,
                text=figure.text,
                low=figure.low,
                high=figure.high,
                unit=figure.unit,
                role=figure.role,
                status=figure.status,
                measure=figure.measure,
                counted=figure.counted,
                period_start=period.start.isoformat() if period and period.start else None,
                period_end=period.end.isoformat() if period and period.end else None,
                aggregation=period.aggregation if period else "unknown",
                first_source=names.get(claim.attribution[0].source, claim.attribution[0].source)
                if claim.attribution
                else None,
            )
        )
    return rows


def match(gold_spans: list[tuple[int, int] | None], predicted: list[Predicted]) -> dict[int, int]:
    """Gold index -> predicted index, one-to-one, largest character overlap first."""
    candidates = []
    for g, span in enumerate(gold_spans):
        if span is None:
            continue
        for p, pred in enumerate(predicted):
            overlap = min(span[1], pred.end) - max(span[0], pred.start)
            if overlap > 0:
                candidates.append((-overlap, g, p))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for _, g, p in sorted(candidates):
        if g not in pairs and p not in taken:
            pairs[g] = p
            taken.add(p)
    return pairs


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


APPROXIMATE_SPREAD = 0.15


def bounds_right(gold: dict[str, Any], pred: Predicted) -> bool:
    """Gold and predicted bounds agree.

    A change is compared by magnitude. Below a level, share or rate, no lower bound and 0
    say the same ("less than 2%"). An approximate gold figure ("about 60 thousand", "almost
    30,000") is written with the stated value as its bound(s); a prediction that widens it
    into an interval is right when the interval holds the stated value(s) and each of its
    bounds stays within 15% of the stated bound on its side, since how wide "about" is is a
    convention, not a reading of the text.
    """
    g_low, g_high, p_low, p_high = gold["low"], gold["high"], pred.low, pred.high
    if gold["role"] == "change":
        g_low, g_high = _magnitudes(g_low, g_high)
        p_low, p_high = _magnitudes(p_low, p_high)
    else:
        g_low, p_low = g_low or None, p_low or None
    if _same_number(g_low, p_low) and _same_number(g_high, p_high):
        return True
    if not gold.get("approximate"):
        return False
    stated = [b for b in (g_low, g_high) if b is not None]
    holds = all((p_low is None or p_low <= b) and (p_high is None or b <= p_high) for b in stated)
    near_low = _near(p_low, g_low if g_low is not None else g_high)
    near_high = _near(p_high, g_high if g_high is not None else g_low)
    return holds and near_low and near_high


def _near(predicted: float | None, stated: float) -> bool:
    return predicted is None or abs(predicted - stated) <= APPROXIMATE_SPREAD * abs(stated)


def _magnitudes(low: float | None, high: float | None) -> tuple[float | None, float | None]:
    if low is not None and high is not None:
        return tuple(sorted((abs(low), abs(high))))  # type: ignore[return-value]
    if low is not None and low < 0:
        return None, abs(low)  # "fell by more than 5" written as high -5
    if high is not None and high < 0:
        return abs(high), None
    return low, high


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


# The closed unit vocabulary of REALNEWS_FORMAT.md; any other unit is the plural noun of one unit.
UNIT_VOCABULARY = {
    "people", "cases", "money", "percent", "percentage_points", "ratio", "tonnes", "hectares", "acres", "km",
    "km2", "kg", "litres", "barrels", "votes", "seats", "jobs", "homes", "buildings", "vehicles", "items",
    "degrees_celsius", "magnitude",
}


def same_unit(predicted: str | None, gold: str | list[str]) -> bool:
    """The predicted unit is one of the gold ones; a gold ``items`` (a generic count) also takes the
    plural noun of a specific thing counted ("3 centres": centres), which the format allows outside
    its vocabulary and which says no less."""
    golds = _as_list(gold)
    if predicted in golds:
        return True
    return "items" in golds and predicted is not None and predicted not in UNIT_VOCABULARY


def same_measure(predicted: str | None, gold: str | list[str]) -> bool:
    """The predicted key names a gold measure: the same key, the same words up to a plural
    ("jobless_claim" / "jobless_claims"), or a key the taxonomy holds as a synonym or trigger of
    exactly one measure ("arrests" is ``detentions``, "ebitda" is ``operating_income``), since a
    reader takes a measure's synonym for the measure."""
    if predicted is None:
        return False
    said = _canonical_measure(predicted)
    return any(predicted == key or said == _canonical_measure(key) for key in _as_list(gold) if key)


def _key_words(key: str) -> frozenset[str]:
    return frozenset(_singular(word) for word in re.split(r"[_\s-]+", key.lower()) if word)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _canonical_measure(key: str) -> str | frozenset[str]:
    """A taxonomy key for ``key`` when its words are a key, synonym or trigger of one measure only,
    else its own words."""
    words = _key_words(key)
    return _taxonomy_words().get(words, words)


def _taxonomy_words() -> dict[frozenset[str], str]:
    global _TAXONOMY_WORDS
    if _TAXONOMY_WORDS is None:
        path = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "data" / "measures_lexicon.json"
        owners: dict[frozenset[str], set[str]] = defaultdict(set)
        keys: dict[frozenset[str], str] = {}
        for measure in json.loads(path.read_text(encoding="utf-8"))["measures"]:
            keys[_key_words(measure["key"])] = measure["key"]
            names = [*measure.get("synonyms", []), *(t if isinstance(t, str) else " ".join(t) for t in measure.get("triggers", []))]
            for name in names:
                owners[_key_words(name)].add(measure["key"])
        _TAXONOMY_WORDS = {words: next(iter(owned)) for words, owned in owners.items() if len(owned) == 1}
        _TAXONOMY_WORDS.update(keys)  # a measure's own key is never another's synonym
    return _TAXONOMY_WORDS


_TAXONOMY_WORDS: dict[frozenset[str], str] | None = None


def tokens(text: str | None) -> list[str]:
    return re.findall(r"[\w’']+", (text or "").lower())


def token_f1(predicted: str | None, gold: str | None) -> float:
    """SQuAD-style token overlap F1 of two phrases."""
    p, g = tokens(predicted), tokens(gold)
    if not p or not g:
        return float(p == g)
    common = sum(min(p.count(t), g.count(t)) for t in set(p))
    if not common:
        return 0.0
    precision, recall = common / len(p), common / len(g)
    return 2 * precision * recall / (precision + recall)


def same_source(predicted: str | None, gold_chain: list[str]) -> bool:
    """The predicted first source names the gold chain's first source (a shared content word)."""
    if not gold_chain:
        return not predicted
    if not predicted:
        return False
    said, gold = _content_words(predicted), _content_words(gold_chain[0])
    said_distinct, gold_distinct = said - GENERIC_NAME_WORDS, gold - GENERIC_NAME_WORDS
    if said_distinct and gold_distinct:
        return bool(said_distinct & gold_distinct)
    return bool(said & gold)


def _content_words(name: str) -> set[str]:
    return {t.removesuffix("'s").removesuffix("’s") for t in tokens(name)} - FUNCTION_WORDS


def score_article(annotation: dict[str, Any], text: str, predicted: list[Predicted]) -> ArticleResult:
    """Match one article's gold figures to its predicted figures and score each match."""
    golds = annotation["figures"]
    spans = [locate(text, g["context"], g["text"]) for g in golds]
    pairs = match(spans, predicted)
    results = []
    for index, gold in enumerate(golds):
        result = FigureResult(annotation["id"], annotation["topic"], gold["id"], gold["text"])
        if index in pairs:
            pred = predicted[pairs[index]]
            period = gold.get("period") or {}
            result.predicted_text = pred.text
            result.predicted = asdict(pred)
            result.bounds = bounds_right(gold, pred)
            result.checks = {
                "unit": same_unit(pred.unit, gold["unit"]),
                "role": pred.role == gold["role"],
                "status": (pred.status or "actual") == gold["status"],
                "measure": same_measure(pred.measure, gold["measure"]),
                "period": (pred.period_start, pred.period_end) == (period.get("start"), period.get("end")),
                "aggregation": pred.aggregation == gold["aggregation"],
                "attribution": same_source(pred.first_source, gold["attribution"]),
            }
            result.counted_f1 = token_f1(pred.counted, gold["counted"])
        results.append(result)
    near_misses = annotation.get("not_figures", [])
    hits = []
    for near_miss in near_misses:
        span = locate(text, near_miss["context"], near_miss["text"])
        if span and any(min(span[1], p.end) > max(span[0], p.start) for p in predicted):
            hits.append(near_miss["text"])
    return ArticleResult(annotation["id"], annotation["topic"], results, len(predicted), len(near_misses), hits)


CHECKS = ("unit", "role", "status", "measure", "period", "aggregation", "attribution")


@dataclass
class Tally:
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    right: int = 0
    matched: int = 0
    checks: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    counted_f1: float = 0.0
    near_misses: int = 0
    near_miss_hits: int = 0

    def add(self, article: ArticleResult) -> None:
        self.articles += 1
        self.gold += len(article.figures)
        self.predicted += article.predicted
        self.near_misses += article.near_misses
        self.near_miss_hits += len(article.near_miss_hits)
        for figure in article.figures:
            if figure.predicted is None:
                continue
            self.matched += 1
            self.right += figure.bounds
            self.counted_f1 += figure.counted_f1 or 0.0
            for check, ok in figure.checks.items():
                self.checks[check] += ok

    def cells(self) -> dict[str, str]:
        """Metric name -> printed value, in the table's order."""
        share = lambda n, d: f"{n / d:.2f}" if d else "-"  # noqa: E731
        return {
            "articles": str(self.articles),
            "gold figures": str(self.gold),
            "predicted figures": str(self.predicted),
            "recall (bounds right)": share(self.right, self.gold),
            "precision (bounds right)": share(self.right, self.predicted),
            "matched figures": str(self.matched),
            **{f"{check} right": share(self.checks[check], self.matched) for check in CHECKS[:4]},
            "counted token F1": share(self.counted_f1, self.matched),
            **{f"{check} right": share(self.checks[check], self.matched) for check in CHECKS[4:]},
            "near-misses taken": f"{self.near_miss_hits}/{self.near_misses}",
        }


def tally(results: Iterable[ArticleResult]) -> tuple[Tally, dict[str, Tally]]:
    overall, by_topic = Tally(), defaultdict(Tally)
    for result in results:
        overall.add(result)
        by_topic[result.topic].add(result)
    return overall, dict(by_topic)


# --- the command --------------------------------------------------------------------------


def load(directory: Path, texts: Path, topic: str | None, language: str | None, console: Console) -> list[tuple[dict, str]]:
    """Valid annotations with their texts; every skipped one is named on the console."""
    loaded = []
    for path in sorted(directory.glob("*.json")):
        annotation = json.loads(path.read_text(encoding="utf-8"))
        if topic and annotation.get("topic") != topic or language and annotation.get("language") != language:
            continue
        text_path = texts / f"{annotation['id']}.txt"
        if not text_path.exists():
            console.print(f"[yellow]skip {annotation['id']}: no text at {text_path}[/yellow]")
            continue
        text = text_path.read_text(encoding="utf-8")
        if sha256_of(text) != annotation.get("text_sha256"):
            console.print(f"[yellow]skip {annotation['id']}: text sha256 differs from the annotation's[/yellow]")
            continue
        problems = validate(annotation, text)
        if problems:
            console.print(f"[red]invalid {path.name}:[/red] " + "; ".join(problems))
            continue
        loaded.append((annotation, text))
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path, help="folder of <id>.txt article texts")
    parser.add_argument("--topic", help="only annotations of this topic")
    parser.add_argument("--language", help="only annotations of this language")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of the <id>.json annotations")
    parser.add_argument("--json", type=Path, help="write per-figure results here for debugging")
    parser.add_argument("--check", action="store_true", help="only validate the annotations against the texts")
    args = parser.parse_args()
    console = Console()
    if not console.is_terminal:
        console = Console(width=150)  # a piped table keeps one line per metric
    loaded = load(args.dir, args.path, args.topic, args.language, console)
    if not loaded:
        console.print("no annotated article with a matching text")
        sys.exit(1)
    if args.check:
        figures = sum(len(annotation["figures"]) for annotation, _ in loaded)
        console.print(f"{len(loaded)} annotations valid against their texts, {figures} figures")
        return

    from claimledger.model import Article
    from claimledger.pipeline import analyze_many

    articles = [
        Article(
            text=text,
            id=annotation["id"],
            url=annotation["url"],
            outlet=annotation["outlet"],
            published=date.fromisoformat(annotation["published"]) if annotation["published"] else None,
            language=annotation["language"],
        )
        for annotation, text in loaded
    ]
    results = [
        score_article(annotation, text, predicted_from_ledger(ledger))
        for (annotation, text), ledger in zip(loaded, analyze_many(articles))
    ]
    overall, by_topic = tally(results)
    table = Table(title=f"claimledger on the real-news dev set: {overall.articles} articles, {overall.gold} figures")
    topics = sorted(by_topic)
    for column in ("metric", *topics, "overall"):
        table.add_column(column, justify="left" if column == "metric" else "right")
    columns = [by_topic[t].cells() for t in topics] + [overall.cells()]
    for metric in columns[-1]:
        table.add_row(metric, *(cells[metric] for cells in columns))
    console.print(table)
    console.print("recall/precision count matches with bounds right; the rows below are shares among matched figures")
    if args.json:
        dump = [{**asdict(r), "figures": [asdict(f) for f in r.figures]} for r in results]
        args.json.write_text(json.dumps(dump, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
