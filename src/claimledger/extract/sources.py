"""claimledger_sources: who the article's sources are, and which words refer to them.

The component builds a :class:`Registry` of the people, organisations, media and
documents named in the Doc (PERSON and ORG entities, media names from the lexicon)
with their roles and affiliations, and sets ``Doc._.cl_sources`` (``model.Source``,
ids s1, s2, … in order of first mention) and ``doc.spans["cl_source_mentions"]``.
``claimledger_attribution`` then resolves each speaker it finds through the same
registry (``Registry.resolve``), which adds unnamed sources on demand, and in the end
keeps only the sources that something is attributed to (and the organisations they
belong to).

Kinds (the contract's ``person | organization | media | document | anonymous | unattributed``):

- ``person``: a PERSON entity, or a noun phrase headed by a role noun (``a correspondent for the German newspaper Die Welt``);
- ``organization``: an ORG entity, a country or people speaking as a government
  (``Russia said``), or a phrase headed by an institution noun (``the ministry``);
- ``media``: a name from the media lexicon or one built like one (``… Times``, ``… News``), or a phrase headed by ``newspaper``, ``broadcaster`` …;
- ``document``: a report, register, study, data set … (``a report by the State Bureau of Investigation``, affiliation its author);
- ``anonymous``: an unnamed source (``sources close to the Russian administration``,
  ``a source in law enforcement``, ``officials who spoke on condition of anonymity``, ``a senior official``);
- ``unattributed``: no source at all, only words that hedge (``reports indicate``, ``it is believed``, ``reportedly``).

Vague groups (``Ukrainian officials``, ``experts``, ``observers``, ``Western analysts``)
keep an ordinary kind, ``organization`` for institutions (authorities, officials,
the government, intelligence) and ``person`` for the rest; :func:`is_vague` recognises
them from the name, and the ``vague_source`` finding marks them.

Coreference (later mentions joining a source), by the cases it handles:

1. name parts: a mention whose words are a subset of a known person's name (``Zakharova`` →
   ``Maria Zakharova``; titles like ``Mr.``/``President`` are dropped), the latest such person winning;
   the same for an organisation's name without ``the``;
2. pronouns: ``he``/``him``/``his`` and ``she``/``her`` → the nearest earlier person of
   compatible gender (gender from a first-name list, role nouns like ``spokeswoman`` and titles
   like ``Mrs.``, and from pronouns resolved before), preferring the subject of the same sentence,
   then recent subjects; ``they``/``them`` → the nearest group, organisation or anonymous source;
   ``it`` → the nearest organisation, medium or document;
3. definite role nouns: ``the spokeswoman``, ``the minister``, ``the diplomat`` … → the nearest
   earlier person whose role contains the noun, or whose role/affiliation fits it (``the diplomat`` →
   someone at a foreign ministry, an ambassador, a spokesperson; ``data/sources_lexicon.json``,
   ``generic_person_nouns``); ``the ministry``, ``the agency``, ``the newspaper`` → the nearest
   earlier organisation or medium whose name contains the noun (or of the right kind);
4. relative pronouns (``Christoph Vanner, who reported``) are resolved by the attribution component
   to the noun they modify.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimledger import datafiles
from claimledger.extract.config import english_with_packaged_lexicon
from claimledger.extract.extensions import SOURCE_MENTIONS_KEY, register
from claimledger.model import Source

_POSSESSIVE = {"'s", "’s", "'", "’"}
_DETS = {"the", "a", "an", "this", "that", "these", "those"}
_PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_GROUP_PRONOUNS = {"they", "them", "their"}
_IT_PRONOUNS = {"it", "its"}


@cache
def lexicon() -> dict:
    data = datafiles.load("sources_lexicon")
    out: dict = {}
    for key, value in data.items():
        out[key] = set(value) if isinstance(value, list) else value
    return out


def is_vague(source: Source) -> bool:
    """A group too broad to check: no proper name, headed by a plural group noun (``Ukrainian officials``, ``experts``)."""
    if source.kind not in ("person", "organization"):
        return False
    words = source.name.replace("’", "'").split()
    if not words:
        return False
    head = words[-1].lower().strip(".,")
    lex = lexicon()
    if head not in lex["vague_heads"]:
        return False
    if len(words) > 4:
        return False
    # a named group ("the Ukrainian General Staff") is not vague: every word but nationality adjectives lower case
    for word in words[:-1]:
        if word[:1].isupper() and not word.lower().endswith(("an", "ish", "ese", "i", "ch", "ic", "ern")):
            return False
    return head.endswith("s") or head in ("many", "some", "others", "most", "several", "few", "people", "military", "intelligence")


@dataclass
class Entry:
    kind: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None
    words: frozenset[str] = frozenset()
    subject_at: list[int] = field(default_factory=list)  # token indices of mentions that are subjects
    used: bool = False

    @property
    def first(self) -> int:
        return min(s for s, _ in self.mentions) if self.mentions else 1 << 30


def _clean_words(text: str) -> frozenset[str]:
    lex = lexicon()
    return frozenset(
        w for w in (x.strip(".,").lower().replace("’", "'") for x in text.split()) if w and w not in lex["titles"]
    )


def _strip_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start and span.doc[end - 1].text in _POSSESSIVE:
        end -= 1
    start = span.start
    while start < end and span.doc[start].lower_ in _DETS:
        start += 1
    return span.doc[start:end]


def np_span(head: Token, exclude: Token | None = None) -> Span:
    """The noun phrase of ``head``: its subtree without clauses that hold ``exclude`` (the cue), trailing punctuation."""
    doc = head.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "advcl", "appos", "punct", "cc", "conj") or (
            exclude is not None and child.left_edge.i <= exclude.i <= child.right_edge.i
        ):
            if child.dep_ in ("relcl", "acl") and exclude is not None and not (
                child.left_edge.i <= exclude.i <= child.right_edge.i
            ):
                continue  # keep "officials who spoke on condition of anonymity"
            end = min(end, child.left_edge.i)
    for child in head.lefts:
        if exclude is not None and child.left_edge.i <= exclude.i <= child.right_edge.i:
            start = max(start, child.right_edge.i + 1)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return doc[start:end]


def _media_name(text: str) -> bool:
    lex = lexicon()
    low = text.lower().replace("’", "'").strip()
    if low.startswith("the "):
        low = low[4:]
    if low in lex["media_names"]:
        return True
    words = low.split()
    return len(words) >= 2 and words[-1] in lex["media_name_words"]


def classify_name(text: str, label: str) -> str:
    lex = lexicon()
    if _media_name(text):
        return "media"
    last = text.lower().split()[-1] if text.split() else ""
    if label == "PERSON":
        return "person"
    if last in lex["document_heads"] and last not in ("statement", "order"):
        return "document"
    if any(w in ("register", "registry", "database", "census") for w in text.lower().split()):
        return "document"
    return "organization"


class Registry:
    """The sources of one Doc and the token positions that refer to them."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entries: list[Entry] = []
        self.token_entry: dict[int, int] = {}
        self._build()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        doc = self.doc
        lex = lexicon()
        for ent in doc.ents:
            label = ent.label_
            if label not in ("PERSON", "ORG"):
                if label in ("GPE", "NORP", "WORK_OF_ART", "PRODUCT", "FAC") and _media_name(ent.text):
                    label = "ORG"
                else:
                    continue
            span = self._name_span(ent, label)
            if span is None or not span.text.strip():
                continue
            text = span.text
            if label == "PERSON" and _media_name(text):
                label = "ORG"
            kind = classify_name(text, label)
            if kind == "organization" and label == "ORG" and len(span) == 1:
                # "Zakharova" tagged ORG but a known person's name part
                idx = self._match_person(_clean_words(text), span.start)
                if idx is not None:
                    kind = "person"
            if kind == "person" and all(t.lower_ in lex["titles"] or t.lower_ in lex["role_nouns"] for t in span):
                continue
            self._add_named(span, kind)

    def _name_span(self, ent: Span, label: str) -> Span | None:
        doc = self.doc
        lex = lexicon()
        start, end = ent.start, ent.end
        if label == "ORG":
            # extend left over the rest of the name: "Ukraine’s Prosecutor General’s Office"
            while start > 0:
                t = doc[start - 1]
                if t.is_sent_start and t.i == start - 1 and t.pos_ != "PROPN":
                    break
                if t.pos_ == "PROPN" and start - 1 <= t.head.i < end + 1:
                    start -= 1
                    continue
                if t.text in _POSSESSIVE and start >= 2:
                    owner = doc[start - 2]
                    if owner.pos_ == "PROPN" and start <= owner.head.i < end + 1:
                        start -= 2
                        continue
                break
        else:
            while start < end and doc[start].lower_ in lex["titles"]:
                start += 1
        span = _strip_possessive(doc[start:end])
        if len(span) == 0:
            return None
        return span

    def _match_person(self, words: frozenset[str], before: int) -> int | None:
        best = None
        best_pos = -1
        for idx, entry in enumerate(self.entries):
            if entry.kind != "person" or not entry.words or not words:
                continue
            if words <= entry.words or entry.words <= words:
                pos = max((s for s, _ in entry.mentions), default=-1)
                if pos > best_pos:
                    best, best_pos = idx, pos
        return best

    def _add_named(self, span: Span, kind: str) -> int:
        words = _clean_words(span.text)
        idx = None
        if kind == "person":
            idx = self._match_person(words, span.start)
            if idx is None:
                # a one-word "person" that is a known organisation's name part is not a new person
                pass
        else:
            key = span.text.lower().replace("’", "'")
            for j, entry in enumerate(self.entries):
                if entry.kind != "person" and (entry.name.lower().replace("’", "'") == key or (entry.words and words and words == entry.words)):
                    idx = j
                    break
        if idx is None:
            entry = Entry(kind=kind, name=span.text, words=words)
            if kind == "person":
                entry.gender = self._gender_from_name(span)
            self.entries.append(entry)
            idx = len(self.entries) - 1
        entry = self.entries[idx]
        if len(span.text) > len(entry.name) and kind == entry.kind:
            entry.name = span.text
            entry.words = words
        self._add_mention(idx, span)
        if kind == "person":
            role, affiliation, gender = self._role_affiliation(span)
            if role and not entry.role:
                entry.role = role
            if affiliation and not entry.affiliation:
                entry.affiliation = affiliation
            if gender and not entry.gender:
                entry.gender = gender
        return idx

    def _gender_from_name(self, span: Span) -> str | None:
        lex = lexicon()
        first = span[0].lower_
        if first in lex["female_names"]:
            return "f"
        if first in lex["male_names"]:
            return "m"
        if span.start > 0:
            prev = self.doc[span.start - 1].lower_
            if prev in lex["female_roles"]:
                return "f"
            if prev in lex["male_roles"]:
                return "m"
        return None

    def _add_mention(self, idx: int, span: Span) -> None:
        entry = self.entries[idx]
        mention = (span.start_char, span.end_char)
        if mention not in entry.mentions:
            entry.mentions.append(mention)
        for t in span:
            self.token_entry[t.i] = idx
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")):
            entry.subject_at.append(root.i)

    # -- roles and affiliations ---------------------------------------------------------------
    def _role_affiliation(self, span: Span) -> tuple[str | None, str | None, str | None]:
        doc = self.doc
        lex = lexicon()
        root = span.root
        role = affiliation = gender = None
        # A) words before the name in the same phrase: "Russian Foreign Ministry spokeswoman Maria Zakharova"
        left = [t for t in doc[root.left_edge.i : span.start] if not t.is_space]
        if left:
            k = len(left)
            run_start = k
            has_role = False
            while run_start > 0:
                t = left[run_start - 1]
                low = t.lower_
                if low in lex["role_nouns"] or t.lemma_.lower() in lex["role_nouns"] or low in lex["titles"]:
                    has_role = True
                    run_start -= 1
                elif low in lex["role_modifiers"] and (has_role or run_start < k):
                    run_start -= 1
                else:
                    break
            if has_role:
                rest = [t for t in left[:run_start] if t.lower_ not in _DETS and t.dep_ not in ("prep", "punct", "cc")]
                role_tokens = left[run_start:]
                if rest and all(t.pos_ == "ADJ" or t.ent_type_ == "NORP" for t in rest):
                    role_tokens = rest + role_tokens
                    rest = []
                role = " ".join(t.text for t in role_tokens)
                if rest:
                    aff = [t for t in rest if t.text not in _POSSESSIVE]
                    if aff and any(t.pos_ in ("PROPN", "NOUN") for t in aff) and aff[0].dep_ != "prep":
                        affiliation = doc[aff[0].i : aff[-1].i + 1].text
                        affiliation = affiliation.rstrip("’'s").rstrip() if affiliation.endswith(("’s", "'s")) else affiliation
                        if doc[aff[-1].i].text in _POSSESSIVE:
                            affiliation = doc[aff[0].i : aff[-1].i].text
                        self._ensure_org(doc[aff[0].i : aff[-1].i + 1])
                for t in role_tokens:
                    if t.lower_ in lex["female_roles"]:
                        gender = "f"
                    elif t.lower_ in lex["male_roles"]:
                        gender = "m"
        # B) apposition: "its official spokesperson Maria Zakharova", "Maria Zakharova, the ministry's spokesperson"
        heads: list[Token] = []
        if root.dep_ == "appos" and self._is_role(root.head):
            heads.append(root.head)
        for child in root.children:
            if child.dep_ == "appos" and self._is_role(child):
                heads.append(child)
        for h in heads:
            r, a, g = self._role_phrase(h)
            role = role or r
            affiliation = affiliation or a
            gender = gender or g
        return role, affiliation, gender

    def _is_role(self, token: Token) -> bool:
        lex = lexicon()
        return token.lemma_.lower() in lex["role_nouns"] or token.lower_ in lex["role_nouns"]

    def _role_phrase(self, h: Token) -> tuple[str | None, str | None, str | None]:
        """Role and affiliation from a role noun: "the ministry's official spokesperson", "a correspondent for … Die Welt"."""
        doc = self.doc
        lex = lexicon()
        mods = [c for c in h.lefts if c.dep_ in ("amod", "compound", "nmod") and c.i == h.i - len([x for x in h.lefts if x.i > c.i and x.dep_ in ("amod", "compound", "nmod")]) - 1]
        start = min([m.left_edge.i for m in mods] + [h.i])
        role_tokens = [t for t in doc[start : h.i + 1] if t.text not in _POSSESSIVE]
        affiliation = None
        # proper-noun modifiers are the affiliation ("Kremlin spokesman")
        prop = [t for t in role_tokens if t.pos_ == "PROPN" and t.lower_ not in lex["role_modifiers"] and t.i != h.i]
        if prop:
            affiliation = doc[prop[0].i : prop[-1].i + 1].text
            role_tokens = [t for t in role_tokens if t not in prop]
        role = " ".join(t.text for t in role_tokens) or None
        for child in h.children:
            if affiliation:
                break
            if child.dep_ == "poss":
                if child.lower_ in ("its", "their"):
                    idx = self._nearest(child.i, kinds=("organization", "media", "document"))
                    if idx is not None:
                        affiliation = self.entries[idx].name
                else:
                    target = child
                    idx = self.token_entry.get(target.i)
                    if idx is None and target.pos_ == "NOUN":
                        idx = self._definite_org(target, child.i)
                    if idx is not None:
                        affiliation = self.entries[idx].name
                    else:
                        affiliation = _strip_possessive(doc[child.left_edge.i : child.i + 1]).text or None
            elif child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with", "to", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        affiliation = self._named_part(pobj)
        gender = None
        if h.lower_ in lex["female_roles"]:
            gender = "f"
        elif h.lower_ in lex["male_roles"]:
            gender = "m"
        return role, affiliation, gender

    def _named_part(self, head: Token) -> str:
        """The name inside a phrase: "the German newspaper Die Welt" → "Die Welt"."""
        doc = self.doc
        sub = np_span(head)
        best = None
        for ent in doc.ents:
            if ent.start >= sub.start and ent.end <= sub.end and ent.label_ in ("ORG", "PERSON", "GPE", "NORP", "FAC"):
                if best is None or len(ent) > len(best):
                    best = ent
        if best is not None:
            span = _strip_possessive(best)
            self._ensure_org(span)
            return span.text
        props = [t for t in sub if t.pos_ == "PROPN"]
        if props:
            span = doc[props[0].i : props[-1].i + 1]
            self._ensure_org(span)
            return span.text
        idx = self._definite_org(head, head.i) if head.pos_ == "NOUN" else None
        if idx is not None:
            return self.entries[idx].name
        return _strip_possessive(sub).text

    def _ensure_org(self, span: Span) -> None:
        span = _strip_possessive(span)
        if len(span) == 0 or not any(t.pos_ == "PROPN" for t in span):
            return
        if any(t.i in self.token_entry for t in span):
            return
        text = span.text
        kind = classify_name(text, "ORG")
        if len(span) == 1 and span[0].ent_type_ in ("GPE", "NORP") and kind == "organization":
            return  # "Ukraine" alone is a place, not an affiliation source
        self._add_named(span, kind)

    # -- resolving ------------------------------------------------------------------------------
    def _nearest(self, before: int, kinds: tuple[str, ...], gender: str | None = None, sentences: int = 4) -> int | None:
        """The entry of the right kind with the latest mention before token ``before``, subjects first."""
        doc = self.doc
        sent = doc[before].sent
        limit_char = sent.start_char
        s = sent
        for _ in range(sentences):
            if s.start == 0:
                break
            s = doc[s.start - 1].sent
            limit_char = s.start_char
        pos_char = doc[before].idx
        best_subject = best_any = None
        best_subject_pos = best_any_pos = -1
        same_sent_subject = None
        same_sent_pos = -1
        for idx, entry in enumerate(self.entries):
            if entry.kind not in kinds:
                continue
            if gender and entry.gender and entry.gender != gender:
                continue
            for start, _ in entry.mentions:
                if limit_char <= start < pos_char and start > best_any_pos:
                    best_any, best_any_pos = idx, start
            for ti in entry.subject_at:
                c = doc[ti].idx
                if limit_char <= c < pos_char:
                    if c >= sent.start_char and c > same_sent_pos:
                        same_sent_subject, same_sent_pos = idx, c
                    if c > best_subject_pos:
                        best_subject, best_subject_pos = idx, c
        if same_sent_subject is not None:
            return same_sent_subject
        return best_subject if best_subject is not None else best_any

    def _definite_org(self, head: Token, before: int) -> int | None:
        lex = lexicon()
        lemma = head.lemma_.lower()
        if lemma not in lex["org_heads"] and lemma not in lex["media_heads"]:
            return None
        best, best_pos = None, -1
        pos_char = head.idx
        for idx, entry in enumerate(self.entries):
            if entry.kind == "person":
                continue
            name = entry.name.lower()
            fits = lemma in name or (lemma in lex["media_heads"] and entry.kind == "media")
            if not fits:
                continue
            for start, _ in entry.mentions:
                if start < pos_char and start > best_pos:
                    best, best_pos = idx, start
        return best

    def _definite_person(self, head: Token) -> int | None:
        lex = lexicon()
        lemma = head.lemma_.lower()
        low = head.lower_
        keys = lex["generic_person_nouns"].get(low) or lex["generic_person_nouns"].get(lemma)
        gender = "f" if low in lex["female_roles"] else ("m" if low in lex["male_roles"] else None)
        best, best_pos, best_score = None, -1, -1
        pos_char = head.idx
        for idx, entry in enumerate(self.entries):
            if entry.kind != "person" or not entry.mentions:
                continue
            if gender and entry.gender and entry.gender != gender:
                continue
            described = f"{entry.role or ''} {entry.affiliation or ''}".lower()
            if lemma in described or low in described:
                score = 2
            elif keys and any(k in described for k in keys):
                score = 2
            elif keys == [] or (keys is None and entry.role):
                score = 1
            elif gender and entry.gender == gender:
                score = 1
            else:
                continue
            last = max((s for s, _ in entry.mentions if s < pos_char), default=-1)
            if last < 0:
                continue
            if (score, last) > (best_score, best_pos):
                best, best_pos, best_score = idx, last, score
        return best

    def resolve(self, head: Token, cue: Token | None = None, create: bool = True, weak: bool = False) -> int | None:
        """The entry the speaker phrase headed by ``head`` refers to; new entries made on demand.

        ``weak``: only accept a phrase that can be a source (for cues like ``suggest``, ``show``).
        """
        doc = self.doc
        lex = lexicon()
        if head.i in self.token_entry:
            return self.token_entry[head.i]
        low = head.lower_
        if (head.pos_ == "PRON" or head.tag_ in ("PRP", "PRP$")) and low not in lex["respondent_heads"]:
            idx = None
            if low in _PERSON_PRONOUNS:
                gender = _PERSON_PRONOUNS[low]
                idx = self._nearest(head.i, kinds=("person",), gender=gender)
                if idx is not None and not self.entries[idx].gender:
                    self.entries[idx].gender = gender
            elif low in _GROUP_PRONOUNS:
                idx = self._nearest(head.i, kinds=("organization", "anonymous", "media", "person"), sentences=2)
                if idx is not None and self.entries[idx].kind == "person" and not is_vague(self._as_source(idx)):
                    idx = self._nearest(head.i, kinds=("organization", "anonymous", "media"), sentences=2)
            elif low in _IT_PRONOUNS:
                idx = self._nearest(head.i, kinds=("organization", "media", "document"), sentences=2)
            if idx is not None:
                self._add_mention(idx, doc[head.i : head.i + 1])
            return idx
        det = None
        for child in head.lefts:
            if child.dep_ == "det":
                det = child.lower_
        if det in ("the", "this", "that") and head.pos_ == "NOUN":
            idx = None
            lemma = head.lemma_.lower()
            if lemma in lex["role_nouns"] or low in lex["role_nouns"]:
                idx = self._definite_person(head)
            elif lemma in lex["org_heads"] or lemma in lex["media_heads"]:
                idx = self._definite_org(head, head.i)
            if idx is not None:
                self._add_mention(idx, np_span(head, cue))
                return idx
        if head.pos_ == "PROPN":
            # a name part of a known person: "Fedorov" after "Mykhailo Fedorov"
            name = _strip_possessive(np_span(head, cue))
            idx = self._match_person(_clean_words(name.text), head.i) if len(name) <= 3 else None
            if idx is not None:
                self._add_mention(idx, name)
                return idx
        if not create:
            return None
        made = self.classify_np(head, cue, weak)
        if made is None:
            return None
        span, kind, role, affiliation = made
        if kind in ("person", "organization", "media") and any(t.pos_ == "PROPN" for t in span) and kind != "person":
            idx = self._add_named(span, kind) if len(span) <= 6 else None
            if idx is not None:
                return idx
        entry = Entry(kind=kind, name=span.text, role=role, affiliation=affiliation, words=_clean_words(span.text))
        if kind == "person":
            entry.gender = "f" if head.lower_ in lex["female_roles"] else ("m" if head.lower_ in lex["male_roles"] else None)
        self.entries.append(entry)
        idx = len(self.entries) - 1
        self._add_mention(idx, span)
        return idx

    def classify_np(self, head: Token, cue: Token | None, weak: bool) -> tuple[Span, str, str | None, str | None] | None:
        """Kind, role and affiliation of an unnamed speaker phrase, or None if it cannot be a source."""
        lex = lexicon()
        span = np_span(head, cue)
        if len(span) == 0:
            return None
        lemma = head.lemma_.lower()
        low = head.lower_
        text_low = span.text.lower().replace("’", "'")
        full_low = self.doc[head.left_edge.i : head.right_edge.i + 1].text.lower()
        dets = [c.lower_ for c in head.lefts if c.dep_ in ("det", "nummod")]
        plural = head.tag_ in ("NNS", "NNPS")
        if head.ent_type_ in ("PERSON",):
            return _strip_possessive(span), "person", None, None
        if head.pos_ == "PROPN" or head.ent_type_ in ("ORG", "GPE", "NORP"):
            name = _strip_possessive(span)
            if _media_name(name.text):
                return name, "media", None, None
            if head.ent_type_ == "PERSON":
                return name, "person", None, None
            if lemma in lex["document_heads"]:
                return name, "document", None, None
            if head.ent_type_ in ("GPE", "NORP", "ORG") or head.pos_ == "PROPN":
                # a bare proper noun without an entity label is most often a person's surname
                if not head.ent_type_ and len(name) <= 3 and all(t.pos_ == "PROPN" for t in name):
                    return name, "person", None, None
                return name, "organization", None, None
        if low in lex["unattributed_heads"] or lemma in lex["unattributed_heads"]:
            named = self._by_from(head)
            if named is None and plural or (named is None and set(dets) & {"some", "many", "several", "multiple", "numerous"}):
                return span, "unattributed", None, None
        if lemma in lex["document_heads"] or low in lex["document_heads"]:
            named = self._by_from(head)
            return span, "document", None, named
        anonymous_marker = any(m in full_low for m in lex["anonymous_markers"])
        if lemma in lex["anonymous_heads"] or low in lex["anonymous_heads"]:
            if anonymous_marker or lemma in ("source", "insider") or (
                not plural and (set(dets) & {"a", "an", "one", "another"})
            ):
                return span, "anonymous", None, self._by_from(head)
        if low in lex["vague_heads"] and (plural or low in ("many", "some", "others", "most", "several", "few")):
            kind = "organization" if low in lex["vague_institutional"] or lemma in lex["vague_institutional"] else "person"
            return span, kind, None, None
        if lemma in lex["role_nouns"] or low in lex["role_nouns"]:
            role, affiliation, _ = self._role_phrase(head)
            return span, "person", role, affiliation
        if lemma in lex["media_heads"]:
            return span, "media", None, None
        if lemma in lex["org_heads"] or low in lex["org_heads"]:
            return span, "organization", None, None
        if low in lex["respondent_heads"] or lemma in lex["respondent_heads"] or self._share_of_people(head):
            # poll respondents hold views: "56 percent would vote for Clinton", "those who support Sanders"
            return span, "person", None, None
        if weak:
            return None
        if head.pos_ in ("NOUN", "NUM", "PROPN") or lemma in ("percent", "%"):
            # with a speech verb (say, tell, claim …) any noun phrase is someone: "the man said",
            # "47 percent said" (respondents); things that only "show" or "suggest" were turned away above
            return span, "person", None, None
        return None

    @staticmethod
    def _share_of_people(head: Token) -> bool:
        """``6 in 10 white men``, ``four in 10``: the poll idiom for a share of respondents."""
        return head.pos_ == "NUM" and any(c.dep_ == "prep" and c.lower_ in ("in", "out") for c in head.children)

    def _by_from(self, head: Token) -> str | None:
        """The author in "a report by X", "data from X", "a source in X"."""
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of", "in", "at", "within", "inside", "close"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self._named_part(pobj)
        return None

    # -- output ---------------------------------------------------------------------------------
    def _as_source(self, idx: int, sid: str | None = None) -> Source:
        e = self.entries[idx]
        name = e.name
        return Source(
            id=sid or f"s{idx + 1}",
            name=name,
            kind=e.kind,  # type: ignore[arg-type]
            role=e.role,
            affiliation=e.affiliation,
            mentions=sorted(e.mentions),
        )

    def sources(self, only_used: bool = False) -> tuple[list[Source], dict[int, str]]:
        """Sources ordered by first mention with ids s1…, and the map entry index → id."""
        keep = set(range(len(self.entries)))
        if only_used:
            keep = {i for i, e in enumerate(self.entries) if e.used}
            affiliations = {self.entries[i].affiliation.lower() for i in keep if self.entries[i].affiliation}
            for i, e in enumerate(self.entries):
                if e.kind != "person" and e.name.lower() in affiliations:
                    keep.add(i)
        order = sorted(keep, key=lambda i: self.entries[i].first)
        ids = {i: f"s{n}" for n, i in enumerate(order, start=1)}
        return [self._as_source(i, ids[i]) for i in order], ids

    def mention_spans(self, ids: dict[int, str]) -> list[Span]:
        spans = []
        for idx, sid in ids.items():
            for start, end in self.entries[idx].mentions:
                span = self.doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    span._.cl_source = sid
                    spans.append(span)
        spans.sort(key=lambda s: s.start)
        return spans


def publish(doc: Doc, registry: Registry, only_used: bool) -> dict[int, str]:
    sources, ids = registry.sources(only_used=only_used)
    doc._.cl_sources = sources
    doc.spans[SOURCE_MENTIONS_KEY] = registry.mention_spans(ids)
    return ids


class SourceFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        register()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        registry = Registry(doc)
        doc._.cl_source_index = registry
        publish(doc, registry, only_used=False)
        return doc


@Language.factory(
    "claimledger_sources",
    assigns=["doc.spans", "doc._.cl_sources", "doc._.cl_source_index", "span._.cl_source"],
    requires=["doc.sents", "doc.ents", "token.dep", "token.tag", "token.lemma", "token.ent_type"],
    default_config={"lang": None, "lexicon": "sources_lexicon"},
)
def make_sources(nlp: Language, name: str, lang: str | None, lexicon: str) -> SourceFinder:
    english_with_packaged_lexicon("claimledger_sources", nlp, lang, lexicon, "sources_lexicon")
    return SourceFinder(nlp, name)
