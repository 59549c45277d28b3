"""Small PDFs built by hand for the tests: each parses, has a catalog and a page, and runs nothing
(what the upload checks accept), unless a test adds to it."""

from __future__ import annotations


def pdf(*objects: bytes, trailer: bytes = b"") -> bytes:
    """A PDF of `objects` (object 1 is the catalog) with its xref table and trailer."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, start)
    return bytes(out)


PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"


def with_catalog(extra: bytes, *more: bytes, page: bytes = PAGE) -> bytes:
    """A one-page PDF whose catalog has `extra` in it; `more` are objects 4, 5..."""
    return pdf(b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>", PAGES, page, *more)


VALID = with_catalog(b"")
