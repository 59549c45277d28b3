"""Plain text out of a plan file (.docx, .pdf, .txt; .doc and .odt through LibreOffice), normalised.

Normalising: NFC; legacy TCVN3/VNI paragraphs converted; Markdown emphasis left by converters
dropped; page numbers and running headers removed; a sentence broken over several lines (hard line
breaks, a compound split at its hyphen, a blank line in mid-sentence) joined back into one line.
Everything after this works on one line per paragraph, and source spans point into this text.
"""

from __future__ import annotations

import io
import itertools
import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from guongsang.importer.extract import DOC_TYPES
from guongsang.importer.legacy import best_reading, vietnamese_score
from guongsang.lib.ooxml import check_package

FORMATS = (".docx", ".pdf", ".txt", ".doc", ".odt")


class PlanReadError(Exception):
    """The file cannot be read as a plan; the message says why, in Vietnamese."""


@dataclass
class ReadResult:
    text: str
    pages: int
    encoding: str  # "" (Unicode), "tcvn3", "vni" or a mix, as found
    file_format: str


def max_pages() -> int:
    return getattr(settings, "GS_IMPORT_MAX_PAGES", 100)


def read_plan_file(name: str, data: bytes) -> ReadResult:
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        raise PlanReadError(f"Không đọc được tệp “{name}”: chỉ nhận .docx, .pdf, .txt, .doc hoặc .odt.")
    if not data or not data.strip():
        raise PlanReadError("Tệp trống: không có nội dung để đọc.")
    if suffix in (".doc", ".odt"):
        data, suffix = _convert_with_libreoffice(name, data), ".docx"
    if suffix == ".docx":
        pages, lines = _docx_pages(data)
    elif suffix == ".pdf":
        pages, lines = _pdf_pages(data)
    else:
        pages, lines = _txt_pages(data)
    all_lines = lines or [line for page in pages for line in page]
    page_count = len(pages) if suffix == ".pdf" else max(len(pages), _estimated_pages(all_lines))
    if page_count > max_pages():
        raise PlanReadError(
            f"Tệp có {page_count} trang, quá {max_pages()} trang: một kế hoạch thường chỉ vài trang. "
            "Hãy tách riêng phần kế hoạch (và đề cương kèm theo) rồi tải lên lại."
        )
    raw_lines, encodings = _decode_legacy(all_lines)
    text = normalise_lines(raw_lines if lines else _drop_running_lines(_split_pages(raw_lines, pages)))
    if not text.strip():
        if suffix == ".pdf":
            raise PlanReadError(
                "Tệp PDF không có lớp chữ (có lẽ là bản quét ảnh). Hệ thống không có chức năng nhận dạng "
                "chữ (OCR): hãy tải lên bản .docx hoặc PDF xuất từ Word."
            )
        raise PlanReadError("Tệp không có chữ nào để đọc.")
    found = sorted({e for e in encodings if e})
    return ReadResult(text=text, pages=page_count, encoding="+".join(found), file_format=suffix[1:])


# --- formats ---------------------------------------------------------------------------------


def _docx_pages(data: bytes) -> tuple[list[list[str]], list[str]]:
    """Paragraphs of the body in document order; a table gives its cells' paragraphs, cell by cell."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        check_package(data, "docx")
    except ValidationError as exc:
        raise PlanReadError(exc.messages[0]) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanReadError("Tệp .docx bị hỏng hoặc không phải tệp Word: không mở được.") from exc
    except Exception as exc:  # python-docx raises its own errors for broken packages
        raise PlanReadError("Tệp .docx bị hỏng hoặc không phải tệp Word: không mở được.") from exc
    lines: list[str] = []
    breaks = 0

    def paragraph_lines(paragraph: Paragraph) -> None:
        nonlocal breaks
        xml = paragraph._p.xml
        breaks += xml.count('w:type="page"') + xml.count("<w:lastRenderedPageBreak")
        # A paragraph ends with a blank line; line breaks inside it are joined back when they
        # split a sentence.
        lines.extend([*paragraph.text.split("\n"), ""])

    def table_lines(table: Table) -> None:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                    continue
                seen.add(id(cell._tc))
                for block in cell.iter_inner_content():
                    if isinstance(block, Paragraph):
                        paragraph_lines(block)
                    else:
                        table_lines(block)
                lines.append("")

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraph_lines(block)
        else:
            table_lines(block)
    return [[] for _ in range(breaks + 1)], lines


def _estimated_pages(lines: list[str]) -> int:
    """A page of a plan holds about 3,000 characters; used where the file has no page breaks."""
    return sum(len(line) for line in lines) // 3000 + 1


def _pdf_pages(data: bytes) -> tuple[list[list[str]], list[str]]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, ValueError) as exc:
        raise PlanReadError("Tệp PDF bị hỏng: không mở được.") from exc
    try:
        if len(document) > max_pages():
            return [[] for _ in range(len(document))], []
        return [_pdf_page_lines(page) for page in document], []
    except pdfium.PdfiumError as exc:
        raise PlanReadError("Tệp PDF bị hỏng: không đọc được hết các trang.") from exc
    finally:
        document.close()


def _pdf_page_lines(page) -> list[str]:
    """A page's lines from PDFium's text runs and their boxes: runs on one baseline make a line, a
    wide horizontal gap between runs is a column break (four spaces), a vertical gap wider than
    the line spacing a blank line (a paragraph break)."""
    textpage = page.get_textpage()
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        runs.append((left, bottom, right, top, textpage.get_text_bounded(left, bottom, right, top)))
    rows: list[list[tuple]] = []
    for run in sorted(runs, key=lambda r: (-round(r[3]), r[0])):
        if rows and abs(rows[-1][0][3] - run[3]) <= 3:
            rows[-1].append(run)
        else:
            rows.append([run])
    lines: list[str] = []
    previous_bottom = None
    for row in rows:
        row.sort()
        height = max(r[3] - r[1] for r in row)
        top = max(r[3] for r in row)
        if previous_bottom is not None and previous_bottom - top > 0.5 * height:
            lines.append("")
        previous_bottom = min(r[1] for r in row)
        text = row[0][4].strip()
        for before, run in itertools.pairwise(row):
            text += ("    " if run[0] - before[2] > 2 * height else " ") + run[4].strip()
        lines.append(text)
    return lines


def _txt_pages(data: bytes) -> tuple[list[list[str]], list[str]]:
    text = _decode_bytes(data)
    pages = [page.split("\n") for page in text.replace("\r\n", "\n").replace("\r", "\n").split("\f")]
    return pages, []


def _decode_bytes(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # 8-bit text: Windows-1258 (Vietnamese with combining tones) or a legacy font encoding, which
    # reads as Latin-1 and is converted paragraph by paragraph afterwards.
    candidates = [data.decode("latin-1")]
    try:
        candidates.append(unicodedata.normalize("NFC", data.decode("cp1258")))
    except UnicodeDecodeError:
        pass
    return max(candidates, key=lambda text: vietnamese_score(best_reading(text)[0]))


def _convert_with_libreoffice(name: str, data: bytes) -> bytes:
    from guongsang.documents.pdf import PdfUnavailable, convert, soffice

    if not soffice():
        raise PlanReadError(
            "Máy chủ chưa cài LibreOffice nên không đọc được tệp .doc/.odt. Hãy mở tệp bằng Word, "
            "lưu lại thành .docx rồi tải lên."
        )
    try:
        return convert(data, Path(name).suffix.lower(), "docx")
    except (PdfUnavailable, subprocess.TimeoutExpired) as exc:
        raise PlanReadError("LibreOffice không chuyển được tệp này sang .docx: tệp có thể bị hỏng.") from exc


# --- legacy encodings ------------------------------------------------------------------------


def _decode_legacy(lines: list[str]) -> tuple[list[str], list[str]]:
    """Each paragraph in Unicode; a short one follows the encoding found in the rest of the file."""
    results = [best_reading(line) for line in lines]
    counts = Counter(enc for _, enc in results if enc)
    prefer = counts.most_common(1)[0][0] if counts else ""
    out, encodings = [], []
    for line, (text, enc) in zip(lines, results, strict=True):
        if prefer and enc != prefer:  # a tie or a short line goes the way of the rest of the file
            text, enc = best_reading(line, prefer=prefer)
        out.append(text)
        encodings.append(enc)
    return out, encodings


# --- page furniture --------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?\s*$", re.IGNORECASE)


def _split_pages(lines: list[str], pages: list[list[str]]) -> list[list[str]]:
    out, index = [], 0
    for page in pages:
        out.append(lines[index : index + len(page)])
        index += len(page)
    return out


def _drop_running_lines(pages: list[list[str]]) -> list[str]:
    """Lines of all pages, without page numbers and lines repeated at the top or foot of most pages."""

    def edge_lines(page):
        filled = [line.strip() for line in page if line.strip()]
        return set(filled[:1] + filled[-1:])

    repeated: set[str] = set()
    if len(pages) >= 3:
        counts = Counter(re.sub(r"\d+", "#", line) for page in pages for line in edge_lines(page))
        repeated = {line for line, n in counts.items() if n >= max(3, len(pages) // 2) and len(line) < 120}
    out = []
    for page in pages:
        for line in page:
            if _PAGE_NUMBER.match(line) or re.sub(r"\d+", "#", line.strip()) in repeated:
                continue
            out.append(line)
        out.append("")
    return out


# --- paragraphs ------------------------------------------------------------------------------

# Markdown emphasis left by converters: every "*" except a bullet ("* text") or a lone "*".
_EMPHASIS = re.compile(r"\*\*|(?<!^)\*|^\*(?=\S)")
_BULLET_START = re.compile(
    r"^(?:[-–+*•·]\s*|[IVXLC]{1,6}\s*[-.:/)]\s*|\d{1,2}\s*[.)]\s+(?=\S)|\d{1,2}\s*-\s+(?=\D)|\d{1,2}(?:\.\d{1,2})+\s*"
    r"|[a-zđ]\)\s*|[a-zđ]\.\s+|\(\d{1,2}\)\s*)"
)
_SYMBOL_LINE = re.compile(r"^\W*Số\s*:?\s*\d{1,5}\s*-\s*\w+\s*/\s*\S+\s*$", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:[IVXLC]{1,6}\s*[-.:/)]|\d{1,2}(?:\.\d{1,2})*\s*[.)-]|[a-zđ]\))\s")
_TERMINAL = re.compile(r"[.;:!?”\"]\s*$|\./\.\s*$")
_ORG_LINE = re.compile(
    r"^(?:ĐẢNG BỘ|ĐẢNG ỦY|ĐẢNG UỶ|HUYỆN ỦY|HUYỆN UỶ|TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|QUẬN ỦY|THỊ ỦY|CHI BỘ|BAN |"
    r"ỦY BAN|UỶ BAN|HỘI |ĐOÀN |MẶT TRẬN|SỞ |PHÒNG |VĂN PHÒNG|CÔNG ĐOÀN|ĐẢNG CỘNG SẢN|CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP)"
)
_COLUMNS = re.compile(r"\S(?: {4,}|\t)\S")


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00ad", "").replace("\u00a0", " ").strip()
    return _EMPHASIS.sub("", line).strip()


def normalise_lines(lines: list[str]) -> str:
    """One paragraph per line, with sentences that were broken over lines joined."""
    paragraphs: list[str] = []
    blank_since = False
    for raw in lines:
        line = _clean_line(raw)
        stripped = line.strip()
        if not stripped:
            blank_since = True
            continue
        if _PAGE_NUMBER.match(stripped):  # a page number left in a text file
            continue
        if paragraphs and _continues(paragraphs[-1], line, blank_since):
            previous = paragraphs[-1].rstrip()
            if re.search(r"\w-$", previous):  # "01-" + "KL/TW": a compound split at its hyphen
                paragraphs[-1] = previous + stripped
            else:
                paragraphs[-1] = previous + " " + stripped
        else:
            paragraphs.append(stripped)
        blank_since = False
    return "\n".join(p if _COLUMNS.search(p) else re.sub(r"(?<=\S) {2,}(?=\S)", " ", p) for p in paragraphs)


def _continues(previous: str, line: str, after_blank: bool) -> bool:
    prev = previous.rstrip()
    stripped = line.strip()
    if not prev or _TERMINAL.search(prev) or _BULLET_START.match(stripped):
        return False
    if prev.strip().upper() in DOC_TYPES:  # "Kế hoạch" on its own line, then the title
        return False
    if _SYMBOL_LINE.match(prev):  # "Số 30-KH/BTGTU" ends its line in the header block
        return False
    if _NUMBERED.match(prev) and len(prev) < 70 and stripped[0].isupper() and not prev.isupper():
        return False  # a short numbered heading ("2. Đối với Đảng ủy Khối"), then its first sentence
    if _COLUMNS.search(previous) or _COLUMNS.search(line):
        return False
    if prev.isupper() and not stripped.isupper():  # a heading in capitals, then its first sentence
        return False
    if after_blank:
        # A blank line ends a paragraph unless the sentence plainly goes on in lower case.
        return stripped[0].islower() or stripped[0] == "("
    if re.search(r"\w-$", prev):
        return True
    if stripped.isupper() and not prev.isupper():
        return False
    if prev.isupper() and _ORG_LINE.match(stripped) and _ORG_LINE.match(prev.strip()):
        return False  # "ĐẢNG BỘ TỈNH HÀ NAM" above "HUYỆN ỦY KIM BẢNG": two names, not one
    return True
