"""Turn a Notice into rows of the database tables (inside the caller's transaction)."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlite_utils import Database

from extract.search import segment
from schemas import Block, BlockKind, Notice
from schemas.facts import Grounding

GROUND = ("quote", "start", "end", "block_seq", "table_row", "table_col", "sentence")


def notice_rows(db: Database, notice_id: int, notice: Notice) -> None:
    """Insert blocks, tables, cells and every fact kind of one notice."""
    doc = notice.document
    block_ids = _blocks(db, notice_id, doc.blocks)
    table_ids = _tables(db, notice_id, doc.blocks, block_ids)
    _facts(db, notice_id, notice)
    _checks(db, notice_id, notice, table_ids)


def _blocks(db: Database, notice_id: int, blocks: list[Block]) -> dict[int, int]:
    ids = {}
    for b in blocks:
        ids[b.seq] = db["blocks"].insert(dict(
            notice_id=notice_id, seq=b.seq, kind=b.kind.value, page=b.page, level=b.level,
            start=b.start, end=b.end, text=b.text, text_seg=segment(b.text))).last_pk
    return ids


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
        tid = db["doc_tables"].insert(dict(
            notice_id=notice_id, block_id=block_ids[b.seq], table_index=len(ids),
            caption=table_caption(blocks, i), page=b.page,
            pages=",".join(map(str, t.pages)) or None, n_rows=t.n_rows, n_cols=t.n_cols,
            start=b.start, end=b.end)).last_pk
        ids[len(ids)] = tid
        db["table_cells"].insert_all(
            [dict(table_id=tid, notice_id=notice_id, row=c.row, col=c.col, row_span=c.row_span,
                  col_span=c.col_span, text=c.text, start=c.start, end=c.end) for c in t.cells])
    return ids


def _ground(f: Grounding) -> dict[str, Any]:
    return {k: getattr(f, k, None) for k in GROUND if hasattr(f, k)}


def _dec(x: Decimal | None) -> str | None:
    """Decimals are stored as exact text (as precise as computed), never as binary floats."""
    return None if x is None else format(x, "f")


def _yuan(x: Decimal | None) -> int | None:
    return None if x is None else int(x.to_integral_value())


def department_id(db: Database, name: str) -> int:
    row = db.execute("SELECT id FROM departments WHERE name = ?", [name]).fetchone()
    if row:
        return row[0]
    return db["departments"].insert({"name": name}).last_pk


def _facts(db: Database, nid: int, n: Notice) -> None:
    db["targets"].insert_all([dict(
        notice_id=nid, subject=t.subject, value=_dec(t.value), value_num=float(t.value),
        value_raw=t.value_raw, unit_raw=t.unit_raw, unit=t.unit, value_base=_dec(t.value_base),
        decimals=t.decimals, approximate=t.approximate, qualifier=t.qualifier, region=t.region,
        year=t.year, search_seg=segment(f"{t.subject} {t.region or ''} {t.quote}"), **_ground(t))
        for t in n.targets])
    deadline_ids = []
    for d in n.deadlines:
        deadline_ids.append(db["deadlines"].insert(dict(
            notice_id=nid, kind=d.deadline_kind, raw=d.raw, due_date=_iso(d.due_date),
            start_date=_iso(d.start_date), precision=d.precision, task=d.task, department=d.department,
            department_id=department_id(db, d.department) if d.department else None,
            anchor=d.anchor, offset_days=d.offset_days, offset=d.offset, offset_unit=d.offset_unit,
            recurrence=d.recurrence, year_source=d.year_source,
            search_seg=segment(f"{d.department or ''} {d.task or ''} {d.quote}"), **_ground(d))).last_pk)
    db["funding"].insert_all([dict(
        notice_id=nid, amount_yuan=_yuan(f.amount_yuan), amount_yuan_exact=_dec(f.amount_yuan),
        amount_raw=f.amount_raw, unit_raw=f.unit_raw, decimals=f.decimals, approximate=f.approximate,
        source=f.source, share_pct=_dec(f.share_pct), share_raw=f.share_raw, purpose=f.purpose,
        role=f.role, search_seg=segment(f"{f.source or ''} {f.purpose or ''} {f.sentence or f.quote}"),
        **_ground(f)) for f in n.funding])
    for r in n.responsibilities:
        db["responsibilities"].insert(dict(
            notice_id=nid, department=r.department, department_id=department_id(db, r.department),
            role=r.role, duty=r.duty, deadline_id=_deadline_for(r, n, deadline_ids),
            due_date=_iso(r.due_date), deadline_quote=r.deadline_quote, amount_yuan=_yuan(r.amount_yuan),
            quote=r.quote, start=r.start, end=r.end, block_seq=r.block_seq, sentence=r.sentence,
            search_seg=segment(f"{r.department} {r.duty}")))
    db["citations"].insert_all([dict(
        notice_id=nid, doc_number=c.doc_number, title=c.title, quote=c.quote, start=c.start,
        end=c.end, block_seq=c.block_seq) for c in n.citations])


def _deadline_for(r, n: Notice, ids: list[int]) -> int | None:
    """The id of the deadline linked to a responsibility (see extract/link.py), if any."""
    for d, did in zip(n.deadlines, ids):
        if r.deadline_quote and r.start <= d.start and d.end <= r.end and d.quote == r.deadline_quote:
            return did
    return None


def _iso(d) -> str | None:
    return d.isoformat() if d else None


def _checks(db: Database, nid: int, n: Notice, table_ids: dict[int, int]) -> None:
    for c in n.checks:
        stated = next((f for f in c.figures if f.role == "stated"), None)
        cid = db["checks"].insert(dict(
            notice_id=nid, kind=c.kind, status=c.status.value, subject=c.subject,
            stated=_dec(c.stated), computed=_dec(c.computed), difference=_dec(c.difference),
            tolerance=_dec(c.tolerance), unit=c.unit, message=c.message, hint=c.hint,
            table_id=table_ids.get(c.table_index) if c.table_index is not None else None,
            quote=stated.quote if stated else None, start=stated.start if stated else None,
            end=stated.end if stated else None)).last_pk
        db["check_figures"].insert_all([dict(
            check_id=cid, notice_id=nid, seq=i, role=f.role, label=f.label, raw=f.raw,
            value=_dec(f.value), decimals=f.decimals, exact=f.exact, quote=f.quote, start=f.start,
            end=f.end, table_id=table_ids.get(f.table_index) if f.table_index is not None else None,
            row=f.row, col=f.col) for i, f in enumerate(c.figures)])
