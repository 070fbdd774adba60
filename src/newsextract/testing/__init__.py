"""Test helpers: a deterministic fixture renderer and Hypothesis strategies for issues.

Needs the ``render`` extra (reportlab and Hypothesis; pyphen for ``Layout(hyphenate=True)``).
The fonts ship with the package (``newsextract/testing/fonts``: subsets of DejaVu Sans,
Liberation Serif renamed "Newsextract Serif", and WenQuanYi Zen Hei, with their licences);
nothing is read from the machine's fonts, and a missing file is an error, never a fallback.
``Layout(cjk_font="cid")`` uses reportlab's built-in STSong-Light CID font, not embedded.

* :func:`render_issue` prints an :class:`~newsextract.models.Issue` in a :class:`Layout`;
* :func:`issues`, :func:`layouts` and :func:`issue_and_layout` generate valid issues and
  layouts that the renderer prints faithfully (see :mod:`newsextract.testing.strategies`).
* :mod:`newsextract.testing.hostile` generates valid issues full of hostile strings
  (control and bidi characters, formula starters, Markdown/HTML, hostile URLs) for
  testing what reads the outputs.
* :mod:`newsextract.testing.hostile_render` turns a rendered issue into a hostile PDF
  (lying ``/ToUnicode`` maps, hostile link targets and annotation shapes), and
  :mod:`newsextract.testing.hostile_pdf` builds pathological files (a decompression
  bomb, a cyclic page tree, deep nesting, many pages, a long page, a truncated xref).
"""

from newsextract.testing.render import DEFAULT_LABELS, Layout, Rendered, render_issue
from newsextract.testing.strategies import issue_and_layout, issues, layouts, text_fit

__all__ = [
    "DEFAULT_LABELS",
    "Layout",
    "Rendered",
    "issue_and_layout",
    "issues",
    "layouts",
    "render_issue",
    "text_fit",
]
