"""CSV tables (``convert --format csv``): one file per table of :mod:`newsextract.batch.tables`.

The files are UTF-8 with a header row, comma-separated, fields quoted only when needed
(RFC 4180), dates ISO 8601, booleans ``true``/``false``, empty for a missing value; a list
cell (bullet points, pages, links) holds a JSON array. ``pandas.read_csv`` and DuckDB's
``read_csv_auto`` load them as they are. Every table starts with its key columns
(``issue_sha256``, then e.g. ``story_rank``), named alike in every table (see
``docs/tables.md``).

In a batch the CSV files are rebuilt at the end of every run from the ``issues.jsonl``
journal in the same folder, sorted by publication date and SHA-256, and written
atomically, so an interrupted run never leaves a half-written table and a resumed run
yields the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from newsextract.batch.table_files import iter_journal
from newsextract.batch.table_files import replacing as _replacing
from newsextract.batch.tables import TABLES, Value, issue_table_rows
from newsextract.models import Issue

__all__ = ["csv_cell", "csv_file_names", "issue_csv_rows", "write_tables"]


def csv_file_names() -> tuple[str, ...]:
    """Return the CSV files written, in order (``issues.csv``, ``people.csv``, ...)."""
    return tuple(f"{t.name}.csv" for t in TABLES)


def _jsonable(value: Value) -> object:
    """Return ``value`` with dates as ISO strings, for ``json.dumps``."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def csv_cell(value: Value) -> str:
    """Return ``value`` as a CSV cell: ISO date, ``true``/``false``, JSON for a list."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return str(value)


def issue_csv_rows(issue: Issue) -> dict[str, list[list[str]]]:
    """Return the CSV rows (cells as text) ``issue`` adds to each table, by table name."""
    return {
        name: [[csv_cell(v) for v in row] for row in rows]
        for name, rows in issue_table_rows(issue).items()
    }


class _TableWriter:
    def __init__(self, fh: IO[bytes], columns: Sequence[str]) -> None:
        self._text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text, lineterminator="\n")
        self._csv.writerow(columns)

    def rows(self, rows: Iterable[Sequence[Value]]) -> None:
        for row in rows:
            self._csv.writerow([csv_cell(v) for v in row])

    def detach(self) -> None:
        self._text.flush()
        self._text.detach()


def write_tables(journal: Path, folder: Path) -> int:
    """(Re)build every CSV table in ``folder`` from the issues of ``journal`` (JSON Lines).

    Issues are ordered by publication date (undated last) then SHA-256. Every table goes
    to a temporary file renamed over the old table at the end; when anything fails the old
    tables stay as they were and :class:`~newsextract.errors.OutputError` is raised.
    Returns the number of issues written.
    """
    count = 0
    with _replacing(folder, csv_file_names()) as temps, contextlib.ExitStack() as files:
        handles = [files.enter_context(open(t, "wb")) for t in temps]
        writers = [_TableWriter(h, t.column_names) for h, t in zip(handles, TABLES, strict=True)]
        for issue in iter_journal(journal):
            rows = issue_table_rows(issue)
            for writer, layout in zip(writers, TABLES, strict=True):
                writer.rows(rows[layout.name])
            count += 1
        for writer in writers:
            writer.detach()
    return count
