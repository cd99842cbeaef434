"""Checks a .docx zip before any XML of it is parsed, and parses its parts without entity tricks.

Why: a .docx is a zip of XML parts, so a hostile file can be a zip bomb (a tiny member that
inflates to gigabytes), carry an XXE / billion-laughs DTD, or simply be another file type renamed
to .docx. Every problem becomes a ReadError subclass whose message names the file and the fix;
no zipfile, zlib or lxml exception leaves this module.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from extract.errors import EncryptedFile, ReadError, TooBig, UnsupportedFormat

MAX_TOTAL_BYTES = 200 * 2**20  # sum of uncompressed member sizes
MAX_MEMBER_BYTES = 100 * 2**20  # any one member, uncompressed
MAX_RATIO = 100  # uncompressed / compressed, per member
RATIO_MIN_BYTES = 2**20  # small members (< 1 MB) may compress very well without being a bomb
MAX_MEMBERS = 10_000
MAX_FILE_BYTES = MAX_TOTAL_BYTES  # the zip itself; a real notice is far smaller

MAIN_PART = "word/document.xml"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_CT = ("wordprocessingml.document.main", "ms-word.document.macroenabled.main",
            "wordprocessingml.template.main", "ms-word.template.macroenabledtemplate.main")

# Other zip-based formats, recognised by a member they always have.
_OTHER_ZIPS = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx); open it in a spreadsheet program"),
    ("xl/workbook.bin", "an Excel binary workbook (.xlsb); open it in a spreadsheet program"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx); export its text separately"),
    ("OFD.xml", "an OFD document; export it to PDF or .docx first"),
    ("META-INF/container.xml", "an EPUB e-book; export it to .docx or PDF first"),
    ("visio/document.xml", "a Visio drawing; export its text separately"),
)


def _safe_parser() -> etree.XMLParser:
    """A parser that never resolves entities, never touches the network, never allows huge trees."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False, dtd_validation=False)


def _has_marker(data: bytes, marker: str) -> bool:
    """Find an ASCII marker in UTF-8 or UTF-16 encoded XML."""
    return any(marker.encode(enc) in data for enc in ("ascii", "utf-16-le", "utf-16-be"))


def parse_xml_part(data: bytes, part: str, path: Path) -> etree._Element:
    """Parse one XML part safely; entity declarations (XXE, billion laughs) are refused."""
    if _has_marker(data, "<!DOCTYPE") and _has_marker(data, "<!ENTITY"):
        raise ReadError(f"{path}: part {part} declares XML entities; XML entity declarations "
                        "are not allowed in a .docx (possible XXE or billion-laughs attack). "
                        "Re-save the file from Word if it is genuine.", path=str(path))
    try:
        root = etree.fromstring(data, parser=_safe_parser())
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(f"{path}: part {part} is not well-formed XML ({exc}); the file is damaged "
                        "- open and re-save it in Word or LibreOffice.", path=str(path)) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise ReadError(f"{path}: part {part}: XML entity declarations are not allowed in a "
                        ".docx; the file was refused.", path=str(path))
    return root


def _sniff_non_zip(path: Path, head: bytes) -> ReadError:
    """Name what a non-zip file most likely is, so the message says what to do."""
    p = str(path)
    if head.startswith(_OLE_MAGIC):
        if _ole_is_encrypted_ooxml(path):
            return EncryptedFile(f"{p}: the .docx is password-protected; remove the password in "
                                 "Word (File > Info > Protect Document) and save it again.", path=p)
        return UnsupportedFormat(f"{p}: is a legacy Word 97-2003 (.doc) or WPS file, not a .docx; "
                                 "open it in Word, WPS or LibreOffice and save as .docx.", path=p)
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for magic, what in ((b"%pdf", "a PDF"), (b"{\\rtf", "an RTF document"),
                        (b"<html", "an HTML page"), (b"<!doctype html", "an HTML page"),
                        (b"mime-version", "a web archive (.mht)")):
        if lowered.startswith(magic):
            return UnsupportedFormat(f"{p}: is {what}, not a .docx; read it with the matching "
                                     "reader or save it as .docx.", path=p)
    if head.startswith(b"PK"):
        return ReadError(f"{p}: file is truncated or not a valid .docx (the zip directory is "
                         "missing); download or copy the file again.", path=p)
    return ReadError(f"{p}: file is truncated or not a valid .docx: it is not a zip archive "
                     "(damaged, or another file type renamed to .docx).", path=p)


def _ole_is_encrypted_ooxml(path: Path) -> bool:
    """Encrypted .docx files are OLE containers holding an 'EncryptedPackage' stream."""
    with path.open("rb") as fh:
        data = fh.read(MAX_FILE_BYTES)
    return "EncryptedPackage".encode("utf-16-le") in data


def _check_members(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse zip bombs and encrypted members before any member is inflated."""
    infos = zf.infolist()
    p = str(path)
    if len(infos) > MAX_MEMBERS:
        raise TooBig(f"{p}: the zip holds {len(infos)} members (limit {MAX_MEMBERS}); refused "
                     "as a possible zip bomb.", path=p)
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise TooBig(f"{p}: members would inflate to {total / 2**20:.0f} MB (limit "
                     f"{MAX_TOTAL_BYTES // 2**20} MB); refused as a possible zip bomb.", path=p)
    for i in infos:
        if i.flag_bits & 0x1:
            raise EncryptedFile(f"{p}: member {i.filename} is encrypted; save the document "
                                "without a password and try again.", path=p)
        if i.file_size > MAX_MEMBER_BYTES:
            raise TooBig(f"{p}: member {i.filename} would inflate to {i.file_size / 2**20:.0f} MB "
                         f"(limit {MAX_MEMBER_BYTES // 2**20} MB); refused as a possible zip bomb.",
                         path=p)
        ratio = i.file_size / max(i.compress_size, 1)
        if i.file_size >= RATIO_MIN_BYTES and ratio > MAX_RATIO:
            raise TooBig(f"{p}: member {i.filename} has a compression ratio of {ratio:.0f}:1 "
                         f"(limit {MAX_RATIO}:1); refused as a possible zip bomb.", path=p)


def _check_is_word(zf: zipfile.ZipFile, path: Path) -> None:
    """The zip must be a WordprocessingML package; otherwise say what it is."""
    names = set(zf.namelist())
    p = str(path)
    for member, what in _OTHER_ZIPS:
        if member in names and MAIN_PART not in names:
            raise UnsupportedFormat(f"{p}: is {what}, not a Word .docx.", path=p)
    if "mimetype" in names and MAIN_PART not in names:
        kind = read_member(zf, "mimetype", path)[:100].decode("ascii", "replace").strip()
        raise UnsupportedFormat(f"{p}: is an OpenDocument/other package ({kind}), not a .docx; "
                                "save it as .docx in LibreOffice or WPS.", path=p)
    if "[Content_Types].xml" not in names or MAIN_PART not in names:
        raise UnsupportedFormat(f"{p}: is a zip archive but not a Word .docx (no "
                                f"[Content_Types].xml or {MAIN_PART}); open it in Word and save "
                                "as .docx.", path=p)
    ct = read_member(zf, "[Content_Types].xml", path).lower()
    if not any(t.encode() in ct for t in _WORD_CT):
        raise UnsupportedFormat(f"{p}: has {MAIN_PART} but its content types do not declare a "
                                "Word document; open it in Word and save as .docx.", path=p)


def read_member(zf: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """Inflate one member with a hard cap, turning zip/zlib failures into ReadError."""
    p = str(path)
    try:
        with zf.open(name) as fh:
            data = fh.read(MAX_MEMBER_BYTES + 1)
    except KeyError:
        raise ReadError(f"{p}: part {name} is missing; the .docx is damaged.", path=p) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, struct.error) as exc:
        raise ReadError(f"{p}: file is truncated or not a valid .docx (member {name}: {exc}); "
                        "download or copy it again.", path=p) from None
    except (NotImplementedError, RuntimeError, ValueError) as exc:
        raise ReadError(f"{p}: member {name} cannot be read ({exc}); re-save the file in "
                        "Word.", path=p) from None
    if len(data) > MAX_MEMBER_BYTES:
        raise TooBig(f"{p}: member {name} inflates past {MAX_MEMBER_BYTES // 2**20} MB; refused "
                     "as a possible zip bomb.", path=p)
    return data


def open_checked_docx(path: Path) -> zipfile.ZipFile:
    """Open the file as a zip after every pre-check; the caller closes it."""
    p = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise ReadError(f"{p}: cannot open the file ({exc.strerror or exc}); check the path and "
                        "permissions.", path=p) from None
    if size > MAX_FILE_BYTES:
        raise TooBig(f"{p}: file is {size / 2**20:.0f} MB (limit {MAX_FILE_BYTES // 2**20} MB).",
                     path=p)
    if not head:
        raise ReadError(f"{p}: file is empty (0 bytes); download or copy it again.", path=p)
    if not zipfile.is_zipfile(path):
        raise _sniff_non_zip(path, head)
    try:
        zf = zipfile.ZipFile(path)
    except Exception as exc:  # zipfile raises BadZipFile, NotImplementedError, struct.error...
        raise ReadError(f"{p}: file is truncated or not a valid .docx ({exc}).", path=p) from None
    try:
        _check_members(zf, path)
        _check_is_word(zf, path)
    except BaseException:
        zf.close()
        raise
    return zf
