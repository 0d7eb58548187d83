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


@dataclass
class Timing:
    """Medians of fresh processes running one command."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    def text(self) -> str:
        spread = (
            f" ({min(self.seconds):.3g}–{max(self.seconds):.3g})" if len(self.seconds) > 1 else ""
        )
        return f"{_fmt(self.median)}{spread}, ×{len(self.seconds)}"

    def mb(self) -> str:
        return f"{self.peak_kb / 1024:.0f} MB"


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
    """Seconds and peak resident memory (KB) of one fresh process. Raises on failure.

    Memory comes from GNU time, a small process of its own: Linux carries a process's peak RSS
    over fork and exec, so ``wait4`` on a child of this (by then large) script would report the
    script's own size for any command that uses less.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [TIME, "-f", "%M", "-o", rss.name, *cmd] if TIME else cmd
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
        peak = int(rss.read().split()[-1]) if TIME else 0
    if proc.returncode not in (0, 1):  # diff exits 1 when the plans differ
        err = proc.stderr.decode("utf-8", "replace")
        raise RuntimeError(f"{' '.join(cmd[:4])} … exited {proc.returncode}: {err[-500:]}")
    return took, peak


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}


def measure(label: str, cmd: list[str], runs: int, *, cwd: Path | None = None) -> Timing:
    timing = Timing(label)
    if runs > 1:  # warm the file and page caches; not counted (too costly for the largest sizes)
        run_once(cmd, cwd=cwd)
    for _ in range(runs):
        took, peak = run_once(cmd, cwd=cwd)
        timing.seconds.append(took)
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


def bench_cold(runs: int) -> list[Row]:
    print("cold start, 18 tasks", file=sys.stderr)
    # An installed package comes with compiled bytecode (pip compiles it); a checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module from source in every run.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "osl_plan")], check=True)
    example = str(ROOT / "examples" / "plan_2023.yaml")
    out = str(Path(tempfile.gettempdir()) / "osl_bench_cold.docx")
    bare, floor, validate, bare_docx, render = measure_interleaved(
        [
            ("bare typer+pydantic+yaml", [PY, "-c", "import typer, pydantic, yaml"]),
            ("fair floor: typer app run", [PY, "-c", FAIR_FLOOR, example]),
            ("osl-plan validate 18", [OSL, "validate", example]),
            ("bare +docx", [PY, "-c", "import typer, pydantic, yaml, docx"]),
            ("osl-plan render 18", [OSL, "render", example, "-f", "docx", "-o", out]),
        ],
        runs,
    )
    pandoc_md = Path(tempfile.gettempdir()) / "osl_bench_18.md"
    pandoc_md.write_text(generate.plan_markdown(18), encoding="utf-8")
    pandoc = measure("pandoc 18", ["pandoc", "-f", "markdown", "-t", "docx", str(pandoc_md),
                                   "-o", out + ".p.docx"], runs)  # fmt: skip
    return [
        Row("cold start: validate (18 tasks) vs bare import typer, pydantic, yaml", validate,
            bare, 1.25),
        Row("cold start: validate (18 tasks) vs fair floor: a one-command typer app run, "
            "with yaml and pydantic.BaseModel imported", validate, floor, None,
            "reference, not a target: the floor of a typer + pydantic CLI"),
        Row("cold start: render DOCX (18 tasks) vs bare import typer, pydantic, yaml, docx",
            render, bare_docx, 1.25),
        Row("cold start: render DOCX (18 tasks) vs pandoc", render, pandoc, None),
    ]  # fmt: skip


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
        rows.append(Row(f"diff, {n:,} tasks vs next revision, vs validate both", diff, both, 2.0))
    else:
        rows.append(Row("diff: the command does not exist yet", both, None, None, "not measured"))
    return rows


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
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}",
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
        "is compiled, as installing it does.",
        "Plans are generated by `bench/generate.py` (Polish task names, addressees, terms in many",
        "styles, some sub-items and ids); pandoc converts the same table written as Markdown.",
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
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        sys.exit("pandoc is needed for the comparison: apt-get install pandoc")
    started, load_at_start = time.perf_counter(), os.getloadavg()[0]
    quick = args.quick
    sizes = [(18, 5), (2_000, 3)] if quick else [(18, 7), (2_000, 5), (20_000, 3), (100_000, 1)]
    with tempfile.TemporaryDirectory(prefix="osl-bench-") as tmp:
        work = Path(tmp)
        rows = bench_cold(5 if quick else 15)
        rows += bench_render(work, sizes)
        rows += bench_validate_diff(work, 2_000 if quick else 20_000, 3)
        rows += bench_batch(work, 40 if quick else 500, 3)
        rows += bench_report(work, 2_000 if quick else 20_000, 3)
        profile = profile_render(work, 2_000 if quick else 20_000)
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
