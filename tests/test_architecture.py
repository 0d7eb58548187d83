"""The shape of the house, read from the source: osl_plan's imports form no circle, no module
imports a private name of another package, and only render/ starts LibreOffice.

Every import counts: at module level, inside a function (imported when it runs) and under
``TYPE_CHECKING`` (a type a module needs is a dependency too). ``_`` (gettext) is the one
underscore name every package imports.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "osl_plan"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _package(module: str) -> str:
    return module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]


def _resolve(name: str) -> str | None:
    """The osl_plan module ``name`` is, or is in (``osl_plan.render.RenderOptions``: render)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


@functools.cache  # the source does not change while the tests run; each test reads them all
def tree(path: Path) -> ast.Module:
    """The parsed source of ``path``."""
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def imports(module: str) -> tuple[tuple[str, str | None], ...]:
    """(module, imported name or None) of every import statement in ``module``."""
    path = MODULES[module]
    found: list[tuple[str, str | None]] = []
    for node in _statements(tree(path)):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
                here = here[: len(here) - node.level + 1]
                base = ".".join([*here, *([node.module] if node.module else [])])
            found += [(base, alias.name) for alias in node.names]
    return tuple(found)


def _statements(node: ast.AST) -> Iterator[ast.AST]:
    """Every statement in ``node``, at any depth (an import is a statement: the expressions,
    most of the tree, need no visit)."""
    for _, value in ast.iter_fields(node):
        if isinstance(value, list):
            for child in value:
                if isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case)):
                    yield child
                    yield from _statements(child)


def graph() -> dict[str, set[str]]:
    """Each osl_plan module and the osl_plan modules it imports."""
    edges: dict[str, set[str]] = {}
    for module in MODULES:
        targets = set()
        for name, member in imports(module):
            if not name.startswith("osl_plan"):
                continue
            whole = f"{name}.{member}" if member else name
            target = whole if whole in MODULES else _resolve(name)
            if target is not None and target != module:
                targets.add(target)
        edges[module] = targets
    return edges


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in edges:
        if node not in index:
            visit(node)
    return found


def test_the_modules_import_each_other_without_a_circle() -> None:
    assert circles(graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_a_private_name_of_another_package() -> None:
    private = []
    for module in MODULES:
        for name, member in imports(module):
            target = _resolve(name) if name.startswith("osl_plan") else None
            if target is None or _package(target) == _package(module):
                continue
            whole = [*name.split(".")[1:], *([member] if member else [])]
            hidden = any(part.startswith("_") and not part.startswith("__") for part in whole)
            if hidden and member != "_":  # _ is gettext
                private.append(f"{module}: {name} {member or ''}".strip())
    assert private == []


#: Modules that start programs other than LibreOffice, and which.
OTHER_PROGRAMS = {
    "osl_plan.doctor.system": "fc-match (which font LibreOffice takes)",
    "osl_plan.installation.places": "xdg-user-dir, PowerShell (the user's special folders)",
    "osl_plan.installation.shortcuts": "PowerShell (the Windows shortcut and PATH)",
}


#: The modules that start LibreOffice, and why each.
LIBREOFFICE = {
    "osl_plan.render.lo_runner": "every cold conversion (soffice --convert-to), CLI and batch",
    "osl_plan.render.lo_warm": "the editor's LibreOffice, kept running while the editor runs, "
    "and its UNO bridge (osl_plan/render/lo_bridge.py) under a Python that has UNO",
}


def test_one_place_starts_libreoffice() -> None:
    """LibreOffice is started in render/ alone, by the modules in :data:`LIBREOFFICE`; a module
    starting any other program is listed in :data:`OTHER_PROGRAMS` with the programs it starts."""
    starting = sorted(
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if "devtools" not in path.parts and "subprocess" in path.read_text(encoding="utf-8")
    )
    assert starting == sorted([*LIBREOFFICE, *OTHER_PROGRAMS])


#: The model and the vocabulary the reader and the writer share: they stand below both sides.
SHARED = ("osl_plan.model", "osl_plan.richtext", "osl_plan.columns", "osl_plan.polish",
          "osl_plan.terms", "osl_plan.term_parse", "osl_plan.term_grammar")  # fmt: skip
#: The sides, and everything that reads a file or makes a document.
ABOVE = ("osl_plan.render", "osl_plan.importer", "osl_plan.report", "osl_plan.lista",
         "osl_plan.diff", "osl_plan.cli", "osl_plan.editor", "osl_plan.load",
         "osl_plan.documents", "osl_plan.batch")  # fmt: skip


def _within(module: str, names: tuple[str, ...]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def test_the_model_and_the_shared_vocabulary_import_nothing_above_them() -> None:
    """The model (statuses and event dates included) and the vocabulary both the importer and the
    renderers use (rich text, columns, Polish text helpers, terms) import neither side."""
    edges = graph()
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in edges.items()
        if _within(module, SHARED)
        for target in targets
        if _within(target, ABOVE)
    )
    assert upward == []


def test_the_importer_does_not_reach_into_the_renderers() -> None:
    edges = graph()
    reaching = sorted(
        f"{module} -> {target}"
        for module, targets in edges.items()
        if _within(module, ("osl_plan.importer",))
        for target in targets
        if _within(target, ("osl_plan.render",))
    )
    assert reaching == []


#: The zip signatures a package writer packs (a local file header, the central directory).
_ZIP_SIGNATURES = {0x04034B50, 0x02014B50, 0x06054B50}


def _writes_zip(tree: ast.AST) -> bool:
    """Whether the module opens a ZipFile to write, or packs zip headers itself."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "ZipFile":
            modes = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
            if any(isinstance(m, ast.Constant) and m.value != "r" for m in modes):
                return True
        if name == "pack" and any(
            isinstance(a, ast.Constant) and a.value in _ZIP_SIGNATURES for a in node.args
        ):
            return True
    return False


def test_one_module_writes_docx_packages() -> None:
    """Every DOCX (plan, report, list, redline, a rebuilt reference document) is zipped by
    docx_archive alone; devtools zip the offline bundle, which is no DOCX."""
    writing = sorted(
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if "devtools" not in path.parts and _writes_zip(tree(path))
    )
    assert writing == ["osl_plan.render.docx_archive"]


def test_the_zip_writer_finder_finds_writers() -> None:
    assert _writes_zip(ast.parse("zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED)"))
    assert _writes_zip(ast.parse("ZipFile(out, mode='a')"))
    assert _writes_zip(ast.parse("struct.pack('<I', 0x04034B50)"))
    assert not _writes_zip(ast.parse("zipfile.ZipFile(BytesIO(data))"))
    assert not _writes_zip(ast.parse("zipfile.ZipFile(path, 'r')"))


def test_one_module_names_the_word_namespace() -> None:
    """The OOXML namespaces are written out once (osl_plan.ooxml); everyone else imports them."""
    naming = sorted(
        _module_name(path)
        for path in PACKAGE.rglob("*.py")
        if "wordprocessingml/2006/main" in path.read_text(encoding="utf-8")
    )
    assert naming == ["osl_plan.ooxml"]
