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
Sub AllChanges(source As String, target As String, command As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot;
  load(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(source), &quot;_blank&quot;, 0, load())
  helper = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  frame = doc.getCurrentController().getFrame()
  helper.executeDispatch(frame, &quot;.uno:&quot; &amp; command, &quot;&quot;, 0, Array())
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot;
  store(0).Value = &quot;Text (encoded)&quot;
  doc.storeToURL(ConvertToURL(target), store())
  doc.close(True)
End Sub
</script:module>
"""


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """soffice and a profile of its own holding the macro."""
    from helpers import soffice_or_skip

    soffice = soffice_or_skip()
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--terminate_after_init"],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    module = profile / "user/basic/Standard/Module1.xba"
    assert module.is_file(), "LibreOffice did not create its Basic library"
    module.write_text(MACRO, encoding="utf-8")
    return soffice, profile


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8-sig")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _all_changes(office: tuple[str, Path], docx: Path, command: str) -> list[str]:
    soffice, profile = office
    target = docx.with_name(f"{docx.stem}-{command}.txt")
    macro = f'macro:///Standard.Module1.AllChanges("{docx}","{target}","{command}")'
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", macro],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return _lines(target)


def _text(office: tuple[str, Path], plan: Path, tmp_path: Path, name: str) -> list[str]:
    soffice, profile = office
    docx = tmp_path / f"{name}.docx"
    assert run_cli("render", plan, "-f", "docx", "-o", docx).exit_code == 0
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "txt:Text (encoded):UTF8", "--outdir", str(tmp_path), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return _lines(tmp_path / f"{name}.txt")


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("old", "new"),
    [
        (CASES / "goals_regrouped/old.yaml", CASES / "goals_regrouped/new.yaml"),
        (CASES / "goals_regrouped/new.yaml", CASES / "goals_regrouped/old.yaml"),
        (EXAMPLES / "plan_2022.yaml", EXAMPLES / "plan_2023.yaml"),
    ],
    ids=["goals", "goals-reversed", "examples"],
)
def test_accept_all_gives_new_reject_all_gives_old(
    office: tuple[str, Path], old: Path, new: Path, tmp_path: Path
) -> None:
    redline = tmp_path / "zmiany.docx"
    result = run_cli("diff", old, new, "-f", "docx", "-o", redline)
    assert result.exit_code == 0, result.stderr
    accepted = _all_changes(office, redline, "AcceptAllTrackedChanges")
    rejected = _all_changes(office, redline, "RejectAllTrackedChanges")
    assert accepted == _text(office, new, tmp_path, "new")
    assert rejected == _text(office, old, tmp_path, "old")
    assert accepted != rejected
