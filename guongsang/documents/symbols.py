"""Document numbers and symbols (số và ký hiệu văn bản): parse, validate, format.

Three shapes occur in the plans:
- Party documents: ``98-KH/HU``, ``120-KH/ĐUK``, ``01-KL/TW`` (number-TYPE/ISSUER);
- State documents and guidance of State bodies: ``2974/HD-BTĐKT``, ``123/QĐ-UBND`` (number/TYPE-ISSUER);
- Decrees and circulars: ``91/2017/NĐ-CP``, ``97/2018/TT-BTC`` (number/year/TYPE-ISSUER).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from guongsang.lib.text import nfc

PARTY, STATE, LEGAL = "party", "state", "legal"

# Document-type abbreviations seen in Party and State documents (Quy định 66/399-QĐ/TW, NĐ 30/2020).
DOC_TYPES = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "CTr": "Chương trình",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "CV": "Công văn",
    "GM": "Giấy mời",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "BB": "Biên bản",
    "DS": "Danh sách",
}

_LETTERS = r"A-Za-zĐđƠơƯưÂâĂăÊêÔô"
_PARTY_RE = re.compile(rf"^(?P<number>\d+)\s*-\s*(?P<type>[{_LETTERS}]+)\s*/\s*(?P<issuer>[{_LETTERS}0-9\-]+)$")
_STATE_RE = re.compile(rf"^(?P<number>\d+)\s*/\s*(?P<type>[{_LETTERS}]+)\s*-\s*(?P<issuer>[{_LETTERS}0-9\-]+)$")
_LEGAL_RE = re.compile(
    rf"^(?P<number>\d+)\s*/\s*(?P<year>(19|20)\d\d)\s*/\s*(?P<type>[{_LETTERS}]+)\s*-\s*(?P<issuer>[{_LETTERS}0-9\-]+)$"
)
_PREFIX = re.compile(r"^(số|so)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Symbol:
    number: int
    doc_type: str
    issuer: str
    style: str = PARTY
    year: int | None = None

    def __str__(self) -> str:
        return format_symbol(self)


def format_symbol(symbol: Symbol) -> str:
    number = f"{symbol.number:02d}" if symbol.style == PARTY else str(symbol.number)
    if symbol.style == PARTY:
        return f"{number}-{symbol.doc_type}/{symbol.issuer}"
    if symbol.style == LEGAL:
        return f"{number}/{symbol.year}/{symbol.doc_type}-{symbol.issuer}"
    return f"{number}/{symbol.doc_type}-{symbol.issuer}"


def number_line(symbol: Symbol) -> str:
    """The header line: "Số 98-KH/HU" for the Party (no colon), "Số: 12/QĐ-UBND" for the State."""
    return f"Số {symbol}" if symbol.style == PARTY else f"Số: {symbol}"


def parse_symbol(text: str) -> Symbol:
    """Parse a written symbol, tolerating spaces and a leading "Số"; raise a Vietnamese error."""
    raw = _PREFIX.sub("", nfc(text)).strip()
    for style, pattern in ((LEGAL, _LEGAL_RE), (PARTY, _PARTY_RE), (STATE, _STATE_RE)):
        match = pattern.match(raw)
        if match:
            symbol = Symbol(
                number=int(match["number"]),
                doc_type=match["type"],
                issuer=match["issuer"],
                style=style,
                year=int(match["year"]) if style == LEGAL else None,
            )
            validate_symbol(symbol)
            return symbol
    raise ValidationError(
        f"“{text}” không phải là số và ký hiệu văn bản hợp lệ (ví dụ 98-KH/HU, 2974/HD-BTĐKT, 91/2017/NĐ-CP)."
    )


def validate_symbol(symbol: Symbol) -> None:
    if symbol.number < 1:
        raise ValidationError("Số văn bản phải từ 1 trở lên.")
    if symbol.doc_type not in DOC_TYPES:
        known = ", ".join(DOC_TYPES)
        raise ValidationError(f"Loại văn bản “{symbol.doc_type}” không có trong danh mục ({known}).")
    if not symbol.issuer:
        raise ValidationError("Thiếu ký hiệu cơ quan ban hành.")
