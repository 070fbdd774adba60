"""The *At a glance* field to its groups: each lead-in with its own bullets.

A story's summary ends in a lead-in ("These include:") followed by bullets, and from 2024 a
second lead-in may follow the first group's bullets with bullets of its own. Walking the
field's blocks in order (:func:`glance_groups`):

* a block with a bullet (a glyph, or a shape :mod:`newsextract.drawings` found) is a point
  of the current group;
* a block without one, after a point, that starts indented past the label's line
  (``CONTINUATION_INDENT_EM``) goes on with that point (a point the reader split);
* any other block without a bullet is lead-in text: it opens a new group after a point,
  and is joined to the current lead-in before the first one (a wrapped summary).

Where no block of the field has a bullet, the first block is the text and every further
block a point, as before bullets were looked for.
"""

from __future__ import annotations

from newsextract.fields.common import Join
from newsextract.models import GlanceGroup
from newsextract.reader.types import Block

__all__ = ["CONTINUATION_INDENT_EM", "glance_groups"]

#: A block starting this many ems (of its size) right of the label's line continues the
#: point before it: bullets hang their text at 1.5 em and more in every producer seen.
CONTINUATION_INDENT_EM = 1.0


def _indented(block: Block, left: float | None) -> bool:
    if left is None or not block.lines:
        return False
    return block.lines[0].x0 > left + CONTINUATION_INDENT_EM * block.size


def glance_groups(
    blocks: list[Block], start: int, left: float | None, join: Join
) -> list[GlanceGroup]:
    """Given the field's blocks, return its groups in order, empty ones left out.

    The value starts at ``start`` in the first block; ``left`` is the x of the label's line.
    """
    if not blocks:
        return []
    if all(b.bullet is None for b in blocks):
        text = blocks[0].text[start:].strip()
        plain = [b.text.strip() for b in blocks[1:] if b.text.strip()]
        return [GlanceGroup(text=text, points=plain)] if text or plain else []
    groups: list[tuple[list[Block], list[list[Block]]]] = [([], [])]
    for b in blocks:
        lead, points = groups[-1]
        if b.bullet is not None:
            points.append([b])
        elif points and _indented(b, left):
            points[-1].append(b)
        elif points:
            groups.append(([b], []))
        else:
            lead.append(b)
    out: list[GlanceGroup] = []
    for k, (lead, points) in enumerate(groups):
        text = ""
        if lead:
            offset = start if k == 0 and lead[0] is blocks[0] else 0
            text = join(lead).text[offset:].strip()
        items = [join(p).text.strip() for p in points]
        items = [p for p in items if p]
        if text or items:
            out.append(GlanceGroup(text=text, points=items))
    return out
