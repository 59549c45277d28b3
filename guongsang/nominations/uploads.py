"""Uploaded files: the type is read from the content, not the name, and then the structure of that type
is checked; size is capped; an optional virus scanner (settings.GS_VIRUS_SCANNER, a dotted path to a
callable) may refuse a file.

A PDF must parse (pdfminer.six) and carry no active content: JavaScript, /Launch actions, an /OpenAction
or /AA that runs either, embedded files, /RichMedia, XFA forms. A .docx must pass the zip-bomb check and
be a zip with the parts Word needs ([Content_Types].xml, word/document.xml). A stored file is served
back under a name and a content type built from the checked type (`served`)."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFNoValidXRef
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    PDFObjRef,
    PDFStream,
)
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSKeyword, PSLiteral

from guongsang.lib.filenames import safe_download_name
from guongsang.lib.ooxml import check_package

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}
NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "jpg": "ảnh JPG", "png": "ảnh PNG"}
DOCX_PARTS = ("[Content_Types].xml", "word/document.xml")


def sniff(head: bytes, data: bytes) -> str | None:
    """The real type of a file from its first bytes (and, for .docx, its zip directory: a zip with a
    part under word/ is meant as a Word file; `check_docx` then says what it lacks)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if any(n.lower().startswith("word/") for n in archive.namelist()):
                    return "docx"
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


def check_upload(upload, allowed: list[str]) -> str:
    """Return the detected type, or raise a Vietnamese ValidationError."""
    limit = settings.GS_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Tệp “{upload.name}” quá lớn ({upload.size / 1048576:.1f} MB); tối đa {limit // 1048576} MB."
        )
    if upload.size == 0:
        raise ValidationError(f"Tệp “{upload.name}” rỗng.")
    data = upload.read()
    upload.seek(0)
    kind = sniff(data[:16], data)
    if kind == "docx":
        check_package(data, "docx", upload.name)
    allowed = allowed or list(TYPES)
    if kind is None or kind not in allowed:
        names = ", ".join(NAMES[a] for a in allowed if a in NAMES)
        found = f"nội dung là {NAMES[kind]}" if kind else "nội dung không phải loại tệp được nhận"
        raise ValidationError(f"Tệp “{upload.name}” không hợp lệ: {found}. Chỉ nhận: {names}.")
    if kind == "pdf":
        check_pdf(data, upload.name)
    elif kind == "docx":
        check_docx(data, upload.name)
    scan(data, upload.name)
    return kind


def scan(data: bytes, name: str) -> None:
    """Run the configured virus scanner, if any; it raises ValidationError when the file is infected."""
    scanner = getattr(settings, "GS_VIRUS_SCANNER", "")
    if scanner:
        import_string(scanner)(data, name)


def served(original_name: str, content_type: str) -> tuple[str, str]:
    """The name and the content type a stored upload is downloaded with. Both come from the type the
    upload check found (stored as the record's content type, one of `TYPES`), never from the user's
    name or what the browser sent: "bao\\u202efdp.exe" checked as a PDF is "baofdp.pdf",
    application/pdf. A content type that is not one of `TYPES` is served as application/octet-stream."""
    kind = next((k for k, v in TYPES.items() if v == content_type), None)
    if kind is None:
        return safe_download_name(original_name, "bin"), "application/octet-stream"
    return safe_download_name(original_name, kind), TYPES[kind]


# --- Word ------------------------------------------------------------------------------------------------


def check_docx(data: bytes, name: str) -> None:
    """A .docx is a zip with [Content_Types].xml and word/document.xml (part names compare without case,
    as in the Open Packaging Conventions). `check_upload` has run the zip-bomb check (`check_package`)
    before."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = {n.lower() for n in archive.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        parts = set()
    missing = [p for p in DOCX_PARTS if p.lower() not in parts]
    if missing:
        raise ValidationError(
            f"Tệp “{name}” không phải tệp Word (.docx) hợp lệ: thiếu phần {', '.join(missing)}. "
            "Hãy mở tệp bằng Word, lưu lại dạng .docx rồi tải lên lại."
        )


# --- PDF -------------------------------------------------------------------------------------------------

MAX_PDF_OBJECTS = 200_000  # indirect objects inspected in one file
MAX_PDF_LOOKUPS = 1_000_000  # object look-ups, pdfminer's own included
MAX_PDF_INFLATED = 32 * 1024 * 1024  # bytes decompressed (object and cross-reference streams) in one file
MAX_PDF_NESTING = 64  # arrays and dictionaries within one another (PDF readers stop at 28)
MAX_PDF_NODES = 5_000_000  # values visited in all
EOF_WINDOW = 1024  # a complete PDF ends with %%EOF within its last 1,024 bytes

INVALID = (
    "Tệp “{name}” không phải PDF hợp lệ (không đọc được cấu trúc PDF); hãy xuất lại tệp PDF từ phần mềm "
    "soạn thảo hoặc máy quét rồi tải lên lại."
)
TRUNCATED = (
    "Tệp “{name}” không phải PDF hợp lệ (tệp bị thiếu phần cuối, có thể bị cắt khi sao chép hoặc tải về); "
    "hãy lấy lại tệp gốc rồi tải lên lại."
)
ENCRYPTED = "Tệp “{name}” là PDF có mật khẩu, không mở được để kiểm tra; hãy tải lên bản không đặt mật khẩu."
TOO_COMPLEX = (
    "Tệp “{name}” có cấu trúc PDF quá lớn hoặc quá phức tạp để kiểm tra ({what}); hãy in lại thành PDF "
    "(“In ra PDF”) rồi tải lên."
)
ACTIVE = (
    "Tệp “{name}” bị từ chối: PDF có nội dung có thể tự chạy — {reasons}. Hãy in lại thành PDF thường "
    "(“In ra PDF”) hoặc quét lại văn bản rồi tải lên."
)

# Why a PDF is refused, in the order the message lists them.
REASONS = {
    "open": "lệnh tự chạy khi mở tệp (/OpenAction là JavaScript hoặc /Launch)",
    "event": "lệnh tự chạy theo thao tác (/AA là JavaScript hoặc /Launch)",
    "js": "mã JavaScript",
    "launch": "lệnh mở chương trình hoặc tệp khác (/Launch)",
    "embedded": "tệp nhúng bên trong (/EmbeddedFile)",
    "richmedia": "nội dung đa phương tiện nhúng (/RichMedia)",
    "xfa": "biểu mẫu động XFA (/XFA)",
}
# A key, anywhere, that means active content.
_KEYS = {
    "JS": "js",
    "JavaScript": "js",
    "EmbeddedFiles": "embedded",
    "EmbeddedFile": "embedded",
    "EF": "embedded",  # a file specification's embedded file streams
    "RichMediaContent": "richmedia",
    "RichMediaSettings": "richmedia",
    "XFA": "xfa",
}
# A name value, under one of these keys, that means active content.
_VALUES = {
    ("S", "JavaScript"): "js",
    ("S", "Launch"): "launch",
    ("Type", "EmbeddedFile"): "embedded",
    ("Subtype", "RichMedia"): "richmedia",
    ("Type", "RichMediaContent"): "richmedia",
}
_RUNS = {"JavaScript": "js", "Launch": "launch"}  # actions that run something


class _Refused(Exception):
    """A reason to refuse, raised inside the parse and turned into a ValidationError."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template)
        self.template, self.values = template, values


class _Budget:
    def __init__(self) -> None:
        self.inflated = 0
        self.lookups = 0
        self.depth = 0


def _inflate(data: bytes, budget: _Budget) -> bytes:
    """Decompress `data` as pdfminer would, stopping once the file's budget is spent. A damaged stream
    gives what decompressed before the damage (pdfminer keeps the same, and no more)."""
    room = MAX_PDF_INFLATED - budget.inflated
    engine = zlib.decompressobj()
    out = bytearray()
    try:
        for start in range(0, len(data), 65536):
            out += engine.decompress(data[start : start + 65536], room + 1 - len(out))
            if len(out) > room:
                raise _Refused(TOO_COMPLEX, what=f"dữ liệu nén bung ra hơn {MAX_PDF_INFLATED // 1048576} MB")
            if engine.eof:
                break
    except zlib.error:
        pass
    budget.inflated += len(out)
    return bytes(out)


class _Stream(PDFStream):
    """A stream whose decoding is measured first: pdfminer decodes the object and cross-reference streams
    it reads (never page content here), and a small file must not inflate into gigabytes."""

    budget: _Budget

    def decode(self) -> None:
        assert self.rawdata is not None
        data = self.rawdata
        if self.decipher:
            assert self.objid is not None and self.genno is not None
            data = self.decipher(self.objid, self.genno, data, self.attrs)
        for f, _params in self.get_filters():
            if f in LITERALS_FLATE_DECODE:
                data = _inflate(data, self.budget)
            elif f not in LITERALS_ASCII85_DECODE and f not in LITERALS_ASCIIHEX_DECODE:
                # LZW, run-length, image codecs: writers do not use them for these streams, and they
                # expand without a bound measured here.
                raise _Refused(INVALID)
            # ASCII85 and hex decoding only shrink: the bound above still holds.
        super().decode()


class _Parser(PDFParser):
    """pdfminer's parser, with every stream it reads made a `_Stream`."""

    def __init__(self, fp: io.BytesIO, budget: _Budget) -> None:
        super().__init__(fp)
        self.budget = budget

    def do_keyword(self, pos: int, token: PSKeyword) -> None:
        super().do_keyword(pos, token)
        if token is self.KEYWORD_STREAM and self.curstack:
            at, obj = self.curstack[-1]
            if type(obj) is PDFStream:
                stream = _Stream(obj.attrs, obj.rawdata or b"", obj.decipher)
                stream.budget = self.budget
                self.curstack[-1] = (at, stream)


class _Document(PDFDocument):
    """pdfminer's document, with look-ups counted and bounded: an object whose value is only a reference
    reads as null (so a reference cycle cannot loop), an object inside an object stream inside another
    stops at 16 levels, and a /Prev chain of cross-reference sections that comes back on itself stops."""

    def __init__(self, parser: _Parser, budget: _Budget) -> None:
        self.budget = budget
        self.xref_starts: set[int] = set()
        super().__init__(parser, password="")

    def read_xref_from(self, parser: PDFParser, start: int, xrefs: list[Any]) -> None:
        if start in self.xref_starts or len(self.xref_starts) >= 256:
            raise PDFNoValidXRef("cross-reference sections loop")
        self.xref_starts.add(start)
        super().read_xref_from(parser, start, xrefs)

    def getobj(self, objid: int) -> object:
        budget = self.budget
        budget.lookups += 1
        if budget.lookups > MAX_PDF_LOOKUPS:
            raise _Refused(TOO_COMPLEX, what="quá nhiều tham chiếu giữa các đối tượng")
        if budget.depth >= 16:
            raise PDFSyntaxError("object streams nested too deep")
        budget.depth += 1
        try:
            obj = super().getobj(objid)
        finally:
            budget.depth -= 1
        return None if isinstance(obj, PDFObjRef) else obj


def _name(value: object) -> str | None:
    if not isinstance(value, PSLiteral):
        return None
    name = value.name
    return name if isinstance(name, str) else name.decode("latin-1")


def _resolve(doc: _Document, value: object) -> object:
    if isinstance(value, PDFObjRef):
        try:
            return doc.getobj(value.objid)
        except PSException:
            return None
    return value


def _action_runs(doc: _Document, action: object) -> str | None:
    """What the action, or one chained after it by /Next, runs: "js", "launch", or None."""
    todo, seen = [action], 0
    while todo and seen < 64:
        seen += 1
        value = _resolve(doc, todo.pop())
        if isinstance(value, list):
            todo.extend(value)
        elif isinstance(value, dict):
            kind = _RUNS.get(_name(value.get("S")) or "")
            if kind or "JS" in value:
                return kind or "js"
            if "Next" in value:
                todo.append(value["Next"])
    return None


class _Nodes:
    def __init__(self) -> None:
        self.count = 0
        self.pages = 0


def _findings(doc: _Document, value: object, budget: _Nodes) -> set[str]:
    """What in `value` (one object, without following references: every indirect object is walked on its
    own) is active content."""
    found: set[str] = set()
    todo: list[tuple[object, int]] = [(value, 0)]
    while todo:
        obj, depth = todo.pop()
        budget.count += 1
        if budget.count > MAX_PDF_NODES:
            raise _Refused(TOO_COMPLEX, what="quá nhiều giá trị")
        if depth > MAX_PDF_NESTING:
            raise _Refused(TOO_COMPLEX, what="các mảng, từ điển lồng nhau quá sâu")
        if isinstance(obj, PDFStream):
            obj = obj.attrs
        if isinstance(obj, list):
            todo.extend((v, depth + 1) for v in obj)
        elif isinstance(obj, dict):
            for key, item in obj.items():
                key = key if isinstance(key, str) else str(key)
                if key in _KEYS:
                    found.add(_KEYS[key])
                if kind := _VALUES.get((key, _name(item) or "")):
                    found.add(kind)
                if key.startswith("RichMedia"):
                    found.add("richmedia")
                if key == "Type" and _name(item) == "Page":
                    budget.pages += 1
                if key == "OpenAction" and (runs := _action_runs(doc, item)):
                    found |= {"open", runs}
                if key == "AA":
                    triggers = _resolve(doc, item)
                    for action in triggers.values() if isinstance(triggers, dict) else ():
                        if runs := _action_runs(doc, action):
                            found |= {"event", runs}
                todo.append((item, depth + 1))
    return found


def _inspect(data: bytes) -> None:
    budget = _Budget()
    doc = _Document(_Parser(io.BytesIO(data), budget), budget)
    if not isinstance(doc.catalog, dict) or "Pages" not in doc.catalog:
        raise _Refused(INVALID)
    nodes, found, seen = _Nodes(), set(), set()
    for xref in doc.xrefs:
        found |= _findings(doc, xref.get_trailer(), nodes)
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            if len(seen) > MAX_PDF_OBJECTS:
                raise _Refused(TOO_COMPLEX, what=f"hơn {MAX_PDF_OBJECTS:,} đối tượng".replace(",", "."))
            try:
                obj = doc.getobj(objid)
            except PSException:
                continue  # listed but missing or unreadable: a reader skips it too
            found |= _findings(doc, obj, nodes)
    found |= _findings(doc, doc.catalog, nodes)  # a catalog given directly in the trailer
    if found:
        raise _Refused(ACTIVE, reasons="; ".join(text for key, text in REASONS.items() if key in found))
    if not nodes.pages:
        raise _Refused(INVALID)


def check_pdf(data: bytes, name: str) -> None:
    """Refuse, in Vietnamese, a PDF that does not parse, is encrypted with a password, is too large to
    check, or carries active content. Nothing but ValidationError leaves this function."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise ValidationError(TRUNCATED.format(name=name))
    try:
        _inspect(data)
    except _Refused as refused:
        raise ValidationError(refused.template.format(name=name, **refused.values)) from None
    except PDFEncryptionError:  # a user password, or an encryption pdfminer cannot open
        raise ValidationError(ENCRYPTED.format(name=name)) from None
    except Exception:  # PDFSyntaxError, PSException and the many others pdfminer raises on a damaged file
        raise ValidationError(INVALID.format(name=name)) from None
