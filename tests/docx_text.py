"""The text of a .docx as the tests read it back: paragraphs, then table cells (and, when asked, the
footers of every section, page 1's included)."""

from __future__ import annotations

import io

from docx import Document


def docx_text(data: bytes, *, footers: bool = False) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    if footers:
        for section in document.sections:
            parts += [p.text for p in section.footer.paragraphs + section.first_page_footer.paragraphs]
    return "\n".join(parts)
