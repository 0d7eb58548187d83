"""osl-plan's own templates compiled once: kept in this process and between runs.

Compiling its templates is most of the work of a command rendering a plan as Markdown or HTML (about
40 ms, as much as the rest of the command), and of the editor's first page. The code a built-in
template compiles to is kept in this process, for every environment of the same settings, and in the
user's cache (``$XDG_CACHE_HOME/osl-plan/templates/``, else ``~/.cache/osl-plan/templates/``), under
a name made from everything the code depends on: the template's name, file and text (Jinja's key and
checksum), the settings it was compiled with, the versions of osl-plan, Jinja and Python, and the
modules that generate the code (the bounded sandbox). The whole key is stored in the file and
compared when it is read, so a name shared by chance is a miss.

The loader still reads each template on every use (it counts as an input and passes the text
check): a template whose text changed is compiled anew. A user's templates (``--template-dir``)
are never kept: they are compiled anew each time, in the child process that renders them. The
cache is only a shortcut (:mod:`osl_plan.user_cache`): a folder that is missing, read-only or
someone else's, or a damaged file, means the template is compiled as without it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import sys
from pathlib import Path
from types import CodeType

import jinja2
import jinja2.bccache

from osl_plan import __version__, user_cache

#: The compiled templates' folder in the user's cache.
FOLDER = "templates"
#: Bumped when the file's layout changes.
FORMAT = 1
#: Compiled templates kept at most; the oldest go first.
MAX_FILES = 64
#: The modules whose code decides what a template compiles to.
GENERATORS = ("template_limits.py", "templating.py", "template_cache.py")
_SUFFIX = ".code"


class TemplateCache(jinja2.BytecodeCache):
    """The compiled code of the templates of environments with the same ``settings``."""

    def __init__(self, settings: object) -> None:
        here = Path(__file__).resolve().parent
        python = importlib.util.MAGIC_NUMBER.hex(), sys.implementation.cache_tag
        generators = [user_cache.identity(here / name) for name in GENERATORS]
        #: What the code of every template depends on besides its own name and text.
        self._context = (FORMAT, __version__, jinja2.__version__, python, generators, settings)
        self._code: dict[tuple[str, str], CodeType] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self._code.get((bucket.key, bucket.checksum))
        if found is None:
            found = self._read(self._full_key(bucket))
            if found is not None:
                self._code[(bucket.key, bucket.checksum)] = found
        bucket.code = found

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is None:
            return
        self._code[(bucket.key, bucket.checksum)] = bucket.code
        folder = user_cache.usable(FOLDER, create=True)
        if folder is not None:
            full = self._full_key(bucket)
            data = full + b"\n" + marshal.dumps(bucket.code)
            user_cache.keep(folder / _name(full), data, kept=MAX_FILES)

    def _full_key(self, bucket: jinja2.bccache.Bucket) -> bytes:
        return repr((*self._context, bucket.key, bucket.checksum)).encode("utf-8")

    @staticmethod
    def _read(full_key: bytes) -> CodeType | None:
        folder = user_cache.usable(FOLDER, create=False)
        if folder is None:
            return None
        try:
            data = (folder / _name(full_key)).read_bytes()
        except OSError:
            return None
        key, newline, code = data.partition(b"\n")
        if key != full_key or not newline:
            return None
        try:
            loaded = marshal.loads(code)
        except (EOFError, ValueError, TypeError):
            return None
        return loaded if isinstance(loaded, CodeType) else None


def _name(full_key: bytes) -> str:
    return hashlib.sha256(full_key).hexdigest()[:32] + _SUFFIX
