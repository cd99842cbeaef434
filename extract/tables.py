"""Table understanding: header rows and paths, units from headers, numeric cells, row roles.

Why: totals can only be checked once we know which rows are totals, which are their members,
and in what unit and precision each column is written. Nothing here relies on formatting (bold)
or on one notice's layout: roles come from label keywords, the 序号 column, outline numbering of
labels and 其中 rows; units come from the header text.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from extract import memo
from extract import rx as regex

from extract.normalize.numbers import find_figures, parse_number
from extract.normalize.units import (CAPTION_UNIT, UnitInfo, unit_from_headers, unit_in_label, unit_in_text, unit_info,
                                     unit_label)
from extract.table_rows import RowInfo, assign_roles, grand_total_parts, link_column_totals, member_rows
from schemas import Block, BlockKind, Cell, Document, Table

NUMERIC_CELL = regex.compile(r"^[-+]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?\s*[%％]?$")
PERCENT_SIGN = regex.compile(r"\s*[%％]$")
# Columns whose figures are never added up: rates, shares, averages, prices, codes, years.
NOT_SUMMABLE = regex.compile(
    r"率|比例|比重|占比|增长|增幅|同比|环比|比上年|平均|均值|人均|单价|单方|标准|指数|系数|编码|代码|编号|"
    r"年份|排名|序号|电话|邮编|[%％]|"
    r"得分|评分|分数|分值|积分|名次|等次|星级")  # scores: 评价得分 under 单位：万元 is no money
EMPTY_CELL = regex.compile(r"^[-—–/／\s]*$")
SERIAL_HEADER = regex.compile(r"序号|编号|^序$|^No\.?$", regex.IGNORECASE)
CAPTION_MAX_CHARS = 60
RATE_HEADER = regex.compile(r"率|比例|比重|占比|增长|增幅|同比|环比|[%％]")


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
    is_summable: bool = False
    is_total: bool = False
    total_members: list[int] = field(default_factory=list)
    # the members split by side when the total stands between two groups that each add up to it
    # (项目A | 项目B | 合计 | 中央 | 省级: by item and by source); else one group, total_members
    total_groups: list[list[int]] = field(default_factory=list)
    info: UnitInfo | None = None
    headers: list[str] = field(default_factory=list)
    part_of: int | None = None  # a 其中 column: index of the column it is a part of
    unit_from_caption: bool = False

    @property
    def leaf(self) -> str:
        """The deepest header cell as written (建筑面积/万平方米), or 'col k'."""
        return self.headers[-1] if self.headers else f"col {self.index}"


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
        """Columns whose figures add up (rates, shares, codes and years excluded)."""
        return [c for c in self.columns if c.is_numeric and c.is_summable]

    def total_columns(self) -> list[ColumnInfo]:
        return [c for c in self.columns if c.is_total and c.total_members]

    def rows_with(self, role: str) -> list[RowInfo]:
        return [r for r in self.rows if r.role == role]


# ---------------------------------------------------------------- entry point

@memo.by_identity()  # targets, funding, duty tables and the checks all read the same tables
def analyze_table(block: Block, document: Document | None = None) -> TableModel:
    """Understand one table block: headers, columns (units, label/serial/numeric), rows, cells.

    With the document, a unit stated in the caption just before the table (单位：万元) is given to
    every numeric column that names no unit of its own. Callers must not modify the model.
    """
    table = block.table
    if table is None:
        raise ValueError(f"block {block.seq} is not a table")
    grid = _origin_cells(table)
    n_head = _header_row_count(table, grid)
    columns = _columns(table, grid, n_head)
    table_unit = _unit_row(table, grid, n_head) or (caption_unit(document, block) if document else None)
    if table_unit:
        _apply_table_unit(columns, *table_unit)
    raw = _raw_numbers(table, grid, n_head, columns)
    _percent_columns(raw, columns)
    own_units = _cell_units(raw, columns)
    link_column_totals(columns)
    cells = _with_column_precision(raw, columns)
    for k, info in own_units.items():
        cells[k] = replace(cells[k], unit=info)
    rows = _rows(table, grid, n_head, columns, cells)
    _row_units(rows, cells, columns)
    _unit_column(table, grid, n_head, columns, cells)
    return TableModel(block, n_head, columns, rows, cells)


HAN = regex.compile(r"\p{Han}")
SERIAL_TOTAL = regex.compile(r"\s*(?:合\s*计|总\s*计|小\s*计|共\s*计|全[省市县区])\s*")
# Columns describing each item (规格 5.2米, 型号, 尺寸): their figures are attributes, never amounts.
SPEC_HEADER = regex.compile(r"规格|型号|尺寸|标准|参数")
UNIT_COLUMN = regex.compile(r"\s*(?:计量)?单位\s*")


def _unit_column(table: Table, grid: dict, n_head: int, cols: list[ColumnInfo],
                 cells: dict[tuple[int, int], ParsedCell]) -> None:
    """A 单位 column (品名｜规格｜单位｜数量: 条, 平方米, 艘 …): each row's unit-less numbers are in the
    unit its cell names; such a column mixes units, so it is never summed."""
    unit_cols = [c.index for c in cols if c.headers and UNIT_COLUMN.fullmatch(c.leaf)]
    if len(unit_cols) != 1:
        return
    k = unit_cols[0]
    changed: set[int] = set()
    for (r, c), cell in list(cells.items()):
        origin = grid.get((r, k))
        info = unit_info(origin.text.strip()) if origin is not None and r >= n_head else None
        implicit = cols[c].info is None or unit_in_label(cols[c].leaf)[1] is None  # 数量 guesses 个
        if info is not None and implicit and c != k:
            cells[(r, c)] = replace(cell, unit=info)
            changed.add(c)
    for c in changed:
        cols[c].is_summable = False


def _row_units(rows: list[RowInfo], cells: dict[tuple[int, int], ParsedCell], cols: list[ColumnInfo]) -> None:
    """Transposed tables put units in row labels (农村危房改造（户） over the towns' columns): cells
    of columns without a unit take their row's, with the row's largest decimals as precision."""
    by_row: dict[int, list[tuple[int, int]]] = {}
    for k in cells:
        if cols[k[1]].info is None and not cols[k[1]].is_label:
            by_row.setdefault(k[0], []).append(k)
    for row in rows:
        keys = by_row.get(row.index, [])
        if not keys or row.role == "header":
            continue
        raw, info = unit_in_label(row.label)
        if info is None:
            continue
        row.unit_raw = raw
        d_row = max(cells[k].decimals for k in keys)
        for k in keys:
            cells[k] = replace(cells[k], unit=info, d_eff=max(cells[k].decimals, d_row))


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


@memo.by_value()
def figure_cell(text: str):
    """A cell that is one figure with its own unit (28.7万亩, 2.4万头), else None: a column of
    them counts as numeric, each cell in its own unit."""
    stripped = text.strip()
    if not stripped or is_numeric_text(stripped):
        return None
    figs = find_figures(stripped)
    if len(figs) != 1 or figs[0].start != 0 or figs[0].end != len(stripped) or figs[0].unit.base == "%":
        return None
    return figs[0]


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
            text = regex.sub(r"\s+", " ", c.text.strip())
            if not parts or parts[-1] != text:  # a span some readers repeat in each row
                parts.append(text)
        col = ColumnInfo(k, "/".join(parts), headers=parts)
        col.unit_raw, col.info = unit_from_headers(parts)
        if col.info and len(parts) > 1 and RATE_HEADER.search(parts[-1]) and unit_in_text(parts[-1])[1] is None:
            col.unit_raw, col.info = None, None  # a rate under a spanning 单位：万元 is no amount
        if col.info:
            col.unit, col.scale = col.info.normalized, col.info.scale
        cols.append(col)
    _classify_columns(table, grid, n_head, cols)
    return cols


def _classify_columns(table: Table, grid: dict, n_head: int, cols: list[ColumnInfo]) -> None:
    """Label columns hold text (names, 序号); numeric columns hold mostly numbers."""
    for col in cols:
        texts = [grid[(r, col.index)].text for r in range(n_head, table.n_rows)
                 if (r, col.index) in grid and grid[(r, col.index)].col == col.index]
        filled = [t for t in texts if not EMPTY_CELL.match(t)]
        numeric = sum(is_numeric_text(t) or (figure_cell(t) is not None and not SPEC_HEADER.search(col.leaf))
                      for t in filled)
        col.is_serial = bool(SERIAL_HEADER.search(col.header_path)) or _looks_like_serial(col, filled)
        col.is_numeric = (bool(filled) and numeric * 2 > len(filled) and not col.is_serial
                          and not _looks_like_years(col, filled))
        col.is_label = not col.is_numeric
        col.is_summable = col.is_numeric and not NOT_SUMMABLE.search(col.leaf) and not (
            col.info is not None and (col.info.base == "%" or col.info.is_rate))  # 万元/亩, 吨/日: never summed


def _looks_like_years(col: ColumnInfo, filled: list[str]) -> bool:
    """A 年度/年份 column of 2023, 2024 …: labels, never amounts (nor a caption's 万元)."""
    leaf = regex.sub(r"[（(][^)）]*[)）]", "", col.leaf)
    return "年" in leaf and not regex.search(r"\d", leaf) and col.info is None and all(
        regex.fullmatch(r"\s*(?:19|20)\d\d\s*年?\s*", t) for t in filled)


def _looks_like_serial(col: ColumnInfo, filled: list[str]) -> bool:
    """First column of small increasing integers 1, 2, 3 … with no header unit: a 序号 column."""
    if col.index != 0 or col.info is not None or len(filled) < 2:
        return False
    if not all(t.strip().isdigit() for t in filled):
        return False
    nums = [int(t) for t in filled]
    return nums == list(range(nums[0], nums[0] + len(nums))) and nums[0] in (0, 1)


# ---------------------------------------------------------------- table-wide units

def caption_unit(document: Document, block: Block) -> tuple[str, UnitInfo] | None:
    """The unit a short caption just before the table states (单位：万元), else None.

    Looks back over at most three blocks, stopping at another table or at body text.
    """
    pos = next((i for i, b in enumerate(document.blocks) if b.seq == block.seq), None)
    if pos is None:
        return None
    for b in reversed(document.blocks[max(0, pos - 3):pos]):
        text = b.text.strip()
        if b.kind == BlockKind.table or len(text) > CAPTION_MAX_CHARS:
            return None
        found = unit_label(text)
        if found:
            return found
    return None


def _unit_row(table: Table, grid: dict, n_head: int) -> tuple[str, UnitInfo] | None:
    """A header row whose only text is a unit label (单位：万元 spanning or right-aligned)."""
    for r in range(n_head):
        texts = [c.text.strip() for c in _row_origins(table, grid, r) if c.row == r and c.text.strip()]
        if len(texts) == 1 and (found := unit_label(texts[0])) and CAPTION_UNIT.match(texts[0].lstrip("（(")):
            return found
    return None


def _apply_table_unit(cols: list[ColumnInfo], unit_raw: str, info: UnitInfo) -> None:
    """Numeric columns without a unit of their own take the table's (rates, years, codes never)."""
    for col in cols:
        if col.is_numeric and col.info is None and not NOT_SUMMABLE.search(col.header_path):
            col.unit_raw, col.info, col.unit, col.scale = unit_raw, info, info.normalized, info.scale
            col.unit_from_caption = True


# ---------------------------------------------------------------- numbers

def _raw_numbers(table, grid, n_head, cols) -> dict[tuple[int, int], tuple[Cell, object]]:
    out = {}
    for c in table.cells:
        if c.row < n_head or not cols[c.col].is_numeric:
            continue
        if not is_numeric_text(c.text):
            if (fig := figure_cell(c.text)) is not None:
                out[(c.row, c.col)] = (c, fig.number)
            continue
        parsed = parse_number(PERCENT_SIGN.sub("", c.text.strip()))
        if parsed is not None:
            out[(c.row, c.col)] = (c, parsed)
    return out


def _cell_units(raw: dict, cols: list[ColumnInfo]) -> dict[tuple[int, int], UnitInfo]:
    """Units written in the cells (28.7万亩); a column whose cells name different units is never
    summed (万亩 of crops and 万头 of livestock), and one that names them takes them as its own."""
    units = {k: fig.unit for k, (cell, _) in raw.items() if (fig := figure_cell(cell.text)) is not None}
    by_col: dict[int, dict[str, UnitInfo]] = {}
    for (_, c), info in units.items():
        by_col.setdefault(c, {})[info.normalized] = info
    for c, named in by_col.items():
        if len(named) > 1:
            cols[c].is_summable = False
        elif cols[c].info is None:
            (info,) = named.values()
            cols[c].unit_raw, cols[c].info, cols[c].unit, cols[c].scale = info.normalized, info, info.normalized, info.scale
    return units


def _percent_columns(raw: dict, cols: list[ColumnInfo]) -> None:
    """Cells written with % make the column a percentage column: never summed."""
    by_col: dict[int, list[str]] = {}
    for (_, k), (cell, _) in raw.items():
        by_col.setdefault(k, []).append(cell.text)
    for col in cols:
        texts = by_col.get(col.index, [])
        if texts and sum(bool(PERCENT_SIGN.search(t)) for t in texts) * 2 >= len(texts):
            col.info, col.unit, col.unit_raw, col.is_summable = unit_info("%"), "%", "%", False


def _with_column_precision(raw: dict, cols: list[ColumnInfo]) -> dict[tuple[int, int], ParsedCell]:
    """d_eff = max(written decimals, the column's largest decimals): exports drop trailing zeros."""
    col_max: dict[int, int] = {}
    for (_, k), (_, p) in raw.items():
        col_max[k] = max(col_max.get(k, 0), p.decimals)
    out = {}
    for (r, k), (cell, p) in raw.items():
        lead = len(cell.text) - len(cell.text.lstrip())
        start = cell.start + lead
        written = p.raw.strip()
        out[(r, k)] = ParsedCell(r, k, written, p.value, p.decimals, max(p.decimals, col_max[k]),
                                 start, start + len(written), cols[k].info)
    return out


# ---------------------------------------------------------------- rows

def _rows(table, grid, n_head, cols, cells) -> list[RowInfo]:
    first_numeric = min((c.index for c in cols if c.is_numeric), default=len(cols))
    label_cols = [c.index for c in cols if c.is_label and not c.is_serial and c.index < first_numeric]
    label_cols = label_cols or [c.index for c in cols if c.is_label and not c.is_serial]
    serial_cols = [c.index for c in cols if c.is_serial]
    rows = []
    for r in range(table.n_rows):
        texts = _texts(grid, r, label_cols)
        label = " ".join(texts)
        serial = " ".join(_texts(grid, r, serial_cols))
        if not label and SERIAL_TOTAL.fullmatch(serial):
            label, serial = serial, ""  # 合计 written in the 序号 column, the name column left empty
        row = RowInfo(r, label, serial, role="header" if r < n_head else "item", name=texts[0] if texts else "")
        if r >= n_head:
            row.label_total = _label_total(grid, r, label_cols, cols)
        rows.append(row)
    data = [row for row in rows if row.role != "header"]
    has_numbers = {row.index for row in data if any((row.index, c.index) in cells for c in cols)}
    assign_roles(data, has_numbers)
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
        # 开工改造 25516 户 names what it counts; a cell that is only a figure (规格 5.2米) does not
        if len(figs) == 1 and len(HAN.findall(c.text.replace(figs[0].raw, ""))) >= 2:
            f = figs[0]
            start = c.start + f.start
            return ParsedCell(r, k, f.number.raw, f.value, f.number.decimals, f.number.decimals,
                              start, start + len(f.number.raw), f.unit)
    return None


__all__ = ["ParsedCell", "ColumnInfo", "RowInfo", "TableModel", "analyze_table", "grand_total_parts",
           "member_rows", "unit_from_headers", "is_numeric_text", "caption_unit", "unit_label"]
