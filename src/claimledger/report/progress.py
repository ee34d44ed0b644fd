"""The progress of ``claimledger add`` on the terminal: a bar with the rate and the time left.

It implements ``claimledger.corpus.Progress``; inputs that fail are printed above the
bar as they happen, so a long run shows its problems without waiting for the end.
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, Task, TextColumn
from rich.text import Text

from claimledger.model import InputFailure
from claimledger.report.format import plural


def _rate(task: Task) -> float | None:
    """Articles per second since the start: results arrive a partition at a time, too unevenly for a window."""
    elapsed = task.elapsed
    return task.completed / elapsed if elapsed and task.completed else None


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        rate = _rate(task)
        return Text("– articles/s" if rate is None else f"{rate:,.1f} articles/s", style="progress.data.speed")


class EtaColumn(ProgressColumn):
    """Time left at the rate so far."""

    def render(self, task: Task) -> Text:
        rate = _rate(task)
        if rate is None or task.total is None:
            return Text("ETA –:––:––", style="progress.remaining")
        left = int(max(task.total - task.completed, 0) / rate)
        return Text(f"ETA {left // 3600}:{left % 3600 // 60:02d}:{left % 60:02d}", style="progress.remaining")


class AddProgress:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.bar = Progress(
            TextColumn("adding"), BarColumn(), MofNCompleteColumn(), RateColumn(), EtaColumn(), console=console,
        )
        self.task = self.bar.add_task("adding", total=None)

    def __enter__(self) -> AddProgress:
        self.bar.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.bar.stop()

    def start(self, total: int, stored: int) -> None:
        if stored:
            self.console.print(f"{stored:,} articles stored before: skipped")
        self.bar.update(self.task, total=total)

    def advance(self, articles: int) -> None:
        self.bar.advance(self.task, articles)

    def failed(self, failure: InputFailure) -> None:
        self.console.print(f"[red]error:[/red] {escape(failure.input)}: {escape(failure.message)}", soft_wrap=True)


class WatchProgress:
    """``claimledger watch`` on the terminal: a line per feed, a mark per item, what each feed added."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def feed(self, url: str, new: int, seen: int) -> None:
        self.console.print(f"{escape(url)}: {plural(new, 'new item')} ({seen:,} seen before)", soft_wrap=True)

    def unchanged(self, url: str) -> None:
        self.console.print(f"{escape(url)}: not modified since the last pass", soft_wrap=True)

    def item(self, url: str, error: str | None) -> None:
        if error is None:
            self.console.print(f"  fetched {escape(url)}", soft_wrap=True, highlight=False)
        else:
            self.console.print(f"  [red]error:[/red] {escape(url)}: {escape(error)}", soft_wrap=True)

    def failed(self, url: str, error: str) -> None:
        self.console.print(f"[red]error:[/red] feed {escape(url)} skipped: {escape(error)}", soft_wrap=True)

    def stored(self, url: str, added: int, unchanged: int) -> None:
        if added or unchanged:
            self.console.print(f"{escape(url)}: {plural(added, 'article')} added, {unchanged:,} already in the corpus",
                               soft_wrap=True)
