"""A stand-in for ``soffice --convert-to``, to test how osl-plan drives LibreOffice.

It prints what LibreOffice prints for each document and writes a small PDF or ODT, and it
misbehaves on request, by the document's content (for a DOCX, its body's text): ``BROKEN``
cannot be opened, ``CRASH`` kills the process (exit 139, as a segmentation fault), ``HANG``
never finishes. Every start is logged
(one JSON line: the profile and the documents) to the file named by $FAKE_SOFFICE_LOG, and so is
the moment it falls asleep on a ``HANG`` document (a line with ``asleep``: the document).
With $FAKE_SOFFICE_PIPES it also makes the pipe LibreOffice makes for its profile, there.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from pathlib import Path


def main(argv: list[str]) -> int:
    profile = next(a.split("=", 1)[1] for a in argv if a.startswith("-env:UserInstallation="))
    target = argv[argv.index("--convert-to") + 1].split(":")[0]
    outdir = Path(argv[argv.index("--outdir") + 1])
    docs = [a for a in argv[argv.index("--outdir") + 2 :]]
    with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"pid": os.getpid(), "profile": profile, "docs": docs}) + "\n")
    outdir.mkdir(parents=True, exist_ok=True)
    pipe = _pipe(profile)
    print("Warning: failed to launch javaldx - java may not function correctly", flush=True)
    for doc in docs:
        data = _content(Path(doc))
        if b"CRASH" in data:
            return 139
        if b"HANG" in data:
            with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
                log.write(json.dumps({"pid": os.getpid(), "asleep": doc}) + "\n")
            time.sleep(600)
        if b"BROKEN" in data:
            print("Error: source file could not be loaded", file=sys.stderr, flush=True)
            continue
        out = outdir / f"{Path(doc).stem}.{target}"
        print(f"convert {doc} -> {out} using filter : {target}", flush=True)
        if target == "pdf":
            out.write_bytes(b"%PDF-1.7\n" + data + b"\n%%EOF\n")
        else:
            with zipfile.ZipFile(out, "w") as odt:
                odt.writestr("content.xml", data)
    if pipe is not None:  # LibreOffice that quits removes its pipe; one stopped cannot
        pipe.unlink()
    return 0


def _pipe(profile: str) -> Path | None:
    """With $FAKE_SOFFICE_PIPES (a folder standing for /tmp): the pipe LibreOffice makes for its
    profile, a listening socket named as LibreOffice names it, logged."""
    folder = os.environ.get("FAKE_SOFFICE_PIPES")
    if not folder:
        return None
    import hashlib
    import socket

    digest = hashlib.md5(profile.encode("utf-16-le")).digest()
    name = f"OSL_PIPE_{os.getuid()}_SingleOfficeIPC_" + "".join(f"{b:x}" for b in digest)
    os.chdir(folder)  # a relative name: a socket's path may not be longer than 107 bytes
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(name)
    listening.listen()
    _PIPES.append(listening)
    with open(os.environ["FAKE_SOFFICE_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps({"pid": os.getpid(), "pipe": name}) + "\n")
    return Path(folder) / name


_PIPES: list[object] = []  # kept open while the stand-in runs


def _content(path: Path) -> bytes:
    """The file's bytes; for a DOCX, its body's XML (where a plan's task text is)."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as docx:
            if "word/document.xml" in docx.namelist():
                return docx.read("word/document.xml")
    return data


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
