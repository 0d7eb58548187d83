"""Generated plans with hard Polish text: LibreOffice opens their DOCX and every task is there.

A sample of four of what the property tests generate (quotes „”, dashes, diacritics, emoji, very
long words, markup-looking text) is rendered and converted to PDF by the real LibreOffice (one run
for the four); pdftotext reads the text back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import key, pdf_text, print_together, soffice_or_skip
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from strategies import plans

from osl_plan.model import Plan
from osl_plan.render import render

# Emoji have no glyph in the document fonts; pdftotext may drop or change them.
_NO_GLYPH = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]")


def _comparable(text: str) -> str:
    # LibreOffice may break a line after any punctuation ("pn. !" / "ważne"): compare without
    # white space, so every character still has to be there, in order.
    return re.sub(r"\s+", "", key(_NO_GLYPH.sub(" ", text)))


@pytest.mark.libreoffice
@settings(
    max_examples=1,  # of four plans, converted by one LibreOffice
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each try runs LibreOffice
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(sample=st.lists(plans(max_tasks=4), min_size=4, max_size=4))
def test_libreoffice_opens_generated_plans_and_keeps_every_task(
    tmp_path: Path, sample: list[Plan]
) -> None:
    soffice_or_skip()
    pdfs = [tmp_path / f"plan_{n}.pdf" for n in range(len(sample))]
    documents = [render(plan, "docx") for plan in sample]
    print_together(documents, pdfs)
    for plan, pdf in zip(sample, pdfs, strict=True):
        text = _comparable(pdf_text(pdf))
        for task in plan.zadania:
            assert _comparable(task.zadanie) in text
            for item in task.dzialania:
                assert _comparable(item) in text
