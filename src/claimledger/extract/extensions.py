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
- ``Doc._.cl_source_index``: the working source registry (``extract.sources.Registry``), the one
  state components share: ``claimledger_sources`` sets it, ``claimledger_attribution`` adds the
  speakers it resolves (``Registry.add_source``), marks the sources used and sets it back to None.
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

``doc_text(doc)`` is ``doc.text`` built once per Doc: spaCy joins every token anew on each access.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

FIGURES_KEY = "cl_figures"
PERIODS_KEY = "cl_periods"
QUOTES_KEY = "cl_quotes"
STATEMENTS_KEY = "cl_statements"
SOURCE_MENTIONS_KEY = "cl_source_mentions"
TEXT_KEY = "cl_text"

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


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data`` after the first call: spaCy rebuilds it from every token on
    each access (a Token object per word), and a Doc's text never changes (retokenizing keeps it).

    A kept text of another length came with user data copied from another Doc (``Span.as_doc(copy_user_data=True)``):
    rebuilt.
    """
    text = doc.user_data.get(TEXT_KEY)
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if text is None or len(text) != length:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
