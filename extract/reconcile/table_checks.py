"""Checks inside one table: subtotals against their members, grand totals against their parts.

Per numeric column: each subtotal against its member rows; each grand total against the
top-level parts (subtotals and items outside any subtotal) and, when there are subtotals, also
against all the leaf items (the two must agree; rows of different levels are never summed
together). Transposed tables whose total is written in the row label (开工改造 25516 户) are
checked against the row's cells.
"""
from __future__ import annotations

from dataclasses import replace

from extract import rx as regex

from extract.reconcile.figures import Term, cell_term, make_check, same_base, sum_message
from extract.reconcile.intervals import Result, check_sum
from extract.tables import ParsedCell, RowInfo, TableModel, grand_total_parts, member_rows
from schemas import Check, CheckStatus

KEYWORD_ONLY = regex.compile(r"^\s*(?:小计|合计|总计|共计)\s*$")


class _Table:
    """One table being checked: its model, its index, the names of its rows (asked for every cell
    of every check, the same for each column) and its cells as terms (a cell takes part in several
    checks: its subtotal's, the grand total's against the parts and against the leaves)."""

    def __init__(self, model: TableModel, index: int):
        self.model, self.index = model, index
        self._names: dict[int, str] = {}
        self._terms: dict[tuple[int, int, str], Term | None] = {}

    def term(self, row: RowInfo, col: int, role: str) -> Term | None:
        """The cell at (row, col) as a term named by its subject; None when the cell is empty."""
        key = (row.index, col, role)
        if key not in self._terms:
            cell = self.model.number(row.index, col)
            term = None if cell is None else cell_term(cell, role, self.subject(row, col), self.index)
            self._terms[key] = term
        return self._terms[key]

    def subject(self, row: RowInfo, col: int) -> str:
        """'银川市 楼栋数'; a bare 小计/合计 row is named by the rows it closes: '小计 (甲–乙) 金额'."""
        name = self._names.get(row.index)
        if name is None:
            name = self._names[row.index] = _row_name(self.model, row)
        return f"{name} {self.model.columns[col].leaf}"


def table_checks(model: TableModel, table_index: int) -> list[Check]:
    """Every total and subtotal of one table, per numeric column, plus totals written in labels."""
    checks: list[Check] = []
    table = _Table(model, table_index)
    numeric = model.numeric_columns()
    # which rows a total covers does not depend on the column: worked out once per row
    subtotals = [(row, member_rows(model, row)) for row in model.rows_with("subtotal")]
    grands = [(grand, grand_total_parts(model, grand)) for grand in model.rows_with("grand_total")]
    for col in numeric:
        for row, members in subtotals:
            check = _rows_check(table, col.index, row, members, "subtotal", "members sum to")
            if check:
                checks.append(check)
        for grand, parts in grands:
            checks.extend(_grand_checks(table, col.index, grand, parts))
    label_rows = [r for r in model.rows if r.role != "header" and r.label_total is not None]
    if label_rows:
        data_rows = [r for r in model.rows if r.role != "header" and any(
            model.number(r.index, c.index) for c in numeric)]
        for row in label_rows:
            if not _units_confirm(model, row) and len(label_rows) * 2 < len(data_rows):
                continue  # a figure in one row's label, with no unit in the headers: not a row total
            check = _label_total_check(model, table_index, row)
            if check:
                checks.append(check)
    checks.extend(_column_total_checks(table))
    return _guard_misread_structure(checks)


def _guard_misread_structure(checks: list[Check]) -> list[Check]:
    """A total row that disagrees in every one of several columns is more likely a misread row
    structure (which rows it covers) than wrong in each column: say so instead of crying wolf."""
    if sum(c.status == CheckStatus.discrepancy for c in checks) < 2:
        return list(checks)  # a row disagreeing in several columns takes two discrepancies at least
    rows = [(c.kind, c.figures[0].row, frozenset(f.row for f in c.figures[1:])) for c in checks]
    same_row: dict[tuple, list[int]] = {}
    for j, (kind, row, _) in enumerate(rows):
        same_row.setdefault((kind, row), []).append(j)
    out = list(checks)
    for i, (kind, row, members) in enumerate(rows):
        # peers: the same row summed over the same rows (a column with an empty cell sums fewer)
        peers = [j for j in same_row[(kind, row)] if rows[j][2] <= members or members <= rows[j][2]]
        cols = {checks[j].figures[0].col for j in peers}
        if len(cols) >= 2 and all(checks[j].status == CheckStatus.discrepancy for j in peers):
            out[i] = checks[i].model_copy(update={
                "status": CheckStatus.unverifiable,
                "hint": "every column of this row disagrees with the rows it seems to total: "
                        "the table's row structure is probably misread, so nothing is claimed",
            })
    return out


def _column_total_checks(table: _Table) -> list[Check]:
    """A 合计 column against its sibling columns, row by row (rows that are not 其中/rates)."""
    model, out = table.model, []
    for col in model.total_columns():
        for row in model.rows:
            if row.role in ("header", "other"):
                continue
            stated = table.term(row, col.index, "stated")
            if stated is None:
                continue
            for group in col.total_groups:
                terms = [t for k in group if (t := table.term(row, k, "term")) is not None]
                if len(terms) < len(group):
                    continue
                subject = stated.figure.label
                result = check_sum(stated.q, [t.q for t in terms])
                message = sum_message(subject, stated, result, "the columns it totals sum to")
                out.append(make_check("table_total", result, stated, terms, subject=subject,
                                      message=message, table_index=table.index))
    return out


def _grand_checks(table: _Table, col: int, grand: RowInfo,
                  parts: tuple[list[RowInfo], list[RowInfo]]) -> list[Check]:
    """A grand total against its parts (grand_total_parts): top-level rows, and leaves too."""
    top, leaves = parts
    out = []
    has_subtotals = any(r.role == "subtotal" for r in top)
    what = "its subtotals and unattached rows sum to" if has_subtotals else "its rows sum to"
    check = _rows_check(table, col, grand, top, "table_total", what)
    if check:
        out.append(check)
    if has_subtotals:
        check = _rows_check(table, col, grand, leaves, "table_total",
                            "its item rows (all levels below the subtotals) sum to")
        if check:
            out.append(check)
    return out


def _row_name(model: TableModel, row: RowInfo) -> str:
    name = row.label or row.serial or f"row {row.index}"
    if KEYWORD_ONLY.match(name) and row.members:
        labels = [model.rows[i].label for i in (row.members[0], row.members[-1])]
        name += f" ({labels[0]}–{labels[1]})" if len(row.members) > 1 else f" ({labels[0]})"
    return name


def _rows_check(table: _Table, col: int, total: RowInfo, parts: list[RowInfo], kind: str,
                what: str) -> Check | None:
    """Stated cell of `total` against the cells of `parts` in one column."""
    stated = table.term(total, col, "stated")
    if stated is None or not parts:
        return None
    subject = stated.figure.label
    terms: list[Term] = []
    missing = []
    for p in parts:
        term = table.term(p, col, "term")
        if term is None:
            missing.append(p)
            continue
        terms.append(term)
    if not terms:
        return None
    result = check_sum(stated.q, [t.q for t in terms])
    if missing and result.status == CheckStatus.discrepancy:
        names = "、".join(p.label for p in missing)
        result = Result(CheckStatus.unverifiable, result.stated, result.computed, result.difference,
                        result.tolerance, f"rows without a figure in this column: {names}")
    message = sum_message(subject, stated, result, what)
    return make_check(kind, result, stated, terms, subject=subject, message=message,
                      table_index=table.index)


def _units_confirm(model: TableModel, row: RowInfo) -> bool:
    """The headers give every numeric column the label figure's unit (单位:户 over the columns)."""
    cols = model.numeric_columns()
    return bool(cols) and all(same_base(c.info, row.label_total.unit) for c in cols)


def _label_total_check(model: TableModel, table_index: int, row: RowInfo) -> Check | None:
    """A total written in the row label (开工改造 25516 户) against the row's numeric cells."""
    label_cell = row.label_total
    stated = cell_term(label_cell, "stated", row.label, table_index)
    terms = []
    for col in model.numeric_columns():
        cell = model.number(row.index, col.index)
        if cell is None:
            continue
        if col.info is not None and not same_base(col.info, label_cell.unit):
            return None  # the label's figure is in another unit than the cells: not a row total
        term = cell_term(cell, "term", f"{row.label} {col.leaf}", table_index)
        if col.info is None:  # cells take the label's unit when the header names none
            term = cell_term(_with_unit(cell, label_cell.unit), "term", f"{row.label} {col.leaf}",
                             table_index)
        terms.append(term)
    if len(terms) < 2:
        return None
    result = check_sum(stated.q, [t.q for t in terms])
    subject = row.label
    message = sum_message(subject, stated, result, "the row's cells sum to")
    return make_check("table_total", result, stated, terms, subject=subject, message=message,
                      table_index=table_index)


def _with_unit(cell: ParsedCell, unit) -> ParsedCell:
    return replace(cell, unit=unit)
