"""Typed Parquet tables (``convert --format parquet``), needs the ``parquet`` extra (pyarrow).

The same tables, keys and columns as the CSV tables (:mod:`newsextract.batch.tables`), one
``NAME.parquet`` file each, but typed: dates are ``date32``, whole numbers ``int64``,
booleans ``bool``, a list of scalars is a ``list<string>``/``list<int64>`` column and a list
of objects (links) a ``list<struct<...>>`` column whose fields follow the model. Every
field carries its description from the models in its Parquet metadata.

Like the CSV tables they are rebuilt from the ``issues.jsonl`` journal at the end of every
run and replaced atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from newsextract.batch.table_files import iter_journal
from newsextract.batch.table_files import replacing as _replacing
from newsextract.batch.tables import TABLES, Column, TableLayout, issue_table_rows

__all__ = ["PARQUET_EXTRA_HINT", "arrow_schema", "parquet_file_names", "write_parquet_tables"]

#: What to install when pyarrow is missing.
PARQUET_EXTRA_HINT = "--format parquet needs pyarrow: pip install 'newsextract[parquet]'"

#: Issues buffered before a row group is written to every table.
_BATCH_ISSUES = 256


def _pyarrow() -> Any:
    """Import pyarrow; ``ImportError`` with the install hint when it is missing."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ImportError(PARQUET_EXTRA_HINT) from exc
    return pyarrow


def parquet_file_names() -> tuple[str, ...]:
    """Return the Parquet files written, in order (``issues.parquet``, ``people.parquet``, ...)."""
    return tuple(f"{t.name}.parquet" for t in TABLES)


def _arrow_type(pa: Any, annotation: object) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _arrow_type(pa, inner)
    if origin is Literal:
        return _arrow_type(pa, type(typing.get_args(annotation)[0]))
    if origin is list:
        return pa.list_(_arrow_type(pa, typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct(
            [
                pa.field(name, _arrow_type(pa, info.annotation))
                for name, info in annotation.model_fields.items()
            ]
        )
    scalars = {str: pa.string(), int: pa.int64(), bool: pa.bool_(), dt.date: pa.date32()}
    if annotation in scalars:
        return scalars[annotation]
    raise TypeError(f"no Parquet type for {annotation!r}")


def _field(pa: Any, column: Column) -> Any:
    return pa.field(
        column.name,
        _arrow_type(pa, column.annotation),
        nullable=column.nullable,
        metadata={"description": column.description},
    )


def arrow_schema(layout: TableLayout) -> Any:
    """Return the ``pyarrow.Schema`` of ``layout`` (needs pyarrow)."""
    pa = _pyarrow()
    return pa.schema([_field(pa, c) for c in layout.columns])


def _flush(pa: Any, writers: Sequence[Any], schemas: Sequence[Any], buf: list[list[Any]]) -> None:
    for writer, schema, rows in zip(writers, schemas, buf, strict=True):
        arrays: dict[str, list[Any]] = {name: [] for name in schema.names}
        for row in rows:
            for name, value in zip(schema.names, row, strict=True):
                arrays[name].append(value)
        writer.write_table(pa.Table.from_pydict(arrays, schema=schema))
        rows.clear()


def write_parquet_tables(journal: Path, folder: Path) -> int:
    """(Re)build every Parquet table in ``folder`` from the issues of ``journal`` (JSON Lines).

    Same order and atomic replacement as :func:`newsextract.batch.csvout.write_tables`;
    ``ImportError`` (with the install hint) when pyarrow is missing. Returns the number of
    issues written.
    """
    pa = _pyarrow()
    schemas = [arrow_schema(t) for t in TABLES]
    count = 0
    with _replacing(folder, parquet_file_names()) as temps, contextlib.ExitStack() as files:
        # Python file objects, not paths: every write goes through Python's I/O (and its
        # errors come back as the OSError they are).
        handles = [files.enter_context(open(tmp, "wb")) for tmp in temps]
        writers: list[Any] = []
        try:
            for fh, schema in zip(handles, schemas, strict=True):
                writers.append(pa.parquet.ParquetWriter(fh, schema))
            buf: list[list[Any]] = [[] for _ in TABLES]
            for issue in iter_journal(journal):
                rows = issue_table_rows(issue)
                for rows_of_table, layout in zip(buf, TABLES, strict=True):
                    rows_of_table.extend(rows[layout.name])
                count += 1
                if count % _BATCH_ISSUES == 0:
                    _flush(pa, writers, schemas, buf)
            if count % _BATCH_ISSUES or not count:
                _flush(pa, writers, schemas, buf)
            for writer in writers:
                writer.close()
        except BaseException:
            for writer in writers:  # before their files close; the first error is the one
                if writer.is_open:
                    with contextlib.suppress(Exception):
                        writer.close()
                    writer.is_open = False  # its stream failed: no second try at __del__
            raise
    return count
