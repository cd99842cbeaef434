"""A tiny run of benchmarks/bench.py: it builds distinct copies, runs, and reports every field.

Not a timed test: it asserts what the benchmark counts (files, pages, stored, unchanged), never
how fast anything was.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extract.readers import read_document
from tests.conftest import ROOT

BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))
import bench_tasks  # noqa: E402


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_copies_have_distinct_bytes_and_the_same_content(tmp_path: Path, fmt: str) -> None:
    copies = bench_tasks.build_corpus(tmp_path, fmt, len(bench_tasks.sources(fmt)) + 1)
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in copies}) == len(copies)
    first, again = copies[0], copies[-1]  # both copies of the first source file
    original = read_document(bench_tasks.sources(fmt)[0])
    for copy in (first, again):
        doc = read_document(copy)
        if fmt == "txt":  # the unique line is appended after the notice's own text
            assert doc.text.startswith(original.text.rstrip("\n"))
            assert doc.text.rstrip().endswith(f"copy-{0 if copy is first else len(copies) - 1:06d}")
        else:
            assert doc.text == original.text
            assert doc.pages == original.pages


def test_pdf_sources_skip_the_file_without_text_layer() -> None:
    names = [p.name for p in bench_tasks.sources("pdf")]
    assert "000.no-tounicode.pdf" not in names and "000.pdf" in names
    assert names[:2] == ["000.kangxi.pdf", "000.pagebreak.pdf"]  # 4 + 5 pages


def test_tiny_run_reports_every_field(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    cmd = [sys.executable, str(BENCH / "bench.py"), "--size", "1", "--formats", "txt,docx,pdf",
           "--jobs", "0", "--jobs-size", "2", "--rerun-size", "2", "--help-runs", "1",
           "--long-pdf-pages", "3", "--json", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "targets:" in proc.stdout and "x bare" in proc.stdout
    r = json.loads(out.read_text(encoding="utf-8"))
    by = {f["format"]: f for f in r["formats"]}
    assert set(by) == {"txt", "docx", "pdf"}
    assert by["pdf"]["pages"] == 4  # 000.kangxi.pdf, the first pdf source
    assert by["txt"]["pages"] is None and by["pdf"]["pages_per_s"] > 0
    for f in by.values():
        assert f["files"] == 1 and f["notices_per_s"] > 0 and f["peak_rss_mb"] > 0
        assert set(f["ms_per_notice"]) >= {"read", "extract", "reconcile", "store", "total", "bare"}
        assert f["ratio_total_to_bare"] > 0
        assert set(f["extractors_ms"]) >= {"metadata", "targets", "funding", "deadlines"}
    assert [(j["jobs"], j["stored"], j["failed"]) for j in r["jobs"]["runs"]] == [(0, 2, 0)]
    assert r["jobs"]["speedup_2_vs_1"] is None and r["jobs"]["cpu_bound"] is None  # needs jobs=1, 2
    assert (r["rerun"]["rerun_unchanged"], r["rerun"]["rerun_stored"]) == (2, 0)
    assert r["rerun"]["upgrade_stored"] == 2 and r["rerun"]["upgrade_vs_first"] > 0  # stale: stored again
    assert r["help"]["runs"] == 1 and r["help"]["min_s"] > 0
    assert r["long_pdf"]["pages"] == 4 and r["long_pdf"]["ours"]["pages"] == 4  # 000.pdf
    assert r["long_pdf"]["bare"]["peak_rss_mb"] > 0
    names = [t["target"] for t in r["targets"]]
    assert "pdf total / bare pdfplumber (x)" in names and "notices --help (s)" in names


def test_pathological_shapes_script_runs_and_reports_every_shape():
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "pathological.py"), "--n", "10"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("shape") and lines[-1].startswith("worst ratio")
    assert len(lines) == 2 + 7  # header, seven shapes, the worst ratio
