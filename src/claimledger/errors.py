"""Errors with codes, so that a user (and a test) can tell one failure from another.

Every error the library raises on purpose is a ``ClaimledgerError`` whose message
starts with its code (``[E101] …``). Input errors (bad files, bad dates, text that
cannot be analysed) make the CLI exit with status 1; usage errors with status 2.
Whatever a message quotes (a database URL, a driver's error), ``mask_password`` is
applied before anyone sees it: credentials never appear in a message or a log.
"""

from __future__ import annotations

import re

_URL_PASSWORD = re.compile(r"(?P<scheme>[A-Za-z][\w+.-]*://)(?P<user>[^\s:/@]*):(?P<password>[^\s/]*)@")
_PASSWORD_SETTING = re.compile(r"(?i)(?P<key>password\s*=\s*)(?P<password>'[^']*'|\S+)")


def mask_password(text: str) -> str:
    """``text`` with the password of every URL (``postgresql://user:***@host``) and DSN (``password=***``) masked."""
    text = _URL_PASSWORD.sub(r"\g<scheme>\g<user>:***@", text)
    return _PASSWORD_SETTING.sub(r"\g<key>***", text)


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


class SpecialFile(InputError):
    """A named pipe, device or socket: reading it could block forever or never end."""

    code = "E110"


class StorageError(ClaimledgerError):
    """The corpus database failed; the message says what was stored and how to resume."""

    code = "E300"


class DiskFull(StorageError):
    code = "E301"


class DatabaseUnreachable(StorageError):
    """The database server cannot be reached, or the connection was lost mid-run."""

    code = "E302"


class ReadOnlyDatabase(StorageError):
    code = "E303"


class CorpusNeedsUpgrade(StorageError):
    """A corpus opened read-only whose schema is older than this program's."""

    code = "E304"


class WebError(ClaimledgerError):
    """A request the web app refuses; ``status`` is its HTTP status."""

    code = "E400"
    status = 400


class StoringDisabled(WebError):
    code = "E401"
    status = 403


class BadToken(WebError):
    code = "E402"
    status = 401


class CrossSiteRequest(WebError):
    """A state-changing request from another origin, or a form without its CSRF token."""

    code = "E403"
    status = 403


class NotFound(WebError):
    code = "E404"
    status = 404


class InvalidRequest(WebError):
    code = "E405"
    status = 422


class ServerBusy(WebError):
    """Every analysis worker is taken and the queue is full."""

    code = "E406"
    status = 503


class AnalysisTimeout(WebError):
    code = "E407"
    status = 503


class InternalError(ClaimledgerError):
    """A bug: an exception nobody raised on purpose, reported with a code instead of a traceback."""

    code = "E500"

    @classmethod
    def of(cls, error: BaseException, doing: str) -> InternalError:
        """``error`` met while ``doing`` something to one input: that input is reported, the others go on."""
        return cls(f"{doing}: {type(error).__name__}: {error} (a bug: please report it with the input)")
