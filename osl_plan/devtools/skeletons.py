"""Build the skeletons shipped with osl-plan (osl_plan/render/skeletons/, see
:mod:`osl_plan.render.docx_shipped`) from python-docx's template.

Run ``make skeletons`` (or ``python -m osl_plan.devtools.skeletons``) after changing a module
that builds a skeleton or osl-plan's version; ``--check`` reports stale files without writing.
"""

from __future__ import annotations

import sys
from dataclasses import asdict

from osl_plan.funding import Strip
from osl_plan.render.docx_shipped import (
    BUILT_BY,
    FOLDER,
    NO_STRIP,
    POSITIONS,
    builders_digest,
    dumps,
)
from osl_plan.render.docx_skeleton import build_skeleton

#: Any marks: a text strip's skeleton holds only the slot for their table.
_ANY_MARKS = Strip(marks=("Fundusze Europejskie",), image=None)


def shipped_texts() -> dict[str, str]:
    """Each shipped file's name and the text it should hold."""
    texts = {f"{NO_STRIP}.json": dumps(asdict(build_skeleton(None, None, "footer")))}
    for position in POSITIONS:
        texts[f"{position}.json"] = dumps(asdict(build_skeleton(None, _ANY_MARKS, position)))
    texts[BUILT_BY] = builders_digest() + "\n"
    return texts


def main(argv: list[str]) -> int:
    stale = []
    FOLDER.mkdir(exist_ok=True)
    for name, text in shipped_texts().items():
        path = FOLDER / name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if "--check" not in argv:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if '--check' in argv else 'wrote'}: {path}", file=sys.stderr)
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
