"""Flat CSV tables: ``issues.csv``, ``stories.csv``, ``issuing_bodies.csv``, ``news.csv``.

Every row starts with the issue's ``issue_sha256`` and ``publication_date`` (the key to
join the tables on). The files are UTF-8 with a header row, comma-separated, fields quoted
only when needed (RFC 4180), dates ISO 8601, booleans ``true``/``false``, empty for
missing values: ``pandas.read_csv`` and DuckDB's ``read_csv_auto`` load them as they are.
Lists inside a cell (bullet points, pages, sources) are joined with `` | ``; paragraphs
of a comment with a blank line (a quoted newline).

In a batch the CSV files are rebuilt at the end of every run from the ``issues.jsonl``
journal in the same folder, sorted by publication date and SHA-256, and written
atomically, so an interrupted run never leaves a half-written table and a resumed run
yields the same bytes as an uninterrupted one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from newsextract.batch.outputs import TEMP_PREFIX, iter_jsonl, read_line_at
from newsextract.models import Issue, NewsItem

__all__ = [
    "BODY_COLUMNS",
    "ISSUE_COLUMNS",
    "NEWS_COLUMNS",
    "STORY_COLUMNS",
    "TABLES",
    "CsvRows",
    "issue_rows",
    "write_tables",
]

Cell = str | int | bool | None

ISSUE_COLUMNS: tuple[str, ...] = (
    "issue_sha256",
    "publication_date",
    "file_name",
    "page_count",
    "newsletter",
    "publisher",
    "reporting_period_start",
    "reporting_period_end",
    "authors",
    "editors",
    "top_story_count",
    "policy_news_count",
    "corporate_news_count",
    "warning_count",
)
STORY_COLUMNS: tuple[str, ...] = (
    "issue_sha256",
    "publication_date",
    "rank",
    "title",
    "at_a_glance",
    "at_a_glance_points",
    "comment",
    "article_title",
    "article_title_zh",
    "article_url",
    "issuing_bodies",
    "issuing_bodies_complete",
    "date",
    "pages",
)
BODY_COLUMNS: tuple[str, ...] = (
    "issue_sha256",
    "publication_date",
    "story_rank",
    "position",
    "acronym",
    "name",
)
NEWS_COLUMNS: tuple[str, ...] = (
    "issue_sha256",
    "publication_date",
    "section",
    "position",
    "date",
    "text",
    "page",
    "sources",
    "source_urls",
    "link_urls",
)

#: File name and columns of every table, in the order they are written.
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("issues.csv", ISSUE_COLUMNS),
    ("stories.csv", STORY_COLUMNS),
    ("issuing_bodies.csv", BODY_COLUMNS),
    ("news.csv", NEWS_COLUMNS),
)

_SEP = " | "


@dataclass(frozen=True, slots=True)
class CsvRows:
    """The rows one issue contributes to each table (cells in column order)."""

    issue: tuple[Cell, ...]
    stories: tuple[tuple[Cell, ...], ...]
    bodies: tuple[tuple[Cell, ...], ...]
    news: tuple[tuple[Cell, ...], ...]


def _join(values: Iterable[str]) -> str:
    return _SEP.join(v for v in values if v)


def _news_rows(
    sha: str, date: str | None, section: str, items: Sequence[NewsItem]
) -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for pos, item in enumerate(items, start=1):
        sources = []
        for s in item.sources:
            tag = {"zh": " (CN)", "en": " (EN)"}.get(s.language or "", "")
            sources.append(s.label + tag)
        rows.append(
            (
                sha,
                date,
                section,
                pos,
                item.date.isoformat() if item.date else None,
                item.text,
                item.page,
                _join(sources),
                _join(s.url or "" for s in item.sources),
                _join(link.url for link in item.links),
            )
        )
    return rows


def issue_rows(issue: Issue) -> CsvRows:
    """Flatten ``issue`` into its rows of the four tables."""
    sha = issue.source.sha256 if issue.source else ""
    date = issue.publication_date.isoformat() if issue.publication_date else None
    period = issue.reporting_period
    head: tuple[Cell, ...] = (
        sha,
        date,
        issue.source.file_name if issue.source else None,
        issue.source.page_count if issue.source else None,
        issue.newsletter,
        issue.publisher,
        period.start.isoformat() if period.start else None,
        period.end.isoformat() if period.end else None,
        _join(p.name for p in issue.authors),
        _join(p.name for p in issue.editors),
        len(issue.top_stories),
        len(issue.policy_news),
        len(issue.corporate_news),
        len(issue.warnings),
    )
    stories: list[tuple[Cell, ...]] = []
    bodies: list[tuple[Cell, ...]] = []
    for s in issue.top_stories:
        stories.append(
            (
                sha,
                date,
                s.rank,
                s.title,
                s.at_a_glance.text or None,
                _join(s.at_a_glance.points),
                "\n\n".join(p.text for p in s.comment) or None,
                s.article.title,
                s.article.title_zh,
                s.article.url,
                _join(b.acronym or b.name or "" for b in s.issuing_bodies),
                s.issuing_bodies_complete,
                s.date.isoformat() if s.date else None,
                _join(str(p) for p in s.pages),
            )
        )
        for pos, b in enumerate(s.issuing_bodies, start=1):
            bodies.append((sha, date, s.rank, pos, b.acronym, b.name))
    news = _news_rows(sha, date, "policy", issue.policy_news) + _news_rows(
        sha, date, "corporate", issue.corporate_news
    )
    return CsvRows(head, tuple(stories), tuple(bodies), tuple(news))


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _TableWriter:
    def __init__(self, fh: IO[bytes], columns: Sequence[str]) -> None:
        self._text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
        self._csv = csv.writer(self._text, lineterminator="\n")
        self._csv.writerow(columns)

    def rows(self, rows: Iterable[tuple[Cell, ...]]) -> None:
        for row in rows:
            self._csv.writerow([_cell(v) for v in row])

    def detach(self) -> None:
        self._text.flush()
        self._text.detach()


def _index_entry(line: str) -> tuple[str, str]:
    data = json.loads(line)
    date = data.get("publication_date") or "9999-99-99"  # undated issues last
    source = data.get("source") or {}
    return str(date), str(source.get("sha256") or "")


def write_tables(journal: Path, folder: Path) -> int:
    """(Re)build the four CSV tables in ``folder`` from the issues of ``journal`` (JSONL).

    Issues are ordered by publication date (undated last) then SHA-256; the journal is read
    twice (an index of offsets, then the issues in order), so memory stays small. Every
    table goes to a temporary file that is fsynced and renamed over the old table at the
    end. Returns the number of issues written.
    """
    index: list[tuple[str, str, int]] = []
    if journal.exists():
        for offset, line in iter_jsonl(journal):
            date, sha = _index_entry(line)
            index.append((date, sha, offset))
    index.sort()
    seen: set[str] = set()
    order: list[int] = []
    for _date, sha, offset in index:
        if sha and sha in seen:
            continue
        seen.add(sha)
        order.append(offset)

    folder.mkdir(parents=True, exist_ok=True)
    token = f"{os.getpid()}.{secrets.token_hex(4)}"
    temps = [folder / f"{TEMP_PREFIX}{fname}.{token}" for fname, _cols in TABLES]
    handles: list[IO[bytes]] = []
    try:
        handles = [open(t, "wb") for t in temps]  # noqa: SIM115 - closed below
        writers = [_TableWriter(h, cols) for h, (_f, cols) in zip(handles, TABLES, strict=True)]
        if order:
            with open(journal, "rb") as src:
                for offset in order:
                    rows = issue_rows(Issue.model_validate_json(read_line_at(src, offset)))
                    writers[0].rows([rows.issue])
                    writers[1].rows(rows.stories)
                    writers[2].rows(rows.bodies)
                    writers[3].rows(rows.news)
        for writer, handle in zip(writers, handles, strict=True):
            writer.detach()
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for tmp, (fname, _cols) in zip(temps, TABLES, strict=True):
            os.replace(tmp, folder / fname)
    finally:
        for handle in handles:
            handle.close()
        for tmp in temps:
            with contextlib.suppress(OSError):
                tmp.unlink()
    return len(order)
