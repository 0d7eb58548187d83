"""Keep the Polish message catalog in step with the code (``make i18n``), and check it (tests).

``python -m osl_plan.devtools.catalog`` extracts every gettext message from ``osl_plan/`` (Babel),
merges it into ``osl_plan/locale/pl/LC_MESSAGES/osl_plan.po`` (new messages appear untranslated,
changed ones as fuzzy with the previous text shown) and compiles the ``.mo`` beside it.
``--check`` writes nothing and lists what is wrong: a message without a Polish translation, a fuzzy
or stale entry, placeholders that differ from the original, a ``.mo`` older than the ``.po``.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from osl_plan import __version__
from osl_plan.i18n import DOMAIN, LOCALE_DIR

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = ROOT / "osl_plan"
WIDTH = 100
_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)?(?:[!:][^{}]*)?\}(?!\})")


def po_path(lang: str = "pl") -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> Catalog:
    """Every message marked in the code (``_``, ``ngettext``, ``N_``)."""
    template = Catalog(project="osl-plan", version=__version__, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        # The editor's pages are Jinja templates that call _() and ngettext() too.
        method_map=[("**.py", "python"), ("editor/templates/**.html", "jinja2.ext:babel_extract")],
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda path: "devtools" not in Path(path).parts,
    ):
        location = (f"osl_plan/{Path(filename).as_posix()}", lineno)
        flags = ("python-brace-format",) if _has_placeholders(message) else ()
        template.add(
            message, locations=[location], auto_comments=comments, context=context, flags=flags
        )
    return template


def _has_placeholders(message: object) -> bool:
    return any(_PLACEHOLDER.search(text) for text in _texts(message))


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parent.parent.name, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, include_previous=True,
             include_lineno=False, ignore_obsolete=True)  # fmt: skip
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update(lang: str = "pl") -> int:
    """Merge the code's messages into the catalog and compile it; the number untranslated."""
    path = po_path(lang)
    catalog = _read(path)
    creation, revision = catalog.creation_date, catalog.revision_date
    catalog.update(extract(), update_creation_date=False)
    catalog.creation_date, catalog.revision_date = creation, revision
    path.write_bytes(_po_bytes(catalog))
    path.with_suffix(".mo").write_bytes(_mo_bytes(_read(path)))
    return sum(1 for message in catalog if message.id and not _translated(message))


def _translated(message: Message) -> bool:
    return all(_texts(message.string)) and not message.fuzzy


def _names(text: str) -> set[str]:
    return {match.group(0) for match in _PLACEHOLDER.finditer(text)}


def check(lang: str = "pl") -> list[str]:
    """What is wrong with the catalog of ``lang``; empty when it is complete and current."""
    path = po_path(lang)
    catalog = _read(path)
    problems: list[str] = []
    code = {message.id for message in extract() if message.id}
    listed = {message.id for message in catalog if message.id}
    problems += [f"not in the catalog (run make i18n): {msgid!r}" for msgid in code - listed]
    problems += [f"stale, no longer in the code: {msgid!r}" for msgid in listed - code]
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy, review the translation: {message.id!r}")
        elif not _translated(message):
            problems.append(f"no Polish translation: {message.id!r}")
        else:
            problems += _placeholder_problems(message)
    if path.with_suffix(".mo").read_bytes() != _mo_bytes(catalog):
        problems.append(f"{path.with_suffix('.mo').name} is older than the .po (run make i18n)")
    return problems


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, (tuple, list)):
        return tuple(str(text) for text in value)
    return (str(value or ""),)


def _placeholder_problems(message: Message) -> list[str]:
    originals = _texts(message.id)
    expected = set().union(*(_names(text) for text in originals))
    strings = _texts(message.string)
    return [
        f"placeholders {sorted(_names(text))} differ from {sorted(expected)}: {originals[0]!r}"
        for text in strings
        if _names(text) != expected and not (len(originals) > 1 and _names(text) < expected)
    ]


def compiled(lang: str = "pl") -> dict[object, object]:
    """The compiled catalog as gettext reads it (tests)."""
    with po_path(lang).with_suffix(".mo").open("rb") as handle:
        return {message.id: message.string for message in read_mo(handle) if message.id}


def main(argv: list[str]) -> int:
    """``--check``: report problems and exit 1 if any; otherwise update and compile."""
    if "--check" in argv:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    missing = update()
    print(f"{po_path()}: {missing} message(s) still to translate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
