"""Uploaded files: the type is read from the content, not the name; size is capped; an optional
virus scanner (settings.GS_VIRUS_SCANNER, a dotted path to a callable) may refuse a file."""

from __future__ import annotations

import io
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from guongsang.lib.ooxml import check_package

TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "png": "image/png",
}
NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "jpg": "ảnh JPG", "png": "ảnh PNG"}


def sniff(head: bytes, data: bytes) -> str | None:
    """The real type of a file from its first bytes (and, for .docx, its zip directory)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
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
    scan(data, upload.name)
    return kind


def scan(data: bytes, name: str) -> None:
    """Run the configured virus scanner, if any; it raises ValidationError when the file is infected."""
    scanner = getattr(settings, "GS_VIRUS_SCANNER", "")
    if scanner:
        import_string(scanner)(data, name)
