"""claimledger_attribution for Russian, Ukrainian and German: who says each figure and quote.

The English component walks the parse; here the cues of ``data/<lang>/attribution.json``
are found in each sentence and the source is the name or institution phrase next to them:

- "according to" phrases take the phrase after them ("по данным Офиса генпрокурора",
  "за даними Опендатабот", "laut Staatsanwaltschaft"); postpositions the phrase before
  ("der Staatsanwaltschaft zufolge");
- a speech verb ("заявил", "повідомили", "sagte") takes the nearest such phrase in its
  clause, after the verb first (the inverted order of "— заявил Лубинец"), else before it;
- a citing phrase ("со ссылкой на", "unter Berufung auf") makes a chain as in English: the
  source that says it first (nearest the claim), then the one it cites (relation ``cited``).

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

from claimledger import datafiles
from claimledger.extract.config import language
from claimledger.extract.extensions import FIGURES_KEY, QUOTES_KEY, STATEMENTS_KEY, register
from claimledger.extract.morphology import could_be_name, name_form
from claimledger.model import Attribution, Source

MAX_PHRASE = 10
"""Words a source phrase may have ("командующий Объединенной группировкой российских войск генерал Сергей Суровикин")."""
_LEADING = 2
"""Articles and prepositions skipped before a source ("повідомили в Офісі", "auf die Staatsanwaltschaft")."""
_IMPERSONAL_REACH = 6
"""Words after an impersonal cue that may name where it was said ("говорится в ответе Офиса генпрокурора")."""
_OPENING_QUOTES = frozenset('«„"“‚')
_CLOSING_QUOTES = frozenset('»“"”‘')
_QUOTED_NAME = 6
"""Words a name in quotation marks may have ("сервис «Опендатабот»", "партія «Слуга народу»")."""

@dataclass(frozen=True)
class _Cues:
    verbs: dict[str, str]
    according: re.Pattern[str]
    according_relation: dict[str, str]
    postposition: re.Pattern[str] | None
    postposition_relation: dict[str, str]
    citing: re.Pattern[str]
    patterns: tuple[tuple[re.Pattern[str], str], ...]
    institutions: frozenset[str]
    roles: frozenset[str]
    media: frozenset[str]
    not_names: frozenset[str]
    separable: dict[str, frozenset[str]]
    reported_mood: frozenset[str]
    complementizers: frozenset[str]
    verb_second: bool
    pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    impersonal: re.Pattern[str] | None
    passive: frozenset[str]
    impersonal_relation: dict[str, str]
    articles: frozenset[str]
    report_anaphors: tuple[str, ...]
    subordinators: frozenset[str]
    subjunctive_stems: bool


def _phrases(words: list[str]) -> str:
    """Alternatives, longest first; a phrase that starts with a letter must start a word (", so" need not)."""
    return "|".join((r"(?<!\w)" if w[:1].isalnum() else "") + re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def cues(lang: str, lexicon: str = "attribution") -> _Cues:
    data = datafiles.lexicon(lexicon, lang)
    post = data["postpositions"]
    return _Cues(
        verbs=data["verbs"],
        according=re.compile(rf"(?:{_phrases(list(data['according_to']))})(?!\w)", re.I),
        according_relation={k.lower(): v for k, v in data["according_to"].items()},
        postposition=re.compile(rf"(?:{_phrases(list(post))})(?!\w)", re.I) if post else None,
        postposition_relation={k.lower(): v for k, v in post.items()},
        patterns=tuple((re.compile(rf"(?<!\w)(?:{p})(?!\w)"), r) for p, r in data["according_patterns"].items()),
        citing=re.compile(rf"(?:{_phrases(data['citing'])})(?!\w)", re.I),
        institutions=frozenset(data["institutions"]),
        roles=frozenset(data["roles"]),
        media=frozenset(data["media"]),
        not_names=frozenset(data["not_names"]),
        separable={verb: frozenset(particles) for verb, particles in data["separable"].items()},
        reported_mood=frozenset(data["reported_mood"]),
        complementizers=frozenset(data["complementizers"]),
        verb_second=bool(data["verb_second"]),
        pronouns=frozenset(data["pronouns"]),
        auxiliaries=frozenset(data["auxiliaries"]),
        impersonal=re.compile(rf"(?:{_phrases(list(data['impersonal']))})(?!\w)", re.I) if data["impersonal"] else None,
        impersonal_relation={k.lower(): v for k, v in data["impersonal"].items()},
        articles=frozenset(data["articles"]),
        passive=frozenset(data["passive"]),
        report_anaphors=tuple(data["report_anaphors"]),
        subordinators=frozenset(data["subordinators"]),
        subjunctive_stems=bool(data["subjunctive_stems"]),
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

    def add(self, phrase: Span, kind: str, c: _Cues) -> str | None:
        if len(phrase) == 1 and phrase[0].lower_ in c.pronouns:
            people = [e for e in self.entries if e.source.kind == "person"] or self.entries  # "sie": die Regierung
            if not people:
                return None
            people[-1].source.mentions.append((phrase.start_char, phrase.end_char))
            return people[-1].source.id  # "sagte sie": the person (else the source) named last
        role_end = phrase.start
        if kind == "person":
            # the name is the run of capitalised words that ends the phrase; what comes before it is the office:
            # "министр обороны Андрей Белоусов", "командующий … генерал Сергей Суровикин"
            role_end = phrase.end
            while role_end > phrase.start and _is_name_word(phrase.doc[role_end - 1], c) and not _is_role(phrase.doc[role_end - 1], c):
                role_end -= 1
            role_end = min(role_end, phrase.end - 1)
        role = phrase.doc[phrase.start : role_end].text or None
        mention = (phrase.start_char, phrase.end_char)  # the office with the name: how the article introduces the source
        phrase = phrase.doc[role_end : phrase.end]
        kept = [t for t in phrase if t.is_alpha or "-" in t.text or "." in t.text]
        words = tuple(self._word(t) for t in kept) or (phrase.text,)
        name = "".join(self._word(t) + t.whitespace_ for t in kept).strip() or phrase.text  # "пресс-служба" stays whole
        key = tuple(w.lower() for w in words)
        for entry in self.entries:
            known = tuple(w.lower() for w in entry.words)
            if key == known or (kind == "person" and len(key) == 1 and key[0] == known[-1]):
                entry.source.mentions.append(mention)
                return entry.source.id
            if entry.source.kind == "person" and len(known) == 1 and len(key) > 1 and key[-1] == known[0]:
                entry.words, entry.source.name = words, name
                entry.source.mentions.append(mention)
                return entry.source.id
        source = Source(id=f"s{len(self.entries) + 1}", name=name, kind=kind, role=role)  # type: ignore[arg-type]
        source.mentions.append(mention)
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


def _wordlike(token: Token) -> bool:
    """Letters, maybe joined by hyphens: "US-amerikanische", "Spiegel-Online"."""
    return token.text.replace("-", "").isalpha()


def _is_name_word(token: Token, c: _Cues) -> bool:
    if not (token.text[:1].isupper() and _wordlike(token)) or token.lower_ in c.not_names or _lemma(token) in c.not_names:
        return False
    return not token.is_sent_start or token.is_upper or could_be_name(token.text, token.doc.lang_)


def _is_role(token: Token, c: _Cues) -> bool:
    return _lemma(token) in c.roles or token.lower_ in c.roles


def _is_institution(token: Token, c: _Cues) -> bool:
    return _lemma(token) in c.institutions or token.lower_ in c.institutions or _is_role(token, c)


def _glued_hyphen(token: Token) -> bool:
    """A hyphen the tokenizer split off a word ("пресс-служба" -> "пресс", "-", "служба")."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _acceptable(token: Token, c: _Cues) -> bool:
    """A word a source phrase may hold: a place's name too, inside it ("Президент России Владимир Путин")."""
    if _glued_hyphen(token):
        return True
    if token.is_punct or token.like_num or token.is_space:
        return False
    if token.text[:1].isupper() and _wordlike(token) and not token.is_sent_start:
        return True
    return _is_name_word(token, c) or _is_institution(token, c) or (_wordlike(token) and token.lower_ not in c.not_names)


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
    quoted = _quoted_name(doc, start, end)
    if quoted is not None:
        return quoted
    tokens: list[Token] = []
    for token in doc[start:end]:
        if not _acceptable(token, c) or len(tokens) >= MAX_PHRASE:
            break
        tokens.append(token)
    kept = _leading(tokens, c)
    if kept and kept[-1].i + 3 < len(doc) and doc[kept[-1].i + 1].text == "(" and doc[kept[-1].i + 3].text == ")":
        kept = kept + [doc[kept[-1].i + 1], doc[kept[-1].i + 2], doc[kept[-1].i + 3]]  # "Survey (USGS)"
    return _span(doc, kept, c)


def _quoted_name(doc: Doc, start: int, end: int) -> Span | None:
    """A short capitalised name in quotation marks, after at most one word that says what it is:
    "сообщает сервис «Опендатабот»", "за даними «Опендатабот»", "berichtet das Portal „NV“"."""
    opening = start + 1 if start < end and doc[start].is_lower and doc[start].is_alpha else start
    if opening >= end or doc[opening].text not in _OPENING_QUOTES:
        return None
    for close in range(opening + 2, min(end, opening + _QUOTED_NAME + 2)):
        if doc[close].text in _CLOSING_QUOTES:
            inner = doc[opening + 1 : close]
            if inner[0].text[:1].isupper() and not any(t.text in _SENTENCE_MARKS for t in inner):
                return inner
            return None
    return None


_SENTENCE_MARKS = frozenset(".!?:;,")


def _leading(tokens: list[Token], c: _Cues) -> list[Token]:
    """The first name or institution phrase of ``tokens``: lower-case words after it that are no institution end it."""
    kept: list[Token] = []
    modifiers = 0
    for token in tokens:
        if _is_name_word(token, c) or _is_institution(token, c):
            kept.append(token)
        elif kept and len(kept) < MAX_PHRASE and (token.is_lower or token.text[:1].isupper() or _glued_hyphen(token)):
            kept.append(token)  # "Офиса генерального прокурора", "Президент России …": a word between two parts
        elif kept:
            break
        else:
            modifiers += 1
            if modifiers > 1:
                return []  # the phrase must open with its name ("die ukrainische Generalstaatsanwaltschaft" at most one word before)
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
    """media, organization or person: by the lexicon's outlets and institutions, else by the shape of the name;
    unattributed for an impersonal cue ("heißt es", "сообщается"), which is its own source phrase."""
    text = phrase.text.lower()
    if c.impersonal is not None and c.impersonal.fullmatch(phrase.text):
        return "unattributed"
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
    if c.impersonal is not None:
        for match in c.impersonal.finditer(text):
            cue = doc.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
            if cue is not None and _outside(quotes, cue[0]):
                holder = phrase_after(doc, cue.end, min(sentence.end, cue.end + _IMPERSONAL_REACH), c)
                found.append(_Cue(c.impersonal_relation[match.group().lower()], cue.start_char, cue.end_char, cue.text, holder or cue))
                taken.append((cue.start, holder.end if holder is not None else cue.end))
    for pattern, relation in c.patterns:
        for match in pattern.finditer(text):
            cue = doc.char_span(offset + match.start(), offset + match.end(), alignment_mode="expand")
            holder = next((g for g in ("source", "name") if g in match.groupdict() and match.group(g)), "noun")
            source = doc.char_span(offset + match.start(holder), offset + match.end(holder), alignment_mode="expand")
            if holder == "source" and source is not None:
                source = phrase_after(doc, source.start, source.end, c) or source
            if cue is not None and source is not None and not any(s < cue.end and cue.start < e for s, e in taken):
                found.append(_Cue(relation, cue.start_char, cue.end_char, cue.text, source))
                taken.append((cue.start, cue.end))
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
        relation = _speech_relation(token, sentence, c, quotes)
        if relation is None or not _outside(quotes, token) or any(s <= token.i < e for s, e in taken):
            continue
        source = _verb_source(token, sentence, c, quotes, taken)
        if source is not None:
            found.append(_Cue(relation, token.idx, token.idx + len(token.text), token.text, source))
    return sorted(found, key=lambda f: f.start)


def _speech_relation(token: Token, sentence: Span, c: _Cues, quotes: list[Span]) -> str | None:
    """The relation of a speech verb (a separable one only with its particle later in the sentence: 'teilte … mit')."""
    lemma = _lemma(token)
    relation = c.verbs.get(lemma) or c.verbs.get(token.lower_)
    if relation is None and lemma in c.separable:
        if any(t.lower_ in c.separable[lemma] for t in sentence.doc[token.i + 1 : sentence.end]):
            return "said"
    if relation is None and token.is_lower and token.is_alpha and token.lower_ not in c.not_names:
        following = sentence.doc[token.i + 1 : min(token.i + 3, sentence.end)]
        if len(following) == 2 and following[0].text == "," and following[1].lower_ in c.complementizers:
            return "said"  # a verb that opens a reported clause: "glaubt, dass", "признал, что"
        if _frames_a_quotation(token, quotes):
            return "said"  # „…“, würdigte er / Er rechtfertigte: „…“ — the verb that frames a quotation says it
    return relation


def _frames_a_quotation(token: Token, quotes: list[Span]) -> bool:
    """The word right after a full quotation (and its comma), or right before a colon that opens one."""
    i = token.i
    full = [q for q in quotes if q._.cl_quote_kind == "full"]
    closed = any(q.end == i or (q.end == i - 1 and token.doc[i - 1].text == ",") for q in full)
    opened = any(q.start == i + 2 and token.doc[i + 1].text == ":" for q in full)
    return closed or opened


def _verb_source(
    verb: Token, sentence: Span, c: _Cues, quotes: list[Span], taken: list[tuple[int, int]]
) -> Span | None:
    """The phrase after the verb up to the next quote, else the one before it back to a quote or another cue's phrase.

    In a verb-second language the clause's first words decide: a name or noun phrase that
    opens the clause is the subject (also when the speech verb is a participle at the clause's
    end); a clause opened by anything else has it after the verb.
    """
    doc = sentence.doc
    after_end = min(next((q.start for q in quotes if q.start > verb.i), sentence.end), sentence.end)
    clause_start = max(
        [sentence.start] + [q.end for q in quotes if q.end <= verb.i] + [e for _, e in taken if e <= verb.i]
        + [t.i + 1 for t in doc[sentence.start : verb.i] if t.text in (",", ";", ":")]
    )
    if c.verb_second:
        if any(t.lower_ in c.passive for t in doc[clause_start : verb.i]):
            return None  # "Außerdem wurde eine bessere Jugendarbeit gefordert": passive, no speaker named
        opener = doc[clause_start] if clause_start < verb.i else None
        if opener is not None and opener.lower_ in c.subordinators:
            # "…, wie das Statistische Bundesamt mitteilte": the subject follows the word that opens the clause
            subject = _pronoun(doc, clause_start + 1, verb.i, c) or phrase_after(doc, clause_start + 1, verb.i, c)
            if subject is not None:
                return subject
        if opener is not None and opener.lower_ in c.pronouns and clause_start + 1 == verb.i:
            return doc[clause_start : verb.i]  # "Er sagte"
        if opener is not None and opener.is_lower and opener.is_alpha and opener.lower_ not in c.not_names | c.articles:
            # "Peter Clever, hat … gefordert": the comma closed an apposition, the subject opens the sentence
            subject = phrase_after(doc, sentence.start, clause_start, c)
            if subject is not None:
                return subject
        if opener is not None and (opener.lower_ not in c.not_names or opener.lower_ in c.articles) and not opener.like_num:
            # the phrase that opens the clause ("Stoiber hatte … betont"), else the one next to the verb
            subject = phrase_after(doc, clause_start, verb.i, c) or phrase_before(doc, clause_start, verb.i, c)
            if subject is not None:
                return subject
        base = max([sentence.start] + [q.end for q in quotes if q.end <= verb.i])
        opens_with_subject = clause_start == verb.i and base < clause_start and _noun_phrase_start(doc[base], c)
        return (
            _pronoun(doc, verb.i + 1, after_end, c)
            # "Die Regierungspartei Palästinas, die Hamas, bezeichnete die Anschläge …": the sentence opened with
            # the subject and its apposition; the noun after the verb is the object
            or (phrase_after(doc, base, clause_start, c) if opens_with_subject else None)
            or phrase_after(doc, verb.i + 1, after_end, c)
            or _after_finite_verb(doc, clause_start, verb.i, c)
            # "Der Leiter …, Klaus Stöhr, sagte:": the comma closed an apposition of the subject
            or (phrase_after(doc, base, clause_start, c) if clause_start == verb.i and base < clause_start else None)
        )
    source = _pronoun(doc, verb.i + 1, after_end, c) or phrase_after(doc, verb.i + 1, after_end, c)
    if source is not None:
        return source
    return _pronoun(doc, clause_start, verb.i, c) or phrase_before(doc, clause_start, verb.i, c)


def _noun_phrase_start(token: Token, c: _Cues) -> bool:
    """An article or a name opens the phrase: "Die Regierungspartei …", "Elon Musk, der Milliardär …"."""
    return token.lower_ in c.articles or (_is_name_word(token, c) and token.lower_ not in c.pronouns)


def _after_finite_verb(doc: Doc, start: int, end: int, c: _Cues) -> Span | None:
    """The subject of an inverted clause with the speech verb at its end ("In einem Interview hatte Glos gesagt"):
    the first pronoun or name phrase right after a finite verb of the lexicon."""
    for i in range(start + 1, end):
        if doc[i - 1].lower_ in c.auxiliaries:
            found = _pronoun(doc, i, end, c) if doc[i].lower_ in c.pronouns else phrase_after(doc, i, end, c)
            if found is not None and found.start - i <= 1:
                return found
    return None


def _pronoun(doc: Doc, start: int, end: int, c: _Cues) -> Span | None:
    """A subject pronoun right at ``start`` (or the last word before ``end`` when the range is a clause opening)."""
    for i in (start, end - 1):
        if start <= i < end and doc[i].lower_ in c.pronouns:
            return doc[i : i + 1]
    return None


class AttributionIntl:
    """Writes ``doc._.cl_sources`` and ``span._.cl_attribution`` on figures and quotes."""

    def __init__(self, lang: str, lexicon: str = "attribution") -> None:
        register()
        self.lang = lang
        self.cues = cues(lang, lexicon)

    def __call__(self, doc: Doc) -> Doc:
        c = self.cues
        registry = Registry(self.lang)
        quotes = list(doc.spans.get(QUOTES_KEY, []))
        # a scare-quoted word inside the author's sentence is the author's, not something a source said
        said = [q for q in quotes if q._.cl_quote_kind in ("full", "partial") or q.start == q.sent.start]
        claims = list(doc.spans.get(FIGURES_KEY, [])) + said
        statements: list[Span] = []
        reported: list[Attribution] = []  # the chain a following quotation or sentence in the reported mood continues
        reports: list[tuple[Span, list[Attribution]]] = []  # sentences that attribute no figure of their own
        for sentence in map(_without_leading_space, doc.sents):
            found = sentence_cues(sentence, c, said)  # a name in quotation marks ("сервис «Опендатабот»") is no speech
            chain = self._chain(found, c, registry)
            if reported and _only_impersonal(chain, registry):
                chain = list(reported)  # "«…», — йдеться у повідомленні": the message of the source just named
            content = _content(sentence, found, c, quotes) if chain else None
            quoted = any(sentence.start <= q.start < sentence.end and q._.cl_quote_kind == "full" for q in quotes)
            if not chain and reported and _in_reported_mood(sentence, c, quotes):
                chain, content = list(reported), _trimmed(sentence, sentence.start, sentence.end, c)
            elif not chain and reported and quoted:
                chain = list(reported)  # a quotation that goes on from the speaker of the sentence before
            reported = chain
            for span in claims:
                if sentence.start <= span.start < sentence.end:
                    span._.cl_attribution = list(chain)
            if chain and not any(sentence.start <= f.start < sentence.end for f in doc.spans.get(FIGURES_KEY, [])):
                reports.append((sentence, chain))
            if content is not None:
                content._.cl_attribution = list(chain)
                statements.append(content)
        _reports_cover_what_came_before(doc, reports, c)
        _inherit_chains(list(doc.spans.get(FIGURES_KEY, [])))
        doc.spans[STATEMENTS_KEY] = statements
        doc._.cl_sources = [entry.source for entry in registry.entries]
        return doc

    def _chain(self, found: list[_Cue], c: _Cues, registry: Registry) -> list[Attribution]:
        """The nearest source first: the one that relays a cited source, then the cited one; else the sentence's first cue."""
        if not found:
            return []
        cited = next((cue for cue in found if cue.relayed_by is not None or c.citing.fullmatch(cue.text)), None)
        if cited is None:
            first = found[0]
            source_id = registry.add(first.source, classify(first.source, c), c)
            if source_id is None:
                return []
            return [Attribution(source_id, first.relation, first.text, first.start, first.end)]  # type: ignore[arg-type]
        speaker = next((cue for cue in found if cue is not cited and cue.start < cited.start), None)
        relay = speaker.source if speaker is not None else cited.relayed_by
        relay_id = registry.add(relay, classify(relay, c), c) if relay is not None else None
        cited_id = registry.add(cited.source, classify(cited.source, c), c)
        if cited_id is None:
            return []
        if relay_id is None:
            return [Attribution(cited_id, "said", cited.text, cited.start, cited.end)]
        # who says it first, then whom they cite (docs/ledger-format.md, as the English component writes it)
        cue = speaker or cited
        relation = speaker.relation if speaker is not None else "said"
        return [
            Attribution(relay_id, relation, cue.text, cue.start, cue.end),  # type: ignore[arg-type]
            Attribution(cited_id, "cited", cited.text, cited.start, cited.end),
        ]


def _without_leading_space(sentence: Span) -> Span:
    """The sentence from its first word: spaCy starts a sentence after a line break with the break itself."""
    start = sentence.start
    while start < sentence.end - 1 and sentence.doc[start].is_space:
        start += 1
    return sentence.doc[start : sentence.end]


def _only_impersonal(chain: list[Attribution], registry: Registry) -> bool:
    """The chain is one impersonal cue that names no holder ("сообщается", "heißt es")."""
    kinds = {entry.source.id: entry.source.kind for entry in registry.entries}
    return len(chain) == 1 and kinds.get(chain[0].source) == "unattributed"


def _paragraph_of(doc: Doc, char: int) -> int:
    return doc.text.count("\n", 0, char)


def _reports_cover_what_came_before(doc: Doc, reports: list[tuple[Span, list[Attribution]]], c: _Cues) -> None:
    """A sentence that names a source but states no figure reports the figures before it, as in English:
    "Открыто 900 дел. Это следует из данных Минобороны." covers the figures of its paragraph before it; one
    that opens a paragraph with an anaphor ("Об этом говорится в ответе Офиса генпрокурора", "Про це
    свідчать дані Опендатабот", "Das teilte das Bundesamt mit") those of the paragraph before. Figures that
    already have a source keep it."""
    figures = list(doc.spans.get(FIGURES_KEY, []))
    sentences = list(doc.sents)
    for sentence, chain in reports:
        here = _paragraph_of(doc, sentence.start_char + len(sentence.text) - len(sentence.text.lstrip()))
        index = next(i for i, s in enumerate(sentences) if s.start <= sentence.start < s.end)
        opens = index == 0 or _paragraph_of(doc, sentences[index - 1].end_char) != here
        anaphoric = sentence.text.lstrip().lower().startswith(tuple(a + " " for a in c.report_anaphors))
        if opens and not anaphoric:
            continue
        reach = here - 1 if opens else here
        for figure in figures:
            if figure.start < sentence.start and not figure._.cl_attribution and _paragraph_of(doc, figure.start_char) >= reach:
                figure._.cl_attribution = list(chain)


def _inherit_chains(figures: list[Span]) -> None:
    """A figure its sentence does not attribute is the source's that the article last named for a figure (news relays
    one source figure after figure: "За даними Опендатабот, … Це на 1,5 раза менше"); figures before the first
    attributed one (the headline, the lead) take the first chain that follows."""
    chains = [(span.start, span._.cl_attribution) for span in figures if span._.cl_attribution]
    if not chains:
        return
    for span in figures:
        if span._.cl_attribution:
            continue
        before = [chain for start, chain in chains if start < span.start]
        span._.cl_attribution = list(before[-1] if before else chains[0][1])


def _trimmed(sentence: Span, start: int, end: int, c: _Cues) -> Span | None:
    """Tokens ``start:end`` without the punctuation and the complementizer at their edges ("…, dass", the full stop)."""
    doc = sentence.doc
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in c.complementizers):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end - start >= 2 else None


def _content(sentence: Span, found: list[_Cue], c: _Cues, quotes: list[Span]) -> Span | None:
    """What the sentence's first cue reports: the longer side of the sentence around the cue and its source.

    A quotation in the sentence is its own claim (the cue's content), so the sentence gives no statement.
    A phrase cue inside the content ("Ein Tatverdacht bestehe nach Angaben der Bundesanwaltschaft nicht
    mehr") leaves the content in two parts; the statement is the longer one.
    """
    if any(sentence.start <= q.start < sentence.end and q._.cl_quote_kind in ("full", "partial") for q in quotes):
        return None
    doc, cue = sentence.doc, found[0]
    cue_span = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if cue_span is None:
        return None
    low, high = min(cue_span.start, cue.source.start), max(cue_span.end, cue.source.end)
    before = sum(1 for t in doc[sentence.start : low] if t.is_alpha)
    after = sum(1 for t in doc[high : sentence.end] if t.is_alpha)
    if after >= before:
        return _trimmed(sentence, high, sentence.end, c)
    return _trimmed(sentence, sentence.start, low, c)


def _in_reported_mood(sentence: Span, c: _Cues, quotes: list[Span]) -> bool:
    """A sentence without a cue whose verb is in the reported mood (Konjunktiv I: 'sei', 'habe', 'bestehe';
    the reportative 'soll'), or, where the lexicon says so, any verb's Konjunktiv I ('liege', 'angehöre')."""
    return any(
        _outside(quotes, t) and (t.lower_ in c.reported_mood or (c.subjunctive_stems and _subjunctive_stem(t)))
        for t in sentence
    )


def _subjunctive_stem(token: Token) -> bool:
    """The Konjunktiv I of the third person: the infinitive's stem with -e ("liegen" -> "liege"), in lower case
    outside a quotation (the first person, "ich liege", is the same form, and is rare outside one)."""
    lemma = _lemma(token)
    return (
        token.is_lower and token.is_alpha and len(token.text) > 3 and lemma.endswith("en")
        and token.lower_ == lemma[:-2] + "e"
    )


@Language.factory(
    "claimledger_attribution_intl",
    assigns=["doc.spans", "doc._.cl_sources", "span._.cl_attribution", "span._.cl_quote_kind"],
    requires=["doc.sents", "token.lemma", "span._.cl_figure", "span._.cl_quote"],
    default_config={"lang": None, "lexicon": "attribution"},
)
def make_attribution_intl(nlp: Language, name: str, lang: str | None, lexicon: str) -> AttributionIntl:
    return AttributionIntl(language(nlp, lang), lexicon)
