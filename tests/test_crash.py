"""kill -9 an ingest at random moments: the database always opens cleanly, every notice in it is
complete (same row counts as a clean run stores for the same bytes), and a rerun finishes the job
with the same content as an uninterrupted run.

Seeded; ~15 kills by default, NOTICES_CRASH_N=150 for a longer run (NOTICES_CRASH_SEED to vary).
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.store import FACT_TABLES
from tests.conftest import ROOT
from tests.hostile import distinct_corpus

N_KILLS = int(os.environ.get("NOTICES_CRASH_N", "15"))
SEED = int(os.environ.get("NOTICES_CRASH_SEED", "4242"))
# `python3 -m extract.cli` does nothing: cli.py has no `if __name__ == "__main__": app()` block.
CLI = [sys.executable, "-c", "from extract.cli import app; app()"]
COUNTED = ("blocks", "doc_tables", "table_cells", "targets", "deadlines", "funding",
           "responsibilities", "citations", "checks", "check_figures")
VOLATILE = {"id", "notice_id", "table_id", "block_id", "check_id", "department_id", "deadline_id",
            "ingested_at", "seen_at", "at"}


def start_ingest(src: Path, db: Path) -> subprocess.Popen:
    """An ingest that prints one line per file (so a kill can be aimed into the storing phase)."""
    return subprocess.Popen([*CLI, "ingest", str(src), "--db", str(db), "--jobs", "0", "--verbose"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))


def kill_after(p: subprocess.Popen, lines: int, delay: float) -> bool:
    """Let `lines` files be stored, wait `delay` s more, kill -9; False if the run ended first."""
    stored = 0
    while stored < lines:
        line = p.stdout.readline()
        if not line:
            return False
        stored += line.startswith(b"stored:")
    time.sleep(delay)
    if p.poll() is not None:
        return False
    os.kill(p.pid, signal.SIGKILL)
    return True


def notice_counts(db_path: Path) -> dict[str, dict[str, int]]:
    """sha256 -> {table: rows} for every notice in the database."""
    conn = sqlite3.connect(db_path)
    try:
        out = {sha: {} for (sha,) in conn.execute("select sha256 from notices")}
        for table in COUNTED:
            q = f"select n.sha256, count(t.rowid) from notices n left join {table} t on t.notice_id = n.id group by n.id"
            for sha, n in conn.execute(q):
                out[sha][table] = n
        return out
    finally:
        conn.close()


def check_db(db_path: Path, expected: dict[str, dict[str, int]]) -> list[str]:
    """Problems in a database left by a killed ingest (empty list: sound and complete)."""
    conn = sqlite3.connect(db_path)
    try:
        problems = []
        if (ic := conn.execute("pragma integrity_check").fetchone()[0]) != "ok":
            problems.append(f"integrity_check: {ic}")
        if fk := conn.execute("pragma foreign_key_check").fetchall():
            problems.append(f"foreign_key_check: {fk[:3]}")
        orphans = conn.execute("select count(*) from files f left join notices n on n.id = f.notice_id "
                               "where f.status != 'failed' and n.id is null").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} files rows point at no notice")
        if failures := conn.execute("select path, error from failures").fetchall():
            problems.append(f"failures recorded: {failures[:3]}")
    finally:
        conn.close()
    for sha, counts in notice_counts(db_path).items():
        if counts != expected.get(sha):
            problems.append(f"notice {sha[:12]} incomplete: {counts} != {expected.get(sha)}")
    return problems


def content(db_path: Path) -> dict[str, list[tuple]]:
    """Sorted rows of notices, files and every fact table, ids and timestamps left out."""
    conn = sqlite3.connect(db_path)
    try:
        out = {}
        for table in ("notices", "files", "departments", *FACT_TABLES):
            skip = VOLATILE | ({"status"} if table == "files" else set())  # stored vs unchanged on rerun
            cols = [r[1] for r in conn.execute(f"pragma table_info({table})") if r[1] not in skip]
            key = ", (select sha256 from notices n where n.id = t.notice_id)" if table not in (
                "notices", "files", "departments") else ""
            sel = ", ".join(f't."{c}"' for c in cols)
            rows = conn.execute(f"select {sel}{key} from {table} t").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """A clean, uninterrupted run: expected counts per sha256, content, and its duration."""
    root = tmp_path_factory.mktemp("crash")
    src = root / "in"
    paths = distinct_corpus(src)
    db = root / "clean.db"
    t0 = time.monotonic()
    p = start_ingest(src, db)
    out, err = p.communicate(timeout=180)
    assert p.returncode == 0, (out + err).decode()
    assert b"Traceback" not in err
    assert f"{len(paths)} files seen: {len(paths)} stored" in out.decode()
    return dict(src=src, db=db, n=len(paths), counts=notice_counts(db), content=content(db),
                seconds=time.monotonic() - t0)


def test_harness_detects_a_partial_notice(reference, tmp_path):
    """Control: a notice whose blocks and checks were only partly written must be flagged."""
    db = tmp_path / "partial.db"
    shutil.copy(reference["db"], db)
    assert check_db(db, reference["counts"]) == []
    conn = sqlite3.connect(db)
    (nid,) = conn.execute("select notice_id from checks group by notice_id order by count(*) desc limit 1").fetchone()
    with conn:  # writes outside the notice transaction, as a store without one could leave them
        conn.execute("delete from check_figures where notice_id = ?", [nid])
        conn.execute("delete from checks where notice_id = ?", [nid])
        conn.execute("delete from blocks where notice_id = ? and seq > 3 and id not in (select block_id from doc_tables)", [nid])
    conn.close()
    problems = check_db(db, reference["counts"])
    assert len(problems) == 1 and "incomplete" in problems[0], problems


def test_kill_9_at_random_moments_never_leaves_a_partial_or_corrupt_database(reference, tmp_path):
    rng = random.Random(SEED)
    stats = dict(kills=0, completed=0, corrupt=0, partial=0, notices_seen=[])
    db = tmp_path / "killed.db"
    per_file = reference["seconds"] / reference["n"]
    while stats["kills"] < N_KILLS:
        p = start_ingest(reference["src"], db)
        lines = rng.randrange(0, 4)  # 0: kill during start-up, hashing or the first parse
        if kill_after(p, lines, rng.uniform(0, 2 * per_file) if lines else rng.uniform(0.2, 2.0)):
            stats["kills"] += 1
        else:
            stats["completed"] += 1  # finished before the kill: checked, then started from scratch
        p.communicate()
        problems = check_db(db, reference["counts"]) if db.exists() else []
        stats["corrupt"] += any(x.startswith(("integrity", "foreign")) for x in problems)
        stats["partial"] += any("incomplete" in x for x in problems)
        assert problems == [], (stats, problems)
        stats["notices_seen"].append(len(notice_counts(db)) if db.exists() else 0)
        if p.returncode == 0:
            for f in db.parent.glob(db.name + "*"):
                f.unlink()
    print(f"\ncrash: {stats['kills']} kills, {stats['completed']} runs completed between kills, "
          f"{stats['corrupt']} corrupt, {stats['partial']} partial; notices after each: {stats['notices_seen']}")
    p = start_ingest(reference["src"], db)
    out, err = p.communicate(timeout=180)
    assert p.returncode == 0, (out + err).decode()
    assert f"{reference['n']} files seen:" in out.decode() and " 0 failed" in out.decode()
    assert check_db(db, reference["counts"]) == []
    assert content(db) == reference["content"]
    assert len(notice_counts(db)) == reference["n"]
