"""Responsibilities from task-decomposition tables (任务分解表, 责任分工表).

Why apart from the text rules: in a table the role is said once, by a column header (牵头单位,
配合单位, 责任单位), while the department, the task and the deadline stand in different cells of
one row; nothing inside a department cell says what it must do. Each department named in such a
cell gets the row's task as its duty and the row's deadline cell as its deadline (link.py only
links deadlines lying inside a quote, which a cell of another column never does).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

from extract.extractors.base import Context
from extract.normalize.dates import TimeExpr, find_time_expressions, resolve_year
from extract.tables import analyze_table
from schemas import Block, Cell, Responsibility, Table

# Column header → role of the departments in that column; checked in this order (责任单位/配合 is 配合).
ROLE_HEADERS = (("牵头", regex.compile(r"牵头")),
                ("配合", regex.compile(r"配合|协办|参与|协同|协助")),
                ("负责", regex.compile(r"责任|主责|负责|承办|主办")))
DEPT_HEADER = regex.compile(r"单位|部门|处室|科室|机构")
TASK_HEADER = regex.compile(r"任务|工作内容|内容|事项|措施|举措")
DATE_HEADER = regex.compile(r"时限|时间|期限|节点|日期")
SEPARATORS = "、，,；;/／ \t\n\u3000"
OPEN, CLOSE = "（(", "）)"
# A name followed by the role it takes in the cell (县财政局牵头), or an 等 closing the list.
ROLE_IN_CELL = regex.compile(r"(?P<name>.+?)(?P<verb>牵头|配合|负责|参与)$")
TRAILING_ETC = regex.compile(r"等(?:相关|有关)?(?:单位|部门)?$")
NOT_NAME = regex.compile(r"^(?:无|暂无|略|待定|[-—–/／]+)$|牵头单位|配合单位|责任单位")
MIN_TASK_CHARS = 4


@dataclass(frozen=True)
class TaskColumns:
    """Which columns of a task table hold what: departments with their role, the task, the deadline."""

    roles: dict[int, str]
    task: int | None
    deadline: int | None
    header_rows: int


def table_duties(ctx: Context, block: Block) -> list[Responsibility]:
    """One responsibility per department named in a role column, for every row with a task."""
    table = block.table
    cols = task_columns(block, ctx) if table is not None else None
    if cols is None or cols.task is None:
        return []
    facts: list[Responsibility] = []
    for r in range(cols.header_rows, table.n_rows):
        task = table.cell_at(r, cols.task)
        duty = " ".join(task.text.split()) if task else ""
        if len(duty) < MIN_TASK_CHARS:
            continue
        due = _row_deadline(ctx, table, r, cols.deadline)
        for k, role in cols.roles.items():
            cell = table.cell_at(r, k)
            if cell is not None:
                facts += [_fact(ctx, block, cell, span, duty, due, _row_text(ctx, table, r))
                          for span in cell_names(cell.text, role)]
    return facts


def task_columns(block: Block, ctx: Context | None = None) -> TaskColumns | None:
    """The role, task and deadline columns of a table, or None when no header names a role."""
    table = block.table
    n_head = max(analyze_table(block, ctx.document if ctx else None).header_rows, 1)
    headers = {k: _headers(table, k, n_head) for k in range(table.n_cols)}
    roles = {k: role for k, h in headers.items() if (role := _column_role(h))}
    if not roles:
        return None
    dates = [k for k, h in headers.items() if k not in roles and h and DATE_HEADER.search(h[-1])]
    others = [k for k in headers if k not in roles and k not in dates]
    task = next((k for k in others if headers[k] and TASK_HEADER.search(headers[k][-1])), None)
    if task is None:
        task = next((k for k in others if _mean_length(table, k, n_head) >= 6), None)
    return TaskColumns(roles, task, dates[0] if dates else None, n_head)


def cell_names(text: str, role: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, role) for each department a cell lists, `role` unless the cell says its
    own (县财政局牵头、县审计局配合): split at 、，；/ and spaces outside brackets (各县（市、区）人民政府
    stays whole), a trailing 等 dropped."""
    out = []
    for start, end in _fragments(text):
        piece = text[start:end]
        etc = TRAILING_ETC.search(piece)
        if etc and etc.start() > 0:
            end, piece = start + etc.start(), piece[:etc.start()]
        own = ROLE_IN_CELL.match(piece)
        name_role = role
        if own and len(own["name"]) >= 2:
            end, piece, name_role = start + own.end("name"), own["name"], _verb_role(own["verb"])
        if len(piece) >= 2 and regex.search(r"\p{Han}", piece) and not NOT_NAME.search(piece):
            out.append((start, end, piece, name_role))
    return out


def _fragments(text: str) -> list[tuple[int, int]]:
    """Spans between separators that stand outside brackets."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text + "\n"):
        depth += (ch in OPEN) - (ch in CLOSE and depth > 0)
        if depth == 0 and ch in SEPARATORS:
            if i > start:
                spans.append((start, i))
            start = i + 1
    return spans


def _verb_role(verb: str) -> str:
    return {"牵头": "牵头", "配合": "配合", "参与": "配合"}.get(verb, "负责")


def _headers(table: Table, k: int, n_head: int) -> list[str]:
    """Header texts of column k, top to bottom; a title row spanning the whole table left out."""
    out: list[str] = []
    for r in range(n_head):
        c = table.cell_at(r, k)
        text = " ".join(c.text.split()) if c else ""
        if text and c.col_span < table.n_cols and (not out or out[-1] != text):
            out.append(text)
    return out


def _column_role(headers: list[str]) -> str | None:
    """The role a department column's header gives, from the deepest header level up."""
    if not headers or not DEPT_HEADER.search("/".join(headers)):
        return None
    for level in reversed(headers):
        for role, pattern in ROLE_HEADERS:
            if pattern.search(level):
                return role
    return None


def _mean_length(table: Table, k: int, n_head: int) -> float:
    texts = [c.text.strip() for r in range(n_head, table.n_rows) if (c := table.cell_at(r, k))]
    return sum(map(len, texts)) / len(texts) if texts else 0.0


def _row_deadline(ctx: Context, table: Table, r: int, col: int | None) -> tuple[str, date | None] | None:
    """(quote, due date) of the first time expression in the row's deadline cell, if any."""
    cell = table.cell_at(r, col) if col is not None else None
    expr = next(iter(_time_expressions(ctx, cell.text)), None) if cell else None
    return (cell.text[expr.start:expr.end], expr.due_date) if expr else None


def _time_expressions(ctx: Context, text: str) -> list[TimeExpr]:
    """Time expressions resolved with the notice's year, as the deadlines extractor resolves them."""
    from extract.extractors.deadlines import notice_year_of  # deadlines imports this package

    year = notice_year_of(ctx)
    out = []
    for expr in find_time_expressions(text):
        if expr.needs_year and year and expr.kind not in ("relative", "recurring"):
            expr = resolve_year(expr, year.year, year.source)
        if expr is not None and not (expr.precision == "year" and expr.kind == "on"):
            out.append(expr)
    return out


def _row_text(ctx: Context, table: Table, r: int) -> str | None:
    cells = [c for c in table.cells if c.row == r]
    return ctx.text[min(c.start for c in cells):max(c.end for c in cells)] if cells else None


def _fact(ctx: Context, block: Block, cell: Cell, span: tuple[int, int, str, str], duty: str,
          due: tuple[str, date | None] | None, row_text: str | None) -> Responsibility:
    """A responsibility grounded on the name inside its cell; the row text is its sentence."""
    start, end, name, role = span
    return Responsibility(**ctx.ground(cell.start + start, cell.start + end, block=block,
                                       table_row=cell.row, table_col=cell.col, sentence=row_text),
                          department=name, role=role, duty=duty,
                          deadline_quote=due[0] if due else None, due_date=due[1] if due else None)
