"""Chinese date and time expressions -> ISO dates, with offsets into the text they come from.

Why the year is always passed in: a notice's deadlines are resolved against the notice's own
years (the year written beside them, the plan year, the issue date), never against today. An
expression whose year is not written keeps `needs_year` until `resolve_year` is given one.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from extract import memo
from extract import rx as regex

from extract.normalize.date_patterns import (AFTER_SUFFIX, ALTERNATIVES, AS_OF_PREFIX, BY_PREFIX, BY_SUFFIX,
                                             EACH_YEAR)
from extract.normalize.date_scan import scan

_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def to_ascii_digits(s: str) -> str:
    return s.translate(_FULLWIDTH)


def parse_cn_int(s: str) -> int | None:
    """'2024', '２０２４', '二〇二四' (digit by digit), '三十一', '十', '一百二十' -> int."""
    s = to_ascii_digits(s.strip())
    if s.isdigit():
        return int(s)
    if s and all(c in _CN_DIGIT for c in s):
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, cur = 0, 0
    for c in s:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c in "十百":
            total += (cur or 1) * (10 if c == "十" else 100)
            cur = 0
        else:
            return None
    return total + cur if s else None


def month_end(year: int, month: int) -> date:
    """The real last day of a month (2024-02-29 for 2024年2月底)."""
    return date(year, month, calendar.monthrange(year, month)[1])


# ---------------------------------------------------------------- data
@dataclass(frozen=True)
class Point:
    """A date point as written: year or year offset, month, day, and a part of the period."""

    year: int | None = None
    year_offset: int | None = None  # 次年 +1, 前一年 -1, 今年/当年 0: relative to a year not written
    month: int | None = None
    day: int | None = None
    part: str | None = None  # end, early, mid, mid10, late, year-end, mid-year, h1, h2, q1..q4, q1-end..q4-end


@dataclass(frozen=True)
class TimeExpr:
    """One time expression found in a text, with offsets into that text."""

    start: int
    end: int
    raw: str
    kind: str  # by / range / after / relative / recurring / on
    precision: str
    due_date: date | None = None
    start_date: date | None = None
    year_source: str | None = None
    needs_year: bool = False
    first: Point | None = None
    last: Point | None = None
    after_exclusive: bool = False  # 后/以后 (the day after) rather than 起 (from that day)
    anchor: str | None = None
    offset: int | None = None
    offset_unit: str | None = None  # 日, 天, 工作日, 个月, 周, 小时, 分钟
    offset_days: int | None = None
    working_days: bool = False
    recurrence: str | None = None  # daily, weekly, monthly, quarterly, half-yearly, yearly
    year_offset: int | None = None
    as_of: bool = False  # 截至2024年底: the date a status is stated at, not a deadline


# ---------------------------------------------------------------- spans of points
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


# Days of the parts of a month (0 stands for its last day) and the precision each gives.
_MONTH_PARTS = {"end": (0, 0, "month-end"), "early": (1, 10, "day"), "mid10": (11, 20, "day"),
                "mid": (15, 15, "day"), "late": (21, 0, "month-end")}


def _month_span(pt: Point, y: int) -> tuple[date, date, str]:
    m = pt.month or 1
    if pt.day:
        d = date(y, m, pt.day)
        return d, d, "day"
    last = calendar.monthrange(y, m)[1]
    lo, hi, prec = _MONTH_PARTS.get(pt.part or "", (1, 0, "month"))
    return date(y, m, lo or last), date(y, m, hi or last), prec


def _year_span(pt: Point, y: int) -> tuple[date, date, str]:
    part = pt.part or ""
    if part == "year-end":
        return date(y, 12, 31), date(y, 12, 31), "year-end"
    if part == "mid-year":
        return date(y, 6, 30), date(y, 6, 30), "half-year"
    if part in ("h1", "h2"):
        m0 = 1 if part == "h1" else 7
        return date(y, m0, 1), month_end(y, m0 + 5), "half-year"
    if part.startswith("q"):
        q, last = int(part[1]), month_end(y, 3 * int(part[1]))
        return (last if part.endswith("-end") else date(y, 3 * q - 2, 1)), last, "quarter-end"
    return date(y, 1, 1), date(y, 12, 31), "year"


def point_span(pt: Point, year: int | None = None) -> tuple[date, date, str] | None:
    """First day, last day and precision of a point; None when its year is unknown or invalid."""
    y = pt.year if pt.year is not None else (year + (pt.year_offset or 0) if year is not None else None)
    if y is None:
        return None
    try:
        return _month_span(pt, y) if pt.month else _year_span(pt, y)
    except ValueError:
        return None


# ---------------------------------------------------------------- match -> point
def _part_of(word: str | None) -> str | None:
    if not word:
        return None
    w = to_ascii_digits(word).lstrip("年第")
    table = {"底": "end", "末": "end", "初": "early", "上旬": "early", "中旬": "mid10", "下旬": "late",
             "中": "mid", "终": "year-end", "上半年": "h1", "下半年": "h2"}
    if "季度" in w:  # 第二季度 is the quarter, 第二季度末 its last day
        return "q" + str(_QUARTER[w[0]]) + ("-end" if w.endswith("末") else "")
    return table.get(w)


_POINT_FIELDS = ("iy", "im", "id", "y", "ry", "m", "d", "yp", "mp", "yin", "byin")


def _point_groups(pattern: regex.Pattern) -> dict[str, tuple[int, ...]]:
    """Numbers of the groups of each point a pattern holds, by prefix (p_, a_, b_): `regex` reads
    groups by number several times faster than by name, and a point is read for every date found."""
    index = pattern.groupindex
    return {p: tuple(index[p + f] for f in _POINT_FIELDS) for p in ("p_", "a_", "b_") if p + "iy" in index}


_POINT_GROUPS = {alt.pattern: _point_groups(alt.pattern)
                 for first in ALTERNATIVES.alternatives for alt in (first, first.ahead) if alt is not None}
_YEAR_OFFSET = {"次": 1, "明": 1, "翌": 1, "下一": 1, "前一": -1, "上一": -1, "去": -1}


def _point_from(m: regex.Match, p: str) -> Point | None:
    iy, im, id_, y, rel, mo, d, ypart, mpart, yin, byin = m.group(*_POINT_GROUPS[m.re][p])
    if iy:
        return Point(year=int(iy), month=int(im), day=int(id_))
    year = parse_cn_int(y) if y else None
    offset = None if not rel else _YEAR_OFFSET.get(rel, 0)
    month = parse_cn_int(mo) if mo else None
    day = parse_cn_int(d) if d else None
    if month and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    part = _part_of(mpart) if month else _part_of(ypart)
    if ypart and not month and ypart.lstrip("年") in ("底", "末"):
        part = "year-end"
    if ypart == "年中":
        part = "mid-year"
    if yin or byin:
        part = "year-end"
    return Point(year=year, year_offset=offset, month=month, day=day, part=part)


def _carry_year(a: Point, b: Point) -> Point:
    """In a range the second point takes the first point's year (the next year if it wraps)."""
    if b.year is not None or b.year_offset is not None:
        return b
    if a.year is None:
        return replace(b, year_offset=a.year_offset)
    wraps = b.month is not None and a.month is not None and b.month < a.month
    return replace(b, year=a.year + (1 if wraps else 0))


# ---------------------------------------------------------------- match -> expression
def _points_of(branch: str, m: regex.Match) -> tuple[Point | None, Point | None]:
    if branch == "mrange":
        y = parse_cn_int(m.group("sy"))
        a = Point(year=y, month=parse_cn_int(m.group("sm1")))
        b = Point(year=y, month=parse_cn_int(m.group("sm2")), part="end" if m.group("smp") else None)
        return a, b
    if branch == "yrange":
        return Point(year=parse_cn_int(m.group("yy1"))), Point(year=parse_cn_int(m.group("yy2")))
    if branch == "range":
        a = _point_from(m, "a_")
        if m.group("b") and not m.group("b_m") and not m.group("b_y") and not m.group("b_ry") \
                and not m.group("b_iy") and not m.group("b_yp") and m.group("b_d") and a and a.month:
            b = replace(a, day=parse_cn_int(m.group("b_d")), part=None)
        else:
            b = _point_from(m, "b_")
        return (a, _carry_year(a, b)) if a and b else (None, None)
    p = _point_from(m, "p_")
    return p, p


def _date_expr(text: str, branch: str, m: regex.Match) -> TimeExpr | None:
    """A date point or range (`branch` is the pattern that matched: mrange, yrange, range or point)."""
    a, b = _points_of(branch, m)
    if a is None or b is None:
        return None
    is_range = a is not b
    start, end = m.start(), m.end()
    kind, exclusive = ("range" if is_range else "on"), False
    if branch == "point" and (m.group("p_yin") or m.group("p_byin")):
        kind = "by"  # 年内 / 本年度内: within the year, so by its last day
    head = text[max(0, start - 6):start]
    if suf := BY_SUFFIX.match(text, end):
        kind, end = ("range" if is_range else "by"), suf.end()
    elif not is_range and (suf := AFTER_SUFFIX.match(text, end)):
        kind, end, exclusive = "after", suf.end(), suf.group("w") != "起"
    elif not is_range and BY_PREFIX.search(head):
        kind = "by"
    needs = a.year is None or b.year is None
    dates = _date_fields(kind, a, b, exclusive, None)
    if dates is None:
        return None
    return TimeExpr(start=start, end=end, raw=text[start:end], kind=kind, first=a, last=b,
                    after_exclusive=exclusive, needs_year=needs, year_source=None if needs else "text",
                    year_offset=b.year_offset if b.year is None else None,
                    as_of=bool(AS_OF_PREFIX.search(head)), **dates)


def _date_fields(kind: str, first: Point | None, last: Point | None, after_exclusive: bool,
                 year: int | None) -> dict | None:
    """Precision and due/start dates from the points, given a year for yearless points; None for a
    range that ends before it starts. (A dict, so an expression is built once, not copied twice.)"""
    sa = point_span(first, year) if first else None
    sb = sa if last is first else point_span(last, year) if last else None
    if sa is None or sb is None:
        return {"precision": _precision_of(last), "due_date": None, "start_date": None}
    prec = sb[2]
    if kind == "range":
        if sa[0] > sb[1] and last is not None and last.year is None and year is not None:
            sb = point_span(replace(last, year_offset=(last.year_offset or 0) + 1), year) or sb
            # 12月15日至2月15日: the end month comes before the start month, so in the next year
        if sa[0] > sb[1]:
            return None
        return {"precision": prec, "start_date": sa[0], "due_date": sb[1]}
    if kind == "after":
        begin = sb[1] + timedelta(days=1) if after_exclusive else sb[0]
        return {"precision": prec, "start_date": begin, "due_date": None}
    if kind == "on" and sb[0] != sb[1]:
        return {"precision": prec, "start_date": sb[0], "due_date": sb[1]}
    return {"precision": prec, "due_date": sb[1], "start_date": None}


def _precision_of(pt: Point | None) -> str:
    """Precision from the shape of a point alone (used when its year is not known yet)."""
    span = point_span(pt, 2000) if pt else None
    return span[2] if span else "relative"


def _relative_expr(text: str, m: regex.Match) -> TimeExpr:
    n = parse_cn_int(m.group("rn")) or 0
    unit = m.group("ru").lstrip("个")
    anchor = (m.group("ranc") or m.group("ranc2") or "").strip() or None
    days = n * 7 if unit in ("周", "星期") else (n if unit in ("日", "天", "工作日") else None)
    return TimeExpr(start=m.start(), end=m.end(), raw=m.group(), kind="relative", precision="relative",
                    anchor=anchor, offset=n, offset_unit=unit, offset_days=days,
                    working_days=unit == "工作日")


_PERIOD = {"月": "monthly", "个月": "monthly", "季度": "quarterly", "季": "quarterly", "半年": "half-yearly",
           "年": "yearly", "周": "weekly", "星期": "weekly", "学期": "termly"}


def _recurring_expr(text: str, m: regex.Match) -> TimeExpr:
    per = _PERIOD[m.group("per")]
    end = m.end()
    if m.group("qm") and not m.group("qd") and (more := MORE_MONTHS.match(text, end)):
        end = more.end()  # 每年6月和11月: both months of each year, one recurring time
    if suf := BY_SUFFIX.match(text, end):
        end = suf.end()
    day = parse_cn_int(m.group("qd")) if m.group("qd") else None
    qp = m.group("qp") or ""
    month = parse_cn_int(m.group("qm")) if m.group("qm") else None
    prec = "day" if day else "month" if month and not qp else ("quarter-end" if "季" in qp or per == "quarterly" else
                             "month-end" if qp and (per == "monthly" or month) else
                             "year-end" if qp else "month" if per == "monthly" else
                             "half-year" if per == "half-yearly" else "year")
    pt = Point(month=month, day=day, part=_part_of(qp.lstrip("月")) if qp else None)
    n = parse_cn_int(m.group("qn")) if m.group("qn") else None
    unit = m.group("qu").lstrip("个") if m.group("qu") else None
    return TimeExpr(start=m.start(), end=end, raw=text[m.start():end], kind="recurring",
                    precision=prec, recurrence=per, first=pt, last=pt, offset=n, offset_unit=unit,
                    offset_days=n, working_days=unit == "工作日")


MORE_MONTHS = regex.compile(r"(?:\s*(?:和|、|及|与)\s*(?:[0-9０-９]{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?!份?\s*[0-9０-９]))+")


def _daily_expr(text: str, m: regex.Match, recurrence: str = "daily") -> TimeExpr:
    """每日17时前 / 每周五17时前: due every day (or working day, or that day of each week) by a time
    of day; the day and time stay in `raw`."""
    end = m.end()
    if suf := BY_SUFFIX.match(text, end):
        end = suf.end()
    return TimeExpr(start=m.start(), end=end, raw=text[m.start():end], kind="recurring", precision="day",
                    recurrence=recurrence, first=Point(), last=Point())


def _once_expr(m: regex.Match) -> TimeExpr:
    """半年一次 / 一季度一次: the period comes first and the frequency after it."""
    per = _PERIOD[(m.group("once") or m.group("once_h")).rstrip("度") or "年"]
    prec = {"monthly": "month", "quarterly": "quarter-end", "half-yearly": "half-year"}.get(per, "year")
    return TimeExpr(start=m.start(), end=m.end(), raw=m.group(), kind="recurring", precision=prec,
                    recurrence=per, first=Point(), last=Point())


def _effective_expr(m: regex.Match) -> TimeExpr:
    """自印发之日起施行: from an event of the notice itself; no calendar date (deadlines.py decides)."""
    return TimeExpr(start=m.start(), end=m.end(), raw=m.group(), kind="after", precision="relative",
                    anchor=m.group("eanc"))


_FIVE_YEAR_PART = {"末": "end", "期末": "end", "末期": "end", "初": "start", "初期": "start"}


def _five_year_expr(text: str, m: regex.Match) -> TimeExpr:
    """“十四五”期间 -> 2021..2025 (十一五 began in 2006). Its year_source stays None: the years are
    implied by the plan number, so they must not serve as the context year of other dates."""
    first = 2006 + 5 * (_CN_DIGIT[m.group("fyn")] - 1)
    part = _FIVE_YEAR_PART.get(m.group("fys") or "")
    if part == "end":
        pt = Point(year=first + 4, part="year-end")
        kind = "by" if BY_PREFIX.search(text[max(0, m.start() - 6):m.start()]) else "on"
        return TimeExpr(start=m.start(), end=m.end(), raw=m.group(), kind=kind, precision="year-end",
                        due_date=date(first + 4, 12, 31), first=pt, last=pt)
    a, b = Point(year=first), Point(year=first + (0 if part == "start" else 4))
    return TimeExpr(start=m.start(), end=m.end(), raw=m.group(), kind="range", precision="year",
                    start_date=date(first, 1, 1), due_date=date(b.year, 12, 31), first=a, last=b)


# ---------------------------------------------------------------- public API
def find_time_expressions(text: str, year: int | None = None,
                          year_source: str | None = None) -> list[TimeExpr]:
    """Every time expression in `text`, in order; yearless ones resolved with `year` if given."""
    if not ALTERNATIVES.may_match(text):
        return []  # most sentences of a notice: not worth a memo entry
    return list(_time_expressions(text, year, year_source))


@memo.by_value(1024)
def _time_expressions(text: str, year: int | None, year_source: str | None) -> tuple[TimeExpr, ...]:
    """Cached (expressions are immutable): one notice asks for the same sentence or paragraph again
    (a deadline's sentence, then its block and section when it needs a year), and so do extractors."""
    out: list[TimeExpr] = []
    for branch, m in scan(text, ALTERNATIVES):
        if branch == "rel":
            expr: TimeExpr | None = _relative_expr(text, m)
        elif branch == "rec":
            expr = _recurring_expr(text, m)
        elif branch == "daily":
            expr = _daily_expr(text, m)
        elif branch == "weekday":
            expr = _daily_expr(text, m, "weekly")
        elif branch == "oncerec":
            expr = _once_expr(m)
        elif branch == "eff":
            expr = _effective_expr(m)
        elif branch == "fyp":
            expr = _five_year_expr(text, m)
        else:
            expr = _date_expr(text, branch, m)
        if expr is None:
            continue
        if expr.needs_year and year is not None:
            expr = resolve_year(expr, year, year_source)
        if expr is not None:
            out.append(expr)
    return tuple(out)


def resolve_year(expr: TimeExpr, year: int | None, source: str | None) -> TimeExpr | None:
    """Resolve a yearless expression with a year found elsewhere; `source` says where from."""
    if not expr.needs_year or expr.kind in ("relative", "recurring"):
        return expr
    dates = _date_fields(expr.kind, expr.first, expr.last, expr.after_exclusive, year)
    if dates is None:
        return None
    has_date = dates["due_date"] is not None or dates["start_date"] is not None
    return replace(expr, year_source=source if has_date else None, **dates)


def counts_from_each_year(before: str) -> bool:
    """True when the words before a 次年/前一年 expression say it recurs for each plan year
    (各年度改造计划应于前一年12月底前…), so it has no single calendar date."""
    return bool(EACH_YEAR.search(before))


def parse_date(text: str) -> date | None:
    """A single full calendar date written in `text` (Y年M月D日, 2024.10.31 …), else None."""
    for e in find_time_expressions(text):
        if e.precision == "day" and not e.needs_year and e.kind in ("on", "by"):
            return e.due_date
    return None
