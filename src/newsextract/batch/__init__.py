"""Batch conversion: many PDFs in, JSON Lines / JSON / Markdown / CSV out, resumable.

>>> from newsextract.batch import convert
>>> report = convert(["archive/"], "out/issues.jsonl", jobs=2)  # doctest: +SKIP
>>> report.exit_code  # doctest: +SKIP
0

See ``docs/cli.md`` for the behaviour (inputs, limits, resuming, error records) and
``docs/cluster.md`` for running on a Dask or Ray cluster.
"""

from newsextract.batch.convert import (
    DEFAULT_MAX_INPUT_MB,
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT_S,
    Format,
    Progress,
    convert,
    default_errors_path,
    default_jobs,
    infer_format,
)
from newsextract.batch.inputs import InputItem, discover, safe_relpath
from newsextract.batch.markdown import issue_to_markdown
from newsextract.batch.pool import ExecutorRunner, WorkerPool
from newsextract.batch.records import (
    BatchCounts,
    BatchReport,
    BatchUsageError,
    ErrorRecord,
    FileEvent,
    FileOutcome,
    Outcome,
    WorkerCrashed,
)
from newsextract.batch.worker import extract_record

__all__ = [
    "DEFAULT_MAX_INPUT_MB",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT_S",
    "BatchCounts",
    "BatchReport",
    "BatchUsageError",
    "ErrorRecord",
    "ExecutorRunner",
    "FileEvent",
    "FileOutcome",
    "Format",
    "InputItem",
    "Outcome",
    "Progress",
    "WorkerCrashed",
    "WorkerPool",
    "convert",
    "default_errors_path",
    "default_jobs",
    "discover",
    "extract_record",
    "infer_format",
    "issue_to_markdown",
    "safe_relpath",
]
