"""Rendering one plan or many: where each output goes, and writing it safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from osl_plan.errors import BatchFailed, ExitCode, OslPlanError, UsageError
from osl_plan.load import load
from osl_plan.output import check_target, write_atomic
from osl_plan.render import TEXT_FORMATS, RenderOptions, render


@dataclass(frozen=True, slots=True)
class RenderJob:
    """One plan to render: its source, format and target file (None: stdout)."""

    source: str
    fmt: str
    target: Path | None


def plan_jobs(
    plans: list[str], fmt: str, output: str | None, *, stdout_is_tty: bool
) -> list[RenderJob]:
    """Decide every output path before anything is rendered. Raises UsageError."""
    if output == "-" or (output is None and plans == ["-"]):
        if len(plans) != 1:
            raise UsageError("-o - writes one plan to stdout; give a folder for several plans")
        if fmt not in TEXT_FORMATS and stdout_is_tty:
            raise UsageError(f"{fmt.upper()} is binary; write it to a file with -o FILE.{fmt}")
        return [RenderJob(plans[0], fmt, None)]
    if "-" in plans:
        raise UsageError("a plan read from stdin can be rendered to stdout only (-o -)")
    if len(plans) == 1 and output is not None and not Path(output).is_dir():
        return [RenderJob(plans[0], fmt, Path(output))]
    folder = Path(output) if output is not None else Path(".")
    if output is not None and not folder.is_dir():
        raise UsageError(f"{output}: for several plans, -o must be an existing folder")
    targets = [folder / f"{Path(p).stem}.{fmt}" for p in plans]
    if len(set(targets)) != len(targets):
        raise UsageError("two plans have the same file name; render them into different folders")
    return [RenderJob(p, fmt, t) for p, t in zip(plans, targets, strict=True)]


def render_one(job: RenderJob, options: RenderOptions) -> bytes:
    """Load and render one plan, without writing. Raises OslPlanError."""
    loaded = load(job.source)
    base = None if job.source == "-" else Path(job.source).parent
    if options.base_dir is None and base is not None:
        from dataclasses import replace

        options = replace(options, base_dir=base)
    return render(loaded.plan, job.fmt, options)


def render_to_file(job: RenderJob, options: RenderOptions) -> None:
    """Render one plan into its target atomically. Raises OslPlanError."""
    assert job.target is not None
    check_target(job.target, inputs=[Path(job.source)])
    write_atomic(job.target, render_one(job, options))


def render_many(
    jobs: list[RenderJob], options: RenderOptions, *, workers: int = 0, progress: bool = False
) -> list[RenderJob]:
    """Render every job; the ones that fail are reported together. Raises BatchFailed."""
    failures: list[tuple[str, list[str], ExitCode]] = []
    done: list[RenderJob] = []
    for job in jobs:
        try:
            render_to_file(job, options)
        except OslPlanError as error:
            failures.append((job.source, error.lines(), error.exit_code))
        else:
            done.append(job)
    if failures:
        raise BatchFailed(failures)
    return done
