"""Versions people can quote: ``--version`` and every DOCX's properties name osl-plan's version."""

from __future__ import annotations

import zipfile
from pathlib import Path

from helpers import EXAMPLES, run_cli
from lxml import etree

from osl_plan import __version__

_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def test_version_option() -> None:
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"osl-plan {__version__}\n")


def test_every_docx_names_the_writer_and_version(tmp_path: Path) -> None:
    plan, year = EXAMPLES / "plan_2023.yaml", EXAMPLES / "plan_2023_realizacja.yaml"
    commands = {
        "plan.docx": ("render", plan, "-f", "docx"),
        "sprawozdanie.docx": ("report", year, "-f", "docx"),
        "lista.docx": ("lista", plan, "--miesiac", "2023-03"),
        "zmiany.docx": ("diff", EXAMPLES / "plan_2022.yaml", plan, "-f", "docx"),
    }
    for name, command in commands.items():
        result = run_cli(*command, "-o", tmp_path / name)
        assert result.exit_code in (0, 1), result.stderr  # diff exits 1 when the plans differ
        with zipfile.ZipFile(tmp_path / name) as docx:
            app = etree.fromstring(docx.read("docProps/app.xml"))
        assert app.findtext(f"{_EXTENDED}Application") == f"osl-plan {__version__}", name
