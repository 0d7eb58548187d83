"""The skeletons that come with osl-plan, so that even a first render needs no python-docx.

A plan without a ``--reference-doc``, a logo or a strip image gets one of four skeletons
(:class:`~osl_plan.render.docx_skeleton.Skeleton`): no strip, or a text strip in the footer, the
header or the first page's footer (the marks' table is written per document, so one skeleton
serves every text strip). They are built from python-docx's template by ``make skeletons``
(``python -m osl_plan.devtools.skeletons``) into ``osl_plan/render/skeletons/`` and shipped with
the package; tests/test_docx_cache.py fails when they are stale.

``built-by.txt`` beside them names the code they were built with (a digest of osl-plan's version
and the building modules' text): a checkout whose building code changed since ignores them and
builds, as without them.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from osl_plan import __version__
from osl_plan.funding import Strip
from osl_plan.render.docx_cache import BUILDERS, decode_bytes, encode_bytes

FOLDER = Path(__file__).resolve().parent / "skeletons"
#: Where a text strip may go (``--strip-position``), each its own skeleton.
POSITIONS = ("footer", "header", "first-page")
NO_STRIP = "none"
BUILT_BY = "built-by.txt"


def shipped_name(
    reference: Path | None, strip: Strip | None, position: str, logo: object | None
) -> str | None:
    """The shipped skeleton for this base document, strip and logo; None when none fits."""
    if reference is not None or logo is not None:
        return None
    if strip is None:
        return NO_STRIP
    return position if strip.image is None and position in POSITIONS else None


def load(name: str) -> dict[str, Any] | None:
    """The shipped skeleton's values (tuples as lists), or None when it is missing, damaged or
    built by other code than this."""
    try:
        if (FOLDER / BUILT_BY).read_text(encoding="ascii").strip() != builders_digest():
            return None
        values = json.loads((FOLDER / f"{name}.json").read_bytes(), object_hook=decode_bytes)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return values if isinstance(values, dict) else None


def dumps(values: dict[str, Any]) -> str:
    """A skeleton's values as a shipped file's text."""
    return json.dumps(values, separators=(",", ":"), default=encode_bytes) + "\n"


@cache
def builders_digest() -> str:
    """osl-plan's version and the text of the modules that build a skeleton, as one digest
    (read once per process: every shipped skeleton a batch uses compares with it)."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for name in BUILDERS:
        # Line endings as git checks them out on Windows or elsewhere: the same code.
        digest.update((here / name).read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()
