"""The plain records a batch passes around: worker outcomes, error records and the report.

Everything here is a small frozen dataclass that pickles cheaply, so it can cross a pipe to
a worker process or a Dask/Ray cluster and back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from newsextract.errors import NewsExtractError

__all__ = [
    "BatchCounts",
    "BatchReport",
    "BatchUsageError",
    "ErrorRecord",
    "FileEvent",
    "FileOutcome",
    "Outcome",
    "WorkerCrashed",
]


class WorkerCrashed(NewsExtractError):  # noqa: N818 - the record name the tracker asks for
    """The worker process died while extracting a file (signal, abort, segfault, OOM kill)."""

    code = "worker_crashed"


class BatchUsageError(ValueError):
    """The batch cannot start: a missing input, an unusable output, a bad option.

    The command line reports it and exits with status 2.
    """


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """One line of ``errors.jsonl``: why one input produced no output.

    ``error`` is the exception class name (``MalformedPDFError``, ``ResourceLimitError``,
    ``WorkerCrashed`` ...), ``code`` its stable short code and ``message`` the explanation
    without the file name (the file is in ``file``).
    """

    file: str
    sha256: str
    error: str
    code: str
    message: str

    def to_json(self) -> str:
        """Return the record as one JSON line (no newline), keys in a fixed order."""
        return json.dumps(
            {
                "file": self.file,
                "sha256": self.sha256,
                "error": self.error,
                "code": self.code,
                "message": self.message,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, line: str) -> ErrorRecord:
        """Parse a line written by :meth:`to_json`; raises ``ValueError`` when it is not one."""
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("an error record must be a JSON object")
        fields = ("file", "sha256", "error", "code", "message")
        values = [data.get(k) for k in fields]
        if not all(isinstance(v, str) for v in values):
            raise ValueError("an error record needs string fields " + ", ".join(fields))
        return cls(*[str(v) for v in values])


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What a worker hands back for one input: its issues as JSON, or an error.

    Exactly one of ``issue_json`` and ``error`` is set. ``issue_json`` is the input's
    (first) issue; ``more_issues_json`` the others of a bundle (a PDF binding several
    issues), in page order. ``pages`` is the input's page count on success (0 on
    failure); ``seconds`` the wall time the extraction took.
    """

    name: str
    sha256: str
    issue_json: str | None
    pages: int
    seconds: float
    error: ErrorRecord | None = None
    more_issues_json: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the file was extracted."""
        return self.error is None and self.issue_json is not None

    @property
    def issues_json(self) -> tuple[str, ...]:
        """Every issue of the input as JSON, in page order (none on failure)."""
        if self.issue_json is None:
            return ()
        return (self.issue_json, *self.more_issues_json)


class Outcome(str, Enum):
    """What happened to one input in this run."""

    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"  # done by an earlier run (found in the output)
    SKIPPED_FAILED = "skipped_failed"  # failed in an earlier run (found in errors.jsonl)
    DUPLICATE = "duplicate"  # same bytes as another input of this run


@dataclass(frozen=True, slots=True)
class FileEvent:
    """A progress event: one input has been dealt with."""

    name: str
    outcome: Outcome
    pages: int = 0
    seconds: float = 0.0
    error: ErrorRecord | None = None


@dataclass(slots=True)
class BatchCounts:
    """Running totals of a batch (what a progress display shows)."""

    total: int = 0
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0
    previously_failed: int = 0
    duplicates: int = 0
    pages: int = 0

    @property
    def finished(self) -> int:
        """Inputs dealt with so far, whatever the outcome."""
        return (
            self.succeeded + self.failed + self.skipped + self.previously_failed + self.duplicates
        )

    def add(self, event: FileEvent) -> None:
        """Count ``event``."""
        if event.outcome is Outcome.OK:
            self.succeeded += 1
            self.pages += event.pages
        elif event.outcome is Outcome.FAILED:
            self.failed += 1
        elif event.outcome is Outcome.SKIPPED:
            self.skipped += 1
        elif event.outcome is Outcome.SKIPPED_FAILED:
            self.previously_failed += 1
        else:
            self.duplicates += 1


@dataclass(frozen=True, slots=True)
class BatchReport:
    """The result of :func:`newsextract.batch.convert`.

    ``failed`` counts files that failed in this run, ``previously_failed`` files skipped
    because ``errors.jsonl`` already explains them (rerun with ``retry_failed=True`` to try
    them again). ``pages`` and the rates cover the files extracted in this run only.
    """

    total: int
    succeeded: int
    failed: int
    skipped: int
    previously_failed: int
    duplicates: int
    pages: int
    elapsed_s: float
    output: Path
    errors_path: Path

    @property
    def exit_code(self) -> int:
        """0 when every input has an output, 1 when some input failed (now or before)."""
        return 1 if (self.failed or self.previously_failed) else 0

    @property
    def files_per_s(self) -> float:
        """Files extracted or failed per second of wall time in this run."""
        done = self.succeeded + self.failed
        return done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def pages_per_s(self) -> float:
        """Pages of successfully extracted files per second of wall time in this run."""
        return self.pages / self.elapsed_s if self.elapsed_s > 0 else 0.0
