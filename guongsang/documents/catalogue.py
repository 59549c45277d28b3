"""The law a document cites and the form it uses, chosen by the document's date (versioned data).

Each entry is in force from a day until the next entry of its kind starts. What was verified, and
where, is in docs/documents.md ("Law and forms by date"); an entry not verified says so in `note`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    kind: str  # "law" (Luật Thi đua, khen thưởng), "decree" (its detailed rules), "local" (local government
    # law cited by a People's Committee), "form" (the achievement report of a campaign or a topic)
    code: str
    since: dt.date
    text: str  # as cited after "Căn cứ", or the form's heading
    verified: bool
    note: str = ""


CATALOGUE: tuple[Entry, ...] = (
    Entry(
        "law",
        "ltdkt-2003",
        dt.date(2004, 1, 1),
        "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi "
        "đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013",
        False,
        "Ngày của hai luật sửa đổi theo hiểu biết chung; chưa đối chiếu văn bản gốc.",
    ),
    Entry(
        "law",
        "ltdkt-2022",
        dt.date(2024, 1, 1),
        "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        True,
        "Ngày ban hành đối chiếu ở phần căn cứ của Nghị định 98/2023/NĐ-CP; có hiệu lực từ 01/01/2024.",
    ),
    Entry(
        "decree",
        "nd91-2017",
        dt.date(2017, 7, 31),
        "Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng",
        False,
        "Ngày ký và hiệu lực theo hiểu biết chung.",
    ),
    Entry(
        "decree",
        "nd98-2023",
        dt.date(2024, 1, 1),
        "Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số "
        "điều của Luật Thi đua, khen thưởng",
        True,
    ),
    Entry(
        "decree",
        "nd152-2025",
        dt.date(2025, 7, 1),
        "Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, phân quyền và "
        "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        True,
    ),
    Entry(
        "local",
        "ltcqdp-2015",
        dt.date(2016, 1, 1),
        "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật "
        "Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
        True,
        "Đối chiếu ở phần căn cứ của Nghị định 98/2023/NĐ-CP.",
    ),
    Entry(
        "local",
        "ltcqdp-2025",
        dt.date(2025, 7, 1),
        "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
        False,
        "Luật mới áp dụng cùng chính quyền địa phương hai cấp; ngày ban hành chưa đối chiếu văn bản gốc.",
    ),
    Entry(
        "form",
        "nd91-2017-mau07",
        dt.date(2017, 7, 31),
        "Mẫu số 07 (Nghị định số 91/2017/NĐ-CP): Báo cáo thành tích đề nghị khen thưởng theo đợt thi đua "
        "hoặc theo chuyên đề",
        True,
    ),
    Entry(
        "form",
        "nd98-2023",
        dt.date(2024, 1, 1),
        "Báo cáo thành tích đề nghị khen thưởng theo đợt, chuyên đề (Phụ lục kèm theo Nghị định số 98/2023/NĐ-CP)",
        False,
        "Số mẫu trong Phụ lục chưa đối chiếu; mẫu được gọi theo tên.",
    ),
    Entry(
        "form",
        "nd152-2025",
        dt.date(2025, 7, 1),
        "Báo cáo thành tích đề nghị khen thưởng theo đợt, chuyên đề (Phụ lục kèm theo Nghị định số 152/2025/NĐ-CP)",
        False,
        "Số mẫu trong Phụ lục chưa đối chiếu; mẫu được gọi theo tên.",
    ),
)


def in_force(kind: str, day: dt.date) -> Entry:
    """The entry of `kind` in force on `day`; before the first one, the first one."""
    entries = sorted((e for e in CATALOGUE if e.kind == kind), key=lambda e: e.since)
    current = entries[0]
    for entry in entries:
        if entry.since <= day:
            current = entry
    return current


def state_grounds(day: dt.date) -> list[str]:
    """The "Căn cứ" lines of a People's Committee's award decision dated `day`."""
    return [f"Căn cứ {in_force(kind, day).text};" for kind in ("local", "law", "decree")]


def party_grounds(day: dt.date) -> list[str]:
    """The law a Party committee's award decision cites beside its own rules (Điều lệ, quy chế)."""
    return [f"Căn cứ {in_force(kind, day).text};" for kind in ("law", "decree")]
