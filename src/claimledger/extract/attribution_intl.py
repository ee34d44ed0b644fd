"""claimledger_attribution for Russian, Ukrainian and German: who says each figure and quote.

The English component walks the parse; here the cues of ``data/<lang>/attribution.json``
are found in each sentence and the source is the name or institution phrase next to them:

- "according to" phrases take the phrase after them ("по данным Офиса генпрокурора",
  "за даними Опендатабот", "laut Staatsanwaltschaft"); postpositions the phrase before
  ("der Staatsanwaltschaft zufolge");
- a speech verb ("заявил", "повідомили", "sagte") takes the nearest such phrase in its
  clause, after the verb first (the inverted order of "— заявил Лубинец"), else before it;
- a citing phrase ("со ссылкой на", "unter Berufung auf") makes a chain: the cited source
  is nearest the claim, the one that relays it cites it.

Every figure and quotation of the sentence gets the sentence's chain. Sources are written
to ``doc._.cl_sources`` with their mentions; names are put in the nominative
(``morphology.name_form``: "Залужного" -> "Залужный") so that every case form of a person
is one source, and a German genitive ("Wanners") joins the name written without its -s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger.extract.extensions import FIGURES_KEY, QUOTES_KEY, register
from claimledger.extract.language_data import language_data
from claimledger.extract.morphology import name_form
from claimledger.model import Attribution, Source

MAX_PHRASE = 6
"""Words a source phrase may have ("Офиса генерального прокурора Украины")."""
_LEADING = 2
"""Articles and prepositions skipped before a source ("повідомили в Офісі", "auf die Staatsanwaltschaft")."""



@dataclass(frozen=True)
class _Cues:
    verbs: dict[str, str]
    according: re.Pattern[str]
    according_relation: dict[str, str]
    postposition: re.Pattern[str] | None
    postposition_relation: dict[str, str]
    citing: re.Pattern[str]
    institutions: frozenset[str]
    roles: frozenset[str]
    media: frozenset[str]
    not_names: frozenset[str]


def _phrases(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def cues(lang: str) -> _Cues:
    data = language_data(lang, "attribution")
    post = data["postpositions"]
    return _Cues(
        verbs=data["verbs"],
        according=re.compile(rf"(?<!\w)(?:{_phrases(list(data['according_to']))})(?!\w)", re.I),
        according_relation={k.lower(): v for k, v in data["according_to"].items()},
        postposition=re.compile(rf"(?<!\w)(?:{_phrases(list(post))})(?!\w)", re.I) if post else None,
        postposition_relation={k.lower(): v for k, v in post.items()},
        citing=re.compile(rf"(?<!\w)(?:{_phrases(data['citing'])})(?!\w)", re.I),
        institutions=frozenset(data["institutions"]),
        roles=frozenset(data["roles"]),
        media=frozenset(data["media"]),
        not_names=frozenset(data["not_names"]),
    )


@dataclass
class _Entry:
    source: Source
    words: tuple[str, ...]


@dataclass
class Registry:
    """The sources of one article, joined by their nominative name (and a surname alone to its full name)."""

    lang: str
    entries: list[_Entry] = field(default_factory=list)

    def add(self, phrase: Span, kind: str, c: _Cues) -> str:
        role_end = phrase.start
        if kind == "person":
            while role_end < phrase.end - 1 and (_is_role(phrase.doc[role_end], c) or phrase.doc[role_end].is_lower):
                role_end += 1  # "министр обороны Андрей Белоусов", "Генерал Валерий Залужный": the office is a role
        role = phrase.doc[phrase.start : role_end].text or None
        phrase = phrase.doc[role_end : phrase.end]
        words = tuple(self._word(t) for t in phrase if t.is_alpha or "-" in t.text or "." in t.text)
        words = words or (phrase.text,)
        key = tuple(w.lower() for w in words)
        for entry in self.entries:
            known = tuple(w.lower() for w in entry.words)
            if key == known or (kind == "person" and len(key) == 1 and key[0] == known[-1]):
                entry.source.mentions.append((phrase.start_char, phrase.end_char))
                return entry.source.id
            if entry.source.kind == "person" and len(known) == 1 and len(key) > 1 and key[-1] == known[0]:
                entry.words, entry.source.name = words, " ".join(words)
                entry.source.mentions.append((phrase.start_char, phrase.end_char))
                return entry.source.id
        source = Source(id=f"s{len(self.entries) + 1}", name=" ".join(words), kind=kind, role=role)  # type: ignore[arg-type]
        source.mentions.append((phrase.start_char, phrase.end_char))
        self.entries.append(_Entry(source, words))
        return source.id

    def _word(self, token: Token) -> str:
        if not token.text[:1].isupper() or token.is_upper:
            return token.text
        if self.lang == "de":
            return _without_genitive(token)
        return name_form(token.text, self.lang)


def _without_genitive(token: Token) -> str:
    """Wanners -> Wanner when the article also writes "Wanner" (a name of its own, Reuters, keeps its s)."""
    text = token.text
    if len(text) > 3 and text.endswith("s") and re.search(rf"(?<!\w){re.escape(text[:-1])}(?!\w)", token.doc.text):
        return text[:-1]
    return text


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.lower_).lower()


def _is_name_word(token: Token, c: _Cues) -> bool:
    return (
        token.text[:1].isupper() and token.is_alpha and token.lower_ not in c.not_names and _lemma(token) not in c.not_names
    )


def _is_role(token: Token, c: _Cues) -> bool:
    return _lemma(token) in c.roles or token.lower_ in c.roles


def _is_institution(token: Token, c: _Cues) -> bool:
    return _lemma(token) in c.institutions or token.lower_ in c.institutions or _is_role(token, c)


def _acceptable(token: Token, c: _Cues) -> bool:
    if token.is_punct or token.like_num or token.is_space:
        return False
    return _is_name_word(token, c) or _is_institution(token, c) or (token.is_alpha and token.lower_ not in c.not_names)


def _trim(tokens: list[Token], c: _Cues) -> list[Token]:
    """A phrase holds from its first to its last name word or institution noun."""
    core = [i for i, t in enumerate(tokens) if _is_name_word(t, c) or _is_institution(t, c)]
    return tokens[core[0] : core[-1] + 1] if core else []


def _span(doc: Doc, tokens: list[Token], c: _Cues) -> Span | None:
    """The phrase as a span, with the article of an outlet's name ("Die Welt") when the lexicon knows it so."""
    if not tokens:
        return None
    first, last = tokens[0].i, tokens[-1].i + 1
    if first > 0 and f"{doc[first - 1].lower_} {doc[first:last].text.lower()}" in c.media:
        first -= 1
    return doc[first:last]


def phrase_after(doc: Doc, start: int, end: int, c: _Cues) -> Span | None:
    """The source phrase that starts at token ``start`` (no further than ``end``), past a leading article or preposition."""
    skipped = 0
    while start < end and doc[start].lower_ in c.not_names and skipped < _LEADING:
        start, skipped = start + 1, skipped + 1
    tokens: list[Token] = []
    for token in doc[start:end]:
        if not _acceptable(token, c) or len(tokens) >= MAX_PHRASE:
            break
        tokens.append(token)
    return _span(doc, _leading(tokens, c), c)


def _leading(tokens: list[Token], c: _Cues) -> list[Token]:
    """The first name or institution phrase of ``tokens``: lower-case words after it that are no institution end it."""
    kept: list[Token] = []
    for token in tokens:
        if _is_name_word(token, c) or _is_institution(token, c):
            kept.append(token)
        elif kept and len(kept) < MAX_PHRASE and token.is_lower:
            kept.append(token)  # "Офиса генерального прокурора": a modifier between two parts
        elif kept:
            break
    return _trim(kept, c)


def phrase_before(doc: Doc, start: int, end: int, c: _Cues) -> Span | None:
    """The source phrase that ends just before token ``end`` (no further back than ``start``)."""
    while end > start and doc[end - 1].lower_ in c.not_names and doc[end - 1].is_alpha and not doc[end - 1].is_lower:
        end -= 1  # "Wanners Angaben zufolge": the noun of the phrase that the cue governs
    tokens: list[Token] = []
    for token in reversed(doc[start:end]):
        if not _acceptable(token, c) or len(tokens) >= MAX_PHRASE:
            break
        tokens.append(token)
    return _span(doc, _trim(tokens[::-1], c), c)


def classify(phrase: Span, c: _Cues) -> str:
    """media, organization or person: by the lexicon's outlets and institutions, else by the shape of the name."""
    text = phrase.text.lower()
    if text in c.media or any(text.endswith(m) and len(m) > 3 for m in c.media):
        return "media"
    institutions = [t for t in phrase if _is_institution(t, c) and not _is_role(t, c)]
    names = [t for t in phrase if _is_name_word(t, c) and not t.is_upper and not _is_institution(t, c)]
    if institutions or (not names and any(t.is_upper for t in phrase)):
        return "organization"
    if names and phrase[-1] in names:
        return "person"  # "Дмитрий Лубинец", "министр обороны Андрей Белоусов", "Залужного"
    return "organization"


@dataclass
class _Cue:
    relation: str
    start: int
    end: int
    text: str
    source: Span
    relayed_by: Span | None = None


def _outside(quotes: list[Span], token: Token) -> bool:
    return not any(q.start <= token.i < q.end for q in quotes)


def sentence_cues(sentence: Span, c: _Cues, quotes: list[Span]) -> list[_Cue]:
    """The attribution cues of one sentence with their sources, in text order."""
    doc = sentence.doc
    found: list[_Cue] = []
    text, offset = sentence.text, sentence.start_char
    taken: list[tuple[int, int]] = []
    for match in c.according.finditer(text):
        cue = doc.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
        if cue is None or not _outside(quotes, cue[0]):
            continue
        source = phrase_after(doc, cue.end, sentence.end, c)
        if source is not None:
            found.append(_Cue(c.according_relation[match.group().lower()], cue.start_char, cue.end_char, cue.text, source))
            taken.append((cue.start, source.end))
    if c.postposition is not None:
        for match in c.postposition.finditer(text):
            cue = doc.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
            if cue is None:
                continue
            source = phrase_before(doc, sentence.start, cue.start, c)
            if source is not None:
                found.append(_Cue(c.postposition_relation[match.group().lower()], cue.start_char, cue.end_char, cue.text, source))
                taken.append((source.start, cue.end))
    for match in c.citing.finditer(text):
        cue = doc.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
        if cue is None:
            continue
        cited = phrase_after(doc, cue.end, sentence.end, c)
        relaying = phrase_before(doc, sentence.start, cue.start, c)
        if cited is not None:
            found.append(_Cue("said", cue.start_char, cue.end_char, cue.text, cited, relaying))
            taken.append((cue.start, cited.end))
    for token in sentence:
        lemma = (token.lemma_ or token.lower_).lower()
        relation = c.verbs.get(lemma) or c.verbs.get(token.lower_)
        if relation is None or not _outside(quotes, token) or any(s <= token.i < e for s, e in taken):
            continue
        source = _verb_source(token, sentence, c, quotes, taken)
        if source is not None:
            found.append(_Cue(relation, token.idx, token.idx + len(token.text), token.text, source))
    return sorted(found, key=lambda f: f.start)


def _verb_source(
    verb: Token, sentence: Span, c: _Cues, quotes: list[Span], taken: list[tuple[int, int]]
) -> Span | None:
    """The phrase after the verb up to the next quote, else the one before it back to a quote or another cue's phrase."""
    after_end = next((q.start for q in quotes if q.start > verb.i), sentence.end)
    source = phrase_after(sentence.doc, verb.i + 1, min(after_end, sentence.end), c)
    if source is not None:
        return source
    clause_start = max([sentence.start] + [q.end for q in quotes if q.end <= verb.i] + [e for _, e in taken if e <= verb.i])
    return phrase_before(sentence.doc, clause_start, verb.i, c)


class AttributionIntl:
    """Writes ``doc._.cl_sources`` and ``span._.cl_attribution`` on figures and quotes."""

    def __init__(self, lang: str) -> None:
        register()
        self.lang = lang
        cues(lang)

    def __call__(self, doc: Doc) -> Doc:
        c = cues(self.lang)
        registry = Registry(self.lang)
        quotes = list(doc.spans.get(QUOTES_KEY, []))
        claims = list(doc.spans.get(FIGURES_KEY, [])) + quotes
        for sentence in doc.sents:
            chain = self._chain(sentence, c, quotes, registry)
            for span in claims:
                if sentence.start <= span.start < sentence.end:
                    span._.cl_attribution = list(chain)
        doc._.cl_sources = [entry.source for entry in registry.entries]
        return doc

    def _chain(self, sentence: Span, c: _Cues, quotes: list[Span], registry: Registry) -> list[Attribution]:
        """The nearest source first: a cited source, then the one that relays it; else the sentence's first cue."""
        found = sentence_cues(sentence, c, quotes)
        if not found:
            return []
        cited = next((cue for cue in found if cue.relayed_by is not None or c.citing.fullmatch(cue.text)), None)
        if cited is None:
            first = found[0]
            source_id = registry.add(first.source, classify(first.source, c), c)
            return [Attribution(source_id, first.relation, first.text, first.start, first.end)]  # type: ignore[arg-type]
        chain = [Attribution(registry.add(cited.source, classify(cited.source, c), c), "said", cited.text, cited.start, cited.end)]
        speaker = next((cue for cue in found if cue is not cited and cue.start < cited.start), None)
        relay = speaker.source if speaker is not None else cited.relayed_by
        if relay is not None:
            cue = speaker or cited
            chain.append(Attribution(registry.add(relay, classify(relay, c), c), "cited", cue.text, cue.start, cue.end))
        return chain


@Language.factory("claimledger_attribution_intl", default_config={"lang": None})
def make_attribution_intl(nlp: Language, name: str, lang: str | None) -> AttributionIntl:
    return AttributionIntl(lang or nlp.lang)
