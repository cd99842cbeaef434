"""Fuzz: truncated, byte-flipped and spliced copies of the corpus and renditions all end as a stored
notice or a recorded failure, within the time limit, with no traceback and a sound database.

Seeded, ~60 variants by default; NOTICES_FUZZ_N=500 for a longer run (NOTICES_FUZZ_SEED to vary).
"""
from __future__ import annotations

import os
import random
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from extract.cli import app
from tests.conftest import CORPUS, RENDITIONS

N = int(os.environ.get("NOTICES_FUZZ_N", "60"))
SEED = int(os.environ.get("NOTICES_FUZZ_SEED", "20240601"))
SOURCES = ["000.pdf", "003.pdf", "004.pdf", "000.docx", "002.docx", "004.docx", "000.txt",
           "000.gb18030.txt", "000.no-tounicode.pdf"]
USUAL_KINDS = {"empty", "mislabelled", "corrupt", "unreadable", "unsupported_format", "legacy_office",
               "encrypted", "no_text", "too_big", "binary", "encoding", "timeout", "crashed", "malformed"}
TIMEOUT_S = 20


def _truncate(rng: random.Random, data: bytes, _: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _flip(rng: random.Random, data: bytes, _: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 4, 32, 256))):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))] + other[rng.randrange(len(other)):]


MUTATIONS = [_truncate, _flip, _splice]


def make_variants(out: Path, n: int, seed: int) -> list[Path]:
    """n mutated files named after their source and mutation (the suffix is kept)."""
    rng = random.Random(seed)
    pool = [RENDITIONS / s for s in SOURCES] + sorted(CORPUS.glob("*.txt"))
    blobs = {p: p.read_bytes() for p in pool}
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        src, other = rng.choice(pool), rng.choice(pool)
        mutate = MUTATIONS[i % len(MUTATIONS)]
        path = out / f"v{i:04d}_{mutate.__name__[1:]}_{src.stem[:12]}{src.suffix}"
        path.write_bytes(mutate(rng, blobs[src], blobs[other]))
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def fuzz_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    paths = make_variants(root / "in", N, SEED)
    t0 = time.monotonic()
    r = CliRunner().invoke(app, ["ingest", str(root / "in"), "--db", str(root / "n.db"), "--jobs", "2",
                                 "--timeout", str(TIMEOUT_S), "--max-memory", "1024"])
    return dict(result=r, paths=paths, db=Database(root / "n.db"), seconds=time.monotonic() - t0)


def test_every_variant_ends_stored_or_recorded_as_a_failure(fuzz_run):
    db, paths = fuzz_run["db"], fuzz_run["paths"]
    files = {r["path"]: r for r in db.query("select path, status, notice_id from files")}
    failures = {r["path"]: r["error"] for r in db.query("select path, error from failures")}
    notices = {r["id"] for r in db.query("select id from notices")}
    for p in map(str, paths):
        assert p in files, f"{p} missing from files"
        if files[p]["status"] == "failed":
            assert p in failures, f"{p} failed but not in failures"
        else:
            assert files[p]["notice_id"] in notices and p not in failures, p
    seen, stored, unchanged, failed = _summary_numbers(fuzz_run["result"].output)
    assert seen == len(paths) == stored + unchanged + failed
    assert failed == len(failures)
    print(f"\nfuzz: {len(paths)} variants in {fuzz_run['seconds']:.1f} s: {stored} stored, "
          f"{failed} failed {dict(Counter(failures.values()))}, "
          f"{db.execute('select count(*) from notices where status = ?', ['partial']).fetchone()[0]} partial")


def test_failures_have_known_kinds_and_no_traceback_was_printed(fuzz_run):
    kinds = Counter(r["error"] for r in fuzz_run["db"].query("select error from failures"))
    assert "parser_error" not in kinds, kinds  # an exception no reader turned into a ReadError
    assert all(re.fullmatch(r"[a-z_]{3,24}", k) for k in kinds), kinds
    print(f"\nfailure kinds outside the usual set: {set(kinds) - USUAL_KINDS or 'none'}")
    out = fuzz_run["result"].output
    assert "Traceback" not in out
    r = fuzz_run["result"]
    assert r.exit_code in (0, 1) and (r.exception is None or isinstance(r.exception, SystemExit))


def test_database_is_sound_after_the_fuzz_run(fuzz_run):
    db = fuzz_run["db"]
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    for row in db.query("select id, text from notices"):
        bad = db.execute('select count(*) from blocks where notice_id = ? and substr(?, start + 1, "end" - start) != text',
                         [row["id"], row["text"]]).fetchone()[0]
        assert bad == 0, row["id"]


def test_run_stays_within_the_time_limit(fuzz_run):
    timeouts = fuzz_run["db"].execute("select count(*) from failures where error = 'timeout'").fetchone()[0]
    assert fuzz_run["seconds"] < 30 + N * 1.5 + timeouts * TIMEOUT_S


def _summary_numbers(output: str) -> tuple[int, int, int, int]:
    m = re.search(r"(\d+) files seen: (\d+) stored, (\d+) unchanged, (\d+) failed", output)
    assert m, output
    return tuple(int(x) for x in m.groups())  # type: ignore[return-value]
