"""The report's one chart: tasks planned, events held and participants, month by month.

matplotlib (Agg backend, no display) is imported here only, when a report is written. The chart
is an image; :func:`alt_text` states every figure it shows, and the report's monthly table
carries the same figures for screen readers.
"""

from __future__ import annotations

import functools
import io
import sys
from pathlib import Path
from typing import Any, Literal

from osl_plan.report.periods import MonthFigures

#: Size in inches at 100 dpi: 16 × 7 cm, the text width of an A4 page.
SIZE = (6.3, 2.9)
DPI = 200
COLOURS = ("#9db4d3", "#1f4e79", "#c55a11")  # planned, realised, participants (contrast ≥ 3:1)


def alt_text(months: tuple[MonthFigures, ...]) -> str:
    """Every figure of the chart in words (Polish, like the document)."""
    parts = "; ".join(
        f"{m.label}: zadania zaplanowane {m.planned}, wydarzenia {m.events}, "
        f"uczestnicy {m.participants}"
        for m in months
    )
    # A sentence begins after the full stop: its first letter is a capital („Styczeń 2023: …”).
    return (
        "Wykres: liczba zadań zaplanowanych i wydarzeń zrealizowanych oraz liczba uczestników "
        f"w poszczególnych miesiącach. {parts[:1].upper()}{parts[1:]}."
    )


def _short(month: MonthFigures, years: int) -> str:
    label = month.month.name[:3]
    return f"{label}\n{month.month.year}" if years > 1 else label


#: Charts kept for the same figures: drawing one takes about 0.25 s of CPU, and a process that
#: writes the report again (the editor, as she records the year; a batch) often has the same.
@functools.lru_cache(maxsize=8)
def chart(months: tuple[MonthFigures, ...], fmt: Literal["png", "svg"]) -> bytes:
    """The chart as PNG or SVG bytes (reproducible: no dates or versions inside), drawn from
    ``months`` alone: the same figures give the same bytes."""
    _quiet_matplotlib()
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE, dpi=100)
    axes = figure.add_subplot()
    _draw(axes, months)
    figure.tight_layout()
    out = io.BytesIO()
    if fmt == "svg":
        with matplotlib.rc_context({"svg.hashsalt": "osl-plan", "svg.fonttype": "none"}):
            figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    else:
        figure.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()


def _quiet_matplotlib() -> None:
    """Give matplotlib a writable cache folder before it is imported, and keep it quiet.

    Without one (no writable home: CI, a service account) matplotlib prints English warnings,
    leaves a temporary folder behind and rebuilds its font cache at every run. Its cache goes
    beside LibreOffice's profiles; where that cannot be written, into a private temporary folder
    removed when the process ends.
    """
    import logging
    import os

    logging.getLogger("matplotlib").setLevel(logging.ERROR)
    if os.environ.get("MPLCONFIGDIR") or "matplotlib" in sys.modules:
        return
    from osl_plan.render.lo_profile import cache_root

    folder = cache_root().parent / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        usable = folder.is_absolute() and os.access(folder, os.W_OK)
    except OSError:
        usable = False
    if not usable:
        import atexit
        import shutil
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="osl-plan-matplotlib-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ["MPLCONFIGDIR"] = str(folder)  # read by matplotlib when it is imported


def _draw(axes: Any, months: tuple[MonthFigures, ...]) -> None:
    years = len({m.month.year for m in months})
    xs = list(range(len(months)))
    width = 0.38
    axes.bar([x - width / 2 for x in xs], [m.planned for m in months], width,
             label="zadania zaplanowane", color=COLOURS[0])  # fmt: skip
    axes.bar([x + width / 2 for x in xs], [m.events for m in months], width,
             label="wydarzenia zrealizowane", color=COLOURS[1])  # fmt: skip
    axes.set_xticks(xs, [_short(m, years) for m in months], fontsize=7)
    axes.set_ylabel("zadania, wydarzenia", fontsize=7)
    axes.tick_params(axis="y", labelsize=7)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top"]].set_visible(False)
    people = axes.twinx()
    people.plot(xs, [m.participants for m in months], color=COLOURS[2], marker="o",
                markersize=3, linewidth=1.5, label="uczestnicy")  # fmt: skip
    people.set_ylabel("uczestnicy", fontsize=7)
    people.tick_params(axis="y", labelsize=7)
    people.set_ylim(bottom=0)
    people.yaxis.get_major_locator().set_params(integer=True)
    people.spines[["top"]].set_visible(False)
    handles = axes.get_legend_handles_labels()[0] + people.get_legend_handles_labels()[0]
    axes.legend(handles=handles, fontsize=7, loc="upper left", frameon=False, ncols=3,
                bbox_to_anchor=(0, 1.18))  # fmt: skip
