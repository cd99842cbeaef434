"""Checks inside one table: subtotals against their members, grand totals against their parts.

Per numeric column: each subtotal against its member rows; each grand total against the
top-level parts (subtotals and items outside any subtotal) and, when there are subtotals, also
against all the leaf items (the two must agree; rows of different levels are never summed
together). Transposed tables whose total is written in the row label (开工改造 25516 户) are
checked against the row's cells.
"""
from __future__ import annotations

from dataclasses import replace

from extract.reconcile.figures import Term, cell_term, make_check, same_base, sum_message
from extract.reconcile.intervals import Result, check_sum
from extract.tables import ParsedCell, RowInfo, TableModel, grand_total_parts, member_rows
from schemas import Check, CheckStatus


def table_checks(model: TableModel, table_index: int) -> list[Check]:
    """Every total and subtotal of one table, per numeric column, plus totals written in labels."""
    checks: list[Check] = []
    for col in model.numeric_columns():
        for row in model.rows_with("subtotal"):
            check = _rows_check(model, table_index, col.index, row, member_rows(model, row),
                                "subtotal", "members sum to")
            if check:
                checks.append(check)
        for grand in model.rows_with("grand_total"):
            checks.extend(_grand_checks(model, table_index, col.index, grand))
    for row in model.rows:
        if row.label_total is not None and row.role != "header":
            check = _label_total_check(model, table_index, row)
            if check:
                checks.append(check)
    return checks


def _grand_checks(model: TableModel, table_index: int, col: int, grand: RowInfo) -> list[Check]:
    top, leaves = grand_total_parts(model, grand)
    out = []
    has_subtotals = any(r.role == "subtotal" for r in top)
    what = "its subtotals and unattached rows sum to" if has_subtotals else "its rows sum to"
    check = _rows_check(model, table_index, col, grand, top, "table_total", what)
    if check:
        out.append(check)
    if has_subtotals:
        check = _rows_check(model, table_index, col, grand, leaves, "table_total",
                            "its item rows (all levels below the subtotals) sum to")
        if check:
            out.append(check)
    return out


def _subject(model: TableModel, row: RowInfo, col: int) -> str:
    return f"{row.label or row.serial or f'row {row.index}'} {model.columns[col].leaf}"


def _rows_check(model: TableModel, table_index: int, col: int, total: RowInfo,
                parts: list[RowInfo], kind: str, what: str) -> Check | None:
    """Stated cell of `total` against the cells of `parts` in one column."""
    stated_cell = model.number(total.index, col)
    if stated_cell is None or not parts:
        return None
    stated = cell_term(stated_cell, "stated", _subject(model, total, col), table_index)
    terms: list[Term] = []
    missing = []
    for p in parts:
        cell = model.number(p.index, col)
        if cell is None:
            missing.append(p)
            continue
        terms.append(cell_term(cell, "term", _subject(model, p, col), table_index))
    if not terms:
        return None
    result = check_sum(stated.q, [t.q for t in terms])
    if missing and result.status == CheckStatus.discrepancy:
        names = "、".join(p.label for p in missing)
        result = Result(CheckStatus.unverifiable, result.stated, result.computed, result.difference,
                        result.tolerance, f"rows without a figure in this column: {names}")
    subject = _subject(model, total, col)
    message = sum_message(subject, stated, result, what)
    return make_check(kind, result, stated, terms, subject=subject, message=message,
                      table_index=table_index)


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
