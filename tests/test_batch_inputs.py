"""Inputs of a batch: every kind, safe names, lazy archive reading."""

from __future__ import annotations

import io
import os
import tarfile
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsextract.batch import BatchUsageError, convert, discover, safe_relpath
from newsextract.batch.inputs import ItemKind, ItemReader
from newsextract.errors import ResourceLimitError
from test_batch_support import fake_extract, fake_pdf, write_fake


def _tar(path: Path, members: dict[str, bytes], mode: str = "w:gz") -> Path:
    with tarfile.open(path, mode) as tf:  # type: ignore[call-overload]
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_file_folder_glob_zip_tar_are_all_found(tmp_path: Path) -> None:
    write_fake(tmp_path / "single.pdf", tag="single")
    write_fake(tmp_path / "tree" / "2024" / "b.pdf", tag="b")
    write_fake(tmp_path / "tree" / "a.PDF", tag="a")
    (tmp_path / "tree" / "notes.txt").write_text("not a pdf")
    write_fake(tmp_path / "more" / "x" / "g1.pdf", tag="g1")
    write_fake(tmp_path / "more" / "g2.pdf", tag="g2")
    _zip(tmp_path / "issues.zip", {"z/1.pdf": fake_pdf(tag="z1"), "readme.md": b"x", "dir/": b""})
    _tar(tmp_path / "issues.tar.gz", {"t/1.pdf": fake_pdf(tag="t1")})
    _tar(tmp_path / "plain.tar", {"p.pdf": fake_pdf(tag="p")}, mode="w")

    items = discover(
        [
            tmp_path / "single.pdf",
            tmp_path / "tree",
            str(tmp_path / "more" / "**" / "*.pdf"),
            tmp_path / "issues.zip",
            tmp_path / "issues.tar.gz",
            tmp_path / "plain.tar",
        ]
    )
    got = [(i.kind, i.relpath.as_posix()) for i in items]
    assert got == [
        (ItemKind.FILE, "single.pdf"),
        (ItemKind.FILE, "a.PDF"),
        (ItemKind.FILE, "2024/b.pdf"),
        (ItemKind.FILE, "g2.pdf"),
        (ItemKind.FILE, "x/g1.pdf"),
        (ItemKind.ZIP_MEMBER, "issues/z/1.pdf"),
        (ItemKind.TAR_MEMBER, "issues/t/1.pdf"),
        (ItemKind.TAR_MEMBER, "plain/p.pdf"),
    ]
    assert items[5].display.endswith("issues.zip::z/1.pdf")
    with ItemReader() as reader:
        for item in items:
            assert reader.read(item).startswith(b"%PDF-")


@pytest.mark.parametrize("kind", ["file", "folder", "glob", "zip", "tar", "tgz"])
def test_each_input_kind_converts(tmp_path: Path, kind: str) -> None:
    src = tmp_path / "src"
    data = fake_pdf(tag=kind)
    if kind == "file":
        arg = str(write_fake(src / "one.pdf", tag=kind))
    elif kind == "folder":
        write_fake(src / "deep" / "er" / "one.pdf", tag=kind)
        arg = str(src)
    elif kind == "glob":
        write_fake(src / "one.pdf", tag=kind)
        arg = str(src / "*.pdf")
    elif kind == "zip":
        src.mkdir()
        arg = str(_zip(src / "a.zip", {"one.pdf": data}))
    else:
        src.mkdir()
        mode, name = ("w", "a.tar") if kind == "tar" else ("w:gz", "a.tgz")
        arg = str(_tar(src / name, {"one.pdf": data}, mode))
    report = convert([arg], tmp_path / "out.jsonl", jobs=1, extract=fake_extract)
    assert (report.succeeded, report.failed) == (1, 0)
    assert f"Story {kind}:" in (tmp_path / "out.jsonl").read_text()


def test_archive_members_are_not_extracted_to_disk(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    arch = _zip(tmp_path / "in" / "a.zip", {f"m{i}.pdf": fake_pdf(tag=str(i)) for i in range(3)})
    before = {p for p in tmp_path.rglob("*")}
    report = convert([arch], tmp_path / "o" / "x.jsonl", jobs=1, extract=fake_extract)
    assert report.succeeded == 3
    created = {p for p in tmp_path.rglob("*")} - before
    assert {p.relative_to(tmp_path).as_posix() for p in created} == {
        "o",
        "o/x.jsonl",
        "o/errors.jsonl",
    }


def test_missing_input_and_empty_glob_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(BatchUsageError, match="no such file"):
        discover([tmp_path / "nope.pdf"])
    with pytest.raises(BatchUsageError, match="matches"):
        discover([str(tmp_path / "*.pdf")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchUsageError, match="no PDF"):
        convert([tmp_path / "empty"], tmp_path / "o.jsonl", extract=fake_extract)


def test_broken_archive_becomes_an_error_record(tmp_path: Path) -> None:
    (tmp_path / "bad.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    good = write_fake(tmp_path / "good.pdf")
    report = convert([tmp_path / "bad.zip", good], tmp_path / "o.jsonl", extract=fake_extract)
    assert (report.succeeded, report.failed, report.exit_code) == (1, 1, 1)
    err = (tmp_path / "errors.jsonl").read_text()
    assert "bad.zip" in err and "InputError" in err and "cannot read the archive" in err


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    big.write_bytes(fake_pdf() + b"%" + b"x" * (2 * 1024 * 1024) + b"\n")
    arch = _zip(tmp_path / "a.zip", {"big.pdf": big.read_bytes()})
    items = discover([big, arch])
    with ItemReader() as reader:
        for item in items:
            with pytest.raises(ResourceLimitError, match="size limit"):
                reader.read(item, max_bytes=1024 * 1024)
    report = convert([big], tmp_path / "o.jsonl", max_input_mb=1, extract=fake_extract)
    assert report.failed == 1
    assert '"error": "ResourceLimitError"' in (tmp_path / "errors.jsonl").read_text()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../x.pdf", "x.pdf"),
        ("/etc/cron.d/x.pdf", "etc/cron.d/x.pdf"),
        ("a/../../b/./c.pdf", "a/b/c.pdf"),
        ("..\\..\\windows\\x.pdf", "windows/x.pdf"),
        ("C:\\temp\\x.pdf", "temp/x.pdf"),
        ("..", "unnamed"),
        ("", "unnamed"),
        ("con.pdf", "_con.pdf"),
        ("bad\x00name<>.pdf", "bad_name__.pdf"),
    ],
)
def test_safe_relpath_examples(name: str, expected: str) -> None:
    assert safe_relpath(name) == PurePosixPath(expected)


@settings(deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab./\\:..*?\x00 C")), max_size=30))
def test_safe_relpath_never_escapes(name: str) -> None:
    rel = safe_relpath(name)
    assert not rel.is_absolute()
    assert ".." not in rel.parts and "." not in rel.parts
    root = Path("/srv/out")
    joined = Path(os.path.normpath(root.joinpath(*rel.parts)))
    assert joined == root or root in joined.parents


@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_zip_slip_member_names_stay_inside_the_output(tmp_path: Path, fmt: str) -> None:
    evil = {
        "../../escaped.pdf": fake_pdf(tag="e1"),
        "/abs/escaped2.pdf": fake_pdf(tag="e2"),
        "..\\..\\escaped3.pdf": fake_pdf(tag="e3"),
        "ok/../../../escaped4.pdf": fake_pdf(tag="e4"),
    }
    (tmp_path / "in").mkdir()
    arch = _zip(tmp_path / "in" / "evil.zip", evil)
    tar = _tar(tmp_path / "in" / "evil.tar.gz", {"../../../tarescape.pdf": fake_pdf(tag="t")})
    out = tmp_path / "deep" / "out"
    report = convert([arch, tar], out, fmt=fmt, jobs=1, extract=fake_extract)
    assert report.succeeded == 5
    outside = [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and out not in p.parents and (tmp_path / "in") not in p.parents
    ]
    assert outside == []
    suffix = ".json" if fmt == "json" else ".md"
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob(f"*{suffix}"))
    assert names == [
        f"evil/abs/escaped2{suffix}",
        f"evil/escaped{suffix}",
        f"evil/escaped3{suffix}",
        f"evil/ok/escaped4{suffix}",
        f"evil/tarescape{suffix}",
    ]


def test_symlink_inside_output_cannot_redirect_writes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    victim = tmp_path / "victim"
    victim.mkdir()
    out.mkdir()
    (out / "evil").symlink_to(victim, target_is_directory=True)
    arch = _zip(tmp_path / "evil.zip", {"x.pdf": fake_pdf(tag="x")})
    good = _zip(tmp_path / "good.zip", {"y.pdf": fake_pdf(tag="y")})
    report = convert([arch, good], out, fmt="json", jobs=1, extract=fake_extract)
    assert (report.succeeded, report.failed) == (1, 1)
    assert list(victim.iterdir()) == []
    assert (out / "good" / "y.json").exists()
    assert "UnsafeOutputPathError" in (out / "errors.jsonl").read_text()


def test_unreadable_archive_member_is_recorded_and_skipped_on_rerun(tmp_path: Path) -> None:
    data = fake_pdf(tag="damaged")
    arch = tmp_path / "a.zip"
    with zipfile.ZipFile(arch, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("damaged.pdf", data)
        zf.writestr("fine.pdf", fake_pdf(tag="fine"))
    raw = arch.read_bytes()
    at = raw.index(b"tag=damaged")
    arch.write_bytes(raw[:at] + b"TAG" + raw[at + 3 :])  # the member's CRC no longer matches
    out = tmp_path / "o.jsonl"
    report = convert([arch], out, jobs=1, extract=fake_extract)
    assert (report.succeeded, report.failed) == (1, 1)
    record = (tmp_path / "errors.jsonl").read_text()
    assert "a.zip::damaged.pdf" in record and "InputError" in record and "CRC" in record
    again = convert([arch], out, jobs=1, extract=fake_extract)
    assert (again.previously_failed, again.skipped, again.failed) == (1, 1, 0)
