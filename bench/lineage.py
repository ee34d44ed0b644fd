"""Lineages at scale: edges and drifts found against known relay chains, and the cost of an update.

    .venv/bin/python bench/lineage.py [--articles 5000] [--new 1000] [--chains 700] [--analysis oracle|pipeline]
                                      [--sample 40] [--work DIR]

Generates a corpus of news articles in which known numbers travel through relay chains
(a tree per number: each relay takes an earlier article of the chain as its parent) with
known mutations on each hop — rounding or a bound added, the unit changed (cases → people),
the period shifted or widened to the year so far, the source dropped, misspelled or replaced
by a new authority — among unrelated figures (every article carries one or two, and a share
of the unrelated articles repeat a chain's number for another measure and month: near-misses).
Relays credit their parent's outlet, keep or alter its chain, or copy its text (content farms).

The first ``--articles`` articles are added, then ``--new`` more (drawn across the whole
time range, so some are earlier than stored ones and must re-parent them). Printed:
precision and recall of lineage edges (article pairs) and of each drift type, and the time
the update spent linking lineages against the analysis time of the new articles.

``--analysis oracle`` (default) stores the ledgers the generator knows (what a perfect
extraction gives), so the lineage logic is measured alone at full size; the analysis time is
then measured with the real pipeline on ``--sample`` of the new articles and scaled to all of
them. ``--analysis pipeline`` analyses every article with the real model (slow: hours for
6,000 articles on a busy 2-core machine).
"""

from __future__ import annotations

import argparse
import calendar
import random
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from claimledger.corpus import Corpus
from claimledger.model import Article, Attribution, Claim, Figure, Ledger, Period, Source

SEED = 20251206
FILLER_SENTENCES = 14
"""Sentences of other text an article carries (with its figures: about 250 words, a short news item)."""
MEASURES = [  # key, unit, counted phrases
    ("desertion", "people", ["soldiers deserted", "troops deserted their units"]),
    ("criminal_cases", "cases", ["criminal cases opened", "criminal proceedings registered"]),
    ("deaths", "people", ["people killed"]),
    ("displacement", "people", ["people displaced"]),
    ("mobilization", "people", ["men mobilised"]),
    ("injuries", "people", ["people injured"]),
    ("prisoners", "people", ["prisoners taken"]),
]
CASES_TO_PEOPLE = ("desertion", "people", ["soldiers deserted", "troops deserted their units", "servicemen deserted"])
"""What a count of criminal cases becomes on the way: a count of people (each relay words it its own way)."""
ADJECTIVES = ["Northern", "Eastern", "Daily", "Evening", "Morning", "Central", "Free", "New", "Baltic", "Danube",
              "Atlantic", "Global", "Frontline", "Continental", "Coastal", "Metro", "National", "Civic", "Open", "Union"]
NOUNS = ["Courier", "Herald", "Observer", "Ledger", "Monitor", "Gazette", "Tribune", "Review", "Digest", "Post",
         "Chronicle", "Dispatch", "Sentinel", "Journal", "Bulletin", "Record", "Times", "Express", "Standard", "Wire"]
FIRST = ["Anna", "Dmytro", "Olena", "Ivan", "Maria", "Roman", "Katrin", "Piotr", "Sofia", "Jonas", "Lena", "Marek",
         "Irina", "Tomas", "Hanna", "Viktor", "Elena", "Pavel", "Ruth", "Stefan"]
LAST = ["Kovalenko", "Lubinets", "Shevchuk", "Petrenko", "Zakharova", "Kostenko", "Brandt", "Nowak", "Horvath",
        "Lindqvist", "Moretti", "Dubois", "Fischer", "Novak", "Varga", "Sandberg", "Keller", "Marino", "Wagner", "Bauer"]
AUTHORITIES = ["Prosecutor General's Office", "General Staff", "Interior Ministry", "State Statistics Service",
               "Defence Ministry", "Red Cross", "Border Guard Service", "Regional Administration", "Health Ministry",
               "Emergency Service"]
DISTRICTS = [f"{head}{tail}" for head in ("Nor", "Vel", "Bor", "Kra", "Lis", "Dor") for tail in
             ("ava", "enko", "ovo", "ino", "ets", "yn", "ara", "ul", "ik", "en")]
"""Invented district names: filler sentences told apart by words, not by numbers the analysis would read as figures."""
FILLER = [
    "Officials said the figures would be reviewed before the end of the year.",
    "The report was published after weeks of questions from lawmakers and journalists.",
    "Analysts cautioned that the numbers could change as more data becomes available.",
    "The government has not commented on the figures in detail.",
    "Several independent groups have published estimates of their own.",
    "The numbers were first presented at a briefing in the capital.",
    "Critics argue the data is incomplete and collected under difficult conditions.",
    "A spokesperson declined to give a breakdown by region.",
    "The issue has become a central topic in the country's political debate.",
    "Observers noted that earlier figures had been revised several times.",
    "Local authorities described the situation as difficult but under control.",
    "The figures come amid growing pressure on the administration.",
    "International partners have asked for more transparency about the data.",
    "The agency said it would publish updated numbers next month.",
    "Residents interviewed by reporters described a sense of uncertainty.",
    "The opposition called for a parliamentary inquiry into the figures.",
    "Experts said the trend had been visible for several months.",
    "The ministry said it was working to improve the way the data is collected.",
    "Questions remain about how the figures were counted.",
    "The statement did not say how the numbers compare with last year.",
] + [f"Background note on {place}: the situation in the {place} district was reported to be stable, officials said."
     for place in DISTRICTS]


@dataclass
class Node:
    """One appearance of a number: what the generator knows about it."""

    outlet: str
    published: date | None
    value: float
    form: str  # exact | over | almost | about
    step: float
    measure: str
    unit: str
    counted: str
    period: Period
    chain: list[tuple[str, str]]
    filler: list[str]
    extras: list[tuple[float, str, str, str, Period]] = field(default_factory=list)
    """Unrelated figures the article also gives (a copy keeps its parent's)."""
    parent: int | None = None
    drifts: set[str] = field(default_factory=set)
    copied: bool = False


def _step(value: float) -> float:
    step = 1.0
    while value % (step * 10) == 0:
        step *= 10
    return step


def _month_period(month: date) -> Period:
    end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return Period(month, end, "total", f"in {month:%B %Y}")


def _text(value: float, form: str) -> str:
    number = f"{int(value):,}"
    return {"exact": number, "over": f"over {number}", "almost": f"almost {number}", "about": f"about {number}"}[form]


def _bounds(value: float, form: str) -> tuple[float | None, float | None, bool]:
    return {
        "exact": (value, value, False), "over": (value, None, False), "almost": (0.9 * value, value, True),
        "about": (0.9 * value, 1.1 * value, True),
    }[form]


def _misspell(name: str, rng: random.Random) -> str:
    first, last = name.split(" ", 1)
    i = rng.randrange(1, len(last) - 1)
    letter = rng.choice([c for c in "aeioulnrst" if c != last[i]])
    return f"{first} {last[:i]}{letter}{last[i + 1:]}"


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.outlets = [f"{a} {n}" for a in ADJECTIVES for n in NOUNS]
        self.people = [f"{f} {l}" for f in FIRST for l in LAST]
        self.nodes: list[Node] = []

    def origin(self) -> int:
        rng = self.rng
        key, unit, phrases = rng.choice(MEASURES)
        month = date(rng.choice([2024, 2025]), rng.randint(2, 12), 1)
        value = float(rng.randint(1_000, 400_000))
        chain = [(rng.choice(AUTHORITIES), "organization")]
        if rng.random() < 0.6:
            chain.insert(0, (rng.choice(self.people), "person"))
        published = month.replace(day=calendar.monthrange(month.year, month.month)[1]) + timedelta(rng.randint(1, 5))
        node = Node(rng.choice(self.outlets), published, value, "exact", _step(value), key, unit, rng.choice(phrases),
                    _month_period(month), chain, rng.sample(FILLER, FILLER_SENTENCES), self.extras())
        self.nodes.append(node)
        return len(self.nodes) - 1

    def relay(self, parent_index: int, used: set[str]) -> int:
        """A relay of the node ``parent_index`` by an outlet not in ``used`` (the outlets the chain has already)."""
        rng = self.rng
        parent = self.nodes[parent_index]
        child = Node(rng.choice([o for o in self.outlets if o not in used]), None, parent.value, parent.form,
                     parent.step, parent.measure, parent.unit, parent.counted, parent.period, list(parent.chain),
                     list(parent.filler), parent=parent_index)
        if parent.published is not None and rng.random() > 0.05:
            child.published = parent.published + timedelta(rng.randint(1, 6))
        if rng.random() < 0.3:
            self._round(parent, child)
        if parent.unit == "cases" and rng.random() < 0.5:
            child.measure, child.unit = CASES_TO_PEOPLE[:2]
            child.counted = rng.choice(CASES_TO_PEOPLE[2])
            child.drifts.add("meaning_drift")
        self._source(parent, child)
        if child.published is None:
            month = parent.period.start or date(2025, 1, 1)
            child.period = Period(None, None, "total", f"in {month:%B}")
        elif rng.random() < 0.15 and parent.period.start is not None:
            self._period(parent, child)
        if child.copied:
            child.filler, child.extras = list(parent.filler), list(parent.extras)
        else:
            child.filler, child.extras = rng.sample(FILLER, FILLER_SENTENCES), self.extras()
        self.nodes.append(child)
        return len(self.nodes) - 1

    def _round(self, parent: Node, child: Node) -> None:
        """A coarser step that moves the number by at most 4%, and a bound word that fits the direction."""
        levels = []
        step = parent.step * 10
        while step <= parent.value:
            rounded = round(parent.value / step) * step
            if rounded and rounded != parent.value and abs(rounded - parent.value) <= 0.04 * parent.value:
                levels.append((rounded, step))
            step *= 10
        if not levels:
            return
        rounded, step = self.rng.choice(levels)  # relays round to the tens, the hundreds … as they please
        form = "over" if rounded < parent.value else "almost" if rounded > parent.value else "exact"
        child.form = self.rng.choice([form, "exact", "about"]) if form != "exact" else "exact"
        if child.form == "over" and rounded > parent.value or child.form == "almost" and rounded < parent.value:
            child.form = "exact"
        child.value, child.step = rounded, step
        child.drifts.add("rounding_drift")

    def _source(self, parent: Node, child: Node) -> None:
        rng = self.rng
        person = next((name for name, kind in parent.chain if kind == "person"), None)
        pick = rng.random()
        if pick < 0.45:
            child.chain = [(parent.outlet, "media")]
        elif pick < 0.6 or not parent.chain:
            child.chain, child.copied = list(parent.chain), True  # the whole chain kept: the wire text copied
        elif pick < 0.74 and person is not None:
            child.chain = [(_misspell(name, rng), kind) if name == person else (name, kind) for name, kind in parent.chain]
            child.drifts.add("source_drift")
        elif pick < 0.87:
            child.chain, child.copied = [], True
            child.drifts.add("source_drift")
        else:
            named = {name for name, _ in parent.chain}
            child.chain = [(rng.choice([a for a in AUTHORITIES if a not in named]), "organization")]
            child.copied = True
            child.drifts.add("source_drift")

    def _period(self, parent: Node, child: Node) -> None:
        start = parent.period.start
        assert start is not None
        if self.rng.random() < 0.5:
            if parent.period.aggregation == "cumulative" or start.month == 1:
                return  # the year so far already, or January: nothing would change
            child.period = Period(date(start.year, 1, 1), parent.period.end, "cumulative", "so far this year")
        else:
            child.period = _month_period((start + timedelta(days=40)).replace(day=1))  # every relay has a tie
        child.drifts.add("period_drift")

    def extras(self) -> list[tuple[float, str, str, str, Period]]:
        """One or two unrelated figures: any measure, value and month."""
        rng = self.rng
        found = []
        for _ in range(rng.randint(1, 2)):
            key, unit, phrases = rng.choice(MEASURES)
            month = date(rng.choice([2024, 2025]), rng.randint(1, 12), 1)
            found.append((float(rng.randint(10, 900_000)), key, unit, rng.choice(phrases), _month_period(month)))
        return found


def _sentence(value_text: str, counted: str, period: Period, chain: list[tuple[str, str]]) -> str:
    when = period.text or ""
    if not chain:
        return f"{value_text[0].upper()}{value_text[1:]} {counted} {when}."
    citing = f" citing the {chain[1][0]}" if len(chain) > 1 else ""
    first = chain[0][0] if chain[0][1] != "organization" else f"the {chain[0][0]}"
    return f"{value_text[0].upper()}{value_text[1:]} {counted} {when}, according to {first}{citing}."


@dataclass
class Generated:
    article: Article
    ledger: Ledger
    node: int | None


def build(generator: Generator, node_index: int | None, near_miss: Node | None) -> Generated:
    """The article of a chain node (or an unrelated one), its text and the ledger a perfect extraction gives."""
    rng = generator.rng
    node = generator.nodes[node_index] if node_index is not None else None
    figures: list[tuple[str, float | None, float | None, bool, str, str, str, Period, list[tuple[str, str]]]] = []
    if node is not None:
        low, high, approximate = _bounds(node.value, node.form)
        figures.append((_text(node.value, node.form), low, high, approximate, node.measure, node.unit, node.counted,
                        node.period, node.chain))
    if near_miss is not None:  # the same number, another measure, another month
        taken = {near_miss.measure, CASES_TO_PEOPLE[0]}  # not the chain's measure, nor what its relays turn it into
        key, unit, phrases = rng.choice([m for m in MEASURES if m[0] not in taken])
        start = near_miss.period.start or date(2025, 6, 1)
        period = _month_period((start - timedelta(days=rng.randint(250, 400))).replace(day=1))  # far from every relay
        figures.append((f"{int(near_miss.value):,}", near_miss.value, near_miss.value, False, key, unit, rng.choice(phrases),
                        period, []))
    for value, key, unit, phrase, period in node.extras if node is not None else generator.extras():
        figures.append((f"{int(value):,}", value, value, False, key, unit, phrase, period, []))
    outlet = node.outlet if node is not None else rng.choice(generator.outlets)
    published = node.published if node is not None else date(2025, rng.randint(1, 12), rng.randint(1, 28))
    filler = node.filler if node is not None else rng.sample(FILLER, FILLER_SENTENCES)
    text = f"{outlet} reports. "
    claims, sources = [], {}
    body = list(filler)
    sentences = [_sentence(f[0], f[6], f[7], f[8]) for f in figures]
    text += " ".join(body[: len(body) // 2]) + " "
    for number, (figure, sentence) in enumerate(zip(figures, sentences, strict=True), start=1):
        begin = len(text)
        text += sentence + " "
        value_text, low, high, approximate, key, unit, phrase, period, chain = figure
        start = begin + sentence.lower().index(value_text.lower())
        links = []
        for depth, (name, kind) in enumerate(chain):
            if name not in sources:
                at = begin + sentence.index(name)
                sources[name] = Source(f"s{len(sources) + 1}", name, kind, mentions=[(at, at + len(name))])
            links.append(Attribution(sources[name].id, "said" if depth == 0 else "cited", "according to", begin, begin + 1))
        claims.append(Claim(f"c{number}", "figure", begin, begin + len(sentence), sentence,
                            Figure(start, start + len(value_text), text[start:start + len(value_text)], low, high,
                                   approximate, unit, key, phrase), period, links))
    text += " ".join(body[len(body) // 2 :])
    article = Article(text, title=f"{outlet}: report", outlet=outlet, published=published)
    return Generated(article, Ledger(article, list(sources.values()), claims), node_index)


def generate(articles: int, chains: int, seed: int) -> tuple[list[Generated], list[Node]]:
    generator = Generator(seed)
    rng = generator.rng
    members: list[list[int]] = [[generator.origin()] for _ in range(chains)]
    for _ in range(int(articles * 0.55) - chains):
        chain = rng.choice(members)
        parent = rng.choice(chain[-4:])
        if generator.nodes[parent].published is None:
            continue
        chain.append(generator.relay(parent, {generator.nodes[i].outlet for i in chain}))
    made = [build(generator, index, None) for index in range(len(generator.nodes))]
    origins = [generator.nodes[chain[0]] for chain in members]
    rng.shuffle(origins)
    while len(made) < articles:
        near = origins.pop() if origins and rng.random() < 0.1 else None  # each origin's number misused once
        made.append(build(generator, None, near))
    unique = {g.article.id: g for g in made}
    return list(unique.values()), generator.nodes


# Scoring -----------------------------------------------------------------------------------


def truth(made: list[Generated], nodes: list[Node]) -> tuple[set[tuple[str, str]], dict[tuple[str, str], set[str]]]:
    article_of = {g.node: g.article.id for g in made if g.node is not None}
    edges, drifts = set(), {}
    for index, node in enumerate(nodes):
        if node.parent is not None and index in article_of and node.parent in article_of:
            edge = (article_of[node.parent], article_of[index])
            edges.add(edge)
            drifts[edge] = set(node.drifts)
    return edges, drifts


def _pr(found: int, predicted: int, actual: int) -> tuple[float, float]:
    return (found / predicted if predicted else 1.0, found / actual if actual else 1.0)


def _twin(edge: tuple[str, str], edges: set[tuple[str, str]], relayed: dict[str, tuple]) -> bool:
    """The predicted parent carries the number exactly as the true parent does (same words, period and chain): an
    edge no reader could tell from the true one (two copies of one wire story)."""
    parent, child = edge
    true_parent = next((p for p, c in edges if c == child), None)
    return true_parent is not None and parent in relayed and relayed.get(parent) == relayed.get(true_parent)


def score(
    corpus: Corpus, edges: set[tuple[str, str]], drifts: dict[tuple[str, str], set[str]], relayed: dict[str, tuple],
    chain_of: dict[str, int],
) -> list[tuple[str, int, int, float, float]]:
    predicted: dict[tuple[str, str], set[str]] = {}  # article pairs: a copy relays its parent's other figures too
    for lineage in corpus.lineages():
        for edge in lineage.edges:
            key = (edge.parent.split(":")[0], edge.child.split(":")[0])
            predicted.setdefault(key, set()).update(d.type for d in edge.drifts)
    rows = []
    hit = len(set(predicted) & edges)
    rows.append(("edges", len(predicted), len(edges), *_pr(hit, len(predicted), len(edges))))
    twins = sum(1 for edge in set(predicted) - edges if _twin(edge, edges, relayed))
    rows.append(("edges, twins allowed", len(predicted), len(edges), *_pr(hit + twins, len(predicted), len(edges))))
    family = sum(1 for parent, child in predicted if parent in chain_of and chain_of.get(parent) == chain_of.get(child))
    rows.append(("edges within the true lineage", len(predicted), len(edges), family / max(1, len(predicted)), float("nan")))
    for kind in ("meaning_drift", "rounding_drift", "period_drift", "source_drift"):
        said = {(e, kind) for e, types in predicted.items() if kind in types}
        real = {(e, kind) for e, types in drifts.items() if kind in types}
        rows.append((kind, len(said), len(real), *_pr(len(said & real), len(said), len(real))))
        on_true = {(e, k) for e, k in said if e in edges}  # the drift as such, where the parent is right
        rows.append((f"  {kind} on right edges", len(on_true), len({(e, k) for e, k in real if e in predicted}),
                     *_pr(len(on_true & real), len(on_true), len({(e, k) for e, k in real if e in predicted}))))
    return rows


# Running ----------------------------------------------------------------------------------------


def _chains(made: list[Generated], nodes: list[Node]) -> dict[str, int]:
    """Each chain article's chain, named by its origin node."""
    def origin(index: int) -> int:
        while nodes[index].parent is not None:
            index = nodes[index].parent  # type: ignore[assignment]
        return index

    return {g.article.id: origin(g.node) for g in made if g.node is not None}


def _relayed(node: Node) -> tuple:
    """What a chain article says about the number: the words, the period, the chain."""
    return (_text(node.value, node.form), node.counted, node.period.start, node.period.end, tuple(node.chain))


def _oracle(made: Iterable[Generated]) -> dict[str, Ledger]:
    return {g.article.id: g.ledger for g in made}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--new", type=int, default=1000)
    parser.add_argument("--chains", type=int, default=700)
    parser.add_argument("--analysis", choices=("oracle", "pipeline"), default="oracle")
    parser.add_argument("--sample", type=int, default=40, help="oracle: new articles analysed for real to time analysis")
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    console = Console()
    made, nodes = generate(args.articles + args.new, args.chains, SEED)
    rng = random.Random(SEED + 1)
    rng.shuffle(made)
    base, new = made[: args.articles], made[args.articles :]
    edges, drifts = truth(made, nodes)
    work = args.work or Path(tempfile.mkdtemp(prefix="lineage-bench-"))
    db = work / "corpus.db"
    if db.exists():
        db.unlink()
    import claimledger.pipeline as pipeline

    real_analyze = pipeline.analyze_many
    ledgers = _oracle(made)
    if args.analysis == "oracle":
        pipeline.analyze_many = lambda articles, *a, **k: (ledgers[x.id] for x in articles)  # type: ignore[assignment]
    linking: list[float] = []
    original_link = Corpus._link_lineages

    def timed_link(self: Corpus) -> int:
        began = time.perf_counter()
        try:
            return original_link(self)
        finally:
            linking.append(time.perf_counter() - began)

    Corpus._link_lineages = timed_link  # type: ignore[method-assign]
    with Corpus(db) as corpus:
        began = time.perf_counter()
        first = corpus.add_articles([g.article for g in base])
        base_seconds = time.perf_counter() - began
        base_link = sum(linking)
        linking.clear()
        second = corpus.add_articles([g.article for g in new])
        update_link = sum(linking)
        linking.clear()
        relayed = {g.article.id: _relayed(nodes[g.node]) for g in made if g.node is not None}
        rows = score(corpus, edges, drifts, relayed, _chains(made, nodes))
        new_figures = sum(len(g.ledger.figures) for g in new)
    analysis = second.analysis_seconds
    how = "measured"
    if args.analysis == "oracle":
        pipeline.analyze_many = real_analyze
        sample = [g.article for g in new[: args.sample]]
        began = time.perf_counter()
        list(real_analyze(sample[:1]))  # load the model outside the timing
        began = time.perf_counter()
        list(real_analyze(sample[1:]))
        per_article = (time.perf_counter() - began) / max(1, len(sample) - 1)
        analysis = per_article * len(new)
        how = f"estimated from {len(sample) - 1} articles analysed with the model ({per_article:.2f} s each)"
    table = Table(title=f"Lineages: {len(base):,} articles + {len(new):,} new, {args.chains} chains ({args.analysis})")
    for header in ("what", "predicted", "true", "precision", "recall"):
        table.add_column(header, justify="right" if header != "what" else "left")
    for name, predicted, actual, precision, recall in rows:
        table.add_row(name, f"{predicted:,}", f"{actual:,}", f"{precision:.3f}", "" if recall != recall else f"{recall:.3f}")
    console.print(table)
    console.print(
        f"first add: {base_seconds:.1f} s ({first.added:,} articles, lineage linking {base_link:.1f} s)\n"
        f"update: linking {update_link:.2f} s for {len(new):,} new articles ({new_figures:,} figures,"
        f" {1000 * update_link / max(1, new_figures):.2f} ms a figure); their analysis {analysis:.0f} s ({how});"
        f" linking / analysis = {update_link / analysis:.1%} (target < 10%); {second.added:,} added"
    )


if __name__ == "__main__":
    main()
