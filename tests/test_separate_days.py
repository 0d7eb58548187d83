"""Separate days stay separate days: in the term, every document, the harmonogram, status, diff,
``new`` and ``lista`` (issue 21, point 5).

„8.03.2026, 15.03.2026” printed as „8–15 marca 2026” (a continuous week), „8 i 15 marca 2026” was
refused (the 8 read as August) and „8 marca 2026 i 11 listopada 2026” printed as „Marzec 2026,
listopad 2026”.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
import pytest
from helpers import run_cli

from osl_plan.diff.words import term_note
from osl_plan.load import loads
from osl_plan.model import Plan
from osl_plan.model.event_date import parse_event_date
from osl_plan.newyear import carry_forward
from osl_plan.render import RenderOptions, render
from osl_plan.render.schedule import schedule
from osl_plan.term_parse import parse_term
from osl_plan.terms import Month

NBSP = "\u00a0"


def printed(text: str, year: int = 2026) -> str:
    return parse_term(text, default_year=year).printed(nbsp=False)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("8.03.2026, 15.03.2026", "8 i 15 marca 2026"),
        ("8 marca i 15 marca 2026", "8 i 15 marca 2026"),
        ("8 i 15 marca 2026", "8 i 15 marca 2026"),
        ("8, 15 i 22 marca 2026", "8, 15 i 22 marca 2026"),
        ("15-16 i 20 czerwca 2026", "15–16 i 20 czerwca 2026"),
        ("8 marca 2026 i 11 listopada 2026", "8 marca i 11 listopada 2026"),
        ("28 grudnia 2026 i 3 stycznia 2027", "28 grudnia 2026 i 3 stycznia 2027"),
        ("8.03, 15.03", "8 i 15 marca 2026"),  # the plan's year
        ("8 wrzesnia i 15 wrzesnia 2026", "8 i 15 września 2026"),  # without Polish letters
        # a range of days is one range: „od … do …” with the month written once
        ("od 8 do 15 marca 2026", "8–15 marca 2026"),
        ("8-15 marca 2026", "8–15 marca 2026"),
        # days beside a month: each printed as written
        ("marzec 2026, 15 maja 2026", "Marzec 2026, 15 maja 2026"),
    ],
)
def test_a_list_of_days_prints_as_a_list_of_days(written: str, expected: str) -> None:
    term = parse_term(written, default_year=2026)
    assert term.printed(nbsp=False) == expected
    assert term.printed(nbsp=True).replace(NBSP, " ") == expected
    # the printed form reads back as the same months and prints the same (import keeps it)
    again = parse_term(term.printed(), default_year=None)
    assert again.ranges == term.ranges
    assert again.printed(nbsp=False) == expected


def test_a_bare_day_takes_the_month_written_after_it_not_its_number() -> None:
    term = parse_term("8 i 15 marca 2026", default_year=2026)
    assert term.ranges == ((Month(2026, 3), Month(2026, 3)),)
    assert term.days == ((dt.date(2026, 3, 8),) * 2, (dt.date(2026, 3, 15),) * 2)
    apart = parse_term("8 marca 2026 i 11 listopada 2026")
    assert apart.ranges == (
        (Month(2026, 3), Month(2026, 3)),
        (Month(2026, 11), Month(2026, 11)),
    )
    assert [m.month for m in apart.months()] == [3, 11]


def test_a_term_and_an_event_date_print_separate_days_the_same_way() -> None:
    for text in ("8 i 15 marca 2026", "8.03.2026, 15.03.2026", "8 marca 2026 i 11 listopada 2026"):
        event = parse_event_date(text, 2026).printed().replace(NBSP, " ")
        assert event == f"{printed(text)} r."


PLAN = """\
rok: 2026
kolumny: [zadanie, termin]
zadania:
  - zadanie: Dzień Kobiet i spotkanie poświąteczne
    termin: 8.03.2026, 15.03.2026
  - zadanie: Spotkania w sołectwach
    termin: 8 i 15 marca 2026
  - zadanie: Dzień Kobiet i Święto Niepodległości
    termin: 8 marca 2026 i 11 listopada 2026
  - zadanie: Festyn rodzinny
    termin: czerwiec 2026
"""


@pytest.fixture
def plan() -> Plan:
    return loads(PLAN, "plan.yaml").plan


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_plan_table_prints_the_days(plan: Plan, fmt: str) -> None:
    text = render(plan, fmt, RenderOptions()).decode("utf-8").replace(NBSP, " ")
    text = text.replace("&nbsp;", " ")
    assert text.count("8 i 15 marca 2026") == 2
    assert "8 marca i 11 listopada 2026" in text
    assert "8–15 marca" not in text and "Marzec 2026, listopad 2026" not in text


def test_the_docx_table_prints_the_days(plan: Plan) -> None:
    document = docx.Document(io.BytesIO(render(plan, "docx", RenderOptions())))
    cells = [cell.text.replace(NBSP, " ") for cell in document.tables[0].columns[-1].cells]
    assert cells[1:5] == [  # the signature row follows
        "8 i 15 marca 2026",
        "8 i 15 marca 2026",
        "8 marca i 11 listopada 2026",
        "Czerwiec 2026",
    ]


def test_the_harmonogram_shows_the_days_in_their_months(plan: Plan) -> None:
    grid = schedule(plan)
    march, november, june = (grid.months.index(Month(2026, m)) for m in (3, 11, 6))
    assert grid.days[0][march] == grid.days[1][march] == "8, 15"
    assert grid.days[2][march] == "8" and grid.days[2][november] == "11"
    assert [on for on in grid.rows[2]] == [m.month in (3, 11) for m in grid.months]
    assert grid.rows[3][june] and grid.days[3][june] == ""  # a month: the mark, no days
    md = render(plan, "md", RenderOptions(harmonogram=True)).decode("utf-8")
    row = next(line for line in md.splitlines() if line.startswith("| 3 | "))
    assert [cell.strip() for cell in row.split("|")[3:-1]] == [
        "", "", "8", "", "", "", "", "", "", "", "11", "",
    ]  # fmt: skip
    assert "Liczby – dni miesiąca" in md
    document = docx.Document(io.BytesIO(render(plan, "docx", RenderOptions(harmonogram=True))))
    grid_table = document.tables[-1]
    assert [c.text for c in grid_table.rows[1].cells][1:4] == ["", "", "8, 15"]
    assert [c.text for c in grid_table.rows[4].cells][6] == "X"


def test_a_range_of_days_across_months_is_cut_at_the_months_edges() -> None:
    from osl_plan.render.schedule import days_in_month

    days = parse_term("28.05 – 3.06.2026", default_year=2026).days
    assert days_in_month(days, Month(2026, 5)) == "28–31"
    assert days_in_month(days, Month(2026, 6)) == "1–3"
    whole = parse_term("15.05 – 30.06.2026", default_year=2026).days
    assert days_in_month(whole, Month(2026, 6)) == ""  # the whole month: marked as a month


def test_status_prints_the_days(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = run_cli("status", "plan.yaml", "--na", "2026-03", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    out = result.stdout.replace(NBSP, " ")
    assert "8 i 15 marca 2026" in out and "8 marca i 11 listopada 2026" in out
    assert "8–15 marca" not in out


@pytest.mark.parametrize(
    ("old", "new", "years", "note"),
    [
        # the same month, other days: a change (the months alone said nothing)
        (
            "8.03.2026, 15.03.2026",
            "8 marca 2026",
            0,
            "days changed: 8 i 15 marca 2026 → 8 marca 2026",
        ),
        ("marzec 2026", "8 i 15 marca 2026", 0, "days changed: Marzec 2026 → 8 i 15 marca 2026"),
        # the same days a year later: no change
        ("8 i 15 marca 2025", "8 i 15 marca 2026", 1, ""),
        ("8.03, 15.03", "8 i 15 marca 2026", 1, ""),
        # other months: the days say what changed
        (
            "8 marca 2025",
            "8 marca 2026 i 11 listopada 2026",
            1,
            "changed: 8 marca 2026 → 8 marca i 11 listopada 2026",
        ),
    ],
)
def test_the_diff_notes_a_change_of_days(old: str, new: str, years: int, note: str) -> None:
    before = parse_term(old, default_year=2026 - years)
    after = parse_term(new, default_year=2026)
    assert term_note(before, after, years=years, year=2026) == note


def test_the_diff_of_two_plans_lists_the_days(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(PLAN, encoding="utf-8")
    changed = PLAN.replace("termin: 8 i 15 marca 2026", "termin: 8 marca 2026")
    (tmp_path / "new.yaml").write_text(changed, encoding="utf-8")
    result = run_cli("diff", "old.yaml", "new.yaml", "-f", "json", cwd=tmp_path)
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    [change] = report["changed"]
    [field] = change["fields"]
    assert (field["field"], field["old"], field["new"]) == (
        "termin",
        "8 i 15 marca 2026",
        "8 marca 2026",
    )
    assert field["note"] == "days changed: 8 i 15 marca 2026 → 8 marca 2026"
    assert change["old"]["days"] == ["2026-03-08", "2026-03-15"]
    assert change["new"]["days"] == ["2026-03-08"]
    assert change["old"]["month_list"] == change["new"]["month_list"] == ["2026-03"]


def test_new_keeps_a_list_of_days_as_days(plan: Plan) -> None:
    carried = carry_forward(plan, 2027).plan
    terms = [task.termin for task in carried.zadania]
    assert [t.text for t in terms[:3]] == [
        "8.03.2027, 15.03.2027",
        "8 i 15 marca 2027",
        "8 marca 2027 i 11 listopada 2027",
    ]
    assert [t.printed(nbsp=False) for t in terms[:3]] == [
        "8 i 15 marca 2027",
        "8 i 15 marca 2027",
        "8 marca i 11 listopada 2027",
    ]
    assert terms[2].days == ((dt.date(2027, 3, 8),) * 2, (dt.date(2027, 11, 11),) * 2)


def _words(pdf: Path, page: int) -> list[tuple[str, float, float]]:
    """The words of one page with the middle of each: (word, x, y)."""
    import re
    import subprocess

    from helpers import poppler

    html = subprocess.run(
        [poppler("pdftotext"), "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html,
    )
    return [(w, (float(a) + float(c)) / 2, (float(b) + float(d)) / 2) for a, b, c, d, w in found]


@pytest.mark.libreoffice
def test_the_pdf_prints_the_days_in_the_table_and_in_the_harmonogram(
    tmp_path: Path, soffice: str
) -> None:
    from helpers import pdf_pages

    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = run_cli(
        "render", "plan.yaml", "-f", "pdf", "--harmonogram", "-o", "p.pdf", cwd=tmp_path
    )
    assert result.exit_code == 0, result.stderr
    first, *_ = pdf_pages(tmp_path / "p.pdf")
    assert " ".join(first.split()).count("8 i 15 marca 2026") == 2
    assert "8 marca i 11 listopada" in " ".join(first.split())
    words = _words(tmp_path / "p.pdf", 2)
    x = {w: mid for w, mid, _y in words if w in ("lut", "kwi", "paź", "gru")}
    row_3 = next(y for w, _x, y in words if w == "Niepodległości")
    # the days stand in their months' columns: March (between February and April), November
    march = [(w, y) for w, mid, y in words if x["lut"] < mid < x["kwi"] and w in ("8,", "8", "15")]
    assert {w for w, _y in march} == {"8,", "8", "15"}
    november = [y for w, mid, y in words if x["paź"] < mid < x["gru"] and w == "11"]
    assert len(november) == 1 and abs(november[0] - row_3) < 12


def test_new_moves_a_leap_day_in_a_list_of_days_to_28_february() -> None:
    leap = loads(
        "rok: 2024\nzadania:\n  - zadanie: Spotkania\n    termin: 29 lutego i 7 marca 2024\n"
        "  - zadanie: Warsztaty\n    termin: 29.02, 7.03.2024\n",
        "plan.yaml",
    ).plan
    terms = [task.termin for task in carry_forward(leap, 2025).plan.zadania]
    assert [t.text for t in terms] == ["28 lutego i 7 marca 2025", "28.02, 7.03.2025"]
    assert [t.printed(nbsp=False) for t in terms] == ["28 lutego i 7 marca 2025"] * 2
