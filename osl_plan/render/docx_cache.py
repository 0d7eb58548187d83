"""DOCX skeletons kept between runs, so that python-docx is imported only to build a new one.

A skeleton (:class:`~osl_plan.render.docx_skeleton.Skeleton`) depends on the base document, the
strip, its position and the logo, never on the plan's content (a text strip's marks are written
per document): the same for every run of an unchanged plan. Those that come with osl-plan
(:mod:`osl_plan.render.docx_shipped`) are not kept again. A built one is kept in the user's
cache (``$XDG_CACHE_HOME/osl-plan/docx/``, else ``~/.cache/osl-plan/docx/``) as JSON, under a
name made from everything it was built from: the input files' paths, sizes and modification
times, osl-plan's version, the modules that build it and python-docx's installation. The whole
key is stored in the file and compared when it is read, so a name shared by chance is a miss.

The cache is only a shortcut (:mod:`osl_plan.user_cache`): a folder that is missing, read-only
or someone else's, or a file that is damaged, means the skeleton is built as without it; nothing
is raised.
"""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path
from typing import Any

from osl_plan import __version__, user_cache

#: The skeletons' folder in the user's cache.
FOLDER = "docx"
#: Bumped when the file's layout changes.
FORMAT = 2
#: Skeletons kept at most; the oldest go first (one per base document, strip and logo used).
MAX_FILES = 32
#: The modules whose code decides what a skeleton holds.
BUILDERS = ("docx_skeleton.py", "docx_setup.py", "docx_strip.py", "docx_sanitize.py")


def cache_folder() -> Path:
    """Where the skeletons are kept (it may not exist)."""
    return user_cache.folder(FOLDER)


def load(key: tuple[Any, ...]) -> dict[str, Any] | None:
    """The skeleton's values kept for ``key`` (as :func:`store` got them, tuples as lists);
    None when there are none or the file cannot be used."""
    folder = user_cache.usable(FOLDER, create=False)
    if folder is None:
        return None
    full = _full_key(key)
    try:
        data = json.loads((folder / _name(full)).read_bytes(), object_hook=decode_bytes)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != full:
        return None
    values = data.get("skeleton")
    return values if isinstance(values, dict) else None


def store(key: tuple[Any, ...], values: dict[str, Any]) -> None:
    """Keep a skeleton's ``values`` (JSON values and bytes) for ``key``, atomically; an error
    only means it is not kept."""
    folder = user_cache.usable(FOLDER, create=True)
    if folder is None:
        return
    full = _full_key(key)
    document = {"key": full, "skeleton": values}
    text = json.dumps(document, separators=(",", ":"), default=encode_bytes)
    user_cache.keep(folder / _name(full), text.encode("utf-8"), kept=MAX_FILES)


def _full_key(key: tuple[Any, ...]) -> str:
    """Everything a skeleton depends on, as one string."""
    here = Path(__file__).resolve().parent
    builders = [user_cache.identity(here / name) for name in BUILDERS]
    return repr((FORMAT, __version__, builders, _python_docx(), key))


def _python_docx() -> tuple[str, int, int] | None:
    """python-docx's installation (its default template is the base document), not imported."""
    import importlib.util

    spec = importlib.util.find_spec("docx")
    if spec is None or spec.origin is None:
        return None
    return user_cache.identity(Path(spec.origin).parent / "templates" / "default.docx")


def _name(full_key: str) -> str:
    data = full_key.encode("utf-8")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}.json"


def encode_bytes(value: Any) -> Any:
    """Bytes as ``{"$b": base64}`` (JSON has no bytes)."""
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    raise TypeError(type(value).__name__)


def decode_bytes(value: dict[str, Any]) -> Any:
    return base64.b64decode(value["$b"]) if value.keys() == {"$b"} else value
