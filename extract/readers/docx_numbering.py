"""Word auto-numbering and paragraph styles: restores `一、` / `（一）` / `1.` labels into the text.

Why: Chinese notices number their headings with Word's multilevel lists, so the label is drawn by
Word but is not in any `w:t`. Without it, `一、指导思想` reads as `指导思想` and heading detection
by text fails. Labels are rebuilt from numbering.xml (num -> abstractNum -> lvl) with counters the
way Word keeps them, and numbering linked through paragraph styles is followed too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_HEADING_NAME = re.compile(r"^(heading|标题)\s*(\d)$", re.I)


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


def format_number(n: int, fmt: str) -> str:
    """Render counter n in a w:numFmt; unknown formats fall back to decimal like Word does."""
    simple = {
        "decimalZero": lambda: f"{n:02d}",
        "upperRoman": lambda: _roman(n, True), "lowerRoman": lambda: _roman(n, False),
        "upperLetter": lambda: _letters(n, True), "lowerLetter": lambda: _letters(n, False),
        "chineseCounting": lambda: _chinese(n), "chineseCountingThousand": lambda: _chinese(n),
        "japaneseCounting": lambda: _chinese(n), "taiwaneseCounting": lambda: _chinese(n),
        "chineseLegalSimplified": lambda: _chinese(n, _CN_LEGAL, "拾佰仟"),
        "ideographTraditional": lambda: _TIANGAN[(n - 1) % 10] if n > 0 else str(n),
        "ideographZodiac": lambda: _DIZHI[(n - 1) % 12] if n > 0 else str(n),
        "ideographDigital": lambda: "".join("〇一二三四五六七八九"[int(d)] for d in str(n)),
        "decimalEnclosedCircle": lambda: _enclosed(n, 0x2460, 20),
        "decimalEnclosedCircleChinese": lambda: _enclosed(n, 0x2460, 20),
        "decimalEnclosedFullstop": lambda: _enclosed(n, 0x2488, 20),
        "decimalEnclosedParen": lambda: _enclosed(n, 0x2474, 20),
        "decimalFullWidth": lambda: "".join(chr(0xFF10 + int(d)) for d in str(n)),
        "decimalFullWidth2": lambda: "".join(chr(0xFF10 + int(d)) for d in str(n)),
        "none": lambda: "",
    }
    make = simple.get(fmt)
    return make() if make else str(n)


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


@dataclass
class _ListState:
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """Numbering definitions + styles of one document, and the running list counters."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None,
                 w: str) -> None:
        self.w = w
        self.abstract: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, Level], dict[int, int]]] = {}
        self.styles: dict[str, Style] = {}
        self.default_style: str | None = None
        self._states: dict[str, _ListState] = {}
        self._overridden: set[str] = set()
        if numbering is not None:
            self._load_numbering(numbering)
        if styles is not None:
            self._load_styles(styles)

    # ---- loading -------------------------------------------------------------------------
    def _val(self, el: etree._Element | None, name: str = "val") -> str | None:
        return None if el is None else el.get(self.w + name)

    def _int(self, el: etree._Element | None, default: int | None = None) -> int | None:
        try:
            return int(self._val(el) or "")
        except ValueError:
            return default

    def _level(self, lvl: etree._Element) -> Level:
        w = self.w
        legal = lvl.find(w + "isLgl")
        return Level(fmt=self._val(lvl.find(w + "numFmt")) or "decimal",
                     text=self._val(lvl.find(w + "lvlText")) or "",
                     start=self._int(lvl.find(w + "start"), 1) or 0,
                     restart=self._int(lvl.find(w + "lvlRestart")),
                     suffix=self._val(lvl.find(w + "suff")) or "tab",
                     is_legal=legal is not None and self._val(legal) not in ("0", "false"),
                     style=self._val(lvl.find(w + "pStyle")))

    def _load_numbering(self, root: etree._Element) -> None:
        w = self.w
        for an in root.iter(w + "abstractNum"):
            self.abstract[self._val(an, "abstractNumId") or ""] = {
                self._int_attr(lvl, "ilvl"): self._level(lvl) for lvl in an.iter(w + "lvl")}
        for num in root.iter(w + "num"):
            levels: dict[int, Level] = {}
            starts: dict[int, int] = {}
            for ov in num.iter(w + "lvlOverride"):
                ilvl = self._int_attr(ov, "ilvl")
                if (lvl := ov.find(w + "lvl")) is not None:
                    levels[ilvl] = self._level(lvl)
                if (so := ov.find(w + "startOverride")) is not None:
                    starts[ilvl] = self._int(so, 1) or 0
            aid = self._val(num.find(w + "abstractNumId")) or ""
            self.nums[self._val(num, "numId") or ""] = (aid, levels, starts)
        # An abstractNum may point at another one through numStyleLink/styleLink; ignored here.

    def _int_attr(self, el: etree._Element, name: str) -> int:
        try:
            return int(el.get(self.w + name) or 0)
        except ValueError:
            return 0

    def _load_styles(self, root: etree._Element) -> None:
        w = self.w
        for st in root.iter(w + "style"):
            if st.get(w + "type") not in (None, "paragraph"):
                continue
            sid = st.get(w + "styleId") or ""
            ppr = st.find(w + "pPr")
            num_pr = ppr.find(w + "numPr") if ppr is not None else None
            outline = ppr.find(w + "outlineLvl") if ppr is not None else None
            self.styles[sid] = Style(
                based_on=self._val(st.find(w + "basedOn")),
                name=self._val(st.find(w + "name")) or "",
                num_id=self._val(num_pr.find(w + "numId")) if num_pr is not None else None,
                ilvl=self._int(num_pr.find(w + "ilvl")) if num_pr is not None else None,
                outline=self._int(outline))
            if st.get(w + "default") in ("1", "true", "on"):
                self.default_style = sid

    # ---- styles --------------------------------------------------------------------------
    def style_chain(self, style_id: str | None) -> list[Style]:
        """The style and its basedOn ancestors (cycle-safe), nearest first."""
        out: list[Style] = []
        seen: set[str] = set()
        sid = style_id or self.default_style
        while sid and sid not in seen and sid in self.styles:
            seen.add(sid)
            out.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return out

    def heading_level(self, style_id: str | None, outline: int | None) -> int | None:
        """1-based heading level from a direct outline level, or a Heading/标题 N style."""
        if outline is not None:
            return outline + 1 if 0 <= outline < 9 else None
        for st in self.style_chain(style_id):
            if st.outline is not None:
                return st.outline + 1 if 0 <= st.outline < 9 else None
            if m := _HEADING_NAME.match(st.name.strip()):
                return int(m.group(2))
        return None

    def resolve(self, style_id: str | None, num_id: str | None,
                ilvl: int | None) -> tuple[str, int] | None:
        """Merge a paragraph's numPr with its style's; numId 0 switches numbering off."""
        style_ilvl = None
        for st in self.style_chain(style_id):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if style_ilvl is None and st.ilvl is not None:
                style_ilvl = st.ilvl
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
        state = self._states.setdefault(aid, _ListState())
        if num_id not in self._overridden:
            self._overridden.add(num_id)
            for k, start in starts.items():
                state.counters[k] = start - 1
        state.counters[ilvl] = state.counters.get(ilvl, lvl.start - 1) + 1
        for deeper in [k for k in state.counters if k > ilvl]:
            d_lvl = self.level(num_id, deeper)
            restart = d_lvl.restart if d_lvl and d_lvl.restart is not None else deeper
            if ilvl < restart:
                del state.counters[deeper]
        return self._render(num_id, lvl, state), lvl

    def _render(self, num_id: str, lvl: Level, state: _ListState) -> str:
        if lvl.fmt == "bullet":
            return ""  # bullet glyphs are often private-use symbol-font characters

        def one(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            k_lvl = self.level(num_id, k) or Level()
            n = state.counters.get(k, k_lvl.start)
            return format_number(n, "decimal" if lvl.is_legal and k_lvl.fmt != "none"
                                 else k_lvl.fmt)

        return re.sub(r"%([1-9])", one, lvl.text)


def join_label(label: str, suffix: str, text: str) -> str:
    """Label + text as Word shows it: no gap after CJK punctuation, else one space for tab/space."""
    if not label:
        return text
    if suffix == "nothing" or re.search(r"[、，．。：）)】」』\u3000]$", label):
        return label + text
    return f"{label} {text}"
