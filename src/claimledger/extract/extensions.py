"""The custom attributes the claimledger components put on spaCy objects.

Registered idempotently (a second ``register()`` is a no-op) and never with a
mutable default, so importing claimledger into someone else's pipeline is safe.

- ``Doc._.cl_published`` (``date | None``): the reference date for relative periods;
  set it on a Doc before the pipeline runs (``claimledger.pipeline`` does).
- ``Span._.cl_figure`` (``Figure | None``): on spans in ``doc.spans["cl_figures"]``.
- ``Span._.cl_period`` (``Period | None``): on spans in ``doc.spans["cl_periods"]``,
  and on a figure span, the period that figure covers.
- ``Span._.cl_clause`` (``Span | None``): on a figure span, the clause that states it.
- ``Doc._.cl_sources`` (``list[Source] | None``): the sources of the article, ids s1, s2, …
  in order of first mention (``claimledger_sources``, pruned by ``claimledger_attribution``).
- ``Doc._.cl_source_index``: the working source registry (``extract.sources.Registry``).
- ``Span._.cl_attribution`` (``list[Attribution] | None``): the chain, nearest first, on
  figure spans and on the spans in ``doc.spans["cl_quotes"]`` / ``doc.spans["cl_statements"]``.
- ``Span._.cl_quote`` (``Quote | None``): on quote spans; ``Span._.cl_quote_kind``
  (``"full" | "partial" | "scare" | "title"``) says what kind of quotation it is.
- ``Span._.cl_hedges`` (``list[str] | None``): hedging words a claim rests on ("reports indicating").
- ``Span._.cl_inherited`` (``list[Inherited] | None``): on a figure span, the values it took from
  elsewhere in the article (measure, period, attribution) and the span that states each.
- ``Span._.cl_source`` (``str | None``): on spans in ``doc.spans["cl_source_mentions"]``, the source id.
- ``Span._.cl_voice`` (``str | None``: ``"author"`` for the writer's own words) and
  ``Span._.cl_speaker`` (``str | None``): on spans in ``doc.spans["cl_framing"]``, whose words they are.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

FIGURES_KEY = "cl_figures"
PERIODS_KEY = "cl_periods"
QUOTES_KEY = "cl_quotes"
STATEMENTS_KEY = "cl_statements"
SOURCE_MENTIONS_KEY = "cl_source_mentions"

_DOC_ATTRS = ("cl_published", "cl_sources", "cl_source_index")
_SPAN_ATTRS = (
    "cl_figure",
    "cl_period",
    "cl_clause",
    "cl_attribution",
    "cl_quote",
    "cl_quote_kind",
    "cl_hedges",
    "cl_source",
    "cl_inherited",
    "cl_voice",
    "cl_speaker",
)


def register() -> None:
    """Every attribute above, each once: a second call (another component, another pipeline) is a no-op."""
    for name in _DOC_ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in _SPAN_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
