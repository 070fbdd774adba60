"""LayoutParams: every reader threshold named once, validated, and handed to every step."""

from __future__ import annotations

import ast
import dataclasses
import math
from pathlib import Path

import pytest

from newsextract.reader import read_document
from newsextract.reader.params import DEFAULT_PARAMS, LayoutParams, param_info
from newsextract.reader.plumber import PdfplumberBackend

READER = Path(__file__).resolve().parent.parent / "src" / "newsextract" / "reader"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

#: Backend adapters turn a PDF library's objects into RawChar/RawPage; their numbers are
#: the libraries' own constants (pdfium error codes and object types, ctypes buffer sizes,
#: the standard-14 fonts' descents, pdfminer's nesting depth), none a join, split, gap or
#: tolerance of the layout. Everything after them is scanned.
ADAPTERS = {"backend.py", "plumber.py", "pdfium.py"}

#: Whole numbers that are indices, halves, doublings and counts of one, never thresholds:
#: ``x[0]``, ``ln[-1]``, ``(a + b) / 2``, ``round(size, 1)``, ``range(1, n)``.
PLAIN_INTS = {0, 1, 2}

#: Named module constants that are no layout decision, with the reason.
ALLOWED_CONSTANTS = {
    ("lines.py", "_FEW_SIZES"): "chooses the faster of two ways to count sizes; same counts",
    ("__init__.py", "EARLY_PAGES"): "pages the caller's early check sees, not a layout rule",
}


def _docstrings(tree: ast.AST) -> set[int]:
    """Return ``id()`` of the docstring constants of a module and its classes and defs."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def threshold_literals(source: str, module: str) -> list[tuple[int, object]]:
    """Given a reader module's source, return ``(line, value)`` of its threshold literals.

    A numeric literal counts unless it is in a docstring, a whole number in
    :data:`PLAIN_INTS` (or any whole number used as a subscript index: ``box[3]``), the
    float 0.0 (a start value), or the value of an allowed named constant.
    """
    tree = ast.parse(source)
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            index = node.slice
            if isinstance(index, ast.Constant) and type(index.value) is int:
                skip.add(id(index))
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if any((module, name) in ALLOWED_CONSTANTS for name in names):
                skip.add(id(node.value))
    found: list[tuple[int, object]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or id(node) in skip:
            continue
        value = node.value
        if type(value) is int and value in PLAIN_INTS:
            continue
        if type(value) is float and value == 0.0:
            continue
        if type(value) in (int, float, complex):
            found.append((node.lineno, value))
    return sorted(found)


def test_no_threshold_literal_outside_params() -> None:
    offenders = []
    for path in sorted(READER.glob("*.py")):
        if path.name in ADAPTERS or path.name == "params.py":
            continue
        for line, value in threshold_literals(path.read_text(encoding="utf-8"), path.name):
            offenders.append(f"{path.name}:{line}: {value!r}")
    assert not offenders, "name these in reader/params.py:\n" + "\n".join(offenders)


@pytest.mark.parametrize("snippet", [
    "gap = 0.15 * size",
    "if gap > size * .3:\n    pass",
    "def f(x=0.6):\n    return x",
    "LIMIT = 4",
    "tol = -0.5",
    "n = len(lines) // 4",
    "x = box[0] + 3 * size",
])
def test_the_scan_catches_a_threshold(snippet: str) -> None:
    # the scan must fail on any re-added threshold, however it is written
    assert threshold_literals(snippet, "layout.py")


@pytest.mark.parametrize("snippet", [
    '"""The word gap is 0.15 em."""',
    "x = box[3]",
    "mid = (a + b) / 2",
    "key = round(size, 1)",
    "total = 0.0",
    "last = items[-1]",
])
def test_the_scan_lets_indices_and_halves_pass(snippet: str) -> None:
    assert threshold_literals(snippet, "layout.py") == []


def test_params_are_named_once_and_reach_the_reader_only_through_read_document() -> None:
    # only read_document (the default) and Document (a default field) may fall back to the
    # defaults; every step takes the params it is given
    for path in sorted(READER.glob("*.py")):
        if path.name == "params.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        uses = [n.lineno for n in ast.walk(tree)
                if (isinstance(n, ast.Name) and n.id == "DEFAULT_PARAMS")
                or (isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                    and n.func.id == "LayoutParams")]
        assert not uses or path.name in {"__init__.py", "types.py"}, (path.name, uses)


def test_layout_params_is_frozen_slotted_and_documented() -> None:
    p = LayoutParams()
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.word_gap_em = 0.2  # type: ignore[misc]
    assert not hasattr(p, "__dict__")
    infos = param_info()
    assert [i.name for i in infos] == [f.name for f in dataclasses.fields(LayoutParams)]
    for info in infos:
        assert info.unit in {"em", "pt", "share", "ratio", "count"}, info
        assert info.decides and info.why, info
        assert info.default == getattr(DEFAULT_PARAMS, info.name)
        suffix = info.name.rsplit("_", 1)[-1]
        if info.unit in {"pt", "share", "ratio"}:
            assert suffix == info.unit, f"{info.name}: the name must say its unit"
        if info.unit == "em":
            assert suffix == "em", f"{info.name}: a length in ems ends in _em"


def test_the_word_gap_is_one_parameter() -> None:
    # 0.15 em was written three times (lines, gutters, layout); now it is one field
    gaps = [i for i in param_info() if math.isclose(i.default, 0.15)]
    assert [i.name for i in gaps] == ["word_gap_em"]


@pytest.mark.parametrize(("name", "value"), [
    ("superscript_size_share", 1.5),
    ("margin_band_share", 0.0),
    ("word_gap_em", 0.0),
    ("word_gap_em", -0.1),
    ("column_gap_em", math.nan),
    ("max_push_em", math.inf),
    ("gutter_min_rows", 0),
    ("gutter_min_rows", 2.5),
    ("justified_min_lines", True),
    ("running_max_size_ratio", -1.0),
    ("link_margin_pt", -0.5),
])
def test_invalid_values_raise_naming_the_field(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=rf"LayoutParams\.{name} "):
        LayoutParams(**{name: value})  # type: ignore[arg-type]


def test_slacks_may_be_zero_and_shares_one() -> None:
    p = LayoutParams(link_margin_pt=0.0, edge_tolerance_pt=0.0, justified_share=1.0)
    assert p.link_margin_pt == 0.0 and p.justified_share == 1.0


def test_read_document_hands_its_params_to_the_steps() -> None:
    data = (FIXTURES / "ci-2024-03.pdf").read_bytes()
    default = read_document(data, "x.pdf", PdfplumberBackend())
    assert default.removed and default.params == LayoutParams()
    # running lines live in the margin band: a band of nothing finds none
    narrow = LayoutParams(margin_band_share=0.001)
    doc = read_document(data, "x.pdf", PdfplumberBackend(), params=narrow)
    assert doc.params is narrow
    assert doc.removed == []
    assert len(doc.blocks) > len(default.blocks)


def test_docs_table_lists_every_parameter_with_its_default() -> None:
    # written by tools/params_evidence.py --write docs/architecture.md
    doc = (READER.parents[2] / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("<!-- params-table:start", 1)[1].split("<!-- params-table:end", 1)[0]
    rows = {line.split("|")[1].strip(" `"): line.split("|")[2].strip()
            for line in table.splitlines() if line.startswith("| `")}
    for info in param_info():
        default = f"{info.default:g}" if isinstance(info.default, float) else str(info.default)
        assert rows.get(info.name) == default, f"{info.name}: rerun tools/params_evidence.py"
    assert set(rows) == {i.name for i in param_info()}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return {m for m in out if m.startswith("newsextract")}


def test_the_reader_imports_nothing_above_it_and_fields_not_the_segmenter() -> None:
    below_reader = {"newsextract.errors", "newsextract.backends"}
    for path in READER.glob("*.py"):
        above = {m for m in _imports(path)
                 if not m.startswith("newsextract.reader") and m not in below_reader}
        assert not above, (path.name, above)
    for path in (READER.parent / "fields").glob("*.py"):
        assert "newsextract.sections" not in _imports(path), path.name
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines < 200, f"{path.name} has {lines} lines"
