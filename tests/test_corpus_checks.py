"""The corpus checks on their own: name variants, near-copies (MinHash), reference series."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimledger.check import copies, names, reference
from claimledger.errors import BadFormat
from claimledger.model import Claim, Figure, Period

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "desertion-report.txt"
AWOL = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "ukraine-awol-cases.csv"


@pytest.mark.parametrize(
    ("a", "b", "variant"),
    [
        ("Christoph Vanner", "Christoph Wanner", True),
        ("Maria Zakharova", "Maria Sakharova", True),
        ("Die Welt", "Die Welt am Sonntag", False),  # another paper
        ("Zakharova", "Maria Zakharova", False),  # a shorter mention
        ("NATO", "NASA", False),  # short words must match
        ("Brigade 47", "Brigade 41", False),  # numbers are never variants
        ("Christoph Vanner", "Christian Wanner", False),  # two words differ
        ("Prosecutor General", "Prosecutor Generals", True),
    ],
)
def test_what_counts_as_a_spelling_variant(a: str, b: str, variant: bool) -> None:
    assert names.is_variant(names.normalise(a), names.normalise(b)) is variant


def test_case_punctuation_and_the_are_formatting_not_spelling() -> None:
    assert names.normalise("The Kyiv Independent’s") == names.normalise("KYIV INDEPENDENT") == "kyiv independent"


def test_variants_cluster_spellings_by_kind_most_used_first() -> None:
    found = names.variants([
        names.NameCount("Christoph Vanner", "person", 5),
        names.NameCount("christoph vanner", "person", 1),
        names.NameCount("Christoph Wanner", "person", 2),
        names.NameCount("Christoph Wanner", "organization", 9),  # another kind: not compared with people
        names.NameCount("reports", "unattributed", 3),
    ])
    cluster = found[("person", "christoph wanner")]
    assert cluster is found[("person", "christoph vanner")]
    assert [(s.text, s.articles) for s in cluster.spellings] == [("Christoph Vanner", 6), ("Christoph Wanner", 2)]
    assert ("organization", "christoph wanner") not in found


def test_a_near_copy_shares_most_of_its_signature_and_another_text_little() -> None:
    text = EXAMPLE.read_text("utf-8")
    copy = text.replace("The numbers are staggering", "The numbers are shocking")
    other = " ".join(reversed(text.split()))
    original = copies.signature(text)
    assert len(original) == copies.NUM_PERM * 4 and len(copies.buckets(original)) == copies.BANDS
    assert copies.similarity(original, copies.signature(copy)) >= copies.THRESHOLD
    assert copies.similarity(original, copies.signature(other)) < 0.2
    shared = set(copies.buckets(original)) & set(copies.buckets(copies.signature(copy)))
    assert shared, "a near-copy shares at least one LSH band"


def test_copied_text_says_which_came_first_when_the_dates_tell() -> None:
    later = copies.Copy("b" * 64, "Relay", "Aggregator", date(2025, 11, 30), 0.9)
    first = copies.copied_text("a" * 64, date(2025, 11, 28), [later])
    assert first.severity == "info" and "published later" in first.message and "“Relay” (Aggregator" in first.message
    earlier = copies.Copy("a" * 64, "Original", "Outlet", date(2025, 11, 28), 0.9)
    second = copies.copied_text("b" * 64, date(2025, 11, 30), [earlier])
    assert second.severity == "low" and "the earliest is “Original”" in second.message
    undated = copies.copied_text("c" * 64, None, [earlier])
    assert "do not tell which came first" in undated.message
    assert copies.copied_text("c" * 64, None, []) is None


def test_the_shared_reference_series_loads_with_rounding_bounds() -> None:
    rows = reference.read_csv(AWOL)
    assert len(rows) == 21
    nv = next(r for r in rows if r.reported_by == "NV (rounded)" and r.measure == "unauthorized_absence")
    assert (nv.value, nv.low, nv.high) == (255_000, 254_500, 255_500)
    exact = rows[0]
    assert (exact.low, exact.high, exact.period.aggregation, exact.reported_on) == (6988, 6988, "total", "2025-08-26")


def test_a_bad_reference_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(AWOL.read_text("utf-8").splitlines()[0] + "\ndesertion,x,cases,2025-13-01,2025-10-31,total,5,P,R,2025\n")
    with pytest.raises(BadFormat, match=r"bad.csv line 2"):
        reference.read_csv(path)
    path.write_text("measure,value\ndesertion,5\n")
    with pytest.raises(BadFormat, match="lacks the columns"):
        reference.read_csv(path)


def figure(low: float, unit: str, start: date, end: date, measure: str = "unauthorized_absence") -> Claim:
    text = f"{low:,.0f}"
    return Claim("c1", "figure", 0, len(text), text, Figure(0, len(text), text, low, low, False, unit, measure),
                 Period(start, end, "total"))


def test_a_figure_is_checked_against_the_reference_row_for_its_period() -> None:
    rows = reference.read_csv(AWOL)
    october = (date(2025, 10, 1), date(2025, 10, 31))
    [mismatch] = reference.check(figure(25_000, "cases", *october), rows)
    assert mismatch.type == "figure_mismatch_reference" and mismatch.claims == ["c1"]
    assert "18,909" in mismatch.message and "published by Prosecutor General's Office of Ukraine" in mismatch.message
    assert reference.check(figure(18_909, "cases", *october), rows) == []
    [unit] = reference.check(figure(21_600, "people", *october, measure="desertion"), rows)
    assert unit.type == "reference_different_unit" and unit.severity == "info"
    assert "c1 counts people, the reference counts cases" in unit.message


def test_rounding_covers_half_the_last_step() -> None:
    assert reference.rounding_bounds(56_200) == (56_150, 56_250)
    assert reference.rounding_bounds(7) == (6.5, 7.5)


def test_a_name_in_cyrillic_is_the_same_person_as_its_latin_spellings() -> None:
    found = names.variants([
        names.NameCount("Christoph Wanner", "person", 2),
        names.NameCount("Кристоф Ваннер", "person", 1),
        names.NameCount("Christoph Vanner", "person", 1),
        names.NameCount("Дмитро Лубінець", "person", 1),
        names.NameCount("Dmytro Lubinets", "person", 1),
    ])
    cluster = found[("person", "кристоф ваннер")]
    assert {s.text for s in cluster.spellings} == {"Christoph Wanner", "Кристоф Ваннер", "Christoph Vanner"}
    assert cluster is found[("person", "christoph vanner")]
    assert found[("person", "дмитро лубінець")] is found[("person", "dmytro lubinets")]


def test_a_transliteration_alone_is_no_misspelling() -> None:
    found = names.variants([names.NameCount("Мария Захарова", "person", 1), names.NameCount("Maria Zakharova", "person", 3)])
    cluster = found[("person", "мария захарова")]
    assert not cluster.misspelt("мария захарова") and not cluster.misspelt("maria zakharova")


def test_a_short_name_one_letter_apart_across_scripts_is_another_person() -> None:
    found = names.variants([names.NameCount("Марина Захарова", "person", 1), names.NameCount("Maria Zakharova", "person", 3)])
    assert found == {}
