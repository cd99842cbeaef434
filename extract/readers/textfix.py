"""Text repairs shared by readers: radical look-alikes, wrapped lines, layout spaces.

Why: PDF text layers (and some docx/txt made from them) carry artefacts that are not in the
source: Kangxi radicals that look like ideographs (`⽼旧⼩区` never matches `老旧小区`), lines
broken inside a sentence, and the "autospace" gap between Han characters and digits that
extractors turn into a real space (`2024 年 10 月`). Each repair here is local and
character-based, so it never touches full-width punctuation, `（一）` or `Ⅰ.` (a whole-text
NFKC would).
"""
from __future__ import annotations

import unicodedata

from extract import rx as regex

# CJK Radicals Supplement (U+2E80-U+2EFF): NFKC maps only two of them, so the mapping comes from
# Unicode's EquivalentUnifiedIdeograph.txt (U+2E81-U+2EF3). Pairs: radical, unified ideograph.
_SUPPLEMENT_PAIRS = (
    "⺁厂 ⺂乛 ⺃乚 ⺄乙 ⺅亻 ⺆冂 ⺇𠘨 ⺈刀 ⺉刂 ⺊卜 ⺋㔾 ⺌小 ⺍小 ⺎兀 ⺏尣 ⺐尢 ⺑𡯂 ⺒巳 ⺓幺 ⺔彑 "
    "⺕𫜹 ⺖忄 ⺗心 ⺘扌 ⺙攵 ⺛旡 ⺜日 ⺝月 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺢氺 ⺣灬 ⺤爫 ⺥爫 ⺦丬 ⺧牛 ⺨犭 ⺩王 "
    "⺪𤴔 ⺫目 ⺬示 ⺭礻 ⺮𥫗 ⺯糹 ⺰纟 ⺱罓 ⺲罒 ⺳㓁 ⺴冗 ⺵𦉫 ⺶羊 ⺷𦍌 ⺸𦍋 ⺹耂 ⺺肀 ⺻聿 ⺼肉 ⺽𦥑 "
    "⺾艹 ⺿艹 ⻀艹 ⻁虎 ⻂衤 ⻃覀 ⻄西 ⻅见 ⻆角 ⻇𧢲 ⻈讠 ⻉贝 ⻊𧾷 ⻋车 ⻌辶 ⻍辶 ⻎辶 ⻏邑 ⻐钅 ⻑長 "
    "⻒镸 ⻓长 ⻔门 ⻕𨸏 ⻖阝 ⻗雨 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻞𩙿 ⻟飠 ⻠饣 ⻡𩠐 ⻢马 ⻣骨 ⻤鬼 ⻥鱼 "
    "⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻭歯 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟"
)
RADICAL_SUPPLEMENT: dict[str, str] = {p[0]: p[1:] for p in _SUPPLEMENT_PAIRS.split()}

_VARIANT = regex.compile(r"[\u2E80-\u2EFF\u2F00-\u2FD5\uF900-\uFAFF\U0002F800-\U0002FA1F]")
_HAN = r"\p{Han}"
# Han or full-width CJK punctuation: the layout gap next to them is never a typed space.
_CJK = r"[\p{Han}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
_ASCII = r"[0-9A-Za-z%.]"
# One space only: a wider run is a deliberate layout gap (e.g. issuer and date on one line).
_HAN_ASCII_SPACE = regex.compile(
    rf"(?<={_CJK})[ \t\u00a0](?={_ASCII})|(?<={_ASCII})[ \t\u00a0](?={_CJK})"
)
_IDEOGRAPHIC_SPACE_IN_HAN = regex.compile(rf"(?<={_HAN})\u3000+(?={_HAN})")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ASCII_LETTER = regex.compile(r"[A-Za-z]")


def _variant_to_ideograph(ch: str) -> str:
    if ch in RADICAL_SUPPLEMENT:
        return RADICAL_SUPPLEMENT[ch]
    return unicodedata.normalize("NFKC", ch)


def fix_cjk_variants(text: str) -> str:
    """Map Kangxi radicals and compatibility ideographs to unified ideographs, one char at a time."""
    return _VARIANT.sub(lambda m: _variant_to_ideograph(m.group()), text)


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of a wrapped line: '' unless both sides are ASCII letters (then ' ')."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _ASCII_LETTER.fullmatch(left[-1]) and _ASCII_LETTER.fullmatch(right[0]):
        return f"{left} {right}"
    return left + right


def join_lines(lines: list[str]) -> str:
    """Join the visual lines of one paragraph or cell with the CJK wrap rule."""
    out = ""
    for line in lines:
        out = join_wrapped(out, line) if out else line.strip()
    return out


def drop_han_ascii_spaces(text: str) -> str:
    """Delete a single space between a Han character (or CJK punctuation) and [0-9A-Za-z%.]:
    it is the layout autospace, not content. Wider gaps are kept."""
    return _HAN_ASCII_SPACE.sub("", text)


def drop_ideographic_spaces(text: str) -> str:
    """Delete U+3000 inside a Han run (`通　知` -> `通知`), the way titles are spaced out."""
    return _IDEOGRAPHIC_SPACE_IN_HAN.sub("", text)


def drop_control_chars(text: str) -> str:
    """Delete C0 control characters other than tab/newline/CR."""
    return _CONTROL.sub("", text)


def fix_paragraph_text(text: str) -> str:
    """All repairs for running text (never for table cells, where spacing can be content)."""
    text = fix_cjk_variants(drop_control_chars(text))
    return drop_ideographic_spaces(drop_han_ascii_spaces(text))


def fix_cell_text(lines: list[str]) -> str:
    """Repairs for a table cell: variants fixed, wrapped lines joined, inner spacing kept."""
    return fix_cjk_variants(drop_control_chars(join_lines(lines)))
