"""Fuzzing the front door: mutated news texts through ingest and analysis, checked against the ledger's invariants.

    .venv/bin/python bench/fuzz.py [--texts 10000] [--seed 1] [--hang-seconds 10]

Each text is one of a few news-like paragraphs (figures, ranges, dates, quotes,
attributions), mutated a few times at random: invisible and bidi characters, NUL and
lone surrogates, combining marks, other scripts' digits, any code point; numbers made
huge, long or odd; dates off the calendar; quotes and brackets nested deep; spans
deleted, repeated or run together. Each goes through ``article_from_text`` (the door)
and, when the door lets it in, ``analyze``. Prints a table: how many were refused with
a code, analysed, raised something uncoded, broke an invariant, or took longer than
``--hang-seconds``. The target is zero of the last three; a hang is counted apart for
short texts (up to ``SHORT`` characters: the size of a news story), since repetition
can make a mutated text ten times longer, and analysis time grows with length.

The invariants (``problems``): every span lies inside the text, a figure's low is at
most its high, the ledger survives a JSON round trip, and its JSON encodes as UTF-8.
tests/test_fuzz.py runs the same mutations under hypothesis with a small budget.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

from claimledger.errors import ClaimledgerError
from claimledger.ingest.text import article_from_text
from claimledger.model import Ledger

BASES = [
    "The General Staff said on Tuesday that 21,600 soldiers deserted in October 2025, up from about 18,000 in"
    " September. \"The figures are alarming,\" a deputy defence minister told reporters in Kyiv.",
    "Between 15,000 and 18,000 people were displaced last month, the UN refugee agency estimated, citing local"
    " authorities. Officials said more than 230,000 criminal cases had been opened since February 2022.",
    "According to the ministry, 3.4 million households lost power during the storm, roughly 12% of the total."
    " 'We expect repairs to take two weeks,' the utility's spokeswoman, Maria Lopez, said on Friday.",
    "Inflation rose to 4.2% in the year to March, the statistics office reported, while unemployment fell"
    " to 3.9%. The central bank is expected to raise rates by 0.25 percentage points next month.",
    "Police said at least 40 people were arrested after the protest on Saturday; organisers put the crowd"
    " at 50,000, while the city council estimated fewer than 10,000 took part.",
]

INSERTS = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
    "\u2069", "\x00", "\ud800", "\udfff", "\u0301", "\u0308", "\U0001f600", "\u2028", "\u2029", "\r", "\t", "\x0b",
    "\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb", "\u2014", "\u2013", "%", "$", "\u20ac",
    "\u00bd", "\u0663", "\u0661\u0662", "\u09ea", "\uff11", "\u00a0", "\u202f", "\u2009", "\ufffd", "\\", "{", "}",
]
SHORT = 5_000
"""Characters: a text up to this long must never take more than --hang-seconds."""
MONTHS = ["January", "February", "March", "October", "December", "Smarch"]
YEARS = ["0", "1", "0001", "999", "1600", "2025", "9999", "10000", "99999", "-1"]


def _position(rng: random.Random, text: str) -> int:
    return rng.randrange(len(text) + 1)


def _insert(text: str, at: int, piece: str) -> str:
    return text[:at] + piece + text[at:]


def _number(rng: random.Random) -> str:
    shapes = [
        lambda: "9" * rng.randint(1, 400),
        lambda: ",".join("999" for _ in range(rng.randint(1, 60))),
        lambda: f"{rng.uniform(-1e12, 1e12):.{rng.randint(0, 12)}f}",
        lambda: f"{rng.randint(0, 10**6)}e{rng.randint(-400, 400)}",
        lambda: f"{rng.randint(0, 99)}.{rng.randint(0, 99)}.{rng.randint(0, 99)}",
        lambda: f"between {rng.randint(0, 10**9):,} and {rng.randint(0, 10**9):,}",
        lambda: f"{rng.randint(1, 999)} million {rng.randint(1, 999)} thousand",
        lambda: f"-{rng.randint(0, 10**6):,}%",
        lambda: "1,2,3,4,5,6,7,8,9,0",
    ]
    return rng.choice(shapes)()


def _date(rng: random.Random) -> str:
    year = rng.choice(YEARS)
    shapes = [
        f"in {rng.choice(MONTHS)} {year}",
        f"since {rng.choice(MONTHS)} {year}",
        f"between {rng.randint(0, 40)} {rng.choice(MONTHS)} {year} and {rng.randint(0, 40)} {rng.choice(MONTHS)}"
        f" {rng.choice(YEARS)}",
        f"in the first {rng.randint(0, 400)} months of {year}",
        f"over the past {rng.randint(0, 10**6)} years",
        "last month", "so far this year", f"in {year}", f"from {year} to {rng.choice(YEARS)}",
    ]
    return rng.choice(shapes)


def _mutation(rng: random.Random, text: str) -> str:
    operation = rng.randrange(10)
    at = _position(rng, text)
    if operation == 0:
        return _insert(text, at, rng.choice(INSERTS) * rng.choice([1, 1, 2, 5]))
    if operation == 1:
        return _insert(text, at, chr(rng.randrange(0x110000)))
    if operation == 2:
        return _insert(text, at, f" {_number(rng)} ")
    if operation == 3:
        return _insert(text, at, f" {_date(rng)} ")
    if operation == 4:
        depth = rng.choice([2, 10, 100, 1000])
        opening, closing = rng.choice([('"', '"'), ("\u201c", "\u201d"), ("(", ")"), ("'", "'"), ("[", "]")])
        end = rng.randrange(at, len(text) + 1)
        return text[:at] + opening * depth + text[at:end] + closing * rng.choice([0, depth]) + text[end:]
    if operation == 5:
        end = rng.randrange(at, min(len(text), at + 200) + 1)
        return text[:at] + text[end:]
    if operation == 6:
        end = rng.randrange(at, min(len(text), at + 80) + 1)
        return text[:at] + text[at:end] * rng.choice([2, 3, 20, 200]) + text[end:]
    if operation == 7:
        return text.upper() if rng.random() < 0.5 else text.replace(" ", "")
    if operation == 8:
        return _insert(text, at, rng.choice(BASES))
    end = rng.randrange(at, min(len(text), at + 40) + 1)
    return text[:at] + "".join(rng.sample(text[at:end], end - at)) + text[end:]


def mutate(rng: random.Random, text: str | None = None) -> str:
    """A base paragraph (or ``text``) after one to six random mutations."""
    text = text if text is not None else rng.choice(BASES)
    for _ in range(rng.randint(1, 6)):
        text = _mutation(rng, text)
    return text


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def problems(ledger: Ledger) -> list[str]:
    """What is wrong with a ledger: spans outside the text, low over high, a JSON round trip that changes it."""
    found = []
    length = len(ledger.article.text)
    data = ledger.to_dict()
    for part in _walk(data):
        start, end = part.get("start"), part.get("end")
        if isinstance(start, int) and isinstance(end, int) and not 0 <= start <= end <= length:
            found.append(f"span {start}-{end} outside a text of {length}")
        low, high = part.get("low"), part.get("high")
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low > high:
            found.append(f"low {low} > high {high}")
    encoded = ledger.to_json()
    try:
        encoded.encode("utf-8")
    except UnicodeEncodeError as error:
        found.append(f"the JSON cannot be encoded: {error}")
    if Ledger.from_json(encoded) != ledger:
        found.append("the JSON round trip changes the ledger")
    return found


class Hang(Exception):
    """Raised by the alarm when one text takes longer than the limit."""


_armed = False
"""Whether a text is being run: an alarm that fires as it ends must not hit the next step."""


def _alarm(signum: int, frame: object) -> None:
    if _armed:
        raise Hang


def run_one(text: str, hang_seconds: float) -> tuple[str, str, float]:
    """(outcome, detail, seconds): outcome is refused, analysed, uncoded, invariant or hang."""
    from claimledger.pipeline import analyze

    global _armed
    began = time.perf_counter()
    _armed = True
    signal.setitimer(signal.ITIMER_REAL, hang_seconds)
    try:
        article = article_from_text(text, "fuzz", None, 2_000_000)
        ledger = analyze(article)
        broken = problems(ledger)
        outcome, detail = ("invariant", "; ".join(broken)) if broken else ("analysed", "")
    except Hang:
        outcome, detail = "hang", ""
    except ClaimledgerError as error:
        outcome, detail = "refused", type(error).code
    except Exception as error:  # noqa: BLE001 - what this benchmark counts
        outcome, detail = "uncoded", f"{type(error).__name__}: {error}"
    finally:
        _armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
    return outcome, detail, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=10_000, help="mutated texts to try")
    parser.add_argument("--seed", type=int, default=1, help="random seed (the same seed, the same texts)")
    parser.add_argument("--hang-seconds", type=float, default=10.0, help="a text taking longer counts as a hang")
    args = parser.parse_args()

    from claimledger import nlp as nlp_loader

    nlp_loader.load()
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    counts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    slowest, began = 0.0, time.perf_counter()
    for number in range(1, args.texts + 1):
        text = mutate(rng)
        outcome, detail, seconds = run_one(text, args.hang_seconds)
        if outcome == "hang":
            outcome = "hang (short text)" if len(text) <= SHORT else "hang (long text)"
        counts[outcome] += 1
        slowest = max(slowest, seconds)
        if outcome == "refused":
            codes[detail] += 1
        elif outcome != "analysed":
            print(f"text {number} ({len(text):,} chars): {outcome}: {detail[:300]} — {text[:200]!r}", file=sys.stderr)
        if number % 250 == 0:
            so_far = ", ".join(f"{name} {n:,}" for name, n in sorted(counts.items()))
            print(f"  {number:,} texts, {time.perf_counter() - began:.0f} s: {so_far}", file=sys.stderr)

    print(f"\n{args.texts:,} mutated texts (seed {args.seed}) in {time.perf_counter() - began:.0f} s;"
          f" slowest {slowest:.2f} s\n")
    print("| outcome | texts |")
    print("| --- | ---: |")
    for outcome in ("analysed", "refused", "uncoded", "invariant", "hang (short text)", "hang (long text)"):
        print(f"| {outcome} | {counts[outcome]:,} |")
    print("\nrefused by code: " + ", ".join(f"{code} {n:,}" for code, n in sorted(codes.items())))


if __name__ == "__main__":
    main()
