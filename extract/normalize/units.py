"""Units of measure found in notices, and exact conversion of a figure to its base unit.

Why a table: 万元, 万平方米 and 户（套） must all be compared in one base unit (元, 平方米, 户) by
the reconciler, and the conversion must stay exact (Decimal.scaleb), carrying the written precision
along so that 2.935亿元 is known to be exact only to 10^5 元.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from extract import rx as regex


@dataclass(frozen=True)
class UnitInfo:
    """A unit as normalized: its name, its base unit, the power-of-ten scale to the base."""

    normalized: str
    base: str
    scale: Decimal
    is_count: bool
    is_money: bool

    @cached_property  # every figure and table cell converted to its base unit asks it
    def exponent(self) -> int:
        """log10(scale): 4 for 万元, 8 for 亿元, 0 for 元."""
        return int(self.scale.adjusted())

    @property
    def is_percent(self) -> bool:
        return self.base == "%"

    @property
    def is_rate(self) -> bool:
        """吨/日, 微克/立方米, 公里/小时: a rate or concentration, never summed as parts of a whole."""
        return "/" in self.base


def _u(normalized: str, base: str, exp: int = 0, count: bool = False, money: bool = False) -> UnitInfo:
    return UnitInfo(normalized, base, Decimal(1).scaleb(exp), count, money)


_MONEY = {
    "元": _u("元", "元", 0, money=True),
    "千元": _u("千元", "元", 3, money=True),
    "万元": _u("万元", "元", 4, money=True),
    "百万元": _u("百万元", "元", 6, money=True),
    "千万元": _u("千万元", "元", 7, money=True),
    "亿元": _u("亿元", "元", 8, money=True),
}

_AREA = {
    "平方米": _u("平方米", "平方米"),
    "平米": _u("平方米", "平方米"),
    "㎡": _u("平方米", "平方米"),
    "m2": _u("平方米", "平方米"),
    "m²": _u("平方米", "平方米"),
    "万平方米": _u("万平方米", "平方米", 4),
    "万平米": _u("万平方米", "平方米", 4),
    "万㎡": _u("万平方米", "平方米", 4),
    "万m2": _u("万平方米", "平方米", 4),
    "平方公里": _u("平方公里", "平方米", 6),
    "公顷": _u("公顷", "平方米", 4),
    "万公顷": _u("万公顷", "平方米", 8),
    "亩": _u("亩", "亩"),
    "万亩": _u("万亩", "亩", 4),
}

_LENGTH = {
    "米": _u("米", "米"),
    "千米": _u("公里", "米", 3),
    "公里": _u("公里", "米", 3),
    "km": _u("公里", "米", 3),
    "延米": _u("米", "米"),
}

_OTHER = {
    "%": _u("%", "%"),
    "％": _u("%", "%"),
    "吨": _u("吨", "吨"),
    "万吨": _u("万吨", "吨", 4),
    "立方米": _u("立方米", "立方米"),
    "万立方米": _u("万立方米", "立方米", 4),
    "吨标准煤": _u("吨标准煤", "吨标准煤"),
    "万吨标准煤": _u("万吨标准煤", "吨标准煤", 4),
    "千瓦": _u("千瓦", "千瓦"),
    "万千瓦": _u("万千瓦", "千瓦", 4),
    "兆瓦": _u("兆瓦", "千瓦", 3),
    "千瓦时": _u("千瓦时", "千瓦时"),
    "万千瓦时": _u("万千瓦时", "千瓦时", 4),
    "亿千瓦时": _u("亿千瓦时", "千瓦时", 8),
    # data volumes (数字档案不少于200TB)
    "TB": _u("TB", "GB", 3), "GB": _u("GB", "GB"), "PB": _u("PB", "GB", 6),
}

# Rates and concentrations (X/日, 微克/立方米): measured, never summed as parts of a whole. Keys are
# canonical (/ for ／ and 每, 日 for 天, 小时 for 时); `unit_info` canonicalizes what was written.
_PER = {"日": "日", "天": "日", "年": "年", "小时": "小时", "秒": "秒", "时": "小时"}
# numerator as written -> (numerator normalized, base numerator, power of ten to the base)
_RATE_BASES = {"吨": ("吨", "吨", 0), "万吨": ("万吨", "吨", 4), "立方米": ("立方米", "立方米", 0),
               "万立方米": ("万立方米", "立方米", 4), "公里": ("公里", "公里", 0), "千米": ("公里", "公里", 0),
               "米": ("米", "米", 0), "千瓦时": ("千瓦时", "千瓦时", 0)}
_RATES = {f"{num}/{per}": _u(f"{norm}/{per}", f"{base}/{per}", exp)
          for num, (norm, base, exp) in _RATE_BASES.items() for per in set(_PER.values())}
_RATES.update({f"{num}/{den}": _u(f"{num}/{den}", f"{num}/{den}") for num in ("微克", "毫克", "克")
               for den in ("立方米", "升")})
# Money per unit (320万元/亩, 200元/平方米, 1500元/人): a standard or an intensity, money all the same,
# but its base (元/亩) keeps it from ever being summed with amounts.
_MONEY_PER = ("亩", "平方米", "人", "户", "吨", "公里", "米", "年", "月", "日", "天", "个", "台", "辆", "头", "床", "套")
_RATES.update({f"{m}/{d}": _u(f"{m}/{d}", f"元/{'日' if d == '天' else d}", e, money=True)
               for m, e in (("元", 0), ("万元", 4)) for d in _MONEY_PER})
_RATES.update({"μg/m³": _u("微克/立方米", "微克/立方米"), "μg/m3": _u("微克/立方米", "微克/立方米"),
               "mg/m³": _u("毫克/立方米", "毫克/立方米"), "mg/L": _u("毫克/升", "毫克/升"),
               "km/h": _u("公里/小时", "公里/小时")})

# 每户, 每个社区, 每人每年: an amount or rule per unit, not a total (targets never take it as a goal, and
# checks never compare it with a table's total). 每年/每月/每季 (a yearly amount can be a total), 每期,
# 每半年 and 每千人口/每万人 (per-capita indicators) are not per-unit.
PER_UNIT = regex.compile(r"每(?![年月季周天日星半期十百千万])\p{Han}")
COUNT_WORDS = "个户套栋幢人家处条项所台辆次间部座盏根棵株名件张床头只羽艘顶副双箱袋桶块架把份宗卷幅类支棒期"  # 宗: cases, parcels

_COUNTS = {w: _u(w, w, 0, count=True) for w in COUNT_WORDS}
_COUNTS.update({"人次": _u("人次", "人次", 0, count=True), "床位": _u("床", "床", 0, count=True),
                "批次": _u("批次", "批次", 0, count=True), "场": _u("场", "场", 0, count=True),
                "场次": _u("场次", "场次", 0, count=True), "课时": _u("课时", "课时", 0, count=True),
                "学时": _u("学时", "学时", 0, count=True)})
_COUNTS.update({w: _u(w, w, 0, count=True) for w in ("户次", "个次", "家次", "画幅")})
# 万 before any count (2.4万辆, 1.39万名, 18.6万头, 126万羽, 10万户次): the same thing, 10^4 of them.
_COUNTS.update({"万" + w: _u("万" + w, w, 4, count=True) for w in list(_COUNTS)
                if not w.startswith("万") and w not in ("床位",)})
# 户（套）, 件（套）, 台（套）: a count and the alternative it also counts; the first word is the unit.
# Canonical keys use full-width brackets; (套), <套>, 〈套〉, /套 are read as the same unit.
_PAIRS = ("户套", "件套", "台套", "个套", "套个", "处个", "个处", "座个")
for _a, _b in _PAIRS:
    for _v in (f"{_a}（{_b}）", f"{_a}/{_b}"):
        _COUNTS[_v] = _u(_a, _a, 0, count=True)
        _COUNTS["万" + _v] = _u("万" + _a, _a, 4, count=True)

UNITS: dict[str, UnitInfo] = {**_MONEY, **_AREA, **_LENGTH, **_OTHER, **_RATES, **_COUNTS}


def _alternation(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


_RATE_WRITTEN = (rf"(?:{_alternation(_RATE_BASES)})[/／每](?:{_alternation(_PER)})"
                 rf"|(?:万元|元)[/／](?:{_alternation(_MONEY_PER)})(?![\p{{Han}}·])"
                 r"|(?:微克|毫克|克)[/／每](?:立方米|升)|μg/m[³3]|mg/m³|mg/L|km/h")
_PAIR_WRITTEN = "|".join(rf"万?{a}(?:[（(<〈]{b}[）)>〉]|[/／]{b})" for a, b in _PAIRS)
_SIMPLE = [k for k in UNITS if k not in _RATES and not regex.search(r"[（/]", k)]
# Compound units first (吨/日 before 吨, 户（套） before 户), then simple ones longest first (万平方米 before 万).
UNIT_PATTERN = f"{_RATE_WRITTEN}|{_PAIR_WRITTEN}|{_alternation(_SIMPLE)}"
UNIT_RE = regex.compile(UNIT_PATTERN)
# The characters a unit can start with, as a character class: every character a unit can hold is
# written literally in UNIT_PATTERN, and a partial match tells which of them can begin one. A figure
# scan tests it before trying the long alternation after every number.
UNIT_START = "[" + "".join(regex.escape(c) for c in sorted(set(UNIT_PATTERN))
                           if UNIT_RE.match(c, partial=True)) + "]"
_BRACKET_FORMS = str.maketrans({"(": "（", ")": "）", "<": "（", ">": "）", "〈": "（", "〉": "）", "／": "/", "每": "/"})
_PER_FORMS = {"天": "日", "时": "小时"}


def unit_info(unit_raw: str) -> UnitInfo | None:
    """The UnitInfo of a unit as written (spaces ignored; 户(套), 吨每天, 吨／日 read as 户（套）, 吨/日)."""
    found = UNITS.get(unit_raw)  # as written, nearly always (no key holds a space)
    if found is not None:
        return found
    key = regex.sub(r"\s+", "", unit_raw or "")
    found = UNITS.get(key)
    if found is not None or not key:
        return found
    num, slash, per = key.translate(_BRACKET_FORMS).partition("/")
    return UNITS.get(f"{num}{slash}{_PER_FORMS.get(per, per)}")


_ONE = Decimal(1)


def to_base(value: Decimal, decimals: int, unit: UnitInfo | str) -> tuple[Decimal, int]:
    """Convert to the base unit exactly; the written precision shifts with the scale.

    2.935 亿元 (3 decimals) -> 293500000 元, decimals -5 (exact to 10^5 元).
    """
    info = unit_info(unit) if isinstance(unit, str) else unit
    if info is None:
        raise ValueError(f"unknown unit {unit!r}")
    exp = info.exponent
    scaled = value.scaleb(exp)
    if scaled == scaled.to_integral_value():
        scaled = scaled.quantize(_ONE)
    return scaled, decimals - exp


# ---------------------------------------------------------------- units written in headers and captions
# Why here: a table states its units in words around the figures (总建筑面积 (万平方米), 预计投资/亿元,
# 户数, 单位：万元 above the table); reading them is unit knowledge, not table structure.

# A unit in brackets, after '单位', or after a slash: 总建筑面积 (万平方米), （单位：万元）, 投资/亿元.
BRACKET_UNIT = regex.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（()）]+?)\s*[)）]")
UNIT_LABEL = regex.compile(r"单位\s*[:：]\s*(\S+?)(?:[)）,，;；\s]|$)")
SLASH_UNIT = regex.compile(r"[/／]\s*([^/／]+?)\s*$")
# A caption naming the unit of a whole table: 单位：万元, （单位：亿元）, 金额单位：万元.
CAPTION_UNIT = regex.compile(r"(?:金额|计量|货币|数量)?单位\s*[:：]\s*([^\s,，;；、)）]+)\s*[)）]?\s*$")
# Words before 数 that make it an amount, not a count of things (预算数, 决算数, 执行数, 资金数).
AMOUNT_BEFORE_COUNT = regex.compile(
    r"(?:预算|决算|资金|投资|支出|收入|结余|结转|金额|拨款|补助|补贴|余额|执行|完成|计划|实际|下达|到位|"
    r"安排|调整|批复|发生|本年|上年|年初|调剂|[额款])$")


def unit_from_headers(parts: list[str]) -> tuple[str | None, UnitInfo | None]:
    """The unit of a column from its header path, deepest header first, then spanning ones."""
    for text in reversed(parts):
        found = unit_in_text(text)
        if found[1] is not None:
            return found
    return None, None


def unit_in_text(text: str) -> tuple[str | None, UnitInfo | None]:
    for pattern in (BRACKET_UNIT, UNIT_LABEL, SLASH_UNIT):
        for m in pattern.finditer(text):
            cand = regex.sub(r"^单位\s*[:：]\s*", "", m.group(1)).strip()
            info = unit_info(cand) or _compound_count(cand)
            if info is not None:
                return (cand if unit_info(cand) else info.normalized), info
    return _count_word_unit(text)


def unit_in_label(text: str) -> tuple[str | None, UnitInfo | None]:
    """A unit written in brackets or after a slash in a row label (农村危房改造（户）, 补助资金/万元);
    stricter than unit_in_text: no unit is guessed from a counting word."""
    for pattern in (BRACKET_UNIT, SLASH_UNIT):
        for m in pattern.finditer(text):
            cand = m.group(1).strip()
            info = unit_info(cand) or _compound_count(cand)
            if info is not None:
                return (cand if unit_info(cand) else info.normalized), info
    return None, None


def _compound_count(cand: str) -> UnitInfo | None:
    """套/间, 个、处, 座或处: alternative count words for one column -> the first of them."""
    parts = [p for p in regex.split(r"[/／、,，或]", cand) if p.strip()]
    infos = [unit_info(p) for p in parts]
    if len(parts) >= 2 and all(i is not None and i.is_count for i in infos):
        return infos[0]
    return None


def _count_word_unit(text: str) -> tuple[str | None, UnitInfo | None]:
    """'户数' -> 户, '楼栋数' -> 栋, '小区数'/'数量' -> 个: a header that counts things is a count.

    Amount words are not things: 预算数, 决算数, 完成数, 资金数 give no unit (the caption's applies).
    """
    word = regex.sub(r"[（(][^)）]*[)）]", "", text).strip()
    m = regex.search(r"(.)?数(?:量)?$", word)
    if not m or word.endswith(("系数", "指数", "倍数", "分数", "参数", "基数")):
        return None, None
    if AMOUNT_BEFORE_COUNT.search(word[:m.end(1)] if m.group(1) else ""):
        return None, None
    ch = m.group(1) or ""
    unit = ch if ch and ch in COUNT_WORDS else "个"
    return unit, unit_info(unit)


def unit_label(text: str) -> tuple[str, UnitInfo] | None:
    """'单位：万元' / '（单位：亿元）' / '金额单位：万元' at the end of a short text -> (raw, info)."""
    m = CAPTION_UNIT.search(text.strip())
    if not m:
        return None
    info = unit_info(m.group(1))
    return (m.group(1), info) if info else None
