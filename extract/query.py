"""Run one SQL statement read-only against the database, with a time limit.

Read-only is enforced twice: the file is opened with `mode=ro`, and `PRAGMA query_only` is set,
so a DROP or UPDATE fails and changes nothing. The time limit is a progress handler that aborts
the statement (the mechanism Datasette uses for sql_time_limit_ms).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils.utils import sqlite3

from extract.errors import NoticesError
from extract.search import cjk_query


class QueryError(NoticesError):
    kind = "query"


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]


def connect_readonly(db_path: Path) -> sqlite3.Connection:
    if not Path(db_path).exists():
        raise QueryError(f"{db_path}: no database here; run `notices ingest` first")
    conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True, timeout=10)
    conn.execute("PRAGMA query_only = 1")
    conn.create_function("cjk_query", 1, cjk_query, deterministic=True)
    return conn


def run_query(db_path: Path, sql: str, params: dict | None = None, timeout: float = 5.0) -> Result:
    """Execute one read-only statement; raise QueryError with a readable message on failure."""
    conn = connect_readonly(db_path)
    deadline = time.monotonic() + timeout
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 1000)
    try:
        cur = conn.execute(sql, params or {})
        rows = cur.fetchall()
        cols = [d[0] for d in cur.description or []]
        return Result(cols, rows)
    except sqlite3.OperationalError as e:
        msg = str(e)
        if "interrupted" in msg:
            raise QueryError(f"the query took longer than {timeout:g} s and was stopped "
                             "(raise the limit with --timeout, or narrow the query)") from None
        if "readonly" in msg or "read-only" in msg or "query_only" in msg:
            raise QueryError(f"the database is opened read-only: statements that change it are refused ({msg})") from None
        raise QueryError(f"SQL error: {msg}") from None
    except sqlite3.Warning as e:
        raise QueryError(f"SQL error: {e} (run one statement at a time)") from None
    except sqlite3.DatabaseError as e:
        raise QueryError(f"SQL error: {e}") from None
    finally:
        conn.close()
