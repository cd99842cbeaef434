"""DOCX reader: walks WordprocessingML itself, in body order, into a Document.

Why not python-docx's API: it silently drops content controls (w:sdt), tracked insertions, text
boxes and nested tables, repeats merged cells, and leaves out Word's auto-numbering (PITFALLS §1).
So the zip is pre-checked (docx_safety), its parts parsed with a no-entities parser (docx_parts),
and the XML walked here with an accept-all-changes view. Labels such as `一、` come from
docx_numbering. The walk compares child tags directly instead of calling `find`, which goes
through ElementPath on every call and was the walk's main cost.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from lxml import etree

from extract.errors import ReadError
from extract.readers.builder import DocumentBuilder, RawCell
from extract.readers.docx_numbering import Level, Numbering, first_children, join_label
from extract.readers.docx_parts import load_parts
from extract.readers.docx_safety import MAIN_PART, open_checked_docx
from schemas import BlockKind, Document

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
_SENTENCE_PUNCT = re.compile(r"[。；;！？!?]")
_FALSE = ("0", "false", "off")
_NO_PROPS: dict[object, etree._Element] = {}


def _child(el: etree._Element, tag: str) -> etree._Element | None:
    """The first child with this tag: `el.find(tag)` without the ElementPath overhead."""
    for ch in el:
        if ch.tag == tag:
            return ch
    return None


def _props(el: etree._Element | None) -> dict[object, etree._Element]:
    """First children by tag of a property element (pPr, trPr, tcPr), or none when it is absent."""
    return _NO_PROPS if el is None else first_children(el)


@dataclass
class _Para:
    """A paragraph's accept-all text, its text boxes, whether its mark is deleted, its pPr."""

    text: str
    boxes: list[etree._Element] = field(default_factory=list)
    mark_deleted: bool = False
    props: dict[object, etree._Element] = field(default_factory=dict)


@dataclass
class _CellContent:
    lines: list[str] = field(default_factory=list)
    tables: list[etree._Element] = field(default_factory=list)


class _Walker:
    """Turns the body XML into builder calls; one instance per document."""

    def __init__(self, w_ns: str, numbering: Numbering, builder: DocumentBuilder) -> None:
        self.w = w = "{%s}" % w_ns
        self.num = numbering
        self.b = builder
        self._carry = ""
        self._skip = {w + "del", w + "moveFrom", w + "delText", w + "instrText", w + "delInstrText",
                      w + "pPr", w + "rPr", w + "fldData", MC + "Fallback", w + "sectPr"}
        self._wrappers = {w + "customXml", w + "ins", w + "moveTo", w + "smartTag"}
        self._chars = {w + "tab": "\t", w + "ptab": "\t", w + "br": "\n", w + "cr": "\n",
                       w + "noBreakHyphen": "-"}
        # Clark names built once: the walk compares tags, it does not `find` (see module doc).
        self.P, self.TBL, self.R, self.T = w + "p", w + "tbl", w + "r", w + "t"
        self.SDT, self.SDT_CONTENT, self.TXBX = w + "sdt", w + "sdtContent", w + "txbxContent"
        self.PPR, self.RPR, self.VANISH, self.DEL = w + "pPr", w + "rPr", w + "vanish", w + "del"
        self.VAL = w + "val"

    def _on(self, el: etree._Element | None) -> bool:
        """A w:onOffType element is true unless its val says otherwise."""
        return el is not None and (el.get(self.VAL) or "true").lower() not in _FALSE

    # ---- block iteration -----------------------------------------------------------------
    def iter_blocks(self, parent: etree._Element) -> Iterator[etree._Element]:
        """Yield w:p / w:tbl in order, seeing through content controls and other wrappers."""
        p, tbl, sdt, wrappers = self.P, self.TBL, self.SDT, self._wrappers
        for el in parent:
            tag = el.tag
            if tag == p or tag == tbl:
                yield el
            elif tag == sdt:
                content = _child(el, self.SDT_CONTENT)
                if content is not None:
                    yield from self.iter_blocks(content)
            elif tag in wrappers:
                yield from self.iter_blocks(el)
            elif tag == MC + "AlternateContent":
                choice = _child(el, MC + "Choice")
                if choice is not None:
                    yield from self.iter_blocks(choice)
            elif tag == self.w + "altChunk":
                self.b.flag("altchunk", "an embedded alternative-format chunk (w:altChunk) was "
                            "not read; open the file in Word and save it again to inline it")

    def walk(self, parent: etree._Element) -> None:
        """Emit every paragraph and table of a container (body, cell, text box) in order."""
        for el in self.iter_blocks(parent):
            if el.tag == self.P:
                self._emit_paragraph(el)
            else:
                self._emit_table(el)

    # ---- paragraphs ----------------------------------------------------------------------
    def paragraph(self, p: etree._Element) -> _Para:
        """Accept-all text of a paragraph; text boxes are collected, not inlined."""
        pieces: list[str] = []
        out = _Para(text="", props=_props(_child(p, self.PPR)))
        self._collect(p, pieces, out.boxes)
        out.text = "".join(pieces)
        rpr = out.props.get(self.RPR)
        out.mark_deleted = rpr is not None and _child(rpr, self.DEL) is not None
        return out

    def _collect(self, el: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
        skip, chars = self._skip, self._chars
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in skip:
                continue
            if tag == self.T or tag == MATH_T:
                pieces.append(ch.text or "")
            elif tag in chars:
                pieces.append(chars[tag])
            elif tag == self.TXBX:
                boxes.append(ch)
            elif tag == self.R and self._hidden(ch):
                continue  # hidden text is not shown by Word
            else:
                self._collect(ch, pieces, boxes)

    def _hidden(self, run: etree._Element) -> bool:
        """The first rPr/vanish of a run is on (what `run.find('rPr/vanish')` would give)."""
        for rpr in run:
            if rpr.tag == self.RPR:
                vanish = _child(rpr, self.VANISH)
                if vanish is not None:
                    return self._on(vanish)
        return False

    def labelled(self, props: dict[object, etree._Element],
                 text: str) -> tuple[str, BlockKind, int | None]:
        """Prefix the auto-number label; decide heading kind and level from numbering/styles."""
        w = self.w
        style = self._attr(props.get(w + "pStyle"))
        outline = self._int(props.get(w + "outlineLvl"))
        num_pr = _props(props.get(w + "numPr"))
        num_id = self._attr(num_pr.get(w + "numId"))
        ilvl = self._int(num_pr.get(w + "ilvl"))
        heading = self.num.heading_level(style, outline)
        resolved = self.num.resolve(style, num_id, ilvl)
        label, lvl = "", None
        if resolved and (res := self.num.next_label(*resolved)):
            label, lvl = res
        if not text.strip():
            return "", BlockKind.paragraph, None
        text = join_label(label, lvl.suffix if lvl else "nothing", text.lstrip())
        if heading is not None:
            return text, BlockKind.heading, heading
        if resolved and lvl is not None:
            kind = BlockKind.heading if self._title_like(text, lvl) else BlockKind.paragraph
            return text, kind, resolved[1] + 1
        return text, BlockKind.paragraph, None

    @staticmethod
    def _title_like(text: str, lvl: Level) -> bool:
        """A numbered item is a heading when it is short and not a sentence (run-in items aren't)."""
        body = text.strip()
        return lvl.fmt not in ("bullet", "none") and len(body) <= 40 and \
            not _SENTENCE_PUNCT.search(body[:-1])

    def _attr(self, el: etree._Element | None) -> str | None:
        return None if el is None else el.get(self.VAL)

    def _int(self, el: etree._Element | None) -> int | None:
        value = self._attr(el)
        if not value:
            return None  # what int("") would give, without raising on every paragraph
        try:
            return int(value)
        except ValueError:
            return None

    def _emit_paragraph(self, p: etree._Element) -> None:
        para = self.paragraph(p)
        text = self._carry + para.text
        self._carry = ""
        if para.mark_deleted:  # accept-all joins this paragraph with the next one
            self._carry = text
            text = ""
        text, kind, level = self.labelled(para.props, text)
        self.b.add_paragraph(text, kind=kind, level=level)
        for box in para.boxes:
            self.walk(box)

    # ---- tables --------------------------------------------------------------------------
    def _iter_children(self, parent: etree._Element, tag: str) -> Iterator[etree._Element]:
        """Rows of a table or cells of a row, through sdt / customXml wrappers."""
        for el in parent:
            if el.tag == tag:
                yield el
            elif el.tag == self.SDT:
                content = _child(el, self.SDT_CONTENT)
                if content is not None:
                    yield from self._iter_children(content, tag)
            elif el.tag in self._wrappers:
                yield from self._iter_children(el, tag)

    def _rows(self, tbl: etree._Element) -> list[tuple[dict, list[etree._Element]]]:
        """Kept rows (tracked-deleted rows dropped): their trPr children and real w:tc elements."""
        w = self.w
        out = []
        for tr in self._iter_children(tbl, w + "tr"):
            trpr = _props(_child(tr, w + "trPr"))
            if trpr.get(self.DEL) is not None:
                continue
            tcs = list(self._iter_children(tr, w + "tc"))
            if tcs:
                out.append((trpr, tcs))
        return out

    def _emit_table(self, tbl: etree._Element) -> None:
        rows = self._rows(tbl)
        if not rows:
            return
        if self._is_layout(rows):
            for _, tcs in rows:
                self.walk(tcs[0])
            return
        cells, header_rows, nested = self._read_table(rows)
        self.b.add_table(cells, header_rows=header_rows)
        for inner in nested:
            self._emit_table(inner)

    def _is_layout(self, rows: list) -> bool:
        """A one-column table wrapping another table, or a single cell, is layout, not data."""
        if any(len(tcs) != 1 for _, tcs in rows):
            return False
        return len(rows) == 1 or any(True for _, tcs in rows for _ in tcs[0].iter(self.w + "tbl"))

    def _read_table(self, rows: list) -> tuple[list[RawCell], int | None, list[etree._Element]]:
        """Origin cells with spans (gridBefore, gridSpan, vMerge, hMerge), header rows, nested."""
        w = self.w
        cells: list[RawCell] = []
        nested: list[etree._Element] = []
        running: dict[int, RawCell] = {}  # grid column -> origin of a vertical merge
        header_rows, in_header = 0, True
        for r, (trpr, tcs) in enumerate(rows):
            is_header = self._on(trpr.get(w + "tblHeader"))
            in_header = in_header and is_header
            header_rows += 1 if in_header else 0
            col = self._int(trpr.get(w + "gridBefore")) or 0
            row_cells: list[RawCell] = []
            for tc in tcs:
                col += self._place_cell(tc, r, col, running, row_cells, nested)
            cells.extend(row_cells)
            running = {c: o for c, o in running.items() if o.row + o.row_span > r}
        return cells, header_rows or None, nested

    def _place_cell(self, tc: etree._Element, r: int, col: int, running: dict[int, RawCell],
                    row_cells: list[RawCell], nested: list[etree._Element]) -> int:
        """Add one w:tc at grid column col (or extend a merge); return its grid width."""
        w = self.w
        tcpr = _props(_child(tc, w + "tcPr"))
        span = max(1, self._int(tcpr.get(w + "gridSpan")) or 1)
        content = self.cell_content(tc)
        nested.extend(content.tables)
        text = "\n".join(line for line in content.lines if line.strip())
        vmerge, hmerge = tcpr.get(w + "vMerge"), tcpr.get(w + "hMerge")
        origin = running.get(col)
        if vmerge is not None and self._attr(vmerge) != "restart" and origin is not None:
            origin.row_span = r - origin.row + 1
            origin.text = "\n".join(t for t in (origin.text, text) if t)
            return span
        if hmerge is not None and self._attr(hmerge) != "restart" and row_cells:
            row_cells[-1].col_span += span
            row_cells[-1].text = "\n".join(t for t in (row_cells[-1].text, text) if t)
            return span
        cell = RawCell(row=r, col=col, text=text, col_span=span)
        row_cells.append(cell)
        if vmerge is not None:
            running[col] = cell
        else:
            running.pop(col, None)
        return span

    def cell_content(self, container: etree._Element) -> _CellContent:
        """Lines of a cell (paragraphs and their text boxes); nested tables kept apart."""
        out = _CellContent()
        for el in self.iter_blocks(container):
            if el.tag == self.TBL:
                out.tables.append(el)
                continue
            para = self.paragraph(el)
            text, _, _ = self.labelled(para.props, para.text)
            out.lines.append(text.strip())
            for box in para.boxes:
                inner = self.cell_content(box)
                out.lines.extend(inner.lines)
                out.tables.extend(inner.tables)
        return out


def read_docx(path: str | Path) -> Document:
    """Read a .docx into a Document (format 'docx'): body order, accept-all, numbering restored."""
    path = Path(path)
    zf = open_checked_docx(path)
    try:
        doc_root, w_ns, numbering = load_parts(zf, path)
    finally:
        zf.close()
    body = _child(doc_root, "{%s}body" % w_ns)
    if body is None:
        raise ReadError(f"{path}: {MAIN_PART} has no w:body; the file is damaged - re-save it "
                        "in Word.", path=str(path))
    builder = DocumentBuilder()
    try:
        _Walker(w_ns, numbering, builder).walk(body)
    except RecursionError:
        raise ReadError(f"{path}: the document nests tables or content controls too deeply to "
                        "read; simplify it in Word and save again.", path=str(path)) from None
    return builder.build(str(path), "docx")
