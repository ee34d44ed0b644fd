"""The ledger: the only data the stages of claimledger pass to one another.

Every class mirrors one object of the JSON contract (``shared/spec/ledger-format.md``,
summarised in the README). Keeping the contract in plain dataclasses, with one
explicit ``to_dict``/``from_dict`` pair per class, means the JSON shape is visible
in one file and a round trip through JSON loses nothing (``Ledger.from_json(l.to_json()) == l``).

Dates are ``datetime.date`` inside the program and ISO strings in JSON.
Offsets are Python string indices into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, get_args

FORMAT = "claimledger/1"

SourceKind = Literal["person", "organization", "media", "document", "anonymous", "unattributed"]
ClaimKind = Literal["figure", "quote", "statement"]
Aggregation = Literal["total", "per_day", "per_week", "per_month", "per_year", "cumulative", "unknown"]
Relation = Literal["said", "reported", "cited", "estimated", "suggested"]
Severity = Literal["high", "medium", "low", "info"]
Role = Literal["level", "change", "rate", "share", "ratio"]
Status = Literal["actual", "forecast", "expected", "target", "estimate"]
LinkRelation = Literal["change_from", "change_to"]
PairReason = Literal["disclosure", "negation"]
FindingType = Literal[
    # one article's figures (check/within.py), and the compare groups of many (check/across.py)
    "figure_conflict", "figure_consistent", "figure_implication",
    # one article's sources (check/sourcing.py) and statements (check/contradiction.py)
    "unattributed", "anonymous_source", "vague_source", "unverifiable_setting", "secondhand", "self_contradiction",
    # the author's own framing (check/framing.py): hedges, questions, and the techniques of the PTC taxonomy
    "loaded_language", "hedging", "rhetorical_question", "repetition", "name_calling_labeling", "flag_waving",
    "exaggeration_minimisation", "doubt", "appeal_to_fear_prejudice", "causal_oversimplification",
    "whataboutism_straw_men_red_herring", "thought_terminating_cliches", "slogans", "appeal_to_authority",
    "black_and_white_fallacy", "bandwagon_reductio_ad_hitlerum",
    # an article against the rest of the corpus (check/copies.py, names.py, reference.py)
    "copied_text", "name_variant", "figure_mismatch_reference", "reference_different_unit",
]
"""What a finding says; check/registry.py gives each its default severity, what it reads and why it exists."""
DriftType = Literal["meaning_drift", "rounding_drift", "period_drift", "source_drift"]
"""What changed on one edge of a lineage (check/lineage.py); check/registry.py ``DRIFTS`` gives each its default severity."""

AGGREGATIONS: tuple[str, ...] = ("total", "per_day", "per_week", "per_month", "per_year", "cumulative", "unknown")
RELATIONS: tuple[str, ...] = ("said", "reported", "cited", "estimated", "suggested")
SEVERITIES: tuple[str, ...] = ("high", "medium", "low", "info")
ROLES: tuple[str, ...] = ("level", "change", "rate", "share", "ratio")
STATUSES: tuple[str, ...] = ("actual", "forecast", "expected", "target", "estimate")
LINK_RELATIONS: tuple[str, ...] = ("change_from", "change_to")
FINDING_TYPES: tuple[str, ...] = get_args(FindingType)
DRIFT_TYPES: tuple[str, ...] = get_args(DriftType)
FIGURE_MEANING_FIELDS: tuple[str, ...] = ("role", "status", "currency", "per", "qualifiers")
"""The optional fields of a figure (docs/ledger-format.md, "What a figure means"), written only when known."""


def text_id(text: str) -> str:
    """The article id: same text, same id, whatever file or outlet it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def json_number(value: float | None) -> int | float | None:
    """Whole numbers are written as JSON integers (21600, not 21600.0)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass
class Article:
    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": _iso(self.published),
            "language": self.language,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            text=data["text"],
            id=data.get("id") or "",
            title=data.get("title"),
            url=data.get("url"),
            outlet=data.get("outlet"),
            published=_date(data.get("published")),
            language=data.get("language", "en"),
        )


@dataclass
class Source:
    id: str
    name: str
    kind: SourceKind
    role: str | None = None
    affiliation: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    vague: bool = False
    """A group too broad to check (``Ukrainian officials``, ``experts``): extraction judges it from the words."""

    def mention_nearest(self, cue_start: int, cue_end: int) -> tuple[int, int]:
        """The mention nearest the words ``cue_start``–``cue_end`` (a source has one at least when asked)."""
        return min(self.mentions, key=lambda m: min(abs(m[0] - cue_end), abs(cue_start - m[1])))

    def words_near(self, text: str, cue_start: int, cue_end: int) -> tuple[int, int]:
        """Where the words a link to this source rests on stand: its mention nearest the cue, through the
        cue when they touch on one line; the cue alone when the source has no mention."""
        if not self.mentions:
            return cue_start, cue_end
        start, end = self.mention_nearest(cue_start, cue_end)
        lo, hi = min(start, cue_start), max(end, cue_end)
        if hi - lo <= max(end - start, cue_end - cue_start) + 40 and "\n" not in text[lo:hi]:
            return lo, hi
        return start, end

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [list(m) for m in self.mentions],
        }
        if self.vague:
            data["vague"] = True
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            mentions=[(int(s), int(e)) for s, e in data.get("mentions", [])],
            vague=bool(data.get("vague", False)),
        )


@dataclass
class Qualifiers:
    """What narrows a counted thing: where, which group of it, about what.

    Checks use them to keep Turkey's deaths apart from Syria's and a subgroup
    ("children") apart from its total. Each is a phrase from the text or None.
    """

    place: str | None = None
    group: str | None = None
    subject: str | None = None

    def __bool__(self) -> bool:
        return any((self.place, self.group, self.subject))

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "group": self.group, "subject": self.subject}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Qualifiers:
        return cls(place=data.get("place"), group=data.get("group"), subject=data.get("subject"))


@dataclass
class Figure:
    """A number as the text gives it, with inclusive bounds (``high`` None = no upper bound).

    The fields after ``counted`` are optional in the contract (written only when known), so a
    ledger written before they existed still reads, and one written now still reads in an
    older reader that ignores them.
    """

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None
    measure: str | None = None
    counted: str | None = None
    role: Role | None = None
    """level | change | rate | share | ratio; None when unknown (a ledger from before roles)."""
    status: Status | None = None
    """actual | forecast | expected | target | estimate; None = not stated, read as actual."""
    currency: str | None = None
    """ISO 4217 code of a money amount (unit "money"): USD, EUR, GBP, INR, RUB, UAH …"""
    per: str | None = None
    """A rate's denominator as the text gives it: "100,000 people", "day", "share"."""
    qualifiers: Qualifiers | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "low": json_number(self.low),
            "high": json_number(self.high),
            "approximate": self.approximate,
            "unit": self.unit,
            "measure": self.measure,
            "counted": self.counted,
        }
        for key in FIGURE_MEANING_FIELDS:
            value = getattr(self, key)
            if isinstance(value, Qualifiers):
                if value:  # qualifiers with no place, group or subject say nothing
                    data[key] = value.to_dict()
            elif value is not None:
                data[key] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Figure:
        return cls(
            start=data["start"],
            end=data["end"],
            text=data["text"],
            low=data.get("low"),
            high=data.get("high"),
            approximate=bool(data.get("approximate", False)),
            unit=data.get("unit"),
            measure=data.get("measure"),
            counted=data.get("counted"),
            role=data.get("role"),
            status=data.get("status"),
            currency=data.get("currency"),
            per=data.get("per"),
            qualifiers=Qualifiers.from_dict(data["qualifiers"]) if data.get("qualifiers") else None,
        )


@dataclass
class Period:
    """The time a figure covers: inclusive dates, None where open or unknown."""

    start: date | None
    end: date | None
    aggregation: Aggregation = "unknown"
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": _iso(self.start),
            "end": _iso(self.end),
            "aggregation": self.aggregation,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Period:
        return cls(
            start=_date(data.get("start")),
            end=_date(data.get("end")),
            aggregation=data.get("aggregation", "unknown"),
            text=data.get("text"),
        )


@dataclass
class Attribution:
    """One link of a chain: ``source`` says (or cites) the claim through ``cue``."""

    source: str
    relation: Relation
    cue: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "relation": self.relation, "cue": self.cue, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Attribution:
        return cls(
            source=data["source"], relation=data["relation"], cue=data["cue"], start=data["start"], end=data["end"]
        )


@dataclass
class Quote:
    direct: bool = True
    setting: str | None = None
    setting_span: tuple[int, int] | None = None
    """Where the setting stands in the text, with its preposition (``in a closed-door meeting``)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"direct": self.direct, "setting": self.setting}
        if self.setting_span is not None:
            data["setting_span"] = list(self.setting_span)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        span = data.get("setting_span")
        return cls(direct=bool(data.get("direct", True)), setting=data.get("setting"),
                   setting_span=(int(span[0]), int(span[1])) if span else None)


@dataclass
class ClaimLink:
    """A tie from one claim to another that the text makes: a change to the levels it runs between."""

    relation: LinkRelation
    claim: str

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "claim": self.claim}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimLink:
        return cls(relation=data["relation"], claim=data["claim"])


@dataclass
class Inherited:
    """Where a value the claim's own sentence does not state was taken from.

    ``field`` names what was inherited (attribution | measure | unit | period | status);
    ``start``/``end`` is the span of the article that states it, so a reader can be shown
    "source: stated two sentences later".
    """

    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Inherited:
        return cls(field=data["field"], start=data["start"], end=data["end"], text=data["text"])


@dataclass
class Claim:
    id: str
    kind: ClaimKind
    start: int
    end: int
    text: str
    figure: Figure | None = None
    period: Period | None = None
    attribution: list[Attribution] = field(default_factory=list)
    hedges: list[str] = field(default_factory=list)
    quote: Quote | None = None
    links: list[ClaimLink] = field(default_factory=list)
    inherited: list[Inherited] = field(default_factory=list)
    evidence: tuple[int, int] | None = None
    """Where the words stand that a claim resting on no source rests on (its first hedge, ``reports indicating``)."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.figure is not None:
            data["figure"] = self.figure.to_dict()
        data["period"] = self.period.to_dict() if self.period else None
        data["attribution"] = [a.to_dict() for a in self.attribution]
        data["hedges"] = list(self.hedges)
        data["quote"] = self.quote.to_dict() if self.quote else None
        if self.links:
            data["links"] = [link.to_dict() for link in self.links]
        if self.inherited:
            data["inherited"] = [i.to_dict() for i in self.inherited]
        if self.evidence is not None:
            data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            id=data["id"],
            kind=data["kind"],
            start=data["start"],
            end=data["end"],
            text=data["text"],
            figure=Figure.from_dict(data["figure"]) if data.get("figure") else None,
            period=Period.from_dict(data["period"]) if data.get("period") else None,
            attribution=[Attribution.from_dict(a) for a in data.get("attribution", [])],
            hedges=list(data.get("hedges", [])),
            quote=Quote.from_dict(data["quote"]) if data.get("quote") else None,
            links=[ClaimLink.from_dict(link) for link in data.get("links", [])],
            inherited=[Inherited.from_dict(i) for i in data.get("inherited", [])],
            evidence=(int(data["evidence"][0]), int(data["evidence"][1])) if data.get("evidence") else None,
        )


@dataclass
class Finding:
    """One judgement of the checks; ``type`` is one of ``FINDING_TYPES`` (a JSON string, as written)."""

    id: str
    type: FindingType
    severity: Severity
    message: str
    claims: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        finding_type_known(self.type)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "severity": self.severity,
            "claims": list(self.claims),
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(
            id=data["id"],
            type=data["type"],
            severity=data["severity"],
            message=data["message"],
            claims=list(data.get("claims", [])),
            start=data.get("start"),
            end=data.get("end"),
        )


def finding_type_known(value: str) -> None:
    """A finding of a type nobody registered is a bug of its check, caught where it is made, not when shown."""
    _registered(value, FINDING_TYPES, "finding type", "FindingType")


def _registered(value: str, vocabulary: tuple[str, ...], what: str, literal: str) -> None:
    if value not in vocabulary:
        raise ValueError(f"unknown {what} {value!r}: register it in check/registry.py and model.{literal}")


UNTYPED_FRAMING = "Framing"
"""The technique of a span the framing tagger marks without naming its technique (kept for the summary only)."""

RHETORICAL = "Rhetorical_Question"
"""The technique of a question asked for effect, not for an answer (a subheading asks one too)."""


@dataclass
class FramingSpan:
    """One framing device in the text; ``voice`` says whose words it is (author | quoted | attributed)."""

    start: int
    end: int
    text: str
    technique: str
    voice: str = "author"
    speaker: str | None = None  # source id, for quoted and attributed spans

    @property
    def typed(self) -> bool:
        """A named technique; an untyped span counts in the summary but is not shown to a reader as a list item."""
        return self.technique != UNTYPED_FRAMING

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "technique": self.technique,
            "voice": self.voice,
            "speaker": self.speaker,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FramingSpan:
        return cls(
            start=data["start"],
            end=data["end"],
            text=data["text"],
            technique=data["technique"],
            voice=data.get("voice", "author"),
            speaker=data.get("speaker"),
        )


@dataclass
class FramingSummary:
    """How the article frames what it reports: the optional top-level ``framing`` object.

    ``counts`` are the author's own framing devices by technique, ``quoted_counts`` those in
    quoted or attributed words (the speakers', not the author's); ``framed_sentences`` of the
    ``author_sentences`` (sentences with words in the author's voice) carry the author's framing.
    """

    sentences: int = 0
    author_sentences: int = 0
    framed_sentences: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    quoted_counts: dict[str, int] = field(default_factory=dict)
    spans: list[FramingSpan] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Share of the author's sentences that carry framing (0 when there are none)."""
        return self.framed_sentences / self.author_sentences if self.author_sentences else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "author_sentences": self.author_sentences,
            "framed_sentences": self.framed_sentences,
            "share": round(self.share, 4),
            "counts": dict(self.counts),
            "quoted_counts": dict(self.quoted_counts),
            "spans": [s.to_dict() for s in self.spans],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FramingSummary:
        return cls(
            sentences=int(data.get("sentences", 0)),
            author_sentences=int(data.get("author_sentences", 0)),
            framed_sentences=int(data.get("framed_sentences", 0)),
            counts={k: int(v) for k, v in data.get("counts", {}).items()},
            quoted_counts={k: int(v) for k, v in data.get("quoted_counts", {}).items()},
            spans=[FramingSpan.from_dict(s) for s in data.get("spans", [])],
        )


@dataclass
class SentencePair:
    """Two sentences that extraction's rules say may contradict each other (``data/framing_contradiction.json``).

    ``disclosure``: ``first`` makes something public and ``second`` says it is not; ``negation``: both state
    one predicate of one subject, one of them negated (``first`` comes first). The check judges them.
    """

    reason: PairReason
    first: tuple[int, int]
    second: tuple[int, int]

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "first": list(self.first), "second": list(self.second)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentencePair:
        (a, b), (c, d) = data["first"], data["second"]
        return cls(reason=data["reason"], first=(int(a), int(b)), second=(int(c), int(d)))


@dataclass
class Ledger:
    article: Article
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    framing: FramingSummary | None = None  # optional: written only when the framing component ran
    contradiction_candidates: list[SentencePair] = field(default_factory=list)  # optional: written when some

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def source(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(source_id)

    @property
    def figures(self) -> list[Claim]:
        return [c for c in self.claims if c.figure is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "article": self.article.to_dict(),
            "sources": [s.to_dict() for s in self.sources],
            "claims": [c.to_dict() for c in self.claims],
            "findings": [f.to_dict() for f in self.findings],
            **({"framing": self.framing.to_dict()} if self.framing is not None else {}),
            **({"contradiction_candidates": [p.to_dict() for p in self.contradiction_candidates]}
               if self.contradiction_candidates else {}),
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ledger:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} ledger: format is {data.get('format')!r}")
        return cls(
            article=Article.from_dict(data["article"]),
            sources=[Source.from_dict(s) for s in data.get("sources", [])],
            claims=[Claim.from_dict(c) for c in data.get("claims", [])],
            findings=[Finding.from_dict(f) for f in data.get("findings", [])],
            framing=FramingSummary.from_dict(data["framing"]) if data.get("framing") else None,
            contradiction_candidates=[SentencePair.from_dict(p) for p in data.get("contradiction_candidates", [])],
        )

    @classmethod
    def from_json(cls, text: str) -> Ledger:
        return cls.from_dict(json.loads(text))


# The corpus ----------------------------------------------------------------------
#
# What the corpus API (docs/corpus-api.md) returns: summaries and views across many
# stored ledgers. Each has ``to_dict`` for the JSON API; docs/compare-format.md fixes
# the shape of a FigureGroup.


def _period_dict(period: Period | None) -> dict[str, Any] | None:
    return period.to_dict() if period is not None else None


@dataclass
class InputFailure:
    """An input (a file, or lines of a JSONL file) that could not be added, with the reason."""

    input: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "message": self.message}


@dataclass
class AddSummary:
    """What one ``add`` did: articles added, re-analysed, already stored; inputs that failed."""

    added: int = 0
    replaced: int = 0
    """Articles stored before by an older program version, analysed again and replaced."""
    unchanged: int = 0
    failures: list[InputFailure] = field(default_factory=list)
    seconds: float = 0.0
    analysis_seconds: float = 0.0
    """Time spent reading and analysing, summed over the workers."""
    storage_seconds: float = 0.0
    """Time the driver spent writing to the database, corpus findings included."""
    interrupted: bool = False

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failures": [f.to_dict() for f in self.failures],
            "seconds": self.seconds,
            "analysis_seconds": self.analysis_seconds,
            "storage_seconds": self.storage_seconds,
            "interrupted": self.interrupted,
        }


@dataclass
class CorpusStats:
    """What the corpus holds; ``last_added`` (ISO time, UTC) moves when an article is added or re-analysed."""

    articles: int = 0
    outlets: int = 0
    sources: int = 0
    figures: int = 0
    findings: int = 0
    reference_rows: int = 0
    last_added: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "outlets": self.outlets,
            "sources": self.sources,
            "figures": self.figures,
            "findings": self.findings,
            "reference_rows": self.reference_rows,
            "last_added": self.last_added,
        }


@dataclass
class MeasureSummary:
    """One measure across the corpus; ``conflicts`` counts its figure_conflict findings."""

    measure: str
    unit: str | None
    figures: int
    articles: int
    conflicts: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "unit": self.unit,
            "figures": self.figures,
            "articles": self.articles,
            "conflicts": self.conflicts,
        }


@dataclass
class ChainLink:
    """One link of an attribution chain as an article gives it: a name, not a ledger-local id."""

    name: str
    kind: str
    relation: str
    cue: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "relation": self.relation, "cue": self.cue}


@dataclass
class GroupFigure:
    """A stored figure as compare shows it: where it appeared, what it says, whom it is attributed to."""

    article: str
    claim: str
    value: str
    """The id of its value in the group's lineage (``v1``…)."""
    outlet: str | None
    title: str | None
    published: date | None
    text: str
    low: float | None
    high: float | None
    approximate: bool
    period: Period | None
    attribution: list[ChainLink] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "claim": self.claim,
            "value": self.value,
            "outlet": self.outlet,
            "title": self.title,
            "published": _iso(self.published),
            "text": self.text,
            "low": json_number(self.low),
            "high": json_number(self.high),
            "approximate": self.approximate,
            "period": _period_dict(self.period),
            "attribution": [link.to_dict() for link in self.attribution],
        }

    def appearance(self) -> dict[str, Any]:
        """The short form the lineage uses: which article, when, attributed to whom."""
        return {
            "article": self.article,
            "claim": self.claim,
            "outlet": self.outlet,
            "published": _iso(self.published),
            "attribution": [link.to_dict() for link in self.attribution],
        }


@dataclass
class Spread:
    """The range of a group's figures: smallest lower bound, largest upper bound, median of their values."""

    min: float | None
    max: float | None
    """None when some figure has no upper bound ("over 230,000")."""
    median: float | None
    figures: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "min": json_number(self.min),
            "max": json_number(self.max),
            "median": json_number(self.median),
            "figures": self.figures,
            "articles": self.articles,
        }


@dataclass
class ValueLineage:
    """One value of a group: the earliest article that carries it and the later ones that repeat it."""

    id: str
    text: str
    low: float | None
    high: float | None
    first: GroupFigure
    repeated_by: list[GroupFigure] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "low": json_number(self.low),
            "high": json_number(self.high),
            "articles": 1 + len({f.article for f in self.repeated_by} - {self.first.article}),
            "first": self.first.appearance(),
            "repeated_by": [f.appearance() for f in self.repeated_by],
        }


@dataclass
class GroupFinding:
    """A cross-article finding about values of a group (or of two groups whose periods meet)."""

    id: str
    type: FindingType
    severity: Severity
    values: list[str]
    message: str

    def __post_init__(self) -> None:
        finding_type_known(self.type)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "severity": self.severity,
            "values": list(self.values),
            "message": self.message,
        }


@dataclass
class MeaningMatch:
    """A measure outside the taxonomy compared as the group's own: its counted phrase and how close MiniLM puts it."""

    measure: str
    phrase: str
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"measure": self.measure, "phrase": self.phrase, "similarity": round(self.similarity, 3)}


@dataclass
class SameMeaning:
    """Why figures of other measure keys stand in a group: their counted phrases mean the group's (compare-format.md)."""

    phrase: str
    """The counted phrase (with qualifiers) of the group's measure, as the model read it."""
    threshold: float
    measures: list[MeaningMatch]

    def to_dict(self) -> dict[str, Any]:
        return {"phrase": self.phrase, "threshold": self.threshold, "measures": [m.to_dict() for m in self.measures]}


@dataclass
class FigureGroup:
    """Figures of different articles counting the same measure over overlapping periods."""

    id: str
    measure: str
    unit: str | None
    period: Period | None
    """The span the group covers, with the aggregation all its figures share; no dates when they give none."""
    figures: list[GroupFigure]
    spread: Spread
    lineage: list[ValueLineage]
    findings: list[GroupFinding] = field(default_factory=list)
    lineages: list[Lineage] | None = None
    """With ``compare --lineage``: the lineages (across measures and units) that hold a figure of the group."""
    same_meaning: SameMeaning | None = None
    """Measures outside the taxonomy whose figures stand in the group because their counted phrases mean its measure."""

    def to_dict(self) -> dict[str, Any]:
        data = {
            "id": self.id,
            "measure": self.measure,
            "unit": self.unit,
            "period": _period_dict(self.period),
            "spread": self.spread.to_dict(),
            "figures": [f.to_dict() for f in self.figures],
            "findings": [f.to_dict() for f in self.findings],
            "lineage": [v.to_dict() for v in self.lineage],
        }
        if self.lineages is not None:
            data["lineages"] = [lineage.to_dict() for lineage in self.lineages]
        if self.same_meaning is not None:
            data["same_meaning"] = self.same_meaning.to_dict()
        return data


@dataclass
class NameUse:
    """A spelling of a source's name and how many articles use it."""

    name: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "articles": self.articles}


@dataclass
class SourceClaim:
    """A claim attributed to a source; ``depth`` 0 = the source says it, 1 = is cited by the one who does, …"""

    article: str
    claim: str
    kind: str
    text: str
    figure: str | None
    relation: str
    cue: str
    depth: int
    outlet: str | None
    published: date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "claim": self.claim,
            "kind": self.kind,
            "text": self.text,
            "figure": self.figure,
            "relation": self.relation,
            "cue": self.cue,
            "depth": self.depth,
            "outlet": self.outlet,
            "published": _iso(self.published),
        }


@dataclass
class SourceProfile:
    """A person, organisation or outlet across the corpus, under every spelling it appears in."""

    name: str
    kind: str
    names: list[NameUse]
    articles: int
    roles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    claims: list[SourceClaim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "names": [n.to_dict() for n in self.names],
            "articles": self.articles,
            "roles": list(self.roles),
            "affiliations": list(self.affiliations),
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass
class ArticleHit:
    id: str
    title: str | None
    outlet: str | None
    published: date | None
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": _iso(self.published),
            "snippet": self.snippet,
        }


@dataclass
class SourceHit:
    name: str
    kind: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "articles": self.articles}


@dataclass
class SearchResults:
    query: str
    articles: list[ArticleHit] = field(default_factory=list)
    sources: list[SourceHit] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "articles": [a.to_dict() for a in self.articles],
            "sources": [s.to_dict() for s in self.sources],
            "measures": list(self.measures),
        }


@dataclass
class ReferenceRow:
    """One row of a reference series: an official figure for a measure over a period, and who published it."""

    measure: str
    counted: str | None
    unit: str | None
    period: Period
    value: float
    low: float
    high: float
    """The bounds the row states: the value itself, or the rounding it says it carries."""
    publisher: str
    reported_by: str
    reported_on: str
    series: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "counted": self.counted,
            "unit": self.unit,
            "period": self.period.to_dict(),
            "value": json_number(self.value),
            "low": json_number(self.low),
            "high": json_number(self.high),
            "publisher": self.publisher,
            "reported_by": self.reported_by,
            "reported_on": self.reported_on,
            "series": self.series,
        }


# Exports and reviews -------------------------------------------------------------------


@dataclass
class LedgerSelection:
    """A stored ledger as an export takes it: with the corpus's findings on it and the claims a filter kept."""

    ledger: Ledger
    corpus_findings: list[Finding] = field(default_factory=list)
    claims: frozenset[str] | None = None
    """The ids of the claims selected (by measure or period); None = every claim."""

    def selected(self, claim: Claim) -> bool:
        return self.claims is None or claim.id in self.claims


@dataclass
class Review:
    """A fact-checker's rating of one claim of a stored article (several per claim; the history is kept)."""

    article: str
    claim: str
    claim_text: str
    rating: str
    """The verdict in words, as the fact-checker publishes it (ClaimReview's reviewRating.alternateName)."""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    note: str | None = None
    reviewer: str | None = None
    url: str | None = None
    reviewed_at: datetime | None = None
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "claim": self.claim,
            "claim_text": self.claim_text,
            "rating": self.rating,
            "rating_value": json_number(self.rating_value),
            "best_rating": json_number(self.best_rating),
            "worst_rating": json_number(self.worst_rating),
            "note": self.note,
            "reviewer": self.reviewer,
            "url": self.url,
            "reviewed_at": self.reviewed_at.isoformat(timespec="seconds") if self.reviewed_at else None,
        }


@dataclass
class Appearance:
    """An article of the corpus that carries a claim (the article it was reviewed in, or one that repeats its figure)."""

    article: str
    claim: str
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None


@dataclass
class ReviewedClaim:
    """What a ClaimReview says about a review: the claim's attribution chain and everywhere it appears."""

    review: Review
    chain: list[ChainLink]
    """Who the claim is attributed to, nearest first."""
    appearances: list[Appearance]
    """Earliest first: the first is the claim's first appearance in the corpus."""


# Lineages (docs/compare-format.md, "Lineages") --------------------------------------------------


@dataclass
class Match:
    """One piece of evidence that joins two figures: ``kind`` value | period | meaning | source | copied_text."""

    kind: str
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Match:
        return cls(kind=data["kind"], detail=data["detail"])


@dataclass
class Drift:
    """What changed on one edge of a lineage; ``type`` is one of ``DRIFT_TYPES`` (a JSON string, as written)."""

    type: DriftType
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        _registered(self.type, DRIFT_TYPES, "drift type", "DriftType")  # as a finding's: refused where it is made

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "severity": self.severity, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Drift:
        return cls(type=data["type"], severity=data["severity"], message=data["message"])


@dataclass
class LineageEdge:
    """A figure (``child``, "ARTICLE_ID:CLAIM_ID") taken to come from an earlier one (``parent``)."""

    parent: str
    child: str
    matched: list[Match] = field(default_factory=list)
    drifts: list[Drift] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "parent": self.parent,
            "child": self.child,
            "matched": [m.to_dict() for m in self.matched],
            "drifts": [d.to_dict() for d in self.drifts],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineageEdge:
        return cls(
            parent=data["parent"],
            child=data["child"],
            matched=[Match.from_dict(m) for m in data.get("matched", [])],
            drifts=[Drift.from_dict(d) for d in data.get("drifts", [])],
        )


@dataclass
class LineageNode:
    """One appearance of the number: the figure as an article wrote it, and when, where, on whose authority."""

    id: str
    """ARTICLE_ID:CLAIM_ID"""
    article: str
    claim: str
    outlet: str | None
    title: str | None
    published: date | None
    text: str
    wording: str
    low: float | None
    high: float | None
    approximate: bool
    unit: str | None
    measure: str | None
    counted: str | None
    period: Period | None
    attribution: list[ChainLink] = field(default_factory=list)
    parent: str | None = None
    depth: int = 0

    @property
    def undated(self) -> bool:
        return self.published is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article,
            "claim": self.claim,
            "parent": self.parent,
            "depth": self.depth,
            "outlet": self.outlet,
            "title": self.title,
            "published": _iso(self.published),
            "undated": self.undated,
            "text": self.text,
            "wording": self.wording,
            "low": json_number(self.low),
            "high": json_number(self.high),
            "approximate": self.approximate,
            "unit": self.unit,
            "measure": self.measure,
            "counted": self.counted,
            "period": _period_dict(self.period),
            "attribution": [link.to_dict() for link in self.attribution],
        }


@dataclass
class Lineage:
    """One number's journey: its figures in publication order (the root first, undated last) and the edges between them."""

    id: str
    nodes: list[LineageNode]
    edges: list[LineageEdge]

    @property
    def root(self) -> LineageNode:
        return self.nodes[0]

    @property
    def articles(self) -> int:
        return len({n.article for n in self.nodes})

    @property
    def drifts(self) -> list[Drift]:
        return [d for e in self.edges for d in e.drifts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "root": self.root.id,
            "text": self.root.text,
            "articles": self.articles,
            "drift_count": len(self.drifts),
            "nodes": [n.to_dict() for n in self.nodes],
            "edges": [e.to_dict() for e in self.edges],
        }


@dataclass
class Citation:
    """Who cites whom for a measure: an outlet crediting a source, in how many articles."""

    outlet: str
    source: str
    kind: str
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "source": self.source, "kind": self.kind, "articles": self.articles}


# Watched feeds (what store/feeds.py keeps for watch.py) ---------------------------------------


@dataclass
class FeedState:
    """A feed's validators from its last fetch, so the next one asks only for what changed."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


@dataclass
class HandledItem:
    """A feed item fetched once: the article it gave, or why it could not be read."""

    url: str
    feed: str
    article_id: str | None = None
    error: str | None = None
