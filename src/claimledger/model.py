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
from datetime import date
from typing import Any, Literal

FORMAT = "claimledger/1"

SourceKind = Literal["person", "organization", "media", "document", "anonymous", "unattributed"]
ClaimKind = Literal["figure", "quote", "statement"]
Aggregation = Literal["total", "per_day", "per_week", "per_month", "per_year", "cumulative", "unknown"]
Relation = Literal["said", "reported", "cited", "estimated", "suggested"]
Severity = Literal["high", "medium", "low", "info"]

AGGREGATIONS: tuple[str, ...] = ("total", "per_day", "per_week", "per_month", "per_year", "cumulative", "unknown")
RELATIONS: tuple[str, ...] = ("said", "reported", "cited", "estimated", "suggested")
SEVERITIES: tuple[str, ...] = ("high", "medium", "low", "info")


def text_id(text: str) -> str:
    """The article id: same text, same id, whatever file or outlet it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _number(value: float | None) -> int | float | None:
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "role": self.role,
            "affiliation": self.affiliation,
            "mentions": [list(m) for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data["kind"],
            role=data.get("role"),
            affiliation=data.get("affiliation"),
            mentions=[(int(s), int(e)) for s, e in data.get("mentions", [])],
        )


@dataclass
class Figure:
    """A number as the text gives it, with inclusive bounds (``high`` None = no upper bound)."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None
    measure: str | None = None
    counted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "low": _number(self.low),
            "high": _number(self.high),
            "approximate": self.approximate,
            "unit": self.unit,
            "measure": self.measure,
            "counted": self.counted,
        }

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

    def to_dict(self) -> dict[str, Any]:
        return {"direct": self.direct, "setting": self.setting}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(direct=bool(data.get("direct", True)), setting=data.get("setting"))


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
        )


@dataclass
class Finding:
    id: str
    type: str
    severity: Severity
    message: str
    claims: list[str] = field(default_factory=list)
    start: int | None = None
    end: int | None = None

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


@dataclass
class Ledger:
    article: Article
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

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
        )

    @classmethod
    def from_json(cls, text: str) -> Ledger:
        return cls.from_dict(json.loads(text))
