"""Chapter text back to the simple Markdown of ``sekcje[].tresc``: bold, italic, lists.

The renderer turns ``**bold**``, ``*italic*``, ``- item`` and ``1. item`` into formatted runs and
Word lists; here formatted runs become those marks again. Asterisks in the text are escaped only
when they would otherwise read as marks, and every line is parsed back to check that it means
exactly the runs it came from.
"""

from __future__ import annotations

import re

from osl_plan.importer.blocks import Para, Run
from osl_plan.importer.tables import clean, is_bullet, unbullet
from osl_plan.richtext import parse_inline

LIST_ITEM = re.compile(r"^(- |\d{1,9}\. )")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u00ad": None})


def chapter_lines(paras: list[Para]) -> list[str]:
    """One Markdown line per paragraph: list items with "- " or their number, runs marked."""
    lines: list[str] = []
    number, list_id = 0, None
    for para in paras:
        text = clean(para.text)
        if para.is_list and para.numbered:
            number = number + 1 if para.list_id == list_id else para.start
            list_id = para.list_id
            lines.append(f"{number}. {runs_markdown(para.runs) or text}")
            continue
        list_id = None
        if para.is_list:
            lines.append(f"- {runs_markdown(para.runs) or text}")
        elif is_bullet(text):
            lines.append(f"- {unbullet(text)}")
        else:
            lines.append(runs_markdown(para.runs) or text)
    return lines


def runs_markdown(runs: list[Run]) -> str:
    """Runs as one line of simple Markdown that parses back to the same formatting."""
    runs = [(text.translate(_SPACES).replace("\n", " "), b, i) for text, b, i in runs]
    wanted = _flags(runs)
    for escape in (False, True):
        line = "".join(_marked(text, bold, italic, escape=escape) for text, bold, italic in runs)
        line = line.strip()
        if _flags([(r.text, r.bold, r.italic) for r in parse_inline(line)]) == wanted:
            return line
    # Formatting the marks cannot express (e.g. bold straight after italic): keep the text.
    return "".join(_escaped(text) for text, _, _ in runs).strip()


def _marked(text: str, bold: bool, italic: bool, *, escape: bool) -> str:
    if escape:
        text = _escaped(text)
    core = text.strip()
    if not core or not (bold or italic):
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    marks = ("**" if bold else "") + ("*" if italic else "")
    return f"{lead}{marks}{core}{marks[::-1]}{trail}"


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*")


def _flags(runs: list[Run]) -> list[tuple[str, bool, bool]]:
    """Each visible character with its formatting; white space carries none."""
    chars = [
        (char, bold and not char.isspace(), italic and not char.isspace())
        for text, bold, italic in runs
        for char in text
    ]
    while chars and chars[0][0].isspace():
        chars.pop(0)
    while chars and chars[-1][0].isspace():
        chars.pop()
    return chars
