"""Row roles of a table: grand totals, subtotals and their members, 其中 rows, levels.

Why separate from column/unit understanding: roles come only from the row labels (keywords,
the 序号 column, outline numbering), and the rules for which rows a total covers are the heart
of "never sum rows of different levels".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from extract.tables import ParsedCell, TableModel

GRAND_WORDS = regex.compile(r"合计|总计|共计|汇总|^全(?:区|市|省|县|州|盟|旗|镇|国|部)$|^总体$")
SUBTOTAL_WORDS = regex.compile(r"小计")
OF_WHICH = regex.compile(r"^\s*(?:其中|含[:：])")
NOT_SUMMED = regex.compile(r"平均|均值|人均|增长|同比|比上年|占比|比例|[率%％]$")
# Outline numbering in row labels, outermost first: 一、 （一） 1. （1）
OUTLINE = [
    ("cn", regex.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("paren_cn", regex.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("arabic", regex.compile(r"^\d+[、.．](?!\d)")),
    ("paren_arabic", regex.compile(r"^[（(]\d+[)）]")),
]


@dataclass
class RowInfo:
    index: int
    label: str
    serial: str = ""
    role: str = "item"  # header | grand_total | subtotal | item | other
    parent: int | None = None
    level: int = 1
    members: list[int] = field(default_factory=list)
    label_total: "ParsedCell | None" = None  # a total written in the label: 开工改造 25516 户


def assign_roles(data: list[RowInfo], has_numbers: set[int]) -> None:
    """Grand totals, 小计, 其中, serial-less subtotals and outline numbering, then levels."""
    for row in data:
        if GRAND_WORDS.search(row.label) and not SUBTOTAL_WORDS.search(row.label):
            row.role = "grand_total"
        elif SUBTOTAL_WORDS.search(row.label):
            row.role = "subtotal"
        elif OF_WHICH.match(row.label) or NOT_SUMMED.search(row.label):
            row.role = "other"
    _serial_subtotals(data, has_numbers)
    _outline_subtotals(data)
    _link_members(data)


def _serial_subtotals(data: list[RowInfo], has_numbers: set[int]) -> None:
    """A numeric row with an empty 序号 among numbered siblings heads the numbered rows after it."""
    numbered = [r for r in data if r.serial and r.role == "item"]
    if len(numbered) < 2:
        return
    for i, row in enumerate(data):
        if row.role != "item" or row.serial or row.index not in has_numbers or not row.label:
            continue
        nxt = next((r for r in data[i + 1:] if r.role in ("item", "subtotal", "grand_total")), None)
        if nxt is not None and nxt.role == "item" and nxt.serial:
            row.role = "subtotal"
            row.members = [-1]  # marker: members follow the row


def _outline_subtotals(data: list[RowInfo]) -> None:
    """Labels numbered 一、 above （一） above 1.: an outer-numbered row heads the inner rows after it."""
    kinds = {}
    for row in data:
        for rank, (name, rx) in enumerate(OUTLINE):
            if rx.match(row.label):
                kinds[row.index] = rank
                break
    used = sorted(set(kinds.values()))
    if len(used) < 2:
        return
    for i, row in enumerate(data):
        rank = kinds.get(row.index)
        if row.role != "item" or rank is None or rank == used[-1]:
            continue
        nxt = next((r for r in data[i + 1:] if r.index in kinds), None)
        if nxt is not None and kinds[nxt.index] > rank:
            row.role = "subtotal"
            row.level = used.index(rank) + 1
            row.members = [-2]


def _link_members(data: list[RowInfo]) -> None:
    """Members of each subtotal and of the grand total; levels and parents."""
    subtotals = [r for r in data if r.role == "subtotal"]
    for i, row in enumerate(data):
        if row.role != "subtotal":
            continue
        following = row.members and row.members[0] in (-1, -2)
        row.members = (_members_after(data, i) if following else _members_before(data, i))
        for m in row.members:
            data_row = next(r for r in data if r.index == m)
            data_row.parent = row.index
    depth = 2 if subtotals else 1
    for row in data:
        if row.role == "grand_total":
            row.level = 0
        elif row.role == "item":
            row.level = depth
        elif row.role == "other":
            prev = [r for r in data if r.index < row.index and r.role != "other"]
            row.parent = prev[-1].index if prev else None
            row.level = (prev[-1].level + 1) if prev else depth


def _members_after(data: list[RowInfo], i: int) -> list[int]:
    """Rows after a subtotal up to the next subtotal or total at the same or an outer level."""
    head = data[i]
    out = []
    for r in data[i + 1:]:
        if r.role == "grand_total" or (r.role == "subtotal" and r.level <= head.level):
            break
        if r.role == "item" or (r.role == "subtotal" and r.level == head.level + 1):
            out.append(r.index)
    return out


def _members_before(data: list[RowInfo], i: int) -> list[int]:
    """小计 closes the rows above it, back to the previous subtotal, total or header."""
    out = []
    for r in reversed(data[:i]):
        if r.role in ("subtotal", "grand_total"):
            break
        if r.role == "item":
            out.append(r.index)
    return list(reversed(out))


def member_rows(model: TableModel, row: RowInfo) -> list[RowInfo]:
    by_index = {r.index: r for r in model.rows}
    return [by_index[i] for i in row.members]


def grand_total_parts(model: TableModel, grand: RowInfo) -> tuple[list[RowInfo], list[RowInfo]]:
    """(top-level parts, leaf items) a grand total may be compared with; never mixed levels.

    Top-level parts are the subtotals that have no parent, plus items outside any subtotal; leaves
    are all item rows. With no subtotals both lists are the item rows.
    """
    scope = [r for r in model.rows if r.role in ("item", "subtotal") and _in_scope(model, grand, r)]
    top = [r for r in scope if r.parent is None]
    leaves = [r for r in scope if r.role == "item"]
    return top, leaves


def _in_scope(model: TableModel, grand: RowInfo, row: RowInfo) -> bool:
    """A total row heading the table covers the rows below it (to the next total row); a total
    row closing the table covers the rows above it (from the previous total row)."""
    totals = [r.index for r in model.rows if r.role == "grand_total"]
    pos = totals.index(grand.index)
    lower = totals[pos - 1] if pos > 0 else -1
    upper = totals[pos + 1] if pos + 1 < len(totals) else len(model.rows)
    items_above = any(lower < r.index < grand.index and r.role in ("item", "subtotal") for r in model.rows)
    if items_above:
        return lower < row.index < grand.index
    return grand.index < row.index < upper
