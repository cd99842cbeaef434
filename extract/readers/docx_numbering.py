"""Word auto-numbering and paragraph styles: restores `一、` / `（一）` / `1.` labels into the text.

Why: Chinese notices number their headings with Word's multilevel lists, so the label is drawn by
Word but is not in any `w:t`. Without it, `一、指导思想` reads as `指导思想` and heading detection
by text fails. Labels are rebuilt from numbering.xml (num -> abstractNum -> lvl) with counters the
way Word keeps them, and numbering linked through paragraph styles is followed too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from lxml import etree

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_HEADING_NAME = re.compile(r"^(heading|标题)\s*(\d)$", re.I)
_PLACEHOLDER = re.compile(r"%([1-9])")
_GAPLESS_END = re.compile(r"[、，．。：）)】」』\u3000]$")  # a label ending so needs no space


def _chinese(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 21 -> 二十一, 101 -> 一百零一 (up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    out, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + unit)
    text = "".join(out)
    if digits is _CN_DIGITS and 10 <= n < 20:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int, upper: bool) -> str:
    """Word repeats the letter: 1 -> A, 26 -> Z, 27 -> AA, 28 -> BB."""
    if n <= 0:
        return str(n)
    ch = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return ch if upper else ch.lower()


def _roman(n: int, upper: bool) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                       (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                       (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out) if upper else "".join(out).lower()


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimalZero": lambda n: f"{n:02d}",
    "upperRoman": lambda n: _roman(n, True), "lowerRoman": lambda n: _roman(n, False),
    "upperLetter": lambda n: _letters(n, True), "lowerLetter": lambda n: _letters(n, False),
    "chineseCounting": _chinese, "chineseCountingThousand": _chinese,
    "japaneseCounting": _chinese, "taiwaneseCounting": _chinese,
    "chineseLegalSimplified": lambda n: _chinese(n, _CN_LEGAL, "拾佰仟"),
    "ideographTraditional": lambda n: _TIANGAN[(n - 1) % 10] if n > 0 else str(n),
    "ideographZodiac": lambda n: _DIZHI[(n - 1) % 12] if n > 0 else str(n),
    "ideographDigital": lambda n: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
    "decimalEnclosedCircle": lambda n: _enclosed(n, 0x2460, 20),
    "decimalEnclosedCircleChinese": lambda n: _enclosed(n, 0x2460, 20),
    "decimalEnclosedFullstop": lambda n: _enclosed(n, 0x2488, 20),
    "decimalEnclosedParen": lambda n: _enclosed(n, 0x2474, 20),
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalFullWidth2": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "none": lambda n: "",
}


def format_number(n: int, fmt: str) -> str:
    """Render counter n in a w:numFmt; unknown formats fall back to decimal like Word does."""
    make = _FORMATS.get(fmt)
    return make(n) if make else str(n)


def first_children(el: etree._Element) -> dict[object, etree._Element]:
    """Each child tag -> its first child with that tag, in one pass (what `el.find(tag)` gives).

    Why: `find` goes through ElementPath on every call; WordprocessingML property elements
    (pPr, tcPr, lvl...) are read several tags at a time, so one scan is much cheaper.
    """
    out: dict[object, etree._Element] = {}
    for ch in el:
        if ch.tag not in out:
            out[ch.tag] = ch
    return out


def _val(el: etree._Element | None, w: str, name: str = "val") -> str | None:
    return None if el is None else el.get(w + name)


def _int(el: etree._Element | None, w: str, default: int | None = None) -> int | None:
    value = _val(el, w)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _int_attr(el: etree._Element, name: str) -> int:
    try:
        return int(el.get(name) or 0)
    except ValueError:
        return 0


@dataclass
class Level:
    """One w:lvl: how its label looks and when it restarts."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart (1-based level that restarts this one; 0 = never)
    suffix: str = "tab"
    is_legal: bool = False
    style: str | None = None


@dataclass
class Style:
    """What numbering and heading detection need from one paragraph style."""

    based_on: str | None = None
    name: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


class ListDefs:
    """The list definitions of numbering.xml (num -> abstractNum -> lvl); read-only once loaded."""

    def __init__(self, root: etree._Element | None = None, w: str = "") -> None:
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        if root is not None:
            self._load(root, w)

    @staticmethod
    def _level(lvl: etree._Element, w: str) -> Level:
        kids = first_children(lvl).get
        legal = kids(w + "isLgl")
        return Level(fmt=_val(kids(w + "numFmt"), w) or "decimal",
                     text=_val(kids(w + "lvlText"), w) or "",
                     start=_int(kids(w + "start"), w, 1) or 0,
                     restart=_int(kids(w + "lvlRestart"), w),
                     suffix=_val(kids(w + "suff"), w) or "tab",
                     is_legal=legal is not None and _val(legal, w) not in ("0", "false"),
                     style=_val(kids(w + "pStyle"), w))

    def _load(self, root: etree._Element, w: str) -> None:
        for an in root.iter(w + "abstractNum"):
            self.abstract[_val(an, w, "abstractNumId") or ""] = {
                _int_attr(lvl, w + "ilvl"): self._level(lvl, w) for lvl in an.iter(w + "lvl")}
        for num in root.iter(w + "num"):
            levels: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(w + "lvlOverride"):
                ilvl = _int_attr(ov, w + "ilvl")
                kids = first_children(ov).get
                if (lvl := kids(w + "lvl")) is not None:
                    levels[ilvl] = self._level(lvl, w)
                if (so := kids(w + "startOverride")) is not None:
                    starts[ilvl] = _int(so, w, 1) or 0
            aid = _val(num.find(w + "abstractNumId"), w) or ""
            self.nums[_val(num, w, "numId") or ""] = (aid, levels, starts)
        # An abstractNum may point at another one through numStyleLink/styleLink; ignored here.


class StyleSheet:
    """The paragraph styles of styles.xml; read-only once loaded, so per-style answers are memoized.

    Why memoize: every paragraph asks for its style's heading level and numbering, which means
    walking the basedOn chain; a document uses a handful of styles over hundreds of paragraphs.
    """

    def __init__(self, root: etree._Element | None = None, w: str = "") -> None:
        self.styles: dict[str, Style] = {}
        self.default_style: str | None = None
        self._headings: dict[str | None, int | None] = {}
        self._numbering: dict[str | None, tuple[str | None, int | None]] = {}
        if root is not None:
            self._load(root, w)

    def _load(self, root: etree._Element, w: str) -> None:
        for st in root.iter(w + "style"):
            if st.get(w + "type") not in (None, "paragraph"):
                continue
            sid = st.get(w + "styleId") or ""
            kids = first_children(st).get
            ppr = kids(w + "pPr")
            props = first_children(ppr).get if ppr is not None else {}.get
            num_pr = props(w + "numPr")
            num_kids = first_children(num_pr).get if num_pr is not None else None
            self.styles[sid] = Style(
                based_on=_val(kids(w + "basedOn"), w),
                name=_val(kids(w + "name"), w) or "",
                num_id=_val(num_kids(w + "numId"), w) if num_kids is not None else None,
                ilvl=_int(num_kids(w + "ilvl"), w) if num_kids is not None else None,
                outline=_int(props(w + "outlineLvl"), w))
            if st.get(w + "default") in ("1", "true", "on"):
                self.default_style = sid

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and its basedOn ancestors (cycle-safe), nearest first."""
        out: list[Style] = []
        seen: set[str] = set()
        sid = style_id or self.default_style
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def heading_level(self, style_id: str | None) -> int | None:
        """1-based heading level of a style chain: an outline level, or a Heading/标题 N name."""
        if style_id in self._headings:
            return self._headings[style_id]
        level = None
        for st in self.chain(style_id):
            if st.outline is not None:
                level = st.outline + 1 if 0 <= st.outline < 9 else None
                break
            if m := _HEADING_NAME.match(st.name.strip()):
                level = int(m.group(2))
                break
        self._headings[style_id] = level
        return level

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """The nearest numId and the nearest ilvl along the style chain (each may be None)."""
        if style_id in self._numbering:
            return self._numbering[style_id]
        num_id = ilvl = None
        for st in self.chain(style_id):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        self._numbering[style_id] = (num_id, ilvl)
        return num_id, ilvl


class Numbering:
    """Numbering definitions + styles of one document, and the running list counters.

    The definitions may be shared between documents (see docx_parts); only the counters here
    belong to one document.
    """

    def __init__(self, lists: ListDefs, sheet: StyleSheet) -> None:
        self.abstract = lists.abstract
        self.nums = lists.nums
        self.sheet = sheet
        self._counters: dict[str, dict[int, int]] = {}
        self._overridden: set[str] = set()

    # ---- styles --------------------------------------------------------------------------
    def heading_level(self, style_id: str | None, outline: int | None) -> int | None:
        """1-based heading level from a direct outline level, or a Heading/标题 N style."""
        if outline is not None:
            return outline + 1 if 0 <= outline < 9 else None
        return self.sheet.heading_level(style_id)

    def resolve(self, style_id: str | None, num_id: str | None,
                ilvl: int | None) -> tuple[str, int] | None:
        """Merge a paragraph's numPr with its style's; numId 0 switches numbering off."""
        style_num_id, style_ilvl = self.sheet.numbering(style_id)
        if num_id is None:
            num_id = style_num_id
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        if ilvl is None:
            ilvl = style_ilvl if style_ilvl is not None else self._level_of_style(num_id, style_id)
        return num_id, max(0, min(ilvl, 8))

    def _level_of_style(self, num_id: str, style_id: str | None) -> int:
        """A style-linked list names its style in lvl/pStyle; that gives the level."""
        for ilvl, lvl in self.abstract.get(self.nums[num_id][0], {}).items():
            if style_id and lvl.style == style_id:
                return ilvl
        return 0

    # ---- labels --------------------------------------------------------------------------
    def level(self, num_id: str, ilvl: int) -> Level | None:
        aid, overrides, _ = self.nums[num_id]
        return overrides.get(ilvl) or self.abstract.get(aid, {}).get(ilvl)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, Level] | None:
        """Advance the counter of (list, ilvl) and return the rendered label with its level."""
        lvl = self.level(num_id, ilvl)
        if lvl is None:
            return None
        aid, _, starts = self.nums[num_id]
        counters = self._counters.setdefault(aid, {})
        if num_id not in self._overridden:
            self._overridden.add(num_id)
            for k, start in starts.items():
                counters[k] = start - 1
        counters[ilvl] = counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            d_lvl = self.level(num_id, deeper)
            restart = d_lvl.restart if d_lvl and d_lvl.restart is not None else deeper
            if ilvl < restart:
                del counters[deeper]
        return self._render(num_id, lvl, counters), lvl

    def _render(self, num_id: str, lvl: Level, counters: dict[int, int]) -> str:
        if lvl.fmt == "bullet":
            return ""  # bullet glyphs are often private-use symbol-font characters

        def one(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            k_lvl = self.level(num_id, k) or Level()
            n = counters.get(k, k_lvl.start)
            return format_number(n, "decimal" if lvl.is_legal and k_lvl.fmt != "none"
                                 else k_lvl.fmt)

        return _PLACEHOLDER.sub(one, lvl.text)


def join_label(label: str, suffix: str, text: str) -> str:
    """Label + text as Word shows it: no gap after CJK punctuation, else one space for tab/space."""
    if not label:
        return text
    if suffix == "nothing" or _GAPLESS_END.search(label):
        return label + text
    return f"{label} {text}"
