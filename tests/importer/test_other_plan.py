"""A plan in wording none of the seeds use (a bloc committee's three-year review, written from the
description of seed 001 in SPEC.md): quotas by "Kind: …" lines without "Mỗi", a cap written before
its award form, criteria inline after "Tập thể:", copies after a colon, one sentence with two deadlines."""

from __future__ import annotations

import pytest

from guongsang.importer.extract import extract
from guongsang.importer.reading import normalise_lines

PLAN = """ĐẢNG BỘ TỈNH HÀ TĨNH
ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP
*
Số 45-KH/ĐUK
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Tĩnh, ngày 10 tháng 02 năm 2023

KẾ HOẠCH
Sơ kết 03 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị
và biểu dương tập thể, cá nhân tiêu biểu

Căn cứ Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW; thực hiện Kế hoạch số 102-KH/TU, ngày 20/01/2023 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Đảng ủy Khối xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Đánh giá kết quả 03 năm thực hiện Kết luận số 01-KL/TW trong Đảng bộ Khối.
II. NỘI DUNG, THỜI GIAN
1. Đối với các tổ chức cơ sở đảng
a) Tổ chức sơ kết tại đơn vị, hoàn thành chậm nhất ngày 22/3/2023.
b) Báo cáo sơ kết (theo đề cương gửi kèm), hồ sơ đề nghị khen thưởng gửi về Đảng ủy Khối (qua Ban Tuyên giáo) chậm nhất ngày 24/3/2023. Quá thời hạn trên, Ban Thường vụ Đảng ủy Khối không xem xét hồ sơ đề nghị khen thưởng.
2. Đối với Đảng ủy Khối
Tổng hợp, báo cáo Ban Tuyên giáo Tỉnh ủy trước ngày 07/4/2023.
III. KHEN THƯỞNG
1. Số lượng
- Chi bộ cơ sở: lựa chọn 01 tập thể hoặc 01 cá nhân;
- Đảng bộ cơ sở: lựa chọn 01 tập thể và 01 cá nhân; đảng bộ cơ sở có từ 100 đảng viên trở lên được giới thiệu thêm 01 cá nhân.
- Ban Thường vụ Đảng ủy Khối lựa chọn 01 tập thể, 02 cá nhân tiêu biểu nhất đề nghị Chủ tịch Ủy ban nhân dân tỉnh tặng Bằng khen.
2. Tiêu chuẩn
a) Tập thể: hoàn thành tốt nhiệm vụ trở lên trong 03 năm 2020 - 2022; được chi bộ, đảng bộ khen thưởng hằng năm trong học tập và làm theo Bác.
b) Cá nhân: gương mẫu, có thành tích tiêu biểu; được chi bộ, đảng bộ khen thưởng hằng năm trong học tập và làm theo Bác.
3. Hồ sơ (gửi kèm báo cáo):
- Tờ trình đề nghị khen thưởng: 02 bản;
- Trích biên bản họp xét đề nghị khen thưởng: 02 bản;
- Báo cáo thành tích theo mẫu, có xác nhận của cấp ủy: 04 bản chính.
"""


@pytest.fixture(scope="module")
def draft():
    text = normalise_lines(PLAN.split("\n"))
    return text, extract(text)


def test_header_and_references(draft):
    _, d = draft
    f = {k: v["value"] for k, v in d["fields"].items()}
    assert (f["symbol"], f["date"], f["issuer"]) == ("45-KH/ĐUK", "2023-02-10", "ĐẢNG ỦY KHỐI CƠ QUAN - DOANH NGHIỆP")
    assert (
        f["title"]
        == "Sơ kết 03 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị và biểu dương tập thể, cá nhân tiêu biểu"
    )
    assert (f["period_start"], f["period_end"]) == (2020, 2022)  # "Sơ kết 03 năm" in 2023, marked unsure
    assert d["fields"]["period_start"]["unsure"]
    assert [(r["kind"], r["symbol"]) for r in d["references"]] == [("cites", "01-KL/TW"), ("implements", "102-KH/TU")]


def test_one_sentence_with_a_report_and_a_dossier_gives_two_deadlines(draft):
    text, d = draft
    got = [(x["date"], x["kind"], x["lateness"]) for x in d["deadlines"]]
    assert got == [
        ("2023-03-22", "own_review", "mark_late"),
        ("2023-03-24", "report", "mark_late"),
        ("2023-03-24", "dossier", "refuse"),  # "Quá thời hạn trên … không xem xét hồ sơ"
        ("2023-04-07", "report", "mark_late"),
    ]
    assert d["deadlines"][0]["audience"] == "các tổ chức cơ sở đảng"
    assert text[slice(*d["deadlines"][2]["lateness_span"])] == "không xem xét"


def test_quotas_written_as_kind_colon_counts(draft):
    _, d = draft
    got = [(q["unit_kinds"], q["mode"], q["collectives"], q["individuals"], q["bonus_threshold"]) for q in d["quotas"]]
    assert got == [
        (["chi-bo-co-so"], "either", 1, 1, None),
        (["dang-bo-co-so"], "and", 1, 1, 100),
    ]
    assert d["quotas"][1]["bonus_individuals"] == 1


def test_a_cap_written_before_its_award_form(draft):
    _, d = draft
    (form,) = d["award_forms"]
    assert (form["name"], form["granted_by"], form["is_escalation"]) == (
        "Bằng khen",
        "Chủ tịch Ủy ban nhân dân tỉnh",
        True,
    )
    assert (form["cap_collectives"], form["cap_individuals"]) == (1, 2)


def test_criteria_inline_after_the_nominee_kind(draft):
    _, d = draft
    got = [(c["nominee_kind"], c["check_kind"], c["params"]) for c in d["criteria"]]
    assert got == [
        ("collective", "min_grade_each_year", {"grade": "HTTNV", "from_year": 2020, "to_year": 2022}),
        ("collective", "own_honor_each_year", {"from_year": 2020, "to_year": 2022}),
        ("individual", "reviewer", {}),
        ("individual", "own_honor_each_year", {"from_year": 2020, "to_year": 2022}),
    ]


def test_dossier_copies_after_a_colon(draft):
    _, d = draft
    assert [(x["document"], x["copies"]) for x in d["dossier"]] == [
        ("Tờ trình đề nghị khen thưởng", 2),
        ("Trích biên bản họp xét đề nghị khen thưởng", 2),
        ("Báo cáo thành tích theo mẫu, có xác nhận của cấp ủy", 4),
    ]
