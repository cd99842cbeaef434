"""Deadlines: time expressions that say when something must be done, with the task and who does it.

Why judgement and not every date: notices are full of dates that are not deadlines (signing and
印发 dates, years in titles, building-age criteria such as 2000年底前建成的). A bare date counts only
when a stage label, an action verb or 于/在 marks it; by/range/after/relative/recurring forms count
unless they describe a criterion or an issue date. Implicit years come from the notice itself,
never from the clock (deadline_years.py, whose notice_year_of is re-exported here).
"""
from __future__ import annotations

from dataclasses import replace

from extract import memo
from extract import rx as regex

from extract.extractors.base import Context, Sentence, register, split_sentences
from extract.extractors.deadline_years import (CRITERION_AFTER, CRITERION_BEFORE, ISSUED_AFTER, PAST_DONE, YearHint,
                                               notice_year_of, resolve_implicit_year)
from extract.extractors.departments import LABEL_WORDS
from extract.extractors.duty_tables import TIME_LABEL, bracket_lead, item_lead
from extract.extractors.responsibilities import AREAS, acting_departments
from extract.extractors.subjects import PLACE_ITEM
from extract.normalize.dates import Point, TimeExpr, find_time_expressions, parse_cn_int, resolve_year
from schemas import Block, BlockKind, Cell, Deadline

# Marks that end a clause, and those after which one starts (the start is searched backwards): one
# search finds the nearest, where a find per mark would scan the sentence once for each.
_CLAUSE_END = regex.compile(r"[，,；;。！？!?]")
_CLAUSE_START = regex.compile(r"(?r)[，,；;：:。！？!?]")
_ENUM = regex.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．]"
                      r"|[一二三四五六七八九十]是)\s*")
# A section (科/股/处/室) counts inside its office only (市教育局发展规划科), never alone (此处, 各处).
_UNIT = (r"(?:街道办事处|办公室|指挥部|委员会|部门|政府|公司|中心|(?:局|厅|委|办|院|政府)\p{Han}{2,12}?[科股处室]"
         r"|局|厅|委会|委|办|镇|单位|防指|领导小组)")
# A name may hold a bracketed qualifier with its own 、 (各县（市、区）教育局); a topic before 由 is
# not the name (河道清淤工程由市水利局牵头: the 由 names who), nor is a partner after 会同.
_DEPT_ONE = rf"(?:(?:(?!由|会同|联合|协同)\p{{Han}}|[（(][\p{{Han}}、]{{1,8}}[）)]){{0,20}}?{_UNIT}(?:[（(]\p{{Han}}{{2,10}}[）)])?|各{AREAS})"
_DEPT = regex.compile(rf"^(?:由|请)?(?P<d>(?:{PLACE_ITEM}、)*{_DEPT_ONE}(?:[、和]{_DEPT_ONE})*)"
                      r"(?=要|应|须|必须|需|负责|于|在|将|牵头|联合|会同|按照|按|对|督促|组织|每|自|从|向|"
                      r"[0-9０-９]|[，,：:])")
# After a year: plan words, then a completion verb (2022年计划完成…, 2026年全面建成…).
_YEAR_PLAN = regex.compile(r"\s*(?:计划|力争|确保|争取|要|将|需|应)?\s*(?:全面|全部|基本)?\s*(?:完成|建成|竣工|实现)")
# 各县市区年度实施方案要于…完成: the plan of each county is due, so each county is who.
_COLLECTIVE_OWNER = regex.compile(rf"^(?P<d>各{AREAS})(?=\p{{Han}}{{2,10}}?(?:要|应当|应|须|必须|需)(?:于|在))")
_ACTION = regex.compile(r"^\s*(?:要|应|须|必须|将|需)?\s*(?:启动|开工|竣工|完工|完成|开始|结束|验收|交付|"
                        r"投入使用|上报|报送|提交|组织|召开|开展|实施|出台|建立|制定|全部|全面|基本|前)")
# A recurring duty counts when it reports, meets, inspects, or says how often (每半年…开展一次督导检查).
_REPORT = regex.compile(r"报送|上报|报告|提交|通报|召开|调度|填报|汇报|督导|督查|检查|评估|考核|一次")
_PERIOD_END = ("quarter-end", "year-end", "month-end", "half-year")
_GOAL = regex.compile(r"达到|完成|实现|建成|开工|竣工|全部|基本|力争|确保|不低于")
_LEVEL_REACHED = regex.compile(r"(?:达到|提高到|提升到|不低于)\s*[0-9０-９.]+\s*(?:%|％|个|家|户|人)")
_AS_OF = regex.compile(r"截至\s*$")  # 截至2023年底，全市累计… states a status, not a deadline
# A cut-off that selects who or what qualifies (2024年12月31日前已纳入…名单的, …前取得证书的): a state
# reached by then, or a verb phrase made an attribute by 的, is no task (…竣工的目标 is a goal).
_CUTOFF_AFTER = regex.compile(r"^\s*(?:已经?|已被|(?:建成|竣工|开工|投入使用|取得|纳入|列入|登记|注册|认定|出生|入学|参保"
                              r"|购买|购置|签订|申报|备案)\p{Han}{0,12}?的(?!目标|要求|任务|原则|计划|时限|节点))")
# 以…为准: the date is the reference a list is read at (以2024年底前登记的为准).
_REFERENCE_BEFORE = regex.compile(r"以\s*$")
# 每季度最后一个月25日前: a day in one month of each period (dates.py reads only 每季度).
_MONTH_OF_PERIOD = regex.compile(r"\s*的?(?:最后一个月|最后1个月|末月|首月|第[一二三123]个月)\s*"
                                 r"(?P<day>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*[日号](?:前|之前|以前)?")
# A period named by its range: …期为/…期是 before it, 为…期/阶段 after it (not 同期, 上年同期).
_PERIOD_IS = regex.compile(r"(?<![同上本])(?:期|阶段|时段)\s*(?:为|是)\s*$")
_IS_PERIOD = regex.compile(r"\s*(?:为|是)\p{Han}{0,12}?(?:期|阶段|时段|月)(?:[，,。；;]|$)")
_WEEKDAY_DUE = regex.compile(r"(?:周|星期)[一二三四五六日天].*(?:前|止)$")
_PERIOD_WORDS = regex.compile(r"^\s*(?:为|是)|(?:为|是)\s*$")
_SCHEDULED = regex.compile(r"组织|开展|集中|实施|进行|推进|部署|启动|排查|整治|检查")
_REPORTED = regex.compile(r"累计|共计|同比|环比|已经|已|完成了|实现了|增长|下降")
_LABELLED = regex.compile(r"(?:时间|时限|期限|期间|日期|节点)\s*(?:为|是)?\s*[:：]?\s*$")
_STAGE_LABEL = regex.compile(r"(?:阶段|时期|期间|节点|时限|期限|时间|期)$")
_STAGE_OF_BLOCK = regex.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)])?\s*(?P<s>[^（(，。；]{1,20}?阶段)")
_TASK_TRIM_HEAD = regex.compile(r"^(?:确保|力争|按照|要求|并|且|要|应|须)+")
_TASK_TRIM_TAIL = regex.compile(r"(?:应于|要于|须于|应在|要在|须在|于|在|到|至|截至|的目标|的要求|要|应)+$")
_TASK_TRIM_GOAL = regex.compile(r"(?:的目标|的要求)$")
_TASK_TRIM_NOTE = regex.compile(r"[（(][^（）()]*[）)]$")
_LABEL_TAIL = regex.compile(r"[为是:：\s]+$")
_DATED_PARENTHETICAL = regex.compile(r"[（(][^（）()]*[年月][^（）()]*[）)]")
_MARKED_BEFORE = regex.compile(r"(?:于|在)\s*$")
_YU_BEFORE_LIST = regex.compile(r"(?:于|在)\s*[^，。；于在]{1,12}?[和、及与或]\s*$")
_COORDINATOR_AT = regex.compile(r"\s*(?:份)?\s*(?:[和、及与或]\s*)")  # matched at a position
_MONTH_WORD_AT = regex.compile(r"\s*份?")
COORDINATED_DATE_REACH = 120

LOOKBEHIND = 200  # characters before an expression its tests read (book titles, labels, 于/在)
CLAUSE_REACH = 1000  # the longest clause read around an expression

# ---------------------------------------------------------------- entry point
@register("deadlines")
def extract_deadlines(ctx: Context) -> list[Deadline]:
    """Deadlines from every sentence, then from table columns headed like 时间/时限."""
    notice_year = notice_year_of(ctx)
    out: list[Deadline] = []
    dated = [(sent, exprs) for sent in ctx.sentences() if (exprs := find_time_expressions(sent.text))]
    for sent, exprs in dated:
        for expr in _with_month_of_period(sent.text, exprs):
            d = _deadline_of(ctx, sent, expr, notice_year)
            if d is not None:
                out.append(d)
    for block in ctx.document.tables():
        out.extend(_table_deadlines(ctx, block, notice_year))
    return out


def _stored_kind(expr: TimeExpr) -> str:
    """A period written as one point (第三季度, 上半年, 于9月) spans its first to its last day: stored as
    a range, like 3月至4月, so that every deadline with a start date is a range. `on` stays for a day."""
    if expr.kind == "on" and expr.start_date is not None and expr.due_date is not None \
            and expr.start_date != expr.due_date:
        return "range"
    return expr.kind


def _deadline_of(ctx: Context, sent: Sentence, expr: TimeExpr,
                 notice_year: YearHint | None) -> Deadline | None:
    if not is_deadline(sent.text, expr):
        return None
    if expr.precision == "year" and expr.kind == "on":
        issued = ctx.meta.issue_date
        if issued and expr.first and expr.first.year and expr.first.year < issued.year:
            return None  # 2023年完成… in a notice of 2024 reports what was done
        if not _is_year_stage(sent.text, expr):
            expr = _as_year_end(expr)  # a stage's whole year stays a range
    issued = ctx.meta.issue_date
    if expr.kind in ("on", "range") and expr.due_date and issued and expr.due_date < issued:
        return None  # 2023年底，全市累计建成… in a notice of 2024 states a status; 2026年1月至3月，…开展了… a past period
    expr = resolve_implicit_year(ctx, sent, expr, notice_year)
    if expr is None:
        return None
    if expr.kind in ("on", "range") and expr.due_date and issued and expr.due_date < issued \
            and PAST_DONE.search(sent.text):
        return None  # 于3月9日至27日…开展了检查 in a notice of April: when it was done
    start, end = sent.start + expr.start, sent.start + expr.end
    return Deadline(**ctx.ground(start, end, block=sent.block, sentence=sent.text),
                    deadline_kind=_stored_kind(expr), raw=expr.raw, due_date=expr.due_date,
                    start_date=expr.start_date, precision=expr.precision,
                    task=task_of(ctx, sent, expr), department=department_of(ctx, sent, expr),
                    anchor=expr.anchor, offset_days=expr.offset_days, offset=expr.offset,
                    offset_unit=expr.offset_unit, recurrence=expr.recurrence, year_source=expr.year_source)


def _with_month_of_period(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """`每季度` followed by `最后一个月25日前`: one recurring expression, quoted whole, due on that day."""
    out: list[TimeExpr] = []
    for expr in exprs:
        if out and expr.start < out[-1].end:
            continue
        m = _MONTH_OF_PERIOD.match(text, expr.end) if expr.kind == "recurring" else None
        if expr.kind == "recurring" and expr.first is not None and not expr.first.day and m \
                and expr.recurrence in ("quarterly", "half-yearly", "yearly"):
            day = Point(day=parse_cn_int(m["day"]))
            expr = replace(expr, end=m.end(), raw=text[expr.start:m.end()], precision="day", first=day, last=day)
        out.append(expr)
    return out


# ---------------------------------------------------------------- is it a deadline?
def is_deadline(text: str, expr: TimeExpr) -> bool:
    """Judge one expression in its sentence: by/range/after/relative/recurring, or a marked bare date."""
    # What decides is written right before the expression: a bounded window keeps every test linear
    # on a sentence with thousands of dates (hostile or broken input), the same on real clauses.
    before, after = text[max(0, expr.start - LOOKBEHIND):expr.start], text[expr.end:]
    if expr.kind == "relative":
        return True
    if expr.kind == "recurring":
        pt = expr.first
        marked = pt is not None and (pt.day or pt.month or pt.part) or expr.offset is not None \
            or expr.recurrence == "daily" and expr.raw.endswith(("前", "止")) \
            or expr.recurrence == "weekly" and _WEEKDAY_DUE.search(expr.raw)  # 每日17时前, 每周五前; not 每日9时开放
        return bool(marked) or bool(_REPORT.search(_clause_after(text, expr)))
    if _inside_book_title(before) or CRITERION_AFTER.match(after) or CRITERION_BEFORE.search(before) \
            or _AS_OF.search(before) or _is_cutoff(before, after):
        return False
    if expr.precision == "year" and expr.kind == "on" and (_year_plan(text, expr) or _is_year_stage(text, expr)):
        return True
    if ISSUED_AFTER.match(after) and expr.kind != "by" or (expr.precision == "year" and expr.kind in ("on", "range")):
        return False  # 2024年4月28日印发 is an issue date; 5月15日前印发实施 a deadline
    if expr.kind in ("by", "after") or expr.kind == "range" and (
            _bounded_range(text, expr) or _named_period(text, expr) or _scheduled_range(text, expr)):
        return True
    return _is_stage_period(text, expr) or bool(_ACTION.match(_skip_coordinated(text, expr.end))) \
        or bool(_MARKED_BEFORE.search(before)) or _coordinated_with_yu(text, expr) \
        or bool(_LABELLED.search(before)) or _period_end_heads_goal(text, expr) \
        or expr.kind == "on" and expr.precision == "month" and bool(_IS_PERIOD.match(text, expr.end))


def _is_cutoff(before: str, after: str) -> bool:
    """An eligibility cut-off: `…前已纳入…的`, `…前取得…的`, or `以…为准`."""
    return bool(_CUTOFF_AFTER.match(after)) or (bool(_REFERENCE_BEFORE.search(before)) and "为准" in after)


def _period_end_heads_goal(text: str, expr: TimeExpr) -> bool:
    """`第二季度末，…开工率达到60%以上`: a period end standing alone before a comma, then a goal."""
    if expr.kind != "on" or expr.precision not in _PERIOD_END:
        return False
    alone = not _ENUM.sub("", _clause_before(text, expr.start))
    after = _clause_after(text, expr)
    # 第二季度末，开工率达到60%以上 / 第一季度末回收率达到55%以上, 第二季度末达到70%以上: the goal may follow
    # without a comma when its level is stated (a percentage or a count after 达到)
    return alone and bool(_GOAL.search(after)) and (
        text[expr.end:].lstrip()[:1] in ("，", ",") or bool(_LEVEL_REACHED.search(after)))


def _year_plan(text: str, expr: TimeExpr) -> bool:
    """`2026年完成…改造` / `2022年计划完成…任务`: a year opening a sentence that states what is to be
    completed in it (not a title: the sentence must end like prose)."""
    opening = _opens_sentence(text, expr.start)
    return opening and text.rstrip().endswith(("。", "；", ";")) and bool(_YEAR_PLAN.match(text, expr.end))


def _as_year_end(expr: TimeExpr) -> TimeExpr:
    """A year-only plan target is due by the last day of that year."""
    return replace(expr, kind="by", precision="year-end", start_date=None)


def _bounded_range(text: str, expr: TimeExpr) -> bool:
    """A range that closes (起…止, …前) or stands alone; '2024年1-6月，全市完成…' is a report period."""
    alone = not text.replace(expr.raw, "").strip(" 。；;，,：:\u3000")
    return alone or "起" in expr.raw or expr.raw.rstrip().endswith(("止", "前"))


def _opens_sentence(text: str, pos: int) -> bool:
    """Nothing but blanks or an outline marker ((一), 1.) before pos."""
    head = text[:pos].strip()
    return len(head) <= 12 and not _ENUM.sub("", head).strip()


def _named_period(text: str, expr: TimeExpr) -> bool:
    """A range that names a period: 汛期为2025年5月1日至9月30日, 2026年1月1日至4月30日为高火险期."""
    return bool(_PERIOD_IS.search(text, max(0, expr.start - LOOKBEHIND), expr.start)) \
        or bool(_IS_PERIOD.match(text, expr.end))


def _period_name(text: str, expr: TimeExpr) -> str | None:
    """The name of the period a range names (主汛期, 森林高火险期, 集中攻坚期), else None."""
    if m := _IS_PERIOD.match(text, expr.end):
        return _PERIOD_WORDS.sub("", m.group()).strip("，,。；; ") or None
    if _PERIOD_IS.search(text, max(0, expr.start - LOOKBEHIND), expr.start):
        cs, _ = _clause_bounds(text, expr.start, expr.end)
        name = _PERIOD_WORDS.sub("", _ENUM.sub("", text[cs:expr.start].strip()))
        return name.removeprefix("其中").strip() or None
    return None


def _scheduled_range(text: str, expr: TimeExpr) -> bool:
    """A range opening its sentence before what is to be done in it (2025年3月至6月，组织开展…);
    a report period states results instead (2024年1-6月，全市完成投资…)."""
    opening = _opens_sentence(text, expr.start)
    return opening and bool(_SCHEDULED.search(text, expr.end)) and not _REPORTED.search(text, expr.end)


def _inside_book_title(before: str) -> bool:
    return before.rfind("《") > before.rfind("》")


def _is_year_stage(text: str, expr: TimeExpr) -> bool:
    """（二）集聚发展阶段（2027年）: a stage lasting a whole year, named as one (a title's （2026年）
    is not: the label must say 阶段 or 时期)."""
    if not _is_stage_period(text, expr):
        return False
    return bool(_STAGE_LABEL.search(_ENUM.sub("", _clause_before(text, len(text[:expr.start].rstrip()) - 1))))


def _is_stage_period(text: str, expr: TimeExpr) -> bool:
    """(…阶段（2025年12月）): the expression is the whole parenthetical after a stage label."""
    before, after = text[:expr.start].rstrip(), text[expr.end:].lstrip()
    if not (before.endswith(("（", "(")) and after.startswith(("）", ")"))):
        return False
    label = _ENUM.sub("", _clause_before(text, len(before) - 1))
    return bool(label) and (bool(_STAGE_LABEL.search(label)) or len(label) <= 12)


def _skip_coordinated(text: str, pos: int) -> str:
    """Text after pos, past '份' and past dates joined by 和/、/及 (6 月和 11 月组织…)."""
    start = _MONTH_WORD_AT.match(text, _coordinated_end(text, pos)).end()
    return text[start:start + CLAUSE_REACH + 1]  # callers read one clause of it at most


_LIST_ENDS = memo.per_notice_dict()


def _coordinated_end(text: str, pos: int) -> int:
    """Where the list of dates joined to the one ending at pos ends. Every date of a list asks it,
    so each walk records its answer for every position it passed (each next date is looked for in a
    short window): a list of n dates costs n steps, not n² (or n³ reading all the rest each time)."""
    passed = []
    while (end := _LIST_ENDS.get((text, pos))) is None:
        m = _COORDINATOR_AT.match(text, pos)
        nxt = find_time_expressions(text[m.end():m.end() + COORDINATED_DATE_REACH]) if m else ()
        passed.append(pos)
        if not nxt or nxt[0].start != 0:
            end = pos
            break
        pos = m.end() + nxt[0].end
    for p in passed:
        _LIST_ENDS[(text, p)] = end
    return end


def _coordinated_with_yu(text: str, expr: TimeExpr) -> bool:
    """The second date of '于 6 月和 11 月' is marked by the 于 before the first."""
    m = _YU_BEFORE_LIST.search(text[max(0, expr.start - LOOKBEHIND):expr.start])
    return bool(m) and bool(find_time_expressions(m.group()))


# ---------------------------------------------------------------- clauses, task, department
def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end]; a run of more than CLAUSE_REACH characters without a
    mark ends where the reach does (no real clause is that long; a search per date over a whole
    unpunctuated run was quadratic)."""
    floor = max(0, start - CLAUSE_REACH)
    opening = _CLAUSE_START.search(text, floor, start)
    closing = _CLAUSE_END.search(text, end, end + CLAUSE_REACH)
    return (opening.end() if opening else floor,
            closing.start() if closing else min(len(text), end + CLAUSE_REACH))


def _clause_before(text: str, pos: int) -> str:
    cs, _ = _clause_bounds(text, pos, pos)
    return text[cs:pos].strip()


def _clause_after(text: str, expr: TimeExpr) -> str:
    rest = _skip_coordinated(text, expr.end).lstrip(" \u3000")
    if rest[:1] in ("，", ","):
        rest = rest[1:]
    cut = _CLAUSE_END.search(rest, 0, CLAUSE_REACH)
    return rest[:cut.start()] if cut else rest[:CLAUSE_REACH]


def task_of(ctx: Context, sent: Sentence, expr: TimeExpr) -> str | None:
    """What must be done: a stage label, else the clause after the expression (with its subject
    when the rest is only a verb), else the heading just before a date-only paragraph."""
    text = sent.text
    if _is_stage_period(text, expr):
        return _stage_label(text, expr) or None
    if expr.kind in ("range", "on") and (name := _period_name(text, expr)):
        return name
    if lab := _LABELLED.search(text, max(0, expr.start - LOOKBEHIND), expr.start):
        cs, _ = _clause_bounds(text, lab.start(), lab.start())
        label = _LABEL_TAIL.sub("", text[cs:lab.end()])
        return _ENUM.sub("", label) or None
    after = _trim_task(_clause_after(text, expr))
    if len(after) <= 4:
        before = _ENUM.sub("", _after_dated_parenthetical(_clause_before(text, expr.start)))
        dept = _DEPT.match(before)
        subject = before[dept.end():] if dept else before
        after = _trim_task(_TASK_TRIM_TAIL.sub("", subject.strip()) + after)
        stage = _STAGE_OF_BLOCK.match(sent.block.text)
        if after and len(after) <= 4 and stage and stage.group("s") not in after:
            after = stage.group("s") + after
    return after or _previous_heading(ctx, sent.block)


def _stage_label(text: str, expr: TimeExpr) -> str:
    """The label before the parenthetical that holds the expression: '摸底调查阶段'."""
    opening = max(text.rfind("（", 0, expr.start), text.rfind("(", 0, expr.start))
    return _ENUM.sub("", _clause_before(text, opening))


def _after_dated_parenthetical(s: str) -> str:
    """Drop a stage label and its dated parenthetical before the subject ('…阶段（2022年3月）按照')."""
    found = list(_DATED_PARENTHETICAL.finditer(s))
    return s[found[-1].end():] if found else s


def _trim_task(s: str) -> str:
    s = _TASK_TRIM_HEAD.sub("", s.strip())
    s = _TASK_TRIM_GOAL.sub("", s)
    trimmed = _TASK_TRIM_NOTE.sub("", s).strip()
    return trimmed or s


def _previous_heading(ctx: Context, block: Block) -> str | None:
    prev = [b for b in ctx.document.blocks if b.seq == block.seq - 1]
    if prev and prev[0].kind != BlockKind.table and len(prev[0].text) <= 20 \
            and not prev[0].text.endswith(("。", "；", ";")):
        return _ENUM.sub("", prev[0].text).strip("：: ") or None
    return None


def department_of(ctx: Context, sent: Sentence, expr: TimeExpr) -> str | None:
    """Who: a department-like noun phrase at the subject position of the clause or sentence (or
    the 各县市区 whose plan is due); for a stage heading, the first department acting in the
    sentence that opens the stage (its later sentences are side tasks)."""
    text = sent.text
    if _is_stage_period(text, expr):
        span = _stage_opening(ctx, sent, expr)
        return "、".join(acting_departments(ctx, *span)) or None if span else None
    label = _time_label_before(text, expr)
    lead = item_lead(ctx, sent.block, sent.start - sent.block.start + label) if label is not None else None
    if lead:
        return lead
    if (lead := bracket_lead(sent.block)) is not None:
        return lead  # 2.…于9月30日前完成。（区市场监管局牵头，区民政局配合）
    cs, _ = _clause_bounds(text, expr.start, expr.end)
    for cand in (text[cs:], text) if cs else (text,):  # a first clause is the sentence: try it once
        cand = _ENUM.sub("", cand.strip())
        m = _DEPT.match(cand) or _COLLECTIVE_OWNER.match(cand)
        if m and not LABEL_WORDS.fullmatch(m.group("d")):
            return m.group("d")
    return _actor_around(ctx, sent, expr)


def _time_label_before(text: str, expr: TimeExpr) -> int | None:
    """Offset of a `完成时限：`-style label heading the expression's clause (a task list line), if any."""
    clause = text[:expr.start]
    m = next((m for m in TIME_LABEL.finditer(clause) if m.start() >= _label_clause_start(clause)), None)
    return m.start() if m else None


def _label_clause_start(text: str) -> int:
    """Start of the last `；`/`（`-delimited part of text (责任单位：…；完成时限：…)."""
    return max(text.rfind(c) for c in "；;（(\n") + 1


def _actor_around(ctx: Context, sent: Sentence, expr: TimeExpr) -> str | None:
    """The department acting in the expression's clause, or in the next one when the time stands
    alone before it (2024年3月底前，各县（市、区）将…)."""
    text = sent.text
    cs, ce = _clause_bounds(text, expr.start, expr.end)
    if not text[cs:ce].replace(expr.raw, "").strip(" \u3000"):
        _, ce = _clause_bounds(text, min(ce + 1, len(text)), min(ce + 1, len(text)))
    names = acting_departments(ctx, sent.start + cs, sent.start + ce)
    return "、".join(names) or None


def _stage_opening(ctx: Context, sent: Sentence, expr: TimeExpr) -> tuple[int, int] | None:
    """Offsets of the text that opens a stage: the rest of the heading sentence after its dated
    parenthetical, else the next sentence of the block, else the first of the next block."""
    close = min(i for i in (sent.text.find("）", expr.end), sent.text.find(")", expr.end)) if i >= 0)
    rest = sent.start + close + 1
    while rest < sent.end and sent.text[rest - sent.start] in "。.， \u3000":
        rest += 1
    if rest < sent.end:
        return rest, sent.end
    following = [s for s in split_sentences(sent.block) if s.start >= sent.end]
    blocks = ctx.document.blocks
    nxt = next((b for b in blocks if b.start >= sent.block.end), None)
    if not following and nxt is not None and nxt.kind != BlockKind.table:
        following = list(split_sentences(nxt))
    return (following[0].start, following[0].end) if following else None


# ---------------------------------------------------------------- tables
_DATE_HEADER = regex.compile(r"时间|时限|期限|日期|节点|完成时间")
_TASK_HEADER = regex.compile(r"任务|内容|事项|工作|措施|项目")
_DEPT_HEADER = regex.compile(r"单位|部门|责任")


def _table_deadlines(ctx: Context, block: Block, notice_year: YearHint | None) -> list[Deadline]:
    """Deadlines from a table column whose header names a time (完成时间, 时限 …)."""
    table = block.table
    if table is None or table.n_rows < 2:
        return []
    header = {c.col: c.text for c in table.cells if c.row == 0}
    date_cols = [k for k, t in header.items() if _DATE_HEADER.search(t)]
    task_col = next((k for k, t in header.items() if _TASK_HEADER.search(t) and k not in date_cols), None)
    dept_col = next((k for k, t in header.items() if _DEPT_HEADER.search(t) and k not in date_cols), None)
    out = []
    for cell in (c for c in table.cells if c.row > 0 and c.col in date_cols):
        for expr in find_time_expressions(cell.text):
            if expr.needs_year and notice_year and expr.kind not in ("relative", "recurring"):
                expr = resolve_year(expr, notice_year.year, notice_year.source)
            if expr is None or (expr.precision == "year" and expr.kind == "on"):
                continue
            out.append(_table_deadline(ctx, block, cell, expr, task_col, dept_col))
    return out


def _table_deadline(ctx: Context, block: Block, cell: Cell, expr: TimeExpr, task_col: int | None,
                    dept_col: int | None) -> Deadline:
    table = block.table
    task_cell = table.cell_at(cell.row, task_col) if task_col is not None else None
    dept_cell = table.cell_at(cell.row, dept_col) if dept_col is not None else None
    return Deadline(**ctx.ground(cell.start + expr.start, cell.start + expr.end, block=block,
                                 table_row=cell.row, table_col=cell.col, sentence=cell.text),
                    deadline_kind=_stored_kind(expr), raw=expr.raw, due_date=expr.due_date,
                    start_date=expr.start_date, precision=expr.precision,
                    task=task_cell.text if task_cell else None,
                    department=dept_cell.text if dept_cell else None,
                    anchor=expr.anchor, offset_days=expr.offset_days, offset=expr.offset,
                    offset_unit=expr.offset_unit, recurrence=expr.recurrence, year_source=expr.year_source)
