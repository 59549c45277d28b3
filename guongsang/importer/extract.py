"""A plan's text -> the structure of a campaign draft, each value with the span of text it came from.

Pure functions over the normalised text of `reading.py` (one paragraph per line). The extractor
reads the layout every Party plan shares (header block, title, "Thực hiện / Căn cứ" preamble,
Roman-numbered parts, "Tổ chức thực hiện", "Nơi nhận", signature, attached "ĐỀ CƯƠNG") and the
phrasings plans use for deadlines, quotas, caps, criteria and dossiers, in their common variants
(I- / I. / 1. / 1.1. / a) / + / - ; 15/3/2024, 15-3-2024, "ngày 15 tháng 3 năm 2024"; 01 or 1).

Never invent: a field the text does not state stays empty. A value read from looser wording
carries `unsure: True`, and the review page marks it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from guongsang.lib.text import shorten

# --- the text as paragraphs ------------------------------------------------------------------


@dataclass
class Para:
    index: int
    start: int
    end: int
    text: str
    level: int = 0  # 1 Roman part, 2 "1.", 3 "1.1.", 4 "a)"; 0 body text
    number: str = ""
    heading: str = ""  # the heading's text without its number
    bullet: bool = False

    @property
    def body_start(self) -> int:
        """Where `body` starts in the whole text."""
        return self.start + max(self.text.find(self.body), 0)

    @property
    def body(self) -> str:
        """The text without its bullet or number."""
        return self.heading if self.level else _BULLET.sub("", self.text, count=1) if self.bullet else self.text


_ROMAN = re.compile(r"^(?P<num>(?:X{0,3}(?:IX|IV|V?I{0,3})))\s*[-.:/)–]\s*(?P<title>\S.*)$")
_ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[.)/–-]\s*(?P<title>[^\d\s].*)$")
_SUB = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,2})\.?\s*[-:)]?\s*(?P<title>[^\d\s].*)$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s*(?P<title>\S.*)$")
_BULLET = re.compile(r"^(?:[-–+*•·]|\(\d{1,2}\))\s*")


def paragraphs(text: str) -> list[Para]:
    out, offset = [], 0
    for i, line in enumerate(text.split("\n")):
        para = Para(i, offset, offset + len(line), line)
        offset += len(line) + 1
        stripped = line.strip()
        for level, pattern in ((3, _SUB), (1, _ROMAN), (2, _ARABIC), (4, _LETTER)):
            match = pattern.match(stripped)
            if match and match.group("num"):
                para.level, para.number, para.heading = level, match.group("num"), match.group("title").strip()
                break
        else:
            para.bullet = bool(_BULLET.match(stripped))
        if para.level == 3:
            para.level = 2 + para.number.count(".")
        out.append(para)
    return out


# --- values with their source ----------------------------------------------------------------


def value(v, start: int | None = None, end: int | None = None, unsure: bool = False) -> dict:
    return {"value": v, "span": [start, end] if start is not None else None, "unsure": unsure}


def _span(para: Para, match: re.Match | None = None, group: int | str = 0) -> list[int]:
    if match is None:
        return [para.start, para.end]
    return [para.start + match.start(group), para.start + match.end(group)]


def _item(para: Para, match: re.Match | None = None, unsure: bool = False, **fields) -> dict:
    return {**fields, "span": _span(para, match), "unsure": unsure}


# --- dates -----------------------------------------------------------------------------------

DATE = (
    r"(?:(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>\d{4}))"
)
_DATE = re.compile(DATE)


def parse_date(match: re.Match | str) -> dt.date | None:
    if isinstance(match, str):
        match = _DATE.search(match)
        if not match:
            return None
    g = match.groupdict()
    d, m, y = (g.get("d") or g.get("d2"), g.get("m") or g.get("m2"), g.get("y") or g.get("y2"))
    try:
        return dt.date(int(y), int(m), int(d))
    except (TypeError, ValueError):
        return None


def month_end(month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None


# --- the parts of a plan ---------------------------------------------------------------------

DOC_TYPES = {
    "KẾ HOẠCH": "KH",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "THÔNG BÁO": "TB",
    "QUYẾT ĐỊNH": "QĐ",
    "CÔNG VĂN": "CV",
    "CHỈ THỊ": "CT",
}
_NOT_ISSUER = re.compile(r"ĐẢNG CỘNG SẢN|CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP|HẠNH PHÚC|^\*|^-+$", re.IGNORECASE)
_ORG_WORD = re.compile(
    r"ỦY|UỶ|ĐẢNG BỘ|ĐẢNG ỦY|CHI BỘ|BAN |BAN$|MẶT TRẬN|HỘI |ĐOÀN|CÔNG ĐOÀN|VĂN PHÒNG|SỞ |TỈNH|HUYỆN|KHỐI"
)
_SECOND_ORG = re.compile(r"\s+(?=(?:HUYỆN|TỈNH|THÀNH|QUẬN|THỊ) (?:ỦY|UỶ)\b|ĐẢNG (?:ỦY|UỶ)\b|CHI BỘ\b|ĐẢNG BỘ\b)")
_SYMBOL = re.compile(
    r"(?i:số)\s*:?\s*(?P<num>\d{1,5})\s*[-–]\s*(?P<type>[A-ZĐ][A-Za-zĐđ]{0,5})\s*/\s*(?P<issuer>[A-ZĐ][A-ZĐ0-9-]{0,15})"
)
_PLACE_DATE = re.compile(r"(?P<place>(?<![\w/])[A-ZĐÂ]\w*(?:\.?\s+[A-ZĐÂ]\w*){0,5}),\s*(?P<on>ngày)\s+" + DATE)
_COLUMN_GAP = re.compile(r"\s{4,}|\t+")
_REFERENCE_START = re.compile(r"^(Thực hiện|Căn cứ|Thi hành|Triển khai|Kính gửi|-{3,})", re.IGNORECASE)
_OUTLINE_START = re.compile(r"^(?:ĐỀ CƯƠNG\b|Đề cương (?:báo cáo|gợi ý)\b(?!.*(?:gửi kèm|kèm theo)\s*\)?\s*[.;]?$))")
_RECIPIENTS_START = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_LIST_TEMPLATE = re.compile(r"^(DANH SÁCH|MẪU|PHỤ LỤC|BIỂU)\b|^ĐƠN VỊ\W*\.{2,}|^ĐẢNG CỘNG SẢN VIỆT NAM$")


@dataclass
class Layout:
    paras: list[Para]
    header: list[Para] = field(default_factory=list)
    title_para: Para | None = None
    title: list[Para] = field(default_factory=list)
    preamble: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    closing: list[Para] = field(default_factory=list)
    outline: list[Para] = field(default_factory=list)
    appendix: list[Para] = field(default_factory=list)


def _columns(para: Para) -> list[tuple[str, int]]:
    """The parts of a line laid out in columns, each with its offset in the text."""
    parts, pos = [], 0
    for piece in _COLUMN_GAP.split(para.text):
        at = para.text.find(piece, pos) if piece else pos
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            parts.append((piece.strip(), para.start + at + lead))
        pos = at + len(piece)
    return parts


def layout(text: str) -> Layout:
    paras = [p for p in paragraphs(text) if p.text.strip()]
    result = Layout(paras)
    type_at = next(
        (i for i, p in enumerate(paras[:40]) if re.sub(r"[^\wÀ-ỹ ]", "", p.text).strip().upper() in DOC_TYPES),
        None,
    )
    start = 0
    if type_at is not None:
        result.header, result.title_para = paras[:type_at], paras[type_at]
        start = type_at + 1
        while start < len(paras) and len(result.title) < 5:
            p = paras[start]
            if _REFERENCE_START.match(p.text.strip()) or p.level == 1:
                break
            result.title.append(p)
            start += 1
        while start < len(paras) and re.fullmatch(r"-{3,}", paras[start].text.strip()):
            start += 1
    first_part = next((i for i in range(start, len(paras)) if paras[i].level == 1), len(paras))
    result.preamble = paras[start:first_part]
    outline_at = next((i for i in range(first_part, len(paras)) if _OUTLINE_START.match(paras[i].text.strip())), None)
    body_end = outline_at if outline_at is not None else len(paras)
    closing_at = next((i for i in range(first_part, body_end) if _RECIPIENTS_START.match(paras[i].text.strip())), None)
    result.body = paras[first_part : closing_at if closing_at is not None else body_end]
    if closing_at is not None:
        result.closing = paras[closing_at:body_end]
    if outline_at is not None:
        rest = paras[outline_at:]
        end = next((i for i in range(1, len(rest)) if _LIST_TEMPLATE.match(rest[i].text.strip())), len(rest))
        result.outline, result.appendix = rest[:end], rest[end:]
    return result


# --- header ----------------------------------------------------------------------------------


def extract_header(lay: Layout) -> dict:
    out: dict = {}
    issuers: list[tuple[str, int]] = []
    for para in lay.header:
        for part, at in _columns(para):
            sym = _SYMBOL.search(part)
            if sym and "number" not in out:
                base = at + sym.start()
                out["number"] = value(int(sym.group("num")), base, at + sym.end())
                out["symbol"] = value(
                    f"{int(sym.group('num'))}-{sym.group('type')}/{sym.group('issuer')}", base, at + sym.end()
                )
                out["doc_type"] = value(sym.group("type"), at + sym.start("type"), at + sym.end("type"))
            when = _PLACE_DATE.search(part)
            if when and "date" not in out:
                day = parse_date(when)
                if day:
                    out["date"] = value(day.isoformat(), at + when.start("on"), at + when.end())
                    out["place"] = value(when.group("place").strip(), at + when.start("place"), at + when.end("place"))
                continue
            if part.isupper() and _ORG_WORD.search(part) and not _NOT_ISSUER.search(part):
                # "ĐẢNG BỘ TỈNH HÀ NAM HUYỆN ỦY KIM BẢNG" on one line: two names.
                offset = 0
                for name in _SECOND_ORG.split(part):
                    issuers.append((name, at + part.index(name, offset)))
                    offset = part.index(name, offset) + len(name)
    if issuers:
        name, at = issuers[-1]
        out["issuer"] = value(name, at, at + len(name))
        if len(issuers) > 1:
            name, at = issuers[-2]
            out["issuer_parent"] = value(name, at, at + len(name))
    if lay.title_para is not None:
        word = re.sub(r"[^\wÀ-ỹ ]", "", lay.title_para.text).strip().upper()
        out.setdefault("doc_type", value(DOC_TYPES[word], lay.title_para.start, lay.title_para.end))
    if lay.title:
        text = " ".join(p.text.strip() for p in lay.title)
        out["title"] = value(text, lay.title[0].start, lay.title[-1].end)
    # The outline may name the plan it is attached to when the header is lost.
    if "number" not in out:
        for para in lay.outline[:6]:
            m = re.search(
                r"Kèm theo (?:Kế hoạch|Hướng dẫn) số\s*(\d{1,5})\s*-\s*([A-ZĐ][A-Za-zĐ]{0,5})\s*/\s*"
                r"([A-ZĐ][A-ZĐ0-9-]*)(?:,?\s*ngày\s+" + DATE + ")?",
                para.text,
            )
            if m:
                out["number"] = value(int(m.group(1)), *_span(para, m), unsure=True)
                out["symbol"] = value(f"{int(m.group(1))}-{m.group(2)}/{m.group(3)}", *_span(para, m), unsure=True)
                day = parse_date(m) if (m.group("d") or m.group("d2")) else None
                if day and "date" not in out:
                    out["date"] = value(day.isoformat(), *_span(para, m), unsure=True)
    title = (out.get("title") or {}).get("value", "")
    period = re.search(r"(?:giai đoạn|năm|từ năm)\s+(\d{4})\s*[-–]\s*(\d{4})", title)
    if period and lay.title:
        base = lay.title[0].start + title.find(period.group(0))
        out["period_start"] = value(int(period.group(1)), base, base + len(period.group(0)))
        out["period_end"] = value(int(period.group(2)), base, base + len(period.group(0)))
    elif lay.title and out.get("date"):
        # "Sơ kết 02 năm thực hiện …" issued in 2023 reviews 2021-2022: read, not stated, so unsure.
        years = re.search(r"(?:sơ kết|tổng kết|đánh giá)\s+(\d{1,2})\s+năm", title, re.IGNORECASE)
        if years:
            plan_year = int(out["date"]["value"][:4])
            base = lay.title[0].start + years.start()
            span = (base, base + len(years.group(0)))
            out["period_start"] = value(plan_year - int(years.group(1)), *span, unsure=True)
            out["period_end"] = value(plan_year - 1, *span, unsure=True)
    return out


# --- references ------------------------------------------------------------------------------

_DOC_KIND = (
    r"(?:Kế hoạch|Hướng dẫn|Chỉ thị|Kết luận|Nghị quyết|Quyết định|Chương trình|Thông báo|Công văn|Quy định"
    r"|Nghị định|Thông tư|Luật)"
)
_DOC_SYMBOL = r"\d{1,5}(?:/\d{4})?\s*[-–/]\s*[A-ZĐ][A-ZĐa-zđ0-9]*(?:\s*[/-]\s*[A-ZĐ][A-ZĐa-zđ0-9]*)*"
_CITATION = re.compile(rf"(?P<kind>{_DOC_KIND})\s+số\s+(?P<symbol>{_DOC_SYMBOL})(?:\s*,?\s*ngày\s+(?P<date>{DATE}))?")
_CITATION_LEAD = re.compile(
    r"(?:^|[;,:]|\bvà)\s*(?P<verb>thực hiện|căn cứ|thi hành|triển khai)?\s*(?:(?:các|những)\s+[^;,:]*?:\s*)?$",
    re.IGNORECASE,
)
_OWN_CLAUSE = re.compile(r"[,;]\s*[^,;]*?\b(?:xây dựng|ban hành)\s+(?:Kế hoạch|Hướng dẫn|Chương trình)", re.IGNORECASE)


def _symbol_text(raw: str) -> str:
    return re.sub(r"\s+", "", raw).replace("–", "-")


def extract_references(lay: Layout) -> list[dict]:
    refs: list[dict] = []
    kind = "implements"
    for para in lay.preamble:
        text = para.text
        own = _OWN_CLAUSE.search(text)
        limit = own.start() if own else len(text)
        group_issuer = re.match(r"^(?:Thực hiện|Căn cứ)\s+(?:các|những)\s+\w[^:]*?\s+của\s+([^:]+):", text.strip())
        # Citations at the top level of the sentence (after its start, a ";", ",", ":" or "và",
        # perhaps with "thực hiện" / "căn cứ"): one inside another's title is part of that title.
        top: list[tuple[re.Match, str]] = []
        for m in _CITATION.finditer(text):
            if m.start() >= limit:
                break
            lead = _CITATION_LEAD.search(text[: m.start()])
            if lead is None:
                continue
            verb = (lead.group("verb") or "").lower()
            if verb.startswith("căn cứ"):
                kind = "cites"
            elif verb:
                kind = "implements"
            top.append((m, kind))
        top_matches = [m for m, _kind in top]
        for i, (m, kind) in enumerate(top):
            end = top_matches[i + 1].start() if i + 1 < len(top) else limit
            rest = text[m.end() : end].strip(" ,;")
            rest = re.sub(r"\s*(?:;|,|\bvà)\s*$", "", rest)
            issuer = ""
            by = re.match(r"^của\s+(.+?)(?=\s+(?:về|tiếp tục|thực hiện|hướng dẫn|trong|tổ chức)\b|,|;|$)", rest)
            if by:
                issuer, rest = by.group(1).strip(), rest[by.end() :].strip(" ,")
            elif group_issuer:
                issuer = group_issuer.group(1).strip()
            title = re.sub(r"^(?:về việc|về)\s+", "", rest).strip(" ,;")
            day = parse_date(m) if m.group("date") else None
            refs.append(
                {
                    "kind": kind,
                    "symbol": _symbol_text(m.group("symbol")),
                    "doc_kind": m.group("kind"),
                    "date": day.isoformat() if day else None,
                    "issuer": issuer,
                    "title": title,
                    "span": [para.start + m.start(), para.start + min(end, len(text))],
                    "unsure": not issuer,
                }
            )
    return refs


# --- unit kinds ------------------------------------------------------------------------------

MASS_KINDS = ["doan-thanh-nien", "hoi-phu-nu", "hoi-nong-dan", "hoi-cuu-chien-binh"]
_NAMED_KINDS = [
    (r"đảng bộ cơ sở|đảng ủy cơ sở|đảng uỷ cơ sở|đảng (?:ủy|uỷ|bộ) trực thuộc(?! đảng ủy)", ["dang-bo-co-so"]),
    (
        r"chi bộ cơ sở|chi bộ trực thuộc (?:huyện|tỉnh|thành|quận|thị|khối|đảng (?:ủy|uỷ) (?:khối|xã|phường|đặc khu))",
        ["chi-bo-co-so"],
    ),
    (r"chi bộ trực thuộc đảng (?:ủy|uỷ) (?:cơ sở|bộ phận)|chi bộ trực thuộc", ["chi-bo-truc-thuoc"]),
    (r"đảng bộ bộ phận|đảng (?:ủy|uỷ) bộ phận", ["dang-bo-bo-phan"]),
    (r"mặt trận tổ quốc|mttq", ["mttq"]),
    (r"hội cựu chiến binh|cựu chiến binh", ["hoi-cuu-chien-binh"]),
    (r"công đoàn", ["cong-doan"]),
    (r"đoàn tncs|đoàn thanh niên|đoàn tn\b", ["doan-thanh-nien"]),
    (r"hội (?:liên hiệp )?phụ nữ", ["hoi-phu-nu"]),
    (r"hội nông dân", ["hoi-nong-dan"]),
]
_GENERIC_MASS = re.compile(r"đoàn thể|tổ chức chính trị\s*[-–]\s*xã hội|chính trị\s*[-–]\s*xã hội")


def unit_kinds_in(text: str) -> list[str]:
    """Codes of the unit kinds a phrase names ("Mỗi đảng bộ cơ sở", "Mặt trận Tổ quốc và các đoàn thể")."""
    low = text.lower()
    found: list[str] = []
    taken = low
    for pattern, codes in _NAMED_KINDS:
        if re.search(pattern, taken):
            taken = re.sub(pattern, " ", taken)
            found += [c for c in codes if c not in found]
    if _GENERIC_MASS.search(low) and not any(c in MASS_KINDS or c == "cong-doan" for c in found):
        found += [c for c in MASS_KINDS if c not in found]
    return found


# --- quotas and caps -------------------------------------------------------------------------

_N = r"(\d{1,3})"
_KIND_WORDS = r"(tập thể|cá nhân|mô hình)"
_RANGE = re.compile(
    rf"(?:từ\s+)?{_N}\s*(?:-|–|đến)\s*{_N}\s+"
    r"(tập thể,? (?:và |hoặc )?cá nhân|tập thể hoặc cá nhân|mô hình|tập thể|cá nhân)"
)
_PAIR = re.compile(rf"{_N}\s+{_KIND_WORDS}\s*(và|hoặc|,)\s*{_N}\s+{_KIND_WORDS}")
_SINGLE = re.compile(rf"{_N}\s+{_KIND_WORDS}")
_BONUS = re.compile(rf"(?:từ\s+)?(\d{{2,4}})\s+đảng viên\s+trở lên[^.;]*?thêm\s+{_N}\s+{_KIND_WORDS}")
_PROPOSE = re.compile(r"\b(?:giới thiệu|đề xuất|đề nghị|lựa chọn|chọn|bình chọn|xét chọn)\b")
_EACH = re.compile(r"\bmỗi\b", re.IGNORECASE)
_FORM_WORDS = r"Giấy khen|Bằng khen|Cờ thi đua|Giấy chứng nhận|Giấy công nhận|Huân chương|Kỷ niệm chương|Danh hiệu"
_FIELD_OF = {"tập thể": "collectives", "cá nhân": "individuals", "mô hình": "models"}


def _counts(match_kinds: str, n: int) -> dict:
    out = {"collectives": 0, "individuals": 0, "models": 0}
    for word, name in _FIELD_OF.items():
        if word in match_kinds:
            out[name] = n
    return out


def parse_quota(text: str) -> dict | None:
    """Counts and mode of a quota sentence ("01 tập thể và 01 cá nhân", "từ 01-02 tập thể, cá nhân")."""
    low = text.lower()
    bonus = _BONUS.search(low)
    main = low[: bonus.start()] if bonus else low
    quota: dict = {"mode": "and", "collectives": 0, "individuals": 0, "models": 0, "min_total": None, "max_total": None}
    if m := _RANGE.search(main):
        quota.update(_counts(m.group(3), 1), mode="total", min_total=int(m.group(1)), max_total=int(m.group(2)))
    elif m := _PAIR.search(main):
        quota[_FIELD_OF[m.group(2)]] = int(m.group(1))
        quota[_FIELD_OF[m.group(5)]] = int(m.group(4))
        quota["mode"] = "either" if m.group(3) == "hoặc" else "and"
    elif m := _SINGLE.search(main):
        quota[_FIELD_OF[m.group(2)]] = int(m.group(1))
    else:
        return None
    quota["bonus_threshold"] = int(bonus.group(1)) if bonus else None
    quota["bonus_individuals"] = int(bonus.group(2)) if bonus else 0
    return quota


def _is_quota(text: str) -> bool:
    """ "Mỗi chi bộ … giới thiệu 01 …" or "Chi bộ cơ sở: lựa chọn 01 …", and not a cap ("… tặng …")."""
    low = text.lower()
    kind_first = re.match(r"^(?:đối với\s+)?([^:]{3,120}):", low)
    each = _EACH.search(low) or (kind_first and unit_kinds_in(kind_first.group(1)))
    return bool(each and _PROPOSE.search(low) and _SINGLE.search(low)) and not re.search(r"xét tặng|\btặng\b", low)


def extract_quotas(lay: Layout) -> list[dict]:
    quotas = []
    for para in lay.body:
        text = para.body
        if not _is_quota(text):
            continue
        parsed = parse_quota(text)
        if parsed is None:
            continue
        verb = _PROPOSE.search(text.lower())
        subject = text[: verb.start()] if verb else text
        for_whom = re.match(r"^(?:Đối với|Với)\s+([^:]+):", text)
        kinds = unit_kinds_in(for_whom.group(1) if for_whom else subject)
        quotas.append(
            _item(
                para, None, unsure=not kinds, unit_kinds=kinds, unit_label=subject.strip(" :,"), wording=text, **parsed
            )
        )
    return quotas


_AWARD = re.compile(
    rf"(?P<name>{_FORM_WORDS})(?:\s+của\s+(?P<by>[^,.;()]+?))?(?=\s+(?:năm|cho|và|có|trong|để)\b|[,.;()]|$)"
)
_CAP_BEFORE = re.compile(
    rf"(?P<counts>\d{{1,3}}\s+{_KIND_WORDS}(?:\s*(?:,|và|hoặc)\s*\d{{1,3}}\s+{_KIND_WORDS})?)"
    rf"[^.;]*?\btặng\s+(?P<name>{_FORM_WORDS})"
)
_CAP = re.compile(rf"(?:xét tặng|tặng|khen thưởng)\s+(?P<name>{_FORM_WORDS})?[^.;]*?\bcho\s+(?P<counts>[^.;]+)")


def extract_award_forms(lay: Layout) -> list[dict]:
    forms: dict[tuple[str, str], dict] = {}
    for para in lay.body:
        text = para.text
        for m in _AWARD.finditer(text):
            name, by = m.group("name"), (m.group("by") or "").strip()
            if not by:
                subject = re.search(r"([A-ZĐ][^,.;:]*?)\s+(?:xét tặng|tặng|trao tặng)\s*$", text[: m.start()])
                by = subject.group(1).strip() if subject else ""
                by = re.sub(r"^(?:Trên cơ sở .*?,\s*)", "", by)
            key = (name, by)
            if key in forms:
                continue
            before = text[max(0, m.start() - 80) : m.start()].lower()
            escalation = bool(re.search(r"đề nghị|đề xuất|giới thiệu", before)) or bool(
                re.search(r"Thủ tướng|Trung ương|Chủ tịch nước|Chính phủ", by)
            )
            forms[key] = _item(
                para,
                m,
                name=name,
                granted_by=by,
                is_escalation=escalation,
                cap_collectives=None,
                cap_individuals=None,
                cap_models=None,
                unsure=not by,
            )
        for m in [*_CAP.finditer(text), *_CAP_BEFORE.finditer(text)]:
            if _EACH.search(text):
                continue
            counts = parse_quota(m.group("counts"))
            if not counts:
                continue
            name = m.group("name") or "Khen thưởng"
            target = next((f for (n, _), f in forms.items() if n == name), None)
            if target is None:
                target = forms.setdefault(
                    (name, ""),
                    _item(para, m, name=name, granted_by="", is_escalation=False, unsure=True),
                )
            target["cap_collectives"] = counts["collectives"] or None
            target["cap_individuals"] = counts["individuals"] or None
            target["cap_models"] = counts["models"] or None
            target["cap_span"] = _span(para, m)
    for f in forms.values():
        kinds = [
            k
            for k, cap in (
                ("collective", "cap_collectives"),
                ("individual", "cap_individuals"),
                ("model", "cap_models"),
            )
            if f.get(cap)
        ]
        f["nominee_kinds"] = kinds or ["collective", "individual"]
    return list(forms.values())


# --- criteria --------------------------------------------------------------------------------

_CRITERIA_INTRO = re.compile(
    r"^(?:[-*+•]\s*)?(?:(?:Đối với|Với)\s+(?P<kind>tập thể|cá nhân|mô hình)\b|(?P<kind2>Tập thể|Cá nhân|Mô hình)\b)",
    re.IGNORECASE,
)
_NOMINEE = {"tập thể": "collective", "cá nhân": "individual", "mô hình": "model"}
_GRADE = [(r"hoàn thành xuất sắc nhiệm vụ", "HTXSNV"), (r"hoàn thành tốt nhiệm vụ", "HTTNV")]


def _period_years(header: dict) -> tuple[int | None, int | None]:
    start = (header.get("period_start") or {}).get("value")
    end = (header.get("period_end") or {}).get("value")
    return start, end


def recognise_check(text: str, nominee_kind: str, header: dict) -> list[tuple[str, dict, str, bool]]:
    """The automatic checks a criterion's wording allows: [(check_kind, params, text, unsure)]."""
    low = text.lower()
    start, end = _period_years(header)
    # Without a date, a plan naming a period that ends in year Y is taken as issued in Y.
    plan_year = int(header["date"]["value"][:4]) if header.get("date") else end
    stated = re.search(r"(\d{4})\s*[-–]\s*(\d{4})", low)
    if stated and int(stated.group(1)) <= int(stated.group(2)):
        start, end = int(stated.group(1)), int(stated.group(2))  # years the criterion itself names
    grade = next((g for pattern, g in _GRADE if re.search(pattern, low)), None)
    checks = []
    if grade:
        each_year = re.search(r"(?:hằng|hàng|mỗi|các)\s+năm|liên tục|\d+\s+năm", low)
        if each_year and start and end:
            checks.append(("min_grade_each_year", {"grade": grade, "from_year": start, "to_year": end}, False))
        elif nominee_kind in ("collective", "model") and "công nhận" in low and (end or plan_year):
            year = end - 1 if end and plan_year and end >= plan_year else end or plan_year - 1
            checks.append(("unit_grade_in_year", {"grade": grade, "year": year}, True))
        elif end or plan_year:
            year = end - 1 if end and plan_year and end >= plan_year else end or plan_year - 1
            years = {"from_year": start or year, "to_year": year} if each_year else {"from_year": year, "to_year": year}
            checks.append(("min_grade_each_year", {"grade": grade, **years}, True))
    if re.search(r"cấp trên khen thưởng|khen thưởng của cấp trên|được .{0,40}cấp trên .{0,20}khen", low) and start:
        checks.append(("higher_honor", {"from_year": start, "to_year": end or start}, True))
    elif re.search(r"được (?:chi bộ|đảng bộ|đảng ủy|cấp ủy)\b.{0,30}?khen thưởng", low) and start:
        last = min(end or start, plan_year - 1) if plan_year else (end or start)
        checks.append(("own_honor_each_year", {"from_year": start, "to_year": last}, True))
    return [(kind, params, text, unsure) for kind, params, unsure in checks]


def _is_criteria_intro(para: Para, under_criteria: bool = False) -> bool:
    """ "Đối với tập thể: … đạt các tiêu chuẩn sau:" opens a list of criteria; so does "a) Tập thể: …"
    under a heading about criteria."""
    low = para.body.lower()
    if not _CRITERIA_INTRO.match(para.body.strip()):
        return False
    return "tiêu chuẩn" in low or low.startswith(("đối với", "với")) or (under_criteria and ":" in low[:20])


def _criteria_of(item_text: str, kind: str, header: dict, group: int) -> tuple[list[dict], int]:
    """The criteria one sentence gives: its automatic checks ("any one of" them when it says "hoặc"),
    or one criterion for the reviewer."""
    checks = recognise_check(item_text, kind, header)
    if len(checks) > 1 and " hoặc " in item_text:
        group += 1
        rows = [
            {"nominee_kind": kind, "text": item_text, "check_kind": c, "params": p, "any_of_group": f"nhóm {group}"}
            for c, p, _t, _u in checks
        ]
        rows.append(
            {
                "nominee_kind": kind,
                "text": item_text,
                "check_kind": "reviewer",
                "params": {},
                "any_of_group": f"nhóm {group}",
            }
        )
        return [{**r, "unsure": True} for r in rows], group
    if checks:
        check, params, _t, unsure = checks[0]
        row = {"nominee_kind": kind, "text": item_text, "check_kind": check, "params": params, "any_of_group": ""}
        return [{**row, "unsure": unsure}], group
    row = {"nominee_kind": kind, "text": item_text, "check_kind": "reviewer", "params": {}, "any_of_group": ""}
    return [{**row, "unsure": False}], group


def extract_criteria(lay: Layout, header: dict) -> list[dict]:
    criteria: list[dict] = []
    group = 0
    body = lay.body
    heading = ""
    i = 0
    while i < len(body):
        para = body[i]
        if para.level and para.level <= 3:
            heading = para.heading.lower()
        if not _is_criteria_intro(para, "tiêu chuẩn" in heading):
            i += 1
            continue
        intro = _CRITERIA_INTRO.match(para.body.strip())
        kind = _NOMINEE[(intro.group("kind") or intro.group("kind2")).lower()]
        found = len(criteria)
        i += 1
        while i < len(body):
            item = body[i]
            if item.level or not item.bullet or _is_criteria_intro(item, "tiêu chuẩn" in heading):
                break
            text = item.body.strip()
            if not _is_quota(text):
                rows, group = _criteria_of(text, kind, header, group)
                criteria += [{**row, "span": _span(item)} for row in rows]
            i += 1
        if len(criteria) == found:
            # The criteria follow the colon on the same line, separated by ";".
            inline = para.body.split(":", 1)[1] if ":" in para.body else ""
            if "tiêu chuẩn sau" in inline.lower():
                continue
            offset = para.body_start + para.body.index(inline) if inline else 0
            for piece in re.finditer(r"[^;]+", inline):
                text = piece.group(0).strip(" .")
                if len(text) < 8:
                    continue
                rows, group = _criteria_of(text, kind, header, group)
                span = [offset + piece.start(), offset + piece.end()]
                criteria += [{**row, "span": span} for row in rows]
    return criteria + _dossier_checks(lay, header)


def _dossier_checks(lay: Layout, header: dict) -> list[dict]:
    """Checks plans put among the dossier rules: a summary's length, the achievements' time window."""
    out = []
    for para in lay.body:
        low = para.text.lower()
        if m := re.search(r"tóm tắt thành tích không quá\s+(1/2|một nửa|01|1|02|2)\s+trang", low):
            pages = {"1/2": 0.5, "một nửa": 0.5, "01": 1, "1": 1, "02": 2, "2": 2}[m.group(1)]
            out.append(
                _item(
                    para,
                    m,
                    unsure=True,
                    nominee_kind="individual",
                    text=para.text[m.start() : m.end()],
                    check_kind="summary_max_chars",
                    params={"max_chars": int(3600 * pages)},
                    any_of_group="",
                )
            )
        window = re.search(
            r"(?:mốc thời gian|thời gian)[^.]*?từ tháng\s+(\d{1,2})/(\d{4})\s+đến tháng\s+(\d{1,2})/(\d{4})", low
        )
        if window:
            first = dt.date(int(window.group(2)), int(window.group(1)), 1)
            last = month_end(int(window.group(3)), int(window.group(4)))
            if last:
                for kind in ("collective", "individual"):
                    out.append(
                        _item(
                            para,
                            window,
                            nominee_kind=kind,
                            text=para.text[window.start() : window.end()],
                            check_kind="achievement_window",
                            params={"start": first.isoformat(), "end": last.isoformat()},
                            any_of_group="",
                        )
                    )
    return out


# --- dossier ---------------------------------------------------------------------------------

_DOC_NOUN = re.compile(
    r"^(?:và\s+)?(?:tờ trình|danh sách|báo cáo|bản sao|bản chụp|biên bản|trích|tóm tắt|file|tệp|ảnh|quyết định|giấy|"
    r"đơn(?! vị)|phiếu|bảng)\b",
    re.IGNORECASE,
)
_COPIES_TAIL = re.compile(r"\s*[:,–-]?\s*\(?\s*(?:gồm\s+)?\d{1,2}\s+(?:bộ|bản)(?:\s+chính|\s+sao)?\s*\)?\s*$")
_COPIES = re.compile(r"(?:gồm\s+)?(\d{1,2})\s+(bộ|bản)\b")


def _split_documents(text: str) -> list[str]:
    parts: list[str] = []
    for chunk in re.split(r";\s*", text):
        for piece in re.split(r",\s*(?=(?:và\s+)?\S)", chunk):
            if parts and not _DOC_NOUN.match(piece.strip()):
                parts[-1] += ", " + piece.strip()
            else:
                parts.append(piece.strip())
    return [re.sub(r"^và\s+", "", p).strip(" .,;") for p in parts if p.strip(" .,;")]


def extract_dossier(lay: Layout) -> list[dict]:
    items: list[dict] = []
    in_section = False
    copies_all = None
    for para in lay.body:
        low = para.text.lower()
        if para.level:
            in_section = bool(re.search(r"\bhồ sơ\b", para.heading.lower()))
            continue
        if in_section and para.bullet:
            text = para.body.strip()
            document = re.split(r"(?<=[^\d\s])\.\s+", text, maxsplit=1)
            name = _COPIES_TAIL.sub("", document[0].strip(" .;")).strip(" .;:")
            copies = _COPIES.search(text)
            items.append(
                _item(
                    para,
                    None,
                    document=name[:300],
                    note=(document[1][:300] if len(document) > 1 else ""),
                    copies=int(copies.group(1)) if copies else None,
                    nominee_kinds=_kinds_named(low),
                )
            )
            continue
        inline = re.search(
            r"^(?:[-+*]\s*)?Hồ sơ[^()]*?\((?P<list>[^)]+)\)(?P<more>(?:\s*(?:và|,)\s*[^,.;]+?)?)\s+(?:gửi|nộp)",
            para.text,
        )
        if inline:
            names = _split_documents(inline.group("list")) + _split_documents(inline.group("more").strip())
            copies = _COPIES.search(para.text)
            for name in names:
                at = para.text.find(name.split(",")[0], inline.start())
                span = [para.start + at, para.start + at + len(name)] if at >= 0 else _span(para)
                items.append(
                    {
                        "document": name[:300],
                        "note": "",
                        "copies": int(copies.group(1)) if copies else None,
                        "nominee_kinds": ["collective", "individual"],
                        "span": span,
                        "unsure": False,
                    }
                )
            continue
        if (in_section or "hồ sơ" in low) and (copies := _COPIES.search(low)) and items:
            copies_all = (int(copies.group(1)), _span(para, copies))
    for item in items:
        if item["copies"] is None:
            item["copies"] = copies_all[0] if copies_all else 1
            item["unsure"] = item["unsure"] or not copies_all
            if copies_all:
                item["copies_span"] = copies_all[1]
    return items


def _kinds_named(low: str) -> list[str]:
    """Nominee kinds a dossier item names; a model's item is for models, another for collectives and people."""
    if "mô hình" in low:
        return [code for word, code in _NOMINEE.items() if word in low]
    return [code for word, code in _NOMINEE.items() if word in low and code != "model"] or ["collective", "individual"]


# --- deadlines -------------------------------------------------------------------------------

_TRIGGER = re.compile(
    rf"(?P<trigger>trước\s+ngày|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào\s+)?ngày)?|muộn\s+nhất(?:\s+là)?(?:\s+ngày)?|hạn\s+(?:chót|cuối|nộp)(?:\s+là)?\s*:?(?:\s+ngày)?|trước|xong\s+trước|hoàn\s+thành\s+trước\s+ngày)\s*(?:ngày\s+)?(?P<date>{DATE})",
    re.IGNORECASE,
)
_TRIGGER_NO_YEAR = re.compile(
    r"(?:trước|chậm\s+nhất|muộn\s+nhất|hạn\s+(?:chót|cuối|nộp))(?:\s+là)?(?:\s+(?:vào\s+)?ngày)?\s+"
    r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/-]|\.\d)",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"(?P<trigger>(?:hoàn\s+thành\s+|xong\s+|thực\s+hiện\s+)?trong\s+tháng|định\s+kỳ\s+tháng|cuối\s+tháng|hết\s+tháng)\s+(?P<m>\d{1,2})\s*(?:/|\s+năm\s+)(?P<y>\d{4})",
    re.IGNORECASE,
)
_REFUSE = re.compile(
    r"(?:sẽ\s+)?không\s+(?:được\s+)?(?:xem\s+xét|xét|tiếp\s+nhận|nhận|giải\s+quyết)|không\s+nhận\s+hồ\s+sơ|quá\s+hạn\s+.{0,30}không",
    re.IGNORECASE,
)
_KIND_RULES = [
    ("dossier", r"\bhồ sơ\b|danh sách"),
    ("escalation", r"bằng khen|huân chương|đề nghị tặng|khen thưởng cấp trên|cấp trung ương"),
    ("programme", r"triển lãm|\bphim\b|giao lưu|cuốn sách|xuất bản|tôn vinh|chương trình\s+[“\"]"),
    ("report", r"báo cáo"),
    ("own_review", r"tổ chức (?:hội nghị )?(?:sơ kết|tổng kết|đánh giá)|tổ chức hội nghị|sinh hoạt chi bộ"),
]
_AUDIENCE_WORD = re.compile(
    r"chi bộ|đảng bộ|đảng ủy|đảng uỷ|cấp ủy|mặt trận|đoàn thể|tổ chức cơ sở|tổ chức đảng|cơ quan|đơn vị"
    r"|chính trị\s*-\s*xã hội|đối với cấp",
    re.IGNORECASE,
)


_REPORT_AND_DOSSIER = re.compile(r"^[^(]*?\bbáo cáo\b[^.;]*?(?:,|\bvà)\s*hồ sơ\b")


def deadline_kind(text: str) -> str:
    low = text.lower()
    return next((kind for kind, pattern in _KIND_RULES if re.search(pattern, low)), "other")


def _audience(stack: list[Para], para: Para) -> str:
    for heading in reversed(stack):
        title = heading.heading
        if ":" not in title and (heading is para or heading.level >= 4):
            continue  # a numbered sentence ("a) Tổ chức sơ kết …"), not a heading naming who
        subject = title.split(":", 1)[0].strip() if ":" in title else title.strip()
        if _AUDIENCE_WORD.search(subject) and len(subject) < 200:
            return re.sub(r"^Đối với\s+", "", subject).strip(" :;,")
    own = re.match(r"^(?:Đối với\s+)?(Các [^:]{3,150}?):", para.body.strip())
    return own.group(1) if own else ""


_OWN_BOARD = re.compile(r"^(?:Ban |Văn phòng|Ủy ban Kiểm tra|Uỷ ban Kiểm tra|Các Ban |Thường trực)")


def _own_board(stack: list[Para]) -> bool:
    """Inside an item of "Tổ chức thực hiện" addressed to one of the issuer's own boards."""
    if not stack or stack[0].level != 1 or not re.search(r"tổ chức thực hiện", stack[0].heading, re.IGNORECASE):
        return False
    item = next((h for h in stack if h.level == 2), None)
    return bool(item and _OWN_BOARD.match(item.heading))


def _day_in_year(day: int, month: int, plan_date: dt.date) -> dt.date | None:
    try:
        found = dt.date(plan_date.year, month, day)
    except ValueError:
        return None
    return found if found >= plan_date else found.replace(year=plan_date.year + 1)


def extract_deadlines(lay: Layout, plan_date: dt.date | None = None) -> tuple[list[dict], dict]:
    """Deadlines units must meet, and the conference's time and place when the plan gives them."""
    deadlines: list[dict] = []
    conference: dict = {}
    stack: list[Para] = []
    previous: Para | None = None
    zone = [(p, False) for p in lay.body] + [(p, True) for p in lay.appendix]
    for para, in_appendix in zone:
        if para.level:
            stack = [h for h in stack if h.level < para.level] + [para]
        text = para.body
        low = text.lower()
        if re.match(r"^(?:thời gian|địa điểm)", low) and ("dự kiến" in low or _near_conference(stack, previous)):
            key = "conference_time" if low.startswith("thời gian") else "conference_venue"
            found = re.sub(
                r"^(?:thời gian|địa điểm)(?:\s+(?:dự kiến|tổ chức))?\s*:?\s*", "", text, flags=re.IGNORECASE
            ).strip(" .;")
            conference.setdefault(key, value(found, para.start, para.end))
            previous = para
            continue
        matches = [(m, parse_date(m), False) for m in _TRIGGER.finditer(text)]
        if plan_date:  # "trước ngày 20/3": the year is the plan's (or the next, if that date has passed)
            for m in _TRIGGER_NO_YEAR.finditer(text):
                day = _day_in_year(int(m.group("d")), int(m.group("m")), plan_date)
                matches.append((m, day, True))
        matches += [(m, month_end(int(m.group("m")), int(m.group("y"))), True) for m in _MONTH.finditer(text)]
        if _own_board(stack):
            matches = []  # a task of the issuer's own board: its date is the assignment's, not a unit's deadline
        for m, day, loose in matches:
            if day is None or "dự kiến" in low[max(0, m.start() - 30) : m.start()]:
                continue
            what_para = previous if re.match(r"^thời gian", low) and previous is not None else para
            what = what_para.body.strip() if what_para is not para else text.strip()
            what = shorten(re.sub(r"\s+", " ", what), 300)
            kind = deadline_kind(what if what_para is not para else text)
            if in_appendix and any(d["date"] == day.isoformat() and d["kind"] == kind for d in deadlines):
                continue
            # "Báo cáo …, hồ sơ … gửi … trước ngày …": one date for two things owed.
            kinds = ["report", "dossier"] if _REPORT_AND_DOSSIER.search(what.lower()) else [kind]
            for owed in kinds:
                deadlines.append(
                    {
                        "date": day.isoformat(),
                        "what": what,
                        "audience": _audience(stack, para),
                        "kind": owed,
                        "lateness": "mark_late",
                        "span": [para.body_start + m.start(), para.body_start + m.end()],
                        "context_span": [para.start, para.end],
                        "unsure": loose,
                        "para": para.index,
                    }
                )
        if (refuse := _REFUSE.search(text)) and deadlines:
            wanted = "dossier" if "hồ sơ" in low else None
            candidates = [
                d for d in deadlines if para.index - d["para"] <= 1 and (wanted is None or d["kind"] == wanted)
            ]
            for d in candidates[-1:] if wanted is None else candidates:
                d["lateness"] = "refuse"
                d["lateness_span"] = [para.body_start + refuse.start(), para.body_start + refuse.end()]
        previous = para
    for d in deadlines:
        del d["para"]
    return deadlines, conference


def _near_conference(stack: list[Para], previous: Para | None) -> bool:
    context = " ".join(h.heading for h in stack[-2:]) + " " + (previous.text if previous else "")
    return bool(re.search(r"hội nghị|buổi|chương trình", context, re.IGNORECASE)) and not re.search(
        r"chi bộ|đảng bộ|mặt trận|đoàn thể", stack[-1].heading if stack else "", re.IGNORECASE
    )


# --- purpose, requirements, conference --------------------------------------------------------


def _block_under(lay: Layout, pattern: str) -> tuple[str, list[int]] | None:
    """The text under the first heading matching `pattern` (a subsection before a whole part)."""
    body = lay.body
    candidates = [i for i, p in enumerate(body) if p.level and re.search(pattern, p.heading, re.IGNORECASE)]
    candidates.sort(key=lambda i: body[i].level == 1)
    for i in candidates:
        para = body[i]
        inline = para.heading.split(":", 1)[1].strip() if ":" in para.heading else ""
        lines, end = ([inline] if inline else []), para.end
        for nxt in body[i + 1 :]:
            if nxt.level and nxt.level <= para.level:
                break
            lines.append(nxt.body.strip().rstrip(";"))
            end = nxt.end
        if lines:
            return "\n".join(lines), [para.start, end]
    return None


def extract_texts(lay: Layout) -> dict:
    out = {}
    for name, pattern in (
        ("purpose", r"^mục đích\b"),
        ("requirements", r"^yêu cầu\b"),
        ("conference_composition", r"^thành phần\b"),
        ("conference_programme", r"nội dung chương trình|^chương trình hội nghị"),
        ("budget", r"^kinh phí\b"),
    ):
        found = _block_under(lay, pattern)
        if found:
            out[name] = value(found[0], *found[1])
    for name, pattern in (("conference_time", r"^thời gian\s*:"), ("conference_venue", r"^địa điểm(?: tổ chức)?\s*:")):
        para = next((p for p in lay.body if p.level and re.search(pattern, p.heading, re.IGNORECASE)), None)
        if para:
            out[name] = value(para.heading.split(":", 1)[1].strip(" .;"), para.start, para.end)
    return out


# --- assignments -----------------------------------------------------------------------------

_ACTION = re.compile(
    r"\s+(?=(?:chỉ đạo|chủ trì|phối hợp|tham mưu|xây dựng|tổ chức|hướng dẫn|thực hiện|triển khai|có trách nhiệm"
    r"|căn cứ|chịu trách nhiệm)\b)"
)
_CLOSING_SENTENCE = re.compile(r"(?:yêu cầu|đề nghị).{0,200}(?:thực hiện|triển khai).*\./\.\s*$", re.IGNORECASE)


def extract_assignments(lay: Layout) -> list[dict]:
    body = lay.body
    start = next(
        (i for i, p in enumerate(body) if p.level == 1 and re.search(r"tổ chức thực hiện", p.heading, re.IGNORECASE)),
        None,
    )
    if start is None:
        return []
    items: list[dict] = []
    current: dict | None = None
    for para in body[start + 1 :]:
        if para.level == 1:
            break
        if para.level == 2:
            heading = para.heading
            if ":" in heading and len(heading.split(":", 1)[0]) < 200:
                body_name, task = (part.strip() for part in heading.split(":", 1))
            else:
                action = _ACTION.search(heading)
                body_name, task = (heading[: action.start()], heading[action.end() :]) if action else (heading, "")
            current = {
                "body": body_name.strip(" .;:"),
                "task_lines": [task] if task else [],
                "span": [para.start, para.end],
                "unsure": False,
            }
            items.append(current)
        elif current is not None:
            if _CLOSING_SENTENCE.search(para.text) and not para.bullet:
                continue
            current["task_lines"].append(para.body.strip())
            current["span"][1] = para.end
    out = []
    for item in items:
        task = "\n".join(line.strip() for line in item.pop("task_lines") if line.strip())
        due = None
        for m in list(_TRIGGER.finditer(task)) + list(
            re.finditer(r"Thời gian(?: thực hiện)?\s*:?\s*(?:ngày\s+)?(?P<date>" + DATE + ")", task)
        ):
            day = parse_date(m)
            if day and (due is None or day < due):
                due = day
        for m in _MONTH.finditer(task):
            day = month_end(int(m.group("m")), int(m.group("y")))
            if day and (due is None or day < due):
                due = day
        out.append({**item, "task": task, "due_date": due.isoformat() if due else None})
    return out


# --- closing: recipients and signer ----------------------------------------------------------

_CAPACITY = re.compile(r"^(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|Q\.|TUQ\.?|THAY MẶT)\s+\S.*$")
_SIGNER_TITLE = re.compile(
    r"^(?:PHÓ\s+)?(?:BÍ THƯ|TRƯỞNG BAN|CHỦ TỊCH|CHÁNH VĂN PHÒNG|GIÁM ĐỐC|TRƯỞNG|THƯỜNG TRỰC)\b.*$"
)
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zà-ỹđ]*)(?:\s+[A-ZĐÀ-Ỹ][a-zà-ỹđ]*){1,4}$")
_PURPOSES = [(r"\(?\s*(?:để\s+)?báo cáo\s*\)?", "report"), (r"\(?\s*(?:để\s+)?(?:thực hiện|t/h)\s*\)?", "carry_out")]


def extract_closing(lay: Layout) -> tuple[list[dict], dict]:
    recipients: list[dict] = []
    signer: dict = {}
    filed = False
    # Without "Nơi nhận" the signature still closes the plan: look at the body's last lines for it only.
    zone = lay.closing or [p for p in lay.body[-6:] if not p.level and not p.bullet]
    for para in zone:
        parts = _columns(para)
        for n, (part, at) in enumerate(parts):
            if n == 0 and _RECIPIENTS_START.match(part):
                rest = _RECIPIENTS_START.sub("", part).strip()
                if not rest:
                    continue
                part, at = rest, at + part.find(rest)
            if part.startswith(("-", "+", "•")) and not filed:
                name = part.lstrip("-+• ").strip()
                purpose = ""
                for pattern, code in _PURPOSES:
                    if m := re.search(pattern + r"\s*[;,.]?\s*$", name, re.IGNORECASE):
                        if m.start() > 0:
                            name, purpose = name[: m.start()], code
                if re.match(r"^Lưu\b", name, re.IGNORECASE):
                    purpose, filed = "file", True
                name = name.strip(" ;,.")
                if name:
                    recipients.append({"name": name, "purpose": purpose, "span": [at, at + len(part)], "unsure": False})
                continue
            if part.startswith(("-", "+")):
                continue  # after "Lưu": the drafter's initials and copy count
            if _CAPACITY.match(part) and "signer_capacity" not in signer:
                signer["signer_capacity"] = value(part, at, at + len(part))
            elif _SIGNER_TITLE.match(part) and "signer_title" not in signer:
                signer["signer_title"] = value(part, at, at + len(part))
            elif _NAME.match(part) and "signer_name" not in signer and not part.isupper():
                signer["signer_name"] = value(part, at, at + len(part))
    if "signer_capacity" in signer and " " in signer["signer_capacity"]["value"]:
        # "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ" on one line: split the title off.
        cap = signer["signer_capacity"]["value"]
        m = re.search(r"\s(PHÓ BÍ THƯ|BÍ THƯ|PHÓ TRƯỞNG BAN|TRƯỞNG BAN|CHỦ TỊCH|PHÓ CHỦ TỊCH)$", cap)
        if m and "signer_title" not in signer:
            span = signer["signer_capacity"]["span"]
            signer["signer_capacity"] = value(cap[: m.start()], span[0], span[0] + m.start())
            signer["signer_title"] = value(m.group(1), span[0] + m.start() + 1, span[1])
    return recipients, signer


# --- outline ---------------------------------------------------------------------------------

_FIGURE = re.compile(
    r"(?:có số liệu[^)]*|tổng số[^,.;()]*|số lượng[^,.;()]*|bao nhiêu[^,.;()]*|số lần[^,.;()]*)", re.IGNORECASE
)


def extract_outline(lay: Layout) -> list[dict]:
    sections: list[dict] = []
    for para in lay.outline[1:]:
        if para.level in (1, 2, 3):
            title = para.heading
            guidance = ""
            if ":" in title and len(title.split(":", 1)[0]) < 120:
                title, guidance = (part.strip() for part in title.split(":", 1))
            elif len(title) > 160 and ". " in title:
                title, guidance = title.split(". ", 1)
            sections.append(
                {
                    "number": f"{para.number}." if para.level == 1 or not para.number.endswith(".") else para.number,
                    "title": title.strip(" .;,")[:500],
                    "guidance": guidance,
                    "level": min(para.level, 3),
                    "figures": [],
                    "span": [para.start, para.end],
                    "unsure": False,
                }
            )
            _figures(sections[-1], para.heading)
        elif sections:  # text under a heading: its guidance
            sections[-1]["guidance"] = (sections[-1]["guidance"] + "\n" + para.body.strip()).strip()
            sections[-1]["span"][1] = para.end
            _figures(sections[-1], para.body)
    return sections


def _figures(section: dict, text: str) -> None:
    for m in _FIGURE.finditer(text):
        label = m.group(0).strip(" .;,")
        if 8 <= len(label) <= 200 and label not in section["figures"]:
            section["figures"].append(label[0].upper() + label[1:])


# --- all of it -------------------------------------------------------------------------------


def extract(text: str) -> dict:
    """The campaign draft read from a plan's normalised text."""
    lay = layout(text)
    header = extract_header(lay)
    header.update(extract_texts(lay))
    plan_date = dt.date.fromisoformat(header["date"]["value"]) if header.get("date") else None
    deadlines, conference = extract_deadlines(lay, plan_date)
    for key, found in conference.items():
        header.setdefault(key, found)
    recipients, signer = extract_closing(lay)
    header.update(signer)
    quotas = extract_quotas(lay)
    kinds: list[str] = []
    for q in quotas:
        kinds += [k for k in q["unit_kinds"] if k not in kinds]
    draft = {
        "fields": header,
        "participant_kinds": kinds,
        "references": extract_references(lay),
        "deadlines": deadlines,
        "quotas": quotas,
        "award_forms": extract_award_forms(lay),
        "criteria": extract_criteria(lay, header),
        "dossier": extract_dossier(lay),
        "outline": extract_outline(lay),
        "assignments": extract_assignments(lay),
        "recipients": recipients,
    }
    found = [name for name in ("symbol", "date", "issuer", "title") if name in header]
    found += [name for name in ("deadlines", "quotas", "references", "outline", "recipients") if draft[name]]
    draft["found"] = len(found)
    draft["looks_like_plan"] = lay.title_para is not None or len(found) >= 3
    return draft
