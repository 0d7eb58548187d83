"""The benchmark: osl-plan against pandoc and against bare imports, in one run, on one machine.

``python bench/run.py --write BENCHMARKS.md`` (what ``make bench`` runs). Every timing is the median
of several fresh processes (``time.perf_counter`` around each); peak memory is the largest
maximum resident set of those processes, read with GNU time (/usr/bin/time) per process.
``--quick`` runs small sizes only, to check the script itself.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import generate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
OSL = str(BIN / "osl-plan") if (BIN / "osl-plan").exists() else "osl-plan"
PY = sys.executable
NOTES = "<!-- notes: kept by bench/run.py -->"
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
#: pandoc grows worse than linearly: one 100,000-task conversion ran over 12 minutes on the
#: benchmark machine (2 cores, 1.4 GB resident) and was stopped, so it is not run past this size.
PANDOC_MAX = 20_000
#: The least any command of a typer (0.29) + pydantic + PyYAML program can cost: typer converts
#: each argument through a pydantic TypeAdapter, so running even a one-argument app imports
#: pydantic's model machinery, which a bare ``import pydantic`` does not.
FAIR_FLOOR = """\
import typer, yaml
from pydantic import BaseModel
app = typer.Typer()
@app.command()
def main(plans: list[str]) -> None:
    typer.echo(plans[0])
app()
"""


#: The commit whose start-up the cold-start rows compare with ("today's ratio" to the typer app
#: floor): main before PDF batching, ODT and the capped diff candidates. Its package is unpacked
#: from git into the benchmark's temporary folder and run side by side with the current one.
BASE_COMMIT = "235c5da"
#: Its ratios as measured when it was chosen (used only when git cannot unpack it).
BASE_RATIOS = {"validate": 1.14, "render": 1.57}
#: The benchmark's groups, in the order a whole run measures them (``--only`` picks some).
GROUPS = ("cold", "render", "diff", "diff-worst", "batch", "report", "pdf", "editor")
#: LibreOffice's flags, as osl_plan.render.libreoffice runs it.
SOFFICE_FLAGS = ("--headless", "--invisible", "--nologo", "--norestore", "--nolockcheck")
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


@dataclass
class Timing:
    """Medians of fresh processes running one command."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    #: CPU time (user + system) of each run, when measured: other processes do not add to it.
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    def text(self) -> str:
        spread = (
            f" ({min(self.seconds):.3g}–{max(self.seconds):.3g})" if len(self.seconds) > 1 else ""
        )
        return f"{_fmt(self.median)}{spread}, ×{len(self.seconds)}"

    def mb(self) -> str:
        return f"{self.peak_kb / 1024:.0f} MB"


class Instructions(Timing):
    """Instructions one fresh process executes (callgrind): the same on a busy machine."""

    def text(self) -> str:
        return f"{self.median / 1e6:.1f} M instructions"

    def mb(self) -> str:
        return "–"


@dataclass
class Row:
    what: str
    ours: Timing
    ref: Timing | None
    target: float | None  # ratio ours/ref that must not be exceeded
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.ours.median / self.ref.median if self.ref else None

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return "–"
        return "PASS" if self.ratio <= self.target else "MISS"


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def run_once(cmd: list[str], *, cwd: Path | None = None) -> tuple[float, int]:
    """Seconds and peak resident memory (KB) of one fresh process. Raises on failure."""
    took, peak, _ = run_measured(cmd, cwd=cwd)
    return took, peak


def run_measured(cmd: list[str], *, cwd: Path | None = None) -> tuple[float, int, float]:
    """Seconds, peak resident memory (KB) and CPU seconds of one fresh process.

    Memory and CPU time come from GNU time, a small process of its own: Linux carries a
    process's peak RSS over fork and exec, so ``wait4`` on a child of this (by then large)
    script would report the script's own size for any command that uses less.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [TIME, "-f", "%M %U %S", "-o", rss.name, *cmd] if TIME else cmd
        start = time.perf_counter()
        proc = subprocess.run(
            wrapped,
            cwd=cwd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=_env(),
            check=False,
        )
        took = time.perf_counter() - start
        peak, user, system = rss.read().split()[-3:] if TIME else ("0", "0", "0")
    if proc.returncode not in (0, 1):  # diff exits 1 when the plans differ
        err = proc.stderr.decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(cmd[:4])} … exited {proc.returncode}: {err[-500:]}")
    return took, int(peak), float(user) + float(system)


#: The benchmark's own cache folder (LibreOffice profiles), set by main().
CACHE: dict[str, str] = {}


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **CACHE}


def measure(label: str, cmd: list[str], runs: int, *, cwd: Path | None = None) -> Timing:
    timing = Timing(label)
    if runs > 1:  # warm the file and page caches; not counted (too costly for the largest sizes)
        run_once(cmd, cwd=cwd)
    for _ in range(runs):
        took, peak, cpu = run_measured(cmd, cwd=cwd)
        timing.seconds.append(took)
        timing.cpu.append(cpu)
        timing.peak_kb = max(timing.peak_kb, peak)
    print(f"  {label}: {timing.text()}, {timing.mb()}", file=sys.stderr, flush=True)
    return timing


def measure_interleaved(specs: list[tuple[str, list[str]]], runs: int) -> list[Timing]:
    """Like measure(), but the commands take turns, run by run: a change in the machine's load
    then affects all of them alike (the cold-start commands differ by a few milliseconds)."""
    timings = [Timing(label) for label, _ in specs]
    for _, cmd in specs:
        run_once(cmd)  # warm the caches; not counted
    for _ in range(runs):
        for timing, (_, cmd) in zip(timings, specs, strict=True):
            took, peak = run_once(cmd)
            timing.seconds.append(took)
            timing.peak_kb = max(timing.peak_kb, peak)
    for timing in timings:
        print(f"  {timing.label}: {timing.text()}, {timing.mb()}", file=sys.stderr, flush=True)
    return timings


def measure_turns(
    specs: list[tuple[str, list[list[str]]]], runs: int, *, warm: bool = True
) -> list[Timing]:
    """Like measure_interleaved(), but one run of a spec is several commands in a row (their
    times summed): the floor of a PDF is a DOCX render followed by a bare LibreOffice call."""
    timings = [Timing(label) for label, _ in specs]
    if warm:
        for _, cmds in specs:
            for cmd in cmds:
                run_once(cmd)
    for _ in range(runs):
        for timing, (_, cmds) in zip(timings, specs, strict=True):
            total = 0.0
            for cmd in cmds:
                took, peak = run_once(cmd)
                total += took
                timing.peak_kb = max(timing.peak_kb, peak)
            timing.seconds.append(total)
    for timing in timings:
        print(f"  {timing.label}: {timing.text()}, {timing.mb()}", file=sys.stderr, flush=True)
    return timings


def measure_loop(label: str, cmds: list[list[str]], runs: int) -> Timing:
    """One run is all of ``cmds`` one after the other (pandoc once per plan)."""
    timing = Timing(label)
    for _ in range(runs):
        start = time.perf_counter()
        for cmd in cmds:
            _, peak = run_once(cmd)
            timing.peak_kb = max(timing.peak_kb, peak)
        timing.seconds.append(time.perf_counter() - start)
    print(f"  {label}: {timing.text()}, {timing.mb()}", file=sys.stderr, flush=True)
    return timing


# --- the benchmarks --------------------------------------------------------------------------


def _write_plan(work: Path, n: int) -> tuple[Path, Path]:
    plan, md = work / f"plan_{n}.yaml", work / f"plan_{n}.md"
    plan.write_text(generate.plan_yaml(n), encoding="utf-8")
    md.write_text(generate.plan_markdown(n), encoding="utf-8")
    return plan, md


def bench_render(work: Path, sizes: list[tuple[int, int]]) -> list[Row]:
    rows = []
    by_n: dict[int, Timing] = {}
    for n, runs in sizes:
        print(f"render, {n} tasks", file=sys.stderr)
        plan, md = _write_plan(work, n)
        ours = measure(
            f"osl-plan {n}", [OSL, "render", str(plan), "-o", str(work / "o.docx")], runs
        )
        ref = None
        if n <= PANDOC_MAX:
            ref = measure(f"pandoc {n}", ["pandoc", "-f", "markdown", "-t", "docx", str(md), "-o",
                                          str(work / "p.docx")], runs)  # fmt: skip
        target = 0.1 if n == 20_000 else None
        note = "peak memory < 500 MB" if n == 20_000 else ""
        if ref is None:
            note = "pandoc not run: over 12 min for one conversion, see bench/run.py"
        rows.append(Row(f"render DOCX, {n:,} tasks vs pandoc", ours, ref, target, note))
        by_n[n] = ours
    if 20_000 in by_n and 100_000 in by_n:
        rows.append(Row("render DOCX, 100,000 vs 20,000 tasks (linearity)", by_n[100_000],
                        by_n[20_000], 5.5))  # fmt: skip
    return rows


def _base_package(work: Path) -> Path | None:
    """BASE_COMMIT's osl_plan, unpacked into ``work`` (None when git cannot)."""
    target = work / "base"
    target.mkdir(exist_ok=True)
    try:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", BASE_COMMIT, "osl_plan"],
                                 capture_output=True, check=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    subprocess.run([PY, "-m", "compileall", "-q", str(target / "osl_plan")], check=True)
    return target


def _osl_from(root: Path, *args: str) -> list[str]:
    """osl-plan run from the package in ``root`` (as the console script does)."""
    code = (f"import sys; sys.path.insert(0, {str(root)!r}); sys.argv = ['osl-plan', "
            "*sys.argv[1:]]; from osl_plan.cli import main; sys.exit(main())")  # fmt: skip
    return [PY, "-c", code, *args]


def bench_cold(work: Path, runs: int) -> list[Row]:
    print("cold start, 18 tasks", file=sys.stderr)
    # An installed package comes with compiled bytecode (pip compiles it); a checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module from source in every run.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "osl_plan")], check=True)
    example = str(ROOT / "examples" / "plan_2023.yaml")
    out = str(work / "cold.docx")
    base = _base_package(work)
    specs = [
        ("bare typer+pydantic+yaml", [PY, "-c", "import typer, pydantic, yaml"]),
        ("fair floor: typer app run", [PY, "-c", FAIR_FLOOR, example]),
        ("osl-plan validate 18", _osl_from(ROOT, "validate", example)),
        ("bare +docx", [PY, "-c", "import typer, pydantic, yaml, docx"]),
        ("osl-plan render 18", _osl_from(ROOT, "render", example, "-f", "docx", "-o", out)),
    ]
    if base is not None:
        specs += [
            (f"{BASE_COMMIT} validate 18", _osl_from(base, "validate", example)),
            (f"{BASE_COMMIT} render 18", _osl_from(base, "render", example, "-o", out)),
        ]
    timings = measure_interleaved(specs, runs)
    bare, floor, validate, bare_docx, render = timings[:5]
    pandoc_md = work / "osl_bench_18.md"
    pandoc_md.write_text(generate.plan_markdown(18), encoding="utf-8")
    pandoc = measure("pandoc 18", ["pandoc", "-f", "markdown", "-t", "docx", str(pandoc_md),
                                   "-o", out + ".p.docx"], runs)  # fmt: skip
    rows = [
        Row("cold start: validate (18 tasks) vs bare import typer, pydantic, yaml", validate,
            bare, 1.25),
        Row("cold start: render DOCX (18 tasks) vs bare import typer, pydantic, yaml, docx",
            render, bare_docx, 1.25),
        Row("cold start: render DOCX (18 tasks) vs pandoc", render, pandoc, None),
    ]  # fmt: skip
    for name, ours, old in (("validate", validate, timings[5:6]), ("render", render, timings[6:7])):
        base_ratio = old[0].median / floor.median if old else BASE_RATIOS[name]
        source = (f"{BASE_COMMIT} measured in this run: {_fmt(old[0].median)}"
                  if old else f"{BASE_COMMIT} as recorded, git unavailable")  # fmt: skip
        what = "validate" if name == "validate" else "render DOCX"
        rows.append(Row(
            f"cold start: {what} (18 tasks) vs fair floor: a one-command typer app run, with "
            "yaml and pydantic.BaseModel imported", ours, floor, round(1.1 * base_ratio, 3),
            f"target 1.1 × the ratio before, {base_ratio:.2f}× ({source})"))  # fmt: skip
    if shutil.which("valgrind") and base is not None:
        rows += _instruction_rows(work, example, out, base)
    return rows


def count_instructions(label: str, cmd: list[str], *, cache: Path | None = None) -> Instructions:
    """The instructions ``cmd`` executes, counted by valgrind's callgrind (string hashing fixed,
    so two runs count the same): start-up compared without the noise of a shared machine.

    The command sees the benchmark's cache folder, after one run that is not counted: what a
    user's second run costs. With ``cache`` (an empty folder) it is counted as a first run."""
    env = {**_env(), "PYTHONHASHSEED": "0"}
    if cache is None:
        subprocess.run(cmd, capture_output=True, env=env, check=True)
    else:
        env["XDG_CACHE_HOME"] = str(cache)
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                          capture_output=True, text=True, env=env, check=True)  # fmt: skip
    collected = [line for line in proc.stderr.splitlines() if "Collected :" in line]
    count = Instructions(label, [float(collected[-1].rsplit(":", 1)[1])])
    print(f"  {label}: {count.text()}", file=sys.stderr, flush=True)
    return count


#: The most a first ``render -f docx`` may cost, in instructions, against the fair floor.
FIRST_RENDER_TARGET = 1.6


def _instruction_rows(work: Path, example: str, out: str, base: Path) -> list[Row]:
    """The cold-start ratios again, in instructions executed instead of seconds: a second run
    (whatever the first kept is kept), and a first render with an empty cache."""
    floor = count_instructions("fair floor: typer app run", [PY, "-c", FAIR_FLOOR, example])
    rows = []
    render = ("render", example, "-f", "docx", "-o", out)
    for what, args in (("validate", ("validate", example)), ("render DOCX", render)):
        ours = count_instructions(f"osl-plan {what}", _osl_from(ROOT, *args))
        old = count_instructions(f"{BASE_COMMIT} {what}", _osl_from(base, *args))
        base_ratio = old.median / floor.median
        before = f"{base_ratio:.3f}× ({BASE_COMMIT}: {old.text()})"
        rows.append(Row(
            f"cold start: {what} (18 tasks), instructions executed (callgrind) vs the fair "
            "floor's", ours, floor, round(1.1 * base_ratio, 3),
            f"target 1.1 × the ratio before, {before}"))  # fmt: skip
    empty = work / "first-run-cache"
    first = count_instructions("osl-plan render DOCX, first run", _osl_from(ROOT, *render),
                               cache=empty)  # fmt: skip
    rows.append(Row(
        "cold start: first render DOCX (18 tasks, empty cache), instructions executed "
        "(callgrind) vs the fair floor's", first, floor, FIRST_RENDER_TARGET,
        "a plan without reference document, logo or strip image: its skeleton ships with "
        "osl-plan"))  # fmt: skip
    return rows


def _has_diff() -> bool:
    probe = subprocess.run([OSL, "diff", "--help"], capture_output=True, check=False)
    return probe.returncode == 0


def bench_validate_diff(work: Path, n: int, runs: int) -> list[Row]:
    print(f"validate and diff, {n} tasks", file=sys.stderr)
    old, new = work / f"old_{n}.yaml", work / f"new_{n}.yaml"
    old.write_text(generate.plan_yaml(n), encoding="utf-8")
    new.write_text(generate.next_revision(n), encoding="utf-8")
    one = measure(f"validate {n}", [OSL, "validate", str(old)], runs)
    both = measure(f"validate both {n}", [OSL, "validate", str(old), str(new)], runs)
    rows = [Row(f"validate, {n:,} tasks", one, None, None)]
    if _has_diff():
        diff = measure(f"diff {n}", [OSL, "diff", str(old), str(new)], runs)
        note = _cpu_note(diff, both)
        rows.append(
            Row(f"diff, {n:,} tasks vs next revision, vs validate both", diff, both, 2.0, note)
        )
    else:
        rows.append(Row("diff: the command does not exist yet", both, None, None, "not measured"))
    return rows


def _cpu_note(ours: Timing, ref: Timing) -> str:
    """The CPU times' medians and their ratio: what other work on the machine does not skew."""
    if not TIME or not ours.cpu or not ref.cpu or not ref.cpu_median:
        return ""
    ratio = ours.cpu_median / ref.cpu_median
    return f"CPU time {_fmt(ours.cpu_median)} vs {_fmt(ref.cpu_median)}: {ratio:.2f}×"


_RECORDED = (
    ["status: zrealizowane"],
    ["status: częściowo", "powod: Część spotkań odwołano z powodu pogody"],
    ["status: niezrealizowane", "powod: Brak sali"],
    ["status: w trakcie"],
)


def with_realisation(plan: str) -> str:
    """The generated plan with a realizacja block under most tasks (two events each)."""
    from osl_plan.terms import MONTHS_GENITIVE

    out, task = [], 0
    for line in plan.splitlines():
        out.append(line)
        if not line.startswith("    termin: "):
            continue
        task += 1
        if task % 7 == 0:  # some tasks are not reported yet
            continue
        recorded = _RECORDED[task % len(_RECORDED)]
        block = ["realizacja:", *(f"  {r}" for r in recorded)]
        if "niezrealizowane" not in recorded[0]:
            block += ["  partnerzy: [Gminny Ośrodek Kultury, Koło Gospodyń Wiejskich]"]
            block += ["  wydarzenia:"]
            for k in range(2):
                month, day = (task + 5 * k) % 12, (task + k) % 28 + 1
                block += [f"    - data: {day} {MONTHS_GENITIVE[month]} {generate.YEAR}",
                          f"      uczestnicy: {10 + (task * 7 + k) % 90}",
                          f"      partnerzy: Sołectwo nr {task % 40}"]  # fmt: skip
        out.extend(f"    {b}" for b in block)
    return "\n".join(out) + "\n"


def bench_report(work: Path, n: int, runs: int) -> list[Row]:
    """The sprawozdanie of a plan with realisation against rendering the same plan."""
    print(f"report, {n} tasks with realisation", file=sys.stderr)
    plan = work / f"realised_{n}.yaml"
    plan.write_text(with_realisation(generate.plan_yaml(n)), encoding="utf-8")
    rendered = measure(f"render {n}", [OSL, "render", str(plan), "-o", str(work / "r.docx")], runs)
    reported = measure(f"report {n}", [OSL, "report", str(plan), "-o", str(work / "s.docx")], runs)
    return [Row(f"report DOCX, {n:,} tasks with realisation, vs render", reported, rendered, 2.0)]


def bench_batch(work: Path, count: int, runs: int) -> list[Row]:
    print(f"batch, {count} plans", file=sys.stderr)
    folder, out = work / "batch", work / "batch_out"
    folder.mkdir(exist_ok=True)
    out.mkdir(exist_ok=True)
    plans, mds = [], []
    for i in range(count):
        plan, md = folder / f"plan_{i:03d}.yaml", folder / f"plan_{i:03d}.md"
        plan.write_text(generate.plan_yaml(18 + i % 13, seed=i), encoding="utf-8")
        md.write_text(generate.plan_markdown(18 + i % 13, seed=i), encoding="utf-8")
        plans.append(str(plan))
        mds.append(str(md))
    ours = measure(f"osl-plan batch {count}", [OSL, "render", *plans, "-o", str(out)], runs)
    pandoc_cmds = [["pandoc", "-f", "markdown", "-t", "docx", md, "-o", md + ".docx"] for md in mds]
    ref = measure_loop(f"pandoc ×{count}", pandoc_cmds, 1)
    return [Row(f"batch: {count} plans, one osl-plan call vs pandoc per plan", ours, ref, 0.2)]


def bench_editor(work: Path, sizes: tuple[int, ...], runs: int) -> list[Row]:
    """The editor's round trip from an edit to the checked form and the refreshed preview."""
    import editor

    rows = []
    for n in sizes:
        ours, ref = Timing(f"editor round trip, {n}"), Timing(f"validate + HTML, {n}")
        mine, theirs = editor.round_trips(work, n, runs)
        ours.seconds, ours.cpu, ref.seconds, ref.cpu = mine.seconds, mine.cpu, theirs.seconds, theirs.cpu
        cpu = ours.cpu_median / ref.cpu_median
        print(f"  editor {n}: {ours.text()} vs {ref.text()}; CPU {cpu:.2f}×", file=sys.stderr,
              flush=True)  # fmt: skip
        rows.append(Row(
            f"editor: edit → one request (check + preview), {n:,} tasks vs validate + render "
            "HTML in-process", ours, ref, 1.5 if n <= 40 else None,
            ("through uvicorn on 127.0.0.1 and one kept connection, as the browser waits for "
             "it; memory not measured" if n <= 40
             else "50× the tasks of the row above: compare the times for linearity")
            + f"; CPU time {_fmt(ours.cpu_median)} vs {_fmt(ref.cpu_median)}: {cpu:.2f}×"))  # fmt: skip
    ours, ref = Timing("editor round trip, list, 40"), Timing("validate + HTML, 40")
    mine, theirs = editor.round_trips(work, 40, runs, "list")
    ours.seconds, ours.cpu, ref.seconds, ref.cpu = mine.seconds, mine.cpu, theirs.seconds, theirs.cpu
    cpu = ours.cpu_median / ref.cpu_median
    rows.append(Row(
        "editor: a list edited (a task's addressees), 40 tasks vs validate + render HTML "
        "in-process", ours, ref, None,
        "patched in place as a block of lines (the list's), through uvicorn as above; "
        f"CPU time {_fmt(ours.cpu_median)} vs {_fmt(ref.cpu_median)}: {cpu:.2f}×"))  # fmt: skip
    if _soffice() is not None:
        rows.append(bench_editor_pdf(work, runs))
    return rows


def bench_editor_pdf(work: Path, runs: int) -> Row:
    """A PDF downloaded from the editor (its LibreOffice kept running) vs a cold render -f pdf."""
    import editor

    ours, ref = Timing("editor PDF download"), Timing("osl-plan render -f pdf")
    cold = [OSL, "render", str(editor.EXAMPLE), "-f", "pdf", "-o", str(work / "cold.pdf")]
    ours.seconds, ref.seconds = editor.pdf_downloads(work, cold, _env(), min(runs, 7))
    print(f"  editor PDF: {ours.text()} vs {ref.text()}", file=sys.stderr, flush=True)
    return Row("editor: PDF download (18 tasks) while the editor runs vs a cold render -f pdf",
               ours, ref, 0.5, "the editor's LibreOffice started by the first, uncounted, "
               "download; in turns with the cold command; memory not measured")  # fmt: skip


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _bare(soffice: str, profile: Path, docs: list[Path], outdir: Path, target: str) -> list[str]:
    """One bare LibreOffice call converting ``docs`` (the floor of the PDF and ODT rows)."""
    return [soffice, f"-env:UserInstallation={profile.as_uri()}", *SOFFICE_FLAGS,
            "--convert-to", target, "--outdir", str(outdir), *map(str, docs)]  # fmt: skip


def bench_one_pdf(work: Path, runs: int) -> list[Row]:
    soffice = _soffice()
    if soffice is None:
        print("PDF rows skipped: LibreOffice is not installed", file=sys.stderr)
        return []
    print("one PDF, 18 tasks", file=sys.stderr)
    example = str(ROOT / "examples" / "plan_2023.yaml")
    docx = work / "one.docx"
    ours, floor = measure_turns(
        [
            ("osl-plan render -f pdf", [[OSL, "render", example, "-f", "pdf", "-o",
                                         str(work / "one.pdf")]]),
            ("render -f docx + bare soffice", [
                [OSL, "render", example, "-f", "docx", "-o", str(docx)],
                _bare(soffice, work / "floor-profile", [docx], work / "one-out", PDF_FILTER),
            ]),
        ],
        runs,
    )  # fmt: skip
    return [Row("one PDF (18 tasks): render -f pdf vs a cold render -f docx plus a bare "
                "soffice --convert-to pdf of that DOCX (warm profile)", ours, floor, 1.1)]  # fmt: skip


def bench_converted(work: Path, count: int, fmt: str, runs: int) -> list[Row]:
    """``count`` plans to PDF or ODT in one osl-plan call vs one soffice call over their DOCX."""
    soffice = _soffice()
    if soffice is None:
        return []
    print(f"batch, {count} plans to {fmt.upper()}", file=sys.stderr)
    folder, docx_dir = work / f"{fmt}{count}", work / f"{fmt}{count}-docx"
    out, bare_out = work / f"{fmt}{count}-out", work / f"{fmt}{count}-bare"
    for made in (folder, docx_dir, out, bare_out):
        made.mkdir(exist_ok=True)
    plans = []
    for i in range(count):
        plan = folder / f"plan_{i:03d}.yaml"
        plan.write_text(generate.plan_yaml(18 + i % 13, seed=i), encoding="utf-8")
        plans.append(str(plan))
    run_once([OSL, "render", *plans, "-f", "docx", "-o", str(docx_dir)])
    docs = sorted(docx_dir.glob("*.docx"))
    target = PDF_FILTER if fmt == "pdf" else "odt"
    ours, floor = measure_turns(
        [
            (f"osl-plan render {count} -f {fmt}", [[OSL, "render", *plans, "-f", fmt, "-o",
                                                     str(out)]]),
            (f"soffice {count} DOCX", [_bare(soffice, work / "floor-profile", docs, bare_out,
                                             target)]),
        ],
        runs,
        warm=count <= 20,  # the profiles are warm by then; 200 PDFs take long enough
    )  # fmt: skip
    return [Row(f"batch: {count} plans to {fmt.upper()}, one osl-plan call vs one soffice "
                "--convert-to call over the same DOCX files", ours, floor, 1.5)]  # fmt: skip


def bench_diff_worst(work: Path, runs: int, sizes: tuple[int, int]) -> list[Row]:
    """diff's worst cases for the similarity stage, against an ordinary pair of the same size."""
    unrelated, alike = sizes
    cases = (
        (unrelated, "unrelated", f"two {unrelated:,}-task plans of ~100-word unrelated tasks "
         "(10,000-word vocabulary)", generate.unrelated_yaml),
        (alike, "alike", f"two {alike:,}-task plans whose tasks are all alike (a stock phrase; "
         "a number, a group and three words differ)", generate.alike_yaml),
    )  # fmt: skip
    rows = []
    for n, name, what, make in cases:
        print(f"diff worst case: {name}, {n} tasks", file=sys.stderr)
        files = {
            f"{name}_old": make(n, 1),
            f"{name}_new": make(n, 2),
            f"ordinary_{n}_old": generate.plan_yaml(n),
            f"ordinary_{n}_new": generate.next_revision(n),
        }
        for stem, text in files.items():
            (work / f"{stem}.yaml").write_text(text, encoding="utf-8")
        worst, ordinary = measure_interleaved(
            [
                (f"diff {name} {n}", [OSL, "diff", str(work / f"{name}_old.yaml"),
                                      str(work / f"{name}_new.yaml")]),
                (f"diff ordinary {n}", [OSL, "diff", str(work / f"ordinary_{n}_old.yaml"),
                                        str(work / f"ordinary_{n}_new.yaml")]),
            ],
            runs,
        )  # fmt: skip
        rows.append(Row(f"diff worst case: {what}, vs two ordinary {n:,}-task revisions",
                        worst, ordinary, 3.0))  # fmt: skip
    return rows


def profile_render(work: Path, n: int) -> str:
    """cProfile of loading and rendering an n-task plan, in this process."""
    from osl_plan.load import load
    from osl_plan.render import RenderOptions, render

    plan_path = work / f"plan_{n}.yaml"
    if not plan_path.exists():
        plan_path.write_text(generate.plan_yaml(n), encoding="utf-8")
    render(load(ROOT / "examples" / "plan_2023.yaml").plan, "docx", RenderOptions())  # imports
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    loaded = load(plan_path)
    mid = time.perf_counter()
    render(loaded.plan, "docx", RenderOptions())
    profiler.disable()
    end = time.perf_counter()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(18)
    body = out.getvalue()
    body = body[body.find("ncalls") :] if "ncalls" in body else body
    body = body.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", "")
    head = (f"Under cProfile (which slows Python code about 2×): load {_fmt(mid - start)}, "
            f"render {_fmt(end - mid)}. Top functions by own time:\n")  # fmt: skip
    return head + "\n```\n" + body.rstrip() + "\n```\n"


# --- the report -----------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    with _suppress():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True, check=False)
    from importlib.metadata import version

    import yaml

    loader = "libyaml C loader (CSafeLoader)" if hasattr(yaml, "CSafeLoader") else "pure Python"
    soffice = _soffice()
    office = "not installed"
    if soffice is not None:
        found = subprocess.run([soffice, "--version"], capture_output=True, text=True, check=False)
        office = " ".join(found.stdout.split()[:2]) or "unknown version"
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"LibreOffice: {office}",
        f"- Python {platform.python_version()}; pandoc {pandoc.stdout.split()[1]}",
        f"- PyYAML {yaml.__version__} with {loader}; python-docx {version('python-docx')}, "
        f"lxml {version('lxml')}, pydantic {version('pydantic')}, typer {version('typer')}",
    ]


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def report(rows: list[Row], profile: str, started: float, load_at_start: float) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python bench/run.py --write BENCHMARKS.md`); every number",
        "below comes from one run on the machine described. Times are medians of fresh processes",
        "(min–max in brackets, ×runs; the cold-start commands take turns run by run); memory is",
        "the largest peak resident set (GNU time). Before the cold starts the package's bytecode",
        "is compiled, as installing it does. Where valgrind is installed, the cold starts are also",
        "counted in instructions executed (callgrind, string hashing fixed): a count that other",
        "work on the machine does not change, so the start-up ratios can be checked on a busy one.",
        "Plans are generated by `bench/generate.py` (Polish task names, addressees, terms in many",
        "styles, some sub-items and ids); pandoc converts the same table written as Markdown.",
        "The PDF and ODT rows compare with LibreOffice itself (`soffice --convert-to`, the same",
        "flags, a warm profile of its own); the cold-start rows also run the package as it was",
        f"at commit {BASE_COMMIT}, side by side, for the ratio before.",
        "",
        "## Machine",
        "",
        *machine(),
        f"- Whole benchmark: {time.perf_counter() - started:.0f} s; load average (1 min) "
        f"{load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end — other work "
        "on the machine inflates and spreads the times, the ratios less so",
        "",
        "## Results",
        "",
        "| Benchmark | osl-plan | reference | ratio | target | result | peak memory (ours / ref) |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ref = row.ref.text() if row.ref else "–"
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "–"
        target = f"≤ {row.target:g}×" if row.target is not None else "–"
        mem = row.ours.mb() + (f" / {row.ref.mb()}" if row.ref else "")
        verdict = row.verdict + (f" ({row.note})" if row.note else "")
        if "500 MB" in row.note:
            verdict += " memory " + ("PASS" if row.ours.peak_kb < 500 * 1024 else "MISS")
        lines.append(f"| {row.what} | {row.ours.text()} | {ref} | {ratio} | {target} | "
                     f"{verdict} | {mem} |")  # fmt: skip
    lines += ["", "## Where the time goes (20,000-task DOCX render)", "", profile]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="write the Markdown report here")
    parser.add_argument("--quick", action="store_true", help="small sizes, to test the script")
    parser.add_argument("--only", help=f"comma-separated groups to re-measure, printed only "
                        f"(not with --write): {', '.join(GROUPS)}")  # fmt: skip
    args = parser.parse_args()
    if args.only and args.write:
        sys.exit("--only prints a partial table; BENCHMARKS.md is written by a whole run")
    if not shutil.which("pandoc"):
        sys.exit("pandoc is needed for the comparison: apt-get install pandoc")
    started, load_at_start = time.perf_counter(), os.getloadavg()[0]
    quick = args.quick
    sizes = [(18, 5), (2_000, 3)] if quick else [(18, 7), (2_000, 5), (20_000, 3), (100_000, 1)]
    with tempfile.TemporaryDirectory(prefix="osl-bench-") as tmp:
        work = Path(tmp)
        CACHE["XDG_CACHE_HOME"] = str(work / "cache")  # LibreOffice profiles: ours, not the user's
        groups = {
            "cold": lambda: bench_cold(work, 5 if quick else 15),
            "render": lambda: bench_render(work, sizes),
            "diff": lambda: bench_validate_diff(work, 2_000 if quick else 20_000, 3),
            "diff-worst": lambda: bench_diff_worst(
                work, 3, (500, 1_000) if quick else (2_000, 5_000)
            ),
            "batch": lambda: bench_batch(work, 40 if quick else 500, 3),
            "report": lambda: bench_report(work, 2_000 if quick else 20_000, 3),
            "editor": lambda: bench_editor(work, (40, 2_000), 5 if quick else 15),
            "pdf": lambda: [
                *bench_one_pdf(work, 3 if quick else 7),
                *bench_converted(work, 5 if quick else 20, "pdf", 2 if quick else 5),
                *bench_converted(work, 5 if quick else 20, "odt", 2 if quick else 3),
                *bench_converted(work, 20 if quick else 200, "pdf", 1 if quick else 2),
            ],
        }
        chosen = args.only.split(",") if args.only else list(GROUPS)
        rows = [row for name in chosen for row in groups[name]()]
        profile = "" if args.only else profile_render(work, 2_000 if quick else 20_000)
    text = report(rows, profile, started, load_at_start)
    if args.write:
        # Hand-written analysis below the marker survives a re-run.
        old = args.write.read_text(encoding="utf-8") if args.write.exists() else ""
        if NOTES in old:
            text += "\n" + old[old.index(NOTES) :]
        args.write.write_text(text, encoding="utf-8")
        print(f"Wrote {args.write}", file=sys.stderr)
    else:
        print(text)


if __name__ == "__main__":
    main()
