"""Generate ``docs/schema.json``, ``docs/schema.md`` and ``docs/tables.md`` from the models.

Run ``python -m newsextract.schema_docs docs/`` after changing :mod:`newsextract.models`
(or :data:`SCHEMA_CHANGELOG`, or the table tree of :mod:`newsextract.batch.tables`); a test
fails while the committed files differ from what this module generates.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from newsextract.batch.tables import TABLES, Column
from newsextract.fields.diagnostics import WARNING_CODES
from newsextract.models import SCHEMA_VERSION, Issue
from newsextract.schema import JSON_SCHEMA_DIALECT, SCHEMA_ID, SCHEMA_ID_TEMPLATE, issue_json_schema

__all__ = [
    "MODEL_ORDER",
    "SCHEMA_CHANGELOG",
    "render_schema_json",
    "render_schema_markdown",
    "render_tables_markdown",
    "write_docs",
]

#: Every schema version, newest first: (version, what changed). Add an entry with every bump.
SCHEMA_CHANGELOG: tuple[tuple[str, str], ...] = (
    (
        "2.0",
        "A story cites `documents` (`PolicyDocument`: `title`, `title_zh`, `url`, "
        "`issuing_bodies`, `issuing_bodies_complete`, `date`), one per document in print "
        "order, replacing its `article`, `issuing_bodies`, `issuing_bodies_complete` and "
        "`date`; a story's `figures` (`Figure`: `caption`, `page`); `AtAGlance.groups` "
        "(each lead-in with its bullets); `Issue.issue_title` and `Issue.acknowledgements`; "
        "`reporting_period` is null where none is printed (and no longer warned about: "
        "covers from 2025 print a date only). New warning codes `ambiguous_documents` (a "
        "story's bodies or dates do not split into one ';' group per document; kept on "
        "the first) and `unplaced_date` (a news date without a year that no year places; "
        "left out instead of guessed). Upgrade 1.x documents with "
        "`newsextract.migrate.upgrade()`. Links are parsed strictly and text holds no "
        "control or bidi character (see *Links and text*); warning codes `link_too_long` "
        "and `bidi_control_removed`. (2.0 is not released yet: codes join it.)",
    ),
    (
        "1.1",
        "Added `ExtractionWarning.field`: the JSON Pointer (RFC 6901) of the value a "
        "warning concerns, with indices into the output lists (`/top_stories/2/"
        "comment/1`); null only for warnings about the whole document. Documents of "
        "schema 1.0 are read as 1.1 (their warnings' `field` is null).",
    ),
    (
        "1.0",
        "First version: `Issue` with cover, contents, top stories (`article`, "
        "`issuing_bodies`, `date`), policy and corporate news, back page, `source` and "
        "`warnings`.",
    ),
)

#: The rules every URL and text of an output obey (``newsextract.urls``, the models).
SAFETY_RULES: tuple[str, ...] = (
    "## Links and text",
    "",
    "Every `url` (`Link.url`, `PolicyDocument.url`, `NewsSource.url`) is a link target "
    "parsed strictly by `newsextract.urls.clean_url`, and the models refuse any URL that "
    "function would not produce, so no unsafe URL can be constructed:",
    "",
    "* the scheme is `http`, `https` or `mailto`, in lower case;",
    "* an `http(s)` URL has a host: a DNS name (a non-ASCII name in its IDNA ASCII form, "
    "`xn--...`, lower case), an IPv4 address or a bracketed IPv6 address, with an "
    "optional port from 1 to 65535; a `mailto` URL names `local@host` addresses;",
    "* whitespace, C0 and C1 control characters, bidi controls, non-ASCII characters and "
    "the characters RFC 3986 does not allow (`<`, `>`, `\"`, `\\`, brackets, braces, `|`, "
    "`^`, a backtick, a second `#`, a `%` that starts no escape) in the path, query, "
    "fragment or a mailto address are **percent-encoded** as UTF-8, so the link keeps "
    "its target and cannot break out of a Markdown link or an HTML attribute; a "
    "backslash in an `http(s)` URL is written `/` (as browsers read it); whitespace and "
    "controls at either end are removed;",
    "* the link is **dropped with `unsafe_link`** when no safe URL can be made of it: "
    "another scheme (`javascript:`, `file:`, `data:`, `vbscript:` ...) or none, no host or "
    "an invalid one (a space, control, bidi or format character in the host, a bad IP "
    "address, a port out of range), user information before the host "
    "(`https://bank.example@evil.example/`), a lone surrogate;",
    "* a link longer than 8192 characters (`newsextract.urls.MAX_URL_LENGTH`, 8 KiB) "
    "before or after encoding is **dropped with `link_too_long`**.",
    "",
    "No string of the schema holds a C0 or C1 control character (no field holds a line "
    "break: every text is single-spaced), a lone surrogate, or a bidi control "
    "(`newsextract.models.FORBIDDEN_CHARS`). The reader drops control characters from "
    "the PDF's text, and removes the bidi controls (Unicode's Bidi_Control: U+202A-U+202E "
    "embeddings and overrides, U+2066-U+2069 isolates, and the U+200E LRM, U+200F RLM and "
    "U+061C ALM marks: the newsletter prints left-to-right text only, and these make text "
    "display in another order than it reads) with a `bidi_control_removed` warning per "
    "page; that warning names the page, not a field (the reader knows no fields).",
    "",
)

#: Example values shown for fields whose type alone says little.
EXAMPLES: dict[str, str] = {
    "Issue.publication_date": '"2024-03-01"',
    "Issue.contact_email": '"publications@merics.de"',
    "DateRange.start": '"2023-12-28"',
    "DateRange.end": '"2024-01-25"',
    "TopStory.rank": "1",
    "TopStory.title": '"Seven ministries chart a course for future industries"',
    "TopStory.pages": "[3, 4]",
    "PolicyDocument.date": '"2024-01-18"',
    "PolicyDocument.issuing_bodies_complete": "false",
    "PolicyDocument.title_zh": '"工业和信息化部等七部门关于推动未来产业创新发展的实施意见"',
    "PolicyDocument.title": '"Implementation Opinions on Promoting Future Industries"',
    "PolicyDocument.url": '"https://www.miit.gov.cn/..."',
    "Figure.caption": '"Figure 1: Chip subsidies by province, 2020-2024"',
    "Figure.page": "4",
    "GlanceGroup.text": '"The plan\'s key targets for 2025 include:"',
    "GlanceGroup.points": '["Achieve breakthroughs in ...", "..."]',
    "NewsItem.date": '"2024-01-29"',
    "NewsItem.page": "8",
    "NewsSource.label": '"MIIT notice"',
    "NewsSource.language": '"zh"',
    "ContentsEntry.title": '"Policy news"',
    "ContentsEntry.level": "2",
    "ContentsEntry.page": "8",
    "SourceFile.file_name": '"ci-2024-03.pdf"',
    "SourceFile.page_count": "10",
    "ExtractionWarning.code": '"unknown_issuing_body"',
    "ExtractionWarning.page": "5",
    "PublisherInfo.phone": '"+49 30 3440 999 0"',
    "PublisherInfo.website": '"www.merics.org"',
    "PublisherInfo.address": '["Klosterstraße 64", "10179 Berlin"]',
    "AtAGlance.points": '["Achieve breakthroughs in ...", "..."]',
    "Paragraph.text": '"Beijing\'s interest in future industries is not new. ..."',
}


def _models() -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for f in model.model_fields.values():
            for t in _leaf_types(f.annotation):
                if isinstance(t, type) and issubclass(t, BaseModel):
                    visit(t)

    visit(Issue)
    return seen


def _leaf_types(tp: object) -> list[object]:
    args = typing.get_args(tp)
    if not args:
        return [tp]
    out: list[object] = []
    for a in args:
        out.extend(_leaf_types(a))
    return out


def _type_name(tp: object) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is list:
        return f"list[{_type_name(args[0])}]"
    if origin is typing.Literal:
        return " | ".join(json.dumps(a) for a in args)
    if origin in (typing.Union, types.UnionType):
        return " | ".join("null" if a is type(None) else _type_name(a) for a in args)
    if isinstance(tp, type):
        return {"str": "string", "int": "integer", "bool": "boolean", "date": "date (ISO)"}.get(
            tp.__name__, tp.__name__
        )
    return str(tp)


def _example(model: str, name: str, info: FieldInfo) -> str:
    key = f"{model}.{name}"
    if key in EXAMPLES:
        return EXAMPLES[key]
    if info.examples:
        return json.dumps(info.examples[0], ensure_ascii=False)
    return ""


#: Models in the order the documentation lists them (root first, then by first use).
MODEL_ORDER: list[type[BaseModel]] = _models()


def render_schema_json() -> str:
    """Return the JSON Schema of :class:`Issue`, as committed in ``docs/schema.json``."""
    return json.dumps(issue_json_schema(), indent=2, ensure_ascii=False) + "\n"


def render_schema_markdown() -> str:
    """Return ``docs/schema.md``: every model and field with type, meaning and example."""
    out = [
        "# Output schema",
        "",
        "<!-- Generated by `python -m newsextract.schema_docs docs/`; do not edit by hand. -->",
        "",
        f"Schema version **{SCHEMA_VERSION}**. The root object is `Issue`; "
        "`docs/schema.json` is the same schema as JSON Schema (what `newsextract schema` "
        "prints). Dates are ISO `YYYY-MM-DD`; missing values are `null` or empty lists, "
        "each with a warning.",
        "",
        "## Citing the schema and its versions",
        "",
        f"The JSON Schema names its dialect, `\"$schema\": \"{JSON_SCHEMA_DIALECT}\"` "
        "(JSON Schema 2020-12), and its version in its identifier, "
        f"`\"$id\": \"{SCHEMA_ID}\"`: the pattern is `{SCHEMA_ID_TEMPLATE}` with "
        "`{version}` the `schema_version` every document carries. Cite a version by its "
        "`$id`; a validator or code generator given `docs/schema.json` reads both. The "
        "`$id` identifies the schema; it is not promised to be downloadable from that "
        "address (get the schema from `newsextract schema` or `docs/schema.json`).",
        "",
        "The versioning rule:",
        "",
        "* **minor** (`1.0` → `1.1`): something is added — a field, a model, a warning code, "
        "an allowed value. Every document valid under the old version keeps its meaning; "
        "a consumer that ignores unknown fields reads the new documents unchanged.",
        "* **major** (`1.x` → `2.0`): something is renamed, removed, moved or retyped, or a "
        "field's meaning changes. Consumers must be changed to read the new documents.",
        "",
        "The tables of `convert --format csv|parquet` (see [tables.md](tables.md)) follow "
        "the schema: their columns change with the version as the fields do.",
        "",
        "## Schema changelog",
        "",
        "| version | changes |",
        "|---|---|",
        *[f"| {version} | {changes} |" for version, changes in SCHEMA_CHANGELOG],
        "",
        *SAFETY_RULES,
    ]
    for model in MODEL_ORDER:
        out += [f"## `{model.__name__}`", "", (model.__doc__ or "").strip().splitlines()[0], ""]
        out += ["| field | type | meaning | example |", "|---|---|---|---|"]
        for name, info in model.model_fields.items():
            desc = (info.description or "").replace("|", "\\|")
            type_name = _type_name(info.annotation).replace("|", "\\|")
            example = _example(model.__name__, name, info).replace("|", "\\|")
            out.append(
                f"| `{name}` | {type_name} | {desc} | "
                f"{'`' + example + '`' if example else ''} |"
            )
        out.append("")
    out += ["## Warning codes", "", "| code | meaning |", "|---|---|"]
    out += [f"| `{code}` | {meaning} |" for code, meaning in WARNING_CODES.items()]
    out.append("")
    return "\n".join(out)


_KIND_NAMES = {
    "string": ("text", "string"),
    "integer": ("whole number", "int64"),
    "boolean": ("`true`/`false`", "bool"),
    "date": ("ISO date", "date32"),
}


def _column_types(column: Column) -> tuple[str, str]:
    """Return the type of ``column`` as written to CSV and to Parquet."""
    if column.kind in _KIND_NAMES:
        return _KIND_NAMES[column.kind]
    item = typing.get_args(column.annotation)[0]
    if column.kind == "records":
        fields = ", ".join(typing.cast(type[BaseModel], item).model_fields)
        return f"JSON array of objects `{{{fields}}}`", f"list<struct<{fields}>>"
    kind = {str: ("strings", "string"), int: ("numbers", "int64")}[typing.cast(type, item)]
    return f"JSON array of {kind[0]}", f"list<{kind[1]}>"


def render_tables_markdown() -> str:
    """Return ``docs/tables.md``: every table of ``convert --format csv|parquet``."""
    out = [
        "# Tables (`convert --format csv` and `--format parquet`)",
        "",
        "<!-- Generated by `python -m newsextract.schema_docs docs/`; do not edit by hand. -->",
        "",
        f"Derived from the models of schema {SCHEMA_VERSION} by "
        "`newsextract.batch.tables` (which lists are tables: "
        "`newsextract.batch.table_spec`): every list of objects an analyst counts or "
        "filters is a table of its own, with its parent's key columns followed by its own; every "
        "other list (bullet points, pages, links) is one cell. A key column has the same "
        "name in every table it appears in, so a table joins its parent on all of the "
        "parent's key columns (`stories` ⋈ `issuing_bodies` on `issue_sha256, "
        "story_rank`). A list kept in a child table leaves its length in the parent row "
        "(`top_stories_count`).",
        "",
        "CSV: UTF-8, header row, RFC 4180 quoting (a comma, a double quote, a line feed or "
        "a carriage return in a cell), ISO dates, `true`/`false`, an empty cell for a "
        "missing value, a list cell as a JSON array. A text cell a spreadsheet would run "
        "as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets "
        "a `'` in front, and so does one starting with `'`; `convert --csv-raw` writes "
        "them as they are (see [cli.md](cli.md)). Parquet: the same columns, typed (the "
        "second type below), values as they are; each field's description is in its "
        "metadata.",
        "",
    ]
    for layout in TABLES:
        parent = f"; parent: `{layout.parent}`" if layout.parent else ""
        key = ", ".join(f"`{c.name}`" for c in layout.key)
        out += [
            f"## `{layout.name}`",
            "",
            f"One row per {layout.one_row_per}. Key: {key}{parent}.",
            "",
            "| column | CSV | Parquet | meaning |",
            "|---|---|---|---|",
        ]
        for column in layout.columns:
            csv_type, arrow_type = _column_types(column)
            null = "" if column.nullable else " not null"
            desc = column.description.replace("|", "\\|")
            out.append(f"| `{column.name}` | {csv_type} | `{arrow_type}`{null} | {desc} |")
        out.append("")
    return "\n".join(out)


def write_docs(folder: Path) -> None:
    """Write ``schema.json``, ``schema.md`` and ``tables.md`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "schema.json").write_text(render_schema_json(), encoding="utf-8")
    (folder / "schema.md").write_text(render_schema_markdown(), encoding="utf-8")
    (folder / "tables.md").write_text(render_tables_markdown(), encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover
    write_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
