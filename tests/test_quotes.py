"""Quotes: character scanning (no model) and quote kinds, attribution and settings (full model)."""

from __future__ import annotations

import pytest

from _attrib_helpers import chain_for, run
from claimledger.extract.quotes import scan_quotes


def quoted(text: str) -> list[str]:
    return [text[s:e] for s, e in scan_quotes(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said "we will win" today.', ['"we will win"']),
        ("He said “we will win” today.", ["“we will win”"]),
        ("He said ‘we will win’ today.", ["‘we will win’"]),
        ("He said 'we will win' today.", ["'we will win'"]),
        ("Er sagte „wir gewinnen“ heute.", ["„wir gewinnen“"]),
        ("Il a dit « nous gagnerons » hier.", ["« nous gagnerons »"]),
        ("Die Welt’s correspondent called it a ‘systemic collapse,’ and left.", ["‘systemic collapse,’"]),
        ("Ukraine’s army and the West’s policies don't matter.", []),
        ("‘We are not fighting,’ Putin said, ‘but for the West’s policies.’", ["‘We are not fighting,’", "‘but for the West’s policies.’"]),
        ("The ’90s were different, he said.", []),
        ("She said “the ‘deal’ is dead” on Monday.", ["“the ‘deal’ is dead”"]),
        ("An unbalanced “quote never closes.\n\nNext paragraph.", []),
    ],
)
def test_scan(text, expected):
    assert quoted(text) == expected


def test_quote_running_over_paragraphs():
    text = "“The first paragraph goes on.\n\n“And the second closes it,” he said."
    assert quoted(text) == [text[: text.index("”") + 1]]


def test_quote_over_several_sentences():
    text = "“We came. We saw. We won,” the general said."
    assert quoted(text) == ["“We came. We saw. We won,”"]


@pytest.fixture(scope="module")
def putin():
    return run(
        "Putin spoke for an hour. ‘We are not fighting for conquest,’ Putin stated in a closed-door meeting with "
        "security officials, ‘but for the survival of a region that has been sacrificed by the West’s policies.’"
    )


def test_interrupted_quote_is_one(putin):
    quotes = list(putin.spans["cl_quotes"])
    assert len(quotes) == 1
    assert quotes[0].text.startswith("‘We are") and quotes[0].text.endswith("policies.’")
    assert quotes[0]._.cl_quote_kind == "full"


def test_setting_and_speaker(putin):
    q = putin.spans["cl_quotes"][0]
    assert q._.cl_quote.setting == "closed-door meeting with security officials"
    assert chain_for(putin, "We are not fighting")[0][0] == "Putin"


@pytest.mark.slow  # runs the trained parser
@pytest.mark.parametrize(
    "text,target,speaker,setting",
    [
        ('"The economy is strong," Janet Yellen said at a press conference.', "The economy is strong", "Janet Yellen", "press conference"),
        ('Janet Yellen said: "The economy is strong."', "The economy is strong", "Janet Yellen", None),
        ("“We will not back down,” the senator told reporters in a private conversation.", "We will not back down", "senator", "private conversation"),
        ("In a leaked memo, the director wrote: “Cut the budget now.”", "Cut the budget now", "director", None),
        ('Mike Pence spoke first. "We will win," he said.', "We will win", "Mike Pence", None),
        ('"We will win." Donald Trump added.', "We will win", "Donald Trump", None),
        ('Hillary Clinton said the plan was "dangerous and reckless" for America.', "dangerous and reckless", "Hillary Clinton", None),
        ("Putin accused the West of what he called ‘aggression’ against Russia.", "aggression", "Putin", None),
    ],
)
def test_quote_attribution(text, target, speaker, setting):
    doc = run(text)
    chain = chain_for(doc, target)
    assert chain and speaker.lower() in chain[0][0].lower(), chain
    if setting is not None:
        q = next(q for q in doc.spans["cl_quotes"] if target in q.text)
        assert q._.cl_quote.setting and setting in q._.cl_quote.setting


@pytest.mark.slow  # runs the trained parser
@pytest.mark.parametrize(
    "text,kind",
    [
        ("The exodus, described by officials as a ‘systemic collapse,’ continues.", "scare"),
        ('She said the move was "a betrayal of every voter in this state" and left.', "partial"),
        ('"We will win," he said.', "full"),
        ('He read the book "The Art of the Deal" twice.', "title"),
        ('She appeared on "Saturday Night Live" last week.', "title"),
        # a programme of a named outlet
        ('Sanders told MSNBC\'s "Morning Joe" that nobody would question it.', "title"),
        ('Pence said on CNN\'s "State of the Union."', "title"),
        # doubled marks (the New York Times' style) are one mark
        ("Trump said on ABC's ''This Week.''", "title"),
        ("He called the plan ''a disaster.''", "scare"),
    ],
)
def test_quote_kinds(text, kind):
    doc = run(text)
    assert [q._.cl_quote_kind for q in doc.spans["cl_quotes"]] == [kind]


@pytest.mark.slow  # runs the trained parser
def test_title_not_attributed():
    doc = run('Trump said he liked the film "Gone with the Wind" very much.')
    q = doc.spans["cl_quotes"][0]
    assert q._.cl_quote_kind == "title" and not q._.cl_attribution


@pytest.mark.slow  # runs the trained parser
def test_unattributed_scare_quote_has_no_chain():
    doc = run("The so-called ‘reform’ was passed in March.")
    assert not chain_for(doc, "reform")


@pytest.mark.slow  # runs the trained parser
@pytest.mark.parametrize(
    "text",
    [
        '"It was a spectacular deal," said Mr. Obama. "It will last for years."',
        '"It was a spectacular deal," said Rep. G.K. Butterfield (D-N.C.). "It will last for years."',
        "''It was a spectacular deal,'' said Alan Cole, an economist. ''It will last for years.''",
    ],
)
def test_quote_goes_on_after_an_attribution_with_abbreviations(text):
    doc = run(text)
    quotes = [q.text for q in doc.spans["cl_quotes"]]
    assert len(quotes) == 1 and quotes[0].endswith(("years.\"", "years.''")), quotes


@pytest.mark.slow  # runs the trained parser
def test_quote_after_two_sentences_is_a_new_one():
    doc = run('"It was a deal," Obama said. He left. "It will last."')
    assert len(doc.spans["cl_quotes"]) == 2
