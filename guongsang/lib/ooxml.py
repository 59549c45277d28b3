"""Word and Excel files are zip archives: before one is opened, its directory is checked so that a small
upload cannot expand into gigabytes or millions of parts (a "zip bomb").

The sizes checked are those the archive declares; Python's zipfile refuses to read a part past its
declared size (the CRC check fails), so what is read afterwards stays within them."""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError

MAX_ENTRIES = 2000  # parts in one file
MAX_TOTAL = 200 * 1024 * 1024  # all parts together, uncompressed
MAX_XML = 16 * 1024 * 1024  # one XML part (the text of a document, a sheet), uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for parts over 1 MB


def check_package(data: bytes, kind: str, name: str = "") -> None:
    """Raise a Vietnamese ValidationError when the package `data` (a .docx or .xlsx: `kind`) would expand
    past the limits. A file that is no zip passes: its reader refuses it with its own message."""
    label = f"Tệp “{name}”" if name else f"Tệp .{kind}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader that opens it says so in its own words
    if len(entries) > MAX_ENTRIES:
        raise ValidationError(f"{label} có quá nhiều phần ({len(entries):,}); không mở được.".replace(",", "."))
    total = sum(e.file_size for e in entries)
    for e in entries:
        xml = e.filename.endswith((".xml", ".rels"))
        ratio = e.file_size / max(e.compress_size, 1)
        if (xml and e.file_size > MAX_XML) or (e.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise ValidationError(
                f"{label} bung ra quá lớn khi mở (phần “{e.filename[:60]}” {e.file_size // 1048576} MB); "
                "hãy lưu lại văn bản bằng Word rồi tải lên lại."
            )
    if total > MAX_TOTAL:
        raise ValidationError(f"{label} bung ra quá lớn khi mở ({total // 1048576} MB); không mở được.")
