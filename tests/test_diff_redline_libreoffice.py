"""The redline in the real LibreOffice: „Accept all” gives NEW's text, „Reject all” OLD's.

A Basic macro in a temporary LibreOffice profile opens the redline, runs LibreOffice's own
``.uno:AcceptAllTrackedChanges`` (or ``RejectAllTrackedChanges``) and saves the text; the same
LibreOffice saves the text of NEW's (OLD's) rendered DOCX to compare with. Empty lines are left
out: LibreOffice keeps an empty paragraph where a tracked heading stood between two tables.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import EXAMPLES, run_cli

CASES = Path(__file__).resolve().parent / "diff_cases"

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Texts(jobs As String)
  Dim line As String
  n = FreeFile
  Open jobs For Input As #n
  Do While Not EOF(n)
    Line Input #n, line
    job = Split(line, &quot;|&quot;)
    Text(job(0), job(1), job(2))
  Loop
  Close #n
End Sub

Sub Text(command As String, source As String, target As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  If command &lt;&gt; &quot;Keep&quot; Then
    helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
    frame = doc.getCurrentController().getFrame()
    helper.executeDispatch(frame, &quot;.uno:&quot; &amp; command, &quot;&quot;, 0, Array())
  End If
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text (encoded)&quot;
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
End Sub
</script:module>
"""

CHANGES = {
    "goals": (CASES / "goals_regrouped/old.yaml", CASES / "goals_regrouped/new.yaml"),
    "goals-reversed": (CASES / "goals_regrouped/new.yaml", CASES / "goals_regrouped/old.yaml"),
    "examples": (EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml"),
}
#: Each case's texts: the redline with every change accepted, with every change rejected, and
#: NEW's and OLD's own documents as they are.
JOBS = {
    "accepted": "AcceptAllTrackedChanges",
    "rejected": "RejectAllTrackedChanges",
    "new": "Keep",
    "old": "Keep",
}


def _profile(soffice: str, profile: Path) -> None:
    """A LibreOffice profile of its own holding the macro."""
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--terminate_after_init"],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    module = profile / "user/basic/Standard/Module1.xba"
    assert module.is_file(), "LibreOffice did not create its Basic library"
    module.write_text(MACRO, encoding="utf-8")


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[str]]]:
    """Every case's four texts, read by one LibreOffice (one start for the module, not four per
    case): {case: {"accepted": lines, "rejected": …, "new": …, "old": …}}."""
    from helpers import soffice_or_skip

    soffice = soffice_or_skip()
    work = tmp_path_factory.mktemp("redline-texts")
    profile = work / "profile"
    _profile(soffice, profile)
    jobs = []
    for case, (old, new) in CHANGES.items():
        documents = {"accepted": work / f"{case}-redline.docx", "new": work / f"{case}-new.docx",
                     "old": work / f"{case}-old.docx"}  # fmt: skip
        documents["rejected"] = documents["accepted"]
        result = run_cli("diff", old, new, "-f", "docx", "-o", documents["accepted"])
        assert result.exit_code == 0, result.stderr
        for name, plan in (("new", new), ("old", old)):
            assert run_cli("render", plan, "-f", "docx", "-o", documents[name]).exit_code == 0
        for name, command in JOBS.items():
            jobs.append(f"{command}|{documents[name]}|{work / f'{case}-{name}.txt'}")
    listed = work / "jobs.txt"
    listed.write_text("\n".join(jobs) + "\n", encoding="utf-8")
    macro = f'macro:///Standard.Module1.Texts("{listed}")'
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", macro],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {case: {name: _lines(work / f"{case}-{name}.txt") for name in JOBS} for case in CHANGES}


def _lines(path: Path) -> list[str]:
    assert path.is_file(), f"LibreOffice wrote no {path.name}"
    text = path.read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.libreoffice
@pytest.mark.parametrize("case", list(CHANGES))
def test_accept_all_gives_new_reject_all_gives_old(
    texts: dict[str, dict[str, list[str]]], case: str
) -> None:
    text = texts[case]
    assert text["accepted"] == text["new"]
    assert text["rejected"] == text["old"]
    assert text["accepted"] != text["rejected"]
    assert len(text["new"]) > 10  # the documents were read, not empty
