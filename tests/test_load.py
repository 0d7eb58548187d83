"""The loader: safe YAML, duplicate keys, bounded aliases and nesting, encodings, positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from osl_plan import load as load_module
from osl_plan import yamlread
from osl_plan.errors import PlanError, UnreadableFile
from osl_plan.load import load, loads

PLAN = "rok: 2023\nzadania:\n  - zadanie: Spotkania z mieszkańcami\n    termin: marzec 2023\n"
LOADERS = [
    pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    if request.param is None:
        pytest.skip("PyYAML was built without libyaml")
    monkeypatch.setattr(load_module, "_Loader", request.param)
    monkeypatch.setattr(yamlread, "Loader", request.param)
    return request.param  # type: ignore[no-any-return]


def problems(text: str | bytes) -> list[str]:
    with pytest.raises(PlanError) as caught:
        loads(text, "p.yaml")
    return [p.format() for p in caught.value.problems]


def test_libyaml_is_used_when_installed() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    assert load_module._Loader is yaml.CSafeLoader


def test_both_parsers_load_the_example_identically(
    example_2023: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = example_2023.read_bytes()
    plans = []
    for parser in (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader):
        monkeypatch.setattr(load_module, "_Loader", parser)
        monkeypatch.setattr(yamlread, "Loader", parser)
        loaded = loads(data, "plan_2023.yaml")
        plans.append((loaded.plan, loaded.task_lines))
    assert plans[0] == plans[1]


@pytest.mark.parametrize(
    "case", sorted((Path(__file__).parent / "invalid").glob("*.yaml")), ids=lambda p: p.stem
)
def test_both_parsers_give_the_same_messages(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    results = []
    for parser in (yaml.CSafeLoader, yaml.SafeLoader):
        monkeypatch.setattr(load_module, "_Loader", parser)
        monkeypatch.setattr(yamlread, "Loader", parser)
        with pytest.raises(PlanError) as caught:
            loads(case.read_bytes(), case.name, base_dir=case.parent)
        results.append([p.format() for p in caught.value.problems])
    assert results[0] == results[1]


def test_valid_plan(loader: type) -> None:
    loaded = loads(PLAN, "p.yaml")
    assert loaded.plan.rok == 2023
    assert loaded.task_lines == (3,)
    assert loaded.plan.zadania[0].termin.start.month == 3


def test_utf8_bom_is_fine(loader: type) -> None:
    assert loads(b"\xef\xbb\xbf" + PLAN.encode(), "p.yaml").plan.rok == 2023
    assert loads("\ufeff" + PLAN, "p.yaml").plan.rok == 2023


def test_crlf_line_ends_are_fine(loader: type) -> None:
    assert (
        loads(PLAN.replace("\n", "\r\n").encode(), "p.yaml")
        .plan.zadania[0]
        .zadanie.endswith("mieszkańcami")
    )


def test_cp1250_names_the_encoding_and_the_fix(loader: type) -> None:
    [line] = problems(PLAN.encode("cp1250"))
    assert line.startswith("p.yaml:3:33: is not UTF-8 text: byte 0xF1")
    assert "Windows-1250" in line and "„ń”" in line and "iconv" in line


def test_utf16_names_the_encoding(loader: type) -> None:
    [line] = problems(PLAN.encode("utf-16"))
    assert "UTF-16" in line and "UTF-8" in line


def test_every_problem_of_a_file_in_one_run(loader: type) -> None:
    text = (
        "rok: 2023\n"
        "zadania:\n"
        "  - zadanie: A\n"
        "    termin: Smarzec 2023\n"
        "  - zadanie: B\n"
        "    adresat: Seniorzy\n"
        "    termin: maj 2023\n"
        "  - zadanie: 7\n"
        "    termin: maj 2022\n"
    )
    lines = problems(text)
    assert [line.split(": ")[0] for line in lines] == [
        "p.yaml:4:13",
        "p.yaml:6:5",
        "p.yaml:8:14",
        "p.yaml:9:13",
    ]
    fields = [line.split(": ")[1] for line in lines]
    assert fields == [
        "zadania[1].termin",
        "zadania[2].adresat",
        "zadania[3].zadanie",
        "zadania[3].termin",
    ]


def test_tags_never_construct_objects(loader: type, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = PLAN + f"gmina: !!python/object/apply:os.system ['touch {marker}']\n"
    [line] = problems(text)
    assert "the tag !!python/object/apply:os.system is not allowed" in line
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary aGVsbG8=", "!!set {a, b}", "!!omap [a: 1]"])
def test_other_tags_are_refused(loader: type, tag: str) -> None:
    [line] = problems(PLAN + f"gmina: {tag}\n")
    assert "is not allowed" in line


def test_plain_scalar_types_are_allowed(loader: type) -> None:
    plan = loads(PLAN + "podpisy:\n  opracowal:\n    data: 2023-01-05\n", "p.yaml").plan
    assert str(plan.podpisy.opracowal.data) == "2023-01-05"


@pytest.mark.parametrize(("written", "month"), [("03.2023", 3), ("10.2023", 10), ("12.2023", 12)])
def test_a_month_written_like_a_number_is_a_term_as_written(
    loader: type, written: str, month: int
) -> None:
    text = f"rok: 2023\nzadania:\n  - zadanie: A\n    termin: {written}\n"
    term = loads(text, "p.yaml").plan.zadania[0].termin
    assert (term.text, term.start.month, term.end.month) == (written, month, month)


def test_an_unquoted_date_is_a_term_of_its_month(loader: type) -> None:
    text = "rok: 2023\nzadania:\n  - zadanie: A\n    termin: 2023-05-15\n"
    term = loads(text, "p.yaml").plan.zadania[0].termin
    assert (term.text, term.start.month, term.end.month) == ("2023-05-15", 5, 5)


def test_a_number_with_a_point_in_a_text_field_is_text(loader: type) -> None:
    text = "rok: 2023\nzadania:\n  - zadanie: 1.5\n    termin: maj\n"
    assert loads(text, "p.yaml").plan.zadania[0].zadanie == "1.5"


def test_duplicate_keys_are_errors_not_silently_dropped(loader: type) -> None:
    [line] = problems(PLAN + "rok: 2024\n")
    assert line.startswith("p.yaml:5:1: rok: the key „rok” appears twice")
    assert "first on line 1" in line


def test_alias_bomb_fails_fast(loader: type) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    [line] = problems("\n".join(lines) + "\n")
    assert "aliases expand to more than" in line


def test_small_aliases_are_fine(loader: type) -> None:
    text = (
        "rok: 2023\nzadania:\n"
        "  - zadanie: A\n    adresaci: &all [Seniorzy, Młodzież]\n    termin: maj 2023\n"
        "  - zadanie: B\n    adresaci: *all\n    termin: maj 2023\n"
    )
    plan = loads(text, "p.yaml").plan
    assert plan.zadania[1].adresaci == ("Seniorzy", "Młodzież")


def test_merge_keys_are_refused(loader: type) -> None:
    text = "rok: 2023\nbase: &b {termin: maj 2023}\nzadania:\n  - <<: *b\n    zadanie: A\n"
    assert any("merge keys" in line for line in problems(text))


def test_deep_nesting_is_bounded(loader: type) -> None:
    [line] = problems("rok: 2023\nzadania: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "nested" in line and "levels" in line


def test_control_characters_point_at_the_field(loader: type) -> None:
    [line] = problems(PLAN + 'gmina: "Gmina\\u0007 Klucze"\n')
    assert line.startswith("p.yaml:5:8: gmina: contains an invisible control character (U+0007)")


def test_tab_and_newline_in_text_are_fine(loader: type) -> None:
    plan = loads(PLAN + 'wstep: "Akapit\\tpierwszy.\\n\\nDrugi."\n', "p.yaml").plan
    assert plan.wstep_paragraphs == ["Akapit\tpierwszy.", "Drugi."]


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="no such file"):
        load(tmp_path / "missing.yaml")
    with pytest.raises(UnreadableFile, match="is a folder"):
        load(tmp_path)


#: The smallest whole PNG: one grey pixel.
ONE_PIXEL_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x00\x00"
    b"\x00\x00:~\x9bU\x00\x00\x00\nIDATx\x9cc`\x00\x00\x00\x02\x00\x01H\xaf\xa4q\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def test_strip_image_is_checked_relative_to_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN + "finansowanie:\n  wzor: fers-2021-2027\n  obraz: pasek.png\n")
    with pytest.raises(PlanError, match="does not exist"):
        load(plan)
    (tmp_path / "pasek.png").write_bytes(b"GIF89a")
    with pytest.raises(PlanError, match="is not a PNG or JPEG"):
        load(plan)
    (tmp_path / "pasek.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 16)
    with pytest.raises(PlanError, match="damaged PNG"):  # a header alone is not an image
        load(plan)
    (tmp_path / "pasek.png").write_bytes(ONE_PIXEL_PNG)
    assert load(plan).plan.finansowanie is not None


def test_every_problem_code_produced_is_registered() -> None:
    import re

    from osl_plan import plan_checks
    from osl_plan.codes import CODES

    root = Path(plan_checks.__file__).parent
    produced: set[str] = set()
    for module in ("load.py", "yamlread.py", "plan_checks.py"):
        source = (root / module).read_text(encoding="utf-8")
        produced |= set(re.findall(r'code="([a-z-]+)"', source))
        produced |= set(re.findall(r'^\s+"([a-z]+(?:-[a-z]+)+)",?\s*$', source, re.MULTILINE))
    assert {"duplicate-key", "term-after-year", "comment-in-value", "image-missing"} <= produced
    assert produced <= set(CODES), produced - set(CODES)
