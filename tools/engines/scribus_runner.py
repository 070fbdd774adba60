"""Run INSIDE Scribus 1.5: build a document from a frame plan and export it as PDF.

    NX_PLAN=plan.json NX_OUT=out.pdf xvfb-run -a scribus -g -ns -py tools/engines/scribus_runner.py

The plan (written by :mod:`tools.engines.scribus_writer`) names colours, character and
paragraph styles, text frames (position, columns, paragraphs of styled pieces, "fit" to
shrink a frame to its text, "below" to stack a frame under another) and drawn shapes.
Frames are filled in plan order; text is hyphenated where the plan asks (Scribus's own
hyphenator, hyphen-en-us). A frame whose text overflows is an error: the script writes
``NX_OUT + ".status.json"`` with what went wrong, and the build refuses the PDF.
"""

import json
import os

import scribus  # type: ignore[import-not-found]  # only inside Scribus


def _styles(plan):
    for name, rgb in plan["colors"].items():
        scribus.defineColorRGB(name, *rgb)
    for name, spec in plan["charstyles"].items():
        kw = {k: v for k, v in spec.items() if v != ""}
        scribus.createCharStyle(name=name, **kw)
    base = next(iter(plan["charstyles"]))
    for name, spec in plan["parastyles"].items():
        if name.startswith("_"):
            continue
        kw = dict(spec)
        if "tabs" in kw:
            kw["tabs"] = [tuple(t) for t in kw["tabs"]]
        scribus.createParagraphStyle(name=name, charstyle=base, **kw)


def _fill(frame, spec):
    text = "\r".join("".join(piece for piece, _style in p["runs"]) for p in spec["paras"])
    scribus.setText(text, frame)
    pos = 0
    for p in spec["paras"]:
        length = sum(len(piece) for piece, _style in p["runs"])
        scribus.selectText(pos, max(length, 1) if pos + max(length, 1) <= len(text) else length,
                           frame)
        scribus.setParagraphStyle(p["style"], frame)
        for piece, style in p["runs"]:
            if piece:
                scribus.selectText(pos, len(piece), frame)
                scribus.setCharacterStyle(style, frame)
            pos += len(piece)
        pos += 1  # the paragraph separator
    scribus.selectText(0, 0, frame)


def _fit(frame, x, y, w, h_max):
    """Shrink the frame to the least height (to 0.5 pt) that holds all its text."""
    lo, hi = 1.0, h_max
    while hi - lo > 0.5:
        mid = (lo + hi) / 2
        scribus.sizeObject(w, mid, frame)
        scribus.layoutText(frame)
        if scribus.textOverflows(frame, 1):
            lo = mid
        else:
            hi = mid
    scribus.sizeObject(w, hi, frame)
    scribus.layoutText(frame)
    return hi


def main():
    with open(os.environ["NX_PLAN"], encoding="utf-8") as fh:
        plan = json.load(fh)
    out = os.environ["NX_OUT"]
    problems = []
    w, h = plan["page"]
    scribus.newDocument((w, h), (0, 0, 0, 0), scribus.PORTRAIT, 1, scribus.UNIT_POINTS,
                        scribus.PAGE_1, 0, plan["pages"])
    scribus.setRedraw(False)
    _styles(plan)
    placed = {}
    for spec in plan["frames"]:
        scribus.gotoPage(spec["page"])
        y = spec["y"]
        if isinstance(y, dict):
            _x, by, _w, bh = placed[y["below"]]
            y = by + bh + y["gap"]
        height = spec["bottom"] - y if "bottom" in spec else spec["h"]
        frame = scribus.createText(spec["x"], y, spec["w"], height, spec["id"])
        scribus.setTextDistances(0, 0, 0, 0, frame)
        scribus.setFirstLineOffset(scribus.FLOP_FONTASCENT, frame)
        if spec.get("columns", 1) > 1:
            scribus.setColumns(spec["columns"], frame)
            scribus.setColumnGap(spec["colgap"], frame)
        _fill(frame, spec)
        if spec.get("hyphenate"):
            scribus.hyphenateText(frame)
        scribus.layoutText(frame)
        if spec.get("fit") and not scribus.textOverflows(frame, 1):
            height = _fit(frame, spec["x"], y, spec["w"], height)
        if scribus.textOverflows(frame, 1):
            problems.append(f"frame {spec['id']} on page {spec['page']} overflows")
        placed[spec["id"]] = (spec["x"], y, spec["w"], height)
    for k, s in enumerate(plan["shapes"]):
        scribus.gotoPage(s["page"])
        name = f"shape{k}"
        if s["kind"] == "line":
            scribus.createLine(s["x"], s["y"], s["x"] + s["w"], s["y"] + s["h"], name)
            scribus.setLineColor(s["color"], name)
            scribus.setLineWidth(s.get("width", 0.5), name)
        else:
            make = scribus.createEllipse if s["kind"] == "ellipse" else scribus.createRect
            make(s["x"], s["y"], s["w"], s["h"], name)
            scribus.setFillColor(s["color"], name)
            scribus.setLineColor("None", name)
    pdf = scribus.PDFfile()
    pdf.file = out
    pdf.outdst = 0  # screen: RGB colours kept as they are
    pdf.fonts = plan["fonts"]
    pdf.subsetList = plan["fonts"]
    pdf.compress = 1
    pdf.save()
    with open(out + ".status.json", "w", encoding="utf-8") as fh:
        json.dump({"problems": problems}, fh)


main()
