"""Tie facts together where the text ties them: a duty and the deadline or amount stated in it.

A responsibility's quote spans its department and duty as written; a deadline or funding figure
standing inside that span belongs to that duty (财政局负责筹措地方配套资金1658.52万元; 市县住建部门应于
年底前将…支出完毕), and a deadline whose own clause names no one, to that duty's department. A stage title that dates its paragraph (（三）准备工作阶段（2026年2至4月）。) gives
its deadline to the duties stated in that paragraph.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TypeVar

from schemas import Deadline, Notice, Responsibility

STAGE_TITLE_MAX = 30
LEAD_ROLES = ("负责", "牵头")
F = TypeVar("F")


def link_facts(notice: Notice) -> Notice:
    # Spans and stage titles are read once per notice, not once per responsibility (a notice has
    # dozens of duties, each compared with every deadline and amount).
    deadlines = [(d.start, d.end, d) for d in notice.deadlines]
    funding = [(f.start, f.end, f) for f in notice.funding]
    stages = _stage_titles(notice.deadlines)
    for r in notice.responsibilities:
        if r.deadline_quote is None:  # a task-table row already has its own row's deadline
            d = _first_inside(deadlines, r.start, r.end) or _stage_deadline(stages, r)
            if d is not None:
                r.deadline_quote, r.due_date = d.quote, d.due_date
        f = _first_inside(funding, r.start, r.end)
        if f is not None:
            r.amount_yuan = f.amount_yuan
    _deadline_owners(notice)
    return notice


def _deadline_owners(notice: Notice) -> None:
    """A deadline whose own clause names no one belongs to those whose duty states it
    (各项目县要于5月20日前完成…，6月底前全部开工: the 6月底前 is the counties' too)."""
    leads = [r for r in notice.responsibilities if r.role in LEAD_ROLES]
    for d in notice.deadlines:
        if d.department is None:
            owners = [r.department for r in leads if r.start <= d.start and d.end <= r.end]
            if owners:
                d.department = "、".join(dict.fromkeys(owners))


def _first_inside(spans: list[tuple[int, int, F]], start: int, end: int) -> F | None:
    """The first fact (in the notice's order) whose span lies within [start, end]."""
    for s, e, fact in spans:
        if start <= s and e <= end:
            return fact
    return None


def _stage_titles(deadlines: list[Deadline]) -> dict[int | None, list[Deadline]]:
    """Dated deadlines quoted from short sentences (stage titles), by block, in the notice's order."""
    out: dict[int | None, list[Deadline]] = defaultdict(list)
    for d in deadlines:
        if d.sentence and len(d.sentence) <= STAGE_TITLE_MAX and d.due_date is not None:
            out[d.block_seq].append(d)
    return out


def _stage_deadline(stages: dict[int | None, list[Deadline]], r: Responsibility) -> Deadline | None:
    """The deadline of a short stage title opening the responsibility's paragraph, if any."""
    if r.table_row is not None:
        return None  # a table row states its own deadline (in its own cell) or none
    for d in stages.get(r.block_seq, ()):
        if d.end <= r.start:
            return d
    return None
