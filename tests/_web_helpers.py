"""The small corpus the web tests run on, and a real server for the browser tests.

Four articles: the bundled example, two short ones from other outlets giving
desertion figures that disagree with it, and one whose text holds a script tag
(which every page must show as text and never run).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from claimledger.corpus import Corpus
from claimledger.model import Article

EXAMPLE = Path(__file__).resolve().parents[1] / "src" / "claimledger" / "examples" / "desertion-report.txt"
SCRIPT_TEXT = (
    "Officials said <script>alert(1)</script> that 1,200 soldiers deserted in May 2025,"
    " according to the Defence Ministry."
)


def articles() -> list[Article]:
    return [
        Article(EXAMPLE.read_text(encoding="utf-8"), title="Desertion report", outlet="Example Outlet",
                published=date(2025, 11, 28)),
        Article(
            "According to the General Staff, 9,000 soldiers deserted in October 2025, far fewer than"
            " Western estimates suggested.",
            title="General Staff gives October desertion figure", outlet="Kyiv Ledger", published=date(2025, 11, 5),
        ),
        Article(
            "Between 25,000 and 30,000 soldiers deserted in October 2025, the Institute for War Studies estimated"
            " on Monday.",
            title="Institute estimates October desertions", outlet="Weekly Review", published=date(2025, 11, 12),
        ),
        Article(SCRIPT_TEXT, title="Script test <b>bold</b>", outlet="Script Times", published=date(2025, 6, 2)),
    ]


def build_corpus(path: Path) -> Corpus:
    corpus = Corpus(db=path)
    corpus.add_articles(articles())
    return corpus


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """Runs ``app`` with uvicorn on a free loopback port in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
