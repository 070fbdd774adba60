"""The URL rule (``newsextract.urls``) and the models that enforce it and the text rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from newsextract.models import ExtractionWarning, Link, NewsSource, Paragraph, Person, TopStory
from newsextract.testing.hostile import hostile_url
from newsextract.urls import (
    MAX_URL_LENGTH,
    UnsafeURLError,
    URLTooLongError,
    clean_url,
    is_clean_url,
)


@pytest.mark.parametrize(("raw", "clean"), [
    ("https://www.miit.gov.cn/zwgk/art_1.html", "https://www.miit.gov.cn/zwgk/art_1.html"),
    ("HTTPS://WWW.Example.ORG/Path?Q=1#F", "https://www.example.org/Path?Q=1#F"),
    ("https://e.org/a b", "https://e.org/a%20b"),
    ("https://e.org/x\ny\rz\tw", "https://e.org/x%0Ay%0Dz%09w"),
    ("https://e.org/\x1b[31m\x00\x7f\x85x", "https://e.org/%1B%5B31m%00%7F%C2%85x"),
    ("https://e.org/\u202eevil\u2066x", "https://e.org/%E2%80%AEevil%E2%81%A6x"),
    ("https://bücher.de/ü?q=ä#f#g", "https://xn--bcher-kva.de/%C3%BC?q=%C3%A4#f%23g"),
    ("https://e.org/<a>\"'{|}^`", "https://e.org/%3Ca%3E%22'%7B%7C%7D%5E%60"),
    ("https://e.org/%zz%41%", "https://e.org/%25zz%41%25"),
    ("https://e.org\\@x.org/", "https://e.org/@x.org/"),
    ("https://[::1]:8080/", "https://[::1]:8080/"),
    ("http://10.0.0.1:80", "http://10.0.0.1:80"),
    ("  \x00https://e.org/\u200f ", "https://e.org/"),
    ("mailto:a b@X.org?subject=hi there", "mailto:a%20b@x.org?subject=hi%20there"),
    ("MAILTO:press@example.org", "mailto:press@example.org"),
])
def test_clean_url_percent_encodes_what_it_keeps(raw: str, clean: str) -> None:
    assert clean_url(raw) == clean
    assert is_clean_url(clean) and clean_url(clean) == clean
    assert raw == clean or not is_clean_url(raw)


@pytest.mark.parametrize(("raw", "reason"), [
    ("javascript:alert(1)", "scheme 'javascript'"),
    ("file:///etc/passwd", "scheme 'file'"),
    ("data:text/html,x", "scheme 'data'"),
    ("vbscript:x", "scheme 'vbscript'"),
    ("java\nscript:alert(1)", "no scheme"),
    ("//e.org/x", "no scheme"),
    ("http:e.org", "no '//'"),
    ("https:///x", "no host"),
    ("https://bank.example@evil.example/", "user information"),
    ("https://exa mple.org/", "space, control or format character"),
    ("https://e\u202e.org/", "space, control or format character"),
    ("https://e\u00ad.org/", "space, control or format character"),
    ("https://e..org/", "not a valid name"),
    ("https://-e.org/", "not a valid name"),
    ("https://1.2.3.999/", "IPv4"),
    ("https://[::g]/", "not a host"),
    ("https://[1::2::3]/", "IPv6"),
    ("https://e.org:0/", "port out of range"),
    ("https://e.org:99999/", "port out of range"),
    ("https://e.org:/", "not a host and port"),
    ("https://e.org/\ud800", "lone surrogate"),
    ("mailto:", "not an e-mail address"),
    ("mailto:@e.org", "not an e-mail address"),
    ("mailto:a@b c.org", "space"),
])
def test_clean_url_refuses_what_cannot_be_made_safe(raw: str, reason: str) -> None:
    with pytest.raises(UnsafeURLError, match=reason):
        clean_url(raw)
    assert not is_clean_url(raw)


def test_the_length_cap_is_8_kib_before_and_after_encoding() -> None:
    base = "https://e.org/"
    assert MAX_URL_LENGTH == 8192
    at_cap = base + "a" * (MAX_URL_LENGTH - len(base))
    assert clean_url(at_cap) == at_cap
    with pytest.raises(URLTooLongError):
        clean_url(at_cap + "a")
    with pytest.raises(URLTooLongError, match="once encoded"):
        clean_url(base + " x" * 3000)  # 6014 characters, 12014 once encoded
    with pytest.raises(URLTooLongError):
        clean_url(base + "a" * 1_000_000)


@given(st.one_of(hostile_url(), st.text(max_size=40).map(lambda t: "https://e.org/" + t),
                 st.text(max_size=60)))
def test_clean_url_is_idempotent_and_its_output_is_plain_ascii(raw: str) -> None:
    try:
        clean = clean_url(raw)
    except UnsafeURLError:
        assert not is_clean_url(raw)
        return
    assert clean_url(clean) == clean
    assert clean.isascii() and clean.isprintable() and " " not in clean
    assert clean.split(":", 1)[0] in ("http", "https", "mailto")


def test_the_models_refuse_a_url_clean_url_would_not_produce() -> None:
    for bad in ("https://e.org/a b", "javascript:x", "HTTPS://e.org/", "https://a@b.org/",
                "https://e.org/" + "a" * MAX_URL_LENGTH):
        with pytest.raises(ValidationError):
            Link(text="x", url=bad)
        with pytest.raises(ValidationError):
            NewsSource(label="x", url=bad)
    assert Link(text="x", url="https://e.org/a%20b").url == "https://e.org/a%20b"


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\n", "\r", "\t", "\x7f", "\x85", "\x9b",
                                  "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f",
                                  "\u061c", "\ud800"])
def test_no_string_of_the_schema_holds_a_control_or_bidi_character(char: str) -> None:
    for build in (
        lambda t: Paragraph(text=t),
        lambda t: TopStory(rank=1, title=t),
        lambda t: Person(name="x", role=t),
        lambda t: ExtractionWarning(code="x", message=t),
        lambda t: TopStory(rank=1, title="x", at_a_glance={"points": [t]}),
    ):
        with pytest.raises(ValidationError, match=r"control or bidi character|unicode"):
            build(f"a{char}b")  # pydantic refuses a lone surrogate itself
    assert Paragraph(text="a\u2028b 中文 – “x”").text == "a\u2028b 中文 – “x”"
