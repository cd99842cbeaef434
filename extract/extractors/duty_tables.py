"""Responsibilities from task lists: decomposition tables (任务分解表, 责任分工表) and the same lists
written as text (整改清单, 任务清单: `责任单位：A（牵头），B、C` / `完成时限：…` lines under each item).

Why apart from the text rules: in a table the role is said once, by a column header (牵头单位,
配合单位, 责任单位), while the department, the task and the deadline stand in different cells of
one row; nothing inside a department cell says what it must do. Each department named in such a
cell gets the row's task as its duty and the row's deadline cell as its deadline (link.py only
links deadlines lying inside a quote, which a cell of another column never does). A labelled line
is a row written out: its label is the header, its item (heading, 整改措施 line) the task cell, the
item's 时限 line the deadline cell (`line_duties`, `item_lead` below).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extract import rx as regex

from extract.extractors.base import Context
from extract.normalize.dates import TimeExpr, find_time_expressions, resolve_year
from extract.tables import analyze_table
from schemas import Block, BlockKind, Cell, Responsibility, Table

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
# …or in brackets after it (县住建局（牵头）, 县财政局(配合单位)).
ROLE_IN_BRACKET = regex.compile(r"(?P<name>.+?)[（(](?P<verb>牵头|配合|负责|参与|协办)(?:单位|部门)?[）)]$")
WITH_PARTNER = regex.compile(r"(?P<a>\p{Han}.+?)(?:会同|联合|协同)(?P<b>\p{Han}.+)")
OTHER_NAME = regex.compile(r"(?P<a>\p{Han}.+?)[（(](?P<b>[^（）()]{3,20})[）)]")
# （A牵头，B、C配合） / （A负责） closing an item.
CLOSING_LEADS = regex.compile(r"[（(](?P<body>[^（）()]{2,120}?(?:牵头|负责|配合|参与))[）)]\s*[。；;]?\s*$")
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
    if not _may_name_roles(table):
        return None
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


def _may_name_roles(table: Table) -> bool:
    """Whether some cell says a department kind and some cell a role: every role column's header
    does (`_column_role`). Most tables of a notice hold figures; this spares working out their
    header rows. The patterns hold no newline, so searching the cells joined by one is exact."""
    cells = "\n".join(c.text for c in table.cells)
    return bool(DEPT_HEADER.search(cells)) and any(pattern.search(cells) for _, pattern in ROLE_HEADERS)


def cell_names(text: str, role: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, role) for each department a cell lists, `role` unless the cell says its
    own (县财政局牵头、县审计局配合), or 配合 for the unmarked others of a 负责 list whose lead is marked
    (A（牵头）、B): split at 、，；/ and spaces outside brackets (各县（市、区）人民政府 stays whole), a
    trailing 等 dropped."""
    found = []
    for start, end in _fragments(text):
        joined = text[end:end + 1] == "、"  # listed with the next name: A、B配合 share the verb
        piece = text[start:end]
        etc = TRAILING_ETC.search(piece)
        if etc and etc.start() > 0:
            end, piece = start + etc.start(), piece[:etc.start()]
        own = ROLE_IN_BRACKET.match(piece) or ROLE_IN_CELL.match(piece)
        name_role = None
        if own and len(own["name"]) >= 2:
            end, piece, name_role = start + own.end("name"), own["name"], _verb_role(own["verb"])
        if name_role is None and (pair := _two_in_one(piece)):
            (a, b), b_role = pair  # 市数据局会同市档案馆, 市委办公室（市档案局）
            found.append([start + a[0], start + a[1], piece[a[0]:a[1]], None, False])
            found.append([start + b[0], start + b[1], piece[b[0]:b[1]], b_role, joined])
            continue
        if len(piece) >= 2 and regex.search(r"\p{Han}", piece) and not NOT_NAME.search(piece):
            found.append([start, end, piece, name_role, joined])
    # A牵头，B、C配合: C's verb is B's too (back along 、, never across ，or ；)
    shared = None
    for item in reversed(found):
        if item[3] is not None:
            shared = item[3]
        elif item[4] and shared is not None:
            item[3] = shared
        else:
            shared = None
    # A（牵头）、B、C in a 责任单位 list: once one unit is marked the lead, the unmarked others cooperate
    unmarked = "配合" if role == "负责" and any(item[3] == "牵头" for item in found) else role
    return [(start, end, piece, name_role or unmarked) for start, end, piece, name_role, _ in found]


def _two_in_one(piece: str) -> tuple[tuple[tuple[int, int], tuple[int, int]], str | None] | None:
    """`A会同B` (B cooperates) or `A（B）` (one office with two names, both answer) in one list item:
    ((A's span, B's span), B's role or None), when both are whole department names."""
    from extract.extractors.departments import find_departments  # responsibilities imports this module

    m = WITH_PARTNER.fullmatch(piece) or OTHER_NAME.fullmatch(piece)
    if m is None or len(m["b"]) < 3 or any(find_departments(x) != [(0, len(x), x)] for x in (m["a"], m["b"])):
        return None
    return (m.span("a"), m.span("b")), ("配合" if m.re is WITH_PARTNER else None)


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
    return {"牵头": "牵头", "配合": "配合", "参与": "配合", "协办": "配合"}.get(verb, "负责")


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
    """Mean length of a column's filled cells (a 合计 row's empty cell is no short task)."""
    texts = [t for r in range(n_head, table.n_rows) if (c := table.cell_at(r, k)) and (t := c.text.strip())]
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


# ---------------------------------------------------------------- task lists written as text

# A label naming who does an item, and the role it gives (责任单位 → 负责 unless a name says 牵头).
LINE_LABEL = regex.compile(r"(?P<label>(?:牵头|配合|协办|参与|责任|主责|承办)(?:单位|部门)|责任主体)\s*[：:]\s*")
LABEL_ROLE = (("牵头", "牵头"), ("配合", "配合"), ("协办", "配合"), ("参与", "配合"))
# A label giving the item's time (完成时限：…, 整改时限：…, 完成时间：…).
TIME_LABEL = regex.compile(r"(?:完成|整改|办结|工作)?(?:时限|时间|期限)\s*[：:]")
# A label giving the item's measures, the best statement of its task (整改措施：…, 主要任务：…).
TASK_LABEL = regex.compile(r"^\s*(?:整改|工作|主要|具体|重点)?(?:措施|任务|举措|内容)\s*[：:]\s*")
# The head of an item or section: （一）…, 一、…, 1. …
ITEM_HEAD = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．](?!\d))\s*")
# How far an item's lines reach from its label line (heading, 目标, 措施, 责任单位, 时限).
ITEM_LINES = 4
# A unit named in a list (市委宣传部, 县消防救援大队) that the name recognizer has no suffix for.
UNIT_NAME = regex.compile(r"^各?\p{Han}{1,18}(?:部|院|会|联|行|团|社|队|集团)$")


def line_duties(ctx: Context, block: Block) -> list[Responsibility]:
    """One responsibility per department a `责任单位：…` label lists in a paragraph block; the duty is
    the item's task, the deadline the item's 时限 line."""
    text = block.text
    facts: list[Responsibility] = []
    first = LINE_LABEL.search(text) if _may_hold_label(text) else None
    if not first:
        return facts
    task = _inline_task(text, first.start()) or _item_task(ctx, block)
    for label in LINE_LABEL.finditer(text, first.start()):
        end = _list_end(text, label.end())
        names = _listed_units(text[label.end():end], _label_role(label["label"]))
        if not names or not task:
            continue
        due = _item_deadline(ctx, block, label.end())
        for start, stop, name, role in names:
            s, e = block.start + label.end() + start, block.start + label.end() + stop
            facts.append(Responsibility(**ctx.ground(s, e, block=block, sentence=text), department=name,
                                        role=role, duty=task, deadline_quote=due[0] if due else None,
                                        due_date=due[1] if due else None))
    return facts


def bracket_duties(ctx: Context, block: Block) -> list[Responsibility]:
    """`1.开展安全检查。（区民政局牵头，区应急管理局、区消防救援大队配合）`: an item closing on a bracket of
    names and role verbs only. One responsibility per name; the duty is the item's text before it."""
    found = _closing_leads(block.text)
    if found is None:
        return []
    m, names = found
    task = _clean(ITEM_HEAD.sub("", block.text[:m.start()], count=1))
    if len(task) < MIN_TASK_CHARS:
        return []
    facts = []
    for start, stop, name, role in names:
        s, e = block.start + m.start("body") + start, block.start + m.start("body") + stop
        facts.append(Responsibility(**ctx.ground(s, e, block=block, sentence=block.text), department=name,
                                    role=role, duty=task))
    return facts


def bracket_lead(block: Block) -> str | None:
    """The unit an item's closing bracket makes the lead (its 牵头 unit, else its first): who the
    times written in the item belong to."""
    found = _closing_leads(block.text)
    if found is None:
        return None
    names = found[1]
    return next((name for _, _, name, role in names if role == "牵头"), names[0][2])


def _closing_leads(text: str) -> tuple[regex.Match, list[tuple[int, int, str, str]]] | None:
    """The bracket closing a paragraph that lists who leads and who cooperates, and its units, if
    every piece of it is a unit with a role verb (a bracket of other words is an aside)."""
    if not text.rstrip().rstrip("。；;").rstrip().endswith(("）", ")")):
        return None  # …（A牵头，B配合）。 closes the item as well as …。（A牵头，B配合）
    m = CLOSING_LEADS.search(text)
    if m is None:
        return None
    pieces = [p for p in regex.split(r"[，,；;]", m["body"]) if p.strip()]
    if not pieces or not all(ROLE_IN_CELL.match(p.strip()) for p in pieces):
        return None
    names = _listed_units(m["body"], "负责")
    return (m, names) if names else None


def _may_hold_label(text: str) -> bool:
    """Plain searches for what every LINE_LABEL match holds (a colon, and 单位, 部门 or 责任主体):
    most paragraphs lack one, and the pattern would scan them all."""
    return ("：" in text or ":" in text) and ("单位" in text or "部门" in text or "责任主体" in text)


def item_lead(ctx: Context, block: Block, pos: int) -> str | None:
    """Who leads the item a 时限 at block.text[pos] belongs to: the 牵头 (else first) unit its
    responsibility label lists, in the same block before pos or on another line of the item."""
    since = max((m.end() for m in TIME_LABEL.finditer(block.text, 0, pos)), default=0)
    labels = list(LINE_LABEL.finditer(block.text, since, pos))
    if labels:
        found = [unit for label in labels for unit in _units_of(block.text, label)]
    else:
        line = _item_line(ctx, block, -1, LINE_LABEL, TIME_LABEL) \
            or _item_line(ctx, block, 1, LINE_LABEL, TIME_LABEL)
        found = _units_of(line.text, LINE_LABEL.match(line.text)) if line else []
    lead = next((name for _, _, name, role in found if role == "牵头"), None)
    return lead or (found[0][2] if found else None)


def _units_of(text: str, label: regex.Match) -> list[tuple[int, int, str, str]]:
    return _listed_units(text[label.end():_list_end(text, label.end())], _label_role(label["label"]))


def _label_role(label: str) -> str:
    return next((role for word, role in LABEL_ROLE if label.startswith(word)), "负责")


def _list_end(text: str, pos: int) -> int:
    """Where a label's list ends: at ；。 or a line end, at a bracket closing one opened before it,
    or at the next label (责任单位：A；完成时限：…)."""
    depth = 0
    for i in range(pos, len(text)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and (ch in "；;。\n" or LINE_LABEL.match(text, i) or TIME_LABEL.match(text, i)):
            return i
    return len(text)


def _listed_units(text: str, role: str) -> list[tuple[int, int, str, str]]:
    """The units of a list, each a recognized name or a unit-like word (once one is marked 牵头, the
    unmarked others of a 责任单位 list cooperate: `cell_names`)."""
    from extract.extractors.departments import find_departments  # responsibilities imports this module

    names = []
    for start, end, name, own in cell_names(text, role):
        known = find_departments(name)
        if (known and known[0][:2] == (0, len(name))) or UNIT_NAME.match(name):
            names.append((start, end, name, own))
    return names


def _inline_task(text: str, label_start: int) -> str | None:
    """`1.推进雨污分流改造。（责任单位：…）`: the item's own text before its label."""
    before = ITEM_HEAD.sub("", text[:label_start], count=1)
    task = _clean(before)
    return task if len(task) >= MIN_TASK_CHARS else None


def _item_task(ctx: Context, block: Block) -> str | None:
    """A label on a line of its own: the item's measures line, else its heading, else the line above."""
    earlier = _earlier_item_blocks(ctx, block)
    measures = next((b for b in earlier if TASK_LABEL.match(b.text)), None)
    if measures:
        return _clean(measures.text[TASK_LABEL.match(measures.text).end():]) or None
    heading = next((b for b in earlier if _is_head(b)), None)
    chosen = heading or (earlier[0] if earlier else None)
    return _clean(ITEM_HEAD.sub("", chosen.text, count=1)) or None if chosen else None


def _clean(task: str) -> str:
    """Spaces off both ends, closing punctuation (and an opening bracket before a label) off the end."""
    return task.strip(" \t\u3000").rstrip(" \t\u3000（(，,。；;：:")


def _is_head(block: Block) -> bool:
    """An item or section heading; a short labelled line the reader took for a heading is none."""
    if LINE_LABEL.match(block.text) or TIME_LABEL.match(block.text) or TASK_LABEL.match(block.text):
        return False
    return block.kind == BlockKind.heading or bool(ITEM_HEAD.match(block.text))


def _earlier_item_blocks(ctx: Context, block: Block) -> list[Block]:
    """The item's paragraphs above block, nearest first, back to its heading; a label or 时限 line
    above belongs to the item before."""
    blocks = ctx.document.blocks
    out: list[Block] = []
    here = _position(blocks, block)
    for b in reversed(blocks[max(0, here - ITEM_LINES):here]):
        if b.kind == BlockKind.table or LINE_LABEL.match(b.text) or TIME_LABEL.match(b.text):
            break
        out.append(b)
        if _is_head(b):
            break
    return out


def _item_line(ctx: Context, block: Block, step: int, want: regex.Pattern,
               stop: regex.Pattern) -> Block | None:
    """The nearest line of block's item, above (step -1) or below (+1), that opens with `want`;
    the walk ends at a table, at a heading (checked first when above), at a `stop` line or after
    ITEM_LINES lines (an item is a heading and a few labelled lines)."""
    blocks = ctx.document.blocks
    here = _position(blocks, block)
    i = here + step
    while 0 <= i < len(blocks) and abs(i - here) <= ITEM_LINES:
        b = blocks[i]
        if b.kind == BlockKind.table or (step > 0 and _is_head(b)):
            return None
        if want.match(b.text):
            return b
        if stop.match(b.text) or _is_head(b):
            return None
        i += step
    return None


def _position(blocks: list[Block], block: Block) -> int:
    """Where block stands in blocks. By identity first: `list.index` compares pydantic models field
    by field with every block before it."""
    for i, b in enumerate(blocks):
        if b is block:
            return i
    return blocks.index(block)


def _item_deadline(ctx: Context, block: Block, pos: int) -> tuple[str, date | None] | None:
    """The first time after a 时限 label: later in the same block, else on the item's 时限 line below
    (or right above: 完成时限 written first)."""
    blocks = ctx.document.blocks
    here = _position(blocks, block)
    above = blocks[here - 1] if here > 0 else None
    line = _item_line(ctx, block, 1, TIME_LABEL, LINE_LABEL) \
        or (above if above and above.kind != BlockKind.table and TIME_LABEL.match(above.text) else None)
    for text in [block.text[pos:]] + ([line.text] if line else []):
        label = TIME_LABEL.search(text)
        expr = next(iter(_time_expressions(ctx, text[label.end():])), None) if label else None
        if expr:
            return text[label.end() + expr.start:label.end() + expr.end], expr.due_date
    return None
