"""claimledger_framing: how the article says things, kept apart from what its sources say.

Writes ``doc.spans["cl_framing"]``: one span per framing device, its ``label_`` a technique
of the Propaganda Techniques Corpus taxonomy (``Loaded_Language``, ``Exaggeration,Minimisation``,
``Doubt``, ``Appeal_to_fear-prejudice``, ``Name_Calling,Labeling``, ``Flag-Waving``,
``Causal_Oversimplification``, ``Whataboutism,Straw_Men,Red_Herring``,
``Thought-terminating_Cliches``, ``Slogans``, ``Repetition``), ``Hedging`` /
``Rhetorical_Question``, or ``Framing``: a stretch the learned tagger (``framing_model``) marks
as propaganda without a technique it can name reliably. Each span carries

- ``span._.cl_voice``: ``"author"`` (the article's own words), ``"quoted"`` (inside quotation
  marks) or ``"attributed"`` (inside the content of an attributed statement: reported speech);
- ``span._.cl_speaker``: for quoted and attributed spans, the source id the words belong to.

Fact-checkers judge the two voices differently: "the numbers are staggering" is the
article's framing, "a 'systemic collapse'" is an official's. So the component records a loaded
word wherever it is, and says whose it is; only the author's framing becomes a finding
(``check/framing.py``), the rest stays in the framing summary under its speaker.

Runs after ``claimledger_attribution`` (it reads ``cl_quotes``, ``cl_statements`` and their
attribution). The lexicons are ``data/framing_techniques.json`` (hand-curated phrases and
context rules) and ``data/framing_loaded.json`` (loaded words derived from TextBlob's public
domain subjectivity lexicon by ``tools/build_loaded_lexicon.py``); the learned tagger's weights
are ``data/framing_model.npz``. A lexicon technique's hits are kept where the tagger's
probability reaches that technique's gate (chosen when training: 0 for Loaded_Language and
Flag-Waving, whose hits are kept as they are; above 1 for Name_Calling,Labeling, whose hits are
dropped because their out-of-fold precision stayed below 0.65). A Loaded_Language hit must
then also pass ``loaded_gate``, a small transformer that reads it in its context, unless it is
one of the examples the product brief names (``"always"`` in the data file).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Collection
from functools import cache

import numpy as np
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimledger import datafiles
from claimledger.errors import UnsupportedLanguage
from claimledger.extract import loaded_gate
from claimledger.extract.config import language
from claimledger.extract.extensions import QUOTES_KEY, STATEMENTS_KEY, register
from claimledger.extract.framing_model import features, load_model, technique_hits
from claimledger.extract.quotes import PARTS_KEY
from claimledger.model import RHETORICAL, Claim, FramingSpan, FramingSummary
from claimledger.model import UNTYPED_FRAMING as FRAMING

FRAMING_KEY = "cl_framing"
LOADED = "Loaded_Language"
HEDGING = "Hedging"
REPETITION = "Repetition"


@cache
def lexicon(techniques: str = "framing_techniques", loaded: str = "framing_loaded") -> dict:
    """The technique phrases, hedges and context rules, with the loaded words as ``loaded_words``."""
    return {**datafiles.lexicon(techniques), "loaded_words": frozenset(datafiles.lexicon(loaded)["words"])}


def _neutral(doc: Doc, start: int, end: int, key: str, lex: dict) -> bool:
    """A loaded word in a literal use: 'an exodus of refugees', 'staggering to his feet', 'sheer cliffs'."""
    rules = lex["techniques"][LOADED]
    after = " ".join(t.lower_ for t in doc[end : end + 3])
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    if any(after == w or after.startswith(w + " ") for w in rules["neutral_next"].get(key, ())):
        return True
    return any(before == w or before.endswith(" " + w) for w in rules["neutral_previous"].get(key, ()))


class FramingFinder:
    """Matches the lexicons once per Doc with one PhraseMatcher, then decides voice and context."""

    def __init__(
        self, nlp: Language, name: str, techniques: str = "framing_techniques", loaded: str = "framing_loaded"
    ) -> None:
        register()
        self.name = name
        self.lexicon = lex = lexicon(techniques, loaded)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        # Every technique's phrases are matched, enabled or not: the disabled ones are too
        # imprecise to report alone but still inform the learned tagger as features.
        for technique, entry in lex["techniques"].items():
            self.matcher.add(technique, [nlp.make_doc(p) for p in entry["phrases"]])
        self.matcher.add(HEDGING, [nlp.make_doc(p) for p in lex["hedges"]["phrases"]])
        self.enabled = frozenset(t for t, entry in lex["techniques"].items() if entry["enabled"]) | {HEDGING}
        self.feature_labels = {t: i for i, t in enumerate([*lex["techniques"], HEDGING])}
        self.loaded_hashes = np.array(sorted(nlp.vocab.strings.add(w) for w in lex["loaded_words"]), dtype=np.uint64)
        self.loaded_words = lex["loaded_words"]
        self.always_loaded = frozenset(lex["techniques"][LOADED]["always"])
        self.hedge_verbs = frozenset(lex["hedges"]["verbs"])
        self.evidence = frozenset(lex["hedges"]["evidence_subjects"])
        self.rhetorical = tuple(lex["rhetorical"]["framing_markers"])
        self.min_repeats = int(lex["repetition"]["min_uses"]) if lex["repetition"]["enabled"] else 0

    def __call__(self, doc: Doc) -> Doc:
        voice, speaker = _voices(doc, self.lexicon["writer_pronouns"])
        matches = self.matcher(doc)
        model = load_model()
        rows = self.model_rows(doc, matches)
        probs = model.token_probs(rows)
        spans: list[Span] = []
        for label, group in self.lexicon_spans(doc, matches).items():
            if label != HEDGING:  # a hand-curated hit is reported only where the tagger agrees
                gate = model.gate(label)
                group = [s for s in group if probs[s.start : s.end].max() >= gate]
            group = filter_spans(group)  # "sheer brutality", not also "sheer"
            spans.extend(self.confirmed(doc, group) if label == LOADED else group)
        for start, end, technique, _ in model.spans(rows, probs):
            spans.append(Span(doc, start, end, label=model.techniques[technique] if technique >= 0 else FRAMING))
        spans.extend(self._questions(doc, voice))
        if self.min_repeats:
            spans.extend(self._repetitions(spans))
        spans.sort(key=lambda s: (s.start, s.end, s.label_))
        for span in spans:
            span._.cl_voice, span._.cl_speaker = _voice_of(span, voice, speaker)
        doc.spans[FRAMING_KEY] = spans
        return doc

    def confirmed(self, doc: Doc, hits: list[Span], gate: loaded_gate.Gate | None = None) -> list[Span]:
        """The Loaded_Language hits that read as loaded in their context (``loaded_gate``).

        The brief's own examples ("staggering", "exodus", …) are its definition of the finding and
        are kept without asking; PTC's annotators, whom the gate learned from, rarely mark them.
        """
        asked = [s for s in hits if s.text.lower() not in self.always_loaded]
        verdicts = loaded_gate.keep(doc, [(s.start, s.end) for s in asked], gate)
        kept = {(s.start, s.end) for s, ok in zip(asked, verdicts) if ok}
        return [s for s in hits if s.text.lower() in self.always_loaded or (s.start, s.end) in kept]

    def lexicon_spans(self, doc: Doc, matches: list[tuple[int, int, int]]) -> dict[str, list[Span]]:
        """The hand-curated hits of enabled techniques, loaded words and hedges, before the tagger's gate."""
        lex = self.lexicon
        found: dict[str, list[Span]] = {}
        for match_id, start, end in matches:
            label = doc.vocab.strings[match_id]
            if label not in self.enabled:
                continue
            key = doc[start:end].text.lower()
            if label == LOADED and _neutral(doc, start, end, key, lex):
                continue
            negators = lex["techniques"].get(label, {}).get("not_after", ())
            if start > 0 and doc[start - 1].lower_ in negators:  # "not merely a campaign" plays nothing down
                continue
            found.setdefault(label, []).append(Span(doc, start, end, label=label))
        for tok in doc:
            if tok.lower_ in self.loaded_words and tok.pos_ in ("ADJ", "ADV", "NOUN", "VERB"):
                found.setdefault(LOADED, []).append(Span(doc, tok.i, tok.i + 1, label=LOADED))
            elif tok.lemma_ in self.hedge_verbs and self._hedge_verb(tok):
                found.setdefault(HEDGING, []).append(Span(doc, tok.i, tok.i + 1, label=HEDGING))
        return found

    def model_rows(self, doc: Doc, matches: list[tuple[int, int, int]]) -> np.ndarray:
        """The learned model's hashed features for ``doc``, given this Doc's phrase matches."""
        strings = doc.vocab.strings
        hits = technique_hits(len(doc), [(self.feature_labels[strings[m]], s, e) for m, s, e in matches])
        return features(doc, self.loaded_hashes, hits)

    def _hedge_verb(self, tok: Token) -> bool:
        """'the scale of desertions suggests' hedges; 'sources close to … suggest' attributes."""
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and tok.dep_ == "acl":  # "reports indicating that …"
            subj = tok.head
        return subj is not None and subj.lower_ in self.evidence

    def _questions(self, doc: Doc, voice: list[str]) -> list[Span]:
        """A question in the author's voice; the span starts after a leading 'the question remains:'."""
        out = []
        for sent in doc.sents:
            last = next((t for t in reversed(sent) if not t.is_space), None)
            if last is None or last.text != "?" or voice[last.i] != "author":
                continue
            if sent[0].text in ("Q", "Q:") or any(voice[t.i] != "author" for t in sent if not t.is_punct):
                continue
            start = sent.start
            for tok in sent:
                if tok.text == ":" and tok.i < last.i - 2:
                    start = tok.i + 1
            out.append(Span(doc, start, last.i + 1, label=RHETORICAL))
        return out

    def _repetitions(self, spans: list[Span]) -> list[Span]:
        """The same loaded word used again: PTC's Repetition, on the second and later uses."""
        seen: Counter[str] = Counter()
        out = []
        for span in sorted((s for s in spans if s.label_ == LOADED), key=lambda s: s.start):
            key = " ".join(t.lemma_.lower() for t in span)
            seen[key] += 1
            if seen[key] >= self.min_repeats:
                out.append(Span(span.doc, span.start, span.end, label=REPETITION))
        return out


def _voices(doc: Doc, writer: Collection[str]) -> tuple[list[str], list[str | None]]:
    """Per token: whose words they are, and the source id of the speaker when known (``writer``: the
    first-person names that attribution keeps for an unresolved subject: the writer speaking)."""
    voice = ["author"] * len(doc)
    speaker: list[str | None] = [None] * len(doc)

    def source_of(span: Span) -> str | None:
        chain = span._.cl_attribution or []
        return chain[0].source if chain else None

    # "reportedly …", "it is believed …" have no source but the author; "we believe …", "I know …"
    # outside quotation marks are the writer speaking (a quoted "I" is the quote's speaker, below)
    authors = {s.id for s in doc._.cl_sources or [] if s.kind == "unattributed" or s.name.lower() in writer}
    for stmt in doc.spans.get(STATEMENTS_KEY, []):
        if source_of(stmt) in authors:
            continue
        for i in range(stmt.start, stmt.end):
            voice[i], speaker[i] = "attributed", source_of(stmt)
    quotes = sorted((q for q in doc.spans.get(QUOTES_KEY, []) if q._.cl_quote_kind != "title"),
                    key=lambda q: q.start_char)
    starts = [q.start_char for q in quotes]
    for qs, qe in doc.user_data.get(PARTS_KEY, []):
        part = doc.char_span(qs, qe, alignment_mode="contract")
        if part is None:
            continue
        # quotes do not overlap: the owner is the last one starting at or before the part (a bisection,
        # not a scan per part, which made a text of thousands of quotes quadratic)
        index = bisect_right(starts, qs) - 1
        owner = quotes[index] if index >= 0 and qe <= quotes[index].end_char else None
        if owner is None:
            continue
        for i in range(part.start, part.end):
            voice[i], speaker[i] = "quoted", source_of(owner)
    return voice, speaker


def _voice_of(span: Span, voice: list[str], speaker: list[str | None]) -> tuple[str, str | None]:
    """A span is the author's only when every word of it is; otherwise it is the (first) speaker's."""
    for i in range(span.start, span.end):
        if voice[i] != "author":
            return voice[i], speaker[i]
    return "author", None


def framing_summary(doc: Doc) -> FramingSummary:
    """The per-article summary the ledger carries: counts by technique, share of framed sentences, spans."""
    spans = list(doc.spans.get(FRAMING_KEY, []))
    voice, _ = _voices(doc, lexicon()["writer_pronouns"])
    author_sents = framed = total = 0
    by_sent = {}
    for sent in doc.sents:
        if all(t.is_space for t in sent):
            continue
        total += 1
        if any(voice[t.i] == "author" for t in sent if not (t.is_punct or t.is_space)):
            author_sents += 1
            by_sent[sent.start] = False
    for span in spans:
        if span._.cl_voice == "author" and span.label_ != FRAMING and span.sent.start in by_sent:
            by_sent[span.sent.start] = True
    framed = sum(by_sent.values())
    counts: Counter[str] = Counter(s.label_ for s in spans if s._.cl_voice == "author")
    quoted: Counter[str] = Counter(s.label_ for s in spans if s._.cl_voice != "author")
    return FramingSummary(
        sentences=total,
        author_sentences=author_sents,
        framed_sentences=framed,
        counts=dict(sorted(counts.items())),
        quoted_counts=dict(sorted(quoted.items())),
        spans=[
            FramingSpan(
                start=s.start_char,
                end=s.end_char,
                text=s.text,
                technique=s.label_,
                voice=s._.cl_voice,
                speaker=s._.cl_speaker,
            )
            for s in spans
        ],
    )


@Language.factory(
    "claimledger_framing",
    assigns=["doc.spans", "span._.cl_voice", "span._.cl_speaker"],
    requires=["doc.sents", "token.dep", "token.lemma", "span._.cl_attribution", "doc._.cl_sources"],
    default_config={"lang": None, "lexicon": "framing_techniques", "loaded_lexicon": "framing_loaded"},
)
def make_framing(nlp: Language, name: str, lang: str | None, lexicon: str, loaded_lexicon: str) -> FramingFinder:
    """``lexicon`` names the technique phrases and hedges, ``loaded_lexicon`` the loaded words."""
    if language(nlp, lang) != "en":
        raise UnsupportedLanguage(f"claimledger_framing is English only, not {language(nlp, lang)}")
    return FramingFinder(nlp, name, lexicon, loaded_lexicon)


def add_claim_hedges(claims: list[Claim], summary: FramingSummary) -> None:
    """Add the author's hedges inside each claim to its ``hedges`` (keeping what attribution put there)."""
    hedges = [s for s in summary.spans if s.technique == HEDGING and s.voice == "author"]
    for claim in claims:
        for span in hedges:
            if claim.start <= span.start and span.end <= claim.end and not any(
                span.text.lower() in h.lower() for h in claim.hedges
            ):
                claim.hedges.append(span.text)
