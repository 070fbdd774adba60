"""Test helpers: a deterministic fixture renderer for :class:`~newsextract.models.Issue`.

Needs the ``render`` extra (reportlab, pyphen for ``Layout(hyphenate=True)``) and the fonts
of Debian's fonts-dejavu-core, fonts-liberation2 and fonts-wqy-zenhei (with fallbacks to the
standard PDF fonts and the STSong-Light CID font when they are missing).
"""

from newsextract.testing.render import DEFAULT_LABELS, Layout, Rendered, render_issue

__all__ = ["DEFAULT_LABELS", "Layout", "Rendered", "render_issue"]
