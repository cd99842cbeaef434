"""Turn a Notice into rows of the database tables (inside the caller's transaction).

Rows are written with prepared statements (`executemany`): per-row sqlite-utils inserts query the
schema each time and cost more than the data. Search columns hold jieba-segmented text, taken from
`segments` when the parser process computed them ahead, else segmented here.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Sequence

from sqlite_utils import Database

from extract.search import fact_search_texts, segment
from schemas import Block, BlockKind, Notice


def _insert(db: Database, table: str, cols: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    db.conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))


def _insert_one(db: Database, table: str, row: dict[str, Any]) -> int:
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    return db.conn.execute(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(row.values())).lastrowid


def notice_rows(db: Database, notice_id: int, notice: Notice, segments: dict[str, str] | None = None) -> None:
    """Insert blocks, tables, cells and every fact kind of one notice."""
    seg = _segmenter(segments)
    texts = fact_search_texts(notice)
    doc = notice.document
    block_ids = _blocks(db, notice_id, doc.blocks, [seg(t) for t in texts["blocks"]])
    table_ids = _tables(db, notice_id, doc.blocks, block_ids)
    _facts(db, notice_id, notice, {k: [seg(t) for t in v] for k, v in texts.items() if k != "blocks"})
    _checks(db, notice_id, notice, table_ids)


def _segmenter(known: dict[str, str] | None):
    memo = dict(known or {})

    def seg(text: str) -> str:
        if text not in memo:
            memo[text] = segment(text)
        return memo[text]

    return seg


def _blocks(db: Database, notice_id: int, blocks: list[Block], segs: list[str]) -> dict[int, int]:
    _insert(db, "blocks", ("notice_id", "seq", "kind", "page", "level", "start", "end", "text", "text_seg"),
            [(notice_id, b.seq, b.kind.value, b.page, b.level, b.start, b.end, b.text, s)
             for b, s in zip(blocks, segs)])
    return dict(db.conn.execute("SELECT seq, id FROM blocks WHERE notice_id = ?", [notice_id]).fetchall())


def table_caption(blocks: list[Block], index: int) -> str | None:
    """The short paragraph just before a table (its title), if there is one."""
    for b in reversed(blocks[max(0, index - 2):index]):
        if b.kind != BlockKind.table and len(b.text) <= 60:
            return b.text
    return None


def _tables(db: Database, notice_id: int, blocks: list[Block], block_ids: dict[int, int]) -> dict[int, int]:
    ids: dict[int, int] = {}
    for i, b in enumerate(blocks):
        if b.table is None:
            continue
        t = b.table
        tid = _insert_one(db, "doc_tables", dict(
            notice_id=notice_id, block_id=block_ids[b.seq], table_index=len(ids),
            caption=table_caption(blocks, i), page=b.page,
            pages=",".join(map(str, t.pages)) or None, n_rows=t.n_rows, n_cols=t.n_cols,
            start=b.start, end=b.end))
        ids[len(ids)] = tid
        _insert(db, "table_cells", ("table_id", "notice_id", "row", "col", "row_span", "col_span", "text",
                                    "start", "end"),
                [(tid, notice_id, c.row, c.col, c.row_span, c.col_span, c.text, c.start, c.end) for c in t.cells])
    return ids


def _dec(x: Decimal | None) -> str | None:
    """Decimals are stored as exact text (as precise as computed), never as binary floats."""
    return None if x is None else format(x, "f")


def _yuan(x: Decimal | None) -> int | None:
    return None if x is None else int(x.to_integral_value())


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def department_id(db: Database, name: str) -> int:
    row = db.conn.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    return db.conn.execute("INSERT INTO departments(name) VALUES (?)", [name]).lastrowid


GROUND = ("quote", "start", "end", "block_seq", "table_row", "table_col", "sentence")


def _g(f) -> tuple:
    return tuple(getattr(f, k) for k in GROUND)


def _facts(db: Database, nid: int, n: Notice, segs: dict[str, list[str]]) -> None:
    _insert(db, "targets", ("notice_id", "subject", "value", "value_num", "value_raw", "unit_raw", "unit",
                            "value_base", "decimals", "approximate", "qualifier", "region", "year",
                            "search_seg") + GROUND,
            [(nid, t.subject, _dec(t.value), float(t.value), t.value_raw, t.unit_raw, t.unit, _dec(t.value_base),
              t.decimals, t.approximate, t.qualifier, t.region, t.year, s) + _g(t)
             for t, s in zip(n.targets, segs["targets"])])
    deadline_ids = [_insert_one(db, "deadlines", dict(
        notice_id=nid, kind=d.deadline_kind, raw=d.raw, due_date=_iso(d.due_date), start_date=_iso(d.start_date),
        precision=d.precision, task=d.task, department=d.department,
        department_id=department_id(db, d.department) if d.department else None, anchor=d.anchor,
        offset_days=d.offset_days, offset=d.offset, offset_unit=d.offset_unit, recurrence=d.recurrence,
        year_source=d.year_source, search_seg=s, **{k: getattr(d, k) for k in GROUND}))
        for d, s in zip(n.deadlines, segs["deadlines"])]
    _insert(db, "funding", ("notice_id", "amount_yuan", "amount_yuan_exact", "amount_raw", "unit_raw", "decimals",
                            "approximate", "source", "share_pct", "share_raw", "purpose", "role", "search_seg")
            + GROUND,
            [(nid, _yuan(f.amount_yuan), _dec(f.amount_yuan), f.amount_raw, f.unit_raw, f.decimals, f.approximate,
              f.source, _dec(f.share_pct), f.share_raw, f.purpose, f.role, s) + _g(f)
             for f, s in zip(n.funding, segs["funding"])])
    _insert(db, "responsibilities", ("notice_id", "department", "department_id", "role", "duty", "deadline_id",
                                     "due_date", "deadline_quote", "amount_yuan", "quote", "start", "end",
                                     "block_seq", "sentence", "search_seg"),
            [(nid, r.department, department_id(db, r.department), r.role, r.duty,
              _deadline_for(r, n, deadline_ids), _iso(r.due_date), r.deadline_quote, _yuan(r.amount_yuan),
              r.quote, r.start, r.end, r.block_seq, r.sentence, s)
             for r, s in zip(n.responsibilities, segs["responsibilities"])])
    _insert(db, "citations", ("notice_id", "doc_number", "title", "quote", "start", "end", "block_seq"),
            [(nid, c.doc_number, c.title, c.quote, c.start, c.end, c.block_seq) for c in n.citations])


def _deadline_for(r, n: Notice, ids: list[int]) -> int | None:
    """The id of the deadline linked to a responsibility (see extract/link.py), if any."""
    for d, did in zip(n.deadlines, ids):
        if r.deadline_quote and r.start <= d.start and d.end <= r.end and d.quote == r.deadline_quote:
            return did
    return None


def _checks(db: Database, nid: int, n: Notice, table_ids: dict[int, int]) -> None:
    for c in n.checks:
        stated = next((f for f in c.figures if f.role == "stated"), None)
        cid = _insert_one(db, "checks", dict(
            notice_id=nid, kind=c.kind, status=c.status.value, subject=c.subject, stated=_dec(c.stated),
            computed=_dec(c.computed), difference=_dec(c.difference), tolerance=_dec(c.tolerance), unit=c.unit,
            message=c.message, hint=c.hint,
            table_id=table_ids.get(c.table_index) if c.table_index is not None else None,
            quote=stated.quote if stated else None, start=stated.start if stated else None,
            end=stated.end if stated else None))
        _insert(db, "check_figures", ("check_id", "notice_id", "seq", "role", "label", "raw", "value", "decimals",
                                      "exact", "quote", "start", "end", "table_id", "row", "col"),
                [(cid, nid, i, f.role, f.label, f.raw, _dec(f.value), f.decimals, f.exact, f.quote, f.start, f.end,
                  table_ids.get(f.table_index) if f.table_index is not None else None, f.row, f.col)
                 for i, f in enumerate(c.figures)])
