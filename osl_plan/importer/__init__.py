"""Existing plans in: a DOCX (from Word, LibreOffice, osl-plan, or a PDF conversion) -> a Plan.

Errors: :class:`~osl_plan.errors.UnreadableFile` (exit 2) when the file cannot be read safely as a
DOCX at all — missing, not a zip, damaged or encrypted, too large or a zip bomb, XML with a DTD;
:class:`~osl_plan.errors.DocxImportError` (exit 1) when it is a readable DOCX that holds no plan —
no task table, a table without tasks, no year anywhere.
"""

from __future__ import annotations

from pathlib import Path

from osl_plan.importer.docx_reader import MAX_FILE_BYTES, read_docx
from osl_plan.importer.plan_builder import build_plan
from osl_plan.importer.state import Imported
from osl_plan.load import read_file

__all__ = ["Imported", "import_docx", "import_file"]


def import_docx(data: bytes, name: str = "<docx>") -> Imported:
    """The plan in DOCX bytes. Raises UnreadableFile or DocxImportError."""
    return build_plan(read_docx(data, name), name)


def import_file(path: str | Path) -> Imported:
    """The plan in a DOCX file. Raises UnreadableFile or DocxImportError."""
    data = read_file(Path(path), limit=MAX_FILE_BYTES, kind="a Word file")
    return import_docx(data, str(path))
