"""Numbers as written in notices (ASCII, full-width, Chinese numerals) and figures (number + unit).

Why exact: every figure ends up in a cross-check (parts vs whole, rounding-aware), so values are
Decimal and keep how many decimals were written. Why a figure finder here: dates, document
numbers, phone numbers and list numbers are full of digits; one place decides what a figure is,
so every extractor skips the same non-figures.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass
from decimal import Decimal

import regex

from extract import memo
from extract.normalize.units import UNIT_PATTERN, UNIT_START, UnitInfo, to_base, unit_info


@dataclass(frozen=True)
class ParsedNumber:
    """A number as written: exact value, digits after the point, and the raw text."""

    value: Decimal
    decimals: int
    raw: str


FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL) + "".join(CN_BIG)

_ASCII_NUM = regex.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")


def to_ascii_digits(s: str) -> str:
    """Full-width digits and point/comma to ASCII (same length, so offsets are kept)."""
    return s.translate(FULLWIDTH)


def parse_number(raw: str) -> ParsedNumber | None:
    """Parse one number (no unit): 1,658.52 / ２８３．７９ / 一百零五 / 二〇二四. None if it is not one."""
    if raw is None:
        return None
    s = to_ascii_digits(raw.strip())
    if not s:
        return None
    plain = _plain_decimal(s)
    if plain is not None:
        return ParsedNumber(Decimal(s), plain, raw)
    m = _ASCII_NUM.fullmatch(s)
    if m:
        decimals = len(m.group(1)) if m.group(1) else 0
        return ParsedNumber(Decimal(s.replace(",", "")), decimals, raw)
    cn = _parse_chinese(s)
    if cn is None:
        return None
    value, decimals = cn
    return ParsedNumber(value, decimals, raw)


def _plain_decimal(s: str) -> int | None:
    """Decimals of 2024 / 12.50 (ASCII digits, at most one point, no sign or comma), else None:
    most numbers are written so, and str tests are cheaper than _ASCII_NUM."""
    whole, point, frac = s.partition(".")
    if not (whole.isascii() and whole.isdigit()):
        return None
    if not point:
        return 0
    return len(frac) if frac.isascii() and frac.isdigit() else None


def _parse_chinese(s: str) -> tuple[Decimal, int] | None:
    """Chinese numerals, with an optional 点 fraction (三点五 -> 3.5)."""
    whole, _, frac = s.partition("点")
    if not whole or any(ch not in CN_CHARS for ch in whole):
        return None
    if frac and any(ch not in CN_DIGITS for ch in frac):
        return None
    value = _cn_integer(whole)
    if value is None:
        return None
    if not frac:
        return Decimal(value), 0
    digits = "".join(str(CN_DIGITS[ch]) for ch in frac)
    return Decimal(f"{value}.{digits}"), len(digits)


def _cn_integer(s: str) -> int | None:
    """Integer value of a Chinese numeral; digit-by-digit when it has no 十/百/千/万/亿 (二〇二四)."""
    if all(ch in CN_DIGITS for ch in s):
        if len(s) > 1 and s[0] in "两":
            return None
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    for big in ("亿", "万"):
        if big in s:
            left, _, right = s.rpartition(big)
            lv = _cn_integer(left) if left else None
            if lv is None or lv == 0:
                return None
            if right and not right.strip("零〇○"):
                return None
            rv = _cn_integer(right.lstrip("零〇○")) if right else 0
            if rv is None or rv >= CN_BIG[big]:
                return None
            return lv * CN_BIG[big] + rv
    return _cn_section(s)


def _cn_section(s: str) -> int | None:
    """Value below 10000 written with 十/百/千 (十一, 一百零五, 三千五百)."""
    total, digit, last_small = 0, None, 10**5
    for ch in s:
        if ch in CN_DIGITS:
            if digit not in (None, 0):
                return None
            digit = CN_DIGITS[ch]
        else:
            mult = CN_SMALL.get(ch)
            if mult is None or mult >= last_small or digit == 0:
                return None
            if digit is None and not (mult == 10 and total == 0):
                return None
            total += (1 if digit is None else digit) * mult
            digit, last_small = None, mult
    if digit:
        total += digit
    return total


# ---------------------------------------------------------------- figures in running text

APPROX_BEFORE = ("大约", "将近", "接近", "约", "近")
BOUND_BEFORE = ("不低于", "不少于", "不超过", "不高于", "不大于", "不足", "超过", "高于", "低于", "多于", "少于",
                "控制在", "达到", "力争", "达")
APPROX_INSIDE = ("余", "多")
AFTER = ("左右", "以上", "以下", "以内", "上下")
_BEFORE = APPROX_BEFORE + BOUND_BEFORE  # in order of preference
APPROXIMATE = {"大约", "将近", "接近", "约", "近", "余", "多", "左右", "上下"}

_DIGIT_NUM = r"[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?"
_CN_NUM = r"[零〇一二两三四五六七八九十百千]+(?:[万亿][零〇一二两三四五六七八九十百千]+)*(?:点[零〇一二三四五六七八九]+)?"
# A number with no unit (and no 百分之) is never a figure, but it still consumes its text, so the scan
# resumes after it (a number is never re-read from its middle). (*SKIP)(*FAIL) does exactly that
# inside the regex engine: the unit-less numbers (一 in 统一, 进一步 …, most hits) never reach Python.
# The UNIT_START look-ahead only spares trying every unit where none can begin.
FIGURE_RE = regex.compile(
    rf"(?P<pct>百分之)?(?P<num>{_DIGIT_NUM}|{_CN_NUM})(?P<inside>余|多)?[ \u3000]{{0,2}}"
    rf"(?:(?={UNIT_START})(?P<unit>{UNIT_PATTERN})|(?(pct)|(*SKIP)(*FAIL)))"
)

# Group numbers of FIGURE_RE: the regex module looks a group name up on every access.
_PCT, _NUM, _INSIDE, _UNIT = (FIGURE_RE.groupindex[k] for k in ("pct", "num", "inside", "unit"))

# A unit character that is really the first character of a word (7部门, 个别, 人民, 家属院 …).
UNIT_WORD_HEADS = {
    "部": "门位署分长队件", "人": "民员大才口均次士户", "项": "目", "条": "件例款", "处": "理置罚室",
    "家": "属庭园居长", "所": "在有属以需", "次": "要序", "间": "接隔", "台": "账阶", "根": "据本",
    "座": "谈", "户": "籍口型主", "个": "人别体案", "套": "餐", "名": "单称义", "株": "洲",
    "米": "粒", "元": "旦素", "张": "贴", "件": "事", "头": "等号部条", "只": "有要能是需", "羽": "毛绒球",
    "顶": "层端", "副": "主组省市县区局书秘职", "双": "方向重边", "箱": "式", "块": "钱", "架": "构设空",
    "把": "握关手", "袋": "装", "桶": "装",
}
# 个 that measures time or points, not things: 3个月内, 15个工作日, 2个百分点, 一个季度.
NOT_A_COUNT_AFTER = {"个": regex.compile(r"(?:月|工作日|自然日|日历日|季度|百分点|小时|星期|周|年度|批次)")}
_ORDINAL_BEFORE = ("第", "每", "这", "那", "各", "某", "其")
# Slogans that only look like counts: 六个百分之百, 三个一批, 五个一, 四个不摘, 两个确保, 三个代表.
SLOGAN_COUNT = regex.compile(
    r"[三四五六七八九十]{1,2}个(?:百分之百|一(?![流级类线般体])|零|不|确保|坚持|必须|务必|到位|意识|自信|维护|"
    r"代表|区分|严禁|不准|转变|着力|聚焦)")
# A short quoted phrase is a named term or slogan (“3个100%”, “两不愁三保障”), not a figure.
QUOTED_TERM = regex.compile(r"[“「『]([^“”「」『』\n，。；]{1,15})[”」』]")
# Every figure starts with a numeral (百分之 with 百). Most sentences have none, and the standard
# library finds the first one several times faster than `regex` scans for FIGURE_RE, so the scan
# starts there (FIGURE_RE has no look-behind: what lies before the first numeral never matters).
_FIRST_NUMERAL = re.compile(r"[0-9０-９零〇一二两三四五六七八九十百千]")
# Two figures joined by 至/—/～ form a range (3至5人, 40—60平方米): neither end is a stated figure.
_RANGE_JOIN = r"(?:至|~|～|—{1,2}|–)"
_RANGE_CHARS = "至~～—–到"
_CONTACT_CHARS = frozenset(string.ascii_letters + "@_#/\\-")  # next to a number: a code, e-mail or phone


@dataclass(frozen=True)
class FigureMatch:
    """A number and its unit in a text: offsets of number+unit, value, base value, qualifier."""

    start: int
    end: int
    raw: str
    number: ParsedNumber
    unit_raw: str
    unit: UnitInfo
    value_base: Decimal
    base_decimals: int
    qualifier: str | None = None
    approximate: bool = False
    in_range: bool = False

    @property
    def quote(self) -> str:
        return self.raw

    @property
    def value(self) -> Decimal:
        return self.number.value


def find_figures(text: str) -> list[FigureMatch]:
    """Every number followed by a known unit in `text`, skipping dates, doc numbers, contacts, lists.

    Memoized per notice (extract/memo.py): several extractors and checks scan the same sentences
    (FigureMatch is frozen).
    """
    return list(_find_figures(text))


def figures_in(text: str) -> tuple[FigureMatch, ...]:
    """find_figures without the copy, for loops over every sentence of a notice: the tuple is the
    memo's own (immutable, of frozen figures)."""
    return _find_figures(text)


@memo.by_value(4096)
def _find_figures(text: str) -> tuple[FigureMatch, ...]:
    first = _FIRST_NUMERAL.search(text)
    if first is None:
        return ()
    out: list[FigureMatch] = []
    slogans: list[tuple[int, int]] | None = None  # only texts with a figure need them
    for m in FIGURE_RE.finditer(text, first.start()):
        fig = _figure_from_match(text, m)
        if fig is None:
            continue
        if slogans is None:
            slogans = slogan_spans(text)
        if not any(s <= fig.start < e for s, e in slogans):
            out.append(fig)
    return tuple(out)


def slogan_spans(text: str) -> list[tuple[int, int]]:
    """Spans of slogans and short quoted terms, whose numerals are names, not figures."""
    spans = [(m.start(), m.end()) for m in SLOGAN_COUNT.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in QUOTED_TERM.finditer(text)]
    return spans


def _figure_from_match(text: str, m: regex.Match) -> FigureMatch | None:
    unit_raw = m.group(_UNIT)
    pct = m.group(_PCT)
    if pct:
        unit_raw = "%"
    if not unit_raw or _is_not_a_figure(text, m):
        return None
    raw_num = m.group(_NUM)
    number = parse_number(raw_num)
    if number is None:
        return None
    info = unit_info(unit_raw)
    if info is None:
        return None
    value_base, base_dec = to_base(number.value, number.decimals, info)
    qualifier = _qualifier(text, m)
    start = m.start(_PCT) if pct else m.start(_NUM)
    end = m.end(_NUM) if pct else m.end(_UNIT)
    return FigureMatch(start, end, text[start:end], number, unit_raw if not pct else "%", info, value_base,
                       base_dec, qualifier, qualifier in APPROXIMATE, _in_range(text, start, m.end()))


_RANGE_BEFORE = regex.compile(
    rf"(?:{_DIGIT_NUM}|{_CN_NUM})[ \u3000]{{0,2}}(?:{UNIT_PATTERN})?[ \u3000]{{0,2}}(?:{_RANGE_JOIN}|到)[ \u3000]{{0,2}}$")
_RANGE_AFTER = regex.compile(rf"[ \u3000]{{0,2}}{_RANGE_JOIN}[ \u3000]{{0,2}}(?:{_DIGIT_NUM}|{_CN_NUM})")


def _in_range(text: str, start: int, end: int) -> bool:
    """3至5人 / 40—60平方米 / 3人至5人: the figure is one end of a range (到 only after a number)."""
    head = text[max(0, start - 3):start].rstrip(" \u3000")
    if head and head[-1] in _RANGE_CHARS and _RANGE_BEFORE.search(text, max(0, start - 24), start):
        return True
    return text[end:end + 3].lstrip(" \u3000")[:1] in _RANGE_CHARS[:-1] and bool(_RANGE_AFTER.match(text, end))


def _is_not_a_figure(text: str, m: regex.Match) -> bool:
    """Digits that only look like a figure: contacts, ordinals, lone 一, unit that starts a word."""
    num = m.group(_NUM)
    s, e = m.start(_NUM), m.end()
    before = text[s - 1] if s > 0 else ""
    after = text[e] if e < len(text) else ""
    if before in _CONTACT_CHARS or after in _CONTACT_CHARS:
        return True
    if (before and before in "〔[【") or (before and before in _ORDINAL_BEFORE):
        return True
    if num[0] not in "0123456789０１２３４５６７８９" and _bad_chinese_figure(num, m):
        return True
    unit = m.group(_UNIT) or ""
    heads = UNIT_WORD_HEADS.get(unit[-1:], "") if unit and len(unit) == 1 else ""
    not_count = NOT_A_COUNT_AFTER.get(unit)
    return bool(after and after in heads) or bool(not_count and not_count.match(text, e))


def _bad_chinese_figure(num: str, m: regex.Match) -> bool:
    """Chinese numerals are figures only when plainly counts: not 一个/一项 (a classifier), not 第."""
    if num in ("一", "两", "二") and not m.group(_PCT):
        return True
    return False


def _qualifier(text: str, m: regex.Match) -> str | None:
    """The qualifier written around the figure: before it (约, 超过), inside (余, 多) or after (以上)."""
    if m.group(_INSIDE):
        return m.group(_INSIDE)
    s = m.start(_PCT) if m.group(_PCT) else m.start(_NUM)
    head = text[max(0, s - 4):s].rstrip(" \u3000")
    tail = text[m.end():m.end() + 2]
    after = next((q for q in AFTER if tail.startswith(q)), None) if tail.startswith(AFTER) else None
    if head.endswith(_BEFORE):  # most figures have no qualifier before them: one C-level test
        for q in _BEFORE:
            if head.endswith(q):
                return after if q == "控制在" and after else q
    return after
