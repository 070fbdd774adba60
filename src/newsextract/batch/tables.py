"""The tables of ``convert --format csv|parquet``, derived from the models in one place.

:data:`~newsextract.batch.table_spec.TABLE_TREE` is the only hand-written part: which
lists of the :class:`Issue` become tables of their own and what their key columns are
called. Everything else follows from the models:

* every table's key is its parent's key plus its own columns: ``issue_sha256,
  issue_first_page`` for an issue (the file, and the issue's first page in it: a bundle
  holds several issues), ``issue_sha256, issue_first_page, story_rank`` for a story, and
  so on down to one of a document's issuing bodies; a key column has the same name in
  every table it appears in, so tables join on their common key columns;
* a row's other columns are its model's fields in order; a nested object's fields are
  flattened with its name as prefix (``article_title``, ``reporting_period_start``);
* a list held in a child table leaves its length in the parent row (``top_stories_count``);
* any other list (bullet points, pages, links) is one cell: a JSON array in CSV, a list
  column in Parquet.

A new model field therefore becomes a new column without any edit anywhere, and moving a
list into a new child table is one more :class:`Table` entry in
:mod:`newsextract.batch.table_spec`.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel

from newsextract.batch.table_spec import TABLE_TREE, Table
from newsextract.models import Issue

__all__ = [
    "ISSUE_KEY",
    "ISSUE_PAGE_KEY",
    "TABLES",
    "TABLE_TREE",
    "Column",
    "ColumnKind",
    "Row",
    "Table",
    "TableLayout",
    "Value",
    "issue_table_rows",
    "table",
]

#: What a column holds: a scalar, a list of scalars, or a list of objects (``records``).
ColumnKind = Literal["string", "integer", "boolean", "date", "list", "records"]

#: A cell before it is written: None, a scalar, a date, a list of scalars or of dicts.
Value = object


#: The issue table's key: the SHA-256 of the input (``source.sha256``) and the issue's
#: first page in it (``source.pages.first``; a bundle binds several issues into one file).
ISSUE_KEY = "issue_sha256"
ISSUE_PAGE_KEY = "issue_first_page"
_ISSUE_KEY_PATHS = frozenset({("source", "sha256"), ("source", "pages", "first")})


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, what it holds, its type annotation and its meaning.

    ``path`` is the attribute path from the row object to the value; a count column reads
    the length of the list at ``path``; key columns have an empty path (their value comes
    from the walk, not from the row).
    """

    name: str
    kind: ColumnKind
    annotation: object
    description: str
    path: tuple[str, ...] = ()
    count: bool = False
    nullable: bool = True

    def value(self, row: BaseModel) -> Value:
        """Return this column's value for ``row``: the value at ``path`` or its length."""
        obj: object = row
        for name in self.path:
            if obj is None:
                return None
            obj = getattr(obj, name)
        if self.count:
            return len(typing.cast(Sequence[object], obj))
        if self.kind == "records":
            return [
                typing.cast(BaseModel, item).model_dump(mode="python")
                for item in typing.cast(Sequence[object], obj)
            ]
        return obj


@dataclass(frozen=True, slots=True)
class TableLayout:
    """A table as written: its name, what a row is, key columns and value columns."""

    name: str
    one_row_per: str
    model: type[BaseModel]
    key: tuple[Column, ...]
    values: tuple[Column, ...]
    parent: str | None = None
    spec: Table | None = field(default=None, compare=False)

    @property
    def columns(self) -> tuple[Column, ...]:
        """Key columns, then value columns."""
        return self.key + self.values

    @property
    def column_names(self) -> tuple[str, ...]:
        """The header row."""
        return tuple(c.name for c in self.columns)


def _strip_optional(annotation: object) -> tuple[object, bool]:
    """Return ``(T, True)`` for ``T | None``, else ``(annotation, False)``."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


def _is_model(tp: object) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _scalar_kind(tp: object) -> ColumnKind:
    if typing.get_origin(tp) is Literal:
        tp = type(typing.get_args(tp)[0])
    kinds: dict[object, ColumnKind] = {
        str: "string",
        int: "integer",
        bool: "boolean",
        dt.date: "date",
    }
    if tp not in kinds:
        raise TypeError(f"no column type for {tp!r}")
    return kinds[tp]


Path_ = tuple[str, ...]


def _value_columns(
    model: type[BaseModel], prefix: Path_, tabled: dict[str, str], skip: frozenset[Path_],
    within_optional: bool = False,
) -> list[Column]:
    """Return the columns of ``model``'s fields (nested models flattened, tabled lists counted).

    ``within_optional``: ``model`` is the value of an optional field, so each of its
    columns may be empty (``source_pages_first`` where ``source.pages`` is null).
    """
    out: list[Column] = []
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        col = "_".join(path)
        desc = info.description or ""
        if path in skip:
            continue
        tp, nullable = _strip_optional(info.annotation)
        nullable = nullable or within_optional
        if not prefix and name in tabled:
            meaning = f"Number of entries in `{name}` (its rows in table `{tabled[name]}`)."
            out.append(
                Column(f"{col}_count", "integer", int, meaning, path, count=True, nullable=False)
            )
        elif _is_model(tp):
            out += _value_columns(typing.cast(type[BaseModel], tp), path, {}, skip, nullable)
        elif typing.get_origin(tp) is list:
            item = typing.get_args(tp)[0]
            kind: ColumnKind = "records" if _is_model(item) else "list"
            out.append(Column(col, kind, tp, desc, path, nullable=False))
        else:
            out.append(Column(col, _scalar_kind(tp), tp, desc, path, nullable=nullable))
    return out


def _check_sources(table: Table, parent: type[BaseModel]) -> None:
    """Fail at import when a table's source is not a list of its model in its parent."""
    for name, _label in table.sources:
        info = parent.model_fields.get(name)
        expected = list[table.model]  # type: ignore[name-defined]
        if info is None or info.annotation != expected:
            raise TypeError(
                f"table {table.name!r}: {parent.__name__}.{name} is not a "
                f"list[{table.model.__name__}] (edit newsextract.batch.table_spec)"
            )


def _key_column(name: str, annotation: object, description: str) -> Column:
    return Column(name, _scalar_kind(annotation), annotation, description, nullable=False)


#: Issue fields no table holds: provenance (boxes by JSON Pointer) is for the JSON output.
UNTABLED: frozenset[str] = frozenset({"provenance"})


def _layouts() -> tuple[TableLayout, ...]:
    layouts: list[TableLayout] = []
    issue_key = _key_column(ISSUE_KEY, str, "SHA-256 of the input file (`source.sha256`).")
    page_key = _key_column(
        ISSUE_PAGE_KEY, int, "The issue's first page in the input file "
        "(`source.pages.first`; 1 unless the file is a bundle of several issues).")
    tabled = {f: t.name for t in TABLE_TREE for f, _ in t.sources}
    layouts.append(
        TableLayout(
            "issues",
            "issue",
            Issue,
            (issue_key, page_key),
            tuple(_value_columns(Issue, (), tabled,
                                 _ISSUE_KEY_PATHS | {(f,) for f in UNTABLED})),
        )
    )

    def visit(table: Table, parent: TableLayout) -> None:
        _check_sources(table, parent.model)
        key = list(parent.key)
        if table.discriminator:
            key.append(_key_column(table.discriminator, str, table.discriminator_description))
        key.append(_key_column(table.position, int, table.position_description))
        own_tabled = {f: t.name for t in table.children for f, _ in t.sources}
        skip = frozenset({(table.position_field,)} if table.position_field else ())
        layout = TableLayout(
            table.name,
            table.one_row_per,
            table.model,
            tuple(key),
            tuple(_value_columns(table.model, (), own_tabled, skip)),
            parent=parent.name,
            spec=table,
        )
        layouts.append(layout)
        for child in table.children:
            visit(child, layout)

    for table in TABLE_TREE:
        visit(table, layouts[0])
    return tuple(layouts)


#: Every table in the order it is written: ``issues`` first, then depth first.
TABLES: tuple[TableLayout, ...] = _layouts()
_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> TableLayout:
    """Return the layout of the table called ``name`` (``KeyError`` if there is none)."""
    return _BY_NAME[name]


Row = tuple[Value, ...]


def issue_table_rows(issue: Issue) -> dict[str, list[Row]]:
    """Return the rows ``issue`` contributes to every table, by table name, cells as values."""
    out: dict[str, list[Row]] = {t.name: [] for t in TABLES}
    root = TABLES[0]
    sha = issue.source.sha256 if issue.source else ""
    first = issue.source.pages.first if issue.source and issue.source.pages else 1
    out[root.name].append((sha, first, *(c.value(issue) for c in root.values)))

    def walk(spec: Table, parent: BaseModel, parent_key: tuple[Value, ...]) -> None:
        layout = _BY_NAME[spec.name]
        for list_field, label in spec.sources:
            items = typing.cast(Sequence[BaseModel], getattr(parent, list_field))
            for place, item in enumerate(items, start=1):
                position = getattr(item, spec.position_field) if spec.position_field else place
                key = (*parent_key, *((label,) if spec.discriminator else ()), position)
                out[spec.name].append((*key, *(c.value(item) for c in layout.values)))
                for child in spec.children:
                    walk(child, item, key)

    for spec in TABLE_TREE:
        walk(spec, issue, (sha, first))
    return out
