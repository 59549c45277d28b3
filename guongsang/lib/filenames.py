"""The name a stored file is served under: the user's name, cleaned, always ending in the extension of
the type the upload check found in the content.

What the user typed is kept as data (the stored file itself has a random name); the name sent back in
`Content-Disposition` is built here so that a name cannot mislead (a right-to-left override turning
"bao\\u202efdp.exe" into what reads as "baoexe.pdf"), cannot hide an extension behind a NUL ("a\\0b.pdf.html")
and cannot break the header (a quote or a line break)."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 120  # characters, the extension included
FALLBACK = "tep"  # "tệp" without its accent: what an empty name becomes

# Control and format characters (NUL, line breaks, U+202E RIGHT-TO-LEFT OVERRIDE, U+200F, U+FEFF...),
# line and paragraph separators, and lone surrogates (they cannot be encoded into the header).
_DROPPED = {"Cc", "Cf", "Cs", "Zl", "Zp"}
# Path separators and what Windows refuses in a file name; each becomes "_" so that "12/2024" does not
# read as "122024".
_REPLACED = frozenset('<>:"/\\|?*')
# A trailing extension: a dot and 1–10 letters or digits with at least one letter (so "Số 12.2024" keeps
# its year).
_EXTENSION = re.compile(r"\.(?=[0-9]*[A-Za-z])[A-Za-z0-9]{1,10}$")
_CHECKED = re.compile(r"[a-z0-9]{1,10}")
# Names Windows keeps for devices, with or without an extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _clean(ch: str) -> str:
    if ch.isspace():  # a tab, a line break, U+2028, a no-break space: one space (runs are collapsed)
        return " "
    if unicodedata.category(ch) in _DROPPED:
        return ""
    return "_" if ch in _REPLACED else ch


def safe_download_name(original_name: str, extension: str) -> str:
    """The download name for a file the user called `original_name` whose checked type has the file
    extension `extension` ("pdf", "docx", "jpg", "png").

    NFC; white space of any kind (a tab, a line break, U+2028) made one space and runs of it collapsed;
    every other control or format character (NUL, U+202E, U+200F, U+FEFF) removed; path separators and
    the characters Windows refuses replaced by "_"; leading and trailing dots and spaces trimmed. The
    last extension the name had is dropped — whatever it was — and the checked one put in its place, so
    "bao\\u202efdp.exe" checked as a PDF is "baofdp.pdf" and "a\\0b.pdf.html" is "ab.pdf". At most
    `MAX_LENGTH` characters; an empty result is "tep.<extension>"."""
    if not _CHECKED.fullmatch(extension):
        raise ValueError(f"not a file extension: {extension!r}")
    text = unicodedata.normalize("NFC", original_name or "")
    text = "".join(_clean(ch) for ch in text)
    # Removing a character can bring a letter and its combining mark together: compose again.
    stem = " ".join(unicodedata.normalize("NFC", text).split()).rstrip(" .")
    stem = _EXTENSION.sub("", stem)
    if stem.lower().endswith("." + extension):  # "ab.pdf" of "ab.pdf.html": not "ab.pdf.pdf"
        stem = stem[: -len(extension) - 1]
    stem = stem.strip(" .")
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    stem = stem[: MAX_LENGTH - len(extension) - 1].rstrip(" .")
    return f"{stem or FALLBACK}.{extension}"


def attachment_header(name: str) -> str:
    """`Content-Disposition` for a download named `name` (already safe): RFC 6266 with the name in UTF-8
    (RFC 5987, ``filename*=UTF-8''…``) and, for the clients that read only ``filename``, the same name
    without its accents in plain ASCII ("Kế hoạch 98-KH/ĐUK.docx" → "Ke hoach 98-KH_DUK.docx")."""
    from urllib.parse import quote

    from guongsang.lib.text import fold_keep_case

    ascii_name = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\%' else "_" for ch in fold_keep_case(name))
    if ascii_name == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
