"""The same notice read from txt, docx and pdf gives the same paragraphs and tables.

Allowed differences (tests/fixtures/renditions/README.md): whitespace (PDF autospace, line breaks in
titles), and 004's Word auto-numbering labels (一、 （一）), which docx and pdf show and the txt seed lacks.
"""
from __future__ import annotations

import re

import pytest

from extract.readers import read_document
from tests.conftest import RENDITIONS

LABEL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _read(n: str):
    return {ext: read_document(RENDITIONS / f"{n}.{ext}") for ext in ("txt", "docx", "pdf")}


@pytest.mark.parametrize("n", ["000", "001", "002", "003", "004"])
def test_same_tables_in_every_format(n):
    docs = _read(n)
    grids = {ext: [[[_norm(x) for x in row] for row in b.table.grid()] for b in d.tables()] for ext, d in docs.items()}
    assert grids["txt"] == grids["docx"] == grids["pdf"]
    spans = {ext: [[(c.row, c.col, c.row_span, c.col_span) for c in b.table.cells if c.text]
                   for b in d.tables()] for ext, d in docs.items()}
    assert spans["docx"] == spans["pdf"]


@pytest.mark.parametrize("n", ["000", "001", "002", "003", "004"])
def test_same_paragraph_text_in_every_format(n):
    docs = _read(n)
    text = {ext: "".join(_norm(b.text) for b in d.paragraphs()) for ext, d in docs.items()}
    assert text["docx"] == text["pdf"]
    if n == "004":
        unlabelled = "".join(_norm(LABEL.sub("", b.text)) for b in docs["docx"].paragraphs())
        assert unlabelled == text["txt"]
        assert sum(bool(LABEL.match(b.text)) for b in docs["docx"].paragraphs()) == 17
    else:
        assert text["txt"] == text["docx"]


@pytest.mark.parametrize("variant", ["000.pagebreak.pdf", "000.pagebreak.docx", "000.structures.docx",
                                     "000.structures.pdf", "000.kangxi.pdf", "000.reportlab.pdf", "000.gb18030.txt", "000.utf8bom-crlf.txt"])
def test_variants_read_like_000(variant):
    ref = read_document(RENDITIONS / "000.docx")
    doc = read_document(RENDITIONS / variant)
    assert [[_norm(x) for x in r] for r in doc.tables()[0].table.grid()] == \
           [[_norm(x) for x in r] for r in ref.tables()[0].table.grid()]
    assert "".join(_norm(b.text) for b in doc.paragraphs()) == "".join(_norm(b.text) for b in ref.paragraphs())
