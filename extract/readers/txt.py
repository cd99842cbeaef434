"""Read a plain-text notice: decode it, and find its paragraphs and tables.

The document text is the decoded file text with line endings made `\\n` (and a BOM dropped), so
for a UTF-8 file with `\\n` endings offsets can be checked against the file itself. Tables come in
two text-export shapes: tab-separated rows, and one cell per line (`\\t` prefix) with a blank
line between rows; both become table blocks whose cells point into the text.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import regex

from extract.errors import ReadError
from extract.readers.builder import RawCell
from schemas import Block, BlockKind, Cell, Document, PageIssue, Table

# Markers left by other text extractors, stripped from blocks (the text itself is untouched).
MARKERS = regex.compile(r"^(?:\[bookmark: [^\]]*\]|- (?=\S))+")
HEADING = regex.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|附件\s*\d*$)")
NUMERIC = regex.compile(r"^[-+]?[0-9０-９][0-9０-９,，.．]*%?$")


@dataclass
class Line:
    start: int
    end: int  # without the newline
    text: str


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes strictly: UTF-8 (with/without BOM), UTF-16 (BOM or NUL pattern), GB18030."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _try(data, "utf-16", path), "utf-16"
    if _looks_utf16(data):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return _try(data, enc, path), enc
    if b"\x00" in data:
        raise ReadError(f"{path}: binary data (NUL bytes) in a text file; this is not a text notice",
                        path=str(path), kind="binary")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _mostly_control(text):
            break
        return text, ("utf-8" if enc == "utf-8-sig" and not data.startswith(codecs.BOM_UTF8) else enc)
    else:
        damaged = _decode_damaged(data)
        if damaged:
            return damaged
    raise ReadError(f"{path}: cannot decode the text as UTF-8, UTF-16 or GB18030; re-save it as UTF-8",
                    path=str(path), kind="encoding")


def _decode_damaged(data: bytes) -> tuple[str, str] | None:
    """A text with a few bad bytes (a cut multibyte character, a flipped byte): decode it with
    replacement characters rather than lose the notice, when under 0.5% of it is damaged."""
    best = None
    for enc in ("utf-8-sig", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, text, enc)
    bad, text, enc = best
    if bad == 0 or bad > len(text) * 0.005 or _mostly_control(text):
        return None
    return text, f"{enc}+damaged"


def _try(data: bytes, enc: str, path: Path) -> str:
    try:
        return data.decode(enc).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise ReadError(f"{path}: looks like {enc.upper()} but does not decode; re-save it as UTF-8",
                        path=str(path), kind="encoding") from None


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > len(sample) // 8 and min(even, odd) < len(sample) // 64 + 1


CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32 but tab, newline, return, form feed


def _mostly_control(text: str) -> bool:
    sample = text[:20000]
    bad = len(CONTROL.findall(sample))
    return bad > max(8, len(sample) // 100)


def read_txt(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot read the file ({e.strerror})", path=str(path)) from None
    text, encoding = decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = list(_blocks(text))
    if not any(b.text.strip() for b in blocks):
        raise ReadError(f"{path}: the file has no text", path=str(path), kind="empty")
    issues = []
    if encoding.endswith("+damaged"):
        encoding = encoding.removesuffix("+damaged")
        issues.append(PageIssue(kind="encoding_errors", message=f"{text.count(chr(0xFFFD))} damaged "
                                f"characters replaced by U+FFFD while decoding as {encoding}"))
    return Document(path=str(path), format="txt", text=text, blocks=blocks, encoding=encoding, issues=issues)


def _lines(text: str) -> list[Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _is_row_line(s: str) -> bool:
    """A tab-separated table row: a tab after the first cell (leading tabs are empty cells)."""
    return "\t" in s.lstrip("\t") or (s.startswith("\t") and s.count("\t") > 1)


def _is_cell_line(s: str) -> bool:
    return s.startswith("\t") and "\t" not in s[1:]


def _blocks(text: str):
    lines = _lines(text)
    seq, i = 0, 0
    while i < len(lines):
        rows, j = _tab_rows(lines, i)
        if rows is None:
            rows, j = _cell_rows(lines, i)
        if rows is not None:
            yield _table_block(seq, text, rows)
            seq, i = seq + 1, j
            continue
        block = _paragraph_block(seq, lines[i])
        if block:
            yield block
            seq += 1
        i += 1


def _tab_rows(lines: list[Line], i: int):
    j = i
    while j < len(lines) and _is_row_line(lines[j].text):
        j += 1
    if j - i < 2:
        return None, i
    rows = []
    for ln in lines[i:j]:
        cells, pos = [], ln.start
        for part in ln.text.split("\t"):
            cells.append((pos, pos + len(part)))
            pos += len(part) + 1
        rows.append(cells)
    return rows, j


def _cell_rows(lines: list[Line], i: int):
    """One cell per `\\t`-prefixed line, a blank line between rows (at least 2 rows of 2+ cells)."""
    rows, cur, j = [], [], i
    while j < len(lines):
        s = lines[j].text
        if _is_cell_line(s):
            cur.append((lines[j].start + 1, lines[j].end))
        elif s.strip() == "" and cur:
            rows.append(cur)
            cur = []
        else:
            break
        j += 1
    if cur:
        rows.append(cur)
    if len(rows) < 2 or sum(len(r) >= 2 for r in rows) < 2:
        return None, i
    while j > i and lines[j - 1].text.strip() == "":
        j -= 1
    return rows, j


def _paragraph_block(seq: int, ln: Line) -> Block | None:
    s = ln.text
    m = MARKERS.match(s.lstrip())
    lead = len(s) - len(s.lstrip()) + (m.end() if m else 0)
    body = s[lead:].rstrip()
    if not body.strip():
        return None
    start = ln.start + lead
    kind = BlockKind.heading if _is_heading(body) else BlockKind.paragraph
    return Block(seq=seq, kind=kind, start=start, end=start + len(body), text=body)


def _is_heading(s: str) -> bool:
    short = len(s) <= 40 and not s.endswith(("。", "；", "，", "：", ":"))
    return bool(short and (HEADING.match(s) or "。" not in s and len(s) <= 20))


def _table_block(seq: int, text: str, spans: list[list[tuple[int, int]]]) -> Block:
    raw = [[(a, b, text[a:b]) for a, b in row] for row in spans]
    cells = _layout(raw)
    out = []
    for rc, (a, b) in cells:
        a, b = _strip(text, a, b)
        out.append(Cell(row=rc.row, col=rc.col, row_span=rc.row_span, col_span=rc.col_span,
                        text=text[a:b], start=a, end=b))
    start, end = spans[0][0][0], spans[-1][-1][1]
    n_rows = max(c.row + c.row_span for c in out)
    n_cols = max(c.col + c.col_span for c in out)
    table = Table(n_rows=n_rows, n_cols=n_cols, cells=out)
    return Block(seq=seq, kind=BlockKind.table, start=start, end=end, text=text[start:end], table=table)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _layout(rows: list[list[tuple[int, int, str]]]) -> list[tuple[RawCell, tuple[int, int]]]:
    """Place cells on a grid; in header rows, empty cells are the continuation of a merged cell.

    Header rows are the rows before the first row holding a number. In them a row shorter than
    the table is aligned from the left with its last cell spanning the rest (how a merged header
    is exported), an empty cell right of a text cell widens it, and an empty cell under a text
    cell lengthens it downwards.
    """
    n_cols = max(len(r) for r in rows)
    n_head = next((i for i, r in enumerate(rows) if any(NUMERIC.match(t.strip()) for *_, t in r)), 0)
    placed: list[tuple[RawCell, tuple[int, int]]] = []
    owner: dict[tuple[int, int], RawCell] = {}
    for r, row in enumerate(rows):
        for k, (a, b, t) in enumerate(row):
            span = n_cols - k if (r < n_head and k == len(row) - 1 and len(row) < n_cols) else 1
            if r < n_head and not t.strip():
                left, up = owner.get((r, k - 1)), owner.get((r - 1, k))
                if left is not None and left.row == r and k > 0:
                    left.col_span += 1
                    owner[(r, k)] = left
                    continue
                if up is not None and up.text.strip() and up.col == k and up.col_span == 1:
                    up.row_span += 1
                    owner[(r, k)] = up
                    continue
            rc = RawCell(row=r, col=k, text=t, col_span=span)
            placed.append((rc, (a, b)))
            for c in range(k, k + span):
                owner[(r, c)] = rc
    return placed
