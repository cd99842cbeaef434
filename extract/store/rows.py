"""A Notice as the rows of the database tables: prepared anywhere, written inside a transaction.

Two steps, so that the parser process does the first: `prepare_rows` turns a Notice into plain
tuples (no database needed; they pickle and unpickle several times faster than the ~300 pydantic
models of a notice, and the writer process is the one ingest cannot run in parallel), and
`write_rows` inserts them with prepared statements (`executemany`), resolving the ids that link
rows: blocks, tables, deadlines, departments, checks. Search columns hold segmented text, taken
from `segments` when the parser process computed them ahead, else segmented here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal
from typing import Any, Iterable, Sequence

from sqlite_utils import Database

from extract.search import fact_search_texts, segment
from schemas import Block, BlockKind, Notice

GROUND = ("quote", "start", "end", "block_seq", "table_row", "table_col", "sentence")
BLOCK_COLS = ("seq", "kind", "page", "level", "start", "end", "text", "text_seg")
TABLE_COLS = ("caption", "page", "pages", "n_rows", "n_cols", "start", "end")
CELL_COLS = ("row", "col", "row_span", "col_span", "text", "start", "end")
TARGET_COLS = ("subject", "value", "value_num", "value_raw", "unit_raw", "unit", "value_base", "decimals",
               "approximate", "qualifier", "region", "year", "search_seg") + GROUND
DEADLINE_COLS = ("kind", "raw", "due_date", "start_date", "precision", "task", "department", "anchor",
                 "offset_days", "offset", "offset_unit", "recurrence", "year_source", "search_seg") + GROUND
FUNDING_COLS = ("amount_yuan", "amount_yuan_exact", "amount_raw", "unit_raw", "decimals", "approximate", "source",
                "share_pct", "share_raw", "purpose", "role", "search_seg") + GROUND
DUTY_COLS = ("department", "role", "duty", "due_date", "deadline_quote", "amount_yuan", "quote", "start", "end",
             "block_seq", "sentence", "search_seg")
CITATION_COLS = ("doc_number", "title", "quote", "start", "end", "block_seq")
CHECK_COLS = ("kind", "status", "subject", "stated", "computed", "difference", "tolerance", "unit", "message",
              "hint", "quote", "start", "end")
FIGURE_COLS = ("seq", "role", "label", "raw", "value", "decimals", "exact", "quote", "start", "end", "row", "col")


@dataclass
class NoticeRows:
    """What the store writes for one notice, as plain values in the column orders above.

    Links are local until written: a table names its block by seq, a responsibility its deadline by
    position in `deadlines`, a check and its figures their table by table index."""

    head: dict[str, Any]
    blocks: list[tuple] = field(default_factory=list)
    tables: list[tuple[int, tuple, list[tuple]]] = field(default_factory=list)  # (block seq, table, cells)
    targets: list[tuple] = field(default_factory=list)
    deadlines: list[tuple] = field(default_factory=list)
    funding: list[tuple] = field(default_factory=list)
    duties: list[tuple[int | None, tuple]] = field(default_factory=list)  # (deadline position, row)
    citations: list[tuple] = field(default_factory=list)
    checks: list[tuple[int | None, tuple, list[tuple[int | None, tuple]]]] = field(default_factory=list)


# ---------------------------------------------------------------- prepare (no database)

def prepare_rows(notice: Notice, segments: dict[str, str] | None = None) -> NoticeRows:
    """Every row of one notice, with its search columns segmented."""
    seg = _segmenter(segments)
    texts = fact_search_texts(notice)
    doc, n = notice.document, notice
    rows = NoticeRows(head=_head(notice))
    rows.blocks = [(b.seq, b.kind.value, b.page, b.level, b.start, b.end, b.text, seg(t))
                   for b, t in zip(doc.blocks, texts["blocks"])]
    rows.tables = [(b.seq, (table_caption(doc.blocks, i), b.page, ",".join(map(str, b.table.pages)) or None,
                            b.table.n_rows, b.table.n_cols, b.start, b.end),
                    [(c.row, c.col, c.row_span, c.col_span, c.text, c.start, c.end) for c in b.table.cells])
                   for i, b in enumerate(doc.blocks) if b.table is not None]
    rows.targets = [(t.subject, _dec(t.value), float(t.value), t.value_raw, t.unit_raw, t.unit, _dec(t.value_base),
                     t.decimals, t.approximate, t.qualifier, t.region, t.year, seg(s)) + _g(t)
                    for t, s in zip(n.targets, texts["targets"])]
    rows.deadlines = [(d.deadline_kind, d.raw, _iso(d.due_date), _iso(d.start_date), d.precision, d.task,
                       d.department, d.anchor, d.offset_days, d.offset, d.offset_unit, d.recurrence,
                       d.year_source, seg(s)) + _g(d)
                      for d, s in zip(n.deadlines, texts["deadlines"])]
    rows.funding = [(_yuan(f.amount_yuan), _dec(f.amount_yuan), f.amount_raw, f.unit_raw, f.decimals, f.approximate,
                     f.source, _dec(f.share_pct), f.share_raw, f.purpose, f.role, seg(s)) + _g(f)
                    for f, s in zip(n.funding, texts["funding"])]
    rows.duties = [(_deadline_of(r, n), (r.department, r.role, r.duty, _iso(r.due_date), r.deadline_quote,
                                         _yuan(r.amount_yuan), r.quote, r.start, r.end, r.block_seq, r.sentence,
                                         seg(s)))
                   for r, s in zip(n.responsibilities, texts["responsibilities"])]
    rows.citations = [(c.doc_number, c.title, c.quote, c.start, c.end, c.block_seq) for c in n.citations]
    rows.checks = [_check(c) for c in n.checks]
    return rows


def _head(notice: Notice) -> dict[str, Any]:
    """The notices row, but for what only the writer knows (file identity, version, time)."""
    doc, meta = notice.document, notice.meta
    return dict(
        format=doc.format, title=meta.title, doc_number=meta.doc_number, issuer=meta.issuer,
        issue_date=meta.issue_date.isoformat() if meta.issue_date else None, plan_year=meta.plan_year,
        status="partial" if doc.partial else "ok",
        issues=json.dumps([i.model_dump() for i in doc.issues], ensure_ascii=False) if doc.issues else None,
        pages=doc.pages, encoding=doc.encoding, text=doc.text,
    )


def _segmenter(known: dict[str, str] | None):
    memo = dict(known or {})

    def seg(text: str) -> str:
        if text not in memo:
            memo[text] = segment(text)
        return memo[text]

    return seg


def table_caption(blocks: list[Block], index: int) -> str | None:
    """The short paragraph just before a table (its title), if there is one."""
    for b in reversed(blocks[max(0, index - 2):index]):
        if b.kind != BlockKind.table and len(b.text) <= 60:
            return b.text
    return None


def _dec(x: Decimal | None) -> str | None:
    """Decimals are stored as exact text (as precise as computed), never as binary floats."""
    return None if x is None else format(x, "f")


def _yuan(x: Decimal | None) -> int | None:
    return None if x is None else int(x.to_integral_value())


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _g(f) -> tuple:
    return tuple(getattr(f, k) for k in GROUND)


def _deadline_of(r, n: Notice) -> int | None:
    """Position of the deadline linked to a responsibility (see extract/link.py), if any."""
    for i, d in enumerate(n.deadlines):
        if r.deadline_quote and r.start <= d.start and d.end <= r.end and d.quote == r.deadline_quote:
            return i
    return None


def _check(c) -> tuple[int | None, tuple, list[tuple[int | None, tuple]]]:
    stated = next((f for f in c.figures if f.role == "stated"), None)
    row = (c.kind, c.status.value, c.subject, _dec(c.stated), _dec(c.computed), _dec(c.difference),
           _dec(c.tolerance), c.unit, c.message, c.hint, stated.quote if stated else None,
           stated.start if stated else None, stated.end if stated else None)
    figures = [(f.table_index, (i, f.role, f.label, f.raw, _dec(f.value), f.decimals, f.exact, f.quote, f.start,
                                f.end, f.row, f.col))
               for i, f in enumerate(c.figures)]
    return c.table_index, row, figures


# ---------------------------------------------------------------- write (inside a transaction)

def write_rows(db: Database, nid: int, rows: NoticeRows) -> None:
    """Insert blocks, tables, cells, every fact kind and the checks of one notice.

    Rows that others point at (tables, deadlines, checks) get their ids here, the ones SQLite
    would choose (max + 1, inside the write lock), so each table is one `executemany` instead of
    a statement per row read back for its id."""
    _insert(db, "blocks", ("notice_id",) + BLOCK_COLS, [(nid,) + r for r in rows.blocks])
    block_ids = dict(db.conn.execute("SELECT seq, id FROM blocks WHERE notice_id = ?", [nid]).fetchall())
    table_ids = dict(enumerate(_next_ids(db, "doc_tables", len(rows.tables))))
    _insert(db, "doc_tables", ("id", "notice_id", "block_id", "table_index") + TABLE_COLS,
            [(table_ids[i], nid, block_ids[seq], i) + table for i, (seq, table, _) in enumerate(rows.tables)])
    _insert(db, "table_cells", ("table_id", "notice_id") + CELL_COLS,
            [(table_ids[i], nid) + c for i, (_, _, cells) in enumerate(rows.tables) for c in cells])
    _insert(db, "targets", ("notice_id",) + TARGET_COLS, [(nid,) + r for r in rows.targets])
    dept = _department_ids(db)
    dl_dept = DEADLINE_COLS.index("department")
    deadline_ids = _next_ids(db, "deadlines", len(rows.deadlines))
    _insert(db, "deadlines", ("id", "notice_id", "department_id") + DEADLINE_COLS,
            [(i, nid, dept(r[dl_dept])) + r for i, r in zip(deadline_ids, rows.deadlines)])
    _insert(db, "funding", ("notice_id",) + FUNDING_COLS, [(nid,) + r for r in rows.funding])
    _insert(db, "responsibilities", ("notice_id", "department_id", "deadline_id") + DUTY_COLS,
            [(nid, dept(r[0]), deadline_ids[k] if k is not None else None) + r for k, r in rows.duties])
    _insert(db, "citations", ("notice_id",) + CITATION_COLS, [(nid,) + r for r in rows.citations])
    check_ids = _next_ids(db, "checks", len(rows.checks))
    _insert(db, "checks", ("id", "notice_id", "table_id") + CHECK_COLS,
            [(cid, nid, _table_id(table_ids, ti)) + row for cid, (ti, row, _) in zip(check_ids, rows.checks)])
    _insert(db, "check_figures", ("check_id", "notice_id", "table_id") + FIGURE_COLS,
            [(cid, nid, _table_id(table_ids, ti)) + f
             for cid, (_, _, figures) in zip(check_ids, rows.checks) for ti, f in figures])


def _next_ids(db: Database, table: str, n: int) -> list[int]:
    """The ids SQLite would give the next n rows of a table (call inside the write transaction)."""
    if not n:
        return []
    top = db.conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    return list(range(top + 1, top + 1 + n))


def _table_id(ids: dict[int, int], index: int | None) -> int | None:
    return ids.get(index) if index is not None else None


def _department_ids(db: Database):
    """name -> departments.id, adding names not seen before (looked up once per notice)."""
    known: dict[str, int] = {}

    def dept(name: str | None) -> int | None:
        if not name:
            return None
        if name not in known:
            known[name] = department_id(db, name)
        return known[name]

    return dept


def department_id(db: Database, name: str) -> int:
    row = db.conn.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    return db.conn.execute("INSERT INTO departments(name) VALUES (?)", [name]).lastrowid


@lru_cache(maxsize=64)
def _sql(table: str, cols: tuple[str, ...]) -> str:
    names = ", ".join(f'"{c}"' for c in cols)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in cols)})"


def _insert(db: Database, table: str, cols: tuple[str, ...], rows: Iterable[Sequence[Any]]) -> None:
    db.conn.executemany(_sql(table, cols), list(rows))
