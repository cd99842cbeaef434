"""The measuring side of benchmarks/bench.py: corpus copies, bare parsers, timed pipeline stages.

Functions named run_*/read_*/profile_* run inside a fresh spawned process (see `isolated`), so
the peak RSS they report (ru_maxrss) belongs to that measurement alone.
"""
from __future__ import annotations

import hashlib
import io
import multiprocessing as mp
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
RENDITIONS = ROOT / "tests" / "fixtures" / "renditions"
CORPUS = ROOT / "corpus"
EXCLUDED = {"000.no-tounicode.pdf"}  # has no text layer: it fails by design, not a speed sample
HEAVY = ("jieba", "pdfplumber", "pdfminer", "docx", "pypdfium2", "sqlite_utils", "pydantic", "lxml")
perf = time.perf_counter


# ---------------------------------------------------------------- corpus

def sources(fmt: str) -> list[Path]:
    """Shipped inputs of one format (the txt set includes the corpus notices)."""
    found = sorted(RENDITIONS.glob(f"*.{fmt}"))
    if fmt == "txt":
        found += sorted(CORPUS.glob("*.txt"))
    return [p for p in found if p.name not in EXCLUDED]


def distinct_txt(data: bytes, n: int) -> bytes:
    """A unique ASCII last line (valid in UTF-8 and GB18030 alike)."""
    return data.rstrip(b"\r\n") + b"\n\ncopy-%06d\n" % n


def distinct_docx(data: bytes, n: int) -> bytes:
    """Same document content; docProps/core.xml gets a unique dc:identifier."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "docProps/core.xml":
                body = body.replace(b"</cp:coreProperties>",
                                    b"<dc:identifier>copy-%06d</dc:identifier></cp:coreProperties>" % n)
            dst.writestr(info, body)
    return out.getvalue()


def distinct_pdf(data: bytes, n: int) -> bytes:
    """A comment line after %%EOF: readers look for the last startxref, so content is unchanged."""
    return data + b"%%copy-%06d\n" % n


DISTINCT: dict[str, Callable[[bytes, int], bytes]] = {
    "txt": distinct_txt, "docx": distinct_docx, "pdf": distinct_pdf}


def build_corpus(root: Path, fmt: str, size: int, start: int = 0) -> list[Path]:
    """`size` copies of the shipped files of one format, each with distinct bytes."""
    srcs = [(p, p.read_bytes()) for p in sources(fmt)]
    folder = root / fmt
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(size):
        src, data = srcs[i % len(srcs)]
        dst = folder / f"{start + i:06d}_{src.stem.replace('.', '_')}.{fmt}"
        dst.write_bytes(DISTINCT[fmt](data, start + i))
        out.append(dst)
    return out


def mixed_folder(root: Path, name: str, files: dict[str, list[Path]], n: int) -> Path:
    """A folder of n files taken round-robin over the formats (hard links, or copies)."""
    folder = root / name
    folder.mkdir(parents=True)
    lists = [v for v in files.values() if v]
    for i in range(n):
        src = lists[i % len(lists)][(i // len(lists)) % len(lists[i % len(lists)])]
        dst = folder / f"{i:06d}_{src.name}"
        try:
            os.link(src, dst)
        except OSError:
            shutil.copyfile(src, dst)
    return folder


# ---------------------------------------------------------------- isolation

def _child(conn, fn: Callable, args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as e:  # report, never hang the parent
        conn.send(("error", f"{type(e).__name__}: {e}"))
    conn.close()


def isolated(fn: Callable, *args: Any) -> Any:
    """Run fn(*args) in a fresh spawned (non-daemon) process and return its result."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(child, fn, args))
    proc.start()
    child.close()
    status, value = parent.recv()
    proc.join()
    if status != "ok":
        raise RuntimeError(value)
    return value


def side_by_side(fn: Callable, args: tuple, copies: int) -> list[Any]:
    """Run `copies` fresh processes of fn(*args) at the same time; their results in order."""
    ctx = mp.get_context("spawn")
    pipes, procs = [], []
    for _ in range(copies):
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(child, fn, args))
        pipes.append(parent)
        procs.append(proc)
    for proc in procs:
        proc.start()
    out = [parent.recv() for parent in pipes]
    for proc in procs:
        proc.join()
    if any(status != "ok" for status, _ in out):
        raise RuntimeError([v for status, v in out if status != "ok"])
    return [v for _, v in out]


def parse_files(paths: list[str]) -> dict:
    """Child: the pipeline (no database) over the files, after a warm-up: wall and CPU seconds.
    Two of these at once against one alone shows what the machine gives a second process."""
    import resource

    from extract.pipeline import process_file

    process_file(paths[0])
    cpu0 = _cpu(resource.RUSAGE_SELF)
    t = perf()
    for path in paths:
        process_file(path)
    return {"seconds": perf() - t, "cpu_s": _cpu(resource.RUSAGE_SELF) - cpu0}


def peak_mb(who: int = 0) -> float:
    import resource
    return resource.getrusage(who or resource.RUSAGE_SELF).ru_maxrss / 1024


def current_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# ---------------------------------------------------------------- bare parsers

def bare_pdf(path: Path) -> int:
    """pdfplumber's own cost: open, words and ruled tables of every page."""
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            [t.extract() for t in page.find_tables()]
        return len(pdf.pages)


def bare_pdfium(path: Path) -> int:
    """A faster text layer for reference: pypdfium2 text of every page (no tables)."""
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            page.get_textpage().get_text_range()
        return len(pdf)
    finally:
        pdf.close()


def bare_docx(path: Path) -> int:
    import docx
    d = docx.Document(str(path))
    n = sum(len(p.text) for p in d.paragraphs)
    return n + sum(len(c.text) for t in d.tables for row in t.rows for c in row.cells)


def bare_txt(path: Path) -> int:
    data = path.read_bytes()
    try:
        return len(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return len(data.decode("gb18030"))


BARE = {"pdf": bare_pdf, "docx": bare_docx, "txt": bare_txt}


def _has(module: str) -> bool:
    import importlib.util
    return importlib.util.find_spec(module) is not None


# ---------------------------------------------------------------- pipeline stages (child)

def warm_up(fmt: str) -> dict[str, float]:
    """Import and first-call costs, measured once and kept out of the per-notice figures."""
    out = {}
    t = perf()
    from extract.readers import _reader
    _reader(fmt)
    out["import_reader"] = perf() - t
    t = perf()
    from extract.pipeline import load_extractors
    load_extractors()
    out["load_extractors"] = perf() - t
    t = perf()
    from extract.search import segment
    segment("城镇老旧小区改造")
    out["segmenter_load"] = perf() - t
    return out


def notice_stages(path: Path, db: Any, extractors: dict, acc: dict[str, float]) -> int | None:
    """One notice through read, metadata, each extractor, links, checks and store, as
    pipeline.analyze runs them; times added to acc."""
    from extract.extractors.base import Context
    from extract.extractors.metadata import extract_meta
    from extract.link import link_facts
    from extract.pipeline import FACT_FIELD, PIPELINE_VERSION, start_notice
    from extract.readers import read_document
    from extract.reconcile import run_checks
    from extract.store import save_notice
    from schemas import Notice

    data = path.read_bytes()
    if path.suffix == ".docx":
        from extract.readers.docx_parts import forget_definitions
        forget_definitions()  # every copy shares one template: read each cold, as from a new one
    t = perf()
    doc = read_document(path)
    t1 = perf()
    acc["read"] += t1 - t
    start_notice()  # as pipeline.analyze does: nothing memoized from the previous notice
    ctx = Context(document=doc, meta=extract_meta(doc))
    notice = Notice(document=doc, meta=ctx.meta)
    t2 = perf()
    acc["x:metadata"] += t2 - t1
    for name, fn in extractors.items():
        setattr(notice, FACT_FIELD[name], fn(ctx))
        acc[f"x:{name}"] += perf() - t2
        t2 = perf()
    link_facts(notice)
    acc["x:link"] += perf() - t2
    t2 = perf()
    acc["extract"] += t2 - t1
    notice.checks = run_checks(doc, notice.targets, notice.funding)
    t3 = perf()
    acc["reconcile"] += t3 - t2
    save_notice(db, notice, sha256=hashlib.sha256(data).hexdigest(), path=str(path),
                size=len(data), mtime=None, version=PIPELINE_VERSION)
    acc["store"] += perf() - t3
    return doc.pages


def first_notice(fmt: str, path: str, extractors: dict) -> dict[str, float]:
    """Warm-up: one notice (and the bare parser) on a scratch database, not counted.

    Lazy imports and regex compilation inside the pipeline happen here, once per process."""
    from collections import defaultdict
    from extract.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "warm.db")
        t = perf()
        notice_stages(Path(path), db, extractors, defaultdict(float))
        first = perf() - t
        db.close()
    t = perf()
    BARE[fmt](Path(path))
    return {"first_notice": first, "first_bare": perf() - t}


def run_format(fmt: str, paths: list[str], db_path: str, with_pdfium: bool) -> dict:
    """Child: per file, the bare parser then our pipeline (interleaved, so load hits both)."""
    from collections import defaultdict
    from extract.pipeline import load_extractors
    from extract.store import open_db

    res: dict[str, Any] = {"format": fmt, "files": len(paths), "startup": warm_up(fmt)}
    db, extractors, pages, rss = open_db(db_path), load_extractors(), 0, []
    res["startup"].update(first_notice(fmt, paths[0], extractors))
    res["rss_after_warmup_mb"] = current_mb()
    acc: dict[str, float] = defaultdict(float)
    for i, p in enumerate(paths):
        t = perf()
        BARE[fmt](Path(p))
        acc["bare"] += perf() - t
        if with_pdfium:
            t = perf()
            bare_pdfium(Path(p))
            acc["bare_pdfium"] += perf() - t
        t = perf()
        pages += notice_stages(Path(p), db, extractors, acc) or 0
        acc["total"] += perf() - t
        if i + 1 in (max(1, len(paths) // 10), len(paths)):
            rss.append(round(current_mb(), 1))
    db.close()
    res.update(stages=dict(acc), pages=pages, peak_rss_mb=peak_mb(), rss_checkpoints_mb=rss)
    return res


def profile_format(fmt: str, paths: list[str], db_path: str, top: int) -> str:
    """Child: cProfile of our pipeline over the files (after warm-up), top entries as text."""
    import cProfile
    import pstats
    from collections import defaultdict
    from extract.pipeline import load_extractors
    from extract.store import open_db

    warm_up(fmt)
    db, ex, acc = open_db(db_path), load_extractors(), defaultdict(float)
    first_notice(fmt, paths[0], ex)
    prof = cProfile.Profile()
    prof.enable()
    for p in paths:
        notice_stages(Path(p), db, ex, acc)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).strip_dirs()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# ---------------------------------------------------------------- ingest, rerun, start-up, long pdf

def run_ingest(folder: str, db_path: str, jobs: int) -> dict:
    """Child: ingest(...) end to end; children's peak RSS is the largest worker's."""
    import resource
    t = perf()
    from extract.ingest import ingest
    t_import = perf() - t
    cpu0 = _cpu(resource.RUSAGE_SELF)
    t = perf()
    s = ingest([Path(folder)], Path(db_path), jobs=jobs)
    return {"jobs": jobs, "seconds": perf() - t, "import_s": t_import, "stored": s.stored,
            "unchanged": s.unchanged, "failed": s.failed, "parent_rss_mb": peak_mb(),
            "worker_rss_mb": peak_mb(resource.RUSAGE_CHILDREN),
            "parent_cpu_s": _cpu(resource.RUSAGE_SELF) - cpu0,
            "workers_cpu_s": _cpu(resource.RUSAGE_CHILDREN)}


def _cpu(who: int) -> float:
    """User + system CPU seconds: load-independent, unlike wall time on a shared machine."""
    import resource
    u = resource.getrusage(who)
    return u.ru_utime + u.ru_stime


HELP_PROBE = ("import sys; sys.argv = ['notices', '--help']\nfrom extract.cli import app\ntry:\n"
              "    app()\nexcept SystemExit:\n    pass\n"
              "print('HEAVY=' + ','.join(m for m in %r if m in sys.modules), file=sys.stderr)")


def help_startup(runs: int) -> dict:
    """`notices --help` wall time (min of runs) and which heavy modules it imported."""
    exe = shutil.which("notices")
    cmd = [exe, "--help"] if exe else [sys.executable, "-c", HELP_PROBE % (HEAVY,)]
    times = []
    for _ in range(runs):
        t = perf()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
        times.append(perf() - t)
    probe = subprocess.run([sys.executable, "-c", HELP_PROBE % (HEAVY,)], capture_output=True,
                           text=True, cwd=ROOT)
    heavy = probe.stderr.rsplit("HEAVY=", 1)[-1].strip() if "HEAVY=" in probe.stderr else "?"
    t = perf()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return {"command": " ".join(Path(c).name for c in cmd[:1]) + " --help", "min_s": min(times),
            "runs": runs, "python_bare_s": perf() - t, "heavy_modules_loaded": heavy or "none"}


def _cycle_until(items: list, more: Callable[[], bool]):
    """Items round and round while more() holds."""
    i = 0
    while more():
        yield items[i % len(items)]
        i += 1


def write_long_pdf(out: Path, pages: int) -> tuple[int, str] | None:
    """Concatenate rendition pages into one pdf of about `pages` pages (pypdf, else pypdfium2)."""
    srcs = [RENDITIONS / f"00{i}.pdf" for i in range(5)]
    if _has("pypdf"):
        import pypdf
        w = pypdf.PdfWriter()
        for s in _cycle_until(srcs, lambda: len(w.pages) < pages):
            w.append(str(s))
        w.write(str(out))
        return len(w.pages), "pypdf"
    if _has("pypdfium2"):
        import pypdfium2 as pdfium
        dst = pdfium.PdfDocument.new()
        for s in _cycle_until(srcs, lambda: len(dst) < pages):
            dst.import_pages(pdfium.PdfDocument(s))
        dst.save(str(out))
        return len(dst), "pypdfium2"
    return None


def read_long_pdf(path: str, ours: bool) -> dict:
    """Child: read one long pdf with our reader (or bare pdfplumber); seconds and peak RSS."""
    if ours:
        from extract.readers import read_document
        from extract.readers.pdf import read_pdf  # noqa: F401  (import before the clock)
    else:
        import pdfplumber  # noqa: F401
    base = current_mb()
    t = perf()
    if ours:
        doc = read_document(path)
        n = doc.pages
    else:
        n = bare_pdf(Path(path))
    return {"seconds": perf() - t, "pages": n, "rss_before_mb": base, "peak_rss_mb": peak_mb()}
