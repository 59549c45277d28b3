"""The source text with the extracted values' spans marked, for the review page."""

from __future__ import annotations

import itertools

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from guongsang.importer.forms import HEADER_FIELDS


def spans_of(record, rows: dict) -> list[tuple[int, int, str, bool]]:
    """(start, end, id, unsure) for every value read from the file; ids match the review rows."""
    spans = []
    fields = (record.draft or {}).get("fields", {})
    for name in [*HEADER_FIELDS, "symbol", "issuer", "issuer_parent", "doc_type"]:
        found = fields.get(name)
        if found and found.get("span"):
            spans.append((*found["span"], f"f-{name}", bool(found.get("unsure"))))
    for slug, section in rows.items():
        for index, (_values, item) in enumerate(section):
            if item.get("span"):
                spans.append((*item["span"], f"{slug}-{index}", bool(item.get("unsure"))))
            for extra in ("cap_span", "lateness_span", "copies_span"):
                if item.get(extra):
                    spans.append((*item[extra], f"{slug}-{index}", False))
    return spans


LONG = 240  # characters


def highlighted(text: str, spans: list[tuple[int, int, str, bool]]) -> SafeString:
    """`text` escaped, each stretch covered by spans wrapped in <mark data-ids="…">."""
    cuts = sorted({0, len(text), *(s for s, _e, _i, _u in spans), *(e for _s, e, _i, _u in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        piece = escape(text[start:end])
        covering = [(i, u, e - s) for s, e, i, u in spans if s <= start and end <= e]
        if covering:
            ids = " ".join(dict.fromkeys(i for i, _u, _n in covering))
            unsure = " unsure" if any(u for _i, u, _n in covering) else ""
            # A stretch only a whole paragraph covers (an assignment, a section) is underlined, not filled.
            wide = " wide" if min(n for _i, _u, n in covering) > LONG else ""
            out.append(f'<mark class="src{unsure}{wide}" data-ids="{ids}">{piece}</mark>')
        else:
            out.append(piece)
    return mark_safe("".join(out))  # every piece is escaped above
