"""Two ingests writing the same database at once both succeed, each notice stored once; queries and
Datasette read while an ingest writes (WAL, BEGIN IMMEDIATE, busy timeout)."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from extract.query import run_query
from extract.serve import make_app
from extract.store import open_db
from tests.conftest import ROOT
from tests.hostile import distinct_corpus

CLI = [sys.executable, "-c", "from extract.cli import app; app()"]


def start_ingest(paths: list[Path], db: Path, *opts: str) -> subprocess.Popen:
    return subprocess.Popen([*CLI, "ingest", *map(str, paths), "--db", str(db), *opts], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONUNBUFFERED="1"))


@pytest.fixture(scope="module")
def thirds(tmp_path_factory) -> list[Path]:
    """30 distinct notices in three folders of 10."""
    root = tmp_path_factory.mktemp("conc")
    paths = distinct_corpus(root / "all")
    dirs = [root / f"part{i}" for i in range(3)]
    for i, p in enumerate(paths):
        d = dirs[i % 3]
        d.mkdir(exist_ok=True)
        p.rename(d / p.name)
    return dirs


def test_two_writers_on_overlapping_files_both_succeed_and_store_each_notice_once(thirds, tmp_path):
    db = tmp_path / "n.db"
    a = start_ingest(thirds[:2], db, "--jobs", "0")
    b = start_ingest(thirds[1:], db, "--jobs", "1")
    out_a, err_a = a.communicate(timeout=240)
    out_b, err_b = b.communicate(timeout=240)
    for code, out, err in ((a.returncode, out_a, err_a), (b.returncode, out_b, err_b)):
        assert code == 0, (out + err).decode()
        assert b"locked" not in err and b"Traceback" not in err
        assert b"20 files seen:" in out and b" 0 failed" in out
    said = f"A: {(out_a + err_a).decode().strip()} | B: {(out_b + err_b).decode().strip()}"
    print(f"\nwriters: {said}")
    d = Database(db)
    failures = list(d["failures"].rows) if d["failures"].exists() else []
    assert d.execute("select count(*), count(distinct sha256) from notices").fetchone() == (30, 30), said
    assert d["files"].count == 30 and d["failures"].count == 0, (said, failures)
    assert d.execute("select count(*) from files where notice_id is null").fetchone()[0] == 0
    # each notice's blocks stored once: no (notice, seq) pair twice, and as many as a solo store
    assert d.execute("select count(*) from (select notice_id, seq from blocks group by 1, 2 "
                     "having count(*) > 1)").fetchone()[0] == 0
    per_sha = dict(d.execute("select n.path, count(*) from blocks b join notices n on n.id = b.notice_id "
                             "group by n.id").fetchall())
    same_source = {}
    for path, n in per_sha.items():
        same_source.setdefault(Path(path).name.split("_")[0] + Path(path).suffix, set()).add(n)
    assert all(len(v) == 1 for v in same_source.values()), same_source  # copies of a file agree
    assert d.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_queries_and_datasette_read_while_an_ingest_writes(thirds, tmp_path):
    db = tmp_path / "n.db"
    open_db(db).close()  # the schema, so that Datasette starts before the ingest (it is fast)
    reads = asyncio.run(_read_while_running(db, thirds))
    p = reads.pop()
    out, err = p.communicate(timeout=240)
    assert p.returncode == 0, (out + err).decode()
    assert b"30 stored" in out
    during = [r for r in reads if r["ingest_running"]]
    assert len(during) >= 3, reads
    for r in reads:
        assert r["status"] == 200 and r["datasette_count"] >= r["query_count"], r
    counts = [r["query_count"] for r in reads]
    assert counts == sorted(counts) and counts[0] >= 1 and counts[-1] == 30
    assert len(set(counts)) >= 2  # the readers saw the ingest progress
    assert run_query(db, "select count(*) from notices").rows == [(30,)]


async def _read_while_running(db: Path, paths: list[Path]) -> list:
    """Start the ingest once Datasette is up, then, from its first stored notice, alternate a
    read-only query and a Datasette JSON request until it ends; the process comes last."""
    ds = make_app(db)
    await ds.invoke_startup()
    p = start_ingest(paths, db, "--jobs", "0", "--verbose")
    first = p.stdout.readline()
    assert first.startswith(b"stored:"), first + p.stderr.read()
    reads: list = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        running = p.poll() is None
        n_query = run_query(db, "select count(*) from notices", timeout=10).rows[0][0]
        r = await ds.client.get(f"/{db.stem}.json?sql=select+count(*)+as+n+from+notices&_shape=array")
        n_ds = r.json()[0]["n"] if r.status_code == 200 else None
        reads.append(dict(ingest_running=running and p.poll() is None, status=r.status_code,
                          query_count=n_query, datasette_count=n_ds))
        if not running:
            break
        await asyncio.sleep(0.02)  # the ingest of 30 notices may take well under a second
    return reads + [p]
