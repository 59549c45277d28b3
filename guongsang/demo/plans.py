"""The seed plans as issued campaigns, every rule entered as data, plus one current campaign in the
post-2025 tree derived into a ward committee's own campaign. Seed texts: ../shared/seeds/."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from guongsang.campaigns.models import (
    Assignment,
    AwardForm,
    Campaign,
    Criterion,
    Deadline,
    DossierRequirement,
    Indicator,
    OutlineSection,
    QuotaRule,
    Recipient,
    Reference,
)
from guongsang.campaigns.services import refresh_participants
from guongsang.documents.numbering import note_number
from guongsang.documents.vndate import end_of_day
from guongsang.org.models import Unit, UnitKind

C, IND, M = "collective", "individual", "model"
MASS = ["mttq", "doan-thanh-nien", "hoi-phu-nu", "hoi-nong-dan", "hoi-cuu-chien-binh"]
KL01 = (
    "Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW "
    "của Bộ Chính trị (khóa XII) về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
)


def d(text: str) -> dt.date:
    return dt.datetime.strptime(text, "%d/%m/%Y").date()


def kind(code: str) -> UnitKind:
    return UnitKind.objects.get(code=code)


def make(issuer_code: str, *, status=Campaign.Status.ISSUED, **fields) -> Campaign:
    issuer = Unit.objects.get(code=issuer_code)
    campaign = Campaign.objects.create(
        issuer=issuer, status=status, place=fields.pop("place", issuer.place_name), **fields
    )
    if campaign.number and campaign.date:
        note_number(issuer=issuer, doc_type="KH", year=campaign.date.year, number=campaign.number)
    return campaign


def rows(model, campaign, items: list[dict]) -> list:
    out = []
    for i, item in enumerate(items):
        kinds = item.pop("audience_kinds", None)
        obj = model.objects.create(campaign=campaign, position=i, **item)
        if kinds:
            obj.audience_kinds.set([kind(k) for k in kinds])
        out.append(obj)
    return out


def deadline(what, day, kind_=Deadline.Kind.REPORT, lateness=Deadline.Lateness.MARK_LATE, audience="", **extra):
    due = end_of_day(d(day)) if isinstance(day, str) else day
    return {"what": what, "due_at": due, "kind": kind_, "lateness": lateness, "audience": audience, **extra}


def quota(kind_code, mode="and", wording="", **counts):
    return {"unit_kind": kind(kind_code), "mode": mode, "wording": wording, **counts}


def outline(campaign, tree: list) -> None:
    """tree: [(number, title, guidance, [children], [indicators])...]"""

    def add(items, parent):
        for i, item in enumerate(items):
            number, title, guidance, children, indicators = [*list(item), [], []][:5]
            section = OutlineSection.objects.create(
                campaign=campaign, parent=parent, number=number, title=title, guidance=guidance, position=i
            )
            for j, ind in enumerate(indicators):
                Indicator.objects.create(section=section, position=j, **ind)
            add(children, section)

    add(tree, None)


def participants(campaign, kinds: list[str]) -> None:
    campaign.participant_kinds.set([kind(k) for k in kinds])
    refresh_participants(campaign)


# --- 000: Huyện ủy Lạc Dương, Kế hoạch 98-KH/HU ------------------------------------------------------
def plan_000() -> Campaign:
    c = make(
        "LD-HU",
        number=98,
        date=d("20/02/2023"),
        period_start=2021,
        period_end=2022,
        title=f"Tổ chức Hội nghị sơ kết 02 năm thực hiện {KL01}",
        purpose=(
            "Nhằm thiết thực Kỷ niệm 48 năm Ngày giải phóng hoàn toàn miền Nam, thống nhất đất nước; 133 năm "
            "Ngày sinh Chủ tịch Hồ Chí Minh; 44 năm ngày thành lập huyện Lạc Dương. Đồng thời, đánh giá những "
            "mặt làm được và chưa làm được; tiếp tục phát huy ưu điểm, khắc phục hạn chế, tồn tại.\n"
            "Qua Hội nghị sơ kết, kết hợp gặp mặt, tọa đàm, biểu dương, nhân rộng các mô hình, tập thể, cá nhân "
            "điển hình tiên tiến trong học tập và làm theo tư tưởng, đạo đức, phong cách của Bác."
        ),
        requirements=(
            "Hội nghị sơ kết phải đảm bảo thiết thực, hiệu quả, có trọng tâm, trọng điểm, tránh qua loa, "
            "hình thức, lãng phí.\nViệc lựa chọn những điển hình tiên tiến biểu dương, khen thưởng tại Hội "
            "nghị phải đảm bảo tiêu chuẩn theo Kế hoạch số 55-KH/HU, ngày 20/4/2022 của Ban Thường vụ "
            "Huyện ủy."
        ),
        conference_time="01 buổi, dự kiến trung tuần tháng 05 năm 2023",
        conference_venue="Hội trường Huyện ủy",
        conference_composition=(
            "Cấp tỉnh mời: Đồng chí Ủy viên Ban Thường vụ Tỉnh ủy phụ trách địa bàn huyện Lạc Dương; Lãnh đạo Ban "
            "Tuyên giáo Tỉnh ủy.\nCấp huyện: Thường trực Huyện ủy; các đồng chí Ủy viên Ban Thường vụ Huyện ủy; các "
            "đồng chí Ủy viên Ban Chấp hành Đảng bộ huyện; Thường trực HĐND và UBND huyện; trưởng, phó các cơ quan, "
            "đơn vị, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện; Bí thư và Phó bí thư các tổ chức cơ "
            "sở Đảng trực thuộc; Chủ tịch UBND các xã, thị trấn.\n"
            "Các tập thể, cá nhân tiêu biểu được giao, khen thưởng."
        ),
        conference_programme=(
            "Văn nghệ chào mừng\nPhát biểu khai mạc\nBáo cáo tóm tắt kết quả 02 năm thực hiện Kết "
            "luận số 01-KL/TW\nPhóng sự về kết quả 02 năm thực hiện Kết luận số 01-KL/TW\nTrao đổi, "
            "tọa đàm với các tập thể, cá nhân điển hình tiên tiến\nCông tác khen thưởng cho tập thể, "
            "cá nhân điển hình tiên tiến\nPhát biểu chỉ đạo của cấp trên\nBế mạc Hội nghị"
        ),
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Ya Tiong",
    )
    rows(
        Reference,
        c,
        [
            {
                "kind": "implements",
                "symbol": "69-KH/TU",
                "date": d("12/01/2023"),
                "issuer": "Ban Thường vụ Tỉnh ủy",
                "title": "tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị (khóa XII)",
            },
            {
                "kind": "implements",
                "symbol": "27-KH/TU",
                "date": d("09/01/2022"),
                "issuer": "Ban Thường vụ Tỉnh ủy",
                "title": "tổ chức biểu dương, khen thưởng và gặp mặt các tập thể, cá nhân tiêu biểu, điển hình "
                "giai đoạn "
                "2021-2026",
            },
            {
                "kind": "cites",
                "symbol": "33-KH/HU",
                "date": d("13/9/2021"),
                "issuer": "Ban Thường vụ Huyện ủy",
                "title": "tiếp tục thực hiện Chỉ thị số 05-CT/TW",
            },
            {
                "kind": "cites",
                "symbol": "92-KH/HU",
                "date": d("08/02/2023"),
                "issuer": "Ban Thường vụ Huyện ủy",
                "title": "tiếp tục thực hiện Chỉ thị số 05-CT/TW năm 2023",
            },
            {
                "kind": "cites",
                "symbol": "2974/HD-BTĐKT",
                "date": d("29/11/2021"),
                "issuer": "Ban Thi đua - Khen thưởng Trung ương",
                "title": "các hình thức biểu dương, khen thưởng",
            },
        ],
    )
    participants(c, ["dang-bo-co-so", "chi-bo-co-so", *MASS, "ubnd"])
    _report, dossier, _own = rows(
        Deadline,
        c,
        [
            deadline(
                "Báo cáo sơ kết 02 năm thực hiện Kết luận số 01-KL/TW (theo Đề cương gửi kèm)",
                "15/03/2023",
                audience="Các tổ chức cơ sở đảng trực thuộc, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện",
            ),
            deadline(
                "Hồ sơ đề nghị xét khen thưởng (Tờ trình, danh sách, báo cáo thành tích, tóm tắt thành tích) và "
                "file ảnh",
                "31/03/2023",
                Deadline.Kind.DOSSIER,
            ),
            deadline(
                "Tổ chức hội nghị sơ kết tại địa phương, cơ quan, đơn vị (tùy điều kiện thực tế)",
                "15/04/2023",
                Deadline.Kind.OWN_REVIEW,
            ),
        ],
    )
    rows(
        AwardForm,
        c,
        [
            {
                "name": "Giấy khen",
                "granted_by": "Chủ tịch Ủy ban nhân dân huyện Lạc Dương",
                "nominee_kinds": [C, IND],
                "coefficient": "0.30",
                "deadline": dossier,
            }
        ],
    )
    rows(
        QuotaRule,
        c,
        [
            quota(
                "dang-bo-co-so",
                "total",
                "Mỗi Đảng ủy trực thuộc Huyện ủy giới thiệu từ 01-02 tập thể, cá nhân.",
                collectives=1,
                individuals=1,
                min_total=1,
                max_total=2,
            ),
            quota(
                "chi-bo-co-so",
                "and",
                "Mỗi Chi bộ trực thuộc Huyện ủy, cơ quan, ban, ngành, đoàn thể giới thiệu 01 tập thể và 01 cá nhân.",
                collectives=1,
                individuals=1,
            ),
            *[quota(k, "and", "", collectives=1, individuals=1) for k in MASS],
        ],
    )
    period = {"grade": "HTTNV", "from_year": 2021, "to_year": 2022}
    rows(
        Criterion,
        c,
        [
            {
                "nominee_kind": C,
                "text": "Tổ chức triển khai tốt việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
                "Chí Minh với nhiều nét mới, cách làm sáng tạo, hiệu quả.",
            },
            {
                "nominee_kind": C,
                "text": "Tạo được sự chuyển biến rõ nét, hiệu quả cao trong thực hiện nhiệm vụ chuyên "
                "môn, nhiệm vụ chính trị; có nhiều gương điển hình tiêu biểu.",
            },
            {
                "nominee_kind": C,
                "text": "Tập thể xây dựng được chuẩn mực đạo đức theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
            },
            {
                "nominee_kind": C,
                "text": "Liên tục hằng năm được đánh giá hoàn thành tốt nhiệm vụ trở lên; nếu là tổ chức "
                "Đảng, phải được công nhận Chi bộ, Đảng bộ liên tục hoàn thành tốt nhiệm vụ trở lên.",
                "check_kind": "min_grade_each_year",
                "params": period,
            },
            {
                "nominee_kind": IND,
                "text": "Có phẩm chất, đạo đức cách mạng trong sáng, là tấm gương tiêu biểu, tiền phong "
                "gương mẫu đi đầu trong học tập và làm theo Bác.",
            },
            {
                "nominee_kind": IND,
                "text": "Có hành động, việc làm cụ thể, thiết thực, hiệu quả trong rèn luyện, tu dưỡng đạo "
                "đức, lối sống, thực hành tiết kiệm, phòng chống tham nhũng, lãng phí, tiêu cực.",
            },
            {
                "nominee_kind": IND,
                "text": "Hằng năm được đánh giá hoàn thành tốt nhiệm vụ trở lên; nếu là đảng viên hằng năm "
                "liên tục được đánh giá hoàn thành tốt nhiệm vụ trở lên.",
                "check_kind": "min_grade_each_year",
                "params": period,
            },
        ],
    )
    rows(
        DossierRequirement,
        c,
        [
            {"document": "Tờ trình", "nominee_kinds": [C, IND], "copies": 1, "file_types": ["pdf", "docx"]},
            {"document": "Danh sách", "nominee_kinds": [C, IND], "copies": 1, "file_types": ["pdf", "docx"]},
            {
                "document": "Báo cáo thành tích có xác nhận của cấp ủy, cơ quan, đơn vị",
                "nominee_kinds": [C, IND],
                "copies": 1,
                "file_types": ["pdf"],
            },
            {"document": "Tóm tắt thành tích", "nominee_kinds": [C, IND], "copies": 1, "file_types": ["pdf", "docx"]},
            {"document": "File ảnh", "nominee_kinds": [C, IND], "copies": 0, "file_types": ["jpg", "png"]},
        ],
    )
    rows(
        Assignment,
        c,
        [
            {
                "body": "Các tổ chức cơ sở đảng trực thuộc, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện",
                "task": "Xây dựng Báo cáo sơ kết 02 năm thực hiện Kết luận số 01-KL/TW (theo Đề cương gửi kèm) "
                "gửi về Ban "
                "Thường vụ Huyện ủy (qua Ban Tuyên giáo Huyện ủy); tùy điều kiện thực tế, tổ chức hội nghị sơ kết "
                "gắn với biểu dương điển hình tiêu biểu; xét chọn, gửi hồ sơ đề nghị khen thưởng.",
                "due_date": d("15/03/2023"),
            },
            {
                "body": "Ủy ban nhân dân huyện",
                "task": "Chỉ đạo cơ quan chuyên môn trình Chủ tịch Ủy ban nhân dân huyện "
                "quyết định khen thưởng các tập thể, cá nhân tiêu biểu, điển hình tại Hội nghị "
                "theo Kế hoạch số 55-KH/HU.",
            },
            {
                "body": "Ban Tuyên giáo Huyện ủy",
                "unit": Unit.objects.get(code="LD-HU-BTG"),
                "task": "Tổng hợp tham mưu Ban Thường vụ Huyện ủy dự thảo báo cáo sơ kết; xây dựng kịch bản chi tiết chương "
                "trình; thẩm định chương trình văn nghệ, phóng sự, kịch bản giao lưu, tọa đàm; báo cáo toàn bộ kịch "
                "bản với Thường trực Huyện ủy trước khi tổ chức Hội nghị; phối hợp xét chọn các tập thể, cá nhân "
                "trình Chủ tịch Ủy ban nhân dân huyện quyết định khen thưởng.",
            },
            {
                "body": "Văn phòng Huyện ủy",
                "unit": Unit.objects.get(code="LD-HU-VP"),
                "task": "Phối hợp chuẩn bị cơ sở vật chất (Hội trường, âm thanh, ánh sáng), kinh phí, ban hành Giấy mời đại "
                "biểu dự Hội nghị.",
            },
        ],
    )
    rows(
        Recipient,
        c,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Ban Tuyên giáo Tỉnh ủy", "report"),
                ("Ban Thường vụ Huyện ủy", ""),
                ("Ủy ban nhân dân huyện", ""),
                ("Các cơ quan tham mưu, giúp việc Huyện ủy", ""),
                ("Trung tâm Chính trị huyện", ""),
                ("Các tổ chức cơ sở đảng trực thuộc", "carry_out"),
                ("Mặt trận tổ quốc và các đoàn thể chính trị - xã hội huyện", "carry_out"),
                ("Phòng Nội vụ", ""),
                ("Phòng Giáo dục và Đào tạo huyện", ""),
                ("Trung tâm Văn hóa, Thông tin và Thể thao", ""),
                ("Lưu Văn phòng Huyện ủy", "file"),
            ]
        ],
    )
    outline(c, five_part_outline("sơ kết 02 năm thực hiện Kết luận số 01-KL/TW"))
    return c


def five_part_outline(subject: str) -> list:
    """Leadership and direction, results, overall assessment, directions and solutions, proposals."""
    return [
        (
            "I",
            "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
            f"Việc quán triệt, cụ thể hóa và chỉ đạo {subject}.",
            [],
            [
                {
                    "code": "so-van-ban",
                    "label": "Số văn bản lãnh đạo, chỉ đạo đã ban hành",
                    "unit_label": "văn bản",
                    "required": True,
                },
                {"code": "so-hoi-nghi", "label": "Số hội nghị học tập, quán triệt", "unit_label": "hội nghị"},
                {
                    "code": "so-luot-hoc-tap",
                    "label": "Số lượt cán bộ, đảng viên được học tập, quán triệt",
                    "unit_label": "lượt",
                    "required": True,
                },
            ],
        ),
        (
            "II",
            "KẾT QUẢ THỰC HIỆN",
            "Kết quả học tập và làm theo; xây dựng, nhân rộng điển hình, mô hình.",
            [
                ("1", "Kết hợp giữa học tập với làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", ""),
                (
                    "2",
                    "Việc xây dựng, nhân rộng điển hình, mô hình",
                    "",
                    [],
                    [
                        {
                            "code": "so-mo-hinh",
                            "label": "Số mô hình, điển hình được xây dựng",
                            "unit_label": "mô hình",
                            "required": True,
                        },
                        {
                            "code": "ds-mo-hinh",
                            "label": "Danh sách mô hình tiêu biểu",
                            "type": "table",
                            "aggregate": "list",
                            "columns": ["Tên mô hình", "Đơn vị thực hiện", "Tóm tắt kết quả"],
                        },
                    ],
                ),
                ("3", "Thực hiện trách nhiệm nêu gương", ""),
            ],
        ),
        ("III", "ĐÁNH GIÁ CHUNG", "Ưu điểm, hạn chế và nguyên nhân; bài học kinh nghiệm."),
        ("IV", "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP", "Phương hướng và giải pháp trọng tâm thời gian tới."),
        ("V", "ĐỀ XUẤT, KIẾN NGHỊ", "Đối với cấp trên."),
    ]


# --- 001: Đảng ủy khối Cơ quan - Doanh nghiệp tỉnh (built from its description in SPEC.md) ----------
def plan_001() -> Campaign:
    c = make(
        "HT-DUK",
        number=86,
        date=d("20/02/2023"),
        period_start=2020,
        period_end=2022,
        title=(
            "Sơ kết 03 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị và biểu dương, khen thưởng tập thể, cá "
            "nhân tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
        ),
        purpose="Đánh giá kết quả 03 năm thực hiện Kết luận số 01-KL/TW trong Đảng bộ Khối; biểu dương, khen thưởng "
        "các tập thể, cá nhân tiêu biểu.",
        requirements="Hồ sơ gửi đúng hạn; hồ sơ gửi sau thời hạn không được xem xét.",
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Trần Thị Hương",
    )
    participants(c, ["dang-bo-co-so", "chi-bo-co-so", "doan-thanh-nien", "cong-doan", "hoi-cuu-chien-binh"])
    _own, _report, dossier, _up = rows(
        Deadline,
        c,
        [
            deadline("Các chi bộ, đảng bộ cơ sở hoàn thành sơ kết tại đơn vị", "22/03/2023", Deadline.Kind.OWN_REVIEW),
            deadline("Báo cáo sơ kết 03 năm của chi bộ, đảng bộ cơ sở", "24/03/2023"),
            deadline(
                "Hồ sơ đề nghị khen thưởng (hồ sơ gửi sau thời hạn không được xem xét)",
                "24/03/2023",
                Deadline.Kind.DOSSIER,
                Deadline.Lateness.REFUSE,
            ),
            deadline(
                "Báo cáo tổng hợp của Đảng ủy Khối gửi Ban Tuyên giáo Tỉnh ủy",
                "07/04/2023",
                Deadline.Kind.ESCALATION,
                audience="Đảng ủy Khối (Ban Tuyên giáo Đảng ủy Khối)",
            ),
        ],
    )
    rows(
        AwardForm,
        c,
        [
            {
                "name": "Giấy khen",
                "granted_by": "Ban Thường vụ Đảng ủy Khối",
                "nominee_kinds": [C, IND],
                "deadline": dossier,
            },
            {
                "name": "Bằng khen",
                "granted_by": "Chủ tịch Ủy ban nhân dân tỉnh",
                "nominee_kinds": [C, IND],
                "cap_collectives": 1,
                "cap_individuals": 2,
                "is_escalation": True,
            },
        ],
    )
    rows(
        QuotaRule,
        c,
        [
            quota(
                "chi-bo-co-so",
                "either",
                "Mỗi chi bộ cơ sở đề xuất 01 tập thể hoặc 01 cá nhân.",
                collectives=1,
                individuals=1,
            ),
            quota(
                "dang-bo-co-so",
                "and",
                "Mỗi đảng bộ cơ sở đề xuất 01 tập thể và 01 cá nhân; đảng bộ có từ 100 đảng viên "
                "trở lên được đề xuất thêm 01 cá nhân.",
                collectives=1,
                individuals=1,
                bonus_threshold=100,
                bonus_individuals=1,
            ),
        ],
    )
    own = {"from_year": 2020, "to_year": 2022}
    rows(
        Criterion,
        c,
        [
            {
                "nominee_kind": C,
                "text": "Được chi bộ, đảng bộ cơ sở khen thưởng trong từng năm trước đó của giai đoạn.",
                "check_kind": "own_honor_each_year",
                "params": own,
            },
            {
                "nominee_kind": IND,
                "text": "Được chi bộ, đảng bộ cơ sở khen thưởng trong từng năm trước đó của giai đoạn.",
                "check_kind": "own_honor_each_year",
                "params": own,
            },
            {"nominee_kind": C, "text": "Là điển hình tiêu biểu trong học tập và làm theo Bác, được tập thể suy tôn."},
            {"nominee_kind": IND, "text": "Là tấm gương tiêu biểu, có sức lan tỏa trong cơ quan, doanh nghiệp."},
        ],
    )
    rows(
        DossierRequirement,
        c,
        [
            {"document": "Tờ trình đề nghị khen thưởng", "nominee_kinds": [C, IND], "copies": 2, "file_types": ["pdf"]},
            {"document": "Trích biên bản họp xét", "nominee_kinds": [C, IND], "copies": 2, "file_types": ["pdf"]},
            {
                "document": "Báo cáo thành tích theo mẫu quy định (bản chính, có xác nhận của cấp ủy)",
                "nominee_kinds": [C, IND],
                "copies": 4,
                "file_types": ["pdf", "docx"],
            },
        ],
    )
    rows(
        Assignment,
        c,
        [
            {
                "body": "Ban Tuyên giáo Đảng ủy Khối",
                "unit": Unit.objects.get(code="HT-DUK-BTG"),
                "task": "Hướng dẫn, đôn đốc; tổng hợp báo cáo và hồ sơ; tham mưu xét chọn, đề nghị Bằng khen của Chủ tịch "
                "UBND tỉnh cho 01 tập thể và 02 cá nhân.",
                "due_date": d("07/04/2023"),
            },
            {"body": "Các chi bộ, đảng bộ cơ sở", "task": "Tổ chức sơ kết tại đơn vị, gửi báo cáo và hồ sơ đúng hạn."},
        ],
    )
    rows(
        Recipient,
        c,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Ban Tuyên giáo Tỉnh ủy", "report"),
                ("Các chi bộ, đảng bộ cơ sở", "carry_out"),
                ("Các đoàn thể trực thuộc", "carry_out"),
                ("Lưu Văn phòng Đảng ủy Khối", "file"),
            ]
        ],
    )
    outline(c, five_part_outline("03 năm thực hiện Kết luận số 01-KL/TW"))
    return c


# --- 003: Huyện ủy Kim Bảng, Kế hoạch 83-KH/HU ----------------------------------------------------
def plan_003() -> Campaign:
    c = make(
        "KB-HU",
        number=83,
        date=d("29/03/2022"),
        period_start=2017,
        period_end=2022,
        title=(
            "Sơ kết 05 năm và biểu dương, khen thưởng các mô hình tiêu biểu trong học tập và làm theo tư tưởng, "
            "đạo đức, phong cách Hồ Chí Minh, giai đoạn 2017 - 2022"
        ),
        purpose=(
            "Đánh giá đúng kết quả đạt được, những hạn chế trong việc xây dựng và nhân rộng mô hình thời gian qua; "
            "đề xuất phương hướng, nhiệm vụ, giải pháp để tiếp tục thực hiện có hiệu quả.\nBiểu dương, khen thưởng "
            "những mô hình tiêu biểu, cách làm sáng tạo từ thực tiễn trong học tập và làm theo Bác."
        ),
        conference_time="Dự kiến xong trước ngày 30/4/2022",
        budget=(
            "Kinh phí khen thưởng: theo Luật Thi đua, Khen thưởng. Kinh phí tổ chức Hội nghị: trích từ nguồn kinh "
            "phí học tập và làm theo Bác (Thông tư số 97/2018/TT-BTC)."
        ),
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Nguyễn Mạnh Tuấn",
    )
    rows(
        Reference,
        c,
        [
            {
                "kind": "implements",
                "symbol": "61-KH/TU",
                "date": d("23/3/2022"),
                "issuer": "Ban Thường vụ Tỉnh ủy",
                "title": "sơ kết 05 năm và biểu dương, khen thưởng các mô hình tiêu biểu, giai đoạn 2017-2022",
            },
            {
                "kind": "implements",
                "symbol": "72-KH/HU",
                "date": d("05/01/2022"),
                "issuer": "Ban Thường vụ Huyện ủy",
                "title": "thực hiện Chỉ thị số 05-CT/TW năm 2022",
            },
        ],
    )
    participants(c, ["dang-bo-co-so", "chi-bo-co-so", *MASS, "cong-doan"])
    _d1, dossier, _d3 = rows(
        Deadline,
        c,
        [
            deadline(
                "Kế hoạch và báo cáo sơ kết 05 năm thực hiện Chỉ thị 05-CT/TW (theo đề cương gửi kèm)", "10/4/2022"
            ),
            deadline(
                "Hồ sơ đề nghị biểu dương, khen thưởng mô hình (02 bộ bản chính) và danh sách mô hình",
                "05/4/2022",
                Deadline.Kind.DOSSIER,
            ),
            deadline(
                "Tổ chức sơ kết 05 năm và biểu dương mô hình tại đơn vị (hoàn thành trong tháng 4/2022)",
                "30/4/2022",
                Deadline.Kind.OWN_REVIEW,
            ),
        ],
    )
    rows(
        AwardForm,
        c,
        [{"name": "Giấy khen", "granted_by": "Ban Thường vụ Huyện ủy", "nominee_kinds": [M], "deadline": dossier}],
    )
    rows(
        QuotaRule,
        c,
        [
            quota(
                "chi-bo-co-so",
                "and",
                "Đối với Chi bộ trực thuộc Huyện ủy: mỗi đơn vị lựa chọn, giới thiệu 01 mô hình.",
                models_count=1,
            ),
            *[
                quota(
                    k,
                    "and",
                    "Mặt trận Tổ quốc và các tổ chức chính trị - xã hội huyện: mỗi đơn vị lựa chọn, giới thiệu "
                    "01 mô hình.",
                    models_count=1,
                )
                for k in [*MASS, "cong-doan"]
            ],
            quota(
                "dang-bo-co-so",
                "total",
                "Đối với Đảng bộ trực thuộc Huyện ủy: mỗi đơn vị lựa chọn, giới thiệu 01 đến 02 mô hình.",
                models_count=1,
                min_total=1,
                max_total=2,
            ),
        ],
    )
    rows(
        Criterion,
        c,
        [
            {
                "nominee_kind": M,
                "text": "Mô hình có nhiều nét mới, cách làm sáng tạo, thực sự có hiệu quả, thu hút được sự "
                "tham gia tích cực, đông đảo của cán bộ, đảng viên và quần chúng nhân dân.",
            },
            {
                "nominee_kind": M,
                "text": "Qua quá trình thực hiện mô hình có nhiều gương điển hình tiên tiến tiêu biểu.",
            },
            {
                "nominee_kind": M,
                "text": "Đơn vị có 5 năm được cấp trên đánh giá hoàn thành tốt nhiệm vụ trở lên.",
                "check_kind": "min_grade_each_year",
                "params": {"grade": "HTTNV", "from_year": 2017, "to_year": 2021},
                "any_of_group": "A",
            },
            {
                "nominee_kind": M,
                "text": "Được cấp ủy, chính quyền cấp trên khen thưởng.",
                "check_kind": "higher_honor",
                "params": {"from_year": 2017, "to_year": 2022},
                "any_of_group": "A",
            },
            {
                "nominee_kind": M,
                "text": "Có thành tích đặc biệt xuất sắc trong thực hiện Chỉ thị 05-CT/TW được các cấp, các "
                "ngành ghi nhận.",
                "any_of_group": "A",
            },
        ],
    )
    rows(
        DossierRequirement,
        c,
        [
            {
                "document": "Tờ trình của chi, đảng bộ, cơ quan, đơn vị",
                "nominee_kinds": [M],
                "copies": 2,
                "file_types": ["pdf"],
            },
            {
                "document": "Danh sách trích ngang và báo cáo tóm tắt thành tích thực hiện mô hình (theo mẫu gửi kèm)",
                "nominee_kinds": [M],
                "copies": 2,
                "file_types": ["pdf", "docx"],
            },
        ],
    )
    rows(
        Assignment,
        c,
        [
            {
                "body": "Ban Tuyên giáo Huyện ủy",
                "unit": Unit.objects.get(code="KB-HU-BTG"),
                "task": "Tham mưu xây dựng Kế hoạch; chủ trì xây dựng báo cáo và tổ chức Hội nghị; thẩm định, xét chọn các "
                "mô hình tiêu biểu; hướng dẫn, đôn đốc các chi, đảng bộ trực thuộc.",
            },
            {
                "body": "Các Ban xây dựng Đảng của Huyện ủy",
                "task": "Phối hợp thẩm định, xét chọn các tập thể tiêu biểu.",
            },
            {
                "body": "Cấp ủy các Chi, Đảng bộ trực thuộc Huyện ủy; Mặt trận Tổ quốc, các tổ chức chính trị - xã hội huyện",
                "task": "Xây dựng kế hoạch, tổ chức sơ kết 5 năm; xét chọn các mô hình tiêu biểu; gửi Kế hoạch và báo cáo sơ "
                "kết về Ban Thường vụ Huyện ủy (qua Ban Tuyên giáo Huyện ủy).",
                "due_date": d("10/4/2022"),
            },
            {
                "body": "Văn phòng Huyện ủy",
                "unit": Unit.objects.get(code="KB-HU-VP"),
                "task": "Phối hợp chuẩn bị các điều kiện để tổ chức tốt Hội nghị sơ kết tại huyện.",
            },
        ],
    )
    rows(
        Recipient,
        c,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Thường trực Tỉnh ủy", "report"),
                ("Ban Tuyên giáo Tỉnh ủy", "report"),
                ("Thường trực Huyện ủy", ""),
                ("Các chi, đảng bộ trực thuộc HU", "carry_out"),
                ("MTTQ và các đoàn thể huyện", "carry_out"),
                ("Lưu VPHU", "file"),
            ]
        ],
    )
    models_table = {
        "code": "ds-mo-hinh",
        "label": "Danh sách mô hình điểm tiêu biểu",
        "type": "table",
        "aggregate": "list",
        "columns": ["Tên mô hình", "Đơn vị thực hiện", "Tóm tắt thành tích", "Ghi chú"],
    }
    outline(
        c,
        [
            ("I", "KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH", "Khái quát đặc điểm tình hình đơn vị; những thuận lợi, khó khăn."),
            (
                "II",
                "TÌNH HÌNH, KẾT QUẢ TRIỂN KHAI THỰC HIỆN MÔ HÌNH",
                "",
                [
                    (
                        "1",
                        "Công tác lãnh đạo, chỉ đạo tổ chức thực hiện",
                        "",
                        [
                            (
                                "1.1",
                                "Việc cụ thể hoá, xây dựng Kế hoạch, ban hành các văn bản chỉ đạo, hướng dẫn",
                                "Có số liệu cụ thể và danh mục văn bản kèm theo.",
                                [],
                                [
                                    {
                                        "code": "so-van-ban",
                                        "label": "Số văn bản chỉ đạo, hướng dẫn",
                                        "unit_label": "văn bản",
                                    }
                                ],
                            ),
                            (
                                "1.2",
                                "Công tác tuyên truyền, vận động",
                                "Có số liệu cụ thể của cả 5 năm.",
                                [],
                                [
                                    {
                                        "code": "tuyen-truyen",
                                        "label": "Số buổi tuyên truyền từng năm",
                                        "type": "series",
                                        "unit_label": "buổi",
                                    }
                                ],
                            ),
                            (
                                "1.3",
                                "Công tác kiểm tra, giám sát",
                                "Có số liệu cụ thể các cuộc kiểm tra, giám sát trong 5 năm.",
                                [],
                                [{"code": "kiem-tra", "label": "Số cuộc kiểm tra, giám sát", "unit_label": "cuộc"}],
                            ),
                        ],
                    ),
                    (
                        "2",
                        "Việc triển khai xây dựng và nhân rộng các mô hình điểm của địa phương, cơ quan, đơn vị",
                        "Tổng số các mô hình đã xây dựng (tính từ năm 2017 đến tháng 3 năm 2022).",
                        [],
                        [
                            {
                                "code": "so-mo-hinh",
                                "label": "Tổng số mô hình đã xây dựng",
                                "unit_label": "mô hình",
                                "required": True,
                            },
                            models_table,
                        ],
                    ),
                ],
            ),
            (
                "III",
                "ĐÁNH GIÁ CHUNG",
                "",
                [
                    ("1", "Ưu điểm, nguyên nhân", ""),
                    ("2", "Hạn chế, nguyên nhân", ""),
                    ("3", "Một số bài học kinh nghiệm", ""),
                ],
            ),
            (
                "IV",
                "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM TRONG THỜI GIAN TỚI",
                "",
                [("1", "Phương hướng", ""), ("2", "Nhiệm vụ, giải pháp trọng tâm", "")],
            ),
            ("V", "ĐỀ XUẤT, KIẾN NGHỊ", "", [("1", "Đối với huyện", ""), ("2", "Đối với tỉnh", "")]),
        ],
    )
    return c


# --- 004: Đảng ủy Khối các cơ quan tỉnh Thái Nguyên, Kế hoạch 120-KH/ĐUK ----------------------------
def plan_004() -> Campaign:
    c = make(
        "TN-DUK",
        number=120,
        achievement_form="nd91-2017-mau07",
        date=d("22/02/2024"),
        period_start=2023,
        period_end=2024,
        title=(
            f"đánh giá tình hình thực hiện {KL01.replace('về đẩy mạnh', '“Về đẩy mạnh')}” năm 2023 - 2024 và "
            "biểu dương các tập thể, cá nhân tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
            "Chí Minh năm 2024"
        ),
        purpose=(
            "Nhằm đánh giá nghiêm túc, thực chất kết quả công tác lãnh đạo, chỉ đạo và tổ chức thực hiện Kết luận "
            "số 01-KL/TW năm 2023 - 2024.\nTuyên truyền, tôn vinh, biểu dương, khen thưởng các tập thể, cá nhân "
            "tiêu biểu trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
        ),
        requirements="Việc lựa chọn tập thể, cá nhân điển hình để biểu dương phải bảo đảm thuyết phục, tiêu biểu.",
        conference_time="Trong tháng 4/2024",
        conference_venue="Thành phố Hà Nội",
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Mai Thị Nhài",
    )
    rows(
        Reference,
        c,
        [
            {
                "kind": "implements",
                "symbol": "87-HD/BTGTU",
                "date": d("19/02/2024"),
                "issuer": "Ban Tuyên giáo Tỉnh ủy",
                "title": "đánh giá tình hình thực hiện Kết luận số 01-KL/TW năm 2023 - 2024 và triển khai các nhiệm vụ khen "
                "thưởng, tuyên truyền năm 2024",
            },
            {
                "kind": "cites",
                "symbol": "2974/HD-BTĐKT",
                "date": d("29/11/2021"),
                "issuer": "Ban Thi đua - Khen thưởng Trung ương",
                "title": "tiêu chuẩn khen thưởng",
            },
            {
                "kind": "cites",
                "symbol": "91/2017/NĐ-CP",
                "date": d("31/07/2017"),
                "issuer": "Chính phủ",
                "title": "quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng (Mẫu 07)",
            },
        ],
    )
    participants(c, ["dang-bo-co-so", "chi-bo-co-so", "hoi-cuu-chien-binh", "cong-doan", "doan-thanh-nien"])
    dossier, _report, exhibit, film, exchange, upward = rows(
        Deadline,
        c,
        [
            deadline(
                "Hồ sơ đề nghị khen thưởng gửi về Đảng ủy Khối (qua Ban Tuyên giáo Đảng ủy Khối)",
                "28/02/2024",
                Deadline.Kind.DOSSIER,
            ),
            deadline("Báo cáo tình hình thực hiện Kết luận số 01-KL/TW", "15/3/2024"),
            deadline(
                "Giới thiệu điển hình tham gia triển lãm chuyên đề",
                "01/3/2024",
                Deadline.Kind.PROGRAMME,
                audience="Ban Tuyên giáo Đảng ủy Khối",
            ),
            deadline(
                "Giới thiệu điển hình xây dựng phim ngắn, phim tài liệu",
                "01/3/2024",
                Deadline.Kind.PROGRAMME,
                audience="Ban Tuyên giáo Đảng ủy Khối",
            ),
            deadline(
                "Giới thiệu điển hình cho Chương trình Giao lưu cấp khu vực và “Hồ Chí Minh - Hành trình khát vọng”",
                "10/3/2024",
                Deadline.Kind.PROGRAMME,
                audience="Ban Tuyên giáo Đảng ủy Khối",
            ),
            deadline(
                "Đề nghị Bằng khen của Thủ tướng Chính phủ và của Trưởng ban Tuyên giáo Trung ương",
                "01/6/2024",
                Deadline.Kind.ESCALATION,
                audience="Ban Tuyên giáo Đảng ủy Khối",
            ),
        ],
    )
    rows(
        AwardForm,
        c,
        [
            {
                "name": "Giấy khen",
                "granted_by": "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh",
                "nominee_kinds": [C, IND],
                "cap_collectives": 15,
                "cap_individuals": 25,
                "deadline": dossier,
            },
            {
                "name": "Bằng khen",
                "granted_by": "Thủ tướng Chính phủ",
                "nominee_kinds": [C, IND],
                "is_escalation": True,
                "deadline": upward,
            },
            {
                "name": "Bằng khen",
                "granted_by": "Trưởng ban Tuyên giáo Trung ương",
                "nominee_kinds": [C, IND],
                "is_escalation": True,
                "deadline": upward,
            },
            {
                "name": "Triển lãm chuyên đề",
                "granted_by": "Ban Tuyên giáo Tỉnh ủy",
                "nominee_kinds": [C, IND],
                "is_escalation": True,
                "deadline": exhibit,
            },
            {
                "name": "Phim ngắn, phim tài liệu",
                "granted_by": "Ban Tuyên giáo Tỉnh ủy",
                "nominee_kinds": [C, IND],
                "is_escalation": True,
                "deadline": film,
            },
            {
                "name": "Chương trình Giao lưu các điển hình tiêu biểu",
                "granted_by": "Ban Tuyên giáo Trung ương",
                "nominee_kinds": [C, IND],
                "is_escalation": True,
                "deadline": exchange,
            },
        ],
    )
    rows(
        QuotaRule,
        c,
        [
            quota(
                "dang-bo-co-so",
                "and",
                "Mỗi đảng bộ cơ sở lựa chọn, đề xuất 01 tập thể và 01 cá nhân.",
                collectives=1,
                individuals=1,
            ),
            quota(
                "chi-bo-co-so",
                "either",
                "Mỗi chi bộ cơ sở lựa chọn, đề xuất 01 tập thể hoặc 01 cá nhân.",
                collectives=1,
                individuals=1,
            ),
            *[
                quota(
                    k,
                    "and",
                    "Hội Cựu chiến binh Khối, Công đoàn Viên chức tỉnh, Đoàn TNCS Hồ Chí Minh Khối, mỗi tổ chức "
                    "đoàn thể đề xuất 02 cá nhân.",
                    individuals=2,
                )
                for k in ["hoi-cuu-chien-binh", "cong-doan", "doan-thanh-nien"]
            ],
        ],
    )
    rows(
        Criterion,
        c,
        [
            {
                "nominee_kind": C,
                "text": "Tổ chức triển khai tốt việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ "
                "Chí Minh với nhiều nét mới, cách làm sáng tạo, hiệu quả.",
            },
            {"nominee_kind": C, "text": "Tạo được sự chuyển biến rõ nét, hiệu quả nổi trội; có nhiều gương điển hình."},
            {"nominee_kind": C, "text": "Tập thể xây dựng được chuẩn mực đạo đức và triển khai thực hiện có hiệu quả."},
            {
                "nominee_kind": C,
                "text": "Tổ chức Đảng phải được công nhận chi bộ, đảng bộ hoàn thành xuất sắc nhiệm vụ.",
                "check_kind": "unit_grade_in_year",
                "params": {"grade": "HTXSNV", "year": 2023},
            },
            {
                "nominee_kind": IND,
                "text": "Có phẩm chất đạo đức cách mạng trong sáng, gương mẫu đi đầu trong học tập và làm theo Bác.",
            },
            {
                "nominee_kind": IND,
                "text": "Có hành động và việc làm cụ thể, thiết thực, hiệu quả hoặc có nhiều sáng kiến có giá trị.",
            },
            {
                "nominee_kind": IND,
                "text": "Được đánh giá hoàn thành tốt nhiệm vụ trở lên; nếu là đảng viên phải được công "
                "nhận là đảng viên hoàn thành tốt nhiệm vụ trở lên.",
                "check_kind": "min_grade_each_year",
                "params": {"grade": "HTTNV", "from_year": 2023, "to_year": 2023},
            },
            {
                "nominee_kind": IND,
                "text": "Bản tóm tắt thành tích không quá 1/2 trang A4.",
                "check_kind": "summary_max_chars",
                "params": {"max_chars": 1800},
            },
            {
                "nominee_kind": IND,
                "text": "Mốc thời gian viết báo cáo thành tích từ tháng 1/2023 đến tháng 2/2024.",
                "check_kind": "achievement_window",
                "params": {"start": "2023-01-01", "end": "2024-02-29"},
            },
        ],
    )
    rows(
        DossierRequirement,
        c,
        [
            {
                "document": "Tờ trình của chi bộ, đảng ủy cơ sở, Ban Thường vụ các đoàn thể thuộc Khối",
                "nominee_kinds": [C, IND],
                "copies": 1,
                "file_types": ["pdf"],
            },
            {
                "document": "Báo cáo thành tích theo Mẫu 07, Nghị định 91/2017/NĐ-CP (có xác nhận của đảng ủy cơ sở)",
                "nominee_kinds": [C, IND],
                "copies": 1,
                "file_types": ["pdf", "docx"],
            },
            {
                "document": "Bản tóm tắt thành tích không quá 1/2 trang A4",
                "nominee_kinds": [C, IND],
                "copies": 1,
                "file_types": ["pdf", "docx"],
            },
            {
                "document": "Bản sao các Quyết định khen thưởng và quyết định xếp loại đảng viên năm 2023",
                "nominee_kinds": [IND],
                "copies": 1,
                "file_types": ["pdf", "jpg", "png"],
            },
        ],
    )
    rows(
        Assignment,
        c,
        [
            {
                "body": "Ban Tuyên giáo Đảng ủy Khối",
                "unit": Unit.objects.get(code="TN-DUK-BTG"),
                "task": "Chủ trì tham mưu hướng dẫn, đôn đốc triển khai Kế hoạch; chuẩn bị nội dung, chương trình, kịch bản "
                "Hội nghị biểu dương; tổng hợp danh sách, lập hồ sơ trình Ban Thường vụ Đảng ủy Khối.",
                "due_date": d("29/02/2024"),
            },
            {
                "body": "Văn phòng Đảng ủy Khối",
                "unit": Unit.objects.get(code="TN-DUK-VP"),
                "task": "Tham mưu về kinh phí và các điều kiện cần thiết để tổ chức Hội nghị.",
            },
            {
                "body": "Các cơ quan tham mưu, giúp việc và các đoàn thể trực thuộc Đảng ủy Khối",
                "task": "Phối hợp hướng dẫn, đôn đốc các chi bộ, đảng ủy cơ sở xét, lập hồ sơ đề nghị biểu dương.",
            },
            {
                "body": "Các chi bộ, đảng ủy cơ sở và các đoàn thể thuộc Khối",
                "task": "Xây dựng kế hoạch, tổ chức đánh giá; xét chọn tập thể, cá nhân tiêu biểu; gửi hồ sơ trước ngày "
                "28/02/2024 và báo cáo trước ngày 15/3/2024.",
                "due_date": d("15/3/2024"),
            },
        ],
    )
    rows(
        Recipient,
        c,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Thường trực Tỉnh ủy", "report"),
                ("Ban Tuyên giáo Tỉnh ủy", "report"),
                ("Các đ/c Ủy viên BCH ĐBK", ""),
                ("Các chi bộ, đảng bộ cơ sở", "carry_out"),
                ("Các CQ TM, GV ĐUK", "carry_out"),
                ("Các đoàn thể TT", "carry_out"),
                ("Lưu Văn phòng ĐUK", "file"),
            ]
        ],
    )
    outline(
        c,
        [
            (
                "I",
                "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VIỆC TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 01-KL/TW",
                "Việc cụ thể hóa, ban hành các văn bản lãnh đạo, chỉ đạo tổ chức triển khai thực hiện Kết luận số 01-KL/TW.",
                [],
                [{"code": "so-van-ban", "label": "Số văn bản lãnh đạo, chỉ đạo", "unit_label": "văn bản"}],
            ),
            (
                "II",
                "KẾT QUẢ THỰC HIỆN",
                "",
                [
                    (
                        "1",
                        "Việc tổ chức nghiên cứu, học tập, quán triệt Kết luận số 01-KL/TW, chuyên đề toàn khóa",
                        "Nêu rõ hình thức tổ chức, số lần tổ chức, số lượng người được học tập, quán triệt.",
                        [],
                        [
                            {"code": "so-hoi-nghi", "label": "Số lần tổ chức học tập, quán triệt", "unit_label": "lần"},
                            {
                                "code": "so-nguoi-hoc",
                                "label": "Số người được học tập, quán triệt",
                                "unit_label": "người",
                                "required": True,
                            },
                        ],
                    ),
                    (
                        "2",
                        "Kết hợp giữa học tập với làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
                        "Việc xây dựng, nhân rộng, biểu dương, khen thưởng các điển hình tiêu biểu, mô hình hay.",
                        [],
                        [
                            {
                                "code": "ds-mo-hinh",
                                "label": "Danh sách mô hình, điển hình tiêu biểu",
                                "type": "table",
                                "aggregate": "list",
                                "columns": ["Tên mô hình, điển hình", "Đơn vị", "Kết quả"],
                            }
                        ],
                    ),
                    (
                        "3",
                        "Thực hiện trách nhiệm nêu gương",
                        "Đánh giá rõ vai trò, trách nhiệm của cấp ủy, người đứng đầu.",
                    ),
                    ("4", "Công tác tuyên truyền về tư tưởng, đạo đức, phong cách Hồ Chí Minh", ""),
                    (
                        "5",
                        "Việc đổi mới, nâng cao chất lượng nghiên cứu, giảng dạy, học tập tư tưởng Hồ Chí Minh",
                        "(nếu có)",
                    ),
                    ("6", "Công tác kiểm tra, giám sát việc thực hiện Chỉ thị số 05-CT/TW, Kết luận số 01-KL/TW", ""),
                ],
            ),
            (
                "III",
                "ĐÁNH GIÁ CHUNG",
                "",
                [
                    ("1", "Ưu điểm và nguyên nhân", ""),
                    ("2", "Hạn chế, khó khăn, vướng mắc và nguyên nhân", ""),
                    ("3", "Bài học kinh nghiệm", ""),
                ],
            ),
            (
                "IV",
                "NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TIẾP THEO VÀ KIẾN NGHỊ",
                "",
                [
                    ("1", "Nhiệm vụ, giải pháp", "Phân tích bối cảnh, thuận lợi, khó khăn, thách thức."),
                    ("2", "Đề xuất, kiến nghị", "Kiến nghị với Trung ương, tổ chức đảng cấp trên."),
                ],
            ),
        ],
    )
    return c


# --- Today: Tỉnh ủy Thái Nguyên, 5-year review of Kết luận 01-KL/TW, and a ward's own campaign --------
def plan_current() -> tuple[Campaign, Campaign]:
    today = timezone.localdate()
    issued = today - dt.timedelta(days=10)
    c = make(
        "TN-TU",
        number=215,
        date=issued,
        period_start=2021,
        period_end=2026,
        title=(
            f"Tổng kết 05 năm thực hiện {KL01} (2021 - 2026) và biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu"
        ),
        purpose="Đánh giá toàn diện 05 năm thực hiện Kết luận số 01-KL/TW trong Đảng bộ tỉnh sau sắp xếp tổ chức bộ máy; "
        "biểu dương, khen thưởng các tập thể, cá nhân tiêu biểu.",
        requirements="Báo cáo bám sát đề cương; hồ sơ đề nghị khen thưởng đầy đủ, đúng thời hạn.",
        conference_time=f"Dự kiến tháng {(today + dt.timedelta(days=75)).month}/{(today + dt.timedelta(days=75)).year}",
        conference_venue="Hội trường Tỉnh ủy",
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ THƯỜNG TRỰC",
        signer_name="Nguyễn Thanh Hải",
    )
    rows(
        Reference,
        c,
        [
            {
                "kind": "implements",
                "symbol": "01-KL/TW",
                "date": d("18/05/2021"),
                "issuer": "Bộ Chính trị",
                "title": "tiếp tục thực hiện Chỉ thị số 05-CT/TW",
            }
        ],
    )
    participants(c, ["dang-uy-xa", "dang-uy-co-quan-dang", "dang-uy-ubnd-tinh"])
    day = lambda n: end_of_day(today + dt.timedelta(days=n))  # noqa: E731
    dossier, *_ = rows(
        Deadline,
        c,
        [
            deadline("Hồ sơ đề nghị khen thưởng", day(30), Deadline.Kind.DOSSIER, Deadline.Lateness.REFUSE),
            deadline("Báo cáo tổng kết 05 năm (theo đề cương)", day(35)),
            deadline(
                "Đề nghị Bằng khen của Thủ tướng Chính phủ",
                day(90),
                Deadline.Kind.ESCALATION,
                audience="Ban Tuyên giáo và Dân vận Tỉnh ủy",
            ),
        ],
    )
    rows(
        AwardForm,
        c,
        [
            {
                "name": "Bằng khen",
                "granted_by": "Ban Thường vụ Tỉnh ủy",
                "nominee_kinds": [C, IND],
                "cap_collectives": 20,
                "cap_individuals": 30,
                "deadline": dossier,
            }
        ],
    )
    rows(
        QuotaRule,
        c,
        [
            quota("dang-uy-xa", "and", "", collectives=1, individuals=2),
            quota("dang-uy-co-quan-dang", "and", "", collectives=2, individuals=3),
            quota("dang-uy-ubnd-tinh", "and", "", collectives=3, individuals=4),
        ],
    )
    rows(
        Criterion,
        c,
        [
            {
                "nominee_kind": C,
                "text": "Tổ chức đảng hoàn thành tốt nhiệm vụ trở lên các năm 2021 - 2025.",
                "check_kind": "min_grade_each_year",
                "params": {"grade": "HTTNV", "from_year": 2021, "to_year": 2025},
            },
            {
                "nominee_kind": IND,
                "text": "Đảng viên hoàn thành tốt nhiệm vụ trở lên các năm 2021 - 2025.",
                "check_kind": "min_grade_each_year",
                "params": {"grade": "HTTNV", "from_year": 2021, "to_year": 2025},
            },
            {"nominee_kind": IND, "text": "Là tấm gương tiêu biểu, có sức lan tỏa trong học tập và làm theo Bác."},
        ],
    )
    rows(
        DossierRequirement,
        c,
        [
            {"document": "Tờ trình đề nghị khen thưởng", "nominee_kinds": [C, IND], "copies": 1, "file_types": ["pdf"]},
            {
                "document": "Báo cáo thành tích (có xác nhận của cấp ủy)",
                "nominee_kinds": [C, IND],
                "copies": 2,
                "file_types": ["pdf", "docx"],
            },
        ],
    )
    rows(
        Assignment,
        c,
        [
            {
                "body": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                "unit": Unit.objects.get(code="TN-TU-BTGDV"),
                "task": "Hướng dẫn, đôn đốc, tổng hợp; tham mưu tổ chức Hội nghị tổng kết.",
                "due_date": today + dt.timedelta(days=45),
            }
        ],
    )
    rows(
        Recipient,
        c,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Ban Tuyên giáo và Dân vận Trung ương", "report"),
                ("Các đảng ủy trực thuộc Tỉnh ủy", "carry_out"),
                ("Lưu Văn phòng Tỉnh ủy", "file"),
            ]
        ],
    )
    outline(c, five_part_outline("05 năm thực hiện Kết luận số 01-KL/TW"))

    ward = make(
        "TN-DUP-PDP",
        parent=c,
        number=12,
        date=today - dt.timedelta(days=5),
        period_start=2021,
        period_end=2026,
        title=f"Thực hiện Kế hoạch số 215-KH/TU: tổng kết 05 năm thực hiện {KL01}",
        purpose="Triển khai Kế hoạch của Ban Thường vụ Tỉnh ủy trong Đảng bộ phường.",
        signer_capacity="T/M BAN THƯỜNG VỤ",
        signer_title="BÍ THƯ",
        signer_name="Hoàng Văn Thái",
    )
    rows(
        Reference,
        ward,
        [
            {
                "kind": "implements",
                "symbol": c.symbol,
                "date": c.date,
                "issuer": "Ban Thường vụ Tỉnh ủy",
                "title": c.title,
            }
        ],
    )
    participants(ward, ["chi-bo-co-so"])
    rows(
        Deadline,
        ward,
        [
            deadline(
                "Hồ sơ đề nghị khen thưởng của các chi bộ", day(20), Deadline.Kind.DOSSIER, Deadline.Lateness.REFUSE
            ),
            deadline("Báo cáo tổng kết của các chi bộ", day(25)),
        ],
    )
    rows(
        AwardForm,
        ward,
        [
            {
                "name": "Giấy khen",
                "granted_by": "Ban Thường vụ Đảng ủy phường",
                "nominee_kinds": [C, IND],
                "cap_collectives": 3,
                "cap_individuals": 5,
            }
        ],
    )
    # Each chi bộ may propose a collective and two individuals: room for a dossier finished and one in progress.
    rows(QuotaRule, ward, [quota("chi-bo-co-so", "and", "", collectives=1, individuals=2)])
    rows(
        Criterion,
        ward,
        [
            {
                "nominee_kind": IND,
                "text": "Đảng viên hoàn thành tốt nhiệm vụ trở lên các năm 2021 - 2025.",
                "check_kind": "min_grade_each_year",
                "params": {"grade": "HTTNV", "from_year": 2021, "to_year": 2025},
            }
        ],
    )
    rows(
        DossierRequirement,
        ward,
        [{"document": "Báo cáo thành tích", "nominee_kinds": [C, IND], "copies": 2, "file_types": ["pdf", "docx"]}],
    )
    rows(
        Recipient,
        ward,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Ban Tuyên giáo và Dân vận Tỉnh ủy", "report"),
                ("Các chi bộ trực thuộc", "carry_out"),
                ("Lưu Văn phòng Đảng ủy", "file"),
            ]
        ],
    )
    outline(ward, five_part_outline("05 năm thực hiện Kết luận số 01-KL/TW"))
    return c, ward


def plan_front(parent: Campaign) -> Campaign:
    """The district's Mặt trận implements the Huyện ủy's plan 98-KH/HU in its own system: a plan with the
    Mặt trận's header, number and signature (documents/issuers.py), to show a non-Party issuer's plan."""
    c = make(
        "LD-MTTQ",
        number=12,
        date=parent.date + dt.timedelta(days=9),
        period_start=parent.period_start,
        period_end=parent.period_end,
        title=f"Thực hiện sơ kết 02 năm {KL01} trong hệ thống Mặt trận huyện",
        purpose=(
            "Đánh giá kết quả Mặt trận Tổ quốc và các tổ chức thành viên tham gia học tập và làm theo tư tưởng, "
            "đạo đức, phong cách Hồ Chí Minh; giới thiệu các điển hình tiêu biểu trong khu dân cư để Ban "
            "Thường vụ Huyện ủy biểu dương."
        ),
        requirements="Gắn sơ kết với cuộc vận động “Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh”.",
        signer_capacity="TM. BAN THƯỜNG TRỰC",
        signer_title="CHỦ TỊCH",
        signer_name="Ka Sô Ha Thanh",
    )
    rows(
        Reference,
        c,
        [
            {
                "kind": "implements",
                "symbol": parent.symbol,
                "date": parent.date,
                "issuer": "Ban Thường vụ Huyện ủy Lạc Dương",
                "title": parent.title,
            }
        ],
    )
    rows(
        Recipient,
        c,
        [
            {"name": n, "purpose": p}
            for n, p in [
                ("Ban Thường vụ Huyện ủy", "report"),
                ("Ủy ban MTTQ Việt Nam tỉnh", "report"),
                ("Các tổ chức thành viên", "carry_out"),
                ("Ban Công tác Mặt trận các khu dân cư", "carry_out"),
                ("Lưu Văn phòng", "file"),
            ]
        ],
    )
    return c


def load_plans() -> list[Campaign]:
    current, ward = plan_current()
    first = plan_000()
    return [first, plan_front(first), plan_001(), plan_003(), plan_004(), current, ward]
