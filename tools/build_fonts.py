#!/usr/bin/env python3
"""Rebuild the renderer's font subsets in src/newsextract/testing/fonts/ from Debian packages.

The fixture renderer (``newsextract.testing.render_text``) reads its fonts from that folder
only. This script makes them with fontTools from the fonts of Debian 12 (bookworm):

=========================  =============================  ==================================
package (version)          original file                  subset written
=========================  =============================  ==================================
fonts-liberation2 2.1.5-1  LiberationSerif-Regular.ttf    NewsextractSerif-Regular.ttf
                           LiberationSerif-Bold.ttf       NewsextractSerif-Bold.ttf
                           LiberationSerif-Italic.ttf     NewsextractSerif-Italic.ttf
                           LiberationSerif-BoldItalic.ttf NewsextractSerif-BoldItalic.ttf
fonts-dejavu-core 2.37-6   DejaVuSans.ttf                 DejaVuSans.ttf
                           DejaVuSans-Bold.ttf            DejaVuSans-Bold.ttf
fonts-dejavu-extra 2.37-6  DejaVuSans-Oblique.ttf         DejaVuSans-Oblique.ttf
                           DejaVuSans-BoldOblique.ttf     DejaVuSans-BoldOblique.ttf
fonts-wqy-zenhei 0.9.45-8  wqy-zenhei.ttc, face 0         WenQuanYiZenHei.ttf
=========================  =============================  ==================================

Each subset keeps the glyphs of :func:`newsextract.testing.charset.font_characters` (Latin-1,
General Punctuation, CJK punctuation and full-width forms, everything the Hypothesis
strategies can draw) plus the characters of ``fixtures/src/*.json``, as far as the original
has them. Nothing else changes: advance widths, ``head``/``hhea``/``OS/2`` metrics and
bounding boxes, code-page bits, hinting and the ``name`` table stay as in the original (so a
fixture re-rendered with the subsets has the layout it had with the full fonts), except that
embedded bitmaps (``EBDT``/``EBLC``/``EBSC``/``BDF``, which PDFs never use) and FontForge's
timestamp table ``FFTM`` are dropped, and that the Liberation subsets are renamed
"Newsextract Serif": the SIL Open Font License reserves the name "Liberation" (and "Tinos")
and forbids it for any modified version, a subset included.
The licence files of the three packages are copied next to the fonts.

Usage (needs ``apt-get`` and ``dpkg-deb``, or ``--root`` with the packages already unpacked,
and fontTools: ``pip install fonttools``)::

    python tools/build_fonts.py                    # apt-get download + dpkg -x into a temp dir
    python tools/build_fonts.py --root /tmp/debs   # fonts already unpacked under /tmp/debs
    python tools/build_fonts.py --check            # exit 1 if the committed subsets differ

The output is deterministic: the same packages give byte-identical files. Never install the
font packages on a machine that runs the tests: the tests check that the renderer needs none.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "newsextract" / "testing" / "fonts"

PACKAGES = {  # Debian package -> the version these subsets were made from
    "fonts-liberation2": "2.1.5-1",
    "fonts-dejavu-core": "2.37-6",
    "fonts-dejavu-extra": "2.37-6",
    "fonts-wqy-zenhei": "0.9.45-8",
}
LIBERATION = "usr/share/fonts/truetype/liberation2"
DEJAVU = "usr/share/fonts/truetype/dejavu"
#: (original file under the unpacked root, TTC face, output file, new family or None)
FONTS: tuple[tuple[str, int, str, str | None], ...] = (
    (f"{LIBERATION}/LiberationSerif-Regular.ttf", 0, "NewsextractSerif-Regular.ttf",
     "Newsextract Serif"),
    (f"{LIBERATION}/LiberationSerif-Bold.ttf", 0, "NewsextractSerif-Bold.ttf",
     "Newsextract Serif"),
    (f"{LIBERATION}/LiberationSerif-Italic.ttf", 0, "NewsextractSerif-Italic.ttf",
     "Newsextract Serif"),
    (f"{LIBERATION}/LiberationSerif-BoldItalic.ttf", 0, "NewsextractSerif-BoldItalic.ttf",
     "Newsextract Serif"),
    (f"{DEJAVU}/DejaVuSans.ttf", 0, "DejaVuSans.ttf", None),
    (f"{DEJAVU}/DejaVuSans-Bold.ttf", 0, "DejaVuSans-Bold.ttf", None),
    (f"{DEJAVU}/DejaVuSans-Oblique.ttf", 0, "DejaVuSans-Oblique.ttf", None),
    (f"{DEJAVU}/DejaVuSans-BoldOblique.ttf", 0, "DejaVuSans-BoldOblique.ttf", None),
    ("usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYiZenHei.ttf", None),
)
#: (licence file written, Debian copyright file it is copied from, text put before it)
LICENCES = (
    ("LICENSE-NewsextractSerif.txt", "usr/share/doc/fonts-liberation2/copyright",
     "NewsextractSerif-*.ttf are subsets of Liberation Serif 2.1.5 (Debian fonts-liberation2\n"
     "2.1.5-1), renamed as the SIL Open Font License 1.1 requires of a Modified Version\n"
     "(Reserved Font Names: Liberation; Arimo, Tinos, Cousine). They are distributed under\n"
     "that licence, reproduced below with the original copyright notice.\n"),
    ("LICENSE-DejaVuSans.txt", "usr/share/doc/fonts-dejavu-core/copyright",
     "DejaVuSans*.ttf are subsets of DejaVu Sans 2.37 (Debian fonts-dejavu-core and\n"
     "fonts-dejavu-extra 2.37-6); their names contain neither \"Bitstream\" nor \"Vera\", as\n"
     "the Bitstream Vera licence requires of modified fonts. Licence and copyright below.\n"),
    ("LICENSE-WenQuanYiZenHei.txt", "usr/share/doc/fonts-wqy-zenhei/copyright",
     "WenQuanYiZenHei.ttf is a subset of face 0 of wqy-zenhei.ttc, WenQuanYi Zen Hei 0.9.45\n"
     "(Debian fonts-wqy-zenhei 0.9.45-8), made by tools/build_fonts.py of newsextract, which\n"
     "also names the exact changes (glyphs removed, bitmaps dropped). It is distributed under\n"
     "the GNU General Public License version 2 with the font embedding exception, as the\n"
     "original; the corresponding source is the original font in that Debian package\n"
     "(source package fonts-wqy-zenhei 0.9.45-8, https://sources.debian.org/) together with\n"
     "that script. Copyright and licence below; the GPL-2 text follows them.\n"),
)
GPL2 = "usr/share/common-licenses/GPL-2"


def fixture_text() -> list[str]:
    """Return every string of the fixture sources (their characters must be printable)."""
    out: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(k)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for src in sorted((ROOT / "fixtures" / "src").glob("*.json")):
        walk(json.loads(src.read_text(encoding="utf-8")))
    return out


def unpack(dest: Path) -> None:
    """Download the Debian packages of :data:`PACKAGES` and unpack them under ``dest``."""
    debs = dest / "debs"
    debs.mkdir()
    names = [f"{p}={v}" for p, v in PACKAGES.items()]
    subprocess.run(["apt-get", "download", *names], cwd=debs, check=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(dest)], check=True)


def rename(font: object, family: str) -> None:
    """Give ``font`` the family ``family`` in every name record that carries the old one."""
    from fontTools.ttLib import TTFont

    assert isinstance(font, TTFont)
    name = font["name"]
    style = name.getDebugName(2) or "Regular"
    ps_family = family.replace(" ", "")
    ps_style = "" if style == "Regular" else style.replace(" ", "")
    new = {
        1: family,
        3: f"{ps_family}-{style.replace(' ', '')}; subset by newsextract tools/build_fonts.py",
        4: family if style == "Regular" else f"{family} {style}",
        6: f"{ps_family}-{ps_style}" if ps_style else ps_family,
        16: family,
    }
    for record in name.names:
        if record.nameID in new:
            record.string = new[record.nameID]


def subset(path: Path, face: int, chars: Iterable[str], family: str | None) -> bytes:
    """Return the subset of face ``face`` of ``path`` for ``chars`` (see the module docs)."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    options = ftsubset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.legacy_kern = True
    options.notdef_outline = True
    options.glyph_names = True
    options.recalc_bounds = False
    options.recalc_timestamp = False
    options.prune_unicode_ranges = False
    options.prune_codepage_ranges = False
    options.drop_tables = [*options.drop_tables, "EBDT", "EBLC", "EBSC", "BDF ", "FFTM"]
    font = TTFont(str(path), fontNumber=face, recalcBBoxes=False, recalcTimestamp=False,
                  lazy=False)
    sub = ftsubset.Subsetter(options)
    sub.populate(unicodes=sorted(ord(c) for c in chars))
    sub.subset(font)
    if family is not None:
        rename(font, family)
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def build(root: Path) -> dict[str, bytes]:
    """Return every output file (name -> bytes) made from the fonts unpacked under ``root``."""
    from newsextract.testing.charset import font_characters

    chars = font_characters(fixture_text())
    files: dict[str, bytes] = {}
    for original, face, out, family in FONTS:
        files[out] = subset(root / original, face, chars, family)
    gpl = (root / GPL2) if (root / GPL2).is_file() else Path("/") / GPL2
    for out, copyright_file, intro in LICENCES:
        text = intro + "\n" + (root / copyright_file).read_text(encoding="utf-8")
        if out == "LICENSE-WenQuanYiZenHei.txt":
            text += "\n\n" + gpl.read_text(encoding="utf-8")
        files[out] = text.encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path,
                        help="where the Debian packages are unpacked (default: download them)")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder")
    parser.add_argument("--check", action="store_true",
                        help="compare with the files in --out instead of writing them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.root
        if root is None:
            root = Path(tmp)
            unpack(root)
        files = build(root)
    if args.check:
        stale = [n for n, data in files.items()
                 if not (args.out / n).is_file() or (args.out / n).read_bytes() != data]
        for n in stale:
            print(f"differs: {n}", file=sys.stderr)
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for n, data in files.items():
        (args.out / n).write_bytes(data)
        print(f"{n}: {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
