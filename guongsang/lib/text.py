"""Vietnamese text: NFC normalisation, accent folding for search, and collation keys.

Vietnamese sorts by its own alphabet (a < ă < â < b < c < d < đ < e < ê < …), letters first and
tones second (ngang < huyền < hỏi < ngã < sắc < nặng), and people by given name first.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(value: str | None) -> str:
    """NFC-normalised text with runs of white space folded and ends trimmed."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(value))).strip()


def fold(value: str | None) -> str:
    """Lower-case ASCII form for accent-insensitive search: "Lạc Dương" -> "lac duong"."""
    text = unicodedata.normalize("NFD", nfc(value).lower()).replace("đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("\u0111", "d")


def fold_keep_case(value: str | None) -> str:
    """The letters without their accents, case kept: "Đảng ủy Khối" → "Dang uy Khoi"."""
    text = unicodedata.normalize("NFD", nfc(value)).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if not unicodedata.combining(ch))


# Base letters in Vietnamese alphabetical order; other characters sort after them by code point.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz0123456789"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# Combining marks that make a base letter (breve, circumflex, horn) stay on the letter; the five
# tone marks are ranked separately: ngang < huyền < hỏi < ngã < sắc < nặng.
_TONES = {"\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0301": 5, "\u0323": 6}
# Keys are made of digits only, so that a database orders them the same way under any collation
# (a locale collation would skip punctuation and spaces). Letters take two digits from 10 up;
# "01" separates words and "00" ends the letters, so a prefix sorts first ("An" < "Anh").
_WORD_SEP, _END = "01", "00"


def _clusters(word: str) -> list[str]:
    """Split NFD text into base characters with their combining marks."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.combining(ch) and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def _encode(words: list[str]) -> tuple[str, str]:
    letters: list[str] = []
    tones: list[str] = []
    for n, word in enumerate(words):
        if n:
            letters.append(_WORD_SEP)
        for cluster in _clusters(word.lower()):
            tone = 1
            base = ""
            for ch in cluster:
                if ch in _TONES:
                    tone = _TONES[ch]
                else:
                    base += ch
            base = unicodedata.normalize("NFC", base)
            rank = _BASE_RANK.get(base)
            letters.append(f"{rank + 10:02d}" if rank is not None else f"99{ord(base[0]):07d}")
            tones.append(str(tone))
    return "".join(letters) + _END, "".join(tones)


def collation_key(value: str) -> str:
    """A digit string whose order is Vietnamese dictionary order (letters first, then tones)."""
    letters, tones = _encode(nfc(value).split())
    return letters + tones


def split_name(full_name: str) -> tuple[str, str]:
    """("Nguyễn Văn", "An") for "Nguyễn Văn An": the given name is the last word."""
    words = nfc(full_name).split(" ")
    return " ".join(words[:-1]), words[-1] if words else ""


def person_sort_key(full_name: str) -> str:
    """Sort people by given name, then by family and middle names, the Vietnamese way."""
    rest, given = split_name(full_name)
    return collation_key(given) + collation_key(rest)


def lower_first(text: str) -> str:
    """A title continued inside a sentence: "Sơ kết …" → "sơ kết …" (a proper name stays as it is only if
    the caller keeps it out)."""
    return text[:1].lower() + text[1:]


def common_noun(name: str) -> str:
    """A kind of unit inside a sentence: "Chi bộ cơ sở" → "chi bộ cơ sở", but a proper name keeps its
    capitals ("Mặt trận Tổ quốc Việt Nam", "Hội Liên hiệp Phụ nữ", "Tỉnh ủy / Thành ủy"): a name with
    a capital after its first word is a proper name."""
    name = nfc(name).strip()
    if any(word[:1].isupper() for word in name.split()[1:]):
        return name
    return lower_first(name)


def strip_end(text: str) -> str:
    """A phrase to be continued by the caller's own punctuation: no trailing ".", ":", ";" or ","."""
    return nfc(text).strip().rstrip(".:;, ").strip()


_CLAUSE_END = re.compile(r"[;,.:](?=\s)")


def shorten(text: str, limit: int, mark: str = "") -> str:
    """At most `limit` characters, never cut inside a word: at the last clause end (";", ",", ".") in
    the second half of the limit, else at the last space; `mark` (e.g. "…") is added when cut."""
    text = nfc(text).strip()
    if len(text) <= limit:
        return text
    room = max(limit - len(mark), 0)
    head = text[: room + 1]
    # a clause ends at ";", ",", "." or ":" followed by a space ("1.250" and "97,5" are numbers)
    clauses = [m.start() for m in _CLAUSE_END.finditer(head) if m.start() < room]
    if clauses and clauses[-1] >= room // 2:
        cut = text[: clauses[-1]]
    else:
        space = head.rfind(" ")
        cut = text[:space] if space > 0 else text[:room]
    return (cut.rstrip(" ,;:.") + mark)[:limit] if limit else ""
