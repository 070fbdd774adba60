"""The renderer's shared types: :class:`Layout`, :class:`Placement`, :class:`Rendered`.

Every renderer module imports its types from here (``render`` -> ``render_flow`` ->
``render_styles`` -> ``render_types``), so the modules import one another without a
circle. :mod:`newsextract.testing.render` re-exports them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

from newsextract.models import Issue
from newsextract.testing.render_chart import Chart, chart_from_json
from newsextract.testing.render_profile import LABEL_KEYS, PrintedForms, printed_forms
from newsextract.testing.render_text import check_text

__all__ = ["BACK_PARTS", "FROM_PROFILE", "NEWS_GUTTER_EM", "Layout", "Placement", "Rendered"]

#: Gap between the two Noteworthy columns (``Layout.news_columns == 2``), in body sizes.
NEWS_GUTTER_EM = 1.5

def _plain(value: Any) -> Any:
    """Return ``value`` with tuples and mappings made lists and dicts (JSON-ready)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


#: A layout string left to the profile: its printed form of that label or heading.
FROM_PROFILE = "<from profile>"

#: The parts of the back page, in ``Layout.back_order``.
BACK_PARTS = ("authors", "editors", "contact", "publisher")

_MM = 72.0 / 25.4
_PAGE_SIZES = {"A4": (595.2755905511812, 841.8897637795277), "letter": (612.0, 792.0)}


@dataclass(frozen=True)
class Layout:
    """Typographic choices that do not change the content of an issue.

    ``profile`` names the newsletter profile (an installed name or a profile file) whose
    printed words the issue is set in (:mod:`newsextract.testing.render_profile`): the
    headings, the cover's period label, the back page's headings and labels, and every
    label ``labels`` leaves out; ``Rendered.issue`` takes its ``newsletter``, ``publisher``
    and ``profile`` from it where the issue leaves them null. ``back_order`` orders the back
    page's parts (a permutation of :data:`BACK_PARTS`).

    ``labels`` may give only some keys (the rest are the profile's, see
    :data:`~newsextract.testing.render_profile.LABEL_KEYS`);
    ``story_labels`` overrides labels for single stories, by rank (JSON string keys such
    as ``"3"`` are accepted). ``header_text`` is formatted with ``newsletter`` and ``date``
    (the publication date as "March 1, 2024"; when there is none, a dangling " |" is
    dropped). ``margin_mm`` must lie in [10, 50] and ``body_size`` in [6, 16].
    ``news_columns=2`` sets the Noteworthy lists (under a full-width NOTEWORTHY heading) in
    two balanced columns ``NEWS_GUTTER_EM * body_size`` apart.

    What changed between the newsletter's eras (docs/fixtures.md shows each in a fixture):

    * ``cover_title``: the title printed on the cover ("China Industries Briefing – January
      2021", "China Industries Brief"); None prints the profile's title;
    * ``top_heading``: the heading over the stories, ``{n}`` standing for their number
      ("MERICS TOP {n}", "MERICS' Top {n}"; by default the profile's); None prints none, and the
      contents then list the stories without a section entry above them;
    * ``introduction``: a paragraph printed after the contents ("In this issue of MERICS
      China Industries Brief, we cover the following topics:"), followed by the story
      titles as a bulleted list (neither a story nor the contents);
    * ``corporate_first``: Corporate news before Policy news (contents in the same order);
    * ``news_source_stop``: a full stop after a news item's closing source bracket;
    * ``glued_title_zh``: ranks of the stories whose Chinese document titles follow the
      English title with no bracket and no space;
    * ``acknowledgements_at``: where ``Issue.acknowledgements`` is printed: at the top of
      the back page (``"back"``) or after the news (``"news"``; after the last story when
      there is no news);
    * ``charts``: per story rank, one :class:`~newsextract.testing.render_chart.Chart` (or
      its JSON object) per figure, in the order of ``TopStory.figures``; a figure without
      one gets :func:`~newsextract.testing.render_chart.default_chart`, placed after the
      figure before it; ``chart_frame`` draws a thin box around each chart.
    """

    page_size: Literal["A4", "letter"] = "A4"
    margin_mm: float = 20.0
    font_family: Literal["sans", "serif"] = "sans"
    body_size: float = 10.0
    cjk_font: Literal["embedded", "cid"] = "embedded"
    header_text: str = "{newsletter} | {date}"
    footer_page_numbers: bool = True
    issuing_body_separator: Literal["; ", ", "] = "; "
    profile: str = "china-industries"
    labels: Mapping[str, str] = field(default_factory=dict, hash=False)
    story_labels: Mapping[int, Mapping[str, str]] = field(default_factory=dict, hash=False)
    hyphenate: bool = False
    page_break_before_noteworthy: bool = True
    stories_start_new_page: bool = True
    contact_label: str = FROM_PROFILE
    news_columns: Literal[1, 2] = 1
    cover_title: str | None = None
    top_heading: str | None = FROM_PROFILE
    introduction: str | None = None
    corporate_first: bool = False
    news_source_stop: bool = False
    glued_title_zh: tuple[int, ...] = ()
    acknowledgements_at: Literal["back", "news"] = "back"
    charts: Mapping[int, Sequence[Chart]] = field(default_factory=dict, hash=False)
    chart_frame: bool = True
    back_order: tuple[str, ...] = BACK_PARTS
    printed: PrintedForms = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        """Validate and normalise (merge labels with the defaults, int story ranks)."""
        if self.page_size not in _PAGE_SIZES:
            raise ValueError(f"page_size must be 'A4' or 'letter', not {self.page_size!r}")
        if self.font_family not in ("sans", "serif"):
            raise ValueError(f"font_family must be 'sans' or 'serif': {self.font_family!r}")
        if self.cjk_font not in ("embedded", "cid"):
            raise ValueError(f"cjk_font must be 'embedded' or 'cid': {self.cjk_font!r}")
        if self.issuing_body_separator not in ("; ", ", "):
            raise ValueError(f"bad issuing_body_separator {self.issuing_body_separator!r}")
        if self.news_columns not in (1, 2):
            raise ValueError(f"news_columns must be 1 or 2, not {self.news_columns!r}")
        if not 10.0 <= self.margin_mm <= 50.0:
            raise ValueError(f"margin_mm must lie in [10, 50], got {self.margin_mm}")
        if not 6.0 <= self.body_size <= 16.0:
            raise ValueError(f"body_size must lie in [6, 16], got {self.body_size}")
        unknown = set(self.labels) - set(LABEL_KEYS)
        for per in self.story_labels.values():
            unknown |= set(per) - set(LABEL_KEYS)
        if unknown:
            raise ValueError(f"unknown label keys: {sorted(unknown)}")
        if sorted(self.back_order) != sorted(BACK_PARTS):
            raise ValueError(f"back_order must order {BACK_PARTS}, not {self.back_order!r}")
        printed = printed_forms(self.profile)
        object.__setattr__(self, "printed", printed)
        object.__setattr__(self, "back_order", tuple(self.back_order))
        if self.contact_label == FROM_PROFILE:
            object.__setattr__(self, "contact_label", printed.contact)
        if self.top_heading == FROM_PROFILE:
            object.__setattr__(self, "top_heading", printed.top_heading)
        labels = {**printed.labels, **self.labels}
        for text in (*labels.values(), self.contact_label,
                     *(t for per in self.story_labels.values() for t in per.values())):
            check_text(text, "layout label")
            if not text:
                raise ValueError("layout labels must not be empty")
        self._check_era_options()
        # Plain dicts (not mappingproxy) so that a Layout can be pickled and deep-copied.
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "story_labels",
                           {int(k): dict(v) for k, v in self.story_labels.items()})
        object.__setattr__(self, "glued_title_zh",
                           tuple(sorted({int(r) for r in self.glued_title_zh})))
        object.__setattr__(self, "charts", {
            int(rank): [chart_from_json(c) for c in charts]
            for rank, charts in self.charts.items()
        })

    def to_json(self) -> dict[str, Any]:
        """Return the layout as JSON-ready data: ``Layout(**layout.to_json())`` rebuilds it.

        The fields given to the constructor only (not the printed forms derived from the
        profile), charts as plain data.
        """
        out = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if f.init}
        out["charts"] = {rank: [_plain(asdict(c)) for c in charts]
                         for rank, charts in self.charts.items()}
        return out

    def _check_era_options(self) -> None:
        """Validate the options that differ between eras (see the class docstring)."""
        if self.acknowledgements_at not in ("back", "news"):
            raise ValueError(f"acknowledgements_at must be 'back' or 'news', "
                             f"not {self.acknowledgements_at!r}")
        for name in ("cover_title", "top_heading", "introduction"):
            text = getattr(self, name)
            if text is None:
                continue
            if not isinstance(text, str) or not text:
                raise ValueError(f"{name} must be a non-empty string or None")
            check_text(text, name)
        if self.top_heading is not None:
            try:
                heading = self.top_heading.format(n=5)
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(f"bad top_heading {self.top_heading!r}: {exc}") from exc
            check_text(heading, "top_heading")
        if any(isinstance(r, bool) or int(r) < 1 for r in self.glued_title_zh):
            raise ValueError(f"glued_title_zh holds story ranks (>= 1): {self.glued_title_zh}")
        for rank, charts in self.charts.items():
            if int(rank) < 1 or isinstance(charts, (str, Mapping)):
                raise ValueError(f"charts maps story ranks to lists of charts, not {rank!r}")

    @property
    def margin_pt(self) -> float:
        """The page margin in points."""
        return self.margin_mm * _MM

    @property
    def page_dimensions(self) -> tuple[float, float]:
        """(width, height) of the page in points."""
        return _PAGE_SIZES[self.page_size]

    @property
    def news_column_width(self) -> float:
        """Width in points of one Noteworthy column (the body frame width for one column)."""
        frame = self.page_dimensions[0] - 2 * self.margin_pt
        if self.news_columns == 1:
            return frame
        return (frame - NEWS_GUTTER_EM * self.body_size) / 2


@dataclass(frozen=True)
class Placement:
    """Where one paragraph part was printed: its pages and the pieces drawn.

    ``pieces`` holds, per piece drawn (one per page or column it spans), the room left
    after the piece's last line and the text of its first line.
    """

    pages: tuple[int, ...]
    pieces: tuple[tuple[float, str], ...]

    @property
    def room(self) -> float:
        """The room (points) left on the part's last line: that of its last piece."""
        return self.pieces[-1][0]


@dataclass(frozen=True)
class Rendered:
    """A rendered issue: the PDF bytes and the issue with its layout-derived fields.

    ``issue`` equals the input except ``newsletter``, ``publisher`` and ``profile`` where
    the input leaves them null (the layout's profile's), ``contents``, ``top_stories[*].pages``,
    ``top_stories[*].figures[*].page``, ``policy_news[*].page``, ``corporate_news[*].page``
    (the real pages), ``source`` (None) and ``warnings`` (empty). ``parts`` tells where
    each paragraph that may break over a page or column was printed, by
    ``"story:<i>:comment:<k>"``, ``"story:<i>:at_a_glance"`` (the first glance group's
    lead-in), ``"story:<i>:glance:<g>"`` (the lead-in of glance group ``g`` >= 1),
    ``"story:<i>:point:<k>"`` (``k`` over all the story's bullets), ``"policy:<i>"`` and
    ``"corporate:<i>"`` (``i``, ``k`` and ``g`` from 0).
    """

    pdf: bytes
    issue: Issue
    parts: Mapping[str, Placement] = field(default_factory=dict)
