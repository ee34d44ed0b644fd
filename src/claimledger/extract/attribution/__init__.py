"""claimledger_attribution: who says what, as chains nearest first.

Reads the parse, the source registry (``claimledger_sources``), the quotes
(``claimledger_quotes``) and the figures (``claimledger_figures``, when present) and writes

- ``span._.cl_attribution`` (list of ``model.Attribution``, nearest first) on every figure
  span, on every quote span and on every span of ``doc.spans["cl_statements"]`` (the content of
  each attributed assertion: what is said, without the cue and, where the parse allows, the source);
- ``span._.cl_hedges`` on figure spans whose only source is an unattributed one (``reports indicating``);
- ``span._.cl_quote.setting`` for quotes given in a setting (``in a closed-door meeting with …``);
- ``Doc._.cl_sources``: the registry's sources that something is attributed to, plus the
  organisations those belong to, renumbered s1, s2, … by first mention.

Constructions handled (``data/attribution_cues.json`` holds the lexicon):

- cue verbs with a subject and a clause: ``X said/stated/claimed/noted/argued that …``, postposed
  ``…, X said.``, inserted ``These cases, she argued, reflect …``, ``X told Y that …``, ``X, who reported that …``,
  ``X has continued to emphasize …`` (subject of the governing verb), ``…, saying that …``;
- passives: ``described by X as …`` (agent), ``it is believed/reported that …`` and ``… is said to …``
  (no agent: an unattributed source);
- participles on the source noun: ``reports indicating that …`` (the noun is the source);
- object contents for verbs like announce/reveal/deny/describe (``Putin revealed the losses``,
  ``what he describes as the 'aggression' of Ukraine``), and ``a claim that Ukrainian authorities have
  dismissed as propaganda`` (the claim noun phrase);
- prepositional cues: ``according to X``, ``per X``, ``as reported by X``; hedging adverbs
  (``reportedly``, ``allegedly``) as unattributed;
- cues the parse hides: a closing ``…, a source told TASS.`` parsed as a conjunct; a cue whose
  sentence the parser ran over a line break (the clause of its own line first); a headline signed
  ``… - UN`` or ``…: Statistics Canada``; institutions that register, track or measure figures
  (``the WHO tracked 409,222 cases``); a company that ``expects revenue of $2.3 billion``; estimate
  nouns with their holder (``analyst estimates of $55.5 billion``, ``economists’ expectations``),
  each holding its one value; a figure anywhere in a quote of several sentences is the speaker's;
- chains: ``citing``/``cited``/``quoting``/``referring to``/``based on (data from)``/``drawing on`` on the cue
  verb or the source (``TASS, citing the Financial Times, which cites prosecutors``: each link
  followed through relative clauses), ``data/figures from X`` giving X, and across sentences: a
  source that cites Y in one of the two sentences before (``The ministry, through its spokesperson
  Maria Zakharova, has amplified these figures, citing data from …`` + ``Zakharova stated that …``);
- quotes: the cue whose content holds the quote, else the nearest cue outside it in its sentence
  (between the parts of an interrupted quote, after it, or before it with a colon), else a bare
  ``she added.`` in the next sentence, a ``he said:`` sentence before, or the quote just before it
  (a quote running on);
- stances and topics (PolNeAR's wider cue set): ``X called for / talked about / criticized Y for …``
  (``prep_content``; ``called for the United States to act`` takes who is to act with the act),
  ``X wants / plans / urged them to …`` (``xcomp_content``), ``X supports /
  endorsed Y`` (object), with poll respondents as holders (``56 percent would vote for Clinton``);
  stance nouns with a holder (``Clinton's support for the ban``, ``his claim that …``); a paragraph
  opening ``Name: …`` (headlines, transcripts, also a transcript quoted whole: ``"PENCE: …``);
  ``X cited Y as …`` (what is cited is the content); a quote signed ``“…” ― Name``; ``X seems to …`` /
  ``it appears that …`` as an unattributed impression;
- contents end before a closing ``, which/who …`` aside, a ``, although …`` concession, a dash before a
  report of its own and a conjoined clause with a cue of its own, and stay in the cue's paragraph; a
  cue closing its paragraph with a colon (``The governor added:``) says the next paragraph; one that
  ends inside a quote runs to its closing mark; a clause hung on an inserted ``, he said,`` stays in it;
- ``X is seen/known as Y`` without an agent is an unattributed view; ``in this poll, …`` gives the poll;
- not attributed: cue verbs whose subject cannot be a source for weak cues (``the scale of
  desertions suggests``), names that are only mentioned, titles in quotes, verbs outside their cue
  sense (``put money into ads``, ``cast their ballots``: ``sense_preps``), a poll after the verb
  (``slid in the polls``);
- a report deep inside another source's content (``Ryan said the senator, who has long supported the
  ban, …``) is part of that content: no statement of its own, and a quote in it is the outer source's.

The component builds a per-document :class:`~claimledger.extract.attribution.context.Context`
and runs the handlers over it, in this order (each handler's docstring names its example):

1. ``handlers.TOKEN_HANDLERS``, on every word of a sentence with a cue or a quote: ``…, citing Y``
   (a link of a chain), ``This was reported by X``, ``X said …`` (and ``X told Y that …``), stance
   nouns, ``according to X``, ``in this poll``, ``per X``, hedge adverbs, hedge verbs;
2. ``handlers.PARAGRAPH_HANDLERS``: ``Name: …`` paragraphs, quotes signed ``― Name``;
3. contents trimmed (``contents``), chains carried from a citing sentence to the next one
   (``chains.carry_citing``), reports inside another source's content marked (``output.is_embedded``);
4. quotes given their record (``quoting``), figures theirs, or one inherited from a neighbouring
   sentence (``inherited.INHERITED_HANDLERS``: a report after the figures, the headline's ``…, X says``,
   ``According to X:`` before a list, an earlier attributed figure of the paragraph; a figure in a
   quote takes the quote's record); ``output.write``.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from claimledger import datafiles
from claimledger.extract.attribution.chains import carry_citing
from claimledger.extract.attribution.contents import in_paragraph, through_quote, without_aside
from claimledger.extract.attribution.context import Context
from claimledger.extract.attribution.handlers import PARAGRAPH_HANDLERS, token_records
from claimledger.extract.attribution.output import is_embedded, write
from claimledger.extract.attribution.quoting import attach_quotes
from claimledger.extract.config import english_with_packaged_lexicon
from claimledger.extract.extensions import register


@cache
def cues() -> dict:
    data = datafiles.load("attribution_cues")
    out: dict = {}
    for key, value in data.items():
        out[key] = set(value) if isinstance(value, list) else value
    out["trigger_words"] = set(out["verbs"]) | set(out["stance_nouns"]) | set(out["hedge_verbs"])
    out["trigger_words"] |= out["other_triggers"] | set(out["lemma_fixes"]) | out["in_sources"]
    return out


class Attributor:
    """The claimledger_attribution component: a context per Doc, the handlers over it, the chains written."""

    def __init__(self, nlp: Language, name: str) -> None:
        register()
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ctx = Context.of(doc, cues())
        token_records(ctx)
        for handler in PARAGRAPH_HANDLERS:
            handler(ctx)
        for rec in ctx.records:
            if rec.content is not None:
                trimmed = in_paragraph(doc, *rec.content, rec.cue_token.i)
                if not rec.signs_before:
                    trimmed = without_aside(doc, *trimmed, ctx.lex)
                rec.content = through_quote(doc, *trimmed, ctx.quotes)
        carry_citing(ctx)
        for rec in ctx.records:
            rec.embedded = is_embedded(ctx, rec)
        write(ctx, attach_quotes(ctx))
        return doc


@Language.factory(
    "claimledger_attribution",
    assigns=[
        "doc.spans", "doc._.cl_sources", "span._.cl_attribution", "span._.cl_hedges", "span._.cl_quote_kind",
        "span._.cl_inherited",
    ],
    requires=[
        "doc.sents", "token.dep", "token.tag", "token.lemma", "span._.cl_figure", "span._.cl_quote", "doc._.cl_source_index",
    ],
    default_config={"lang": None, "lexicon": "attribution_cues"},
)
def make_attribution(nlp: Language, name: str, lang: str | None, lexicon: str) -> Attributor:
    """Reads ``Doc._.cl_source_index`` (the source registry ``claimledger_sources`` leaves on the Doc,
    which this component extends with the speakers it resolves, then clears), ``doc.spans["cl_quotes"]``
    with ``Span._.cl_quote`` / ``cl_quote_kind`` and ``doc.user_data["claimledger.quote_parts"]``
    (``claimledger_quotes``) and ``doc.spans["cl_figures"]`` (``claimledger_figures``).
    Writes ``Span._.cl_attribution`` (figures, quotes, ``doc.spans["cl_statements"]``),
    ``Span._.cl_hedges`` and ``Span._.cl_inherited`` (figures), ``Quote.setting`` and
    ``Doc._.cl_sources`` / ``doc.spans["cl_source_mentions"]`` (the sources used, renumbered)."""
    english_with_packaged_lexicon("claimledger_attribution", nlp, lang, lexicon, "attribution_cues")
    return Attributor(nlp, name)
