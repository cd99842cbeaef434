"""Render one stored notice's facts, grouped by kind, each with its quote (for `notices show`)."""
from __future__ import annotations

from pathlib import Path

from sqlite_utils.utils import sqlite3

from extract.errors import NoticesError

SECTIONS = [
    ("Targets", "SELECT subject, value_raw || unit_raw AS figure, unit, region, year, quote, start, \"end\", "
                "table_row FROM targets WHERE notice_id = ? ORDER BY start",
     lambda r: f"{r['subject']}: {r['figure']}" + _opt(" · ", r["region"]) + _opt(" · ", r["year"])),
    ("Deadlines", "SELECT kind, raw, due_date, start_date, precision, task, department, anchor, offset_days, "
                  "quote, start, \"end\" FROM deadlines WHERE notice_id = ? ORDER BY start",
     lambda r: f"{r['kind']} {_when(r)}" + _opt(" · ", r["department"]) + _opt(" · ", r["task"])),
    ("Funding", "SELECT amount_yuan, amount_raw || unit_raw AS figure, source, share_pct, role, purpose, quote, "
                "start, \"end\", table_row FROM funding WHERE notice_id = ? ORDER BY start",
     lambda r: f"{r['figure']} = {r['amount_yuan']:,} 元" + _opt(" · ", r["source"])
     + _opt(" · share ", r["share_pct"], "%") + _opt(" · ", r["role"])),
    ("Responsibilities", "SELECT department, role, duty, due_date, quote, start, \"end\" FROM responsibilities "
                         "WHERE notice_id = ? ORDER BY start",
     lambda r: f"{r['department']} [{r['role']}] {r['duty']}" + _opt(" · by ", r["due_date"])),
    ("Citations", "SELECT doc_number, title, quote, start, \"end\" FROM citations WHERE notice_id = ? ORDER BY start",
     lambda r: " ".join(x for x in (r["title"], r["doc_number"]) if x)),
    ("Checks", "SELECT status, kind, message, quote, start, \"end\" FROM checks WHERE notice_id = ? "
               "ORDER BY CASE status WHEN 'discrepancy' THEN 0 WHEN 'rounding' THEN 1 ELSE 2 END, id",
     lambda r: f"{r['status']:<11} {r['kind']}: {r['message']}"),
]


def _opt(prefix: str, value, suffix: str = "") -> str:
    return f"{prefix}{value}{suffix}" if value not in (None, "") else ""


def _when(r) -> str:
    if r["due_date"]:
        return (f"{r['start_date']} – " if r["start_date"] else "") + f"{r['due_date']} ({r['precision']})"
    if r["anchor"]:
        return f"{r['offset_days']} days after {r['anchor']}" if r["offset_days"] else f"relative to {r['anchor']}"
    return r["raw"]


def connect_ro(db_path: Path) -> sqlite3.Connection:
    if not Path(db_path).exists():
        raise NoticesError(f"{db_path}: no database here; run `notices ingest` first")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def find_notice(conn, ref: str):
    q = "SELECT id, title, path, format, doc_number, issuer, issue_date, status, sha256 FROM notices WHERE "
    if ref.isdigit() and not ref.startswith("0"):
        row = conn.execute(q + "id = ?", [int(ref)]).fetchone()
        if row:
            return row
    rows = conn.execute(q + "sha256 LIKE ? OR path LIKE ? OR title LIKE ? ORDER BY id",
                        [ref + "%", f"%{ref}%", f"%{ref}%"]).fetchall()
    if not rows:
        raise NoticesError(f"no notice matches {ref!r}; list them with: notices query \"select id, title from notices\"")
    if len(rows) > 1:
        names = "; ".join(f"{r['id']}: {r['title'] or r['path']}" for r in rows[:10])
        raise NoticesError(f"{len(rows)} notices match {ref!r} ({names}); give the id")
    return rows[0]


def render_notice(db_path: Path, ref: str, cells: bool = False) -> str:
    conn = connect_ro(db_path)
    try:
        n = find_notice(conn, ref)
        out = [f"#{n['id']} {n['title'] or '(no title found)'}",
               f"  file: {n['path']} ({n['format']}, {n['status']})"]
        for label, key in (("number", "doc_number"), ("issuer", "issuer"), ("date", "issue_date")):
            if n[key]:
                out.append(f"  {label}: {n[key]}")
        for title, sql, fmt in SECTIONS:
            rows = conn.execute(sql, [n["id"]]).fetchall()
            out.append(f"\n{title} ({len(rows)})")
            in_cells = [r for r in rows if "table_row" in r.keys() and r["table_row"] is not None]
            for r in rows:
                if r in in_cells and not cells:
                    continue
                out.append(f"  - {fmt(r)}")
                out.append(f"      “{r['quote']}” [{r['start']}:{r['end']}]" if r["quote"] else "")
            if in_cells and not cells:
                out.append(f"  ({len(in_cells)} more from table cells: notices show {ref} --cells)")
        return "\n".join(line for line in out if line != "")
    finally:
        conn.close()
