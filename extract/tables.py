"""Table understanding: header rows and paths, units from headers, numeric cells, row roles.

Why: totals can only be checked once we know which rows are totals, which are their members,
and in what unit and precision each column is written. Nothing here relies on formatting (bold)
or on one notice's layout: roles come from label keywords, the 序号 column, outline numbering of
labels and 其中 rows; units come from the header text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

from extract.normalize.numbers import find_figures, parse_number
from extract.normalize.units import COUNT_WORDS, UnitInfo, unit_info
from schemas import Block, Cell, Table

NUMERIC_CELL = regex.compile(r"^[-+]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?$")
EMPTY_CELL = regex.compile(r"^[-—–/／\s]*$")
GRAND_WORDS = regex.compile(r"合计|总计|共计|汇总|^全(?:区|市|省|县|州|盟|旗|镇|国|部)$|^总体$")
SUBTOTAL_WORDS = regex.compile(r"小计")
OF_WHICH = regex.compile(r"^\s*其中")
SERIAL_HEADER = regex.compile(r"序号|编号|^序$|^No\.?$", regex.IGNORECASE)
# A unit in brackets, after '单位', or after a slash: 总建筑面积 (万平方米), （单位：万元）, 投资/亿元.
BRACKET_UNIT = regex.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（()）]+?)\s*[)）]")
UNIT_LABEL = regex.compile(r"单位\s*[:：]\s*(\S+?)(?:[)）,，;；\s]|$)")
SLASH_UNIT = regex.compile(r"[/／]\s*([^/／]+?)\s*$")
# Outline numbering in row labels, outermost first: 一、 （一） 1. （1）
OUTLINE = [
    ("cn", regex.compile(r"^[一二三四五六七八九十]+[、.．]")),
    ("paren_cn", regex.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
    ("arabic", regex.compile(r"^\d+[、.．](?!\d)")),
    ("paren_arabic", regex.compile(r"^[（(]\d+[)）]")),
]


@dataclass(frozen=True)
class ParsedCell:
    """A numeric cell: value as written, written decimals, column precision d_eff, offsets."""

    row: int
    col: int
    raw: str
    value: Decimal
    decimals: int
    d_eff: int
    start: int
    end: int
    unit: UnitInfo | None = None

    @property
    def exact(self) -> bool:
        return bool(self.unit and self.unit.is_count)

    @property
    def scale(self) -> Decimal:
        return self.unit.scale if self.unit else Decimal(1)


@dataclass
class ColumnInfo:
    index: int
    header_path: str
    unit_raw: str | None = None
    unit: str | None = None
    scale: Decimal = Decimal(1)
    is_label: bool = False
    is_serial: bool = False
    is_numeric: bool = False
    info: UnitInfo | None = None
    headers: list[str] = field(default_factory=list)

    @property
    def leaf(self) -> str:
        """The deepest header cell as written (建筑面积/万平方米), or 'col k'."""
        return self.headers[-1] if self.headers else f"col {self.index}"


@dataclass
class RowInfo:
    index: int
    label: str
    serial: str = ""
    role: str = "item"  # header | grand_total | subtotal | item | other
    parent: int | None = None
    level: int = 1
    members: list[int] = field(default_factory=list)
    label_total: ParsedCell | None = None  # a total written in the label: 开工改造 25516 户


@dataclass
class TableModel:
    block: Block
    header_rows: int
    columns: list[ColumnInfo]
    rows: list[RowInfo]
    cells: dict[tuple[int, int], ParsedCell]

    def number(self, row: int, col: int) -> ParsedCell | None:
        return self.cells.get((row, col))

    def numeric_columns(self) -> list[ColumnInfo]:
        return [c for c in self.columns if c.is_numeric]

    def rows_with(self, role: str) -> list[RowInfo]:
        return [r for r in self.rows if r.role == role]


# ---------------------------------------------------------------- entry point

def analyze_table(block: Block) -> TableModel:
    """Understand one table block: headers, columns (units, label/serial/numeric), rows, cells."""
    table = block.table
    if table is None:
        raise ValueError(f"block {block.seq} is not a table")
    grid = _origin_cells(table)
    n_head = _header_row_count(table, grid)
    columns = _columns(table, grid, n_head)
    raw = _raw_numbers(table, grid, n_head, columns)
    cells = _with_column_precision(raw, columns)
    rows = _rows(table, grid, n_head, columns, cells)
    return TableModel(block, n_head, columns, rows, cells)


def _origin_cells(table: Table) -> dict[tuple[int, int], Cell]:
    """Every grid position mapped to the origin cell covering it (spans followed)."""
    out: dict[tuple[int, int], Cell] = {}
    for c in table.cells:
        for r in range(c.row, min(c.row + c.row_span, table.n_rows)):
            for k in range(c.col, min(c.col + c.col_span, table.n_cols)):
                out[(r, k)] = c
    return out


def is_numeric_text(text: str) -> bool:
    return bool(NUMERIC_CELL.match(text.strip()))


def _header_row_count(table: Table, grid: dict) -> int:
    """Table.header_rows when given, else the leading rows whose cells are mostly non-numeric."""
    if table.header_rows is not None:
        return table.header_rows
    n = 0
    for r in range(table.n_rows):
        texts = [c.text for c in _row_origins(table, grid, r) if c.row == r and c.text.strip()]
        numeric = sum(is_numeric_text(t) for t in texts)
        if texts and numeric * 2 >= len(texts) or (texts and numeric and r > 0):
            break
        n = r + 1
    if n >= table.n_rows:
        n = 0
    # a header cell spanning down (各区 over two header rows) extends the header
    for c in table.cells:
        if c.row < n and c.row + c.row_span > n and not is_numeric_text(c.text):
            n = c.row + c.row_span
    return min(n, table.n_rows)


def _row_origins(table: Table, grid: dict, r: int) -> list[Cell]:
    seen, out = set(), []
    for k in range(table.n_cols):
        c = grid.get((r, k))
        if c is not None and id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


# ---------------------------------------------------------------- columns and units

def _columns(table: Table, grid: dict, n_head: int) -> list[ColumnInfo]:
    cols = []
    for k in range(table.n_cols):
        parts: list[str] = []
        seen: set[int] = set()
        for r in range(n_head):
            c = grid.get((r, k))
            if c is None or id(c) in seen or not c.text.strip():
                continue
            seen.add(id(c))
            parts.append(regex.sub(r"\s+", " ", c.text.strip()))
        col = ColumnInfo(k, "/".join(parts), headers=parts)
        col.unit_raw, col.info = unit_from_headers(parts)
        if col.info:
            col.unit, col.scale = col.info.normalized, col.info.scale
        cols.append(col)
    _classify_columns(table, grid, n_head, cols)
    return cols


def unit_from_headers(parts: list[str]) -> tuple[str | None, UnitInfo | None]:
    """The unit of a column from its header path, deepest header first, then spanning ones."""
    for text in reversed(parts):
        found = _unit_in_text(text)
        if found[1] is not None:
            return found
    return None, None


def _unit_in_text(text: str) -> tuple[str | None, UnitInfo | None]:
    for pattern in (BRACKET_UNIT, UNIT_LABEL, SLASH_UNIT):
        for m in pattern.finditer(text):
            cand = regex.sub(r"^单位\s*[:：]\s*", "", m.group(1)).strip()
            info = unit_info(cand)
            if info is not None:
                return cand, info
    return _count_word_unit(text)


def _count_word_unit(text: str) -> tuple[str | None, UnitInfo | None]:
    """'户数' -> 户, '楼栋数' -> 栋, '小区数'/'数量' -> 个: a header that counts things is a count."""
    word = regex.sub(r"[（(][^)）]*[)）]", "", text).strip()
    m = regex.search(r"(.)?数(?:量)?$", word)
    if not m or word.endswith(("系数", "指数", "倍数", "分数", "参数", "基数")):
        return None, None
    ch = m.group(1) or ""
    unit = ch if ch and ch in COUNT_WORDS else "个"
    return unit, unit_info(unit)


def _classify_columns(table: Table, grid: dict, n_head: int, cols: list[ColumnInfo]) -> None:
    """Label columns hold text (names, 序号); numeric columns hold mostly numbers."""
    for col in cols:
        texts = [grid[(r, col.index)].text for r in range(n_head, table.n_rows)
                 if (r, col.index) in grid and grid[(r, col.index)].col == col.index]
        filled = [t for t in texts if not EMPTY_CELL.match(t)]
        numeric = sum(is_numeric_text(t) for t in filled)
        col.is_serial = bool(SERIAL_HEADER.search(col.header_path)) or _looks_like_serial(col, filled)
        col.is_numeric = bool(filled) and numeric * 2 > len(filled) and not col.is_serial
        col.is_label = not col.is_numeric


def _looks_like_serial(col: ColumnInfo, filled: list[str]) -> bool:
    """First column of small increasing integers 1, 2, 3 … with no header unit: a 序号 column."""
    if col.index != 0 or col.info is not None or len(filled) < 2:
        return False
    if not all(t.strip().isdigit() for t in filled):
        return False
    nums = [int(t) for t in filled]
    return nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] in (0, 1)


# ---------------------------------------------------------------- numbers

def _raw_numbers(table, grid, n_head, cols) -> dict[tuple[int, int], tuple[Cell, object]]:
    out = {}
    for c in table.cells:
        if c.row < n_head or not cols[c.col].is_numeric or not is_numeric_text(c.text):
            continue
        parsed = parse_number(c.text.strip())
        if parsed is not None:
            out[(c.row, c.col)] = (c, parsed)
    return out


def _with_column_precision(raw: dict, cols: list[ColumnInfo]) -> dict[tuple[int, int], ParsedCell]:
    """d_eff = max(written decimals, the column's largest decimals): exports drop trailing zeros."""
    col_max: dict[int, int] = {}
    for (_, k), (_, p) in raw.items():
        col_max[k] = max(col_max.get(k, 0), p.decimals)
    out = {}
    for (r, k), (cell, p) in raw.items():
        lead = len(cell.text) - len(cell.text.lstrip())
        start = cell.start + lead
        out[(r, k)] = ParsedCell(r, k, p.raw.strip(), p.value, p.decimals, max(p.decimals, col_max[k]),
                                 start, start + len(p.raw.strip()), cols[k].info)
    return out


# ---------------------------------------------------------------- rows

def _rows(table, grid, n_head, cols, cells) -> list[RowInfo]:
    label_cols = [c.index for c in cols if c.is_label and not c.is_serial]
    serial_cols = [c.index for c in cols if c.is_serial]
    rows = []
    for r in range(table.n_rows):
        label = " ".join(_texts(grid, r, label_cols))
        serial = " ".join(_texts(grid, r, serial_cols))
        row = RowInfo(r, label, serial, role="header" if r < n_head else "item")
        if r >= n_head:
            row.label_total = _label_total(grid, r, label_cols, cols)
        rows.append(row)
    data = [row for row in rows if row.role != "header"]
    has_numbers = {row.index for row in data if any((row.index, c.index) in cells for c in cols)}
    _assign_roles(data, has_numbers)
    return rows


def _texts(grid, r: int, col_indexes: list[int]) -> list[str]:
    out, seen = [], set()
    for k in col_indexes:
        c = grid.get((r, k))
        if c is None or id(c) in seen or c.row != r:
            continue
        seen.add(id(c))
        if c.text.strip():
            out.append(c.text.strip())
    return out


def _label_total(grid, r: int, label_cols: list[int], cols: list[ColumnInfo]) -> ParsedCell | None:
    """A figure with its unit written inside a row label (开工改造 25516 户): the row's total."""
    for k in label_cols:
        c = grid.get((r, k))
        if c is None or c.row != r:
            continue
        figs = [f for f in find_figures(c.text) if f.unit.base != "%"]
        if len(figs) == 1:
            f = figs[0]
            start = c.start + f.start
            return ParsedCell(r, k, f.number.raw, f.value, f.number.decimals, f.number.decimals,
                              start, start + len(f.number.raw), f.unit)
    return None


def _assign_roles(data: list[RowInfo], has_numbers: set[int]) -> None:
    """Grand totals, 小计, 其中, serial-less subtotals and outline numbering, then levels."""
    for row in data:
        if GRAND_WORDS.search(row.label) and not SUBTOTAL_WORDS.search(row.label):
            row.role = "grand_total"
        elif SUBTOTAL_WORDS.search(row.label):
            row.role = "subtotal"
        elif OF_WHICH.match(row.label):
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
