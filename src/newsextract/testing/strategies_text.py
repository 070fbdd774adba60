"""Text building blocks for :mod:`newsextract.testing.strategies`: words, sentences, Chinese.

Generated text is realistic enough to look like the newsletter (policy vocabulary, commas,
curly quotes, en dashes, ordinals such as "14th", percentages, Chinese titles with 《》 and
（）) and is always printable by :func:`~newsextract.testing.render_issue`: single-spaced, no
control characters or ligature code points, and no unbreakable token wider than the
narrowest line it may land on (see :class:`TextFit`).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from hypothesis import strategies as st

__all__ = [
    "CJK_WORDS",
    "DECORATIONS",
    "LATIN_WORDS",
    "NUMBER_TOKENS",
    "TITLE_SHAPES",
    "TextFit",
    "cjk_phrase",
    "sentence_tokens",
    "title_tokens",
    "tokens_to_text",
]

#: Lower-case policy vocabulary (hyphenated compounds included; none ends with "-").
LATIN_WORDS: tuple[str, ...] = (
    "plan", "policy", "industry", "industrial", "manufacturing", "ministry", "targets",
    "measures", "guidelines", "draft", "rules", "standards", "capacity", "investment",
    "subsidies", "companies", "firms", "local", "governments", "provinces", "central",
    "national", "pilot", "zones", "cities", "digital", "transformation", "green", "low-carbon",
    "high-end", "state-owned", "self-reliance", "semiconductor", "chips", "battery",
    "batteries", "recycling", "robots", "humanoid", "software", "cloud", "data", "computing",
    "platform", "platforms", "supply", "chain", "chains", "exports", "imports", "tariffs",
    "foreign", "domestic", "market", "markets", "access", "review", "security", "innovation",
    "research", "development", "funds", "financing", "loans", "banks", "credit", "output",
    "growth", "demand", "prices", "steel", "solar", "wind", "hydrogen", "nuclear", "power",
    "grid", "vehicles", "electric", "shipbuilding", "aviation", "drones", "low-altitude",
    "economy", "the", "a", "of", "and", "to", "for", "in", "on", "with", "by", "as", "at",
    "from", "new", "more", "than", "will", "must", "should", "could", "may", "is", "are",
    "has", "have", "sets", "issues", "publishes", "releases", "tightens", "expands",
    "promotes", "supports", "cuts", "raises", "launches", "approves", "announces", "urges",
    "calls", "build", "upgrade", "strengthen", "accelerate", "key", "core", "strategic",
    "emerging", "future", "traditional", "small", "medium-sized", "enterprises", "SOEs",
    "private", "sector", "sectors", "Beijing", "Shanghai", "Shenzhen", "Guangdong",
    "Jiangsu", "Hunan", "Xi", "Jinping", "MIIT", "NDRC", "MOFCOM", "SAMR", "CATL", "BYD",
    "Huawei", "SMIC", "EU", "US", "AI", "EV", "EVs", "5G", "R&D", "Five-Year", "Plan",
    "“Made", "China”", "“new", "productive", "forces”", "e-CNY", "cross-border", "so-called",
    "world-class", "long-term", "year-on-year", "re-lending",
)
#: Numbers as printed: years, ordinals (raised suffix), percentages, ranges with en dash.
NUMBER_TOKENS: tuple[str, ...] = (
    "2025", "2027", "2030", "2035", "14th", "15th", "1st", "2nd", "3rd", "20th", "21st",
    "10", "40", "200", "1,000", "3.5", "12.5%", "80%", "90", "percent", "GWh", "RMB",
    "2021–2025", "2024–2026", "No.", "1",
)
#: Real Chinese policy words; titles are built from them with 《》 and （）.
CJK_WORDS: tuple[str, ...] = (
    "关于", "印发", "加快", "推进", "推动", "促进", "制造业", "工业", "数字化", "转型",
    "高质量", "发展", "新能源汽车", "动力蓄电池", "回收利用", "产业", "行动计划",
    "实施方案", "指导意见", "管理办法", "规划", "十四五", "人形机器人", "创新", "未来产业",
    "低空经济", "绿色", "智能", "软件", "信息技术", "服务业", "标准", "体系", "建设",
    "外商投资", "鼓励", "目录", "集成电路", "专利", "审查", "指南", "修订", "若干措施",
    "工作方案", "部门", "国务院", "办公厅", "中共中央",
)
#: The shapes of a Chinese title, ``{}`` standing for the words drawn from CJK_WORDS.
TITLE_SHAPES: dict[str, str] = {
    "plain": "{}",
    "notice": "关于印发《{}》的通知",
    "quoted": "《{}》",
    "edition": "{}（2024年版）",
    "fyp": "《“十四五”{}》",
}
#: Punctuation the strategies add between and around tokens (see ``_decorate``).
DECORATIONS = ",“”–().:"


@dataclass(frozen=True)
class TextFit:
    """Which unbreakable tokens a layout can print: none may be wider than ``limit`` points.

    Widths are measured in the layout's *bold* face at ``scale`` times the body size (story
    titles are 1.3 times the body size and bold; every other line is narrower text in a
    wider or equal frame), CJK runs in the CJK face, exactly as the renderer picks fonts.
    """

    family: Literal["sans", "serif"]
    cjk_mode: Literal["embedded", "cid"]
    size: float
    limit: float
    scale: float = 1.3

    def width(self, token: str) -> float:
        """Return the printed width of ``token`` in points (bold, scaled)."""
        return _width(token, self.family, self.cjk_mode, self.size * self.scale)

    def fits(self, token: str) -> bool:
        """Return True when ``token`` (and its upper-case form) fits the narrowest line."""
        return self.width(token) <= self.limit and self.width(token.upper()) <= self.limit

    def pool(self, tokens: Sequence[str]) -> tuple[str, ...]:
        """Return the tokens of ``tokens`` that fit, keeping their order."""
        return _pool(self, tuple(tokens))


@functools.lru_cache(maxsize=4096)
def _width(token: str, family: Literal["sans", "serif"], cjk_mode: Literal["embedded", "cid"],
           size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from newsextract.testing.render_text import font_runs, get_fonts

    fonts = get_fonts(family, cjk_mode)
    return sum(float(stringWidth(chunk, fonts.cjk if cjk else fonts.bold, size))
               for chunk, cjk in font_runs(token, fonts))


@functools.lru_cache(maxsize=256)
def _pool(fit: TextFit, tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in tokens if fit.fits(t))


def tokens_to_text(tokens: Sequence[str]) -> str:
    """Join tokens with single spaces."""
    return " ".join(tokens)


@st.composite
def cjk_phrase(draw: st.DrawFn, fit: TextFit) -> str:
    """Draw a Chinese title such as 关于印发《制造业数字化转型行动计划》的通知.

    The whole phrase is one unbreakable token (the renderer wraps at spaces only), so words
    are dropped from its end until it fits the layout; an empty string when nothing fits.
    """
    words = draw(st.lists(st.sampled_from(CJK_WORDS), min_size=1, max_size=6))
    shape = draw(st.sampled_from(tuple(TITLE_SHAPES)))
    while words:
        text = TITLE_SHAPES[shape].format("".join(words))
        if fit.fits(text):
            return text
        words = words[:-1]
    return ""


def _decorate(draw: st.DrawFn, tokens: list[str], fit: TextFit, *, allow_parens: bool) -> None:
    """Add commas, a quoted phrase, an en dash, a bracketed aside (in place, where they fit)."""
    n = len(tokens)
    if n >= 4 and draw(st.booleans()):
        for i in sorted(set(draw(st.lists(st.integers(0, n - 2), max_size=2)))):
            if not tokens[i].endswith((",", "”", ")")) and fit.fits(tokens[i] + ","):
                tokens[i] += ","
    if n >= 3 and draw(st.integers(0, 4)) == 0:
        i = draw(st.integers(1, n - 2))
        j = draw(st.integers(i, min(n - 2, i + 2)))
        a, b = "“" + tokens[i], tokens[j].rstrip(",") + "”"
        if i == j:
            a = b = "“" + tokens[i].rstrip(",") + "”"
        if fit.fits(a) and fit.fits(b) and "“" not in "".join(tokens[i:j + 1]):
            tokens[i] = a
            tokens[j] = b if i != j else a
    if n >= 5 and draw(st.integers(0, 4)) == 0:
        tokens.insert(draw(st.integers(2, n - 2)), "–")
    if allow_parens and n >= 4 and draw(st.integers(0, 4)) == 0:
        i = draw(st.integers(1, n - 3))
        j = draw(st.integers(i, min(n - 3, i + 2)))
        a, b = "(" + tokens[i], tokens[j].rstrip(",") + ")"
        if i == j:
            a = b = "(" + tokens[i].rstrip(",") + ")"
        if fit.fits(a) and fit.fits(b) and not any(c in "".join(tokens[i:j + 1]) for c in "()“”"):
            tokens[i] = a
            tokens[j] = b if i != j else a


@st.composite
def sentence_tokens(
    draw: st.DrawFn,
    fit: TextFit,
    *,
    min_words: int = 3,
    max_words: int = 18,
    end: str = ".",
    allow_parens: bool = True,
    cjk: bool = True,
) -> list[str]:
    """Draw one sentence as tokens: capitalised, decorated, ending in ``end`` (may be "")."""
    latin = fit.pool(LATIN_WORDS)
    numbers = fit.pool(NUMBER_TOKENS)
    word = st.sampled_from(latin)
    if numbers:
        word = st.one_of(word, word, word, st.sampled_from(numbers))
    tokens = draw(st.lists(word, min_size=min_words, max_size=max_words))
    if cjk and draw(st.integers(0, 5)) == 0:
        phrase = draw(cjk_phrase(fit))
        if phrase:
            tokens.insert(draw(st.integers(0, len(tokens))), phrase)
    _decorate(draw, tokens, fit, allow_parens=allow_parens)
    first = tokens[0]
    cap = first[:1].upper() + first[1:]
    if fit.fits(cap):
        tokens[0] = cap
    if end:
        last = tokens[-1].rstrip(",")
        tokens[-1] = last + end if fit.fits(last + end) else last
    else:
        tokens[-1] = tokens[-1].rstrip(",")
    return tokens


@st.composite
def title_tokens(draw: st.DrawFn, fit: TextFit) -> list[str]:
    """Draw a headline: 3-14 tokens, no final full stop."""
    return draw(sentence_tokens(fit, min_words=3, max_words=14, end="", allow_parens=False))
