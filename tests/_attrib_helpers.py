"""Shared helpers for the attribution tests: one loaded pipeline, lookups by text."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc


@cache
def nlp():
    from claimledger import nlp as loader

    return loader.load()


def run(text: str) -> Doc:
    return nlp()(text)


def source(doc: Doc, sid: str):
    return next(s for s in doc._.cl_sources if s.id == sid)


def chain_for(doc: Doc, target: str) -> list[tuple[str, str, str, str]] | None:
    """(source name, kind, relation, cue) links of the smallest quote/statement/figure span holding ``target``."""
    start = doc.text.index(target)
    end = start + len(target)
    best = None
    for key in ("cl_quotes", "cl_statements", "cl_figures"):
        for span in doc.spans.get(key, []):
            if span.start_char <= start and end <= span.end_char and span._.cl_attribution is not None:
                if best is None or len(span.text) < len(best.text):
                    best = span
    if best is None:
        return None
    return [(source(doc, a.source).name, source(doc, a.source).kind, a.relation, a.cue) for a in best._.cl_attribution]


def speakers(doc: Doc, target: str) -> list[str]:
    chain = chain_for(doc, target)
    return [link[0] for link in chain] if chain else []
