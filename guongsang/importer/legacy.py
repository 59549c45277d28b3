"""Legacy Vietnamese encodings: TCVN3 (ABC, fonts .VnTime) and VNI (fonts VNI-Times).

Files from before Unicode (and many still made today) carry Vietnamese in 8-bit fonts. Read as
text, their bytes show as Latin-1 characters: TCVN3 writes "Cộng hoà" as "Céng hoµ", VNI as
"Coäng hoøa". These tables turn such text back into NFC Unicode, and the reverse tables make test
samples.

TCVN3 has one code per lower-case letter with its tone, and codes for the seven upper-case letters
Ă Â Ê Ô Ơ Ư Đ only; upper-case toned letters were drawn with the same codes in a capitals font
(.VnTimeH), so they come back lower-case. VNI writes a base letter followed by one mark character
(shape and tone together), with a few letters as a single character.
"""

from __future__ import annotations

import re
import unicodedata

# The five tones, in the order the tables below list them: huyền, hỏi, ngã, sắc, nặng.
_TONES = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")


def _toned(base: str) -> list[str]:
    return [unicodedata.normalize("NFC", base + tone) for tone in _TONES]


# --- TCVN3 ----------------------------------------------------------------------------------
# base letter -> (code of the bare letter or None when it is plain ASCII, codes with the five tones)
_TCVN3_ROWS = {
    "a": (None, (0xB5, 0xB6, 0xB7, 0xB8, 0xB9)),
    "ă": (0xA8, (0xBB, 0xBC, 0xBD, 0xBE, 0xC6)),
    "â": (0xA9, (0xC7, 0xC8, 0xC9, 0xCA, 0xCB)),
    "e": (None, (0xCC, 0xCE, 0xCF, 0xD0, 0xD1)),
    "ê": (0xAA, (0xD2, 0xD3, 0xD4, 0xD5, 0xD6)),
    "i": (None, (0xD7, 0xD8, 0xDC, 0xDD, 0xDE)),
    "o": (None, (0xDF, 0xE1, 0xE2, 0xE3, 0xE4)),
    "ô": (0xAB, (0xE5, 0xE6, 0xE7, 0xE8, 0xE9)),
    "ơ": (0xAC, (0xEA, 0xEB, 0xEC, 0xED, 0xEE)),
    "u": (None, (0xEF, 0xF1, 0xF2, 0xF3, 0xF4)),
    "ư": (0xAD, (0xF5, 0xF6, 0xF7, 0xF8, 0xF9)),
    "y": (None, (0xFA, 0xFB, 0xFC, 0xFD, 0xFE)),
}
_TCVN3_EXTRA = {"đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}

TCVN3_TO_UNICODE: dict[str, str] = {}
for _base, (_bare, _codes) in _TCVN3_ROWS.items():
    if _bare is not None:
        TCVN3_TO_UNICODE[chr(_bare)] = _base
    for _letter, _code in zip(_toned(_base), _codes, strict=True):
        TCVN3_TO_UNICODE[chr(_code)] = _letter
for _letter, _code in _TCVN3_EXTRA.items():
    TCVN3_TO_UNICODE[chr(_code)] = _letter
UNICODE_TO_TCVN3 = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}

# --- VNI ------------------------------------------------------------------------------------
_VNI_PLAIN = ("ø", "û", "õ", "ù", "ï")  # huyền, hỏi, ngã, sắc, nặng after a, e, o, ơ, u, ư, y
_VNI_CIRCUMFLEX = ("â", ("à", "å", "ã", "á", "ä"))  # â, ê, ô
_VNI_BREVE = ("ê", ("è", "ú", "ü", "é", "ë"))  # ă


def _vni_lower() -> dict[str, str]:
    table: dict[str, str] = {"đ": "ñ", "ơ": "ô", "ư": "ö", "i": "i"}
    for base in "aeouy":
        for letter, mark in zip(_toned(base), _VNI_PLAIN, strict=True):
            table[letter] = base + mark
    for base, single in (("ơ", "ô"), ("ư", "ö")):
        for letter, mark in zip(_toned(base), _VNI_PLAIN, strict=True):
            table[letter] = single + mark
    for plain, shaped in (("a", "â"), ("e", "ê"), ("o", "ô")):
        table[shaped] = plain + _VNI_CIRCUMFLEX[0]
        for letter, mark in zip(_toned(shaped), _VNI_CIRCUMFLEX[1], strict=True):
            table[letter] = plain + mark
    table["ă"] = "a" + _VNI_BREVE[0]
    for letter, mark in zip(_toned("ă"), _VNI_BREVE[1], strict=True):
        table[letter] = "a" + mark
    # i takes single characters; ỵ is a single character too.
    for letter, code in zip(_toned("i"), ("ì", "æ", "ó", "í", "ò"), strict=True):
        table[letter] = code
    table["ỵ"] = "î"
    del table["i"]
    return table


UNICODE_TO_VNI: dict[str, str] = {}
for _letter, _code in _vni_lower().items():
    UNICODE_TO_VNI[_letter] = _code
    UNICODE_TO_VNI[_letter.upper()] = _code.upper()
VNI_TO_UNICODE = {code: letter for letter, code in UNICODE_TO_VNI.items()}
_VNI_PATTERN = re.compile("|".join(re.escape(c) for c in sorted(VNI_TO_UNICODE, key=len, reverse=True)))

# Every Vietnamese letter that differs from ASCII, lower- and upper-case, in NFC.
VIETNAMESE_LETTERS = sorted({ch for ch in UNICODE_TO_VNI if not ch.isascii()})


def tcvn3_to_unicode(text: str) -> str:
    """Unicode of TCVN3 text. A line whose plain letters are all capitals was set in a capitals font
    (.VnTimeH), whose toned letters have lower-case codes: such a line is put in capitals."""
    lines = []
    for line in text.split("\n"):
        converted = "".join(TCVN3_TO_UNICODE.get(ch, ch) for ch in line)
        if _set_in_capitals(line):
            converted = converted.upper()
        lines.append(converted)
    return "\n".join(lines)


def _set_in_capitals(line: str) -> bool:
    """A word holding a TCVN3 code between at least two plain capitals ("HO¹CH") and no word mixing
    a code with plain small letters: the line was typed in a capitals font."""
    words = [w for w in re.findall(r"[^\W\d_]+", line) if any(ch in TCVN3_TO_UNICODE for ch in w)]
    plain = [[ch for ch in w if ch.isascii()] for w in words]
    if any(ch.islower() for letters in plain for ch in letters):
        return False
    return any(len(letters) >= 2 for letters in plain)


def unicode_to_tcvn3(text: str) -> str:
    """TCVN3 form of `text`; upper-case toned letters take their lower-case codes (as in .VnTimeH)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        code = UNICODE_TO_TCVN3.get(ch)
        if code is None and ch.lower() in UNICODE_TO_TCVN3 and ch != ch.lower():
            code = UNICODE_TO_TCVN3[ch.lower()]
        out.append(code or ch)
    return "".join(out)


def vni_to_unicode(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def unicode_to_vni(text: str) -> str:
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


# Frequent words of administrative Vietnamese: a text in the right encoding is full of them.
_COMMON = frozenset(
    """của và các được trong năm những người đảng thực hiện việc cho với theo đến công tác
    về này có là không một tổ chức đơn vị cá nhân tập thể khen thưởng báo cáo hội nghị kế hoạch ban
    thường vụ ủy tỉnh huyện xã chi bộ học tập làm tư tưởng đạo đức phong cách hồ chí minh đồng
    trên từ đã sẽ phải để cơ quan nhiệm vụ kết luận số ngày tháng""".split()
)
_WORD = re.compile(r"\w+")


def vietnamese_score(text: str) -> int:
    """How many words of `text` are frequent Vietnamese words."""
    return sum(1 for w in _WORD.findall(text.lower()) if w in _COMMON)


def _has_legacy_marks(text: str) -> bool:
    return any("\u00a0" <= ch <= "\u00ff" for ch in text)


# Latin-1 characters that Vietnamese in Unicode never uses: seeing one means a legacy encoding.
_UNICODE_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_LEGACY_ONLY = {chr(c) for c in range(0xA1, 0x100)} - _UNICODE_VIETNAMESE_LATIN1 - set("×÷°±«»")


def best_reading(text: str, *, prefer: str = "") -> tuple[str, str]:
    """(`text` in Unicode NFC, the encoding it was in: "" Unicode, "tcvn3" or "vni").

    A character Unicode Vietnamese never uses ("§", "¸", "ñ", "ö" …) marks a legacy text: the
    legacy reading with more Vietnamese words wins. Otherwise a legacy reading is taken only when
    it has clearly more Vietnamese words than the text as it is. `prefer`, the encoding found in
    the rest of the file, decides lines too short to judge on their own.
    """
    text = unicodedata.normalize("NFC", text)
    if not _has_legacy_marks(text):
        return text, ""
    readings = {"": text, "tcvn3": tcvn3_to_unicode(text), "vni": unicodedata.normalize("NFC", vni_to_unicode(text))}
    scores = {name: vietnamese_score(value) for name, value in readings.items()}
    order = ("tcvn3", "vni") if prefer != "vni" else ("vni", "tcvn3")
    best = max(order, key=lambda name: scores[name])
    if any(ch in _LEGACY_ONLY for ch in text) and scores[best] >= scores[""]:
        return readings[best], best
    if scores[best] >= 2 and scores[best] > 2 * scores[""]:
        return readings[best], best
    if prefer in ("tcvn3", "vni") and readings[prefer] != text and scores[prefer] >= scores[""]:
        return readings[prefer], prefer
    return text, ""
