"""Publication dates, which anchor relative periods ("last month") to the calendar."""

from __future__ import annotations

import re
from datetime import date

from claimledger.errors import BadDate

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
EARLIEST = date(1600, 1, 1)
LATEST = date(2999, 12, 31)
"""Publication dates outside these are refused: no news is older than the first newspapers, and a
reference date must leave room on the calendar for the periods counted from it ("last month",
"over the next decade"); a year like 0001 or 9999 is a typo, not a date."""


def in_range(value: date) -> bool:
    return EARLIEST <= value <= LATEST


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date; other ISO forms (20251128, 2025-W48) are refused to keep one obvious spelling."""
    value = text.strip()
    if _ISO_DAY.fullmatch(value):
        try:
            found = date.fromisoformat(value)
        except ValueError:
            pass
        else:
            if in_range(found):
                return found
            raise BadDate(
                f"{text!r} is out of range: a publication date must be between {EARLIEST} and {LATEST}"
            )
    raise BadDate(f"{text!r} is not a valid date: use YYYY-MM-DD, e.g. 2025-11-28")
