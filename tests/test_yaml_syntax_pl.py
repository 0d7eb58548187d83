"""Broken YAML is explained in Polish, with line and column, by both YAML parsers.

The parser's error texts are a closed set: libyaml's are listed here as its sources word them,
the pure-Python parser's are read from its own sources in the installed PyYAML, and each must
have a message of its own (not the fallback).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from osl_plan import yamlread
from osl_plan.errors import PlanError
from osl_plan.load import loads
from osl_plan.yaml_syntax import canonical, describe, is_known

# Broken plans as people write them (Notepad indents with the Tab key, ends lines with CR LF).
CORPUS = {
    "notepad-tabs": "rok: 2024\r\nzadania:\r\n\t- zadanie: Spotkanie\r\n\t  termin: maj\r\n",
    "tab-before-key": "rok: 2024\nzadania:\n  - zadanie: Spotkanie\n\t  termin: maj\n",
    "tab-after-colon": "rok:\t2024\nzadania:\n  a: 1\n\tb: 2\n",
    "missing-colon": "rok: 2024\nzadania\n  - zadanie: Spotkanie\n",
    "missing-colon-value": "rok 2024\nzadania:\n  - zadanie: Spotkanie\n",
    "duplicate-yaml-directive": "%YAML 1.1\n%YAML 1.1\n---\nrok: 2024\n",
    "duplicate-tag-directive": "%TAG ! tag:a,2000:\n%TAG ! tag:b,2000:\n---\nrok: 2024\n",
    "yaml-version-2": "%YAML 2.0\n---\nrok: 2024\n",
    "unknown-directive": "%ZADANIA tak\n---\nrok: 2024\n",
    "unclosed-double-quote": 'rok: 2024\ngmina: "Klucze\n',
    "unclosed-single-quote": "rok: 2024\ngmina: 'Klucze\n",
    "bad-indentation-in-task": "rok: 2024\nzadania:\n  - zadanie: Spotkanie\n   termin: maj\n",
    "key-indented-deeper": "rok: 2024\n  gmina: Klucze\n",
    "stray-bracket-line": "rok: 2024\n]\n",
    "stray-bracket-value": "rok: 2024\nzadania: ]\n",
    "anchor-without-name": "rok: 2024\ngmina: &\n",
    "alias-without-name": "rok: 2024\ngmina: * Klucze\n",
    "unclosed-list": "rok: 2024\ncele: [jeden, dwa\ngmina: Klucze\n",
    "unclosed-keys": "gmina: {nazwa: Klucze\n",
    "empty-list-item": "cele: [jeden, , dwa]\n",
    "bad-tag": "rok: !<abc\n",
    "unknown-tag-handle": "rok: !x!y 2024\n",
    "block-indicator-zero": "opis: |0\n  Spotkanie\n",
    "text-after-block-indicator": "opis: | Spotkanie\n  dalej\n",
    "unknown-escape": 'opis: "a\\qb"\n',
    "bad-hex-escape": 'opis: "a\\xZZ"\n',
    "document-marker-in-quotes": 'opis: "Spotkanie\n---\nrady"\n',
    "question-mark-key": "rok: 2024\ngmina: ? Klucze\n",
    "at-sign": "rok: @2024\n",
    "backtick": "rok: `2024`\n",
    "percent-value": "rok: 2024\ngmina: %Klucze\n",
    "list-after-key": "rok: - 2024\n",
    "colon-in-text": "zadanie: Spotkanie: rada sołecka\n",
    "text-after-quote": 'zadanie: "Spotkanie" rady\n',
    "text-after-document-end": "rok: 2024\n...\nKlucze\ngmina: Klucze\n",
    "list-item-misaligned": "zadania:\n  - Spotkanie\n  gmina: Klucze\n",
    "key-misaligned": "gmina:\n  nazwa: 1\n powiat: 2\n",
    "colons-in-list": "cele: [a: b: c]\n",
    "undefined-alias": "rok: 2024\ngmina: *Klucze\n",
}

# English words a parser's message has and a Polish message has not.
ENGLISH = re.compile(
    r"\b(found|expected|while|scanning|parsing|character|cannot|token|stream|directive|allowed"
    r"|mapping|sequence|indicator|document|the|not|of|or|and|key|line|here|read|quote|bracket"
    r"|value|text|indentation|context)\b",
    re.IGNORECASE,
)
LOCATED = re.compile(r"^p\.yaml:\d+:\d+: ")

PARSERS = [
    pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


@pytest.fixture(params=PARSERS)
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    if request.param is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(yamlread, "Loader", request.param)
    return request.param  # type: ignore[no-any-return]


def said(text: str) -> list[str]:
    with pytest.raises(PlanError) as caught:
        loads(text, "p.yaml")
    return [p.format() for p in caught.value.problems]


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_broken_yaml_is_told_in_polish_with_line_and_column(
    name: str, parser: type, polish: None
) -> None:
    for message in said(CORPUS[name]):
        assert LOCATED.match(message), message
        assert not ENGLISH.findall(message), message


def test_a_notepad_tab_names_the_tab_key(polish: None) -> None:
    (message,) = said(CORPUS["notepad-tabs"])
    assert message.startswith("p.yaml:3:1: Składnia YAML: znak tabulacji"), message
    assert "spacjami" in message


def test_the_fallback_is_polish_and_the_caller_keeps_the_position(polish: None) -> None:
    message, hint = describe("something a future PyYAML may say")
    assert not ENGLISH.findall(message + hint)
    assert not is_known("something a future PyYAML may say")


def test_the_messages_are_english_on_request() -> None:
    assert describe("found duplicate %YAML directive").message == (
        "the line „%YAML” is written twice"
    )


# libyaml 0.2.5's problem texts (src/scanner.c, src/parser.c), each with its context where the
# same text means different things; the reader's errors are told as control characters.
LIBYAML = [
    "block sequence entries are not allowed in this context",
    "while scanning a simple key: could not find expected ':'",
    "while scanning a directive: could not find expected directive name",
    "while parsing a tag: did not find URI escaped octet",
    "while scanning a tag: did not find expected '!'",
    "did not find expected ',' or ']'",
    "did not find expected ',' or '}'",
    "did not find expected '-' indicator",
    "did not find expected <document start>",
    "while scanning an anchor: did not find expected alphabetic or numeric character",
    "while scanning a block scalar: did not find expected comment or line break",
    "while scanning a directive: did not find expected comment or line break",
    "while scanning a %YAML directive: did not find expected digit or '.' character",
    "while parsing a quoted scalar: did not find expected hexdecimal number",
    "did not find expected key",
    "did not find expected node content",
    "while parsing a tag: did not find expected tag URI",
    "while scanning a %YAML directive: did not find expected version number",
    "while scanning a %TAG directive: did not find expected whitespace",
    "while scanning a tag: did not find expected whitespace or line break",
    "while scanning a %TAG directive: did not find expected whitespace or line break",
    "while scanning a tag: did not find the expected '>'",
    "while scanning a plain scalar: found a tab character that violates indentation",
    "while scanning a block scalar: found a tab character where an indentation space is expected",
    "while parsing a tag: found an incorrect leading UTF-8 octet",
    "while parsing a tag: found an incorrect trailing UTF-8 octet",
    "while scanning a block scalar: found an indentation indicator equal to 0",
    "while scanning for the next token: found character that cannot start any token",
    "found duplicate %TAG directive",
    "found duplicate %YAML directive",
    "while scanning a %YAML directive: found extremely long version number",
    "found incompatible YAML document",
    "while parsing a quoted scalar: found invalid Unicode character escape code",
    "while parsing a node: found undefined tag handle",
    "while scanning a plain scalar: found unexpected ':'",
    "while scanning a quoted scalar: found unexpected document indicator",
    "while scanning a quoted scalar: found unexpected end of stream",
    "while scanning a directive: found unexpected non-alphabetical character",
    "while scanning a directive: found unknown directive name",
    "while parsing a quoted scalar: found unknown escape character",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
]


@pytest.mark.parametrize("problem", LIBYAML)
def test_every_libyaml_problem_has_its_own_message(problem: str) -> None:
    assert is_known(canonical(problem)), problem


def _python_problems() -> list[tuple[str, str]]:
    """(context, problem) of every error the pure-Python scanner, parser and composer raise."""
    folder = Path(yaml.__file__).parent
    found = []
    for module in ("scanner", "parser", "composer"):
        tree = ast.parse((folder / f"{module}.py").read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error"):
                texts = [_sample(arg) for arg in node.args]
                found.append((texts[0], texts[2] if len(texts) > 2 else ""))
    return found


def _sample(node: ast.expr) -> str:
    """A string argument with its %-placeholders filled in as PyYAML would fill them."""
    if isinstance(node, ast.BinOp) and isinstance(node.left, ast.Constant):
        node = node.left
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return ""
    return node.value.replace("%r", "'x'").replace("%s", "tag").replace("%d", "2")


def test_every_pure_python_problem_has_its_own_message() -> None:
    problems = _python_problems()
    assert len(problems) > 40  # the sources were read
    unknown = [
        (context, problem)
        for context, problem in problems
        if problem and not is_known(canonical(problem, context or None))
    ]
    assert unknown == []


def test_the_default_output_of_validate_is_polish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the organiser runs it: no language set at all, a plan indented in Notepad."""
    from conftest import run_cli

    for variable in ("OSL_PLAN_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    plan = tmp_path / "plan_2024.yaml"
    plan.write_bytes(CORPUS["notepad-tabs"].encode("utf-8"))
    result = run_cli("validate", plan)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert re.search(r"plan_2024\.yaml:3:1: Składnia YAML: ", first), first
    assert not ENGLISH.findall(first.split("plan_2024.yaml", 1)[1]), first
