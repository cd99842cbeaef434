"""Totals of transposed tables: indicators as rows (unit in the label), places as columns, a 合计
column. What a sentence may restate there is the 合计 cell of the row its clause names.

Why a TotalTarget of its own: text_vs_table decides with per-column targets (header words, year
guard, 'stated for the whole', never a figure equal to a member cell). A transposed table is the
same question turned a quarter: each indicator row is one 'column' whose header words are the row
label (农村危房改造（户） -> 农村危房改造) and whose member cells are the places of that row. So the
same safety rules apply unchanged; only the labels of places (column headers) name members.
"""
from __future__ import annotations

from extract import rx as regex

from extract.reconcile.table_targets import NON_WORD, UNIT_PARENS, TargetColumn, TotalTarget
from extract.tables import TableModel

LABEL_OUTLINE = regex.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])")
# Rows that are not indicators of the whole: parts (其中), rates and averages.
OF_WHICH_HEAD = regex.compile(r"^\s*(?:其中|含)\s*[:：]?")
NOT_A_TOTAL_ROW = regex.compile(r"^\s*(?:其中|含)|率|比例|比重|占比|平均|均值|人均|增长|同比")


def is_transposed(model: TableModel) -> bool:
    """A 合计 column over place columns, and data rows whose labels carry the unit."""
    if not model.total_columns():
        return False
    data = [r for r in model.rows if r.role != "header"]
    return bool(data) and sum(r.unit_raw is not None for r in data) * 2 >= len(data)


def transposed_targets(models: list[tuple[int, TableModel]]) -> list[TotalTarget]:
    """One target per transposed table: each indicator row's 合计 cell is one column of it."""
    out = []
    for index, model in models:
        if not is_transposed(model):
            continue
        columns = [c for row in model.rows for c in _row_columns(model, index, row)]
        if columns:
            out.append(TotalTarget(f"table {index + 1} 合计 column", index, columns))
    return out


def _row_columns(model: TableModel, index: int, row) -> list[TargetColumn]:
    if row.role == "header" or row.unit_raw is None or NOT_A_TOTAL_ROW.search(row.label):
        return []
    out = []
    for col in model.total_columns():
        cell = model.number(row.index, col.index)
        if cell is None or cell.unit is None:
            continue
        others = [model.number(row.index, k) for k in col.total_members]
        out.append(TargetColumn(
            (cell.unit.base, cell.unit.is_count), row_words(row.label),
            [(cell, index, f"{row.label} {col.leaf}")], [c for c in others if c is not None]))
    return out


def row_words(label: str) -> str:
    """'1.农村危房改造（户）' -> '农村危房改造': the indicator's words without numbering and unit."""
    return NON_WORD.sub("", UNIT_PARENS.sub("", LABEL_OUTLINE.sub("", label)))


def member_labels(models: list[tuple[int, TableModel]]) -> set[str]:
    """What a clause names when it speaks of a part, not of the whole: the headers of the columns
    a transposed table's 合计 adds up (甲镇, 乙镇), and its 其中 rows (其中：D级危房（户） -> D级危房)."""
    out = set()
    for _, model in models:
        if not is_transposed(model):
            continue
        for col in model.total_columns():
            out |= {model.columns[k].leaf.strip() for k in col.total_members}
        out |= {row_words(OF_WHICH_HEAD.sub("", r.label)) for r in model.rows
                if r.role != "header" and OF_WHICH_HEAD.match(r.label)}
    return {label for label in out if len(label) >= 2}


def indicator_labels(models: list[tuple[int, TableModel]]) -> set[str]:
    """Row labels of transposed tables: indicators, not member rows of a total."""
    return {r.label for _, m in models if is_transposed(m) for r in m.rows}


__all__ = ["is_transposed", "transposed_targets", "member_labels", "indicator_labels", "row_words"]
