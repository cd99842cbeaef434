"""The only module that touches SQLite: opens the database and writes one notice per transaction.

Why `BEGIN IMMEDIATE`: with WAL, a deferred transaction that reads first and then writes fails at
once with SQLITE_BUSY when another writer is active, whatever the busy timeout; taking the write
lock up front makes concurrent ingests wait their turn instead (measured in STORE-AND-CHECKS C2).
"""
from __future__ import annotations

import contextlib
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database
from sqlite_utils.utils import sqlite3

from extract.errors import StoreError
from extract.store.rows import NoticeRows, prepare_rows, write_rows
from schemas import Notice

SCHEMA_VERSION = "1"
FACT_TABLES = ("check_figures", "checks", "responsibilities", "deadlines", "funding", "targets",
               "citations", "table_cells", "doc_tables", "blocks")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def open_db(path: str | Path, *, create: bool = True) -> Database:
    """Open (and create) the database for writing: WAL, busy timeout, foreign keys on."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no database here; run `notices ingest` first")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=60, isolation_level=None)
        db = Database(conn)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA foreign_keys=ON")
        _ensure_schema(db)
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{path}: cannot open the database ({e})") from None
    return db


# Tables with a jieba-segmented search column (extract/search.py), indexed with FTS5 as external
# content tables; Datasette detects them through content=[table]. Deletes and updates reach the
# index through triggers; new rows are indexed by store.rows in one statement per table and notice
# (`index_rows`), which costs 40% less than an insert trigger firing row by row (measured).
SEARCHABLE = {"blocks": "text_seg", "targets": "search_seg", "deadlines": "search_seg",
              "funding": "search_seg", "responsibilities": "search_seg"}


def fts_statements(table: str, col: str) -> list[str]:
    fts = f"{table}_fts"
    delete = f"INSERT INTO {fts}({fts}, rowid, {col}) VALUES ('delete', old.id, old.{col});"
    insert = f"INSERT INTO {fts}(rowid, {col}) VALUES (new.id, new.{col});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({col}, content=[{table}], "
        "content_rowid=[id], tokenize='unicode61')",
        f"DROP TRIGGER IF EXISTS {table}_ai",  # databases made before index_rows existed
        f"CREATE TRIGGER IF NOT EXISTS {table}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER IF NOT EXISTS {table}_au AFTER UPDATE ON {table} BEGIN {delete} {insert} END",
    ]


def index_rows(db: Database, notice_id: int) -> None:
    """Add a notice's new searchable rows to the full-text indexes (inside its transaction)."""
    for table, col in SEARCHABLE.items():
        db.conn.execute(f"INSERT INTO {table}_fts(rowid, {col}) SELECT id, {col} FROM {table} "
                        "WHERE notice_id = ?", [notice_id])


def _ensure_schema(db: Database) -> None:
    sql = resources.files("extract.store").joinpath("schema.sql").read_text(encoding="utf-8")
    with transaction(db):
        for stmt in _statements(sql):
            db.execute(stmt)
        for table, col in SEARCHABLE.items():
            for stmt in fts_statements(table, col):
                db.execute(stmt)
        db.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)", [SCHEMA_VERSION])


def _statements(sql: str) -> Iterator[str]:
    buf: list[str] = []
    for line in sql.splitlines():
        if line.strip().startswith("--"):
            continue
        buf.append(line)
        joined = "\n".join(buf)
        if joined.rstrip().endswith(";") and sqlite3.complete_statement(joined):
            yield joined
            buf = []


@contextlib.contextmanager
def transaction(db: Database) -> Iterator[Database]:
    """One write transaction: BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    else:
        db.execute("COMMIT")


def notice_state(db: Database, sha256: str, version: str) -> tuple[str, int | None]:
    """'new', 'unchanged' (same bytes, same pipeline) or 'stale' (same bytes, older pipeline)."""
    row = db.execute("SELECT id, pipeline_version FROM notices WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return "new", None
    return ("unchanged" if row[1] == version else "stale"), row[0]


def save_notice(db: Database, notice: Notice | NoticeRows, *, sha256: str, path: str, size: int,
                mtime: float | None, version: str, segments: dict[str, str] | None = None) -> int:
    """Store a notice (or its rows prepared by a parser process) and all its facts in one
    transaction; replace it in place if it exists."""
    rows = notice if isinstance(notice, NoticeRows) else prepare_rows(notice, segments)
    with transaction(db):
        row = db.execute("SELECT id FROM notices WHERE sha256 = ?", [sha256]).fetchone()
        notice_id = row[0] if row else None
        if notice_id is not None:
            for table in FACT_TABLES:
                db.execute(f"DELETE FROM {table} WHERE notice_id = ?", [notice_id])
        head = dict(sha256=sha256, path=path, **rows.head, size_bytes=size, pipeline_version=version,
                    ingested_at=now())
        if notice_id is None:
            names = ", ".join(head)
            notice_id = db.conn.execute(f"INSERT INTO notices ({names}) VALUES ({', '.join('?' for _ in head)})",
                                        list(head.values())).lastrowid
        else:
            sets = ", ".join(f"{k} = ?" for k in head)
            db.conn.execute(f"UPDATE notices SET {sets} WHERE id = ?", [*head.values(), notice_id])
        write_rows(db, notice_id, rows)
        index_rows(db, notice_id)
        _record_file(db, path, sha256, notice_id, size, mtime, "stored")
        db.execute("DELETE FROM failures WHERE path = ?", [path])
    return notice_id


def mark_seen(db: Database, path: str, sha256: str, notice_id: int, size: int,
              mtime: float | None) -> None:
    """Record that a path holds an already stored notice (unchanged)."""
    with transaction(db):
        _record_file(db, path, sha256, notice_id, size, mtime, "unchanged")
        db.execute("DELETE FROM failures WHERE path = ?", [path])


def _record_file(db: Database, path: str, sha256: str, notice_id: int | None, size: int | None,
                 mtime: float | None, status: str) -> None:
    db.execute(
        "INSERT INTO files(path, sha256, notice_id, size_bytes, mtime, status, seen_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, "
        "notice_id=excluded.notice_id, size_bytes=excluded.size_bytes, mtime=excluded.mtime, "
        "status=excluded.status, seen_at=excluded.seen_at",
        [path, sha256, notice_id, size, mtime, status, now()],
    )


def record_failure(db: Database, *, path: str, sha256: str | None, error: str, message: str,
                   size: int | None, mtime: float | None = None) -> None:
    """Record a file that could not be ingested (replacing an earlier failure of the same path)."""
    with transaction(db):
        db.execute(
            "INSERT INTO failures(path, sha256, error, message, size_bytes, at) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, error=excluded.error, "
            "message=excluded.message, size_bytes=excluded.size_bytes, at=excluded.at",
            [path, sha256, error, message, size, now()],
        )
        _record_file(db, path, sha256 or "", None, size, mtime, "failed")


def failure_sha(db: Database, path: str) -> str | None:
    row = db.execute("SELECT sha256 FROM failures WHERE path = ?", [path]).fetchone()
    return row[0] if row else None


def known_files(db: Database) -> dict[str, tuple[int | None, float | None, str]]:
    """path -> (size, mtime, status) of every file seen, to skip files that did not change."""
    return {r[0]: (r[1], r[2], r[3]) for r in db.execute("SELECT path, size_bytes, mtime, status FROM files")}
