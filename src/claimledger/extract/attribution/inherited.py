"""Sources stated once for several figures: the figures that take their source from a neighbouring sentence.

News states a source once and lets several figures share it. Each handler here gives the
record of such a statement to figures that have none of their own (``INHERITED_HANDLERS``, in
order; a figure takes the first source given to it), and each figure so attributed records the
sentence it took its source from (``Span._.cl_inherited``), so a reader can see where it came from.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from claimledger.extract.attribution.context import Context, Record
from claimledger.model import Inherited

_BARE_REPORT_TOKENS = 12
_BULLETS = frozenset(("-", "–", "—", "•", "*", "·"))
_HEADLINE_COMMA_WORDS = 6


def paragraphs(doc: Doc) -> list[int]:
    """The paragraph number of every token (paragraphs are split by line breaks)."""
    numbers, current, broke = [], 0, False
    for token in doc:
        numbers.append(current)
        breaks = "\n" in token.text + token.whitespace_
        if breaks and not (broke and token.is_space):  # a blank line is one break, not two
            current += 1
        broke = breaks
    return numbers


@dataclass
class Neighbourhood:
    """The figures of one Doc, their sentences and paragraphs, and the sources given so far."""

    ctx: Context
    figures: list[Span]
    attributed: list[tuple[Span, Record]]  # figures with a source of their own
    paragraph: list[int] = field(init=False)
    openings: dict[int, int] = field(init=False)  # paragraph number -> its first word
    starts: list[int] = field(init=False)
    by_sentence: dict[int, list[Span]] = field(init=False)
    taken: set[int] = field(init=False)
    added: list[tuple[Span, Record]] = field(default_factory=list)

    def __post_init__(self) -> None:
        doc = self.ctx.doc
        self.paragraph = paragraphs(doc)
        self.openings = {}
        for token in doc:
            if not token.is_space:
                self.openings.setdefault(self.paragraph[token.i], token.i)
        self.starts = [sent.start for sent in self.ctx.sents]
        self.by_sentence = {}
        for f in self.figures:
            self.by_sentence.setdefault(self.sentence_of(f.start), []).append(f)
        self.taken = {f.start for f, _ in self.attributed}

    def sentence_of(self, i: int) -> int:
        """The number of the sentence of token ``i``."""
        return bisect_right(self.starts, i) - 1

    def sentence(self, number: int) -> Span:
        return self.ctx.sents[number]

    def give(self, figure: Span, rec: Record, source: Span) -> None:
        """Attribute ``figure`` to ``rec``, noting the sentence ``source`` it took the source from."""
        self.taken.add(figure.start)
        self.added.append((figure, rec))
        figure._.cl_inherited = [
            *(figure._.cl_inherited or []), Inherited("attribution", source.start_char, source.end_char, source.text)
        ]

    def bullet_of(self, number: int) -> str | None:
        """The bullet a paragraph opens with ("- 6,900 cases …"), or None."""
        first = self.openings.get(number)
        doc = self.ctx.doc
        return doc[first].text if first is not None and doc[first].text in _BULLETS else None


def bare_report(ctx: Context, rec: Record) -> bool:
    """A report that says nothing of its own: "This was reported by X.", "X said on Monday.",
    "X reported this, citing Y" — what it reports are the figures before it."""
    if rec.link.relation not in ("said", "reported", "cited", "estimated"):
        return False
    if rec.content is None:  # "The ministry said on Monday.": the sentence is the report and nothing else
        return len(rec.cue_token.sent) <= _BARE_REPORT_TOKENS
    words = [t.lower_ for t in ctx.doc[rec.content[0] : rec.content[1]] if not t.is_punct and not t.is_space]
    return bool(words) and all(w in ctx.lex["anaphoric_contents"] for w in words)


def report_after(near: Neighbourhood) -> None:
    """``This was reported by the Prosecutor General's Office.``, ``The ministry said on Monday.`` after the figures.

    A report sentence that says nothing of its own and states no figure covers the unattributed
    figures of the sentences before it in its paragraph; one that opens a paragraph covers the
    paragraph before only when it points back with an anaphor ("This …", "These figures …").
    A report with a content of its own ("The ministry said prices rose.") covers nothing before it.
    """
    ctx = near.ctx
    paragraph = near.paragraph
    for rec in ctx.records:
        if ctx.sources.entries[rec.link.entry].kind == "unattributed" or not bare_report(ctx, rec):
            continue
        here = near.sentence_of(rec.cue_token.i)
        if near.by_sentence.get(here):
            continue  # the report sentence states figures of its own: it attributes those
        report = near.sentence(here)
        first = next((t.i for t in report if not t.is_space), report.start)
        own = paragraph[first]
        opens_paragraph = near.openings.get(own) == first
        if opens_paragraph and rec.content is None:
            continue  # only "This was reported by …" (an anaphor) reaches back over a paragraph break
        reach = own - 1 if opens_paragraph else own
        # by the figures' own paragraph: the parser may run a headline into the paragraph after it
        for f in near.figures:
            if f.start < report.start and paragraph[f.start] == reach and f.start not in near.taken:
                near.give(f, rec, report)


def closing_cue(near: Neighbourhood, rec: Record) -> bool:
    """``Measles Outbreak Swells to 121 Cases, CDC Says``: a cue that ends the headline (the first
    paragraph) after its source and a comma: the cue's content is the headline itself."""
    doc = near.ctx.doc
    cue = rec.cue_token
    here = near.paragraph[cue.i]
    if here > 0 or rec.link.relation not in ("said", "reported"):
        return False
    after = [t for t in doc[cue.i + 1 :] if near.paragraph[t.i] == here and not t.is_space]
    if any(not t.is_punct for t in after):
        return False
    before = [t for t in doc[near.openings.get(here, 0) : cue.i] if not t.is_space]
    return any(t.text == "," for t in before[-_HEADLINE_COMMA_WORDS:])


def headline_says(near: Neighbourhood) -> None:
    """``Measles Outbreak Swells to 121 Cases, CDC Says``: the headline's figures are the source's.

    Only the headline's own figures: the lede has its own words.
    """
    for rec in near.ctx.records:
        if not closing_cue(near, rec):
            continue
        here = near.paragraph[rec.cue_token.i]
        for f in near.figures:
            if near.paragraph[f.start] == here and f.start not in near.taken:
                near.give(f, rec, near.sentence(near.sentence_of(rec.cue_token.i)))


def lede(near: Neighbourhood) -> int | None:
    """The lede's paragraph number: the first paragraph of more than one sentence (a headline is one)."""
    sentences: dict[int, set[int]] = {}
    for token in near.ctx.doc:
        if not token.is_space:
            sentences.setdefault(near.paragraph[token.i], set()).add(near.sentence_of(token.i))
    return next((number for number in sorted(sentences) if len(sentences[number]) > 1), None)


def lede_says(near: Neighbourhood) -> None:
    """``CPI declined to 5.88 per cent in November. CPI eased to an 11-month low, official data showed.``

    A lede (the first paragraph of several sentences) that closes a sentence with its source
    ("…, official data showed on Monday", "…, the agency says") gives that source to the
    unattributed figures of its sentences before: the lede states one finding and says whose it is.
    Only in the lede: a later paragraph's closing cue covers its own sentence, and a cue before its
    content ("The ministry said that …") does not reach back.
    """
    ctx = near.ctx
    number = lede(near)
    if number is None:
        return
    closing = [
        rec for rec in ctx.records
        if near.paragraph[rec.cue_token.i] == number and closes_its_sentence(near, rec)
        and ctx.sources.entries[rec.link.entry].kind != "unattributed"
    ]
    if not closing:
        return
    rec = min(closing, key=lambda r: r.cue_token.i)  # the lede's first source; a later one covers its own words
    here = near.sentence_of(rec.cue_token.i)
    # a sentence between that names another source ("Sources told X that …") ends the reach
    others = [near.sentence_of(r.cue_token.i) for r in ctx.records if r is not rec and r.cue_token.i < rec.cue_token.i]
    first = max([s + 1 for s in others if s <= here], default=0)
    report = near.sentence(here)
    for f in near.figures:
        covered = first <= near.sentence_of(f.start) < here
        if covered and near.paragraph[f.start] == number and f.start not in near.taken:
            near.give(f, rec, report)


def closes_its_sentence(near: Neighbourhood, rec: Record) -> bool:
    """A verb cue after what it reports: its content ends before it, or (no content found) its
    source follows a comma a few words before it ("…, official data showed on Monday")."""
    cue = rec.cue_token
    main = cue.dep_ in ("ROOT", "parataxis") or (cue.dep_ == "conj" and cue.head.dep_ == "ROOT")
    if cue.pos_ not in ("VERB", "AUX") or not main:
        # a stance noun ("analysts' estimate") holds its own value, a signature its line, and a cue
        # inside a clause ("more than what the government announced") reports nothing of the lede's
        return False
    if rec.content is not None:
        return rec.content[1] <= cue.i
    sentence = near.sentence(near.sentence_of(cue.i))
    before = [t for t in near.ctx.doc[sentence.start : cue.i] if not t.is_space]
    return any(t.text == "," for t in before[-_HEADLINE_COMMA_WORDS:])


def after_colon(doc: Doc, i: int) -> bool:
    """Token ``i`` opens a block introduced by a colon ("According to the ministry:"), after any bullet."""
    j = i - 1
    while j >= 0 and (doc[j].is_space or doc[j].text in _BULLETS):
        j -= 1
    return j >= 0 and doc[j].text == ":"


def list_after_colon(near: Neighbourhood) -> None:
    """``According to the ministry:`` or ``Data from the agency show:`` before a list of lines, each a paragraph.

    Each line of the list ("- 6,900 cases in 2022") takes the source; the list ends at a line
    without the first line's bullet, at a paragraph of several sentences, or at a line whose
    figures have a source of their own.
    """
    ctx = near.ctx
    doc = ctx.doc
    paragraph = near.paragraph
    for rec in ctx.records:
        if rec.content is None or not after_colon(doc, rec.content[0]):
            continue
        first = next((t.i for t in doc[rec.content[0] : rec.content[1]] if not t.is_space), rec.content[0])
        bullet = near.bullet_of(paragraph[first])
        following = paragraph[first] + 1
        while following in near.openings:
            listed = [f for f in near.figures if paragraph[f.start] == following]
            if not listed or any(f.start in near.taken for f in listed):
                break
            one_sentence = near.sentence_of(near.openings[following]) == near.sentence_of(listed[-1].end - 1)
            if near.bullet_of(following) != bullet or (bullet is None and not one_sentence):
                break  # the list has ended: a line without its bullet, or a paragraph of several sentences
            for f in listed:
                near.give(f, rec, near.sentence(near.sentence_of(rec.cue_token.i)))
            following += 1


def earlier_figure(near: Neighbourhood) -> None:
    """``The ministry said 6,900 soldiers left in 2022. In 2023, 17,600 left.``: a later figure of the paragraph.

    An unattributed figure takes the source of the nearest attributed figure before it in its
    paragraph; not across paragraphs (carrying a source over paragraphs by measure attributed the
    author's own figures to it on the real-news dev set), nor from a stance noun's record: "analysts'
    estimate of $2.3 billion" holds that one value, and the share price after it is the author's.
    A sentence that opens as the author's comparison ("For comparison: in July 2015 there were
    22,846 arrivals") ends the carry: it and what follows take nothing from the figures before it.
    """
    paragraph = near.paragraph
    carried = [(f, r) for f, r in near.attributed + near.added if r.cue_token.pos_ != "NOUN"]
    attributed = sorted(carried, key=lambda pair: pair[0].start)
    for f in near.figures:
        if f.start in near.taken:
            continue
        since = comparison_since(near, f)
        earlier = [
            (g, r) for g, r in attributed if since <= g.start < f.start and paragraph[g.start] == paragraph[f.start]
        ]
        if earlier:
            g, rec = earlier[-1]
            near.give(f, rec, near.sentence(near.sentence_of(g.start)))
            attributed.append((f, rec))
            attributed.sort(key=lambda pair: pair[0].start)


def comparison_since(near: Neighbourhood, figure: Span) -> int:
    """The first word of the latest sentence up to ``figure``'s that opens with a comparison
    ("For comparison, …", "By comparison …"), or 0: a figure carries no source from before it."""
    openers = near.ctx.lex["comparison_openers"]
    for number in range(near.sentence_of(figure.start), -1, -1):
        sentence = near.sentence(number)
        words = [t.lower_ for t in sentence if not t.is_space and not t.is_punct][:3]
        if " ".join(words[:2]) in openers or " ".join(words) in openers:
            return sentence.start
        if near.paragraph[sentence.start] < near.paragraph[figure.start]:
            break  # the paragraph's first sentence is done: the carry never crosses paragraphs anyway
    return 0


# In order: a figure takes the first source given to it.
INHERITED_HANDLERS: tuple[Callable[[Neighbourhood], None], ...] = (
    report_after, headline_says, lede_says, list_after_colon, earlier_figure
)


def inherited_attributions(ctx: Context, figures: list[Span], attributed: list[tuple[Span, Record]]) -> list[tuple[Span, Record]]:
    """The figures without a source of their own that take one from a neighbouring sentence, with its record."""
    if not figures:
        return []
    near = Neighbourhood(ctx, figures, attributed)
    for handler in INHERITED_HANDLERS:
        handler(near)
    return near.added

