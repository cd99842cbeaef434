"""What adds up to what in a table: row roles (grand totals, subtotals and their members, 其中
rows, levels) and column totals (合计 columns and their members, 其中 columns).

Why separate from column/unit understanding: roles come only from labels (keywords, the 序号
column, outline numbering, header groups), and the rules for which rows or columns a total
covers are the heart of "never sum figures of different levels".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extract import rx as regex

if TYPE_CHECKING:
    from extract.tables import ColumnInfo, ParsedCell, TableModel

GRAND_WORDS = regex.compile(r"合计|总计|共计|汇总|^全(?:区|市|省|县|州|盟|旗|镇|国|部)$|^总体$")
SUBTOTAL_WORDS = regex.compile(r"小计")
OF_WHICH = regex.compile(r"^\s*(?:其中|含[:：])")
TOTAL_COLUMN = regex.compile(r"^\s*(?:合计|总计|小计|共计|总数|总额)|^\p{Han}{2,8}(?:合计|总计|小计)\s*(?:[（(][^）)]*[）)])?\s*$")
# An investment total whose sources follow it (总投资｜中央预算内投资｜省级资金｜市县配套资金).
INVESTMENT_TOTAL = regex.compile(r"^\s*(?:项目|计划)?(?:总投资|投资总额|总金额)(?:额)?\s*(?:[（(][^）)]*[）)])?\s*$")
SOURCE_COLUMN = regex.compile(r"^\s*(?:争取|申请)?(?:中央|国家|省|市|县|区|乡|镇|地方|本级|企业|社会|银行|自筹|专项债|债券)"
                              r"[^（(]{0,10}?(?:资金|投资|补助|配套|财政|自筹|债券|贷款|资本|出资)?\s*(?:[（(][^）)]*[）)])?\s*$")
# 其中：通组硬化路 — a column that is part of the column to its left, never one of its siblings.
OF_WHICH_COLUMN = regex.compile(r"^\s*(?:其中|含)\s*[:：]?")
NOT_SUMMED = regex.compile(r"平均|均值|人均|增长|同比|比上年|占比|比例|[率%％]$")
# Outline numbering in row labels, outermost first: 一、 （一） 1. （1）
OUTLINE = [
    ("cn", regex.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("paren_cn", regex.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("arabic", regex.compile(r"^\d+[、.．](?!\d)")),
    ("paren_arabic", regex.compile(r"^[（(]\d+[)）]")),
]

# The same levels written alone in a 序号 column: 一 / 一、 / （一） / 1 / 1. / （1）
SERIAL_OUTLINE = [
    regex.compile(r"[一二三四五六七八九十]+[、.．]?"),
    regex.compile(r"[（(][一二三四五六七八九十]+[)）]"),
    regex.compile(r"\d+[、.．]?"),
    regex.compile(r"[（(]\d+[)）]"),
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
    unit_raw: str | None = None  # a unit written in the label of a transposed table: 农村危房改造（户）
    name: str = ""  # the first label cell alone (品名 of 品名｜规格｜单位｜数量), where label joins them all


def assign_roles(data: list[RowInfo], has_numbers: set[int]) -> None:
    """Grand totals, 小计, 其中, serial-less subtotals and outline numbering, then levels."""
    for row in data:
        if GRAND_WORDS.search(row.label) and not SUBTOTAL_WORDS.search(row.label):
            row.role = "grand_total"
        elif SUBTOTAL_WORDS.search(row.label):
            row.role = "subtotal"
        elif OF_WHICH.match(row.label) or NOT_SUMMED.search(row.label):
            row.role = "other"
    _subtotals_first(data)
    _serial_subtotals(data, has_numbers)
    _outline_subtotals(data)
    _link_members(data)


def _subtotals_first(data: list[RowInfo]) -> None:
    """小计 rows head their group when the first one has no item above it (合计 first, then
    `一 甲市小计`, its counties, `二 乙市小计`, …): every 小计 of the table then sums the rows after it."""
    named = [i for i, r in enumerate(data) if r.role == "subtotal"]
    if not named:
        return
    first = named[0]
    above = any(r.role == "item" for r in data[:first])
    below = next((r for r in data[first + 1:] if r.role != "other"), None)
    if above or below is None or below.role != "item":
        return
    for i in named:
        data[i].members = [-1]  # marker: members follow the row


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
    kinds = {row.index: rank for row in data if (rank := _outline_rank(row)) is not None}
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


def _outline_rank(row: RowInfo) -> int | None:
    """Outline level of a row: from its 序号 (一 / （一） / 1 / （1）) or its label's numbering."""
    serial = row.serial.strip()
    if serial:
        for rank, rx in enumerate(SERIAL_OUTLINE):
            if rx.fullmatch(serial):
                return rank
    for rank, (_, rx) in enumerate(OUTLINE):
        if rx.match(row.label):
            return rank
    return None


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
    lo, hi = _scope(model, grand)
    scope = [r for r in model.rows if r.role in ("item", "subtotal") and lo < r.index < hi]
    top = [r for r in scope if r.parent is None]
    leaves = [r for r in scope if r.role == "item"]
    return top, leaves


def _scope(model: TableModel, grand: RowInfo) -> tuple[int, int]:
    """The row indexes a total row covers, exclusive bounds: a total row heading the table covers
    the rows below it (to the next total row); a total row closing the table covers the rows above
    it (from the previous total row)."""
    totals = [r.index for r in model.rows if r.role == "grand_total"]
    pos = totals.index(grand.index)
    lower = totals[pos - 1] if pos > 0 else -1
    upper = totals[pos + 1] if pos + 1 < len(totals) else len(model.rows)
    items_above = any(lower < r.index < grand.index and r.role in ("item", "subtotal") for r in model.rows)
    return (lower, grand.index) if items_above else (grand.index, upper)


# ---------------------------------------------------------------- columns

def link_column_totals(cols: list[ColumnInfo]) -> None:
    """A 合计/小计 column adds up its sibling columns: same parent header, same unit; when it has
    none (合计 beside a 资金来源 group in a two-row header), the columns of the adjacent group."""
    _part_columns(cols)
    for col in cols:
        if col.is_summable and col.headers and INVESTMENT_TOTAL.match(col.leaf) and not TOTAL_COLUMN.match(col.leaf):
            _funded_by(cols, col)
            continue
        if not (col.is_summable and col.headers and TOTAL_COLUMN.match(col.leaf)):
            continue
        parent = col.headers[:-1]
        col.is_total = True
        col.total_members = [
            c.index for c in cols
            if _can_be_member(c, col) and c.headers[:-1] == parent and len(c.headers) == len(col.headers)]
        if len(col.total_members) < 2:
            col.total_members = _adjacent_group(cols, col)
        col.total_groups = _sides(col)


def _funded_by(cols: list[ColumnInfo], col: ColumnInfo) -> None:
    """总投资｜中央预算内投资｜省级资金｜市县配套资金: an investment total followed by the sources that
    fund it adds them up. Only sources count (总投资｜2026年计划投资｜已完成投资 are no parts of it),
    read rightwards until the first column that names none."""
    members = []
    for c in cols[col.index + 1:]:
        if not (_can_be_member(c, col) and c.headers[:-1] == col.headers[:-1] and SOURCE_COLUMN.search(c.leaf)):
            break
        members.append(c.index)
    if len(members) >= 2:
        col.is_total, col.total_members = True, members
        col.total_groups = [members]


def _sides(col: ColumnInfo) -> list[list[int]]:
    """The members of a total column as the groups it totals: each side on its own when both
    sides hold two or more (a row split two ways, by item and by source, around its 合计)."""
    left = [k for k in col.total_members if k < col.index]
    right = [k for k in col.total_members if k > col.index]
    if len(left) >= 2 and len(right) >= 2:
        return [left, right]
    return [col.total_members] if col.total_members else []


def _can_be_member(c: ColumnInfo, total: ColumnInfo) -> bool:
    return (c is not total and c.is_summable and c.part_of is None and not TOTAL_COLUMN.match(c.leaf)
            and _same_unit(c, total))


def _adjacent_group(cols: list[ColumnInfo], col: ColumnInfo) -> list[int]:
    """Members of a total column: the columns right after (or before) it under one group header."""
    depth = len(col.headers)
    for step in (1, -1):
        k = col.index + step
        if not (0 <= k < len(cols)) or len(cols[k].headers) != depth + 1:
            continue
        group = cols[k].headers[:depth]
        if group[:-1] != col.headers[:-1] or OF_WHICH_COLUMN.match(group[-1]):
            continue
        members = []
        while 0 <= k < len(cols) and cols[k].headers[:depth] == group and len(cols[k].headers) == depth + 1:
            if _can_be_member(cols[k], col):
                members.append(cols[k].index)
            k += step
        if len(members) >= 2:
            return sorted(members)
    return []


def _part_columns(cols: list[ColumnInfo]) -> None:
    """其中 columns (其中：通组硬化路, or a 其中 group's children) are parts of the column to their
    left: never siblings of it, never summed with it."""
    for col in cols:
        if not col.is_numeric or not col.headers:
            continue
        in_group = len(col.headers) > 1 and OF_WHICH_COLUMN.match(col.headers[-2])
        if not (OF_WHICH_COLUMN.match(col.leaf) or in_group):
            continue
        for k in range(col.index - 1, -1, -1):
            left = cols[k]
            if not left.is_numeric:
                break
            is_part = OF_WHICH_COLUMN.match(left.leaf) or (in_group and left.headers[:-1] == col.headers[:-1])
            if not is_part:
                col.part_of = k
                break


def _same_unit(a: ColumnInfo, b: ColumnInfo) -> bool:
    if a.info is None or b.info is None:
        return a.info is None and b.info is None
    return a.info.base == b.info.base
