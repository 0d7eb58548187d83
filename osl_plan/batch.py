"""Rendering one plan or many: where each output goes, and writing it safely.

Many plans are rendered in parallel, one worker process per core. Each worker imports the renderer
once and takes plans in chunks, so 500 small plans do not pay a round trip per plan; it writes
its outputs itself and sends back only an exit code and message lines (plain, picklable data).
One plan is rendered in this process: no pool to start.

PDF and ODT are made in two steps: every plan's DOCX is rendered as above into a temporary
folder, then LibreOffice converts them all, many documents per start and one process per core
(:func:`osl_plan.render.libreoffice.convert_many`), writing each target atomically as it is done;
the progress bar counts the conversions.

The plans' warnings come back with each outcome and are handed, in the order of the plans, to the
caller's ``on_warnings`` once everything has been rendered (before any error is raised).

Ctrl+C or SIGTERM stops a batch: the workers finish the plan in hand and take no other, and
:class:`~osl_plan.errors.BatchInterrupted` names the outputs that were finished (each output is
written atomically, so any other is untouched).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from osl_plan.documents import CONVERTED, DocumentRecipe, render_document
from osl_plan.errors import (
    BatchFailed,
    BatchInterrupted,
    ExitCode,
    OslPlanError,
    Problem,
    UsageError,
    shown_path,
)
from osl_plan.i18n import _
from osl_plan.interrupts import file_identity, sigterm_interrupts
from osl_plan.load import load
from osl_plan.output import check_target, write_atomic
from osl_plan.render import TEXT_FORMATS

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future
    from multiprocessing.synchronize import Event

#: At most this many plans per chunk, so the progress bar moves and the cores stay balanced.
MAX_CHUNK = 16


@dataclass(frozen=True, slots=True)
class RenderJob:
    """One plan to render: its source, format and target file (None: stdout)."""

    source: str
    fmt: str
    target: Path | None


#: What a worker sends back for one job: its index, exit code, message lines and the plan's
#: warnings.
Outcome = tuple[int, int, list[str], tuple[Problem, ...]]
#: Called with the warnings of each plan that was read.
WarningSink = Callable[[tuple[Problem, ...]], None]
#: Plans handed to a worker at once, with their indexes in the batch.
Chunk = list[tuple[int, RenderJob]]
#: In a worker: set by the batch when it is interrupted; the worker then takes no other plan.
_stop: Event | None = None


def plan_jobs(
    plans: list[str], fmt: str, output: str | None, *, stdout_is_tty: bool
) -> list[RenderJob]:
    """Decide every output path before anything is rendered. Raises UsageError."""
    if output == "-" or (output is None and plans == ["-"]):
        if len(plans) != 1:
            raise UsageError(_("-o - writes one plan to stdout; give a folder for several plans"))
        if fmt not in TEXT_FORMATS and stdout_is_tty:
            raise UsageError(
                _("{format} is binary; write it to a file with -o FILE.{extension}").format(
                    format=fmt.upper(), extension=fmt
                )
            )
        return [RenderJob(plans[0], fmt, None)]
    if "-" in plans:
        raise UsageError(_("a plan read from stdin can be rendered to stdout only (-o -)"))
    if len(plans) == 1 and output is not None and not _is_dir(Path(output)):
        return [RenderJob(plans[0], fmt, Path(output))]
    folder = Path(output) if output is not None else Path(".")
    if output is not None and not _is_dir(folder):
        raise UsageError(
            _(
                "{output}: for several plans, -o must be an existing folder — create it first"
                " (mkdir {output}) and run the command again"
            ).format(output=output)
        )
    targets = [folder / f"{Path(p).stem}.{fmt}" for p in plans]
    if len(set(targets)) != len(targets):
        raise UsageError(_("two plans have the same file name; render them into different folders"))
    return [RenderJob(p, fmt, t) for p, t in zip(plans, targets, strict=True)]


def _is_dir(path: Path) -> bool:
    """A folder; a name too long or a loop of links is not one (writing it says what is wrong)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def render_one(
    job: RenderJob, recipe: DocumentRecipe, on_warnings: WarningSink | None = None
) -> bytes:
    """Load one plan and make its document, without writing; its warnings go to
    ``on_warnings`` first. Raises OslPlanError.
    """
    loaded = load(job.source)
    if on_warnings is not None and loaded.warnings:
        on_warnings(loaded.warnings)
    if recipe.options.base_dir is None and job.source != "-":
        options = replace(recipe.options, base_dir=Path(job.source).parent)
        recipe = replace(recipe, options=options)
    return render_document(recipe.of(loaded.plan, source=job.source), job.fmt)


def render_to_file(
    job: RenderJob, recipe: DocumentRecipe, on_warnings: WarningSink | None = None
) -> None:
    """Render one plan into its target atomically. Raises OslPlanError."""
    assert job.target is not None
    check_target(job.target, inputs=[Path(job.source)])
    write_atomic(job.target, render_one(job, recipe, on_warnings))


def render_many(
    jobs: list[RenderJob],
    recipe: DocumentRecipe,
    *,
    workers: int = 0,
    progress: bool = False,
    on_warnings: WarningSink | None = None,
) -> list[RenderJob]:
    """Render every job (in parallel when there are several); failures are reported together.

    ``workers`` 0 means one per core. Every plan that can be written is written. The warnings
    of each plan read go to ``on_warnings``, in the order of ``jobs``, before anything is
    raised. Raises BatchFailed listing each plan that failed.
    """
    count = min(workers or os.cpu_count() or 1, len(jobs))
    show = progress and len(jobs) > 1
    before = [file_identity(job.target) for job in jobs]
    try:
        with sigterm_interrupts(), contextlib.ExitStack() as pools:
            if jobs and jobs[0].fmt in CONVERTED:
                results = sorted(_converted(jobs, recipe, count, pools, progress=show))
            else:
                batches = _rendered(jobs, recipe, count, pools)
                results = sorted(_with_progress(batches, len(jobs)) if show else _flatten(batches))
    except KeyboardInterrupt:
        # The pools are shut down by now: no output changes after this look.
        written = [
            job for job, old in zip(jobs, before, strict=True) if file_identity(job.target) != old
        ]
        raise BatchInterrupted(
            [shown_path(job.target or "-") for job in written], len(jobs)
        ) from None
    if on_warnings is not None:
        for *_, warnings in results:
            if warnings:
                on_warnings(warnings)
    internal = [
        line for _, code, lines, _ in results if code == ExitCode.INTERNAL_ERROR for line in lines
    ]
    if internal:  # a bug, not the user's files: let the CLI say so, after the rest were written
        raise RuntimeError("; ".join(internal))
    failures = [(jobs[i].source, lines, ExitCode(code)) for i, code, lines, _ in results if code]
    if failures:
        raise BatchFailed(failures, written=len(results) - len(failures))
    return [jobs[i] for i, code, *_ in results if not code]


def _rendered(
    jobs: list[RenderJob],
    recipe: DocumentRecipe,
    count: int,
    pools: contextlib.ExitStack,
    *,
    scratch: bool = False,
) -> Iterator[list[Outcome]]:
    if count <= 1:
        return _sequential(jobs, recipe, scratch=scratch)
    return _parallel(jobs, recipe, count, pools, scratch=scratch)


def _converted(
    jobs: list[RenderJob],
    recipe: DocumentRecipe,
    count: int,
    pools: contextlib.ExitStack,
    *,
    progress: bool,
) -> list[Outcome]:
    """PDF or ODT: every DOCX first (into a temporary folder), then LibreOffice converts them."""
    import tempfile

    from osl_plan.render.libreoffice import Converted, convert_many, find_soffice

    find_soffice()  # no plan is rendered when LibreOffice is missing
    failed = [_checked(index, job) for index, job in enumerate(jobs)]
    todo = [index for index, outcome in enumerate(failed) if outcome is None]
    outcomes = [outcome for outcome in failed if outcome is not None]
    with tempfile.TemporaryDirectory(prefix="osl-plan-docx-") as folder:
        scratch = [replace(jobs[i], fmt="docx", target=Path(folder) / f"{i:05d}.docx")
                   for i in todo]  # fmt: skip
        rendered = [outcome for batch in _rendered(scratch, recipe, count, pools, scratch=True)
                    for outcome in batch]  # fmt: skip
        outcomes += [(todo[k], code, lines, warns) for k, code, lines, warns in rendered if code]
        ready = [todo[k] for k, code, *_ in rendered if not code]
        warned = {todo[k]: warns for k, code, _, warns in rendered if not code}

        def outcome(result: Converted) -> Outcome:
            index = ready[result.index]
            if result.error is None:
                return (index, 0, [], warned[index])
            lines = [f"{jobs[index].source}: {line}" for line in result.error.lines()]
            return (index, int(result.error.exit_code), lines, warned[index])

        with _counting(len(ready), _("Converting"), progress) as advance:
            converted = convert_many(
                [Path(folder) / f"{i:05d}.docx" for i in ready],
                "odt" if jobs[0].fmt == "odt" else "pdf",
                targets=[jobs[i].target or Path() for i in ready],
                workers=count,
                on_done=lambda _: advance(),
            )
    return outcomes + [outcome(result) for result in converted]


def _checked(index: int, job: RenderJob) -> Outcome | None:
    """A target that cannot be written fails its plan before anything is rendered."""
    assert job.target is not None
    try:
        check_target(job.target, inputs=[Path(job.source)])
    except OslPlanError as error:
        return (index, int(error.exit_code), error.lines(), ())
    return None


def _attempt(
    index: int, job: RenderJob, recipe: DocumentRecipe, *, scratch: bool = False
) -> Outcome:
    found: list[Problem] = []  # the plan's warnings, sent back with the outcome
    try:
        if scratch:  # a temporary DOCX for LibreOffice: no fsync, no rename
            assert job.target is not None
            job.target.write_bytes(render_one(job, recipe, found.extend))
        else:
            render_to_file(job, recipe, found.extend)
    except OslPlanError as error:
        return (index, int(error.exit_code), error.lines(), tuple(found))
    except Exception as error:  # reported as a bug by the CLI; the other plans still render
        crash = [f"{job.source}: {type(error).__name__}: {error}"]
        return (index, ExitCode.INTERNAL_ERROR, crash, tuple(found))
    return (index, 0, [], tuple(found))


def _sequential(
    jobs: list[RenderJob], recipe: DocumentRecipe, *, scratch: bool
) -> Iterator[list[Outcome]]:
    for index, job in enumerate(jobs):
        yield [_attempt(index, job, recipe, scratch=scratch)]


def _render_chunk(chunk: Chunk, recipe: DocumentRecipe, scratch: bool) -> list[Outcome]:
    """In a worker: render a chunk of plans, one outcome each; none after the batch stopped."""
    outcomes = []
    for index, job in chunk:
        if _stop is not None and _stop.is_set():
            break
        outcomes.append(_attempt(index, job, recipe, scratch=scratch))
    return outcomes


def _warm_up(fmt: str, stop: Event) -> None:
    """In a worker, once: import the renderer so that each plan pays only for rendering.

    Ctrl+C and SIGTERM are the batch's to handle: a worker finishes the plan in hand and then
    takes no other once ``stop`` is set.
    """
    import importlib
    import signal

    global _stop  # noqa: PLW0603  (one per worker process, set once)
    _stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    module = {"md": "markdown"}.get(fmt, fmt)
    with contextlib.suppress(ImportError):  # reported, per plan, by render_document() itself
        importlib.import_module(f"osl_plan.render.{module}")


def _chunks(jobs: list[RenderJob], workers: int) -> list[Chunk]:
    # About four chunks per worker balances uneven plans; MAX_CHUNK keeps the bar moving.
    size = max(1, min(MAX_CHUNK, -(-len(jobs) // (workers * 4))))
    indexed = list(enumerate(jobs))
    return [indexed[i : i + size] for i in range(0, len(indexed), size)]


def _parallel(
    jobs: list[RenderJob],
    recipe: DocumentRecipe,
    workers: int,
    pools: contextlib.ExitStack,
    *,
    scratch: bool,
) -> Iterator[list[Outcome]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context()
    stop = context.Event()
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_warm_up, initargs=(jobs[0].fmt, stop)
    )
    pools.callback(_shut_down, pool, stop)
    # Submitted (and the workers forked) now, eagerly: before any progress-bar thread exists.
    pending = {
        pool.submit(_render_chunk, chunk, recipe, scratch): chunk
        for chunk in _chunks(jobs, workers)
    }
    return _collect(pool, stop, pending)


def _shut_down(pool: Executor, stop: Event) -> None:
    """Let the workers finish the plan in hand, start no other, and wait for them."""
    stop.set()
    pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    pool: Executor, stop: Event, pending: dict[Future[list[Outcome]], Chunk]
) -> Iterator[list[Outcome]]:
    from concurrent.futures import FIRST_COMPLETED, wait
    from concurrent.futures.process import BrokenProcessPool

    try:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                chunk = pending.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    yield [(i, ExitCode.INTERNAL_ERROR, [_crashed(job)], ()) for i, job in chunk]
    finally:
        _shut_down(pool, stop)


def _crashed(job: RenderJob) -> str:
    return _("{file}: the worker rendering it stopped unexpectedly (out of memory?)").format(
        file=job.source
    )


def _with_progress(batches: Iterator[list[Outcome]], total: int) -> Iterator[Outcome]:
    """A progress bar on stderr while the batches arrive."""
    with _counting(total, _("Rendering"), True) as advance:
        for batch in batches:
            advance(len(batch))
            yield from batch


@contextlib.contextmanager
def _counting(total: int, what: str, show: bool) -> Iterator[Callable[..., None]]:
    """A rich progress bar on stderr (rich is imported only here); yields ``advance(n=1)``."""
    if not show:
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(what, total=total)
        yield lambda n=1: bar.advance(task, n)


def _flatten(batches: Iterator[list[Outcome]]) -> Iterator[Outcome]:
    for batch in batches:
        yield from batch
