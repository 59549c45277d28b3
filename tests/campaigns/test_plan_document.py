"""The generated plan (.docx) of each seed campaign carries the seed's rules, in the Party's layout."""

import io

import pytest
from docx import Document
from docx.shared import Mm

from guongsang.campaigns.documents import plan_context, render_plan_docx
from guongsang.campaigns.models import Campaign

pytestmark = pytest.mark.django_db

SEEDS = {
    "000": {
        "issuer": "LD-HU",
        "header": [
            "ĐẢNG BỘ TỈNH LÂM ĐỒNG",
            "HUYỆN ỦY LẠC DƯƠNG",
            "Số 98-KH/HU",
            "Lạc Dương, ngày 20 tháng 02 năm 2023",
        ],
        "deadlines": ["15/03/2023", "31/03/2023", "15/04/2023"],
        "quotas": [
            "Mỗi Đảng ủy trực thuộc Huyện ủy giới thiệu từ 01-02 tập thể, cá nhân.",
            "Mỗi Chi bộ trực thuộc Huyện ủy, cơ quan, ban, ngành, đoàn thể giới thiệu 01 tập thể và 01 cá nhân.",
        ],
        "caps": [],
        "dossier": ["Tờ trình: 01 bản", "Báo cáo thành tích có xác nhận của cấp ủy, cơ quan, đơn vị", "File ảnh"],
        "outline": ["I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "V. ĐỀ XUẤT, KIẾN NGHỊ"],
        "signer": ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Ya Tiong"],
        "recipients": ["Ban Tuyên giáo Tỉnh ủy", "Phòng Giáo dục và Đào tạo huyện", "Lưu Văn phòng Huyện ủy"],
        "other": [
            "Hội trường Huyện ủy",
            "dự kiến trung tuần tháng 05 năm 2023",
            "Kế hoạch số 69-KH/TU, ngày 12/01/2023",
            "Giấy khen của Chủ tịch Ủy ban nhân dân huyện Lạc Dương",
        ],
    },
    "003": {
        "issuer": "KB-HU",
        "header": ["ĐẢNG BỘ TỈNH HÀ NAM", "HUYỆN ỦY KIM BẢNG", "Số 83-KH/HU", "Kim Bảng, ngày 29 tháng 3 năm 2022"],
        "deadlines": ["05/04/2022", "10/04/2022", "30/04/2022"],
        "quotas": ["01 mô hình", "01 đến 02 mô hình"],
        "caps": [],
        "dossier": ["Tờ trình của chi, đảng bộ, cơ quan, đơn vị: 02 bản", "Danh sách trích ngang"],
        "outline": [
            "I. KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH",
            "II. TÌNH HÌNH, KẾT QUẢ TRIỂN KHAI THỰC HIỆN MÔ HÌNH",
            "1.1. Việc cụ thể hoá",
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            "Tổng số mô hình đã xây dựng",
        ],
        "signer": ["T/M BAN THƯỜNG VỤ", "Nguyễn Mạnh Tuấn"],
        "recipients": ["Thường trực Tỉnh ủy", "Các chi, đảng bộ trực thuộc HU", "Lưu VPHU"],
        "other": [
            "Đạt một trong các tiêu chuẩn sau",
            "Thông tư số 97/2018/TT-BTC",
            "DANH SÁCH MÔ HÌNH ĐIỂM TIÊU BIỂU",
            "Tên mô hình",
            "Đơn vị thực hiện",
        ],
    },
    "004": {
        "issuer": "TN-DUK",
        "header": [
            "ĐẢNG BỘ TỈNH THÁI NGUYÊN",
            "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH THÁI NGUYÊN",
            "Số 120-KH/ĐUK",
            "Thái Nguyên, ngày 22 tháng 02 năm 2024",
        ],
        "deadlines": ["28/02/2024", "15/03/2024", "01/03/2024", "10/03/2024", "01/06/2024"],
        "quotas": ["01 tập thể và 01 cá nhân", "01 tập thể hoặc 01 cá nhân", "mỗi tổ chức đoàn thể đề xuất 02 cá nhân"],
        "caps": ["tối đa 15 tập thể và 25 cá nhân"],
        "dossier": ["Mẫu 07, Nghị định 91/2017/NĐ-CP", "không quá 1/2 trang A4", "xếp loại đảng viên năm 2023"],
        "outline": [
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO VIỆC TRIỂN KHAI THỰC HIỆN KẾT LUẬN SỐ 01-KL/TW",
            "IV. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TIẾP THEO VÀ KIẾN NGHỊ",
        ],
        "signer": ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Mai Thị Nhài"],
        "recipients": ["Thường trực Tỉnh ủy", "Các CQ TM, GV ĐUK", "Lưu Văn phòng ĐUK"],
        "other": [
            "Thủ tướng Chính phủ",
            "Trưởng ban Tuyên giáo Trung ương",
            "Thành phố Hà Nội",
            "Hướng dẫn số 87-HD/BTGTU",
        ],
    },
}


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_the_plan_document_carries_the_seed(demo, seed):
    expected = SEEDS[seed]
    campaign = Campaign.objects.get(issuer__code=expected["issuer"], parent__isnull=True)
    doc = Document(io.BytesIO(render_plan_docx(campaign)))
    text = all_text(doc)
    for key in ("deadlines", "quotas", "caps", "dossier", "outline", "signer", "recipients", "other"):
        for needle in expected[key]:
            assert needle in text, (seed, key, needle)
    # Header layout: issuer block on the left, the Party's name and place-date on the right.
    left, right = doc.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == [*expected["header"][:2], "*", expected["header"][2]]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert right.paragraphs[0].runs[0].bold and right.paragraphs[0].runs[0].underline
    assert right.paragraphs[1].text == expected["header"][3] and right.paragraphs[1].runs[0].italic
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    # Title, signature block, fonts and paper.
    titles = [p for p in doc.paragraphs if p.text == "KẾ HOẠCH"]
    assert titles and titles[0].runs[0].bold and titles[0].runs[0].font.size.pt == 16
    sign_left, sign_right = doc.tables[1].rows[0].cells
    assert sign_left.paragraphs[0].text == "Nơi nhận:"
    assert sign_right.paragraphs[0].text == "T/M BAN THƯỜNG VỤ"
    fonts = {run.font.name for p in doc.paragraphs for run in p.runs if run.text.strip()}
    assert fonts == {"Times New Roman"}
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert abs(section.left_margin - Mm(30)) < Mm(1)
    assert "ĐỀ CƯƠNG BÁO CÁO" in text


def test_001_built_from_its_description_refuses_late_dossiers(demo):
    campaign = Campaign.objects.get(issuer__code="HT-DUK")
    text = all_text(Document(io.BytesIO(render_plan_docx(campaign))))
    assert "chậm nhất 23:59 ngày 24/03/2023; hồ sơ gửi sau thời hạn không được xem xét." in text
    assert "đảng bộ có từ 100 đảng viên trở lên được đề xuất thêm 01 cá nhân" in text
    assert "Trích biên bản họp xét: 02 bản" in text and ": 04 bản" in text
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho tối đa 1 tập thể và 2 cá nhân" in text
    assert [line for _d, line, _g, _i in plan_context(campaign)["outline"]][:5] == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
        "II. KẾT QUẢ THỰC HIỆN",
        "1. Kết hợp giữa học tập với làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "2. Việc xây dựng, nhân rộng điển hình, mô hình",
        "3. Thực hiện trách nhiệm nêu gương",
    ]


def test_the_plan_converts_to_pdf_with_libreoffice(demo):
    from guongsang.documents.pdf import docx_to_pdf, soffice

    assert soffice(), "LibreOffice (soffice) must be installed: .ci/run installs libreoffice-writer-nogui"
    campaign = Campaign.objects.get(issuer__code="LD-HU")
    pdf = docx_to_pdf(render_plan_docx(campaign))
    assert pdf.startswith(b"%PDF")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        first = document.pages[0].extract_text()
    assert "HUYỆN ỦY LẠC DƯƠNG" in first and "KẾ HOẠCH" in first
