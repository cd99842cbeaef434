"""Readers: one file in, one Document out. Only readers touch input files.

`read_document` decides the format from the file's bytes and calls the matching reader. The pdf
and docx readers are imported only when needed, so the CLI starts fast.
"""
from __future__ import annotations

from pathlib import Path

from extract.errors import ReadError
from extract.readers.formats import SUPPORTED, format_by_name, sniff
from schemas import Document, PageIssue

__all__ = ["read_document", "SUPPORTED", "format_by_name"]


def read_document(path: str | Path) -> Document:
    """Read any supported file; raise a ReadError subclass that names the file otherwise."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(2048)
    except FileNotFoundError:
        raise ReadError(f"{path}: the file does not exist (was it moved or deleted?)",
                        path=str(path), kind="missing") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a folder, not a file", path=str(path), kind="not_a_file") from None
    except OSError as e:
        raise ReadError(f"{path}: cannot open the file ({e.strerror})", path=str(path),
                        kind="unreadable") from None
    fmt = sniff(path, head)
    doc = _reader(fmt)(path)
    named = format_by_name(path)
    if named and named != fmt:
        doc.issues.append(PageIssue(kind="mislabelled", lost_content=False,
                                    message=f"named .{path.suffix.lstrip('.')} but the content is {fmt}; read as {fmt}"))
    return doc


def _reader(fmt: str):
    if fmt == "pdf":
        from extract.readers.pdf import read_pdf
        return read_pdf
    if fmt == "docx":
        from extract.readers.docx import read_docx
        return read_docx
    from extract.readers.txt import read_txt
    return read_txt
