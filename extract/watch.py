"""An inbox: ingest files as they are dropped into a folder, once each.

A file is taken when it has not changed for `settle` seconds (size and mtime stable), so a file
still being written or synced is not ingested half-way. A file already seen with the same size
and mtime is not read again — including one that failed, which is retried only when it changes.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from extract.ingest import FileResult, Summary, discover, ingest
from extract.store import known_files, open_db
from extract.workers import Limits

TEMP_SUFFIXES = (".part", ".crdownload", ".tmp", ".download", ".partial", ".swp")


def ready_files(folder: Path, db_path: Path, settle: float, now: float | None = None) -> list[Path]:
    """Files in `folder` that are new or changed, of a type we read, and settled."""
    db = open_db(db_path)
    try:
        known = known_files(db)
    finally:
        db.close()
    now = time.time() if now is None else now
    out = []
    for f, wanted in discover([folder]):
        if not wanted or f.name.startswith("~$") or f.suffix.lower() in TEMP_SUFFIXES:
            continue
        try:
            st = f.stat()
        except OSError:
            continue
        seen = known.get(str(f))
        if seen and seen[0] == st.st_size and seen[1] == st.st_mtime:
            continue
        if now - st.st_mtime < settle:
            continue
        out.append(f)
    return out


def watch(folder: Path, db_path: Path, *, once: bool = False, interval: float = 5.0, settle: float = 2.0,
          jobs: int = 0, limits: Limits = Limits(), max_mb: float = 50,
          on_result: Callable[[FileResult], None] | None = None,
          should_stop: Callable[[], bool] = lambda: False) -> Summary:
    """Ingest what is ready in `folder`; repeat every `interval` seconds unless `once`."""
    total = Summary()
    while True:
        batch = ready_files(folder, db_path, settle)
        if batch:
            s = ingest(batch, db_path, jobs=jobs, limits=limits, max_mb=max_mb, on_result=on_result)
            for r in s.results:
                total.add(r)
        if once or should_stop():
            return total
        time.sleep(interval)
