"""Scribus (DTP) page plans: the page plan as text frames, styles and drawn shapes.

Scribus is driven by a script (:mod:`tools.engines.scribus_runner`, run inside Scribus) that
reads a JSON *frame plan* written here. The plan is what a designer builds by hand in a
DTP program:

* every page has its own text frames: the running header and the page number (pages 2
  and up), a head frame fitted to its text (section heading, story title) and a body frame
  below it down to the bottom margin, in ``story_columns`` columns for the stories and two
  columns for the Noteworthy lists; the back page is one narrow frame (``sidebar_mm``), so
  long roles wrap (with ``names_bold=False`` the names are set in the accent colour
  only, as designers do: nothing a text layer keeps tells them from their roles);
* paragraph styles with a fixed leading, character styles for every combination of font,
  size, colour and superscript used; Chinese runs are set in the CJK font (Scribus does
  no font fallback);
* list bullets are not text: a filled circle, a filled square or a short rule
  (``bullet_shape``) is drawn left of each item's first line. Where that line lies is only
  known once Scribus has set the text, so the build runs Scribus twice: the first pass
  paints the first character of every item in a colour of its own (``M<k>``), the build
  reads those characters' positions from the first PDF (:func:`bullet_shapes`), and the
  second pass draws the shapes there;
* links: Scribus links whole frames only, so each link's text is painted in a colour of
  its own (``L<k>``, all but identical to the link blue) and
  :func:`tools.engines.postprocess.add_line_links` writes one ``/Link`` annotation per
  line over those characters, as InDesign exports a wrapped hyperlink.

Colours are exported as RGB (``outdst = 0``), so the marks read back exactly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
from tools.engines.model import Doc, Para, Run
from tools.engines.variants import PAGE_MM, Variant

MM = 72.0 / 25.4
ACCENT = (0, 86, 110)
BODY = (17, 17, 17)
#: Link ``k`` is painted (31, LINK_GREEN0 + k, 168): visually the link blue of the house
#: style, and one colour per link so that its characters can be found again.
LINK_GREEN0 = 20
#: The first character of list item ``k`` (first pass only) is painted (k + 1, 17, 18).
CJK = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef\u2e80-\u2fff]+")

_FONTS = {
    "Liberation Serif": ("Liberation Serif Regular", "Liberation Serif Bold",
                         "Liberation Serif Italic"),
    "Liberation Sans": ("Liberation Sans Regular", "Liberation Sans Bold",
                        "Liberation Sans Italic"),
    "DejaVu Sans": ("DejaVu Sans Book", "DejaVu Sans Bold", "DejaVu Sans Oblique"),
    "DejaVu Serif": ("DejaVu Serif Book", "DejaVu Serif Bold", "DejaVu Serif Italic"),
}
#: Scribus 1.5.8 crashes embedding Noto CJK (CFF in a collection): its CJK font is TrueType.
CJK_FONT = "WenQuanYi Zen Hei Regular"


@dataclass
class _Styles:
    """Character styles by name, created as the runs ask for them."""

    regular: str
    bold: str
    italic: str
    chars: dict[str, dict[str, Any]] = field(default_factory=dict)

    def char(self, *, size: float, bold: bool = False, italic: bool = False, sup: bool = False,
             cjk: bool = False, color: str = "Body") -> str:
        font = CJK_FONT if cjk else (self.bold if bold else self.italic if italic
                                     else self.regular)
        name = f"c_{font}_{size:g}_{color}_{int(sup)}".replace(" ", "")
        if name not in self.chars:
            self.chars[name] = {"font": font, "fontsize": size, "fillcolor": color,
                                "features": "superscript" if sup else "",
                                "language": "en_US"}
        return name


@dataclass
class _Marks:
    """Link and list-item colours handed out in reading order."""

    links: list[str] = field(default_factory=list)
    items: int = 0

    def link(self, url: str) -> str:
        self.links.append(url)
        return f"L{len(self.links) - 1}"

    def item(self) -> str:
        self.items += 1
        return f"M{self.items - 1}"


#: Para kind -> (paragraph style, size factor, bold, colour).
_KIND: dict[str, tuple[str, float, bool, str]] = {
    "cover-line": ("pCoverLine", 0.95, True, "Accent"),
    "wordmark": ("pWordmark", 3.0, True, "Accent"),
    "cover-title": ("pCoverTitle", 4.2, True, "Body"),
    "cover-authors": ("pCoverAuthors", 1.1, False, "Body"),
    "section": ("pSection", 1.7, True, "Accent"),
    "subsection": ("pSubsection", 1.2, True, "Accent"),
    "story": ("pStory", 1.3, True, "Accent"),
    "body": ("pBody", 1.0, False, "Body"),
    "line": ("pLine", 1.0, False, "Body"),
    "bullet": ("pItem", 1.0, False, "Body"),
    "news": ("pItem", 1.0, False, "Body"),
    "toc1": ("pToc1", 1.0, True, "Body"),
    "toc2": ("pToc2", 1.0, False, "Body"),
    "person-name": ("pPersonName", 1.0, True, "Body"),
    "person": ("pPerson", 1.0, False, "Body"),
    "plain": ("pPlain", 1.0, False, "Body"),
}


def _para_styles(v: Variant, frame_w: float, sidebar_w: float) -> dict[str, dict[str, Any]]:
    b = v.body_pt
    lead = round(1.3 * b, 2)
    just = 3 if v.justify else 0

    def st(size: float, align: int = 0, before: float = 0.0, after: float = 0.0,
           left: float = 0.0, first: float = 0.0, **kw: Any) -> dict[str, Any]:
        return {"linespacingmode": 0, "linespacing": round(size * 1.25, 2), "alignment": align,
                "gapbefore": before, "gapafter": after, "leftmargin": left,
                "firstindent": first, **kw}

    toc_tab = [(round(frame_w - 1, 1), 1, ".")]
    return {
        "pCoverLine": st(0.95 * b, before=40 * MM, after=2.5 * b),
        "pWordmark": st(3.0 * b),
        "pCoverTitle": st(4.2 * b, after=0.8 * b),
        "pCoverAuthors": st(1.1 * b, before=3 * MM),
        "pSection": st(1.7 * b, after=1.0 * b),
        "pSubsection": st(1.2 * b, before=0.6 * b, after=0.5 * b),
        "pStory": st(1.3 * b, after=0.6 * b),
        "pBody": {**st(b, just, after=0.55 * b), "linespacing": lead},
        "pLine": {**st(b, after=0.55 * b), "linespacing": lead},
        "pItem": {**st(b, just, after=0.3 * b, left=1.5 * b), "linespacing": lead},
        "pToc1": {**st(b, before=0.8 * b, after=0.2 * b), "tabs": toc_tab},
        "pToc2": {**st(b, after=0.2 * b, left=2.7 * b, first=-1.2 * b),
                  "tabs": toc_tab},
        "pPersonName": st(b, before=0.8 * b),
        "pPerson": st(b),
        "pContact": st(b, before=1.2 * b),
        "pPlain": st(b, after=0.2 * b),
        "pHeader": st(0.8 * b),
        "pFooter": st(0.8 * b, align=1),
        "_sidebar": {"width": sidebar_w},
    }


def _runs(p: Para, v: Variant, styles: _Styles, marks: _Marks, *,
          mark_item: bool) -> list[list[str]]:
    """Return the paragraph's [text, char style] pieces (Chinese split off, links coloured)."""
    _style, factor, kind_bold, color = _KIND[p.kind]
    plain_names = p.kind == "person-name" and not v.names_bold
    if plain_names:
        color = "Accent"  # names told apart by colour only
    size = round(factor * v.body_pt, 2)
    out: list[list[str]] = []
    runs: list[Run] = list(p.runs)
    if p.number:
        runs = [Run(p.number, bold=kind_bold), *runs]
    if p.kind in ("toc1", "toc2"):
        runs = [*runs, Run(f"\t{p.page}", bold=p.kind == "toc1")]
    link_color: dict[str, str] = {}
    for r in runs:
        run_color = color
        if r.href:
            run_color = link_color.setdefault(r.href, marks.link(r.href))
        pos = 0
        for m in CJK.finditer(r.text):
            if m.start() > pos:
                out.append([r.text[pos:m.start()], styles.char(
                    size=size, bold=(r.bold or kind_bold) and not plain_names, italic=r.italic,
                    sup=r.sup, color=run_color)])
            out.append([m.group(0), styles.char(size=size, sup=r.sup, cjk=True,
                                                color=run_color)])
            pos = m.end()
        if pos < len(r.text):
            out.append([r.text[pos:], styles.char(size=size,
                                                  bold=(r.bold or kind_bold) and not plain_names,
                                                  italic=r.italic, sup=r.sup, color=run_color)])
    if mark_item and out and out[0][0]:
        first, rest = out[0][0][0], out[0][0][1:]
        spec = styles.chars[out[0][1]]
        mark = styles.char(size=spec["fontsize"], bold="Bold" in spec["font"],
                           italic="Italic" in spec["font"] or "Oblique" in spec["font"],
                           cjk=spec["font"] == CJK_FONT, color=marks.item())
        out[0:1] = [[first, mark], *([[rest, out[0][1]]] if rest else [])]
    return out


def _para(p: Para, v: Variant, styles: _Styles, marks: _Marks) -> dict[str, Any]:
    style = _KIND[p.kind][0]
    if p.kind == "person" and p.space_before:
        style = "pContact"
    if p.kind == "story" and p.space_before:
        style = "pStory"
    item = p.kind in ("bullet", "news")
    return {"style": style, "runs": _runs(p, v, styles, marks, mark_item=item),
            "item": item}


def frame_plan(doc: Doc, v: Variant) -> dict[str, Any]:
    """Return the frame plan of ``doc`` in variant ``v`` (first pass: items marked)."""
    pw_mm, ph_mm = PAGE_MM[v.page]
    pw, ph = pw_mm * MM, ph_mm * MM
    top, right, bottom, left = (m * MM for m in v.margin_mm)
    frame_w = pw - left - right
    sidebar_w = v.sidebar_mm * MM if v.sidebar_mm else frame_w
    regular, bold, italic = _FONTS[v.latin_font]
    styles = _Styles(regular, bold, italic)
    marks = _Marks()
    frames: list[dict[str, Any]] = []
    rects: list[dict[str, Any]] = []
    last = doc.pages[-1].number
    for page in doc.pages:
        n = page.number
        paras = [_para(p, v, styles, marks) for p in page.paras]
        fid = f"p{n}"
        if n > 1:
            small = round(0.8 * v.body_pt, 2)
            frames.append({"id": f"{fid}h", "page": n, "x": left, "y": top - 2.2 * v.body_pt,
                           "w": frame_w, "h": 1.6 * v.body_pt, "paras": [
                               {"style": "pHeader", "runs": [[doc.header, styles.char(
                                   size=small, color="Grey")]]}]})
            rects.append({"page": n, "kind": "line", "x": left, "y": top - 0.5 * v.body_pt,
                          "w": frame_w, "h": 0.0, "color": "Grey", "width": 0.4})
            frames.append({"id": f"{fid}f", "page": n, "x": left,
                           "y": ph - bottom + 0.8 * v.body_pt, "w": frame_w,
                           "h": 1.6 * v.body_pt, "paras": [
                               {"style": "pFooter", "runs": [[str(n), styles.char(
                                   size=small, color="Grey")]]}]})
        if page.cover:
            rects.append({"page": n, "kind": "rect", "x": 0.0, "y": 0.0, "w": 0.45 * left,
                          "h": ph, "color": "Accent"})
            frames.append({"id": fid, "page": n, "x": left, "y": top, "w": frame_w,
                           "h": ph - top - bottom, "paras": paras})
            continue
        kinds = [p.kind for p in page.paras]
        if n == last:  # the back page: one narrow frame, long roles wrap
            frames.append({"id": fid, "page": n, "x": left, "y": top, "w": sidebar_w,
                           "h": ph - top - bottom, "paras": paras})
            continue
        split = page.columns_from if page.columns_from is not None else (
            kinds.index("story") + 1 if "story" in kinds else 0)
        columns = 2 if page.columns_from is not None else (
            v.story_columns if "story" in kinds else 1)
        body_y: Any = top
        if split:
            frames.append({"id": f"{fid}a", "page": n, "x": left, "y": top, "w": frame_w,
                           "fit": True, "h": ph - top - bottom, "paras": paras[:split]})
            body_y = {"below": f"{fid}a", "gap": 0.4 * v.body_pt}
        # a body frame in columns is fitted to its text: balanced columns
        frames.append({"id": fid, "page": n, "x": left, "y": body_y, "w": frame_w,
                       "bottom": ph - bottom, "columns": columns, "fit": columns > 1,
                       "colgap": v.column_gap_mm * MM, "paras": paras[split:],
                       "hyphenate": v.hyphenation == "engine"})
    colors = {"Body": BODY, "Accent": ACCENT, "Grey": (119, 119, 119)}
    colors.update({f"L{k}": (31, LINK_GREEN0 + k, 168) for k in range(len(marks.links))})
    colors.update({f"M{k}": (k + 1, 17, 18) for k in range(marks.items)})
    if len(marks.links) + LINK_GREEN0 > 255 or marks.items > 254:
        raise ValueError(f"{doc.name}: too many links or list items to mark by colour")
    return {
        "name": doc.name,
        "page": [round(pw, 3), round(ph, 3)],
        "pages": len(doc.pages),
        "colors": colors,
        "charstyles": styles.chars,
        "parastyles": _para_styles(v, frame_w, sidebar_w),
        "frames": frames,
        "shapes": rects,
        "links": marks.links,
        "items": marks.items,
        "fonts": sorted({s["font"] for s in styles.chars.values()}),
    }


def bullet_shapes(pdf: Path, plan: dict[str, Any], v: Variant) -> list[dict[str, Any]]:
    """Read the first pass's item marks and return the bullet shapes to draw.

    Each marked character opens an item: its bullet goes ``0.9 em`` left of it (the item's
    hanging indent is 1.5 em), centred on the x-height; a circle or square of ``0.36 em``,
    or a rule ``0.55 em`` long and ``0.08 em`` thick.
    """
    import pdfplumber

    want = {tuple(c): name for name, c in plan["colors"].items() if name.startswith("M")}
    found: dict[str, dict[str, Any]] = {}
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for ch in page.chars:
                col = ch.get("non_stroking_color")
                if not isinstance(col, (tuple, list)) or len(col) != 3:
                    continue
                key = tuple(round(float(x) * 255) for x in col)
                name = want.get(key)
                if name is None or name in found:
                    continue
                size = float(ch["size"])
                cy = float(ch["bottom"]) - 0.5 * size  # ~ the middle of the x-height
                d = 0.36 * size
                x_right = float(ch["x0"]) - 0.9 * size + d
                shape: dict[str, Any] = {"page": page.page_number, "color": "Body"}
                if v.bullet_shape == "rule":
                    w, t = 0.55 * size, 0.08 * size
                    shape.update(kind="line", x=x_right - w, y=cy, w=w, h=0.0, width=t)
                else:
                    shape.update(kind="ellipse" if v.bullet_shape == "circle" else "rect",
                                 x=x_right - d, y=cy - d / 2, w=d, h=d)
                found[name] = shape
    missing = plan["items"] - len(found)
    if missing:
        raise RuntimeError(f"{pdf.name}: {missing} list item(s) not found in the first pass")
    return [found[f"M{k}"] for k in range(plan["items"])]


def second_pass(plan: dict[str, Any], shapes: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the plan with the item marks painted back in body colour and the bullets."""
    out = json.loads(json.dumps(plan))
    for k in range(out["items"]):
        out["colors"][f"M{k}"] = list(BODY)
    out["shapes"] = [*out["shapes"], *shapes]
    return out
