"""Generators of broken and hostile input files, made by the tests themselves (no committed binaries).

Each generator writes one file and returns its path. The PDF builder writes a tiny but valid PDF
by hand (objects, xref, trailer) with the non-embedded Adobe CID font STSong-Light, so Chinese
text can be drawn without any PDF library; pages can be text, a drawn rectangle, or an image.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tests.conftest import CORPUS, RENDITIONS

SECRET = "机密口令-XXE-LEAK-4711".encode()
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCX_MAIN = "word/document.xml"


# ---------------------------------------------------------------- a minimal PDF writer

def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def pdf_bytes(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def text_ops(lines: list[str], size: int = 16) -> bytes:
    """Content-stream operators drawing `lines` top-down with the CJK font F1."""
    ops = [b"BT /F1 %d Tf 72 770 Td %d TL" % (size, size + 12)]
    for ln in lines:
        ops.append(b"<" + ln.encode("utf-16-be").hex().encode() + b"> Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


RECT_OPS = b"0.5 w 72 400 300 200 re S"
IMAGE_OPS = b"q 400 0 0 500 100 150 cm /Im1 Do Q"
_FONT_OBJECTS = [
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
    b"/DescendantFonts [4 0 R] >>",
    b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo "
    b"<< /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R /DW 1000 >>",
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
    b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
]


def _image_object() -> bytes:
    pixels = zlib.compress(bytes(random.Random(7).randrange(256) for _ in range(64 * 64)))
    return _stream(pixels, b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace "
                   b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode ")


def make_pdf(pages: list[bytes | str], trailer_extra: bytes = b"",
             extra_objects: list[bytes] = (), content_extra: bytes = b"") -> bytes:
    """A PDF whose pages draw the given content streams (`"image"` draws a greyscale image)."""
    n_fixed = 2 + len(_FONT_OBJECTS) + 1 + len(extra_objects)  # catalog, pages, fonts, image, extras
    kids, objects = [], []
    for i, content in enumerate(pages):
        page_no = n_fixed + 2 * i + 1
        kids.append(b"%d 0 R" % page_no)
        body = IMAGE_OPS if content == "image" else content
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 6 0 R >> >> >>"
                       % (page_no + 1))
        objects.append(_stream(body, content_extra))
    head = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages)),
            *_FONT_OBJECTS, _image_object(), *extra_objects]
    return pdf_bytes(head + objects, trailer_extra)


NOTICE_LINES = ["关于做好城镇老旧小区改造工作的通知", "各区住房城乡建设局：",
                "2024年计划改造老旧小区120个，请于2024年6月30日前完成。",
                "区财政局负责落实资金3000万元。"]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- hostile PDFs

def good_pdf(path: Path) -> Path:
    """A one-page PDF notice drawn with the CJK font (readable: the control for the builder)."""
    return write(path, make_pdf([text_ops(NOTICE_LINES)]))


def partial_pdf(path: Path) -> Path:
    """Page 1 has text, page 2 is a scanned image with no text layer: a partly readable notice."""
    return write(path, make_pdf([text_ops(NOTICE_LINES), "image"]))


def no_text_pdf(path: Path) -> Path:
    """One page with only a drawn rectangle (no text layer at all)."""
    return write(path, make_pdf([RECT_OPS]))


def scanned_pdf(path: Path) -> Path:
    """Every page an image: a scan without OCR."""
    return write(path, make_pdf(["image", "image"]))


def encrypted_pdf(path: Path) -> Path:
    """Standard security handler (RC4 40-bit) whose user password is not empty."""
    rng = random.Random(11)
    o_hex = bytes(rng.randrange(256) for _ in range(32)).hex().encode()
    u_hex = bytes(rng.randrange(256) for _ in range(32)).hex().encode()
    enc = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>" % (o_hex, u_hex)
    n_enc = 2 + len(_FONT_OBJECTS) + 1 + 1
    file_id = b"<" + bytes(rng.randrange(256) for _ in range(16)).hex().encode() + b">"
    data = make_pdf([text_ops(NOTICE_LINES)], extra_objects=[enc],
                    trailer_extra=b"/Encrypt %d 0 R /ID [%s %s] " % (n_enc, file_id, file_id))
    return write(path, data)


def flate_bomb_pdf(path: Path, mb: int = 1024) -> Path:
    """A page whose content stream inflates to `mb` MB of zeros (about 1 MB on disk).

    Built with full flushes so one compressed chunk can be repeated: fast to generate.
    """
    chunk = b"\0" * 2**20
    comp = zlib.compressobj(9)
    header_and_first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(mb):
        adler = zlib.adler32(chunk, adler)
    body = header_and_first + block * (mb - 1) + b"\x03\x00" + adler.to_bytes(4, "big")
    return write(path, make_pdf([body], content_extra=b"/Filter /FlateDecode "))


def truncated(src: Path, dst: Path, fraction: float) -> Path:
    data = src.read_bytes()
    return write(dst, data[: int(len(data) * fraction)])


# ---------------------------------------------------------------- hostile docx / zip

def replace_member(src: Path, dst: Path, member: str, data: bytes,
                   compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Copy a zip, replacing (or adding) one member."""
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != member:
                zout.writestr(info, zin.read(info.filename))
        zout.writestr(member, data, compress_type=compression)
    return write(dst, buf.getvalue())


def _document_xml(body_text: str, doctype: str = "") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype +
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:body><w:p><w:r><w:t>{body_text}</w:t></w:r></w:p></w:body></w:document>').encode()


def xxe_docx(dst: Path, secret: Path) -> Path:
    """document.xml declares an external entity pointing at a local file and uses it in a run."""
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>\n'
    return replace_member(RENDITIONS / "000.docx", dst, DOCX_MAIN, _document_xml("财政局&xxe;", doctype))


def billion_laughs_docx(dst: Path) -> Path:
    """Ten levels of ten nested entity references (10^10 'lol')."""
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE w:document [" + "".join(ents) + "]>\n"
    return replace_member(RENDITIONS / "000.docx", dst, DOCX_MAIN, _document_xml("&lol9;", doctype))


def zip_bomb_docx(dst: Path, mb: int = 210) -> Path:
    """document.xml padded with `mb` MB of spaces: about 0.3 MB on disk, honest zip headers."""
    head, tail = _document_xml("SPLIT").split(b"SPLIT")
    buf = io.BytesIO()
    with zipfile.ZipFile(RENDITIONS / "000.docx") as zin, \
            zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != DOCX_MAIN:
                zout.writestr(info, zin.read(info.filename))
        with zout.open(DOCX_MAIN, "w", force_zip64=True) as fh:
            fh.write(head)
            pad = b" " * 2**20
            for _ in range(mb):
                fh.write(pad)
            fh.write(tail)
    return write(dst, buf.getvalue())


def lying_zip_bomb_docx(dst: Path) -> Path:
    """A zip bomb whose headers claim document.xml is 4 KB (the pre-check cannot see the size)."""
    bomb = zip_bomb_docx(dst, mb=24).read_bytes()
    size = 24 * 2**20 + len(_document_xml("SPLIT")) - 5
    for width in (8, 4):  # zip64 extra field (local header), classic field (central directory)
        bomb = bomb.replace(size.to_bytes(width, "little"), (4096).to_bytes(width, "little"))
    return write(dst, bomb)


def xlsx_named_docx(dst: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxml'
                   'formats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
                   'main+xml"/></Types>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet/>')
    return write(dst, buf.getvalue())


def ole_doc_named_docx(dst: Path) -> Path:
    """A Word 97 (.doc) file renamed .docx: the OLE compound-file header, then sectors."""
    header = OLE_MAGIC + b"\0" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\0" * 480
    return write(dst, header + bytes(random.Random(3).randrange(256) for _ in range(4096)))


# ---------------------------------------------------------------- text and other files

def random_bytes(dst: Path, n: int = 4096, seed: int = 1) -> Path:
    rng = random.Random(seed)
    return write(dst, bytes(rng.randrange(256) for _ in range(n)))


def binary_named_txt(dst: Path) -> Path:
    """An ELF-like binary: NUL bytes throughout."""
    rng = random.Random(5)
    return write(dst, b"\x7fELF\x02\x01\x01\0" + bytes(rng.choice((0, 0, 1, 72, 255)) for _ in range(4000)))


def undecodable_txt(dst: Path) -> Path:
    """Chinese UTF-8 text with bytes no UTF-8/UTF-16/GB18030 decoder accepts (0xFF lead bytes)."""
    text = CORPUS.glob("000_*.txt").__next__().read_bytes()[:3000]
    return write(dst, text.replace("，".encode(), b"\xff\xfe\x80"))


def huge_file(dst: Path, mb: int) -> Path:
    """A sparse file of `mb` MB (costs no disk)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("wb") as fh:
        fh.truncate(mb * 2**20)
    return dst


def unique_copy(src: Path, dst: Path, tag: str) -> Path:
    """A copy of a corpus .txt with a comment line appended, so its bytes (sha256) differ."""
    return write(dst, src.read_bytes() + f"\n（本文件副本编号：{tag}）\n".encode())


def distinct_corpus(out: Path, copies: int = 3) -> list[Path]:
    """copies × (5 corpus .txt + 5 .docx renditions), each with distinct bytes (tag line or zip comment)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(copies):
        for src in sorted(CORPUS.glob("*.txt")):
            paths.append(unique_copy(src, out / f"{src.stem[:3]}_{k}.txt", f"{src.stem[:3]}-{k}"))
        for n in range(5):
            dst = write(out / f"{n:03d}_{k}.docx", (RENDITIONS / f"{n:03d}.docx").read_bytes())
            with zipfile.ZipFile(dst, "a") as z:
                z.comment = f"copy {k}".encode()
            paths.append(dst)
    return paths


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it and the failure kinds that are a correct answer."""

    name: str
    make: Callable[[Path], Path]
    kinds: frozenset[str]


def _c(name: str, make: Callable[[Path], Path], *kinds: str) -> Case:
    return Case(name, make, frozenset(kinds))


CASES = [
    _c("empty.txt", lambda d: write(d / "empty.txt", b""), "empty"),
    _c("empty.pdf", lambda d: write(d / "empty.pdf", b""), "empty"),
    _c("random.pdf", lambda d: random_bytes(d / "random.pdf", seed=1), "mislabelled"),
    _c("random.docx", lambda d: random_bytes(d / "random.docx", seed=2), "mislabelled"),
    _c("random.txt", lambda d: random_bytes(d / "random.txt", seed=3), "binary", "encoding"),
    _c("truncated.pdf", lambda d: truncated(RENDITIONS / "000.pdf", d / "truncated.pdf", 0.5),
       "unreadable"),
    _c("truncated.docx", lambda d: truncated(RENDITIONS / "000.docx", d / "truncated.docx", 0.6),
       "corrupt"),
    _c("ole.docx", lambda d: ole_doc_named_docx(d / "ole.docx"), "legacy_office"),
    _c("sheet.docx", lambda d: xlsx_named_docx(d / "sheet.docx"), "unsupported_format"),
    _c("encrypted.pdf", lambda d: encrypted_pdf(d / "encrypted.pdf"), "encrypted"),
    _c("no_text.pdf", lambda d: no_text_pdf(d / "no_text.pdf"), "no_text"),
    _c("scanned.pdf", lambda d: scanned_pdf(d / "scanned.pdf"), "no_text"),
    _c("no_tounicode.pdf", lambda d: write(d / "no_tounicode.pdf",
                                           (RENDITIONS / "000.no-tounicode.pdf").read_bytes()), "no_text"),
    _c("zipbomb.docx", lambda d: zip_bomb_docx(d / "zipbomb.docx"), "too_big"),
    _c("lying_zipbomb.docx", lambda d: lying_zip_bomb_docx(d / "lying_zipbomb.docx"),
       "unreadable", "too_big", "corrupt"),
    _c("xxe.docx", lambda d: xxe_docx(d / "xxe.docx", write(d / "secret.dat", SECRET)), "unreadable"),
    _c("billion_laughs.docx", lambda d: billion_laughs_docx(d / "billion_laughs.docx"), "unreadable"),
    _c("binary.txt", lambda d: binary_named_txt(d / "binary.txt"), "binary"),
    _c("undecodable.txt", lambda d: undecodable_txt(d / "undecodable.txt"), "encoding"),
]
