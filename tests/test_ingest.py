"""Ingest: every kind of input a user can hand us, good and bad.

Bad input must end in a coded error that names the file, never a traceback or a
silently wrong article (offsets and ids are computed from the text read here).
"""

from __future__ import annotations

import codecs
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from claimledger.errors import (
    BadDate,
    BadFormat,
    BinaryInput,
    EmptyInput,
    InputTooLarge,
    MissingFile,
    UndecodableInput,
    UnsupportedLanguage,
)
from claimledger.ingest import parse_date, read_articles
from claimledger.ingest.language import score

ENGLISH = "Zakharova stated that 15,000 to 18,000 deserters leave Ukrainian military units each month."
CURLY = "\u201cWe are not fighting for conquest,\u201d Putin stated \u2014 it\u2019s a caf\u00e9 claim."

FRENCH = (
    "Le ministère russe des Affaires étrangères a déclaré que entre 15 000 et 18 000 déserteurs quittent"
    " chaque mois les unités militaires ukrainiennes, avec plus de 230 000 affaires pénales ouvertes depuis"
    " février 2022 pour absences non autorisées. La porte-parole a ajouté que la situation était grave."
)
GERMAN = (
    "Die Zahl der Deserteure in der ukrainischen Armee ist stark gestiegen. Nach Angaben der"
    " Staatsanwaltschaft haben im Oktober 21.600 Soldaten ihre Einheiten verlassen, womit die Gesamtzahl in"
    " diesem Jahr auf 180.000 steigt. Die Regierung in Kiew weist die Zahlen als Propaganda zurück, doch"
    " Experten sehen ein tiefes Problem."
)
RUSSIAN = "Министерство иностранных дел России заявило, что от 15 000 до 18 000 дезертиров покидают части."

PAGE = """<!DOCTYPE html>
<html><head>
<title>Desertions surge - Example News</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://news.example.com/desertions">
<meta property="article:published_time" content="2025-11-20">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Desertions surge</h1>
<p>Officials said that 21,600 soldiers deserted in October, bringing the total for the year to 180,000.</p>
<p>The numbers are staggering, and they paint a picture of a force unraveling under the weight of attrition.</p>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def _code(excinfo: pytest.ExceptionInfo) -> str:
    return str(excinfo.value)[:6]


# --- plain text ---------------------------------------------------------------


def test_reads_the_example_as_it_is(example_path: Path, example_text: str) -> None:
    [article] = read_articles(example_path)
    assert article.text == example_text
    assert article.published is None
    assert article.language == "en"


def test_published_is_passed_through(example_path: Path) -> None:
    [article] = read_articles(example_path, published=date(2025, 11, 28))
    assert article.published == date(2025, 11, 28)


def test_reads_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ENGLISH.encode())))
    [article] = read_articles("-")
    assert article.text == ENGLISH


def test_stdin_that_is_an_html_page_is_read_as_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode())))
    [article] = read_articles("-")
    assert "<p>" not in article.text
    assert "21,600 soldiers deserted" in article.text


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_input(tmp_article, content: bytes) -> None:
    with pytest.raises(EmptyInput, match=r"^\[E101\] .*a\.txt is empty"):
        read_articles(tmp_article("a.txt", content))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFile, match=r"^\[E106\] no such file: .*nope\.txt"):
        read_articles(tmp_path / "nope.txt")


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFile, match="is a directory"):
        read_articles(tmp_path)


def test_nul_bytes_mean_binary(tmp_article) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(BinaryInput, match=r"^\[E102\] .*NUL bytes"):
        read_articles(tmp_article("image.txt", png))


def test_many_control_characters_mean_binary(tmp_article) -> None:
    data = bytes([0x01, 0x02, 0x03, 0x41, 0x42, 0x07, 0x08, 0x0E]) * 50
    with pytest.raises(BinaryInput, match="control characters"):
        read_articles(tmp_article("blob.txt", data))


# --- decoding -------------------------------------------------------------------


def test_utf8_bom_is_dropped(tmp_article) -> None:
    [article] = read_articles(tmp_article("bom.txt", codecs.BOM_UTF8 + CURLY.encode()))
    assert article.text == CURLY


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_article, encoding: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    [article] = read_articles(tmp_article("wide.txt", bom + CURLY.encode(encoding)))
    assert article.text == CURLY


def test_windows_1252_curly_quotes(tmp_article) -> None:
    [article] = read_articles(tmp_article("word.txt", CURLY.encode("cp1252")))
    assert article.text == CURLY


def test_latin1(tmp_article) -> None:
    text = "The caf\u00e9 in S\u00e3o Paulo charged \u00a33 for 21,600 coffees."
    [article] = read_articles(tmp_article("latin.txt", text.encode("latin-1")))
    assert article.text == text


def test_bytes_that_read_as_no_text_are_undecodable(tmp_article) -> None:
    data = b"The figures \x81\x8d\x8f\x90\x9d\x81\x8d\x8f\x90\x9d were given \x9d\x81\x8f by officials."
    with pytest.raises(UndecodableInput, match=r"^\[E103\] .*not UTF-8.*convert it to UTF-8"):
        read_articles(tmp_article("odd.txt", data))


def test_broken_utf16_is_undecodable(tmp_article) -> None:
    with pytest.raises(UndecodableInput, match="UTF-16"):
        read_articles(tmp_article("half.txt", codecs.BOM_UTF16_LE + "abc".encode("utf-16-le") + b"\x00\xd8"))


# --- size ------------------------------------------------------------------------


def test_too_large_says_how_to_raise_the_limit(tmp_article) -> None:
    with pytest.raises(InputTooLarge, match=r"^\[E104\] .*limit is 50 characters.*--max-chars"):
        read_articles(tmp_article("long.txt", ENGLISH), max_chars=50)


def test_a_file_far_over_the_limit_is_refused_before_decoding(tmp_article) -> None:
    with pytest.raises(InputTooLarge, match="over 44 bytes"):
        read_articles(tmp_article("huge.txt", ENGLISH * 100), max_chars=10)


def test_the_limit_is_inclusive(tmp_article) -> None:
    [article] = read_articles(tmp_article("exact.txt", ENGLISH), max_chars=len(ENGLISH))
    assert article.text == ENGLISH


# --- language --------------------------------------------------------------------


POLISH = (
    "Ministerstwo Spraw Zagranicznych Rosji oświadczyło, że co miesiąc od 15 000 do 18 000 dezerterów opuszcza"
    " jednostki wojskowe, a od lutego 2022 roku wszczęto ponad 230 000 postępowań karnych."
)
UKRAINIAN = (
    "Офіс генерального прокурора повідомив, що у жовтні 2025 року відкрито понад 21 тисячу кримінальних"
    " проваджень за самовільне залишення частини."
)


@pytest.mark.parametrize(("text", "language"), [(FRENCH, "French"), (POLISH, "Polish")], ids=["french", "polish"])
def test_an_unsupported_language_is_refused_by_name(tmp_article, text: str, language: str) -> None:
    with pytest.raises(UnsupportedLanguage, match=rf"^\[E105\] .* looks like {language}\b.*analyses English \(en\)"):
        read_articles(tmp_article("foreign.txt", text))


@pytest.mark.parametrize(
    ("text", "code"), [(GERMAN, "de"), (RUSSIAN, "ru"), (UKRAINIAN, "uk"), (ENGLISH, "en")],
    ids=["german", "russian", "ukrainian", "english"],
)
def test_supported_languages_are_recorded(tmp_article, text: str, code: str) -> None:
    [article] = read_articles(tmp_article("article.txt", text))
    assert article.language == code


def test_lang_overrides_the_detection(tmp_article) -> None:
    [article] = read_articles(tmp_article("article.txt", RUSSIAN), language="uk")
    assert article.language == "uk"
    with pytest.raises(UnsupportedLanguage, match=r"--lang fr"):
        read_articles(tmp_article("article.txt", RUSSIAN), language="fr")


def test_a_json_line_may_carry_its_language(tmp_article) -> None:
    path = tmp_article("a.jsonl", _jsonl({"text": RUSSIAN, "language": "uk"}, {"text": GERMAN}))
    assert [a.language for a in read_articles(path)] == ["uk", "de"]


ENGLISH_HARD_CASES = {
    "short": "Officials said 21,600 soldiers deserted in October.",
    "headline": "UKRAINE DESERTIONS SURGE TO 21,600 IN OCTOBER, PROSECUTOR GENERAL SAYS",
    "names": (
        "Putin, Zakharova, Vanner, Zelensky, Syrskyi and Umerov met in Kyiv, Moscow, Berlin, Istanbul;"
        " Die Welt, Reuters, TASS, RIA Novosti, Ukrainska Pravda reported October totals: Donetsk 4,100;"
        " Luhansk 2,900; Kharkiv 3,300; Zaporizhzhia 2,100."
    ),
    "markets": (
        "Stocks: Dow Jones 42,100 (+0.4%), S&P 500 5,870 (+0.2%), Nasdaq 18,900 (-0.1%). Brent crude $74.20,"
        " WTI $70.10, gold $2,650, EUR/USD 1.05. Apple 228.5, Microsoft 415.2, Nvidia 141.9, Tesla 350.3 closed"
        " Friday in New York after the Federal Reserve held rates at 4.5%."
    ),
    "quotes a foreign name": "Die Welt's correspondent Christoph Vanner reported 21,600 desertions in October. " * 5,
}


@pytest.mark.parametrize("text", ENGLISH_HARD_CASES.values(), ids=ENGLISH_HARD_CASES.keys())
def test_english_heavy_with_names_and_numbers_is_accepted(tmp_article, text: str) -> None:
    [article] = read_articles(tmp_article("en.txt", text))
    assert article.text == text


def test_the_example_is_clearly_english(example_text: str) -> None:
    found = score(example_text)
    assert found.english and found.stop_share > 0.35 and found.non_latin_share == 0


# --- HTML ------------------------------------------------------------------------


def test_html_page_gives_its_text_and_metadata(tmp_article) -> None:
    [article] = read_articles(tmp_article("page.html", PAGE))
    assert "21,600 soldiers deserted in October" in article.text
    assert "Copyright" not in article.text and "<p>" not in article.text
    assert article.title == "Desertions surge"
    assert article.outlet == "Example News"
    assert article.url == "https://news.example.com/desertions"
    assert article.published == date(2025, 11, 20)


def test_published_overrides_the_page_date(tmp_article) -> None:
    [article] = read_articles(tmp_article("page.htm", PAGE), published=date(2025, 11, 28))
    assert article.published == date(2025, 11, 28)


def test_html_without_article_text(tmp_article) -> None:
    with pytest.raises(EmptyInput, match="no article text"):
        read_articles(tmp_article("blank.html", "<html><head><title>Only a title</title></head><body></body></html>"))


def test_non_english_page_is_refused(tmp_article) -> None:
    page = f"<html><body><article><p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>"
    with pytest.raises(UnsupportedLanguage):
        read_articles(tmp_article("fr.html", page))


# --- JSON Lines ---------------------------------------------------------------------


def _jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def test_jsonl_gives_one_article_per_line_in_order(tmp_article) -> None:
    path = tmp_article(
        "batch.jsonl",
        _jsonl(
            {"text": ENGLISH, "url": "https://a.example/1", "title": "One", "outlet": "A", "published": "2025-11-01"},
            "",
            {"text": CURLY},
        ),
    )
    first, second = read_articles(path)
    assert (first.text, first.url, first.title, first.outlet) == (ENGLISH, "https://a.example/1", "One", "A")
    assert first.published == date(2025, 11, 1)
    assert (second.text, second.url, second.title, second.outlet, second.published) == (CURLY, None, None, None, None)


def test_jsonl_published_option_overrides_each_line(tmp_article) -> None:
    path = tmp_article("batch.jsonl", _jsonl({"text": ENGLISH, "published": "2025-11-01"}))
    [article] = read_articles(path, published=date(2025, 11, 28))
    assert article.published == date(2025, 11, 28)


def test_jsonl_keeps_a_line_separator_inside_a_string(tmp_article) -> None:
    text = "Officials said\u2028 21,600 soldiers deserted."
    [article] = read_articles(tmp_article("sep.jsonl", _jsonl({"text": text})))
    assert article.text == text


@pytest.mark.parametrize(
    ("bad_line", "error", "message"),
    [
        ('{"text": "unterminated', BadFormat, r"^\[E108\] .*bad\.jsonl line 2: not valid JSON"),
        ('["a list"]', BadFormat, r"line 2: expected a JSON object"),
        ('{"title": "no text"}', BadFormat, r"line 2: the \"text\" field is missing"),
        ('{"text": "Fine text.", "url": 7}', BadFormat, r"line 2: field 'url' must be a string"),
        (
            '{"text": "Fine text.", "published": "28/11/2025"}',
            BadDate,
            r"line 2: '28/11/2025' is not a valid date",
        ),
        ('{"text": "   "}', EmptyInput, r"line 2 has no text"),
        (json.dumps({"text": FRENCH}), UnsupportedLanguage, r"line 2 looks like French"),
    ],
    ids=["json", "not-object", "no-text", "url-type", "date", "empty-text", "language"],
)
def test_jsonl_bad_line_names_its_number(tmp_article, bad_line: str, error: type, message: str) -> None:
    path = tmp_article("bad.jsonl", _jsonl({"text": ENGLISH}, bad_line, {"text": ENGLISH}))
    with pytest.raises(error, match=message):
        read_articles(path)


def test_jsonl_with_no_lines(tmp_article) -> None:
    with pytest.raises(EmptyInput):
        read_articles(tmp_article("none.jsonl", "\n\n  \n"))


# --- dates -------------------------------------------------------------------------


def test_parse_date() -> None:
    assert parse_date("2025-11-28") == date(2025, 11, 28)
    assert parse_date(" 2024-02-29 ") == date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2025-13-01", "2025-02-30", "20251128", "28/11/2025", "yesterday", ""])
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(BadDate, match=r"^\[E107\] .*use YYYY-MM-DD"):
        parse_date(text)
