"""Attribution chains over real news constructions (full model, loaded once)."""

from __future__ import annotations

import pytest

from _attrib_helpers import chain_for, run, speakers

pytestmark = pytest.mark.slow  # every case runs the trained parser

# (text, content words, expected chain of source names nearest first, relation of the first link)
CASES = [
    # plain speech verbs, before and after
    ("Maria Zakharova said that the talks had failed.", "the talks had failed", ["Maria Zakharova"], "said"),
    ("The talks had failed, Maria Zakharova said on Tuesday.", "The talks had failed", ["Maria Zakharova"], "said"),
    ("The minister stated that prices would rise.", "prices would rise", ["The minister"], "said"),
    ("Senator John Kennedy told reporters that the bill was dead.", "the bill was dead", ["John Kennedy"], "said"),
    ("Angela Merkel noted that growth had slowed.", "growth had slowed", ["Angela Merkel"], "said"),
    ("The company claimed that its products were safe.", "its products were safe", ["company"], "said"),
    ("Critics argued that the plan would hurt workers.", "the plan would hurt workers", ["Critics"], "said"),
    ("Sergei Lavrov insisted that Moscow had done nothing wrong.", "Moscow had done nothing wrong", ["Sergei Lavrov"], "said"),
    ("The ministry announced that 500 soldiers had returned.", "500 soldiers had returned", ["ministry"], "said"),
    ("John Smith wrote that the election was rigged.", "the election was rigged", ["John Smith"], "said"),
    ("Reuters reported that the deal was close.", "the deal was close", ["Reuters"], "reported"),
    ("The Pentagon estimated that 2,000 troops were involved.", "2,000 troops were involved", ["Pentagon"], "estimated"),
    ("Analysts at Goldman Sachs predicted that inflation would ease.", "inflation would ease", ["Analysts at Goldman Sachs"], "estimated"),
    ("Western analysts believe that the offensive has stalled.", "the offensive has stalled", ["Western analysts"], "suggested"),
    ("Experts warned that the dam could collapse.", "the dam could collapse", ["Experts"], "said"),
    ("Observers noted that turnout was low.", "turnout was low", ["Observers"], "said"),
    ("Ukrainian officials said the strike killed 12 people.", "the strike killed 12 people", ["Ukrainian officials"], "said"),
    # inserted and postposed cues
    ("Maria Zakharova spoke on Friday. These cases, she argued, reflect a collapse.", "reflect a collapse", ["Maria Zakharova"], "said"),
    ("The economy, the governor said, is in good shape.", "is in good shape", ["The governor"], "said"),
    ("Prices will rise, Janet Yellen warned on Monday.", "Prices will rise", ["Janet Yellen"], "said"),
    ("The war is over, said President Vladimir Putin.", "The war is over", ["Vladimir Putin"], "said"),
    # relative and participial sources
    ("He cited Christoph Vanner, who reported that 21,600 soldiers deserted in October.", "21,600 soldiers deserted", ["Christoph Vanner"], "reported"),
    ("Desertion has surged, with reports indicating that 100,000 soldiers have left.", "100,000 soldiers have left", ["reports"], "reported"),
    ("The senator issued a statement, saying that the vote was a sham.", "the vote was a sham", ["The senator"], "said"),
    ("Donald Trump has continued to insist that the election was stolen.", "the election was stolen", ["Donald Trump"], "said"),
    # passives and impersonals
    ("The exodus, described by Ukrainian officials as a disaster, continues.", "a disaster", ["Ukrainian officials"], "said"),
    ("It is believed that the general fled to Minsk.", "the general fled to Minsk", ["It is believed"], "suggested"),
    ("It was reported that three ships were sunk.", "three ships were sunk", ["It was reported"], "reported"),
    ("The soldiers reportedly fled across the border.", "fled across the border", ["reportedly"], "reported"),
    # according to, per, as reported by
    ("According to the Financial Times, the fund lost $2 billion.", "the fund lost $2 billion", ["Financial Times"], "reported"),
    ("According to Maria Zakharova, the talks had failed.", "the talks had failed", ["Maria Zakharova"], "said"),
    ("The fund lost $2 billion, according to a report by the State Bureau of Investigation.", "The fund lost $2 billion", ["a report by the State Bureau of Investigation"], "reported"),
    ("The army lost 300 tanks, according to data from the Unified Register of Pre-trial Investigations.", "The army lost 300 tanks", ["Unified Register of Pre-trial Investigations"], "reported"),
    ("Turnout was 60 percent, per the Associated Press.", "Turnout was 60 percent", ["Associated Press"], "reported"),
    # anonymous sources
    ("Sources close to the Russian administration suggest that losses are heavy.", "losses are heavy", ["Sources close to the Russian administration"], "suggested"),
    ("A source in law enforcement said the suspect had fled.", "the suspect had fled", ["A source in law enforcement"], "said"),
    ("Officials who spoke on condition of anonymity said the plan was dropped.", "the plan was dropped", ["Officials who spoke on condition of anonymity"], "said"),
    ("A senior official said the meeting was cancelled.", "the meeting was cancelled", ["A senior official"], "said"),
    ("People familiar with the matter said the deal was off.", "the deal was off", ["People familiar with the matter"], "said"),
    # documents and media
    ("A study by Harvard University found that the drug works.", "the drug works", ["A study by Harvard University"], "reported"),
    ("The New York Times reported that the talks collapsed.", "the talks collapsed", ["New York Times"], "reported"),
    ("Data from the central bank show that lending fell.", "lending fell", ["Data from the central bank"], "reported"),
    ("A poll by Gallup showed that support had dropped.", "support had dropped", ["A poll by Gallup"], "reported"),
]


@pytest.mark.parametrize("text,content,expected,relation", CASES)
def test_attribution_constructions(text, content, expected, relation):
    doc = run(text)
    chain = chain_for(doc, content)
    assert chain, f"no attribution for {content!r}"
    assert chain[0][2] == relation
    if expected is not None:
        names = [link[0] for link in chain]
        assert len(names) >= len(expected)
        for got, want in zip(names, expected):
            assert want.lower() in got.lower() or got.lower() in want.lower(), (names, expected)


CHAINS = [
    (
        "TASS, citing the Financial Times, which cites prosecutors, reported that 40 officers were arrested.",
        "40 officers were arrested",
        ["TASS", "Financial Times", "prosecutors"],
    ),
    (
        "Zakharova stated, citing data from Ukraine's Prosecutor General's Office, that 18,000 soldiers had deserted.",
        "18,000 soldiers had deserted",
        ["Zakharova", "Ukraine's Prosecutor General's Office"],
    ),
    (
        "The Russian Foreign Ministry, through its official spokesperson Maria Zakharova, has amplified these figures, "
        "citing data from Ukraine's Prosecutor General's Office. Zakharova stated that 15,000 deserters leave each month.",
        "15,000 deserters leave each month",
        ["Maria Zakharova", "Ukraine's Prosecutor General's Office"],
    ),
    (
        "Interfax reported, citing a source in the defence ministry, that the test had failed.",
        "the test had failed",
        ["Interfax", "a source in the defence ministry"],
    ),
    (
        "The agency said, referring to the State Statistics Service, that output fell 5%.",
        "output fell 5%",
        ["agency", "State Statistics Service"],
    ),
    (
        "Kyiv Post reported that 300 homes were destroyed, citing the regional governor.",
        "300 homes were destroyed",
        ["Kyiv Post", "the regional governor"],
    ),
]


@pytest.mark.parametrize("text,content,expected", CHAINS)
def test_chains(text, content, expected):
    names = speakers(run(text), content)
    assert len(names) == len(expected), names
    for got, want in zip(names, expected):
        assert want.lower().replace("'", "’") in got.lower().replace("'", "’") or got.lower() in want.lower(), names


def test_cited_links_have_relation_cited():
    doc = run("TASS, citing the Financial Times, reported that 40 officers were arrested.")
    chain = chain_for(doc, "40 officers were arrested")
    assert chain[1][2] == "cited" and chain[1][3] == "citing"


def test_citing_data_from_cue_words():
    doc = run("Zakharova said, citing data from the Prosecutor General's Office, that 18,000 soldiers had deserted.")
    chain = chain_for(doc, "18,000 soldiers had deserted")
    assert chain[1][3] == "citing data from"


CROSS = [
    ("Maria Zakharova spoke on Friday. According to her, the talks had failed.", "the talks had failed", "Maria Zakharova"),
    ("Hillary Clinton met voters in Ohio. She said that jobs were coming back.", "jobs were coming back", "Hillary Clinton"),
    ("Donald Trump attacked the press. He claimed that the polls were fake.", "the polls were fake", "Donald Trump"),
    (
        "Russian Foreign Ministry spokeswoman Maria Zakharova spoke. The spokeswoman said the sanctions were illegal.",
        "the sanctions were illegal",
        "Maria Zakharova",
    ),
    (
        "Maria Zakharova, the ministry's official spokesperson, spoke. The diplomat said that Kyiv was to blame.",
        "Kyiv was to blame",
        "Maria Zakharova",
    ),
    (
        "The Russian Foreign Ministry issued a note. The ministry said that the embassy would close.",
        "the embassy would close",
        "Russian Foreign Ministry",
    ),
    ("Mykhailo Fedorov visited the front. Fedorov said that drones were decisive.", "drones were decisive", "Mykhailo Fedorov"),
    (
        "Mike Pence and Hillary Clinton spoke in turn. She said that the debate was rigged.",
        "the debate was rigged",
        "Hillary Clinton",
    ),
]


@pytest.mark.parametrize("text,content,expected", CROSS)
def test_coreference_across_sentences(text, content, expected):
    names = speakers(run(text), content)
    assert names and expected.lower() in names[0].lower(), names


NOT_ATTRIBUTED = [
    ("Maria Zakharova visited Minsk on Tuesday.", "visited Minsk"),
    ("Yet the sheer scale of desertions suggests a deeper issue.", "a deeper issue"),
    ("The numbers show a steep decline in morale.", "a steep decline"),
    ("The war has claimed hundreds of thousands of lives.", "hundreds of thousands of lives"),
    ("He read the book \"The Art of the Deal\" on the plane.", "The Art of the Deal"),
    ("Putin met Xi Jinping in Beijing to discuss trade.", "discuss trade"),
    ("The film \"Saving Private Ryan\" was shown on television.", "Saving Private Ryan"),
    ("Prices rose by 5% in March.", "Prices rose"),
]


@pytest.mark.parametrize("text,content", NOT_ATTRIBUTED)
def test_not_attributed(text, content):
    chain = chain_for(run(text), content)
    assert not chain, chain


def test_example_chains(example_doc):
    doc = example_doc
    assert speakers(doc, "21,600 soldiers deserted") == ["Christoph Vanner"]
    z = speakers(doc, "15,000 to 18,000 deserters")
    assert z == ["Maria Zakharova", "Ukraine’s Prosecutor General’s Office"]
    assert speakers(doc, "over 230,000 criminal cases") == z
    chain = chain_for(doc, "tens of thousands of casualties")
    assert chain[0][:3] == ("sources close to the Russian administration", "anonymous", "suggested")
    chain = chain_for(doc, "between 100,000 and 200,000")
    assert chain[0][1] == "unattributed"
    assert chain_for(doc, "systemic collapse")[0][0] == "Ukrainian officials"
    assert speakers(doc, "deliberate disintegration")[0] == "Maria Zakharova"
    assert speakers(doc, "aggression")[0] == "Vladimir Putin"
    assert speakers(doc, "We are not fighting for conquest") == ["Vladimir Putin"]
    assert not chain_for(doc, "hundreds of thousands of lives")


@pytest.fixture(scope="module")
def example_doc():
    from importlib import resources

    text = resources.files("claimledger.examples").joinpath("desertion-report.txt").read_text("utf-8")
    return run(text)


# PolNeAR's wider cue set: stances (support, want, endorse), topics (talking about), calls (called for),
# poll respondents as sources, colon headlines and transcripts, stance nouns with a holder
STANCES = [
    ("Hillary Clinton called for a ban on assault weapons.", "a ban on assault weapons", ["Hillary Clinton"], "said"),
    ("Bernie Sanders was talking about income inequality.", "income inequality", ["Bernie Sanders"], "said"),
    ("Jeb Bush criticized Donald Trump for his remarks on women.", "Donald Trump for his remarks on women", ["Jeb Bush"], "said"),
    ("Senator Lindsey Graham mocked Marco Rubio for losing every state.", "Marco Rubio for losing every state", ["Lindsey Graham"], "said"),
    ("The senator has endorsed Ted Cruz for president.", "Ted Cruz", ["The senator"], "suggested"),
    ("Palestinians want East Jerusalem for their future state.", "East Jerusalem", ["Palestinians"], "suggested"),
    ("Donald Trump wants to build a wall on the border.", "to build a wall on the border", ["Donald Trump"], "suggested"),
    ("Madeleine Albright urged women to vote for Hillary Clinton.", "to vote for Hillary Clinton", ["Madeleine Albright"], "said"),
    ("About three-quarters of voters support a temporary ban on Muslims.", "a temporary ban on Muslims", ["About three-quarters of voters"], "suggested"),
    ("Thirty-seven percent would vote for Bernie Sanders.", "Bernie Sanders", ["Thirty-seven percent"], "suggested"),
    ("More than half of white women preferred Hillary Clinton.", "Hillary Clinton", ["More than half of white women"], "suggested"),
    ("Lynch: No outside influence on FBI probe into Clinton emails.", "No outside influence on FBI probe", ["Lynch"], "said"),
    ("Sanders met voters in Iowa.\n\nTAPPER: Do you think Donald Trump has campaigned as a racial healer?", "Do you think Donald Trump", ["TAPPER"], "said"),
    ("Elizabeth Warren voiced Clinton’s support for a higher minimum wage.", "a higher minimum wage", ["Clinton"], "suggested"),
    ("Mitch McConnell’s claim that the bill would fail proved wrong.", "the bill would fail", ["Mitch McConnell"], "said"),
    ("9:30 p.m.\n\nDonald Trump says he may move to the South.", "he may move to the South", ["Donald Trump"], "said"),
]


@pytest.mark.parametrize("text,content,expected,relation", STANCES)
def test_stances_topics_and_headlines(text, content, expected, relation):
    test_attribution_constructions(text, content, expected, relation)


def _statement_texts(doc) -> list[str]:
    return [s.text for s in doc.spans.get("cl_statements", [])]


def test_a_closing_relative_clause_is_the_authors_aside():
    doc = run("Ryan criticized Clinton’s email use, which an FBI investigation called careless.")
    assert "Clinton’s email use" in _statement_texts(doc)


def test_a_conjoined_report_is_a_second_content():
    doc = run(
        "Three-quarters of the voters said they were worried about the economy, "
        "and more than 4 in 10 said Trump would be best at handling it."
    )
    texts = _statement_texts(doc)
    assert "they were worried about the economy" in texts
    assert chain_for(doc, "Trump would be best at handling it")[0][0] == "more than 4 in 10"


def test_a_content_stays_in_its_paragraph():
    doc = run("7:05 p.m.\n\nThe top issue for voters is experience, according to early exit polls.")
    assert all("p.m." not in t for t in _statement_texts(doc)), _statement_texts(doc)
    assert chain_for(doc, "The top issue for voters is experience")


def test_a_quote_paragraph_runs_on_in_the_same_voice():
    doc = run(
        "The senator spoke in Reno.\n\n“We will win this state,” Cruz said.\n\n“And then we will win the country.”"
    )
    assert speakers(doc, "And then we will win the country") == ["Cruz"]


STANCES_NOT_ATTRIBUTED = [
    ("UPDATE: The vote has been postponed to Friday.", "The vote has been postponed"),
    ("Wait, it gets better: the bill was never read.", "the bill was never read"),
    ("The beams support the roof of the hall.", "the roof of the hall"),
    ("The claim that the vote was rigged spread online.", "the vote was rigged"),
    ("It wants to be a modern city.", "to be a modern city"),
    ("The plan calls for new roads.", "new roads"),
]


@pytest.mark.parametrize("text,content", STANCES_NOT_ATTRIBUTED)
def test_stances_not_attributed(text, content):
    test_not_attributed(text, content)


def test_a_relative_clause_inside_the_content_stays():
    doc = run("Ryan said the plan, which was drafted in May, would fail in the Senate.")
    assert chain_for(doc, "which was drafted in May, would fail in the Senate")


def _contents(doc) -> dict[str, str]:
    """Each attributed quote or statement text -> the name of its nearest source."""
    names = {s.id: s.name for s in doc._.cl_sources or []}
    out = {}
    for key in ("cl_quotes", "cl_statements"):
        for span in doc.spans.get(key, []):
            if span._.cl_attribution:
                out[span.text] = names[span._.cl_attribution[0].source]
    return out


# the content's extent (exactly this text) and its nearest source
EXTENTS = [
    # the cue's clause after it, not a clause before a colon the parser also hung on it
    (
        "The news set off another round of fireworks on Friday: Republicans said they were convinced the department erred.",
        "they were convinced the department erred",
        "Republicans",
    ),
    # a bare clause after a time phrase, parsed as an adverbial
    ("Trump said after the convention he would not accept the endorsement.", "he would not accept the endorsement", "Trump"),
    # a that-clause the parser hung on the listener
    (
        "In Honolulu, Obama told a meeting of island leaders that few people understood the stakes of climate change.",
        "that few people understood the stakes of climate change",
        "Obama",
    ),
    # "cite" as the main verb: what is cited is the content
    (
        "Clinton cited his remarks about Machado as examples of his disrespect for women.",
        "his remarks about Machado as examples of his disrespect for women",
        "Clinton",
    ),
    ("The nominee attacked her opponent as a fraud and a scam artist.", "her opponent as a fraud and a scam artist", "nominee"),
    # "say" with a plain object
    ("Mitt Romney has said the same thing.", "the same thing", "Mitt Romney"),
    # "by saying": the speaker of the verb the phrase hangs on
    (
        "President Obama responded to the mother by saying his refusal was a manufactured issue.",
        "his refusal was a manufactured issue",
        "Obama",
    ),
    # the writer's "I" for a cue that needs a source-like subject
    ("I know your tax returns are being audited.", "your tax returns are being audited", "I"),
    # documents and cities as sources
    ("Video shows that Crutcher had his hands in the air.", "that Crutcher had his hands in the air", "Video"),
    (
        "The city of Phoenix is demanding that the campaign stop using the image of police officers.",
        "that the campaign stop using the image of police officers",
        "city",
    ),
    # the author's glosses closing a content are left out
    ("Clinton wants to sign up 5 million people, focusing on people under 30.", "to sign up 5 million people", "Clinton"),
    ("Schultz said he did not support Mr. Trump, the presumed Putin favorite.", "he did not support Mr. Trump", "Schultz"),
    (
        "The experts praised Mrs. Clinton's proposals, which include a provision that would, in effect, help small firms.",
        "Mrs. Clinton's proposals",
        "experts",
    ),
    ("Mitt Romney said the ads did not hurt him, arguing that the party was divided.", "the ads did not hurt him", "Mitt Romney"),
    # the object's own phrases, which the parser hangs on the verb
    (
        "Former crew members described crass behavior by Trump behind the scenes of the show.",
        "crass behavior by Trump behind the scenes of the show",
        "crew members",
    ),
    # several quoted words strung together are one content, not each quote alone
    (
        'Trump called the senator a "nasty guy," an "anchor baby" and "sick."',
        'the senator a "nasty guy," an "anchor baby" and "sick."',
        "Trump",
    ),
]


@pytest.mark.parametrize("text,content,speaker", EXTENTS)
def test_content_extents(text, content, speaker):
    got = _contents(run(text))
    assert content in got, got
    assert speaker.lower() in got[content].lower(), got


def test_the_cue_between_the_sentences_of_a_quote():
    doc = run("“How many times do we have to see this in our country?” Clinton said. “This is just unbearable.”")
    assert speakers(doc, "This is just unbearable") == ["Clinton"]


def test_a_quote_signed_with_a_dash():
    doc = run(
        "Readers wrote in.\n\n“Donald Trump scares me. He does not respect us.” ― Krystal Correa\n"
        "“Maybe we can build a wall around him.”― Steve Quinlan.\n\nMore tomorrow."
    )
    assert speakers(doc, "Donald Trump scares me") == ["Krystal Correa"]
    assert speakers(doc, "build a wall around him") == ["Steve Quinlan"]


def test_a_dash_after_a_quote_that_names_no_one():
    doc = run("“We will win,” the crowd chanted.\n\n“It is over.” ― and then the lights went out.")
    assert not chain_for(doc, "It is over")


def test_turns_of_a_transcript_in_quote_marks():
    doc = run(
        'The interview went on.\n\n"WALLACE: Let us start with the debate on Monday.\n\n'
        '"PENCE: Well, look, the debate will be a great moment for Donald Trump.\n\n'
        '"WALLACE: Will he be there?"'
    )
    got = _contents(doc)
    assert got.get("Let us start with the debate on Monday", "").lower() == "wallace", got
    assert got.get("Well, look, the debate will be a great moment for Donald Trump", "").lower() == "pence", got
    assert not any(text.startswith('"WALLACE') for text in got), got


def test_seems_is_an_unattributed_impression():
    chain = chain_for(run("Melania seems to have vanished from the campaign trail."), "to have vanished")
    assert chain and chain[0][1] == "unattributed" and chain[0][2] == "suggested"


EXTENTS_NOT_ATTRIBUTED = [
    ("He appeared at the rally on Monday.", "at the rally"),
    ("The plan seems credible to most voters.", "credible"),
    ("You know the answer already.", "the answer"),
    ("He said it.", "it"),
    ("The plants emit two billion tons per year of carbon dioxide.", "two billion tons"),
    ("His apology to the voters was seemingly genuine.", "genuine"),
    ("The senator issued a statement, citing data from the Pentagon.", "data from the Pentagon"),
    ("He read the book twice.", "the book"),
]


@pytest.mark.parametrize("text,content", EXTENTS_NOT_ATTRIBUTED)
def test_extents_not_attributed(text, content):
    test_not_attributed(text, content)


def test_a_participle_reporting_on_stays_in_a_finite_content():
    doc = run("Vanner reported that 21,600 soldiers deserted in October, bringing the total to 180,000.")
    assert "that 21,600 soldiers deserted in October, bringing the total to 180,000" in _statement_texts(doc)


def test_a_headline_surname_before_a_colon():
    doc = run(
        "Sanders: Clinton needs to get away from all of this personality stuff.\n\n"
        "Bernie Sanders offered some pointed advice to Hillary Clinton on Friday."
    )
    assert speakers(doc, "Clinton needs to get away") == ["Bernie Sanders"]


# cue verbs of PolNeAR's wider set (lexicon: verbs, object_content, xcomp_content, lemma_fixes)
WIDER_CUES = [
    ("The senator declined to say whether the plan would pass.", "to say whether the plan would pass", ["The senator"]),
    ("Clinton expressed her support for the ban on assault weapons.", "her support for the ban on assault weapons", ["Clinton"]),
    ("Sanders has cast the Clintons as part of the establishment.", "the Clintons as part of the establishment", ["Sanders"]),
    ("Democratic leaders were hoping to retain the White House next year.", "to retain the White House next year", ["Democratic leaders"]),
    ("“We see charter schools offering parents of color hope,” the letter reads.", "We see charter schools", ["the letter"]),
    ('Sanders supporters were chanting "Feel the Bern."', "Feel the Bern", ["Sanders supporters"]),
    ("Senator Marco Rubio compared the deal to the Munich agreement.", "the deal to the Munich agreement", ["Marco Rubio"]),
]


@pytest.mark.parametrize("text,content,expected", WIDER_CUES)
def test_wider_cue_verbs(text, content, expected):
    assert speakers(run(text), content) == expected


def test_a_closing_concession_is_the_authors_aside():
    doc = run("North Korea said the latest test was its biggest yet, although it may take several days to measure it.")
    assert "the latest test was its biggest yet" in _statement_texts(doc)


def test_a_closing_who_clause_is_the_authors_aside():
    doc = run("Trump is demanding that Obama make a pledge not to pardon Hillary Clinton, who has not been charged with any crime.")
    assert "that Obama make a pledge not to pardon Hillary Clinton" in _statement_texts(doc)


def test_a_passive_seen_as_is_an_unattributed_view():
    doc = run("The drafting process is seen as one way Sanders could gain concessions from Clinton.")
    chain = chain_for(doc, "one way Sanders could gain concessions")
    assert chain and chain[0][1] == "unattributed"


def test_a_poll_in_an_in_phrase_is_the_source():
    doc = run("In the latest Washington Post/ABC News poll, Clinton led Trump by 5 percentage points among likely voters.")
    chain = chain_for(doc, "Clinton led Trump by 5 percentage points")
    assert chain and "poll" in chain[0][0].lower() and chain[0][3].lower().startswith("in")


def test_a_cue_before_a_colon_and_a_paragraph_break_says_the_next_paragraph():
    doc = run(
        "Those comments are a disgrace, he said.\n\nThe governor added:\n\n"
        "It is typical of Hillary Clinton. She knows nothing.\n\nThe crowd cheered."
    )
    assert "It is typical of Hillary Clinton. She knows nothing" in _statement_texts(doc)
    assert not chain_for(doc, "The crowd cheered")


def test_a_closing_who_clause_after_a_one_word_object():
    doc = run("Cruz endorses Trump, who says he is honored.")
    assert "Trump" in _statement_texts(doc)


def test_a_dash_before_a_report_of_its_own_ends_the_content():
    doc = run(
        "Adam Schiff called on President Obama to retaliate against Russia for interference in the election "
        "-- meddling the congressman said is designed to sow discord."
    )
    assert "to retaliate against Russia for interference in the election" in _statement_texts(doc)


def test_a_report_deep_inside_another_content_is_part_of_it():
    doc = run("Ryan said the senator, who has long supported the ban on assault weapons, would vote against it.")
    assert "the ban on assault weapons" not in _statement_texts(doc)
    assert speakers(doc, "who has long supported the ban") == ["Ryan"]
    quoted = run('Ryan said the senator, who has called the plan a "disaster" on many occasions, would vote against it.')
    assert speakers(quoted, '"disaster"') == ["Ryan"]


def test_a_report_heading_another_content_or_an_impression_stays():
    doc = run("Ryan said he wants to cut taxes for the middle class.")
    assert "to cut taxes for the middle class" in _statement_texts(doc)
    doc = run("Stumpf appeared to blame low-level workers for this behavior.")
    assert speakers(doc, "low-level workers for this behavior") == ["Stumpf"]


def test_called_for_someone_to_act():
    doc = run("Hillary Clinton is calling for the United States to step up its military efforts.")
    assert "the United States to step up its military efforts" in _statement_texts(doc)
    doc = run("Sanders has called for the former secretary of state to release the transcripts of her speeches.")
    assert "the former secretary of state to release the transcripts of her speeches" in _statement_texts(doc)
    doc = run("Trump called for a special prosecutor to investigate Clinton's use of a private email server.")
    assert "a special prosecutor to investigate Clinton's use of a private email server" in _statement_texts(doc)


def test_a_poll_after_the_verb_is_where_a_standing_is_measured():
    assert not chain_for(run("Trump has a decisive lead in the polls ahead of the primary."), "Trump has a decisive lead")
    assert not chain_for(run("But he quickly slid in the polls behind his rivals."), "he quickly slid")


def test_speaking_on_a_channel_or_a_day_names_no_topic():
    doc = run("Carson, speaking on ABC, said the plan would fail.")
    assert "ABC" not in _statement_texts(doc)
    assert "the death of Terence Crutcher" in _statement_texts(run("Clinton spoke about the death of Terence Crutcher."))


def test_put_and_cast_are_cues_only_in_their_estimating_and_framing_senses():
    doc = run("A new poll puts Obama's approval at 50 percent.")
    assert chain_for(doc, "Obama's approval at 50 percent")[0][0] == "A new poll"
    assert not chain_for(run("Republicans put money into new ads."), "money")
    assert not chain_for(run("Voters cast their ballots for Trump."), "their ballots")


def test_a_content_ending_inside_a_quote_runs_to_its_closing_mark():
    doc = run("He said that Trump’s statement was “true.”")
    assert "that Trump’s statement was “true.”" in _statement_texts(doc)


def test_a_clause_hung_on_an_inserted_cue_stays_in_the_content():
    doc = run(
        "Though that transition was relatively seamless, he said, replacing Clinton would be much more "
        "acrimonious and could lead to intense lobbying."
    )
    assert any(t.startswith("Though that transition") and t.endswith("intense lobbying") for t in _statement_texts(doc))


def test_a_subject_inside_the_quote_is_not_the_speaker():
    doc = run(
        '"If it does not have the capability to threaten its neighbors with nuclear weapons yet, it will at some '
        'point, probably sooner rather than later," '
        "said James Acton, a physicist who is co-director of the Nuclear Policy Program at the Carnegie Endowment "
        'for International Peace. "People disagree."'
    )
    assert speakers(doc, "it will at some point") == ["James Acton"]


def test_a_bare_cue_sentence_closing_its_paragraph():
    doc = run(
        "Trump began his speech by thanking the crowd.\n\n"
        "“Who would have believed that when we started this journey on June 16th of last year we — and I say we, "
        "because we are a team — would have received almost 14 million votes?” Trump said, looking out on the "
        "cheering crowd.\n\n“I would,” Melanie said to the TV."
    )
    assert speakers(doc, "Who would have believed") == ["Trump"]


def test_a_programme_name_parsed_as_a_clause_is_no_statement():
    doc = run("Pence said on CBS's ''Face the Nation.''")
    assert not _statement_texts(doc)
    assert not chain_for(doc, "Face the Nation")


def test_a_hedge_on_a_cue_verb_is_no_impression_of_its_own():
    doc = run("Trump apparently believed the unscientific Internet polls that showed him winning.")
    assert not chain_for(doc, "Trump apparently believed")


def test_a_that_clause_hung_on_the_time_of_the_report():
    doc = run(
        "The New York Times reported at the time that the RT editor in chief conveyed to Ms. Martin "
        "that her statement was wrong."
    )
    assert speakers(doc, "the RT editor in chief conveyed") == ["New York Times"]
    assert not chain_for(run("The senator spoke at a rally that drew thousands of people."), "drew thousands")


def test_a_second_object_the_parser_hangs_on_the_cue():
    doc = run("Warren has mentioned refinancing student loans and forcing universities to spend more from their endowments.")
    assert "refinancing student loans and forcing universities to spend more from their endowments" in _statement_texts(doc)
    assert "the deal" in _statement_texts(run("Trump criticized the deal and left the stage."))


# --- sources stated once for several figures (inherited, with the span they came from) ---------


def _figure_sources(text: str) -> dict[str, tuple[list[str], list[str]]]:
    """figure text -> (source names of its chain, fields it inherited)."""
    doc = run(text)
    names = {s.id: s.name for s in doc._.cl_sources or []}
    return {
        span.text: ([names[a.source] for a in span._.cl_attribution or []], [i.field for i in span._.cl_inherited or []])
        for span in doc.spans["cl_figures"]
    }


def test_a_report_sentence_after_the_figures_covers_them() -> None:
    found = _figure_sources(
        "In 2024, 67,800 proceedings were registered. A further 17,600 were registered in 2023. "
        "This was reported by the Prosecutor General's Office."
    )
    assert found["67,800"] == (["Prosecutor General's Office"], ["attribution"])
    assert found["17,600"][0] == ["Prosecutor General's Office"]


def test_a_short_said_sentence_after_the_figures_covers_its_paragraph_only() -> None:
    found = _figure_sources("Some 6,900 cases were opened in 2022.\nIn 2023, 17,600 were opened. The ministry said on Monday.")
    assert found["17,600"][0] == ["The ministry"]
    assert found["Some 6,900"][0] == []  # the paragraph before: "said on Monday" does not reach it


def test_x_reported_this_citing_y_gives_the_chain() -> None:
    found = _figure_sources(
        "Some 6,900 cases were opened in 2022 and 17,600 in 2023. Ukrainska Pravda reported this, citing the Prosecutor General's Office."
    )
    assert found["17,600"][0] == ["Ukrainska Pravda", "Prosecutor General's Office"]


def test_a_report_with_content_of_its_own_covers_no_earlier_figure() -> None:
    found = _figure_sources("Some 6,900 cases were opened in 2022. Ukrainska Pravda reported that 17,600 people fled.")
    assert found["Some 6,900"][0] == []


def test_according_to_before_a_list_covers_its_lines_and_stops_with_it() -> None:
    found = _figure_sources(
        "According to the ministry:\n- 6,900 cases were opened in 2022.\n- 17,600 cases were opened in 2023.\n"
        "The war goes on and 300 died."
    )
    assert found["17,600"][0] == ["the ministry"] and "attribution" in found["17,600"][1]
    assert found["300"][0] == []


def test_a_source_carries_to_later_figures_of_its_paragraph_not_the_next() -> None:
    found = _figure_sources("Inflation rose to 5.2% in March, Statistics Canada said. Employment fell by 36,000.\nExports rose by 3,000.")
    assert found["36,000"][0] == ["Statistics Canada"]
    assert found["3,000"][0] == []


def test_a_headline_ending_x_says_covers_its_figures_not_later_paragraphs() -> None:
    found = _figure_sources(
        "Measles Outbreak Swells to 121 Cases This Year, CDC Says\n\n"
        "The outbreak that began in California is showing no signs of slowing.\n\n"
        "A local school reported 300 absences in a later week."
    )
    assert found["121"][0] == ["CDC"]  # the headline is what "CDC Says" says (directly, or inherited when parsed apart)
    assert "CDC" not in found["300"][0]


# --- constructions of real news that the parse hides (issue 10 item 4) -------------------------------


def test_a_cue_takes_the_clause_of_its_own_line_not_the_next_line() -> None:
    found = _figure_sources(
        "10.7 million people are internally displaced, among them more than 4 million children, OCHA said.\n"
        "2.1 million people have crossed the border since April 2023, the UN refugee agency said."
    )
    assert found["10.7 million"][0] == ["OCHA"] and found["more than 4 million"][0] == ["OCHA"]
    assert found["2.1 million"][0] == ["the UN refugee agency"]


def test_a_caption_cue_does_not_say_the_next_paragraph() -> None:
    doc = run(
        "Some 408 migrants crossed the English Channel yesterday, the Home Office has revealed\n\n"
        "They were taken to Dover where they will be processed by Border Force officers."
    )
    assert chain_for(doc, "Some 408")[0][0] == "Home Office"
    assert chain_for(doc, "taken to Dover") is None  # the near-miss: the next paragraph is the author's


def test_a_closing_cue_parsed_as_a_conjunct_says_the_clause_before_it() -> None:
    found = _figure_sources(
        "October became a record month - over 21,000 troops escaped, a source in the law enforcement agencies told TASS."
    )
    assert found["over 21,000"][0] == ["a source in the law enforcement agencies"]
    found = _figure_sources("Death toll from the floods in Spain reached 227 people, DPA reported.")
    assert found["227"][0] == ["DPA"]


def test_a_conjunct_with_and_or_a_content_of_its_own_is_no_closing_cue() -> None:
    found = _figure_sources("Troops advanced 20 km, and the ministry said the town fell.")
    assert found["20 km"][0] == []
    found = _figure_sources("Over 300 soldiers fled in May, the minister told parliament that more would follow.")
    assert found["Over 300"][0] == []


def test_a_figure_in_a_quote_of_several_sentences_is_the_speakers() -> None:
    found = _figure_sources(
        '"We have our fingers crossed that the river is going to hold steady at 30 feet. It is dangerously close '
        'to the top of the levee," said Bruce Fitzgerald, spokesman for the agency.\n\nThe river rose 3 feet overnight.'
    )
    assert found["30 feet"][0] == ["Bruce Fitzgerald"]
    assert found["3 feet"][0] == []  # the near-miss: the author's figure after the quote


def test_a_company_expects_the_figures_of_its_object() -> None:
    found = _figure_sources("FactSet expects revenue of $2.285 billion to $2.305 billion for the year.")
    assert found["$2.285 billion to $2.305 billion"][0] == ["FactSet"]
    found = _figure_sources("FactSet expects a decision soon. Its shares rose 3% on Monday.")
    assert found["3%"][0] == []  # the near-miss: "expects" with an object of its own says nothing of later figures


def test_an_estimate_noun_with_its_holder_before_it() -> None:
    found = _figure_sources("Revenue rose to $56.2 billion, surpassing analysts' estimates of $55.5 billion.")
    assert found["$55.5 billion"][0] == ["analysts"]
    assert found["$56.2 billion"][0] == []  # the value reported is not the analysts'
    found = _figure_sources("The increase came in below economists’ expectations for a 3.3% annual gain.")
    assert found["3.3%"][0] == ["economists"]


def test_an_estimate_holds_its_value_only_not_later_figures_of_the_paragraph() -> None:
    found = _figure_sources("Revenue beat the FactSet consensus of $2.3 billion. The shares fell 2.64 percent before the open.")
    assert found["$2.3 billion"][0] == ["FactSet"]
    assert found["2.64 percent"][0] == []


def test_a_report_sentence_covers_its_paragraph_when_the_parser_runs_the_headline_into_it() -> None:
    found = _figure_sources(
        "Almost 290 000 cases of desertion were opened during the war\n\n"
        "Ukrainian law enforcement officers opened almost 290 000 criminal cases from January 2022 to September 2025.\n\n"
        "This is stated in the response of the Prosecutor General's Office to the inquiry of Ukrainian Truth."
    )
    assert found["almost 290 000"][0] == ["Prosecutor General's Office"]
    assert found["Almost 290 000"][0] == []  # the headline is not the paragraph before the report
    found = _figure_sources(
        "Law enforcers closed over 4,500 proceedings\n\n"
        "Between January 2022 and August 2025, more than 270,000 criminal proceedings were initiated, and only 5% "
        "of them went to trial. This was reported by the Office of the Prosecutor General."
    )
    assert found["more than 270,000"][0] == ["Office of the Prosecutor General"] and found["5%"][0] == ["Office of the Prosecutor General"]
    assert found["over 4,500"][0] == []


def test_as_reported_by_x_attributes_the_clause_it_hangs_on() -> None:
    found = _figure_sources("In July 2023 alone, 23,638 people arrived in Italy, as reported by the Ministry of the Interior on its website.")
    assert found["23,638"][0] == ["Ministry of the Interior"]
    found = _figure_sources("Some 300 soldiers left their units in May, as announced by the General Staff.")
    assert found["Some 300"][0] == ["General Staff"]


def test_as_expected_by_x_does_not_make_the_outcome_theirs() -> None:
    found = _figure_sources("Prices rose 4% in May, as expected by most economists.")
    assert found["4%"][0] == []


def test_a_headline_signed_with_a_dash_and_a_source() -> None:
    found = _figure_sources(
        "Russia kills, injures at least 592 Ukrainian civilians in December - UN\n\nThe war goes on and 300 houses burned."
    )
    assert found["at least 592"][0] == ["UN"]
    assert found["300"][0] == []  # the signature covers the headline only


def test_a_headline_signature_signs_its_while_clause_too() -> None:
    found = _figure_sources(
        "Employment little changed in April, while unemployment rate fell 0.1% to 5.2%: Statistics Canada\n\n"
        "The agency surveyed 50,000 homes, while the mayor said 300 houses burned."
    )
    assert found["5.2%"][0] == ["Statistics Canada"]
    # near-miss: the signature still signs the headline alone, not the paragraph after it
    assert found["50,000"][0] == []
    # near-miss: a cue before its content keeps the author's ", which …" aside out of it
    found = _figure_sources("The ministry said exports rose in May, which lifted the trade surplus by 7%.")
    assert found["7%"][0] == []


def test_a_lede_closing_with_its_source_covers_the_figures_before() -> None:
    found = _figure_sources(
        "Retail inflation declined to 5.88 per cent in November from 6.77 per cent in October. "
        "Prices eased to an 11-month low, official data showed on Monday.\n"
        "Wholesale prices rose 3 per cent in November. Fuel prices fell to a low, the ministry said."
    )
    assert found["5.88 per cent"][0] == ["official data"] and found["5.88 per cent"][1] == ["attribution"]
    # near-miss: a later paragraph's closing cue covers its own sentence, not the one before
    assert found["3 per cent"][0] == []


def test_a_lede_source_does_not_reach_over_another_source_or_from_before_its_content() -> None:
    found = _figure_sources(
        "Deficit widens\nThe deficit touched 7.3 per cent of GDP last year. Officials told reporters that spending rose. "
        "Revenue fell short, the minister added."
    )
    assert found["7.3 per cent"][0] == []
    found = _figure_sources("Quake toll rises\nThe toll rose to 40 on Monday. Officials said that rescuers were still searching the ruins.")
    assert found["40"][0] == []


def test_the_statement_is_its_authors() -> None:
    found = _figure_sources(
        "Gaza toll rises\nIn a statement, the ministry stated that more than 4,000 people were missing.\n"
        "The statement mentioned that 205 health workers have been killed.\nThe report said 40 hospitals had closed."
    )
    assert found["205"][0] == ["the ministry"]
    # near-miss: a report whose author the article never gave stays the source
    assert found["40"][0] == ["The report"]


def test_the_report_points_back_to_the_report_named_with_its_author() -> None:
    found = _figure_sources(
        "Results for 542 seats have been released, according to NDTV report.\n"
        "Counting was held for 542 seats after one candidate was elected unopposed, the report said."
    )
    assert "NDTV" in found["542"][0][0]
    found = _figure_sources(
        "Overdoses fall\nNew provisional data from the Centers for Disease Control and Prevention predicts a nearly 24% "
        "decline in deaths.\n\nProvisional data shows about 87,000 drug overdose deaths in the year.\n\n"
        "Preliminary figures show 500 deaths in May."
    )
    assert "Centers for Disease Control" in found["about 87,000"][0][0]
    # near-miss: a bare document whose noun no earlier mention gives with its author stays itself
    assert found["500"][0] == ["Preliminary figures"]
    # near-miss: a name in another phrase of the document ("polls in the UK's election") is not its author
    found = _figure_sources(
        "Exit poll\nThe first exit polls in the UK's general election predict a landslide for Labour.\n\n"
        "The polls predict that the Conservatives will take only 131 seats."
    )
    assert "UK" not in " ".join(found["131"][0])


def test_a_figure_cited_inside_what_someone_says_has_the_speaker_first() -> None:
    found = _figure_sources(
        "Commissioner Ray Kelly said the number of guns seized rose by about 8,000, according to police statistics."
    )
    assert found["about 8,000"][0] == ["Ray Kelly", "police statistics"]
    # near-miss: an according-to beside another source's report is its own, not inside it
    found = _figure_sources("Ray Kelly said crime fell. Seizures rose by 8,000, according to police statistics.")
    assert found["8,000"][0] == ["police statistics"]


def test_an_impression_inside_a_named_sources_words_is_that_sources() -> None:
    found = _figure_sources(
        "Tens of thousands are believed to have fled the city, according to the U.N. migration agency. "
        "Some 300 are believed to be trapped."
    )
    assert found["Tens of thousands"][0] == ["the U.N. migration agency"]
    # near-miss: the impression with no source around it stays unattributed
    assert found["Some 300"][0] == ["are believed"]


def test_the_authors_comparison_takes_no_carried_source() -> None:
    found = _figure_sources(
        "Arrivals news\nThe Interior Ministry said 20,000 migrants arrived in July. A further 3,000 arrived in August. "
        "For comparison: in July 2015 there were 22,846 arrivals. In 2016 there were 23,552."
    )
    # near-miss: the later figure before the comparison still takes the ministry's source
    assert found["3,000"][0] == ["Interior Ministry"]
    assert found["22,846"][0] == [] and found["23,552"][0] == []


def test_a_headline_dash_before_words_that_name_no_source() -> None:
    found = _figure_sources("Ukraine - Russia war: 500 killed in Kharkiv\n\nMore text follows here.")
    assert found["500"][0] == []


def test_an_institution_that_registers_tracks_or_measures_the_figures() -> None:
    found = _figure_sources("The Prosecutor's Office has registered almost 60,000 criminal offenses since January 2022.")
    assert found["almost 60,000"][0] == ["Prosecutor's Office"]
    found = _figure_sources("Between Jan 1 and Aug 17, the WHO tracked 409,222 cases and 4,738 deaths reported globally.")
    assert found["409,222"][0] == ["WHO"] and found["4,738"][0] == ["WHO"]
    found = _figure_sources("The quake struck on Sunday and was measured by the US Geological Service at 6.1-magnitude.")
    assert found["6.1"][0] == ["US Geological Service"]


def test_registered_or_measured_without_a_source_or_an_object() -> None:
    found = _figure_sources("Voters registered as Republicans rose by 300 in May.")
    assert found["300"][0] == []
    found = _figure_sources("The quake measured 6.1 on the Richter scale.")
    assert found["6.1"][0] == []


def test_a_figure_that_begins_inside_a_content_is_in_it() -> None:
    found = _figure_sources("Ebitda down 3.8% at Rs 113.9 crore vs Rs 118.4 crore (Bloomberg estimate Rs 138.6 crore).")
    assert found["Rs 138.6 crore"][0] == ["Bloomberg"]
    assert found["Rs 113.9 crore"][0] == []  # the reported value before the estimate is not Bloomberg's



def test_a_relative_clause_whose_subject_is_the_source_speaking_on_is_attributed() -> None:
    found = _figure_sources(
        "According to the U.S. Geological Survey, the epicenter of the quake, which it measured at a magnitude "
        "of 6.1, is about 18 miles southwest of Zhaotong."
    )
    assert found["6.1"][0] == ["U.S. Geological Survey"]


def test_a_relative_clause_with_its_own_subject_is_still_the_authors_aside() -> None:
    found = _figure_sources("According to police, the bridge, which was built in 1990 for $12 million, collapsed on Monday.")
    assert found["$12 million"][0] == []


def test_an_institution_registering_inside_a_named_report_is_cited_by_the_reporter() -> None:
    """The weak 'registered' is what the prosecutors did; Lutsenko is who says so, citing them."""
    found = _figure_sources(
        "Prosecutors registered 21,602 criminal cases of unauthorized absence in October 2025, Ihor Lutsenko, "
        "a serviceman and former lawmaker, wrote on Facebook."
    )
    assert found["21,602"][0] == ["Ihor Lutsenko", "Prosecutors"]
    found = _figure_sources("The WHO tracked 409,222 cases of cholera last year.")
    assert found["409,222"][0] == ["WHO"]  # the near-miss: no report around it, the institution alone
