"""The Office Open XML names a DOCX uses: namespaces, relationship types and content types.

One table for every module that reads or writes a DOCX (the renderer, the redline, the reference
document's rebuild, the importer). A name comes in two spellings: the namespace URI (``W_NS``),
for ``xmlns:w="…"`` declarations, and the Clark prefix lxml uses for tags and attributes
(``W`` = ``"{…}"``, as in ``f"{W}p"``).
"""

from __future__ import annotations

#: WordprocessingML: the document, styles, numbering, headers and footers.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Relationship ids inside a part (``r:id``, ``r:embed``).
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: A package's relationship parts (``_rels/*.rels``).
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: ``[Content_Types].xml``.
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
#: DrawingML: pictures and their placement in a paragraph.
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
#: Document properties: core (title, keywords), custom, and the value types they use.
CORE_PROPS_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
CUSTOM_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
EXTENDED_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"

W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
PACKAGE_RELS = f"{{{PACKAGE_RELS_NS}}}"
CONTENT_TYPES = f"{{{CONTENT_TYPES_NS}}}"
A = f"{{{A_NS}}}"
WP = f"{{{WP_NS}}}"
CUSTOM_PROPS = f"{{{CUSTOM_PROPS_NS}}}"
VT = f"{{{VT_NS}}}"

#: Relationship types of the main document: ``REL_TYPE + "styles"``, ``+ "image"``, …
REL_TYPE = f"{R_NS}/"
CUSTOM_PROPS_REL = f"{REL_TYPE}custom-properties"
IMAGE_REL = f"{REL_TYPE}image"
THUMBNAIL_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
#: Content types of WordprocessingML parts: ``CONTENT_TYPE + "wordprocessingml.styles+xml"``.
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument."
CUSTOM_PROPS_TYPE = f"{CONTENT_TYPE}custom-properties+xml"
MAIN_DOCUMENT_TYPE = f"{CONTENT_TYPE}wordprocessingml.document.main+xml"
