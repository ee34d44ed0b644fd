"""Publication dates, which anchor relative periods ("last month") to the calendar."""

from __future__ import annotations

import re
from datetime import date

from claimledger.errors import BadDate

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date; other ISO forms (20251128, 2025-W48) are refused to keep one obvious spelling."""
    value = text.strip()
    if _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise BadDate(f"{text!r} is not a valid date: use YYYY-MM-DD, e.g. 2025-11-28")
