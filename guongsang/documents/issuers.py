"""Who issues a document, and how that issuer's documents look: the one place every renderer asks.

For a unit (and a date) it answers the family of its documents (Party, State, Mặt trận, Đoàn, another
mass organisation), the lines of its header block, the title on the right (the Party's name, the
national name and motto, or the Đoàn's name), how its number and its place-date line are written, and
how its signature block reads. What each family does, and how sure we are of it, is in docs/documents.md
and ../shared/DOMAIN.md:

- Party (Hướng dẫn 36-HD/VPTW): the đảng bộ above ("ĐẢNG BỘ TỈNH LÂM ĐỒNG"), the issuing committee
  in bold ("HUYỆN ỦY LẠC DƯƠNG"), a star, "Số 98-KH/HU" without a colon; "ĐẢNG CỘNG SẢN VIỆT NAM" on
  the right; capacity with a slash, "T/M BAN THƯỜNG VỤ".
- State (Nghị định 30/2020): the body in bold over a short rule, "Số: 12/QĐ-UBND"; the national name
  and motto on the right; capacity with a dot, "TM. ỦY BAN NHÂN DÂN".
- Mặt trận: "ỦY BAN MTTQ VIỆT NAM" over the level ("HUYỆN LẠC DƯƠNG"), the national name and motto,
  State-style number; "TM. BAN THƯỜNG TRỰC".
- Đoàn (Hướng dẫn 29-HD/TWĐTN-VP, 2013): the Đoàn body above ("TỈNH ĐOÀN LÂM ĐỒNG"), the issuing
  committee in bold ("BCH HUYỆN LẠC DƯƠNG"), three stars, "Số: 12-BC/HĐTN"; "ĐOÀN TNCS HỒ CHÍ MINH" on
  the right; "TM. BAN THƯỜNG VỤ".
- Other mass organisations (Hội Liên hiệp Phụ nữ, Hội Nông dân, Hội Cựu chiến binh, Công đoàn): the
  organisation in bold over a short rule, the national name and motto, State-style number;
  "TM. BAN THƯỜNG VỤ" / "CHỦ TỊCH".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from guongsang.documents.symbols import Symbol
from guongsang.documents.vndate import place_and_date
from guongsang.lib.text import fold, nfc

PARTY, STATE, FRONT, YOUTH, MASS = "party", "state", "front", "youth", "mass"
FAMILIES = {
    PARTY: "Văn bản của Đảng",
    STATE: "Văn bản hành chính nhà nước",
    FRONT: "Văn bản của Mặt trận Tổ quốc",
    YOUTH: "Văn bản của Đoàn Thanh niên",
    MASS: "Văn bản của tổ chức chính trị - xã hội",
}
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY_NAME = "ĐẢNG CỘNG SẢN VIỆT NAM"
YOUTH_NAME = "ĐOÀN TNCS HỒ CHÍ MINH"

# Unit kinds (org.UnitKind.code) whose documents are not the Party's though the kind is not State.
_YOUTH_KINDS = {"doan-thanh-nien"}
_YOUTH_WORDS = ["Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên"]
# The Đoàn of a level, named after that level's Party committee: (committee words, the level they
# stand for, the Đoàn's name): "Tỉnh ủy Lâm Đồng" → tỉnh Lâm Đồng → "Tỉnh đoàn Lâm Đồng"; "Đảng ủy xã
# Lát" → xã Lát → "Đoàn xã Lát".
_YOUTH_BODIES = [
    ("tỉnh ủy", "tỉnh", "Tỉnh đoàn"),
    ("thành ủy", "thành phố", "Thành đoàn"),
    ("huyện ủy", "huyện", "Huyện đoàn"),
    ("quận ủy", "quận", "Quận đoàn"),
    ("thị ủy", "thị xã", "Thị đoàn"),
    *(
        (f"{party} {level}", level, f"Đoàn {level}")
        for level in ("xã", "phường", "thị trấn", "đặc khu")
        for party in ("đảng ủy", "đảng bộ")
    ),
]
_FRONT_KINDS = {"mttq"}

# Committees of a đảng bộ (the body that issues is the committee, "ĐẢNG ỦY XÃ LÁT"), and their
# đảng bộ as the superior line of the units below ("ĐẢNG BỘ XÃ LÁT").
_COMMITTEE_WORDS = [
    ("tỉnh ủy", "Đảng bộ tỉnh"),
    ("thành ủy", "Đảng bộ thành phố"),
    ("huyện ủy", "Đảng bộ huyện"),
    ("quận ủy", "Đảng bộ quận"),
    ("thị ủy", "Đảng bộ thị xã"),
    ("đảng ủy", "Đảng bộ"),
]


class IssuerIncomplete(ValidationError):
    """A unit lacks what its documents must print (the abbreviation in its numbers, its place name)."""


@dataclass(frozen=True)
class Signer:
    capacity: str  # "T/M BAN THƯỜNG VỤ", "TM. BAN THƯỜNG TRỰC", "" when the head signs in their own name
    title: str  # "BÍ THƯ", "PHÓ CHỦ TỊCH"
    name: str  # "Nguyễn Văn A"; "" leaves the space for a hand-written name

    @property
    def lines(self) -> list[str]:
        return [line for line in (self.capacity.upper(), self.title.upper()) if line]


@dataclass(frozen=True)
class Letterhead:
    family: str
    superior: str  # the line above the issuer ("ĐẢNG BỘ TỈNH LÂM ĐỒNG"), or ""
    issuer: list[str]  # the issuer's own lines, upper case, bold
    mark: str  # "*" (Party), "***" (Đoàn), "rule" (a short drawn line)
    titles: list[str]  # the right-hand title lines: the Party's name, or national name and motto
    place: str

    @property
    def state_like(self) -> bool:
        return self.family in (STATE, FRONT, MASS)


def family_of(unit) -> str:
    kind = unit.kind
    if kind.code in _YOUTH_KINDS:
        return YOUTH
    if kind.code in _FRONT_KINDS or kind.category == "front":
        return FRONT
    if kind.category == "mass":
        return MASS
    if kind.category == "state":
        return STATE
    return PARTY  # Party organisations and the committees' own boards and offices


def _upper(text: str) -> str:
    return nfc(text).upper()


def _strip_prefix(name: str, prefix: str) -> str:
    return name[len(prefix) :].strip() if fold(name).startswith(fold(prefix)) else ""


def party_body(name: str) -> str:
    """The đảng bộ a committee leads, named as a superior line: "Tỉnh ủy Lâm Đồng" → "Đảng bộ tỉnh Lâm
    Đồng", "Đảng ủy xã Lạc Dương" → "Đảng bộ xã Lạc Dương"; a đảng bộ or chi bộ keeps its name."""
    name = nfc(name).strip()
    for word, body in _COMMITTEE_WORDS:
        rest = _strip_prefix(name, word)
        if rest:
            return f"{body} {rest}"
    return name


def party_committee(unit) -> str:
    """The committee that issues for a unit: a đảng bộ cơ sở issues as its đảng ủy ("Đảng bộ xã Lát" →
    "Đảng ủy xã Lát"); committees, chi bộ and boards issue under their own names."""
    name = nfc(unit.name).strip()
    rest = _strip_prefix(name, "đảng bộ")
    if rest and unit.kind.is_party_org and not fold(rest).startswith("bo phan"):
        return f"Đảng ủy {rest}"
    return name


def _level(name: str, organisation_words: list[str]) -> str:
    """What follows the organisation's name: "Hội Nông dân huyện Lạc Dương" → "huyện Lạc Dương"."""
    folded = fold(name)
    for words in organisation_words:
        key = fold(words)
        if folded.startswith(key):
            return name[len(words) :].strip()
    return ""


def youth_superior(unit, parent) -> str:
    """The Đoàn body above a Đoàn unit, the first line of its header: a Đoàn parent by its name;
    otherwise the Đoàn of the nearest committee above the unit's own level (a huyện đoàn under Huyện ủy
    Lạc Dương, under Tỉnh ủy Lâm Đồng, answers to "TỈNH ĐOÀN LÂM ĐỒNG"); none at the top."""
    if parent is None:
        return ""
    if family_of(parent) == YOUTH:
        return _upper(parent.name)
    own = fold(unit.name)
    for ancestor in [parent, *reversed(type(parent).objects.get_ancestors(parent))]:
        for word, level, body in _YOUTH_BODIES:
            rest = _strip_prefix(nfc(ancestor.name), word)
            if not rest:
                continue
            # A committee of the unit's own level is not above it: "… huyện Lạc Dương" under Huyện ủy Lạc
            # Dương, "Tỉnh đoàn Thái Nguyên" under Tỉnh ủy Thái Nguyên (a thị trấn Lạc Dương is not).
            if fold(f"{level} {rest}") in own or fold(f"{body} {rest}") in own:
                break
            return _upper(f"{body} {rest}")
    return ""


def _level_from_parent(unit, parent) -> str:
    """A level inferred from the superior committee when the name does not say it."""
    if parent is None:
        return ""
    for word, body in _COMMITTEE_WORDS[:5]:
        rest = _strip_prefix(parent.name, word)
        if rest:
            return f"{body.split(' ', 2)[2]} {rest}"
    return ""


def _lines(text: str) -> list[str]:
    return [_upper(line.strip()) for line in nfc(text or "").splitlines() if line.strip()]


def letterhead(unit, *, parent=None, day: dt.date | None = None) -> Letterhead:
    """The header block of documents `unit` issues. `parent` defaults to the unit's parent in the tree;
    `unit.header_lines` (one line per line, the first the superior line) replaces what is derived."""
    family = family_of(unit)
    if parent is None:
        parent = unit.parent_unit()
    custom = _lines(getattr(unit, "header_lines", ""))
    name = nfc(unit.name).strip()
    if family == PARTY:
        superior = _upper(party_body(parent.name)) if parent is not None and parent.kind.is_party_org else ""
        issuer = [_upper(party_committee(unit))]
        mark, titles = "*", [PARTY_NAME]
    elif family == YOUTH:
        level = _level(name, _YOUTH_WORDS) or _level_from_parent(unit, parent)
        superior = youth_superior(unit, parent)
        issuer = [_upper(f"BCH {level}" if level else name)]
        mark, titles = "***", [YOUTH_NAME]
    elif family == FRONT:
        level = _level(name, ["Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban MTTQ Việt Nam", "Mặt trận Tổ quốc Việt Nam"])
        level = level or _level_from_parent(unit, parent)
        superior = ""
        issuer = ["ỦY BAN MTTQ VIỆT NAM", *([_upper(level)] if level else [])]
        mark, titles = "rule", [NATIONAL_NAME, MOTTO]
    else:  # State bodies and mass organisations: the body's name, split before its level
        words = name.split()
        split = next((i for i, w in enumerate(words) if fold(w) in _LEVEL_WORDS and i > 0), len(words))
        superior = ""
        issuer = [_upper(" ".join(words[:split])), *([_upper(" ".join(words[split:]))] if words[split:] else [])]
        mark, titles = "rule", [NATIONAL_NAME, MOTTO]
    if custom:
        superior, issuer = (custom[0], custom[1:]) if len(custom) > 1 else ("", custom)
    return Letterhead(family, superior, issuer, mark, titles, nfc(unit.place_name or "").strip())


_LEVEL_WORDS = {"tinh", "thanh", "huyen", "quan", "thi", "xa", "phuong", "dac"}


# -- the number line and the place-date line ---------------------------------------------------------


def require_identity(unit) -> None:
    """Refuse, in Vietnamese, a document whose issuer lacks what its number and date line print."""
    missing = []
    if not (unit.abbreviation or "").strip():
        missing.append("ký hiệu trong số văn bản (ví dụ HU, ĐU, CB, MTTQ)")
    if not (unit.place_name or "").strip():
        missing.append("địa danh ghi ngày tháng (ví dụ Lạc Dương)")
    if missing:
        raise IssuerIncomplete(
            f"Đơn vị “{unit.name}” chưa có {' và '.join(missing)}. Hãy bổ sung ở trang sửa thông tin đơn vị "
            "trước khi lập văn bản có số.",
            code="issuer_incomplete",
        )


def number_line(unit, doc_type: str, number: int | None = None) -> str:
    """ "Số 05-BC/ĐU" (Party), "Số: 05-BC/HĐTN" (Đoàn), "Số: 05/BC-MTTQ" (State, Mặt trận, mass
    organisations); without a number the space is left for the clerk ("Số    -BC/ĐU")."""
    require_identity(unit)
    return family_number_line(family_of(unit), doc_type, unit.abbreviation, number)


def family_number_line(family: str, doc_type: str, abbreviation: str, number: int | None = None) -> str:
    """The number line as `family` writes it, for an abbreviation kept elsewhere (a decision keeps the
    one it was made with)."""
    abbreviation = nfc(abbreviation or "").strip()
    shown = (f"{number:02d}" if family in (PARTY, YOUTH) else str(number)) if number else "    "
    if family == PARTY:
        return f"Số {shown}-{doc_type}/{abbreviation}"
    if family == YOUTH:
        return f"Số: {shown}-{doc_type}/{abbreviation}"
    return f"Số: {shown}/{doc_type}-{abbreviation}"


def symbol_style(family: str) -> str:
    """How a family's symbols read in a sentence: "05-QĐ/ĐU" (Party, Đoàn) or "5/QĐ-MTTQ" (the others),
    as documents/symbols.py formats them."""
    return "party" if family in (PARTY, YOUTH) else "state"


def symbol_text(unit, doc_type: str, number: int) -> str:
    """The symbol as cited in a sentence: "05-TTr/ĐU" (Party, Đoàn), "5/TTr-MTTQ" (the others)."""
    return str(Symbol(number, doc_type, nfc(unit.abbreviation).strip(), symbol_style(family_of(unit))))


def place_date(unit, day: dt.date) -> str:
    require_identity(unit)
    return place_and_date(nfc(unit.place_name).strip(), day)


def speaking_name(unit) -> str:
    """How a unit names itself in its documents' sentences: a committee with superior powers as its
    standing committee ("Ban Thường vụ Huyện ủy Lạc Dương"), a đảng bộ cơ sở as its đảng ủy."""
    if family_of(unit) != PARTY:
        return unit.name
    if unit.kind.has_superior_powers:
        return f"Ban Thường vụ {unit.name}"
    return party_committee(unit)


# -- the signature block ---------------------------------------------------------------------------

_HEAD_TITLES = {PARTY: "Bí thư", YOUTH: "Bí thư", FRONT: "Chủ tịch", MASS: "Chủ tịch", STATE: "Chủ tịch"}


def collective(unit) -> str:
    """The collective a unit's head signs for ("Ban Thường vụ", "Đảng ủy", "Chi bộ"), or "" when the
    head signs in their own name (the committees' boards and offices)."""
    family = family_of(unit)
    code = unit.kind.code
    if family == PARTY:
        if unit.kind.category == "agency":
            return ""
        if code.startswith("chi-bo"):
            return "Chi bộ"
        if unit.kind.has_superior_powers:
            return "Ban Thường vụ"
        return "Đảng ủy"
    if family == FRONT:
        return "Ban Thường trực"
    if family == STATE:
        return "Ủy ban nhân dân" if "ubnd" in code else ""
    return "Ban Thường vụ"


def deciding_body(unit) -> str:
    """Who decides in a unit's own decisions: "Ban Thường vụ Huyện ủy Lạc Dương", "Đảng ủy xã Lát" (a đảng
    bộ cơ sở without a standing committee), "Chi bộ …", "Ban Thường trực Ủy ban MTTQ Việt Nam huyện …",
    "Ban Thường vụ Hội Liên hiệp Phụ nữ huyện …"."""
    body = collective(unit)
    name = party_committee(unit) if family_of(unit) == PARTY else nfc(unit.name).strip()
    if not body or fold(name).startswith(fold(body)):
        return name
    return f"{body} {name}"


# The charter a body's own decisions cite first. For the mass organisations, by unit kind.
_CHARTERS = {
    PARTY: "Điều lệ Đảng Cộng sản Việt Nam",
    FRONT: "Điều lệ Mặt trận Tổ quốc Việt Nam",
    YOUTH: "Điều lệ Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "hoi-phu-nu": "Điều lệ Hội Liên hiệp Phụ nữ Việt Nam",
    "hoi-nong-dan": "Điều lệ Hội Nông dân Việt Nam",
    "hoi-cuu-chien-binh": "Điều lệ Hội Cựu chiến binh Việt Nam",
    "cong-doan": "Điều lệ Công đoàn Việt Nam",
}


def charter(unit) -> str:
    """ "Điều lệ Đảng Cộng sản Việt Nam", "Điều lệ Hội Nông dân Việt Nam", …; "" for a State body (its
    grounds are laws, documents/catalogue.py) and for an organisation whose charter is not known."""
    return _CHARTERS.get(unit.kind.code) or _CHARTERS.get(family_of(unit), "")


def capacity(unit, body: str | None = None) -> str:
    """ "T/M BAN THƯỜNG VỤ" in Party documents, "TM. BAN THƯỜNG VỤ" in the others."""
    body = collective(unit) if body is None else body
    if not body:
        return ""
    prefix = "T/M" if family_of(unit) == PARTY else "TM."
    return f"{prefix} {_upper(body)}"


_CAPACITY = re.compile(r"^\s*(T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*", re.IGNORECASE)


def signer_for(
    unit, *, name: str = "", title: str = "", capacity_text: str | None = None, fallback_name: str = ""
) -> Signer:
    """The signature of a document `unit` issues: the capacity from the unit's kind (or as given, in the
    unit's family's spelling), the title given, the unit's own, or its head's ("Bí thư", "Chủ tịch"); the
    name given, the unit's own, or `fallback_name` (who sent the document)."""
    title = (title or getattr(unit, "signer_title", "") or _HEAD_TITLES[family_of(unit)]).strip()
    name = (name or getattr(unit, "signer_name", "") or fallback_name).strip()
    if capacity_text is None:
        text = capacity(unit)
    else:
        text = respell_capacity(capacity_text, family_of(unit))
    return Signer(capacity=text, title=title, name=nfc(name))


def respell_capacity(text: str, family: str) -> str:
    """ "T/M BAN THƯỜNG VỤ" as the family writes it: slashes for the Party, dots elsewhere."""
    text = nfc(text or "").strip().upper()
    match = _CAPACITY.match(text)
    if not match:
        return text
    word = match.group(1).upper().replace(".", "").replace("/", "")
    party = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "TUQ.", "Q": "Q."}
    state = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}
    spelled = (party if family == PARTY else state)[word]
    return f"{spelled} {text[match.end() :]}".strip()


# -- defaults a new or imported unit gets (editable) -----------------------------------------------

_ABBREVIATIONS = {
    "tinh-uy": "TU",
    "huyen-uy": "HU",
    "dang-uy-khoi": "ĐUK",
    "dang-uy-xa": "ĐU",
    "dang-bo-co-so": "ĐU",
    "dang-bo-bo-phan": "ĐBBP",
    "chi-bo-co-so": "CB",
    "chi-bo-truc-thuoc": "CB",
    "mttq": "MTTQ",
    "hoi-phu-nu": "HPN",
    "hoi-nong-dan": "HND",
    "hoi-cuu-chien-binh": "CCB",
    "cong-doan": "CĐ",
    "ubnd": "UBND",
}


def suggested_abbreviation(kind_code: str, name: str) -> str:
    if kind_code == "doan-thanh-nien":
        folded = f" {fold(name)} "
        return "TĐTN" if " tinh " in folded else "HĐTN" if " huyen " in folded else "ĐTN"
    return _ABBREVIATIONS.get(kind_code, "")


_PLACE = re.compile(
    r"(?:^|\s)(?:thị trấn|thành phố|thị xã|phường|xã|huyện|quận|tỉnh|đặc khu)\s+(?!ủy\b|uỷ\b)(\S.*)$", re.IGNORECASE
)


def suggested_place(name: str, parent_place: str = "") -> str:
    """A commune's or a district's own name ("Đảng bộ xã Lát" → "Lát"), otherwise the parent's place."""
    name = nfc(name).strip()
    for word, _body in _COMMITTEE_WORDS[:5]:
        rest = _strip_prefix(name, word)
        if rest:
            return rest
    match = _PLACE.search(name)
    if match and len(match.group(1).split()) <= 4:
        return match.group(1).strip()
    return nfc(parent_place or "").strip()
