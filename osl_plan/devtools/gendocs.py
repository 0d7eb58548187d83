"""Generate the CLI reference (docs/cli.md in Polish, docs/cli.en.md in English) from every
command's ``--help``, schema/plan.schema.json, docs/codes.md and docs/format.md (the plan format).

Run ``make docs`` (or ``python -m osl_plan.devtools.gendocs``) after changing a command or the
model; ``--check`` reports stale files without writing them. Kept out of the CLI so that start-up
stays fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import typer
from typer.main import get_command

ROOT = Path(__file__).resolve().parent.parent.parent
#: The CLI reference in each language osl-plan speaks; Polish, the default, is docs/cli.md.
CLI_DOCS = {"pl": ROOT / "docs" / "cli.md", "en": ROOT / "docs" / "cli.en.md"}
SCHEMA_FILE = ROOT / "schema" / "plan.schema.json"
CODES_DOC = ROOT / "docs" / "codes.md"
FORMAT_DOC = ROOT / "docs" / "format.md"

#: A fixed width keeps the reference the same on every terminal.
WIDTH = 88
PROG = "osl-plan"

_GENERATED = """\
<!-- Generated from each command's --help by `make docs`
     (python -m osl_plan.devtools.gendocs). Do not edit by hand:
     tests/test_docs.py fails when this file is stale. -->
"""

HEADERS = {
    "pl": f"""\
# Polecenia osl-plan

{_GENERATED}
*[English version](cli.en.md)*

Każde polecenie przyjmuje `-h` oraz `--help`. Pomoc jest po polsku; po angielsku wyświetla się
po ustawieniu `OSL_PLAN_LANG=en`. Kody wyjścia opisuje [README](../README.md#exit-codes).
""",
    "en": f"""\
# Command-line reference

{_GENERATED}
*[Wersja polska](cli.md)*

Every command accepts `-h` as well as `--help`. osl-plan speaks Polish unless `OSL_PLAN_LANG=en`
(or an English locale) is set; this is the English help. Exit codes are listed in the
[README](../README.md#exit-codes).
""",
}


@contextlib.contextmanager
def language(lang: str) -> Iterator[None]:
    """Messages in ``lang`` inside the block (as ``OSL_PLAN_LANG`` would choose them)."""
    from osl_plan import i18n

    before = os.environ.get("OSL_PLAN_LANG")
    os.environ["OSL_PLAN_LANG"] = lang
    i18n.reset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["OSL_PLAN_LANG"]
        else:
            os.environ["OSL_PLAN_LANG"] = before
        i18n.reset()


@dataclass(frozen=True)
class Entry:
    """One command of the tree: its full name (``osl-plan render``) and its click context."""

    name: str
    context: typer.Context


def walk() -> Iterator[Entry]:
    """Every command of the application, the root first, subcommands in name order."""
    from osl_plan.cli import app

    root = get_command(app)
    # The root's settings (``-h`` as a help option) reach subcommands through the parent context.
    context = typer.Context(
        root,
        info_name=PROG,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **root.context_settings,
    )
    yield from _walk(context)


def _walk(context: typer.Context) -> Iterator[Entry]:
    yield Entry(context.command_path, context)
    list_commands = getattr(context.command, "list_commands", None)
    if list_commands is None:
        return
    for name in sorted(list_commands(context)):
        sub = context.command.get_command(context, name)  # type: ignore[attr-defined]
        if sub is None or sub.hidden:
            continue
        yield from _walk(
            typer.Context(
                sub, parent=context, info_name=name, terminal_width=WIDTH, max_content_width=WIDTH
            )
        )


def cli_reference(lang: str = "pl") -> str:
    """The Markdown CLI reference in ``lang``: one section per command with its help text."""
    parts = [HEADERS[lang]]
    with language(lang):
        for entry in walk():
            help_text = entry.context.command.get_help(entry.context).rstrip()
            parts.append(f"\n## `{entry.name}`\n\n```text\n{help_text}\n```\n")
    return "".join(parts)


def schema_file_text() -> str:
    """The text of schema/plan.schema.json: Polish, as ``osl-plan schema`` prints it by default."""
    from osl_plan.schema import schema_text

    return schema_text("pl")


CODES_HEADER = """\
# Kody problemów – problem codes

<!-- Generated from osl_plan/codes.py by `make docs`
     (python -m osl_plan.devtools.gendocs). Do not edit by hand:
     tests/test_docs.py fails when this file is stale. -->

Każdy problem, który `osl-plan validate` znajduje w planie, ma stały kod. Kod podaje raport
`--format json` (pole `code`) i tytuł adnotacji `--format github` (`osl-plan <kod>: <pole>`).
Programy rozpoznają problemy po kodzie, nie po treści komunikatu: komunikaty zależą od języka
i mogą się zmieniać, kody – nigdy.

Every problem `osl-plan validate` finds has a stable code, in the JSON report (`code`) and in the
title of a GitHub annotation (`osl-plan <code>: <field>`). Programs match on the code, never on
the message: messages follow the language and may be reworded; a published code is never renamed
or reused.

| Kod / code | Znaczenie | Meaning |
|---|---|---|
"""


def codes_reference() -> str:
    """The Markdown list of problem codes, described in Polish and in English."""
    from osl_plan.codes import CODES
    from osl_plan.i18n import translations

    polish = translations("pl").gettext
    rows = [
        f"| `{code}` | {_cell(polish(description))} | {_cell(description)} |\n"
        for code, description in CODES.items()
    ]
    return CODES_HEADER + "".join(rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def generated() -> dict[Path, str]:
    """Each generated file and the text it should hold."""
    texts = {path: cli_reference(lang) for lang, path in CLI_DOCS.items()}
    from osl_plan.devtools.formatdoc import reference_from_file

    schema = schema_file_text()
    return {
        **texts,
        SCHEMA_FILE: schema,
        CODES_DOC: codes_reference(),
        FORMAT_DOC: reference_from_file(schema),
    }


def stale() -> list[Path]:
    """The generated files whose checked-in text differs from what the code produces now."""
    return [
        path
        for path, text in generated().items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    """Write the generated files (or, with ``--check``, only report the stale ones)."""
    args = sys.argv[1:] if argv is None else argv
    if args and args != ["--check"]:
        print("usage: python -m osl_plan.devtools.gendocs [--check]", file=sys.stderr)
        return 2
    if args == ["--check"]:
        outdated = stale()
        for path in outdated:
            print(f"{_shown(path)} is stale: run `make docs`", file=sys.stderr)
        return 1 if outdated else 0
    for path, text in generated().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"Wrote {_shown(path)}")
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
