"""What the importer reads from a document, DOCX or Markdown: paragraphs and tables in order."""

from __future__ import annotations

from dataclasses import dataclass, field

#: A run of text with its formatting: (text, bold, italic).
Run = tuple[str, bool, bool]


@dataclass(slots=True)
class Para:
    """A paragraph: its text, whether it is a list item, and its heading level if any."""

    text: str
    style: str = ""
    is_list: bool = False
    heading: int | None = None
    #: The text as formatted runs (bold, italic), for chapters written in simple Markdown.
    runs: list[Run] = field(default_factory=list)
    #: For a list item: whether the list is numbered, which list it is, and its first number.
    numbered: bool = False
    list_id: str = ""
    start: int = 1


@dataclass(slots=True)
class Cell:
    """A table cell; ``merge`` is "restart" or "continue" for vertically merged cells."""

    paragraphs: list[Para]
    span: int = 1
    merge: str | None = None

    @property
    def text(self) -> str:
        """All the cell's text, one line per paragraph."""
        return "\n".join(p.text for p in self.paragraphs).strip()


@dataclass(slots=True)
class Row:
    """A table row; ``header`` when marked to repeat on every page."""

    cells: list[Cell]
    header: bool = False


@dataclass(slots=True)
class Table:
    """A table: its rows in order."""

    rows: list[Row]


Block = Para | Table


@dataclass(slots=True)
class Document:
    """What the importer reads from a DOCX."""

    blocks: list[Block]
    #: The title from the document properties (dc:title), when set.
    title: str | None = None
    #: Blocks of the page headers and footers (where the funding strip lives).
    margins: list[Block] = field(default_factory=list)
    #: Alt texts of the images in the body, headers and footers.
    alt_texts: list[str] = field(default_factory=list)
    #: Alt texts of the images in the headers and footers only (an image strip's marks).
    margin_alt_texts: list[str] = field(default_factory=list)
    #: Other core properties: "creator", "subject", "keywords" when set.
    properties: dict[str, str] = field(default_factory=dict)
    #: Custom document properties (docProps/custom.xml) holding text, by name.
    custom: dict[str, str] = field(default_factory=dict)
