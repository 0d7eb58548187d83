"""Existing plans in: a DOCX (from Word, LibreOffice, osl-plan, or a PDF conversion) or Markdown.

Errors: :class:`~osl_plan.errors.UnreadableFile` (exit 2) when the file cannot be read safely at
all — missing, not a zip, damaged or encrypted, too large or a zip bomb, XML with a DTD, Markdown
that is not UTF-8, a format other than .docx and .md; :class:`~osl_plan.errors.DocxImportError`
(exit 1) when it is a readable file that holds no plan — no task table, a table without tasks,
no year anywhere.
"""

from __future__ import annotations

from pathlib import Path

from osl_plan.errors import UnreadableFile, shown_path
from osl_plan.i18n import _
from osl_plan.importer.docx_reader import MAX_FILE_BYTES, read_docx
from osl_plan.importer.plan_builder import build_plan
from osl_plan.importer.state import Imported
from osl_plan.load import read_file

__all__ = ["Imported", "import_docx", "import_file", "import_markdown"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
#: Formats LibreOffice converts to .docx (``soffice --headless --convert-to docx FILE``).
_CONVERTIBLE = (".doc", ".odt", ".rtf", ".docm", ".dotx", ".fodt", ".wpd")


def import_docx(data: bytes, name: str = "<docx>") -> Imported:
    """The plan in DOCX bytes. Raises UnreadableFile or DocxImportError."""
    return build_plan(read_docx(data, name), name)


def import_markdown(data: bytes, name: str = "<md>") -> Imported:
    """The plan in Markdown bytes (UTF-8). Raises UnreadableFile or DocxImportError."""
    from osl_plan.importer.markdown import read_markdown

    return build_plan(read_markdown(data, name), name)


def import_file(path: str | Path) -> Imported:
    """The plan in a .docx or .md file (by extension). Raises UnreadableFile, DocxImportError."""
    path = Path(path)
    if path.is_dir():
        raise UnreadableFile(
            path, _("is a folder; give the plan's Word (.docx) or Markdown (.md) file")
        )
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return import_markdown(
            read_file(path, limit=MAX_FILE_BYTES, kind=_("a Markdown file")), shown_path(path)
        )
    if suffix != ".docx":
        raise UnreadableFile(path, _unsupported(path))
    data = read_file(path, limit=MAX_FILE_BYTES, kind=_("a Word file"))
    return import_docx(data, shown_path(path))


def _unsupported(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        # LibreOffice opens a PDF as drawing frames, not a table: converted, it holds no plan.
        return _(
            "is a PDF, which keeps no table to read; import the .docx or .md it was made from,"
            " or copy the table into Word and save it as .docx"
        )
    if suffix in _CONVERTIBLE:
        return _(
            "is a {suffix} file; import reads .docx and .md — convert it with LibreOffice: "
            "{command}"
        ).format(suffix=suffix, command=f"soffice --headless --convert-to docx {path.name}")
    if suffix:
        return _("is a {suffix} file; import reads .docx (Word) and .md (Markdown) files").format(
            suffix=suffix
        )
    return _("is a file without an extension; import reads .docx (Word) and .md (Markdown) files")
