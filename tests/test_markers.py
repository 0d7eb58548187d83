"""Every test that needs the real LibreOffice carries ``@pytest.mark.libreoffice``, so that
``make test-fast`` (``-m "not libreoffice and not slow"``) leaves all of them out.

Read from the source: a test needs LibreOffice when it calls ``soffice_or_skip``, takes the
``soffice`` fixture, or takes a fixture (of its module) that does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


def _calls_soffice(function: ast.FunctionDef) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "soffice_or_skip"
        for node in ast.walk(function)
    )


def _parameters(function: ast.FunctionDef) -> set[str]:
    return {argument.arg for argument in function.args.args + function.args.kwonlyargs}


def _is_fixture(function: ast.FunctionDef) -> bool:
    return any("fixture" in ast.unparse(decorator) for decorator in function.decorator_list)


def _marked(function: ast.FunctionDef) -> bool:
    return any("mark.libreoffice" in ast.unparse(d) for d in function.decorator_list)


def _module_marked(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
        and "mark.libreoffice" in ast.unparse(node.value)
        for node in tree.body
    )


def _unmarked(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if "soffice" not in text:  # every way of needing LibreOffice above names it
        return []
    tree = ast.parse(text)
    if _module_marked(tree):
        return []
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    needing = {"soffice"}
    changed = True
    while changed:  # fixtures built on fixtures that need LibreOffice need it too
        changed = False
        for function in functions:
            uses = _calls_soffice(function) or bool(_parameters(function) & needing)
            if _is_fixture(function) and uses and function.name not in needing:
                needing.add(function.name)
                changed = True
    return [
        f"{path.name}::{function.name}"
        for function in functions
        if function.name.startswith("test_")
        and (_calls_soffice(function) or _parameters(function) & needing)
        and not _marked(function)
    ]


def test_every_libreoffice_test_is_marked() -> None:
    unmarked = [name for path in sorted(TESTS.rglob("test_*.py")) for name in _unmarked(path)]
    assert unmarked == []


def test_the_check_finds_an_unmarked_test(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "import pytest\n"
        "@pytest.fixture\ndef pdf(soffice): ...\n"
        "@pytest.fixture\ndef pages(pdf): ...\n"
        "def test_direct():\n    soffice_or_skip()\n"
        "def test_through_fixtures(pages): ...\n"
        "@pytest.mark.libreoffice\ndef test_marked(soffice): ...\n"
        "def test_other(tmp_path): ...\n",
        encoding="utf-8",
    )
    found = [name.split("::")[1] for name in _unmarked(sample)]
    assert found == ["test_direct", "test_through_fixtures"]


# --- make test's processes (pytest-xdist): shared fixtures keep their tests together -----------


@pytest.fixture(scope="module")
def built_once() -> list[str]:
    return ["built"]


def test_tests_sharing_a_module_fixture_run_in_one_process(
    request: pytest.FixtureRequest, built_once: list[str]
) -> None:
    group = request.node.get_closest_marker("xdist_group")
    assert group is not None and group.args == ("tests/test_markers.py",)
    if getattr(request.config.option, "loadgroup", False):  # what pytest-xdist's scheduler reads
        assert request.node.nodeid.endswith("@tests/test_markers.py")


def test_a_test_without_one_goes_wherever_there_is_room(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("xdist_group") is None
