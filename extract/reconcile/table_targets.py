"""The totals a sentence may restate: each grand-total row, column by column, and which column a
text figure speaks of.

Why per column and not per unit: a table often has several columns in one unit (two columns of
套, four of 万元), so a unit alone cannot say which cell a figure restates. The header words decide
then (保障性租赁住房 ↔ 保障性租赁住房（套/间））; a figure stated as a total (共计, 总投资) speaks of
the 合计 column. A figure that equals another row's cell of the column (7420 = 校舍改扩建) speaks of
that row, not of the total, and is never compared with the total.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from extract import memo
from extract import rx as regex

from extract.normalize.numbers import FigureMatch
from extract.reconcile.figures import Term, cell_quantity, cell_term
from extract.reconcile.intervals import Quantity, Summed, add_up, meets
from extract.tables import ColumnInfo, ParsedCell, TableModel

UNIT_PARENS = regex.compile(r"[（(][^）)]*[）)]|[/／].*$")
NON_WORD = regex.compile(r"[\d\s.,，、：:（）()/／%％]+")
OF_WHICH_HEAD = regex.compile(r"^\s*其中[:：]?")
TOTAL_HEAD = regex.compile(r"共计|合计|总计|总共|共有|共获得|共安排|共下达|总投资|投资总额|总额|总规模|"
                           r"总金额|本批资金共|全部资金")
# Words every header of a kind shares: they say nothing about which column is meant.
GENERIC_BIGRAMS = {"资金", "金额", "项目", "建设", "工程", "数量", "合计", "其中", "情况", "完成"}
HEADER_MATCH = 0.5


@dataclass
class TargetColumn:
    """One numeric column of a total row (or of several tables' total rows summed)."""

    measure: tuple[str, bool]
    words: str                      # header words without unit: 保障性租赁住房
    cells: list[tuple[ParsedCell, int, str]]  # (total cell, table index, label)
    others: list[ParsedCell] = field(default_factory=list)  # other rows' cells of the column
    is_total: bool = False          # a 合计 column (its cell is the table's grand total)
    is_part: bool = False           # a 其中 column or a member of a 合计 column

    @cached_property
    def word_grams(self) -> frozenset[str]:
        """The header words' bigrams, scored against the clause of every text figure."""
        return bigrams(self.words)

    @cached_property
    def terms(self) -> list[Term]:
        """The total cells as terms: the same for every text figure compared with the column."""
        return [cell_term(c, "term", label, idx) for c, idx, label in self.cells]

    @cached_property
    def summed(self) -> Summed:
        """The total cells added up (several tables' totals for a group target)."""
        return add_up([t.q for t in self.terms])

    @cached_property
    def other_quantities(self) -> list[Quantity]:
        """The intervals of `others`, once per column rather than once per text figure."""
        return [cell_quantity(c) for c in self.others]


@dataclass
class TotalTarget:
    """A total row (or the sum of several tables' total rows) a sentence may restate."""

    name: str
    table_index: int | None
    columns: list[TargetColumn]


@dataclass(frozen=True)
class ColumnChoice:
    column: TargetColumn
    by_header: bool  # header words (or a total word for the 合计 column) say this column


def measure_of(fig: FigureMatch) -> tuple[str, bool] | None:
    if fig.unit.base == "%":
        return None
    return (fig.unit.base, fig.unit.is_count)


def header_words(col: ColumnInfo) -> str:
    """'保障性租赁住房（套/间）' -> '保障性租赁住房'; '其中：通组硬化路（公里）' -> '通组硬化路'."""
    leaf = OF_WHICH_HEAD.sub("", col.leaf)
    return NON_WORD.sub("", UNIT_PARENS.sub("", leaf))


def total_targets(models: list[tuple[int, TableModel]]) -> list[TotalTarget]:
    """One target per table with a single grand-total row, plus one per group of same-shaped tables."""
    singles = []
    for index, model in models:
        grands = model.rows_with("grand_total")
        if len(grands) != 1:
            continue
        columns = _target_columns(model, index, grands[0].index, grands[0].label)
        if columns:
            singles.append((model, TotalTarget(f"table {index + 1} {grands[0].label}", index, columns)))
    return [t for _, t in singles] + _group_targets(singles)


def _target_columns(model: TableModel, index: int, grand_row: int, label: str) -> list[TargetColumn]:
    members = {k for c in model.total_columns() for k in c.total_members}
    out = []
    for col in model.numeric_columns():
        cell = model.number(grand_row, col.index)
        if cell is None or col.info is None:
            continue
        others = [c for (r, k), c in model.cells.items() if k == col.index and r != grand_row
                  and model.rows[r].role != "header"]
        out.append(TargetColumn(
            (col.info.base, col.info.is_count), header_words(col),
            [(cell, index, f"{label} {col.header_path or col.leaf}")], others,
            is_total=bool(col.is_total and col.total_members),
            is_part=col.part_of is not None or col.index in members))
    return out


def _group_targets(singles: list[tuple[TableModel, TotalTarget]]) -> list[TotalTarget]:
    """Tables with the same leaf headers (yearly tables): their totals summed column by column."""
    groups: dict[tuple, list[TotalTarget]] = {}
    for model, target in singles:
        shape = tuple(c.leaf for c in model.columns)
        groups.setdefault(shape, []).append(target)
    out = []
    for members in groups.values():
        if len(members) < 2 or len({len(t.columns) for t in members}) != 1:
            continue
        columns = []
        for cols in zip(*(t.columns for t in members)):
            if len({c.measure for c in cols}) != 1:
                break
            columns.append(TargetColumn(cols[0].measure, cols[0].words,
                                        [c.cells[0] for c in cols], [],
                                        is_total=cols[0].is_total, is_part=cols[0].is_part))
        else:
            names = ", ".join(str(t.table_index + 1) for t in members)
            out.append(TotalTarget(f"tables {names} together", None, columns))
    return out


# ---------------------------------------------------------------- which column a figure speaks of

@memo.by_value(4096)  # the same headers and clauses are scored against every figure and column
def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) - GENERIC_BIGRAMS


@memo.by_value(4096)  # a figure's clause is scored against the columns of every target
def clause_bigrams(clause: str) -> frozenset[str]:
    """The character pairs of a clause's words, as header_score compares them."""
    return bigrams(NON_WORD.sub("", clause))


def score_in(words: str, grams: frozenset[str]) -> float:
    """header_score against a clause's bigrams already worked out (one clause, many headers)."""
    return _share(bigrams(words), grams)


def _share(wanted: frozenset[str], grams: frozenset[str]) -> float:
    """The share of the wanted (header) bigrams found among a clause's."""
    if not wanted:
        return 0.0
    return len(wanted & grams) / len(wanted)


def header_score(words: str, clause: str) -> float:
    """Share of the header's (non-generic) character pairs found in the figure's clause."""
    return score_in(words, clause_bigrams(clause))


def column_for(fig: FigureMatch, clause: str, target: TotalTarget, lead: str = "") -> ColumnChoice | None:
    """The column of `target` a figure speaks of: by header words, else the only column in its
    unit, else the 合计 column when the figure is stated as a total; None when unsure.

    When two columns fit the clause equally ('改造任务486户、抗震改造任务180户' names both), the
    words leading to the figure since the previous one (`lead`) may still tell them apart."""
    cands = [c for c in target.columns if c.measure == measure_of(fig)]
    if not cands:
        return None
    best, i, tied = _best_by_words(cands, clause)
    if best >= HEADER_MATCH and tied and lead:
        best, i, tied = _best_by_words(cands, lead)
    if best >= HEADER_MATCH and not tied:
        return ColumnChoice(cands[i], True)
    if best >= HEADER_MATCH:
        return None  # two columns fit the words equally: do not guess
    totals = [c for c in cands if c.is_total]
    if len(totals) == 1 and TOTAL_HEAD.search(clause):
        return ColumnChoice(totals[0], True)
    if len(cands) == 1:
        return ColumnChoice(cands[0], False)
    return None


def _best_by_words(cands: list[TargetColumn], text: str) -> tuple[float, int, bool]:
    """(best header score, its index, whether another column scores as high)."""
    grams = clause_bigrams(text)
    scores = sorted(((_share(c.word_grams, grams), i) for i, c in enumerate(cands)), reverse=True)
    best, i = scores[0]
    return best, i, len(scores) > 1 and scores[1][0] == best


def restates_another_row(stated: Quantity, column: TargetColumn) -> bool:
    """The figure (its interval `stated`) equals, within rounding, a cell of another row of the
    column: it speaks of that row (改扩建校舍7420平方米 = the 校舍改扩建 row), not of the total."""
    return any(meets(stated, q) for q in column.other_quantities)
