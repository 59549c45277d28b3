"""Wording the seeds do not use: other numbering, date forms, lateness, bonus places, caps;
a text that is not a plan; and fields the text does not state staying empty."""

from __future__ import annotations

import pytest

from guongsang.importer.extract import extract, parse_date, parse_quota, unit_kinds_in
from guongsang.importer.reading import normalise_lines

PLAN = """ĐẢNG BỘ TỈNH THÁI NGUYÊN
ĐẢNG ỦY PHƯỜNG PHAN ĐÌNH PHÙNG
*
Số: 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Phan Đình Phùng, ngày 5 tháng 3 năm 2026

Kế hoạch
tổng kết 5 năm thực hiện Kết luận số 01-KL/TW, giai đoạn 2021 - 2026

Căn cứ Kế hoạch số 215-KH/TU, ngày 20-02-2026 của Ban Thường vụ Tỉnh ủy về tổng kết 5 năm thực hiện Kết luận số 01-KL/TW; Hướng dẫn số 09-HD/BTGDVTU, ngày 24.02.2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy về đề cương báo cáo, Đảng ủy phường xây dựng kế hoạch như sau:

I- MỤC ĐÍCH, YÊU CẦU
Đánh giá đúng kết quả 5 năm học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.
II- CHỈ TIÊU, HỒ SƠ, THỜI HẠN
1.1. Số lượng đề nghị
a) Mỗi chi bộ cơ sở lựa chọn 1 tập thể hoặc 1 cá nhân.
b) Mỗi đảng bộ cơ sở đề xuất 01 tập thể và 01 cá nhân; đảng bộ có từ 100 đảng viên trở lên được đề xuất thêm 01 cá nhân.
c) Ban Thường vụ Đảng ủy phường xét tặng Giấy khen cho không quá 10 tập thể và 20 cá nhân.
1.2. Hồ sơ
+ Tờ trình của chi bộ, đảng bộ (02 bản).
+ Báo cáo thành tích có xác nhận của cấp ủy (04 bản chính).
1.3. Thời hạn
- Hồ sơ đề nghị khen thưởng gửi về Văn phòng Đảng ủy chậm nhất ngày 15 tháng 4 năm 2026; hồ sơ gửi sau thời hạn trên sẽ không được xem xét.
- Báo cáo tổng kết của các chi bộ gửi trước 20-4-2026.
III- TỔ CHỨC THỰC HIỆN
1- Văn phòng Đảng ủy: tổng hợp hồ sơ, báo cáo Ban Thường vụ trước ngày 25/4/2026.
2- Các chi bộ, đảng bộ cơ sở: tổ chức tổng kết tại đơn vị, hoàn thành trong tháng 4/2026.

Nơi nhận:
- Ban Tuyên giáo và Dân vận Tỉnh ủy (để báo cáo),
- Các chi bộ, đảng bộ cơ sở (để thực hiện),
- Lưu VP.
T/M ĐẢNG ỦY
BÍ THƯ
Trần Văn Bình
"""


@pytest.fixture(scope="module")
def draft():
    text = normalise_lines(PLAN.split("\n"))
    return text, extract(text)


def test_header_in_another_layout(draft):
    _text, d = draft
    f = {k: v["value"] for k, v in d["fields"].items()}
    assert (f["symbol"], f["date"], f["place"]) == ("12-KH/ĐU", "2026-03-05", "Phan Đình Phùng")
    assert (f["issuer"], f["issuer_parent"]) == ("ĐẢNG ỦY PHƯỜNG PHAN ĐÌNH PHÙNG", "ĐẢNG BỘ TỈNH THÁI NGUYÊN")
    assert f["title"].startswith("tổng kết 5 năm") and (f["period_start"], f["period_end"]) == (2021, 2026)
    assert (f["signer_capacity"], f["signer_title"], f["signer_name"]) == ("T/M ĐẢNG ỦY", "BÍ THƯ", "Trần Văn Bình")


def test_references_with_dashes_and_dots_in_dates(draft):
    _, d = draft
    assert [(r["kind"], r["symbol"], r["date"], r["issuer"]) for r in d["references"]] == [
        ("cites", "215-KH/TU", "2026-02-20", "Ban Thường vụ Tỉnh ủy"),
        ("cites", "09-HD/BTGDVTU", "2026-02-24", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ]


def test_quotas_with_letters_and_a_bonus_and_a_cap(draft):
    _, d = draft
    branch, party = d["quotas"]
    assert (branch["unit_kinds"], branch["mode"], branch["collectives"], branch["individuals"]) == (
        ["chi-bo-co-so"],
        "either",
        1,
        1,
    )
    assert (party["unit_kinds"], party["mode"], party["bonus_threshold"], party["bonus_individuals"]) == (
        ["dang-bo-co-so"],
        "and",
        100,
        1,
    )
    (form,) = d["award_forms"]
    assert (form["name"], form["granted_by"], form["cap_collectives"], form["cap_individuals"]) == (
        "Giấy khen",
        "Ban Thường vụ Đảng ủy phường",
        10,
        20,
    )


def test_dossier_copies_per_item(draft):
    _, d = draft
    assert [(x["document"], x["copies"]) for x in d["dossier"]] == [
        ("Tờ trình của chi bộ, đảng bộ", 2),
        ("Báo cáo thành tích có xác nhận của cấp ủy", 4),
    ]


def test_deadlines_in_every_date_form_and_the_refusal_of_late_dossiers(draft):
    text, d = draft
    got = [(x["date"], x["kind"], x["lateness"]) for x in d["deadlines"]]
    assert got == [
        ("2026-04-15", "dossier", "refuse"),
        ("2026-04-20", "report", "mark_late"),
        # 25/4 is the ward office's own task: the date of an assignment, not a deadline of the units
        ("2026-04-30", "own_review", "mark_late"),
    ]
    refused = d["deadlines"][0]
    assert text[slice(*refused["lateness_span"])] == "sẽ không được xem xét"
    assert d["deadlines"][2]["unsure"]  # "trong tháng 4/2026": the month's last day, to confirm
    assert [a["due_date"] for a in d["assignments"]] == ["2026-04-25", "2026-04-30"]


def test_recipients_with_their_purpose(draft):
    _, d = draft
    assert [(r["name"], r["purpose"]) for r in d["recipients"]] == [
        ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "report"),
        ("Các chi bộ, đảng bộ cơ sở", "carry_out"),
        ("Lưu VP", "file"),
    ]


def test_a_text_that_is_not_a_plan():
    text = "Biên bản họp chi bộ tháng 3.\nĐồng chí Bí thư chủ trì.\nHọp bàn công tác quý II."
    d = extract(text)
    assert d["looks_like_plan"] is False and d["found"] < 3
    assert d["deadlines"] == d["quotas"] == d["outline"] == []


def test_nothing_is_invented_for_a_bare_plan():
    d = extract("KẾ HOẠCH\nTổ chức hội nghị biểu dương\nI. MỤC ĐÍCH\nBiểu dương điển hình.")
    assert set(d["fields"]) == {"doc_type", "title", "purpose"}
    assert d["fields"]["purpose"]["value"] == "Biểu dương điển hình."
    assert all(not d[key] for key in ("references", "deadlines", "quotas", "award_forms", "dossier", "recipients"))


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("15/3/2024", "2024-03-15"),
        ("15-03-2024", "2024-03-15"),
        ("15.3.2024", "2024-03-15"),
        ("ngày 15 tháng 3 năm 2024", "2024-03-15"),
        ("ngày 05 tháng 03 năm 2024", "2024-03-05"),
        ("31/2/2024", None),
    ],
)
def test_dates(written, day):
    parsed = parse_date(written)
    assert (parsed.isoformat() if parsed else None) == day


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("01 tập thể và 01 cá nhân", ("and", 1, 1, 0, None, None)),
        ("01 tập thể hoặc 01 cá nhân", ("either", 1, 1, 0, None, None)),
        ("từ 01-02 tập thể, cá nhân", ("total", 1, 1, 0, 1, 2)),
        ("01 đến 02 mô hình", ("total", 0, 0, 1, 1, 2)),
        ("02 cá nhân", ("and", 0, 2, 0, None, None)),
        ("1 mô hình", ("and", 0, 0, 1, None, None)),
    ],
)
def test_quota_wordings(wording, expected):
    q = parse_quota(wording)
    assert (q["mode"], q["collectives"], q["individuals"], q["models"], q["min_total"], q["max_total"]) == expected


def test_unit_kinds_named_in_a_phrase():
    assert unit_kinds_in("Mỗi đảng ủy cơ sở") == ["dang-bo-co-so"]
    assert unit_kinds_in("Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội") == [
        "mttq",
        "doan-thanh-nien",
        "hoi-phu-nu",
        "hoi-nong-dan",
        "hoi-cuu-chien-binh",
    ]
    assert unit_kinds_in("Hội Cựu chiến binh Khối, mỗi tổ chức đoàn thể") == ["hoi-cuu-chien-binh"]
    assert unit_kinds_in("Mỗi đơn vị") == []


def test_an_issuer_and_its_parent_on_one_line_are_told_apart():
    text = "ĐẢNG BỘ TỈNH HÀ NAM HUYỆN ỦY KIM BẢNG    ĐẢNG CỘNG SẢN VIỆT NAM\nSố 83-KH/HU\nKẾ HOẠCH\nSơ kết 05 năm"
    fields = extract(text)["fields"]
    assert (fields["issuer"]["value"], fields["issuer_parent"]["value"]) == ("HUYỆN ỦY KIM BẢNG", "ĐẢNG BỘ TỈNH HÀ NAM")
    assert text[slice(*fields["issuer"]["span"])] == "HUYỆN ỦY KIM BẢNG"


def test_a_date_without_its_year_takes_the_plans_and_is_marked():
    text = "\n".join(
        [
            "BAN TUYÊN GIÁO TỈNH ỦY",
            "Số 30-KH/BTGTU",
            "Thái Nguyên, ngày 20/12/2023",
            "KẾ HOẠCH",
            "Biểu dương điển hình",
            "I. TỔ CHỨC THỰC HIỆN",
            "1. Các đảng bộ cơ sở: gửi báo cáo trước ngày 20/3; hồ sơ chậm nhất ngày 15/12.",
            "Đề cương báo cáo",
            "I. Kết quả",
        ]
    )
    d = extract(normalise_lines(text.split("\n")))
    assert d["fields"]["date"]["value"] == "2023-12-20" and d["fields"]["place"]["value"] == "Thái Nguyên"
    got = [(x["date"], x["unsure"]) for x in d["deadlines"]]
    assert got == [("2024-03-20", True), ("2024-12-15", True)]  # 15/12 has passed on 20/12/2023
    assert [s["title"] for s in d["outline"]] == ["Kết quả"]  # "Đề cương báo cáo" in mixed case


def test_a_signature_without_a_distribution_list():
    text = "\n".join(
        [
            "HUYỆN ỦY ĐƠN DƯƠNG",
            "Số 40-KH/HU",
            "KẾ HOẠCH",
            "Biểu dương điển hình",
            "I. TỔ CHỨC THỰC HIỆN",
            "1. Các chi bộ: gửi báo cáo trước ngày 20/3/2024.",
            "T/M BAN THƯỜNG VỤ",
            "BÍ THƯ",
            "Nguyễn Văn An",
        ]
    )
    d = extract(normalise_lines(text.split("\n")))
    f = {k: v["value"] for k, v in d["fields"].items()}
    assert (f["signer_capacity"], f["signer_title"], f["signer_name"]) == (
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Nguyễn Văn An",
    )
    assert d["recipients"] == []
