"""Tie facts together where the text ties them: a duty and the deadline or amount stated in it.

A responsibility's quote spans its department and duty as written; a deadline or funding figure
standing inside that span belongs to that duty (财政局负责筹措地方配套资金1658.52万元; 市县住建部门应于
年底前将…支出完毕). A stage title that dates its paragraph (（三）准备工作阶段（2026年2至4月）。) gives
its deadline to the duties stated in that paragraph.
"""
from __future__ import annotations

from schemas import Notice

STAGE_TITLE_MAX = 30


def link_facts(notice: Notice) -> Notice:
    for r in notice.responsibilities:
        if r.deadline_quote is None:  # a task-table row already has its own row's deadline
            d = next((d for d in notice.deadlines if r.start <= d.start and d.end <= r.end), None) \
                or _stage_deadline(notice, r)
            if d is not None:
                r.deadline_quote, r.due_date = d.quote, d.due_date
        f = next((f for f in notice.funding if r.start <= f.start and f.end <= r.end), None)
        if f is not None:
            r.amount_yuan = f.amount_yuan
    return notice


def _stage_deadline(notice: Notice, r):
    """The deadline of a short stage title opening the responsibility's paragraph, if any."""
    if r.table_row is not None:
        return None  # a table row states its own deadline (in its own cell) or none
    for d in notice.deadlines:
        if (d.block_seq == r.block_seq and d.end <= r.start and d.sentence
                and len(d.sentence) <= STAGE_TITLE_MAX and d.due_date is not None):
            return d
    return None
