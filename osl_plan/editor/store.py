"""The folder's plan files, her drafts and the versions kept before each save.

The plan file is the truth; the editor keeps its own things in ``.osl-plan/`` inside the folder
(ignored by git): ``szkice/`` holds what she typed and has not saved yet, with the version of the
file it started from; ``historia/`` holds every version a save replaced. A save never replaces a
file that changed on disk since she opened it (another editor, a git pull).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from osl_plan.errors import OslPlanError, UnreadableFile
from osl_plan.i18n import _
from osl_plan.load import MAX_FILE_BYTES, decode
from osl_plan.output import write_atomic

STATE = ".osl-plan"
#: Versions kept per plan; the oldest go first.
MAX_VERSIONS = 200


class ChangedOnDisk(OslPlanError):
    """The plan file is no longer the version her edit started from."""


@dataclass(frozen=True, slots=True)
class Opened:
    """A plan's text as she sees it in the editor."""

    text: str
    #: The digest of the file on disk the text started from.
    base: str
    #: True when the text is an unsaved draft rather than the file itself.
    draft: bool


def digest(data: bytes) -> str:
    """A short fingerprint of a file's bytes."""
    return hashlib.sha256(data).hexdigest()[:32]


def state_folder(folder: Path, part: str) -> Path:
    """The editor's own folder ``part`` in ``.osl-plan/``, made when missing."""
    root = folder / STATE
    if not root.is_dir():
        root.mkdir()
        (root / ".gitignore").write_text("*\n", encoding="utf-8")
    path = root / part
    path.mkdir(exist_ok=True)
    return path


def read_disk(path: Path) -> tuple[str, str]:
    """The file's text and digest. Raises UnreadableFile or PlanError (not UTF-8, too large)."""
    # Not read_file: it marks the file as a command's input, which no output may replace; the
    # editor's output is that very file.
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableFile(path, _("no such file — check the path")) from None
    except OSError as error:
        raise UnreadableFile(
            path, _("cannot be read: {reason}").format(reason=error.strerror or error)
        ) from None
    return decode(data, path.name).replace("\r\n", "\n"), digest(data)


def _as_written_before(text: str, previous: bytes | None) -> bytes:
    """``text`` (its lines ended by LF, as the editor holds it) in the file's own style: lines
    ended by CRLF and a UTF-8 byte order mark where the version it replaces had them (Notepad's
    files), so that a save changes only the lines she edited."""
    if previous is not None:
        first_end = previous.find(b"\n")
        if first_end > 0 and previous[first_end - 1 : first_end] == b"\r":
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        if previous.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff"):
            text = "\ufeff" + text
    return text.encode("utf-8")


def disk_digest(path: Path) -> str | None:
    """The digest of the file now, or None when it is gone."""
    data = _on_disk(path)
    return None if data is None else digest(data)


def _on_disk(path: Path) -> bytes | None:
    """The file's bytes now, or None when it is gone (or cannot be read)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def open_plan(folder: Path, path: Path) -> Opened:
    """Her draft of the plan if she has one, else the file."""
    draft = _draft_file(folder, path)
    kept = _read_draft(draft)
    if kept is not None:
        return kept
    text, base = read_disk(path)
    return Opened(text, base, draft=False)


#: The draft each file of ``szkice/`` held when this process last wrote or read it, by the
#: file's identity then: a keystroke does not read back (and decode) the draft it just wrote.
#: The editor holds its folder alone (:func:`osl_plan.editor.server.claim`); a draft replaced by
#: anything else is another file (a new inode, a new time) and is read again.
_KEPT: dict[Path, tuple[tuple[int, int, int], Opened]] = {}
_KEPT_MOST = 64


def _identity(info: os.stat_result) -> tuple[int, int, int]:
    return (info.st_ino, info.st_mtime_ns, info.st_size)


def _read_draft(draft: Path) -> Opened | None:
    """The draft in ``draft``, or None without one. A draft that is not whole (a power cut
    before the system wrote it: see :func:`keep_draft`) counts as none: the browser's own copy
    of her changes (static/drafts.js) offers them again on the page."""
    try:
        info = draft.stat()
    except FileNotFoundError:
        _KEPT.pop(draft, None)
        return None
    remembered = _KEPT.get(draft)
    if remembered is not None and remembered[0] == _identity(info):
        return remembered[1]
    try:
        kept = json.loads(draft.read_text(encoding="utf-8"))
        opened = Opened(str(kept["text"]), str(kept["base"]), draft=True)
    except (ValueError, KeyError, TypeError, FileNotFoundError):  # damaged, or gone meanwhile
        return None
    _remember(draft, info, opened)
    return opened


def _remember(draft: Path, info: os.stat_result, opened: Opened) -> None:
    if len(_KEPT) >= _KEPT_MOST:
        _KEPT.clear()
    _KEPT[draft] = (_identity(info), opened)


def _draft_file(folder: Path, path: Path) -> Path:
    return state_folder(folder, "szkice") / f"{path.name}.json"


def keep_draft(folder: Path, path: Path, text: str, base: str, *, typed: bool = False) -> None:
    """Keep what she typed, so a refresh or a closed tab loses nothing.

    ``typed``: a keystroke's draft, replaced as atomically as any but not forced to the disk
    before the next one replaces it (no fsync per keystroke). A stopped or killed editor loses
    nothing: the system still writes the file. A power cut may lose the last seconds' draft (or
    leave it empty, which is read as none); the page's script keeps her changed fields in the
    browser too, and offers them back when the page opens again."""
    data = json.dumps({"text": text, "base": base}, ensure_ascii=False).encode("utf-8")
    draft = _draft_file(folder, path)
    _KEPT.pop(draft, None)
    write_atomic(draft, data, durable=not typed)
    with contextlib.suppress(OSError):  # else read again next time
        _remember(draft, draft.stat(), Opened(text, base, draft=True))


def drop_draft(folder: Path, path: Path) -> None:
    """Forget the draft (after a save, or when she goes back to the file)."""
    draft = _draft_file(folder, path)
    _KEPT.pop(draft, None)
    draft.unlink(missing_ok=True)


def has_draft(folder: Path, path: Path) -> bool:
    """Whether she has unsaved changes to this plan."""
    return (folder / STATE / "szkice" / f"{path.name}.json").is_file()


def save(folder: Path, path: Path, text: str, base: str) -> str:
    """Write ``text`` to the plan file atomically, keeping the version it replaces; the new
    digest. Raises ChangedOnDisk when the file is not the version ``base`` names."""
    previous = _on_disk(path)
    now = None if previous is None else digest(previous)
    if now is not None and now != base:
        raise ChangedOnDisk(
            _("{file} changed on disk after you opened it; it was not overwritten").format(
                file=path.name
            )
        )
    if now is None and base:
        raise ChangedOnDisk(_("{file} was deleted after you opened it").format(file=path.name))
    if now is not None:
        _keep_version(folder, path)
    data = _as_written_before(text, previous)
    write_atomic(path, data)
    drop_draft(folder, path)
    return digest(data)


def _keep_version(folder: Path, path: Path) -> None:
    versions = state_folder(folder, "historia") / path.name
    versions.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y-%m-%d_%H-%M-%S-%f")
    write_atomic(versions / f"{stamp}.yaml", path.read_bytes())
    for old in sorted(versions.glob("*.yaml"))[:-MAX_VERSIONS]:
        old.unlink()


def versions(folder: Path, path: Path) -> list[str]:
    """The kept versions of a plan, newest first, by their stamp."""
    kept = folder / STATE / "historia" / path.name
    return sorted((p.stem for p in kept.glob("*.yaml")), reverse=True) if kept.is_dir() else []


def read_version(folder: Path, path: Path, stamp: str) -> str:
    """A kept version's text. Raises UnreadableFile for a stamp that is not one of them."""
    if stamp not in versions(folder, path):
        raise UnreadableFile(path, _("has no kept version {stamp}").format(stamp=stamp))
    kept = folder / STATE / "historia" / path.name / f"{stamp}.yaml"
    return kept.read_text(encoding="utf-8")


def plan_files(folder: Path) -> list[Path]:
    """The plan files directly in the folder, by name (links leading out are left out)."""
    root = folder.resolve()
    found = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith(".") or not entry.name.endswith((".yaml", ".yml")):
            continue
        path = Path(entry.path)
        if path.resolve().parent == root and path.is_file():
            found.append(path)
    return found
