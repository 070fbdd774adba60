"""CSV tables (``convert --format csv``): one file per table of :mod:`newsextract.batch.tables`.

The files are UTF-8 with a header row, comma-separated, fields quoted only when needed
(RFC 4180: a comma, a double quote, a line feed or a carriage return inside), dates ISO
8601, booleans ``true``/``false``, empty for a missing value; a list cell (bullet
points, pages, links) holds a JSON array. ``pandas.read_csv`` and DuckDB's
``read_csv_auto`` load them as they are. Every table starts with its key columns
(``issue_sha256``, then e.g. ``story_rank``), named alike in every table (see
``docs/tables.md``).

**Formula cells are neutralised** by default (OWASP's rule against CSV injection): a text
cell starting with ``=``, ``+``, ``-``, ``@``, a TAB or a CR, which a spreadsheet would
run as a formula, gets a ``'`` in front, and so does one that already starts with ``'``
(so removing one leading ``'`` always gives the value back). ``raw=True``
(``convert --csv-raw``) writes every value as it is, for pandas or DuckDB. Only text
cells are touched: numbers, dates and JSON list cells never start with those characters.

In a batch the CSV files are rebuilt at the end of every run from the ``issues.jsonl``
journal in the same folder, sorted by publication date and SHA-256, and written
atomically, so an interrupted run never leaves a half-written table and a resumed run
yields the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

import regex

from newsextract.batch.table_files import iter_journal
from newsextract.batch.table_files import replacing as _replacing
from newsextract.batch.tables import TABLES, Value, issue_table_rows
from newsextract.models import Issue

__all__ = [
    "FORMULA_STARTS",
    "csv_cell",
    "csv_file_names",
    "csv_line",
    "issue_csv_rows",
    "neutralise_formula",
    "write_tables",
]

#: First characters that make a spreadsheet read a cell as a formula (OWASP), and ``'``,
#: the prefix that marks a neutralised cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")

_NEEDS_QUOTES = regex.compile(r'[",\r\n]')


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


def neutralise_formula(text: str) -> str:
    """Return ``text`` with a ``'`` in front when it starts with one of :data:`FORMULA_STARTS`.

    >>> neutralise_formula("=HYPERLINK(A1)")
    "'=HYPERLINK(A1)"
    >>> neutralise_formula("plain")
    'plain'
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Value, *, raw: bool = False) -> str:
    """Return ``value`` as a CSV cell: ISO date, ``true``/``false``, JSON for a list.

    A text value is passed through :func:`neutralise_formula` unless ``raw``.
    """
    if isinstance(value, str):
        return value if raw else neutralise_formula(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return str(value)


def issue_csv_rows(issue: Issue, *, raw: bool = False) -> dict[str, list[list[str]]]:
    """Return the CSV rows (cells as text) ``issue`` adds to each table, by table name.

    Formula cells are neutralised unless ``raw`` (see :func:`csv_cell`).
    """
    return {
        name: [[csv_cell(v, raw=raw) for v in row] for row in rows]
        for name, rows in issue_table_rows(issue).items()
    }


def csv_line(cells: Sequence[str]) -> str:
    r"""Return one CSV record: cells joined by commas, ended by ``\n`` (RFC 4180 quoting).

    A cell holding a comma, a double quote, a line feed *or a carriage return* is quoted
    (``csv.writer`` leaves a lone CR unquoted when the line ends in LF, and every CSV
    reader then splits the row there).

    >>> csv_line(["a", "b,c", 'x"y', "x\ry"])
    'a,"b,c","x""y","x\ry"\n'
    """
    return ",".join(_quoted(c) for c in cells) + "\n"


def _quoted(cell: str) -> str:
    if _NEEDS_QUOTES.search(cell) is None:
        return cell
    return '"' + cell.replace('"', '""') + '"'


class _TableWriter:
    def __init__(self, fh: IO[bytes], columns: Sequence[str], *, raw: bool) -> None:
        self._text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        self._text.write(csv_line(columns))
        self._raw = raw

    def rows(self, rows: Iterable[Sequence[Value]]) -> None:
        for row in rows:
            self._text.write(csv_line([csv_cell(v, raw=self._raw) for v in row]))

    def detach(self) -> None:
        self._text.flush()
        self._text.detach()


def write_tables(journal: Path, folder: Path, *, raw: bool = False) -> int:
    """(Re)build every CSV table in ``folder`` from the issues of ``journal`` (JSON Lines).

    Formula cells are neutralised unless ``raw`` (see :func:`csv_cell`). Issues are
    ordered by publication date (undated last) then SHA-256. Every table goes to a
    temporary file renamed over the old table at the end; when anything fails the old
    tables stay as they were and :class:`~newsextract.errors.OutputError` is raised.
    Returns the number of issues written.
    """
    count = 0
    with _replacing(folder, csv_file_names()) as temps, contextlib.ExitStack() as files:
        handles = [files.enter_context(open(t, "wb")) for t in temps]
        writers = [
            _TableWriter(h, t.column_names, raw=raw) for h, t in zip(handles, TABLES, strict=True)
        ]
        for issue in iter_journal(journal):
            rows = issue_table_rows(issue)
            for writer, layout in zip(writers, TABLES, strict=True):
                writer.rows(rows[layout.name])
            count += 1
        for writer in writers:
            writer.detach()
    return count
