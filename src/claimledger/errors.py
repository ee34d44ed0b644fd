"""Errors with codes, so that a user (and a test) can tell one failure from another.

Every error the library raises on purpose is a ``ClaimledgerError`` whose message
starts with its code (``[E101] …``). Input errors (bad files, bad dates, text that
cannot be analysed) make the CLI exit with status 1; usage errors with status 2.
"""

from __future__ import annotations


class ClaimledgerError(Exception):
    """Base of every error claimledger raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.detail = message


class InputError(ClaimledgerError):
    """The input cannot be analysed (empty, binary, too large, not English, …)."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class UndecodableInput(InputError):
    code = "E103"


class InputTooLarge(InputError):
    code = "E104"


class UnsupportedLanguage(InputError):
    code = "E105"


class MissingFile(InputError):
    code = "E106"


class BadDate(InputError):
    code = "E107"


class BadFormat(InputError):
    """A file whose declared format (JSON lines, HTML) does not parse."""

    code = "E108"


class BadMeasuresFile(InputError):
    """A user measures file (--measures) that does not parse or lacks a measure's key or triggers."""

    code = "E109"


class DataFileError(ClaimledgerError):
    """A data file shipped in the package does not fit the code that reads it (a broken install or a stale retrain)."""

    code = "E201"


class HostUnreachable(InputError):
    """A URL's host could not be reached (no such host, refused, timed out): worth trying again later."""

    code = "E120"


class HttpError(InputError):
    """The server answered a URL with an HTTP error status (404, 500, …)."""

    code = "E121"


class NotHtml(InputError):
    """A URL gave something other than an HTML page (a PDF, an image, a feed where a page was expected)."""

    code = "E122"


class TooManyRedirects(InputError):
    """A URL redirected more often than a real page does (a loop, most likely)."""

    code = "E123"


class NotInCorpus(ClaimledgerError):
    """An article or claim id that the corpus does not hold."""

    code = "E124"


class BadReview(ClaimledgerError):
    """A review whose rating numbers do not fit together (a value outside worst–best)."""

    code = "E125"


class NotAFeed(InputError):
    """A feed URL (or OPML file) that does not parse as RSS, Atom or OPML."""

    code = "E126"
