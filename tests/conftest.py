"""Shared fixtures: the example plans, a CLI runner, and the real LibreOffice when present.

Helpers that test modules import live in tests/helpers.py. ``pytest --update-golden`` rewrites
the golden files instead of comparing them (as ``OSL_PLAN_UPDATE_GOLDEN=1`` does).
"""

from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Hypothesis loads the plugins other packages register for it when it is imported; the one there
# is (trio's, installed with selenium) would import trio into every test process, unused.
os.environ.setdefault("HYPOTHESIS_NO_PLUGINS", "1")

import pytest
from helpers import (  # the names test modules imported from here before tests/helpers.py
    DATA,
    EXAMPLES,
    FAKE_SOFFICE,
    QUICK,
    QUICK_EXAMPLES,
    ROOT,
    Result,
    assert_in_order,
    fake_soffice_program,
    limits,
    over_cpu,
    run_cli,
    soffice_or_skip,
)
from hypothesis import settings

__all__ = [
    "DATA",
    "EXAMPLES",
    "FAKE_SOFFICE",
    "ROOT",
    "Result",
    "assert_in_order",
    "fake_soffice_program",
    "limits",
    "over_cpu",
    "run_cli",
    "soffice_or_skip",
]

# CI runs the same examples every time (a red build must be reproducible); locally hypothesis
# explores new examples on each run and remembers failures in .hypothesis/.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
# `make test-fast` tries fewer examples (see helpers.examples); `make test` tries them all.
if QUICK:
    settings.register_profile("quick", settings(), max_examples=QUICK_EXAMPLES)
    settings.load_profile("quick")

# Deterministic output: no colour, a fixed terminal width.
os.environ["NO_COLOR"] = "1"
os.environ["COLUMNS"] = "100"
os.environ.pop("FORCE_COLOR", None)
# The suite's golden messages are English unless a test chooses Polish (the users' default) itself.
os.environ["OSL_PLAN_LANG"] = "en"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files from the current output (then review the diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--update-golden"):
        os.environ["OSL_PLAN_UPDATE_GOLDEN"] = "1"
    # A shell without job control starts its background commands with SIGINT ignored, and a
    # program started with SIGINT ignored keeps it so (Python then raises no KeyboardInterrupt).
    # The tests that press Ctrl+C on an osl-plan process need what a terminal gives it.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``make test`` spreads the tests over processes (pytest-xdist, ``--dist loadgroup``).
    Tests sharing a module- or session-scoped fixture (a bundle built once, a PDF converted
    once, a browser started once) go to one process, so that its work is still done once."""
    grouping = getattr(config.option, "loadgroup", False)  # set in pytest-xdist's processes
    for item in items:
        shared = _shared_fixtures(item)
        if shared:
            item.add_marker(pytest.mark.xdist_group(shared[0]))
            if grouping:
                _group_in_node_id(item, shared[0])


def _group_in_node_id(item: pytest.Item, group: str) -> None:
    """pytest-xdist's scheduler groups tests by a ``@group`` ending of their id, which it writes
    into ``item._nodeid``; pytest 9 keeps the id in ``item._id`` instead, so the ending was lost
    and each test of a group could go to another process (building a bundle twice). Written here
    where pytest reads it; under pytest 8 pytest-xdist's own writing still works."""
    if hasattr(item, "_id"):  # pytest 9
        from _pytest.nodeid import NodeId

        item._id = NodeId.parse(f"{item.nodeid}@{group}")


def _shared_fixtures(item: pytest.Item) -> list[str]:
    """The module- or session-scoped fixtures of this suite that ``item`` uses: the test module
    defining one (its tests share it), or the fixture's name where a conftest defines it."""
    info = getattr(item, "_fixtureinfo", None)  # pytest keeps no public list of the definitions
    if info is None:
        return []
    found = set()
    for name, definitions in info.name2fixturedefs.items():
        for definition in definitions:
            ours = definition.baseid != ""  # not pytest's own (tmp_path_factory, ...)
            if ours and definition.scope != "function" and name not in _AUTOUSE:
                module = definition.baseid.endswith(".py")
                found.add(definition.baseid if module else f"{definition.baseid}::{name}")
    return sorted(found)


#: Autouse fixtures every process sets up for itself (cheap; per process by design).
_AUTOUSE = frozenset({"_private_folders"})


@pytest.fixture(autouse=True, scope="session")
def _private_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' own folders, never the user's or the machine's: LibreOffice profiles are
    cached under $XDG_CACHE_HOME (and compiled templates, DOCX skeletons), the installer's
    settings (where LibreOffice is) live under $XDG_CONFIG_HOME, and temporary files go to
    $TMPDIR: those of the programs the tests start too (LibreOffice's, Chromium's folders,
    which a program stopped by a test leaves behind)."""
    folders = {
        "XDG_CACHE_HOME": tmp_path_factory.mktemp("cache"),
        "XDG_CONFIG_HOME": tmp_path_factory.mktemp("config"),
        "TMPDIR": tmp_path_factory.mktemp("tmp"),
    }
    previous = {name: os.environ.get(name) for name in folders}
    os.environ.update({name: str(folder) for name, folder in folders.items()})
    tempfile.tempdir = None  # this process's temporary files too (read again from $TMPDIR)
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    tempfile.tempdir = None


@pytest.fixture
def example_2023() -> Path:
    return EXAMPLES / "plan_2023.yaml"


@pytest.fixture
def example_2022() -> Path:
    return EXAMPLES / "plan_2022.yaml"


@pytest.fixture
def cli() -> Iterator[object]:
    yield run_cli


@pytest.fixture
def soffice() -> str:
    return soffice_or_skip()


@pytest.fixture
def polish(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages in Polish, as users get them by default."""
    from osl_plan import i18n

    monkeypatch.setenv("OSL_PLAN_LANG", "pl")
    i18n.reset()
    yield
    monkeypatch.undo()
    i18n.reset()
