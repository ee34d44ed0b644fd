"""Exports: CSV and Parquet rows that read back with their types, W3C annotations whose selectors find the
text, reviews kept with their history and published as ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _corpus_helpers import fake_analyze_many, fake_model, relay  # noqa: F401
from typer.testing import CliRunner

from claimledger import cli
from claimledger.cli import app
from claimledger.corpus import Corpus
from claimledger.errors import BadReview, NotInCorpus
from claimledger.model import Article, LedgerSelection, Review
from claimledger.report import annotations, claimreview, export

FIRST = Article(relay("21,600", "October 2025", "Christoph Vanner", cited="Die Welt"), title="Desertions",
                url="https://first.example/a", outlet="First Outlet", published=date(2025, 11, 5))
REPEAT = Article(relay("21,600", "October 2025", "Maria Zakharova", extra="Moscow repeats it. "),
                 url="https://second.example/b", outlet="Second Outlet", published=date(2025, 11, 20))
CASES = Article("Prosecutors counted again. 230,000 cases were opened in February 2024, according to Olena Ivanova."
                " 1,200 soldiers deserted in March 2024.", outlet="Third Outlet", published=date(2024, 4, 2))


@pytest.fixture
def corpus(tmp_path: Path, fake_model: None) -> Corpus:
    found = Corpus(tmp_path / "corpus.db")
    found.add_articles([FIRST, REPEAT, CASES])
    return found


def _figure_count(corpus: Corpus) -> int:
    return sum(len(s.ledger.figures) for s in corpus.selections())


def test_csv_has_one_row_per_figure_claim_and_reads_back(corpus: Corpus) -> None:
    handle = io.StringIO()
    written = export.write_csv(export.rows(corpus.selections()), handle)
    table = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert written == len(table) == _figure_count(corpus) == 4
    assert list(table[0]) == list(export.COLUMN_NAMES)
    assert [row["published"] for row in table] == ["2024-04-02", "2024-04-02", "2025-11-05", "2025-11-20"]
    first = next(row for row in table if row["article_id"] == FIRST.id)
    assert (first["figure"], first["low"], first["high"], first["approximate"]) == ("21,600", "21600", "21600", "false")
    assert (first["period_start"], first["period_end"], first["aggregation"]) == ("2025-10-01", "2025-10-31", "total")
    assert first["attribution"] == "Christoph Vanner → Die Welt"
    assert [link["name"] for link in json.loads(first["attribution_json"])] == ["Christoph Vanner", "Die Welt"]
    assert first["finding_types"] == "hedging" and first["finding_ids"] == "f1"
    assert first["role"] == first["currency"] == ""  # not stored yet: empty, never invented


def test_measure_and_period_select_rows_as_compare_does(corpus: Corpus) -> None:
    cases = list(export.rows(corpus.selections(measure="unauthorized_absence")))
    assert [(r["figure"], r["measure"]) for r in cases] == [("230,000", "unauthorized_absence")]
    october = list(export.rows(corpus.selections(since=date(2025, 10, 15), until=date(2025, 10, 20))))
    assert sorted(r["article_id"] for r in october) == sorted([FIRST.id, REPEAT.id])
    assert list(export.rows(corpus.selections(since=date(2026, 1, 1)))) == []


def test_parquet_keeps_the_types_and_the_rows(corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "figures.parquet"
    assert export.write_parquet(export.rows(corpus.selections()), path) == 4
    table = pq.read_table(path)
    assert table.num_rows == _figure_count(corpus)
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("period_start").type == pa.date32()
    assert table.schema.field("low").type == pa.float64()
    assert table.schema.field("approximate").type == pa.bool_()
    rows = table.to_pylist()
    assert rows[0]["published"] == date(2024, 4, 2) and rows[0]["low"] == 230000.0
    assert {row["currency"] for row in rows} == {None}


def test_an_empty_export_is_a_valid_parquet_file(tmp_path: Path, fake_model: None) -> None:
    path = tmp_path / "none.parquet"
    assert export.write_parquet(iter(()), path) == 0
    assert pq.read_table(path).num_rows == 0 and pq.read_table(path).schema == export.parquet_schema()


def _selectors(annotation: dict) -> list[dict]:
    targets = annotation["target"] if isinstance(annotation["target"], list) else [annotation["target"]]
    return [(t["source"], selector) for t in targets for selector in t["selector"]]


def test_annotations_follow_the_w3c_model_and_their_selectors_find_the_text(corpus: Corpus) -> None:
    page = annotations.page(corpus.selections())
    assert page["@context"] == "http://www.w3.org/ns/anno.jsonld" and page["type"] == "AnnotationPage"
    texts = {s.ledger.article.id: s.ledger.article for s in corpus.selections()}
    kinds = set()
    for item in page["items"]:
        assert item["type"] == "Annotation" and item["id"].startswith("urn:") and item["target"]
        assert all(body["type"] == "TextualBody" and body["value"] for body in item["body"])
        kinds.add(item["motivation"])
        for source, selector in _selectors(item):
            article = next(a for a in texts.values() if source in (a.url, f"urn:sha256:{a.id}"))
            if selector["type"] == "TextQuoteSelector":
                exact = selector["exact"]
                found = article.text.find(selector["prefix"] + exact + selector["suffix"])
                assert found >= 0, exact
                start = found + len(selector["prefix"])
            else:
                assert selector["type"] == "TextPositionSelector"
                start, end = selector["start"], selector["end"]
                assert article.text[start:end] == exact  # the quote selector that precedes it
    assert kinds == {"describing", "assessing"}
    sources = {t["source"] for item in page["items"] for t in (item["target"] if isinstance(item["target"], list)
                                                                 else [item["target"]])}
    assert sources == {FIRST.url, REPEAT.url, f"urn:sha256:{CASES.id}"}


def test_an_annotation_says_what_its_card_says_and_is_tagged(corpus: Corpus) -> None:
    ledger = corpus.ledger(FIRST.id)
    item = annotations.annotations(LedgerSelection(ledger))[0]
    description = item["body"][0]["value"]
    assert "21,600" in description and "Christoph Vanner → Die Welt" in description and "2025-10-01" in description
    assert [b["value"] for b in item["body"][1:]] == ["figure", "desertion", "hedging"]
    assert all(b["purpose"] == "tagging" for b in item["body"][1:])


def test_a_measure_filter_keeps_only_its_figures_and_their_findings(corpus: Corpus) -> None:
    page = annotations.page(corpus.selections(measure="unauthorized_absence"))
    described = [i["body"][0]["value"] for i in page["items"]]
    # CASES's c1 (230,000 cases) and the stand-in finding about it; not its c2 (1,200 deserted), nor other articles.
    assert len(described) == 2 and "230,000" in described[0] and described[1].startswith("f1 · hedging")


def _review(corpus: Corpus, article: Article, claim: str = "c1", **fields: object) -> Review:
    values = {"rating": "Misleading", "reviewer": "Fact Desk", **fields}
    return corpus.review(Review(article.id, claim, "", **values))  # type: ignore[arg-type]


def test_reviews_are_kept_with_their_history(corpus: Corpus) -> None:
    _review(corpus, FIRST, rating="Unproven")
    _review(corpus, FIRST, rating="False", rating_value=1, best_rating=5, worst_rating=1)
    history = corpus.reviews(FIRST.id)
    assert [r.rating for r in history] == ["Unproven", "False"]
    assert history[0].claim_text == corpus.ledger(FIRST.id).claim("c1").text
    with pytest.raises(NotInCorpus, match=r"\[E124\].*no claim c9"):
        _review(corpus, FIRST, claim="c9")
    with pytest.raises(BadReview, match="outside"):
        _review(corpus, FIRST, rating_value=7, best_rating=5, worst_rating=1)
    with pytest.raises(BadReview, match="reviewer"):
        _review(corpus, FIRST, reviewer=None)


def test_claimreview_carries_every_field_and_the_appearances(corpus: Corpus) -> None:
    _review(corpus, REPEAT, rating="False", rating_value=1, best_rating=5, worst_rating=1, note="Twice the count.",
            url="https://factcheck.example/desertions")
    [item] = json.loads(claimreview.render(corpus.reviewed_claims()))
    assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
    assert item["url"] == "https://factcheck.example/desertions"
    assert item["claimReviewed"] == corpus.ledger(REPEAT.id).claim("c1").text
    assert item["author"] == {"@type": "Person", "name": "Fact Desk"}
    assert item["datePublished"] == datetime.now(timezone.utc).date().isoformat()
    assert item["reviewRating"] == {"@type": "Rating", "alternateName": "False", "ratingValue": 1, "bestRating": 5,
                                    "worstRating": 1, "ratingExplanation": "Twice the count."}
    claim = item["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == [{"@type": "Person", "name": "Maria Zakharova"}]
    # The same 21,600 for October 2025 appeared first in FIRST: the lineage names both articles, earliest first.
    assert [a["url"] for a in claim["appearance"]] == [FIRST.url, REPEAT.url]
    assert claim["firstAppearance"]["url"] == FIRST.url and claim["datePublished"] == "2025-11-05"
    assert claim["firstAppearance"]["publisher"] == {"@type": "Organization", "name": "First Outlet"}


def test_claimreview_parses_as_json_ld(corpus: Corpus) -> None:
    pyld = pytest.importorskip("pyld.jsonld")
    _review(corpus, FIRST, rating="False")
    _review(corpus, CASES, rating="Accurate")

    def local_schema_org(url: str, options: object = None) -> dict:
        assert url.rstrip("/") == "https://schema.org", url  # nothing else may be fetched
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}

    document = json.loads(claimreview.render(corpus.reviewed_claims()))
    expanded = pyld.expand(document, {"documentLoader": local_schema_org})
    assert [node["@type"] for node in expanded] == [["https://schema.org/ClaimReview"]] * 2
    item = expanded[0]["https://schema.org/itemReviewed"][0]
    assert item["@type"] == ["https://schema.org/Claim"]
    assert item["https://schema.org/author"][0]["https://schema.org/name"][0]["@value"] == "Christoph Vanner"


def test_cli_review_and_export(corpus: Corpus, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "corpus.db")
    result = runner.invoke(app, ["review", f"{FIRST.id}:c1", "--rating", "False", "--rating-value", "1", "--best",
                                 "5", "--worst", "1", "--note", "No such count", "--reviewer", "Fact Desk",
                                 "--url", "https://factcheck.example/1", "--db", db])
    assert result.exit_code == 0, result.output
    bad = runner.invoke(app, ["review", f"{FIRST.id}:c7", "--rating", "False", "--reviewer", "X", "--db", db])
    assert bad.exit_code == 1 and "[E124]" in bad.stderr
    reviews = runner.invoke(app, ["export", "--format", "claimreview", "--db", db])
    assert json.loads(reviews.stdout)[0]["reviewRating"]["alternateName"] == "False"
    rows = runner.invoke(app, ["export", "--format", "csv", "--measure", "desertion", "--db", db])
    assert len(list(csv.DictReader(io.StringIO(rows.stdout)))) == 3
    parquet = tmp_path / "out" / "figures.parquet"
    assert runner.invoke(app, ["export", "--format", "parquet", "--out", str(parquet), "--db", db]).exit_code == 0
    assert pq.read_table(parquet).num_rows == 4
    assert runner.invoke(app, ["export", "--format", "parquet", "--db", db]).exit_code == 2
    page = runner.invoke(app, ["export", "--format", "annotations", "--since", "2025-01-01", "--db", db])
    assert {i["target"]["source"] for i in json.loads(page.stdout)["items"]} == {FIRST.url, REPEAT.url}


def test_analyze_gives_the_same_rows_and_annotations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "analyze_many", fake_analyze_many)
    first, cases = tmp_path / "first.txt", tmp_path / "cases.txt"
    first.write_text(FIRST.text, encoding="utf-8")
    cases.write_text(CASES.text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", "--format", "csv", str(first), str(cases), str(tmp_path / "none.txt")])
    assert result.exit_code == 1 and "[E106]" in result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["figure"] for r in rows] == ["21,600", "230,000", "1,200"]
    page = json.loads(runner.invoke(app, ["analyze", "--format", "annotations", str(first)]).stdout)
    assert page["type"] == "AnnotationPage" and page["items"][0]["target"]["source"] == f"urn:sha256:{FIRST.id}"


def test_an_article_that_repeats_the_figure_appears_once(corpus: Corpus) -> None:
    twice = Article(relay("21,600", "October 2025", "Anna Berg", extra="Twice told. ") + " "
                    + relay("21,600", "October 2025", "Karl Ost"), outlet="Echo", published=date(2025, 12, 1))
    corpus.add_articles([twice])
    assert [f.low for f in (c.figure for c in corpus.ledger(twice.id).figures)] == [21600, 21600]
    appearances = corpus.appearances(twice.id, "c2")
    assert [(a.article, a.claim) for a in appearances] == [(FIRST.id, "c1"), (REPEAT.id, "c1"), (twice.id, "c1")]
    assert [a.claim for a in corpus.appearances(CASES.id, "c1")] == ["c1"]  # a value no other article gives
