"""Parse files in separate worker processes, with a memory and a time limit per file.

Why: parsers can hang or balloon on hostile files (a 1 MB PDF took pdfminer to 2 GB; a zip bomb
docx took python-docx to 3 GB), and limits must come from outside the parser. A worker that
overruns its time is killed and replaced, costing only that file. The parent process alone
writes the database. Workers are spawned (never forked from a process with a connection open).
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Iterable, Iterator

from extract.errors import NoticesError

if TYPE_CHECKING:
    from extract.store.rows import NoticeRows


@dataclass(frozen=True)
class Limits:
    seconds: float = 120.0
    memory_mb: int = 2048


@dataclass
class Parsed:
    """The outcome of parsing one file: the notice's rows, ready to write, or an error kind and
    message. Rows rather than the Notice: preparing them here (search segmentation included)
    spares the one writer process, which ingest cannot run in parallel."""

    path: str
    rows: NoticeRows | None = None
    error: str | None = None
    message: str | None = None
    seconds: float = 0.0


def quiet_parser_logs() -> None:
    """pdfminer logs a warning per damaged object ("Data-loss while decompressing corrupted
    data"), which would reach the user's terminal as noise; the reader reports what matters."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


def parse_one(path: str) -> Parsed:
    """Read and analyze one file, turning every failure into a result (never raising)."""
    from extract.pipeline import process_file
    from extract.store.rows import prepare_rows

    quiet_parser_logs()
    t0 = time.perf_counter()
    try:
        rows = prepare_rows(process_file(path))
        return Parsed(path, rows=rows, seconds=time.perf_counter() - t0)
    except NoticesError as e:
        return Parsed(path, error=e.kind, message=e.message, seconds=time.perf_counter() - t0)
    except MemoryError:
        return Parsed(path, error="too_big", message=f"{path}: parsing needed more memory than allowed; "
                      "the file is too large or malformed", seconds=time.perf_counter() - t0)
    except RecursionError:
        return Parsed(path, error="malformed", message=f"{path}: the file's structure is nested too deeply "
                      "to read (malformed or hostile file)")
    except Exception as e:  # a parser bug must cost one file, not the run
        return Parsed(path, error="parser_error",
                      message=f"{path}: the file could not be parsed ({type(e).__name__}: {e})")


def _apply_limits(limits: Limits) -> None:
    try:
        import resource

        mem = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    except (ImportError, ValueError, OSError):
        pass


# Test-only: a worker handed a path containing this environment variable's value sleeps forever,
# so tests can prove that the wall-clock timeout kills and replaces a hung worker. Never set it
# in production; it has no effect with jobs=0 (in-process parsing).
TEST_HANG_ENV = "NOTICES_TEST_HANG_ON"


def _hang_if_asked(path: str) -> None:
    marker = os.environ.get(TEST_HANG_ENV)
    if marker and marker in path:
        while True:
            time.sleep(3600)


def _exit_when_orphaned(parent: int) -> None:
    """A worker whose parent was killed (kill -9) must not go on parsing a hostile file alone."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _worker_main(conn: Connection, limits: Limits, parent: int) -> None:
    _exit_when_orphaned(parent)
    _apply_limits(limits)
    from extract.pipeline import load_extractors

    load_extractors()
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        _hang_if_asked(path)
        conn.send(parse_one(path))


class _Worker:
    def __init__(self, ctx, limits: Limits):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, limits, os.getpid()), daemon=True)
        self.proc.start()
        child.close()
        self.path: str | None = None
        self.deadline = 0.0

    def submit(self, path: str, seconds: float) -> None:
        self.path, self.deadline = path, time.monotonic() + seconds
        self.conn.send(path)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(5)
        self.conn.close()


def parse_many(paths: Iterable[str], jobs: int, limits: Limits = Limits(),
               ordered: bool = False) -> Iterator[Parsed]:
    """Yield a Parsed for every path: in completion order, or in the order given when `ordered`
    (--strict: the run then stops at the same file whatever the number of workers).
    jobs=0 parses in this process, in order."""
    if jobs <= 0:
        for p in paths:
            yield parse_one(p)
        return
    paths = list(paths)
    order = _InOrder(paths, window=2 * jobs) if ordered else _AnyOrder()
    yield from _Pool(jobs, limits).run(paths, order)


class _AnyOrder:
    """Results go to the caller as soon as they arrive; any file may be handed out."""

    def allows(self, path: str) -> bool:
        return True

    def add(self, result: Parsed) -> list[Parsed]:
        return [result]


class _InOrder:
    """Results go to the caller in the order of `paths`. Files are handed out at most `window`
    places ahead of the first unfinished one, so a slow file holds back a bounded number of
    finished results (memory stays flat over any number of files)."""

    def __init__(self, paths: list[str], window: int):
        self.index = {p: i for i, p in enumerate(paths)}
        self.held: dict[int, Parsed] = {}
        self.next = 0
        self.window = window

    def allows(self, path: str) -> bool:
        return self.index[path] < self.next + self.window

    def add(self, result: Parsed) -> list[Parsed]:
        self.held[self.index[result.path]] = result
        out = []
        while self.next in self.held:
            out.append(self.held.pop(self.next))
            self.next += 1
        return out


class _Pool:
    def __init__(self, jobs: int, limits: Limits):
        self.ctx = mp.get_context("spawn")
        self.jobs, self.limits = jobs, limits

    def run(self, paths: list[str], order: _AnyOrder | _InOrder) -> Iterator[Parsed]:
        queue = list(reversed(paths))
        workers = [_Worker(self.ctx, self.limits) for _ in range(min(self.jobs, len(paths)))]
        try:
            for w in workers:
                self._feed(w, queue, order)
            while any(w.path for w in workers):
                yield from self._collect(workers, queue, order)
                for w in workers:
                    if not w.path:  # idle because the ordered window was full; it may have moved
                        self._feed(w, queue, order)
        finally:
            for w in workers:
                self._stop(w)

    def _feed(self, w: _Worker, queue: list[str], order: _AnyOrder | _InOrder) -> None:
        if queue and order.allows(queue[-1]):
            w.submit(queue.pop(), self.limits.seconds)
        else:
            w.path = None

    def _collect(self, workers: list[_Worker], queue: list[str],
                 order: _AnyOrder | _InOrder) -> Iterator[Parsed]:
        busy = [w for w in workers if w.path]
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=timeout)
        for i, w in enumerate(workers):
            if not w.path:
                continue
            if w.conn in ready:
                try:
                    result = w.conn.recv()
                except (EOFError, OSError):
                    result = self._died(w)
                    workers[i] = w = self._replace(w)
            elif time.monotonic() >= w.deadline:
                result = Parsed(w.path, error="timeout", message=f"{w.path}: parsing took longer than "
                                f"{self.limits.seconds:g} s and was stopped (malformed or very large file)")
                workers[i] = w = self._replace(w)
            else:
                continue
            released = order.add(result)
            self._feed(w, queue, order)  # the worker parses its next file while the caller stores this one
            yield from released

    def _died(self, w: _Worker) -> Parsed:
        w.proc.join(5)
        code = w.proc.exitcode
        return Parsed(w.path or "", error="crashed", message=f"{w.path}: the parser process died "
                      f"(exit code {code}) — probably over the {self.limits.memory_mb} MB memory limit")

    def _replace(self, w: _Worker) -> _Worker:
        w.kill()
        return _Worker(self.ctx, self.limits)

    def _stop(self, w: _Worker) -> None:
        try:
            if w.proc.is_alive() and not w.path:
                w.conn.send(None)
                w.proc.join(2)
        except (OSError, BrokenPipeError):
            pass
        if w.proc.is_alive():
            w.kill()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
