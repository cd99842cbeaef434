"""Decide a file's format from its bytes (magic numbers), not from its name.

Why: notices arrive renamed, mislabelled and truncated; a .docx that is really a Word 97 file
must get a message that says how to convert it, not a zip error.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from extract.errors import ReadError, UnsupportedFormat

SUPPORTED = ("txt", "docx", "pdf")
SUFFIXES = {".txt": "txt", ".text": "txt", ".docx": "docx", ".pdf": "pdf"}
CONVERT_HINT = "convert it to .docx first, e.g. `soffice --headless --convert-to docx \"{name}\"`"


def format_by_name(path: Path) -> str | None:
    """The format a file's name promises, or None when its suffix is not one we read."""
    return SUFFIXES.get(path.suffix.lower())


def sniff(path: Path, head: bytes) -> str:
    """Return 'txt', 'docx' or 'pdf' for the file's content, or raise a clear error."""
    name = path.name
    if not head:
        raise ReadError(f"{path}: the file is empty (0 bytes)", path=str(path), kind="empty")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnsupportedFormat(
            f"{path}: this is a legacy Office/WPS binary file (.doc, .wps or .xls), not .docx; "
            + CONVERT_HINT.format(name=name), path=str(path), kind="legacy_office")
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormat(f"{path}: this is an RTF file; " + CONVERT_HINT.format(name=name),
                                path=str(path))
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    named = format_by_name(path)
    if named in ("docx", "pdf"):
        raise ReadError(f"{path}: named .{named} but the content is not a {named.upper()} file "
                        "(no PDF or Word signature); the download may be broken, or it is a text file "
                        "that should be named .txt", path=str(path), kind="mislabelled")
    return "txt"


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        # NotImplementedError: a damaged header claiming a zip version or feature zipfile lacks
        raise ReadError(f"{path}: the file looks like a .docx (zip) but is truncated or corrupt ({e}); "
                        "download it again", path=str(path), kind="corrupt") from None
    if "word/document.xml" in names:
        return "docx"
    what = _zip_kind(names)
    raise UnsupportedFormat(f"{path}: this is {what}, not a Word .docx notice; save it as .docx, "
                            "or export it as PDF", path=str(path))


def _zip_kind(names: set[str]) -> str:
    if any(n.startswith("xl/") for n in names):
        return "an Excel workbook (.xlsx)"
    if any(n.startswith("ppt/") for n in names):
        return "a PowerPoint file (.pptx)"
    if "OFD.xml" in names:
        return "an OFD document (GB/T 33190)"
    if "mimetype" in names:
        return "an OpenDocument file (.odt/.ods)"
    return "a zip archive"
