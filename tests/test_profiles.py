"""Newsletter profiles: data files, their one-line errors, selection and detection.

The fixtures of two newsletters (China Industries, built in; the invented NORVIK Supply
Chain Monitor, fixtures/profiles, installed by tests/conftest.py) are read with their own
profile whether it is given as a loaded profile, a file, a name, or detected.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsextract import cli, extract_issue
from newsextract.errors import NotANewsletterError, ProfileError
from newsextract.profiles import (
    Profile,
    builtin_profiles,
    installed_profiles,
    load_profile,
    parse_profile,
    resolve_profile,
)
from newsextract.vocabulary import compile_vocabulary

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "newsextract"
BUILTIN = SRC / "profiles" / "data" / "china-industries.toml"
SIBLING = ROOT / "fixtures" / "profiles" / "supply-chain-monitor.toml"
CI_PDF = ROOT / "fixtures" / "ci-2023-01.pdf"
SCM_PDF = ROOT / "fixtures" / "scm-2025-03.pdf"


def test_the_built_in_profile_is_package_data_and_the_sibling_is_installed() -> None:
    assert [p.name for p in builtin_profiles()] == ["china-industries"]
    names = [p.name for p in installed_profiles()]
    assert names[:1] == ["china-industries"] and "supply-chain-monitor" in names
    ci = resolve_profile("china-industries")
    assert (ci.identity.newsletter, ci.identity.publisher) == ("China Industries", "MERICS")
    assert load_profile(BUILTIN) == ci
    assert resolve_profile(ci) is ci
    assert resolve_profile(str(SIBLING)).name == resolve_profile(SIBLING).name == (
        "supply-chain-monitor")


def test_the_code_names_no_newsletter() -> None:
    # only the profile files (data) and the renderer's test data may name one; the models
    # keep schema examples
    offenders = [
        str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
        if "testing" not in p.parts and p.name != "models.py"
        and re.search(r"China Industries|MERICS", p.read_text("utf-8"))
    ]
    assert offenders == []


def test_a_profile_compiles_into_the_patterns_the_parsers_use() -> None:
    vocab = compile_vocabulary(resolve_profile(SIBLING))
    label = vocab.label("Our view : The move")
    assert label is not None and label.label.key == "comment"
    assert vocab.label("MERICS comment: x") is None  # another newsletter's label
    top = vocab.heading("Three to watch")
    assert top is not None and top.heading.key == "top" and vocab.top_count == 3
    hit = vocab.heading("Business")
    assert hit is not None and hit.heading.key == "corporate_news"
    assert vocab.cover_line.search("MARCH 4, 2025 (COVERING: FEBRUARY 1 - FEBRUARY 28)")
    assert vocab.is_title("NORVIK Supply Chain Monitor Monthly")
    assert not vocab.is_title("China Industries")
    assert vocab.opens_acknowledgement("We thank Ola Nordmann for research assistance.")
    assert not vocab.opens_introduction("In this issue of ...")  # it prints none
    ci = compile_vocabulary(resolve_profile("china-industries"))
    count = ci.heading("MERICS' Top 5")
    assert count is not None and count.match.group("count") == "5" and ci.top_count is None


BAD_CASES = [
    # (what is changed in the built-in profile, the message expected after the path)
    (("[identity]", "[identity"), r"not valid TOML: line 8, column 10: Expected '\]'"),
    (('publisher = "MERICS"', "publisher = 7"), r"line 10, identity\.publisher: expected a "
                                                r"string"),
    (('publisher = "MERICS"', 'publisher = "MERICS"\ncolour = "teal"'),
     r"line 11, identity\.colour: unknown key \(docs/profiles\.md lists the keys\)"),
    (("max_errors = 2", "max_errors = 9"), r"line 22, labels\.comment\.max_errors: expected "
                                           r"less than or equal to 3"),
    (('section = "policy_news"', 'section = "politics"'),
     r"line 46, headings\.news_sections\[0\]\.section: expected 'policy_news' or "
     r"'corporate_news'"),
    (('"TOP {count}"]', '"TOP {n}"]'), r"line 42, headings\.top\.spellings: 'TOP \{n\}': "
                                       r"expected at most one '\{count\}' and no other braces"),
    (("introduction = ['in", "introduction = ['(in"),
     r"line 38, headings\.introduction: not a valid regular expression"),
    (('period_labels = ["Reporting period"]', "period_labels = []"),
     r"line 55, cover\.period_labels: expected at least one entry"),
    (('name = "china-industries"', 'name = "China Industries"'),
     r"line 5, name: String should match pattern"),
]


@pytest.mark.parametrize(("change", "expected"), BAD_CASES, ids=[c[1][:30] for c in BAD_CASES])
def test_a_profile_with_a_mistake_gets_one_line_naming_file_line_key_and_expectation(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = BUILTIN.read_text("utf-8")
    assert change[0] in text
    bad = tmp_path / "mine.toml"
    bad.write_text(text.replace(change[0], change[1], 1), "utf-8")
    with pytest.raises(ProfileError) as err:
        load_profile(bad)
    message = str(err.value)
    assert "\n" not in message and err.value.path == str(bad)
    assert re.match(re.escape(f"{bad}: ") + expected, message), message


def test_missing_keys_are_counted_and_unknown_names_listed(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"^x\.toml: identity: expected a value \(the key is "
                                           r"required\) \(and 4 more\)$"):
        parse_profile('name = "x"\n', "x.toml")
    with pytest.raises(ProfileError, match=r"cannot read the file"):
        load_profile(tmp_path / "absent.toml")
    with pytest.raises(ProfileError, match=r"^nosuch: no installed profile of that name "
                                           r"\(installed: china-industries, "):
        resolve_profile("nosuch")


@pytest.mark.parametrize("pdf", [CI_PDF, SCM_PDF], ids=lambda p: p.stem)
def test_the_profile_may_be_given_loaded_as_a_file_by_name_or_detected(pdf: Path) -> None:
    name = "china-industries" if pdf is CI_PDF else "supply-chain-monitor"
    detected = extract_issue(pdf)
    assert detected.profile == name
    profile = resolve_profile(name)
    for spec in (profile, name, SIBLING if pdf is SCM_PDF else BUILTIN):
        assert extract_issue(pdf, profile=spec) == detected


def test_the_wrong_profile_is_named_in_the_error() -> None:
    with pytest.raises(NotANewsletterError) as err:
        extract_issue(SCM_PDF, profile="china-industries")
    assert "not a China Industries newsletter (profile china-industries)" in str(err.value)
    assert "CONTENTS, MERICS TOP N or NOTEWORTHY" in str(err.value)
    with pytest.raises(NotANewsletterError, match=r"profile supply-chain-monitor\): .*IN THIS "
                                                  r"BRIEF, THREE TO WATCH or ON OUR RADAR"):
        extract_issue(CI_PDF, profile=SIBLING)


def test_detection_without_the_sibling_installed_names_every_profile_tried(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NEWSEXTRACT_PROFILE_PATH")
    assert [p.name for p in installed_profiles()] == ["china-industries"]
    with pytest.raises(NotANewsletterError, match=r"not a China Industries newsletter"):
        extract_issue(SCM_PDF)


def test_cli_profile_option_and_profiles_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["profiles"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0].startswith("china-industries\tChina Industries (MERICS)")
    assert any(line.startswith("supply-chain-monitor\t") for line in listed)
    out = tmp_path / "scm.json"
    assert cli.main(["extract", str(SCM_PDF), "--profile", str(SIBLING), "-o", str(out)]) == 0
    assert '"profile": "supply-chain-monitor"' in out.read_text("utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(BUILTIN.read_text("utf-8").replace("[back.mail]", "[back.mail"), "utf-8")
    capsys.readouterr()
    for argv in (["extract", str(SCM_PDF), "--profile", str(bad)],
                 ["--profile", str(bad), "debug", str(SCM_PDF)],
                 ["convert", str(SCM_PDF), "-o", str(tmp_path / "o.jsonl"), "--profile", str(bad)],
                 ["profiles", "--profile", str(bad)]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and f"{bad}: not valid TOML: line " in err, err


def test_a_profile_is_a_pydantic_model_with_a_json_schema() -> None:
    schema = Profile.model_json_schema()
    assert set(schema["required"]) == {"name", "identity", "labels", "headings", "cover", "back"}


def test_a_profile_text_is_parsed_once_and_an_edited_file_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SIBLING.read_text("utf-8")
    first = parse_profile(text, "a.toml")
    assert parse_profile(text, "a.toml") is first  # validated once, kept (frozen)
    folder = tmp_path / "profiles"
    folder.mkdir()
    path = folder / "scm.toml"
    path.write_text(text, "utf-8")
    monkeypatch.setenv("NEWSEXTRACT_PROFILE_PATH", str(folder))
    assert "supply-chain-monitor" in [p.name for p in installed_profiles()]
    path.write_text(text.replace('name = "supply-chain-monitor"', 'name = "scm-edited"'),
                    "utf-8")
    names = [p.name for p in installed_profiles()]
    assert "scm-edited" in names and "supply-chain-monitor" not in names
