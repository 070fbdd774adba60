"""Showing a batch's progress: a bar on a terminal, log lines elsewhere, nothing with --quiet.

The reporters write to a text stream (standard error by default) and implement
:class:`newsextract.batch.convert.Progress`, plus ``abort()``: the batch failed (an output
could not be written), so no summary is shown, only the bar is cleared away for the
error line. This and the CLI are the only modules that print.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from newsextract.batch.records import BatchCounts, BatchReport, FileEvent, Outcome

__all__ = [
    "BarProgress",
    "LogProgress",
    "NullProgress",
    "format_duration",
    "make_progress",
    "summary_line",
]


def format_duration(seconds: float) -> str:
    """``75`` gives ``1m15s``; ``3725`` gives ``1h02m``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def summary_line(report: BatchReport) -> str:
    """One line saying what a batch did."""
    parts = [f"{report.succeeded} extracted", f"{report.failed} failed"]
    if report.skipped:
        parts.append(f"{report.skipped} already done")
    if report.previously_failed:
        parts.append(f"{report.previously_failed} failed before (see --retry-failed)")
    if report.duplicates:
        parts.append(f"{report.duplicates} duplicates")
    rate = f"{report.files_per_s:.2f} files/s, {report.pages_per_s:.1f} pages/s"
    return (
        f"{report.total} inputs: " + ", ".join(parts) + f" in {format_duration(report.elapsed_s)}"
        f" ({rate}); output {report.output}; errors {report.errors_path}"
    )


class _Rates:
    """Pages/s and ETA over the files processed (not skipped) in this run."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.processed = 0

    def note(self, event: FileEvent) -> None:
        if event.outcome in (Outcome.OK, Outcome.FAILED):
            self.processed += 1

    def pages_per_s(self, counts: BatchCounts) -> float:
        elapsed = time.monotonic() - self.started
        return counts.pages / elapsed if elapsed > 0 else 0.0

    def eta(self, counts: BatchCounts) -> float | None:
        elapsed = time.monotonic() - self.started
        remaining = counts.total - counts.finished
        if self.processed == 0 or remaining <= 0:
            return None if remaining > 0 else 0.0
        return remaining * elapsed / self.processed


class NullProgress:
    """Shows nothing (``--quiet``)."""

    def start(self, total: int) -> None:
        """Do nothing."""

    def update(self, event: FileEvent, counts: BatchCounts) -> None:
        """Do nothing."""

    def tick(self, counts: BatchCounts) -> None:
        """Do nothing."""

    def finish(self, report: BatchReport) -> None:
        """Do nothing."""

    def abort(self) -> None:
        """Do nothing."""


class LogProgress:
    """Plain lines, one per processed file and one per failure, for logs and pipes.

    Skipped inputs (already done) are summarised every ``skip_every`` files instead of one
    line each, so a resumed batch does not flood the log.
    """

    def __init__(self, stream: TextIO | None = None, *, skip_every: int = 100) -> None:
        self._stream = stream
        self._rates = _Rates()
        self._skip_every = skip_every
        self._skipped_since = 0

    @property
    def stream(self) -> TextIO:
        """Where lines go (standard error unless given)."""
        return self._stream if self._stream is not None else sys.stderr

    def _print(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def start(self, total: int) -> None:
        """Announce the batch."""
        self._rates = _Rates()
        self._print(f"newsextract: {total} inputs")

    def update(self, event: FileEvent, counts: BatchCounts) -> None:
        """Print a line for a processed or failed file."""
        self._rates.note(event)
        where = f"[{counts.finished}/{counts.total}]"
        if event.outcome is Outcome.OK:
            self._print(f"{where} ok {event.name} ({event.pages} pages, {event.seconds:.1f}s)")
        elif event.outcome is Outcome.FAILED and event.error is not None:
            self._print(f"{where} FAILED {event.name}: {event.error.error}: {event.error.message}")
        elif event.outcome is Outcome.DUPLICATE:
            self._print(f"{where} duplicate {event.name} (same bytes as an earlier input)")
        else:
            self._skipped_since += 1
            if self._skipped_since >= self._skip_every:
                self._print(f"{where} skipped {self._skipped_since} inputs done by an earlier run")
                self._skipped_since = 0

    def tick(self, counts: BatchCounts) -> None:
        """Nothing to refresh in a log."""

    def finish(self, report: BatchReport) -> None:
        """Print the summary."""
        if self._skipped_since:
            self._print(f"skipped {self._skipped_since} inputs done by an earlier run")
            self._skipped_since = 0
        self._print("newsextract: " + summary_line(report))

    def abort(self) -> None:
        """Print nothing more: the error line follows, and there is no summary."""


class BarProgress:
    """A one-line progress bar redrawn in place on a terminal; failures print above it."""

    def __init__(self, stream: TextIO | None = None, *, min_interval_s: float = 0.2) -> None:
        self._stream = stream
        self._rates = _Rates()
        self._min_interval_s = min_interval_s
        self._last_draw = 0.0
        self._width = 0

    @property
    def stream(self) -> TextIO:
        """Where the bar is drawn (standard error unless given)."""
        return self._stream if self._stream is not None else sys.stderr

    def _clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0

    def _draw(self, counts: BatchCounts, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._last_draw < self._min_interval_s:
            return
        self._last_draw = now
        columns = shutil.get_terminal_size((100, 20)).columns
        eta = self._rates.eta(counts)
        eta_text = format_duration(eta) if eta is not None else "?"
        stats = (
            f" {counts.finished}/{counts.total} ok {counts.succeeded} failed {counts.failed}"
            f" skipped {counts.skipped + counts.previously_failed + counts.duplicates}"
            f" | {self._rates.pages_per_s(counts):.1f} pages/s | ETA {eta_text}"
        )
        bar_width = max(10, min(40, columns - len(stats) - 3))
        filled = int(bar_width * counts.finished / counts.total) if counts.total else bar_width
        line = "[" + "#" * filled + "." * (bar_width - filled) + "]" + stats
        line = line[: max(20, columns - 1)]
        self.stream.write("\r" + line + " " * max(0, self._width - len(line)))
        self.stream.flush()
        self._width = len(line)

    def start(self, total: int) -> None:
        """Draw the empty bar."""
        self._rates = _Rates()
        self._draw(BatchCounts(total=total), force=True)

    def update(self, event: FileEvent, counts: BatchCounts) -> None:
        """Print failures above the bar, then redraw it."""
        self._rates.note(event)
        if event.outcome is Outcome.FAILED and event.error is not None:
            self._clear()
            print(
                f"FAILED {event.name}: {event.error.error}: {event.error.message}",
                file=self.stream,
            )
            self._draw(counts, force=True)
        else:
            self._draw(counts)

    def tick(self, counts: BatchCounts) -> None:
        """Refresh rates and ETA."""
        self._draw(counts)

    def finish(self, report: BatchReport) -> None:
        """Replace the bar with the summary."""
        self._clear()
        print("newsextract: " + summary_line(report), file=self.stream, flush=True)

    def abort(self) -> None:
        """Clear the bar, so the error line that follows stands alone; no summary."""
        self._clear()
        self.stream.flush()


def make_progress(
    mode: str = "auto", stream: TextIO | None = None
) -> BarProgress | LogProgress | NullProgress:
    """Return the reporter for ``mode``: ``bar``, ``log``, ``none``, or ``auto``.

    ``auto`` draws a bar when ``stream`` (default: standard error) is a terminal, log
    lines otherwise.
    """
    if mode == "none":
        return NullProgress()
    if mode == "bar":
        return BarProgress(stream)
    if mode == "log":
        return LogProgress(stream)
    target = stream if stream is not None else sys.stderr
    is_tty = getattr(target, "isatty", None)
    return BarProgress(stream) if callable(is_tty) and is_tty() else LogProgress(stream)
