"""Ingest files and folders into the database: discover, hash, skip unchanged, parse, store.

A notice is known by the sha256 of its bytes. Same bytes and same pipeline version: unchanged,
nothing parsed. Every file ends as stored, unchanged, skipped (not a type we read, inside a
folder) or failed (recorded in `failures` with a kind and a message a person can act on).
"""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.errors import NoticesError
from extract.pipeline import PIPELINE_VERSION
from extract.readers.formats import format_by_name
from extract.store import mark_seen, notice_state, open_db, record_failure, save_notice
from extract.workers import Limits, Parsed, parse_many

DEFAULT_MAX_MB = 50


@dataclass
class FileResult:
    path: str
    status: str  # stored | unchanged | failed | skipped
    error: str | None = None
    message: str | None = None
    notice_id: int | None = None


@dataclass
class Summary:
    seen: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    results: list[FileResult] = field(default_factory=list)

    def add(self, r: FileResult) -> None:
        self.results.append(r)
        if r.status != "skipped":
            self.seen += 1
        setattr(self, r.status, getattr(self, r.status) + 1)

    def line(self) -> str:
        return (f"{self.seen} files seen: {self.stored} stored, {self.unchanged} unchanged, "
                f"{self.failed} failed" + (f" ({self.skipped} other files skipped)" if self.skipped else ""))


class StopIngest(Exception):
    """Raised in --strict mode at the first failed file."""

    def __init__(self, result: FileResult):
        super().__init__(result.message)
        self.result = result


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, bool]]:
    """Yield (file, wanted): named files always; in folders, files whose name promises a type we read.

    Folders are walked recursively in sorted order without following directory symlinks, so a
    symlink loop cannot trap the walk.
    """
    for p in paths:
        if p.is_dir():
            yield from _walk(p)
        else:
            yield p, True


def _walk(root: Path) -> Iterator[tuple[Path, bool]]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            f = Path(dirpath) / name
            yield f, format_by_name(f) is not None


@dataclass
class _Pending:
    path: str
    sha256: str
    size: int
    mtime: float | None


def ingest(paths: list[Path], db_path: Path, *, strict: bool = False, jobs: int = 0,
           max_mb: float = DEFAULT_MAX_MB, limits: Limits = Limits(),
           on_result: Callable[[FileResult], None] | None = None,
           on_total: Callable[[int], None] | None = None) -> Summary:
    """Ingest the files under `paths` into the database at `db_path`."""
    db = open_db(db_path)
    summary = Summary()

    def done(r: FileResult) -> None:
        summary.add(r)
        if on_result:
            on_result(r)
        if strict and r.status == "failed":
            raise StopIngest(r)

    try:
        files = list(discover(paths))
        if on_total:
            on_total(sum(1 for _, wanted in files if wanted))
        pending: dict[str, _Pending] = {}
        for f, wanted in files:
            if not wanted:
                summary.add(FileResult(str(f), "skipped"))
                continue
            r = _triage(db, f, max_mb, pending)
            if r:
                done(r)
        for parsed in parse_many(list(pending), jobs, limits, ordered=strict):
            done(_store(db, pending[parsed.path], parsed))
    finally:
        db.close()
    return summary


def _triage(db, f: Path, max_mb: float, pending: dict[str, _Pending]) -> FileResult | None:
    """Hash a file and decide: unchanged (done), failed before parsing, or to be parsed."""
    path = str(f)
    try:
        st = f.stat()
        if not stat.S_ISREG(st.st_mode):
            return _fail(db, path, None, "not_a_file",
                         f"{path}: not a regular file (a named pipe, device or socket); not read", None)
        if st.st_size > max_mb * 1024 * 1024:
            msg = (f"{path}: the file is {st.st_size / 1048576:.1f} MB, over the {max_mb:g} MB limit "
                   "(raise it with --max-size if the file is genuine)")
            return _fail(db, path, None, "too_big", msg, st.st_size, st.st_mtime)
        data = f.read_bytes()
    except FileNotFoundError:
        why = "is a broken symbolic link" if f.is_symlink() else "disappeared before it could be read"
        return _fail(db, path, None, "missing", f"{path}: the file {why}", None)
    except OSError as e:
        return _fail(db, path, None, "unreadable", f"{path}: cannot read the file ({e.strerror})", None)
    sha = hashlib.sha256(data).hexdigest()
    state, notice_id = notice_state(db, sha, PIPELINE_VERSION)
    if state == "unchanged":
        mark_seen(db, path, sha, notice_id, st.st_size, st.st_mtime)
        return FileResult(path, "unchanged", notice_id=notice_id)
    pending[path] = _Pending(path, sha, st.st_size, st.st_mtime)
    return None


def _fail(db, path: str, sha: str | None, kind: str, message: str, size: int | None,
          mtime: float | None = None) -> FileResult:
    record_failure(db, path=path, sha256=sha, error=kind, message=message, size=size, mtime=mtime)
    return FileResult(path, "failed", error=kind, message=message)


def _store(db, p: _Pending, parsed: Parsed) -> FileResult:
    if parsed.rows is None:
        return _fail(db, p.path, p.sha256, parsed.error or "error", parsed.message or "", p.size, p.mtime)
    try:
        nid = save_notice(db, parsed.rows, sha256=p.sha256, path=p.path, size=p.size,
                          mtime=p.mtime, version=PIPELINE_VERSION)
    except NoticesError as e:
        return _fail(db, p.path, p.sha256, e.kind, e.message, p.size, p.mtime)
    return FileResult(p.path, "stored", notice_id=nid)
