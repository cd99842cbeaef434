"""Table targets: each count/area cell of a table, with its subject, region and year.

Why apart from running text: a cell states its figure bare, so what it measures comes from the
column header path and the row label (either may name the district: tables come both ways), and
its year from the table's title line. Money cells are left to funding. Row labels that carry their
own figure (开工改造 25516 户) give the row's stated total; label cells that read like sentences are
read as sentences.
"""
from __future__ import annotations

from extract import memo
from extract import rx as regex

from extract.extractors.base import Context, Sentence
from extract.extractors.targets import DATE_WORDS, LEAD_WORDS, clean_phrase, is_region, sentence_targets, year_in
from extract.normalize.numbers import figures_in
from extract.normalize.units import to_base, unit_info
from schemas import Target


def table_targets(ctx: Context) -> list[Target]:
    """Each count/area cell of each table, with subject from headers and region from labels."""
    from extract.tables import analyze_table  # noqa: PLC0415 (written alongside)

    out: list[Target] = []
    for block in ctx.document.tables():
        try:
            model = analyze_table(block, ctx.document)
        except ValueError:
            continue
        year = table_year(ctx, block)
        for (r, c), cell in sorted(model.cells.items()):
            col, row = model.columns[c], model.rows[r]
            if cell.unit is None or cell.unit.is_money:
                continue
            label = _without_unit(row.label, row.unit_raw) if col.info is None else row.label
            region, subject = _table_region_subject(col.header_path, col.leaf, label)
            if GENERIC_QUANTITY.fullmatch(subject) and row.name and not region:
                subject = _row_subject(row.name)  # 品名｜规格｜单位｜数量: the row names what is counted
            unit_raw = cell.unit.normalized if col.info is None or cell.unit is not col.info else col.unit_raw
            out.append(_cell_target(ctx, block, cell, unit_raw or row.unit_raw or "", subject, region,
                                    year_in(col.header_path) or year, f"{row.label}｜{col.header_path}"))
        out.extend(_label_totals(ctx, block, model, year))
    return out


@memo.by_value()  # asked once per cell, and a column's cells share their header path
def header_subject(header_path: str) -> str:
    """A column header without its unit and year: 总建筑面积 (万平方米) -> 总建筑面积."""
    parts = []
    for part in regex.split(r"[/／]", header_path):
        part = regex.sub(r"[（(][^)）]*[)）]|单位\s*[:：]\S*", "", part)
        part = regex.sub(r"\s+", "", DATE_WORDS.sub("", part))
        if part and unit_info(part) is None:
            parts.append(part)
    return "/".join(parts)


@memo.by_value()  # asked once per cell, and a row's cells share their label
def _without_unit(label: str, unit_raw: str | None) -> str:
    """农村危房改造（户） -> 农村危房改造: the unit of a transposed table's row is not its subject."""
    if not unit_raw:
        return label
    return regex.sub(r"\s*(?:[（(]\s*" + regex.escape(unit_raw) + r"\s*[)）]|[/／]\s*" + regex.escape(unit_raw) + r")\s*$",
                     "", label)


# The total column of a table whose rows are indicators (项目｜合计｜town…): the row names the measure.
TOTAL_HEADER = regex.compile(r"合计|总计|小计|汇总|总数|共计")


# A column that only says "how many" (数量, 计划数量, 储备数量): the row label names the thing.
GENERIC_QUANTITY = regex.compile(r"(?:计划|储备|目标|任务)?(?:数量|数目|数)")


# A total over periods (三年合计, 累计, 小计): says how the column adds up, not what it measures.
_PERIOD_TOTAL = regex.compile(r"(?:[一二三四五六七八九十两\d]+年(?:度)?)?(?:合计|总计|小计|累计|共计)")


def _bare_header(text: str) -> str:
    """A header or label without spaces and bracketed units: 合计（户） -> 合计."""
    return regex.sub(r"[（(][^()（）]*[)）]|\s+", "", text)


def _table_region_subject(header_path: str, leaf: str, label: str) -> tuple[str | None, str]:
    """Districts as rows (region = row label) or, transposed, as columns (region = column header);
    the total column of a transposed table has no region and the row as its subject."""
    label_text, label_is_region, label_is_total = _header_kind(label)
    _, leaf_is_region, leaf_is_total = _header_kind(leaf)
    if leaf_is_total and label_text and not label_is_region and not label_is_total:
        return None, _row_subject(label)
    if leaf_is_region and not label_is_region:
        return leaf, _row_subject(label)
    subject = header_subject(header_path)
    if label_text and not label_is_region and not label_is_total and (not subject or _PERIOD_TOTAL.fullmatch(subject)):
        return None, _row_subject(label)  # 指标｜2025年｜…｜三年合计: the row names the measure
    return (label_text if label_is_region else None), subject


@memo.by_value()  # asked once per cell, and a row's (a column's) cells share their label (leaf)
def _header_kind(text: str) -> tuple[str, bool, bool]:
    """A row label or header leaf without spaces, whether it names a place, whether it is a total."""
    bare = regex.sub(r"\s+", "", text)
    return bare, is_region(bare), bool(TOTAL_HEADER.fullmatch(_bare_header(bare)))


@memo.by_value()  # asked once per cell of the row
def _row_subject(label: str) -> str:
    """其中：D级危房（户） -> D级危房; 开工改造 25516 户 -> 开工改造 (the label's own figure removed)."""
    for f in figures_in(label):
        label = label.replace(f.raw, "")
    return _bare_header(LEAD_WORDS.sub("", clean_phrase(label).split("：")[-1]))


def table_year(ctx: Context, block) -> int | None:
    """The year a table is for: in its title line just before it, else the plan year."""
    blocks = ctx.document.blocks
    for b in reversed(blocks[max(0, block.seq - 3):block.seq]):
        if b.table is None and (y := year_in(b.text)):
            return y
    return ctx.meta.plan_year


def _cell_target(ctx: Context, block, cell, unit_raw: str, subject: str, region: str | None,
                 year: int | None, sentence: str) -> Target:
    """One cell as a target, quoted by its `row label｜header path` since the cell alone says nothing."""
    base, _ = to_base(cell.value, cell.decimals, cell.unit)
    return Target(
        **ctx.ground(cell.start, cell.end, block, table_row=cell.row, table_col=cell.col,
                     sentence=sentence),
        subject=subject, value=cell.value, value_raw=cell.raw, unit_raw=unit_raw,
        unit=cell.unit.normalized, value_base=base, decimals=cell.decimals, region=region, year=year,
    )


def _label_text_targets(ctx: Context, block, model, r: int) -> list[Target]:
    """A label cell whose goals are no single row total (建设储备库1个，储备物资不少于3万件（套）; 改造小区3个，
    投资500万元) reads like a sentence."""
    out = []
    for col in model.columns:
        cell = block.table.cell_at(r, col.index)
        if not col.is_label or col.is_serial or cell is None or cell.row != r or cell.col != col.index:
            continue
        if not any(not f.unit.is_money for f in figures_in(cell.text)):
            continue
        sent = Sentence(cell.start, cell.end, cell.text, block)
        out.extend(t.model_copy(update={"table_row": r, "table_col": col.index})
                   for t in sentence_targets(ctx, sent))
    return out


def _label_totals(ctx: Context, block, model, year: int | None) -> list[Target]:
    """A figure inside a row label (开工改造 25516 户) is the row's stated total."""
    out = []
    for row in model.rows:
        cell = row.label_total
        if cell is None:
            out.extend(_label_text_targets(ctx, block, model, row.index))
            continue
        label_cell = block.table.cell_at(cell.row, cell.col)
        fig = next((f for f in figures_in(label_cell.text) if label_cell.start + f.start == cell.start), None)
        if fig is None:
            continue
        end = label_cell.start + fig.end
        quote = ctx.text[cell.start:end]
        subject = clean_phrase(row.label.replace(quote, ""))
        t = _cell_target(ctx, block, cell, fig.unit_raw, subject, None, year, row.label)
        out.append(t.model_copy(update=ctx.ground(cell.start, end, block,
                                                  table_row=cell.row, table_col=cell.col, sentence=row.label)))
    return out
