"""DOCX reader: walks WordprocessingML itself, in body order, into a Document.

Why not python-docx's API: it silently drops content controls (w:sdt), tracked insertions, text
boxes and nested tables, repeats merged cells, and leaves out Word's auto-numbering (PITFALLS §1).
So the zip is pre-checked (docx_safety), its parts parsed with a no-entities parser, and the XML
walked here with an accept-all-changes view. Labels such as `一、` come from docx_numbering.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from extract.errors import ReadError
from extract.readers.builder import DocumentBuilder, RawCell
from extract.readers.docx_numbering import Level, Numbering, join_label
from extract.readers.docx_safety import open_checked_docx, parse_xml_part, read_member, MAIN_PART
from schemas import BlockKind, Document

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH_T = "{http://schemas.openxmlformats.org/officeDocument/2006/math}t"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SENTENCE_PUNCT = re.compile(r"[。；;！？!?]")
_FALSE = ("0", "false", "off")


@dataclass
class _Para:
    """A paragraph's accept-all text, its text boxes and whether its mark is deleted."""

    text: str
    boxes: list[etree._Element] = field(default_factory=list)
    mark_deleted: bool = False


@dataclass
class _CellContent:
    lines: list[str] = field(default_factory=list)
    tables: list[etree._Element] = field(default_factory=list)


class _Walker:
    """Turns the body XML into builder calls; one instance per document."""

    def __init__(self, w_ns: str, numbering: Numbering, builder: DocumentBuilder) -> None:
        self.w = "{%s}" % w_ns
        self.num = numbering
        self.b = builder
        self._carry = ""
        w = self.w
        self._skip = {w + "del", w + "moveFrom", w + "delText", w + "instrText", w + "delInstrText",
                      w + "pPr", w + "rPr", w + "fldData", MC + "Fallback", w + "sectPr"}
        self._wrappers = {w + "customXml", w + "ins", w + "moveTo", w + "smartTag"}

    def _on(self, el: etree._Element | None) -> bool:
        """A w:onOffType element is true unless its val says otherwise."""
        return el is not None and (el.get(self.w + "val") or "true").lower() not in _FALSE

    # ---- block iteration -----------------------------------------------------------------
    def iter_blocks(self, parent: etree._Element):
        """Yield w:p / w:tbl in order, seeing through content controls and other wrappers."""
        w = self.w
        for el in parent:
            if el.tag in (w + "p", w + "tbl"):
                yield el
            elif el.tag == w + "sdt":
                content = el.find(w + "sdtContent")
                if content is not None:
                    yield from self.iter_blocks(content)
            elif el.tag in self._wrappers:
                yield from self.iter_blocks(el)
            elif el.tag == MC + "AlternateContent":
                choice = el.find(MC + "Choice")
                if choice is not None:
                    yield from self.iter_blocks(choice)
            elif el.tag == w + "altChunk":
                self.b.flag("altchunk", "an embedded alternative-format chunk (w:altChunk) was "
                            "not read; open the file in Word and save it again to inline it")

    def walk(self, parent: etree._Element) -> None:
        """Emit every paragraph and table of a container (body, cell, text box) in order."""
        for el in self.iter_blocks(parent):
            if el.tag == self.w + "p":
                self._emit_paragraph(el)
            else:
                self._emit_table(el)

    # ---- paragraphs ----------------------------------------------------------------------
    def paragraph(self, p: etree._Element) -> _Para:
        """Accept-all text of a paragraph; text boxes are collected, not inlined."""
        out = _Para(text="")
        pieces: list[str] = []
        self._collect(p, pieces, out.boxes)
        out.text = "".join(pieces)
        ppr = p.find(self.w + "pPr")
        rpr = ppr.find(self.w + "rPr") if ppr is not None else None
        out.mark_deleted = rpr is not None and rpr.find(self.w + "del") is not None
        return out

    def _collect(self, el: etree._Element, pieces: list[str], boxes: list[etree._Element]) -> None:
        w = self.w
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in self._skip:
                continue
            if tag == w + "t" or tag == MATH_T:
                pieces.append(ch.text or "")
            elif tag in (w + "tab", w + "ptab"):
                pieces.append("\t")
            elif tag in (w + "br", w + "cr"):
                pieces.append("\n")
            elif tag == w + "noBreakHyphen":
                pieces.append("-")
            elif tag == w + "txbxContent":
                boxes.append(ch)
            elif tag == w + "r" and self._on(ch.find(w + "rPr/" + w + "vanish")):
                continue  # hidden text is not shown by Word
            else:
                self._collect(ch, pieces, boxes)

    def labelled(self, p: etree._Element, text: str) -> tuple[str, BlockKind, int | None]:
        """Prefix the auto-number label; decide heading kind and level from numbering/styles."""
        w = self.w
        ppr = p.find(w + "pPr")
        get = (lambda path: ppr.find(path) if ppr is not None else None)
        style = self._attr(get(w + "pStyle"))
        outline = self._int(get(w + "outlineLvl"))
        num_pr = get(w + "numPr")
        num_id = self._attr(num_pr.find(w + "numId")) if num_pr is not None else None
        ilvl = self._int(num_pr.find(w + "ilvl")) if num_pr is not None else None
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
        return None if el is None else el.get(self.w + "val")

    def _int(self, el: etree._Element | None) -> int | None:
        try:
            return int(self._attr(el) or "")
        except ValueError:
            return None

    def _emit_paragraph(self, p: etree._Element) -> None:
        para = self.paragraph(p)
        text = self._carry + para.text
        self._carry = ""
        if para.mark_deleted:  # accept-all joins this paragraph with the next one
            self._carry = text
            text = ""
        text, kind, level = self.labelled(p, text)
        self.b.add_paragraph(text, kind=kind, level=level)
        for box in para.boxes:
            self.walk(box)

    # ---- tables --------------------------------------------------------------------------
    def _iter_children(self, parent: etree._Element, tag: str):
        """Rows of a table or cells of a row, through sdt / customXml wrappers."""
        w = self.w
        for el in parent:
            if el.tag == tag:
                yield el
            elif el.tag == w + "sdt":
                content = el.find(w + "sdtContent")
                if content is not None:
                    yield from self._iter_children(content, tag)
            elif el.tag in self._wrappers:
                yield from self._iter_children(el, tag)

    def _rows(self, tbl: etree._Element) -> list[tuple[etree._Element, list[etree._Element]]]:
        """Kept rows (tracked-deleted rows dropped) with their real w:tc elements."""
        w = self.w
        out = []
        for tr in self._iter_children(tbl, w + "tr"):
            trpr = tr.find(w + "trPr")
            if trpr is not None and trpr.find(w + "del") is not None:
                continue
            tcs = list(self._iter_children(tr, w + "tc"))
            if tcs:
                out.append((tr, tcs))
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
        for r, (tr, tcs) in enumerate(rows):
            trpr = tr.find(w + "trPr")
            is_header = trpr is not None and self._on(trpr.find(w + "tblHeader"))
            in_header = in_header and is_header
            header_rows += 1 if in_header else 0
            col = self._int(trpr.find(w + "gridBefore")) if trpr is not None else None
            col = col or 0
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
        tcpr = tc.find(w + "tcPr")
        get = (lambda name: tcpr.find(w + name) if tcpr is not None else None)
        span = max(1, self._int(get("gridSpan")) or 1)
        content = self.cell_content(tc)
        nested.extend(content.tables)
        text = "\n".join(line for line in content.lines if line.strip())
        vmerge, hmerge = get("vMerge"), get("hMerge")
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
            if el.tag == self.w + "tbl":
                out.tables.append(el)
                continue
            para = self.paragraph(el)
            text, _, _ = self.labelled(el, para.text)
            out.lines.append(text.strip())
            for box in para.boxes:
                inner = self.cell_content(box)
                out.lines.extend(inner.lines)
                out.tables.extend(inner.tables)
        return out


# ---- package plumbing ----------------------------------------------------------------------
def _rel_targets(zf: zipfile.ZipFile, path: Path) -> dict[str, str]:
    """Relationship type suffix -> part name, from word/_rels/document.xml.rels."""
    rels = "word/_rels/document.xml.rels"
    if rels not in zf.namelist():
        return {}
    root = parse_xml_part(read_member(zf, rels, path), rels, path)
    out: dict[str, str] = {}
    for rel in root.iter(REL_NS + "Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("word/" + target)
        out.setdefault(kind, part)
    return out


def _optional_part(zf: zipfile.ZipFile, rels: dict[str, str], kind: str, default: str,
                   path: Path) -> etree._Element | None:
    name = rels.get(kind, default)
    if name not in zf.namelist():
        return None
    return parse_xml_part(read_member(zf, name, path), name, path)


def _w_namespace(root: etree._Element, path: Path) -> str:
    ns = etree.QName(root).namespace
    if ns not in (W_TRANSITIONAL, W_STRICT) or etree.QName(root).localname != "document":
        raise ReadError(f"{path}: {MAIN_PART} is not a WordprocessingML document (root "
                        f"{root.tag}); open the file in Word and save it as .docx.", path=str(path))
    return ns


def read_docx(path: str | Path) -> Document:
    """Read a .docx into a Document (format 'docx'): body order, accept-all, numbering restored."""
    path = Path(path)
    zf = open_checked_docx(path)
    try:
        doc_root = parse_xml_part(read_member(zf, MAIN_PART, path), MAIN_PART, path)
        w_ns = _w_namespace(doc_root, path)
        rels = _rel_targets(zf, path)
        numbering = Numbering(_optional_part(zf, rels, "numbering", "word/numbering.xml", path),
                              _optional_part(zf, rels, "styles", "word/styles.xml", path),
                              "{%s}" % w_ns)
    finally:
        zf.close()
    body = doc_root.find("{%s}body" % w_ns)
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
