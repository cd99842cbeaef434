"""Package plumbing for the docx reader: the main part, its relationships, and the style and list
definitions - the last two cached by content.

Why the cache: the notices of one batch usually come from one Word template, whose styles.xml is
~350 KB (mostly table styles); parsing it cost more than reading the whole body. An entry is keyed
by the part's exact bytes (and the WordprocessingML namespace), so a hit returns what parsing and
loading those very bytes returned before - including having passed the entity checks - and any
changed byte is a miss. Members are still inflated every time, so zip damage (bad CRC,
truncation) and the size limits are caught exactly as before.
"""
from __future__ import annotations

import posixpath
import re
import threading
import zipfile
from pathlib import Path
from typing import TypeVar

from lxml import etree

from extract.errors import ReadError
from extract.readers.docx_numbering import ListDefs, Numbering, StyleSheet
from extract.readers.docx_safety import MAIN_PART, parse_xml_part, read_member

W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
RELS_PART = "word/_rels/document.xml.rels"

_CACHE_ENTRIES = 16  # a few templates' styles and numbering
_CACHE_MAX_PART = 4 * 2**20  # larger parts are parsed every time rather than kept in memory

_Defs = TypeVar("_Defs", ListDefs, StyleSheet)
_cache: dict[tuple[type, str, bytes], object] = {}
_cache_lock = threading.Lock()


def _definitions(data: bytes, part: str, path: Path, w: str, kind: type[_Defs]) -> _Defs:
    """Parse and load a definitions part, or reuse what the same bytes gave before."""
    key = (kind, w, data)
    with _cache_lock:
        hit = _cache.pop(key, None)
        if hit is not None:
            _cache[key] = hit  # most recently used last
            return hit  # type: ignore[return-value]
    cut = paragraph_styles_only(data, w) if kind is StyleSheet else None
    try:
        root = parse_xml_part(cut if cut is not None else data, part, path)
    except ReadError:
        if cut is None:
            raise
        root = parse_xml_part(data, part, path)  # the cut went wrong (a comment holding <w:style …): all
    defs = kind(root, w)
    if len(data) <= _CACHE_MAX_PART:
        with _cache_lock:
            _cache[key] = defs
            while len(_cache) > _CACHE_ENTRIES:
                del _cache[next(iter(_cache))]
    return defs


_STYLE_TYPE = re.compile(rb"""\sw:type=(["'])(paragraph|character|table|numbering)\1""")


def paragraph_styles_only(data: bytes, w: str) -> bytes | None:
    """styles.xml without what the reader never uses (latent styles, table, character and
    numbering styles), cut out as bytes before parsing; None when the part is not written the
    usual way (another prefix, an unusual attribute form), and the whole part is parsed instead.

    Why: a template's styles.xml is mostly table styles (python-docx's: 350 KB, 260 styles, 36 of
    them paragraph styles); parsing it all was the largest cost of reading a docx cold. A style
    element never nests another, so each one ends at the first </w:style> after its start."""
    root = data.find(b"<w:styles")
    head_end = data.find(b">", root) if root >= 0 else -1
    if head_end < 0 or b'xmlns:w="' + w.strip("{}").encode() + b'"' not in data[:head_end]:
        return None
    chunks = data.split(b"<w:style ")
    out = [chunks[0]]
    latent = out[0].find(b"<w:latentStyles")
    if latent >= 0:
        end = out[0].find(b"</w:latentStyles>", latent)
        if end < 0:
            return None
        out[0] = out[0][:latent] + out[0][end + len(b"</w:latentStyles>"):]
    for chunk in chunks[1:]:
        gt = chunk.find(b">")
        head = chunk[:gt]
        kind = _STYLE_TYPE.search(b" " + head)
        if kind is None and b"type" in head:
            return None  # a type written some other way: do not guess
        if kind is None or kind.group(2) == b"paragraph":
            out.append(b"<w:style " + chunk)
        elif head.endswith(b"/"):
            out.append(chunk[gt + 1:])
        elif (close := chunk.find(b"</w:style>")) >= 0:
            out.append(chunk[close + len(b"</w:style>"):])
        else:
            return None
    return b"".join(out)


def _rel_targets(zf: zipfile.ZipFile, names: set[str], path: Path) -> dict[str, str]:
    """Relationship type suffix -> part name, from word/_rels/document.xml.rels."""
    if RELS_PART not in names:
        return {}
    root = parse_xml_part(read_member(zf, RELS_PART, path), RELS_PART, path)
    out: dict[str, str] = {}
    for rel in root.iter(REL_NS + "Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("word/" + target)
        out.setdefault(kind, part)
    return out


def _optional_defs(zf: zipfile.ZipFile, names: set[str], part: str, path: Path, w: str,
                   kind: type[_Defs]) -> _Defs:
    """The definitions of an optional part; empty ones when the package has no such part."""
    if part not in names:
        return kind()
    return _definitions(read_member(zf, part, path), part, path, w, kind)


def _w_namespace(root: etree._Element, path: Path) -> str:
    ns = etree.QName(root).namespace
    if ns not in (W_TRANSITIONAL, W_STRICT) or etree.QName(root).localname != "document":
        raise ReadError(f"{path}: {MAIN_PART} is not a WordprocessingML document (root "
                        f"{root.tag}); open the file in Word and save it as .docx.", path=str(path))
    return ns


def load_parts(zf: zipfile.ZipFile, path: Path) -> tuple[etree._Element, str, Numbering]:
    """The parsed main part, its WordprocessingML namespace, and fresh numbering for it."""
    doc_root = parse_xml_part(read_member(zf, MAIN_PART, path), MAIN_PART, path)
    w_ns = _w_namespace(doc_root, path)
    w = "{%s}" % w_ns
    names = set(zf.namelist())
    rels = _rel_targets(zf, names, path)
    lists = _optional_defs(zf, names, rels.get("numbering", "word/numbering.xml"), path, w,
                           ListDefs)
    sheet = _optional_defs(zf, names, rels.get("styles", "word/styles.xml"), path, w, StyleSheet)
    return doc_root, w_ns, Numbering(lists, sheet)


def forget_definitions() -> None:
    """Empty the template cache (the benchmark reads every docx cold, as from a new template)."""
    with _cache_lock:
        _cache.clear()
