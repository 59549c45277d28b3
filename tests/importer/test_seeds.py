"""The three seed plans, read from .txt, from a .docx made from them and from that .docx as .pdf:
every deadline, quota, cap, dossier item, outline section, assignment, recipient and the signer,
each with the span of text it came from. The expected values are read off the seeds by hand."""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from guongsang.documents.pdf import convert_many, soffice
from guongsang.importer.extract import extract
from guongsang.importer.reading import read_plan_file
from tests.conftest import once_per_run

SEEDS = Path(__file__).parent / "seeds"
COLUMN_GAP = re.compile(r"\s{4,}")
NEW_PARAGRAPH = re.compile(r"^(?:[-+*•]|\d+\.|[IVX]+[.-])")
WIDTHS = (Cm(6.5), Cm(10))


def seed_docx(name: str) -> bytes:
    """A Word file laid out as the plan would be: a line in two columns becomes a two-cell table
    row; other lines form paragraphs, which a blank line, a bullet or a number starts."""
    document = docx.Document()
    paragraph: list[str] = []

    def flush():
        if paragraph:
            document.add_paragraph(" ".join(paragraph).replace("**", ""))
            paragraph.clear()

    for raw in (SEEDS / f"{name}.txt").read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        parts = [p for p in COLUMN_GAP.split(line) if p]
        if len(parts) == 2:
            flush()
            table = document.add_table(rows=1, cols=2)
            table.autofit = False
            for column, cell, part, width in zip(table.columns, table.rows[0].cells, parts, WIDTHS, strict=True):
                column.width = cell.width = width
                cell.text = part.replace("**", "")
            continue
        if not line or NEW_PARAGRAPH.match(line) or line.replace("*", "").isupper():
            flush()
        if line:
            paragraph.append(line)
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory):
    """The seeds as PDF, converted once per run (one LibreOffice start for the three)."""
    assert soffice(), "LibreOffice (soffice) must be installed: .ci/run installs libreoffice-writer-nogui"
    names = ("000", "003", "004")

    def build() -> bytes:
        return json.dumps([base64.b64encode(pdf).decode() for pdf in convert_many(sources, ".docx", "pdf")]).encode()

    sources = [seed_docx(name) for name in names]
    bundle = json.loads(once_per_run(tmp_path_factory, "seed-pdfs", build))
    return {name: base64.b64decode(pdf) for name, pdf in zip(names, bundle, strict=True)}


def read(name: str, fmt: str, pdfs=None):
    if fmt == "txt":
        data = (SEEDS / f"{name}.txt").read_bytes()
    elif fmt == "docx":
        data = seed_docx(name)
    else:
        data = pdfs[name]
    result = read_plan_file(f"ke-hoach.{fmt}", data)
    return result.text, extract(result.text)


FORMATS = ["txt", "docx", "pdf"]


@pytest.fixture(params=FORMATS)
def fmt(request):
    return request.param


def plan(name, fmt, request):
    return read(name, fmt, request.getfixturevalue("pdfs") if fmt == "pdf" else None)


def field(draft, name):
    return (draft["fields"].get(name) or {}).get("value")


def spanned(text: str, item: dict) -> str:
    start, end = item["span"]
    assert 0 <= start < end <= len(text), item
    return text[start:end]


def squash(value: str) -> str:
    return re.sub(r"\s+", " ", value)


# --- 000: Huyện ủy Lạc Dương, 98-KH/HU -----------------------------------------------------------


def test_000_header_and_signer(fmt, request):
    text, draft = plan("000", fmt, request)
    assert field(draft, "symbol") == "98-KH/HU" and field(draft, "number") == 98
    assert field(draft, "date") == "2023-02-20"
    assert field(draft, "place") == "Lạc Dương"
    assert field(draft, "issuer") == "HUYỆN ỦY LẠC DƯƠNG"
    assert field(draft, "title").startswith("Tổ chức Hội nghị sơ kết 02 năm thực hiện Kết luận số 01-KL/TW")
    assert field(draft, "title").endswith("phong cách Hồ Chí Minh")
    assert field(draft, "signer_capacity") == "T/M BAN THƯỜNG VỤ"
    assert field(draft, "signer_title") == "PHÓ BÍ THƯ"
    assert field(draft, "signer_name") == "Ya Tiong"
    assert spanned(text, draft["fields"]["signer_name"]) == "Ya Tiong"
    assert "98" in spanned(text, draft["fields"]["symbol"])
    assert field(draft, "conference_venue") == "Hội trường Huyện ủy"
    assert field(draft, "conference_time") == "01 buổi, dự kiến trung tuần tháng 05 năm 2023"
    assert field(draft, "conference_programme").split("\n")[0] == "Văn nghệ chào mừng"
    assert len(field(draft, "conference_programme").split("\n")) == 8


def test_000_references(fmt, request):
    text, draft = plan("000", fmt, request)
    got = [(r["kind"], r["symbol"], r["date"], r["issuer"]) for r in draft["references"]]
    assert got == [
        ("implements", "69-KH/TU", "2023-01-12", "Ban Thường vụ Tỉnh ủy"),
        ("implements", "27-KH/TU", "2022-01-09", "Ban Thường vụ Tỉnh ủy"),
        ("cites", "33-KH/HU", "2021-09-13", "Ban Thường vụ Huyện ủy"),
        ("cites", "92-KH/HU", "2023-02-08", "Ban Thường vụ Huyện ủy"),
    ]
    for ref in draft["references"]:
        assert spanned(text, ref).startswith("Kế hoạch số")


def test_000_deadlines(fmt, request):
    text, draft = plan("000", fmt, request)
    got = [(d["date"], d["kind"], d["lateness"]) for d in draft["deadlines"]]
    assert got == [
        ("2023-03-15", "report", "mark_late"),
        ("2023-04-15", "own_review", "mark_late"),
        ("2023-03-31", "dossier", "mark_late"),
    ]
    assert draft["deadlines"][0]["audience"].startswith("Các tổ chức cơ sở đảng trực thuộc, Mặt trận Tổ quốc")
    assert [spanned(text, d) for d in draft["deadlines"]] == [
        "trước ngày 15/03/2023",
        "hoàn thành trước ngày 15/04/2023",
        "trước ngày 31/03/2023",
    ]


def test_000_quotas(fmt, request):
    text, draft = plan("000", fmt, request)
    party, branch = draft["quotas"]
    assert party["unit_kinds"] == ["dang-bo-co-so"]
    assert (party["mode"], party["min_total"], party["max_total"]) == ("total", 1, 2)
    assert branch["unit_kinds"][0] == "chi-bo-co-so"
    assert (branch["mode"], branch["collectives"], branch["individuals"]) == ("and", 1, 1)
    assert "01 tập thể và 01 cá nhân" in spanned(text, branch)
    assert draft["award_forms"] == []  # the plan names no form of commendation: nothing invented


def test_000_dossier_criteria_assignments_recipients(fmt, request):
    text, draft = plan("000", fmt, request)
    assert [d["document"] for d in draft["dossier"]] == [
        "Tờ trình",
        "danh sách",
        "báo cáo thành tích có xác nhận của cấp ủy, cơ quan, đơn vị",
        "tóm tắt thành tích của các tập thể, cá nhân",
        "file ảnh",
    ]
    for item in draft["dossier"]:
        assert spanned(text, item).split(",")[0] in item["document"]
    kinds = [(c["nominee_kind"], c["check_kind"]) for c in draft["criteria"]]
    assert kinds == [("collective", "reviewer")] * 3 + [("collective", "min_grade_each_year")] + [
        ("individual", "reviewer")
    ] * 2 + [("individual", "min_grade_each_year")]
    assert draft["criteria"][3]["params"] == {"grade": "HTTNV", "from_year": 2021, "to_year": 2022}
    assert [a["body"] for a in draft["assignments"]] == [
        "Các tổ chức cơ sở đảng trực thuộc, Mặt trận Tổ quốc và các đoàn thể - chính trị xã hội huyện",
        "Ủy ban nhân dân huyện",
        "Ban Tuyên giáo Huyện ủy",
        "Văn phòng Huyện ủy",
    ]
    assert draft["assignments"][0]["due_date"] == "2023-03-15"
    names = [r["name"] for r in draft["recipients"]]
    assert names[0] == "Ban Tuyên giáo Tỉnh ủy" and names[-1] == "Lưu Văn phòng Huyện ủy" and len(names) == 11
    assert draft["recipients"][-1]["purpose"] == "file"
    for r in draft["recipients"]:
        assert r["name"] in spanned(text, r)
    assert draft["outline"] == []  # the outline was sent separately ("theo Đề cương gửi kèm")


# --- 003: Huyện ủy Kim Bảng, 83-KH/HU ------------------------------------------------------------


def test_003_header_references_signer(fmt, request):
    _text, draft = plan("003", fmt, request)
    assert field(draft, "symbol") == "83-KH/HU"
    assert field(draft, "date") == "2022-03-29" and field(draft, "place") == "Kim Bảng"
    assert field(draft, "issuer") == "HUYỆN ỦY KIM BẢNG"
    assert field(draft, "issuer_parent") == "ĐẢNG BỘ TỈNH HÀ NAM"
    assert (field(draft, "period_start"), field(draft, "period_end")) == (2017, 2022)
    assert [r["symbol"] for r in draft["references"]] == ["61-KH/TU", "72-KH/HU"]
    assert field(draft, "signer_name") == "Nguyễn Mạnh Tuấn"
    # The text lost its signature block: capacity and title stay empty rather than guessed.
    assert field(draft, "signer_capacity") is None and field(draft, "signer_title") is None


def test_003_deadlines_quotas_dossier(fmt, request):
    _text, draft = plan("003", fmt, request)
    got = [(d["date"], d["kind"]) for d in draft["deadlines"]]
    assert got == [
        ("2022-04-30", "own_review"),  # chi bộ: "sinh hoạt chi bộ định kỳ tháng 4/2022"
        ("2022-04-30", "own_review"),  # Mặt trận and mass organisations: "trong tháng 4 năm 2022"
        ("2022-04-30", "own_review"),  # đảng bộ
        ("2022-04-05", "dossier"),
        ("2022-04-10", "report"),
    ]
    assert [d["unsure"] for d in draft["deadlines"]] == [True, True, True, False, False]
    assert draft["deadlines"][0]["audience"] == "Các chi bộ trực thuộc Huyện ủy"
    assert field(draft, "conference_time") == "dự kiến xong trước ngày 30/4/2022"
    branch, party = draft["quotas"]
    assert branch["unit_kinds"][:2] == ["chi-bo-co-so", "mttq"] and branch["models"] == 1
    assert party["unit_kinds"] == ["dang-bo-co-so"]
    assert (party["mode"], party["min_total"], party["max_total"], party["models"]) == ("total", 1, 2, 1)
    assert [d["document"][:28] for d in draft["dossier"]] == [
        "Tờ trình của chi, đảng bộ, c",
        "Danh sách trích ngang và báo",
    ]
    assert {d["copies"] for d in draft["dossier"]} == {2}  # "gồm 02 bộ (bản chính)"
    group = [c for c in draft["criteria"] if c["any_of_group"]]
    assert [c["check_kind"] for c in group] == ["min_grade_each_year", "higher_honor", "reviewer"]


def test_003_outline_and_assignments(fmt, request):
    text, draft = plan("003", fmt, request)
    numbers = [(s["level"], s["number"]) for s in draft["outline"]]
    assert numbers == [
        (1, "I."),
        (1, "II."),
        (2, "1."),
        (3, "1.1."),
        (3, "1.2."),
        (3, "1.3."),
        (2, "2."),
        (1, "III."),
        (2, "1."),
        (2, "2."),
        (2, "3."),
        (1, "IV."),
        (2, "1."),
        (2, "2."),
        (1, "V."),
        (2, "1."),
        (2, "2."),
    ]
    assert draft["outline"][0]["title"] == "KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH"
    assert draft["outline"][-1]["title"] == "Đối với tỉnh"  # the list form after it is not a section
    assert "Tổng số các mô hình đã xây dựng của địa phương" in draft["outline"][6]["figures"]
    for section in draft["outline"]:
        assert spanned(text, section).startswith(section["number"].rstrip("."))
    assert [a["body"] for a in draft["assignments"]] == [
        "Ban Tuyên giáo Huyện ủy",
        "Các Ban xây dựng Đảng của Huyện ủy",
        "Cấp ủy các Chi, Đảng bộ trực thuộc Huyện ủy; Mặt trận Tổ quốc, các tổ chức chính trị - xã hội huyện",
        "Văn phòng Huyện ủy",
    ]
    assert [(r["name"], r["purpose"]) for r in draft["recipients"]] == [
        ("Thường trực Tỉnh ủy", ""),
        ("Ban Tuyên giáo Tỉnh ủy", "report"),
        ("Thường trực Huyện ủy", ""),
        ("Các chi, đảng bộ trực thuộc HU", "carry_out"),
        ("MTTQ và các đoàn thể huyện", ""),
        ("Lưu VPHU", "file"),
    ]


# --- 004: Đảng ủy Khối các cơ quan tỉnh Thái Nguyên -----------------------------------------------


def test_004_has_no_header_so_no_number_is_invented(fmt, request):
    _text, draft = plan("004", fmt, request)
    assert field(draft, "issuer") is None and field(draft, "date") is None
    # Only the attached outline names the plan ("Thực hiện Kế hoạch số 120-KH/ĐUK" addresses the
    # unit's own report), and it is not "Kèm theo": the number stays empty.
    assert field(draft, "symbol") is None
    assert field(draft, "title").startswith("đánh giá tình hình thực hiện Kết luận số 01-KL/TW")
    assert (field(draft, "period_start"), field(draft, "period_end")) == (2023, 2024)
    assert [(r["symbol"], r["date"], r["issuer"]) for r in draft["references"]] == [
        ("87-HD/BTGTU", "2024-02-19", "Ban Tuyên giáo Tỉnh ủy")
    ]
    assert (field(draft, "signer_capacity"), field(draft, "signer_title"), field(draft, "signer_name")) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Mai Thị Nhài",
    )


def test_004_deadlines(fmt, request):
    text, draft = plan("004", fmt, request)
    got = [(d["date"], d["kind"]) for d in draft["deadlines"]]
    assert got == [
        ("2024-06-01", "escalation"),  # Bằng khen of the Prime Minister and of the central board
        ("2024-03-01", "programme"),  # exhibition
        ("2024-03-01", "programme"),  # short film
        ("2024-03-10", "programme"),  # exchange programme
        ("2024-02-28", "dossier"),
        ("2024-03-15", "report"),
    ]
    assert draft["deadlines"][4]["audience"] == "Các chi bộ, đảng ủy cơ sở và các đoàn thể thuộc Khối"
    assert field(draft, "conference_time") == "Trong tháng 4/2024"  # "Thời gian dự kiến": not a deadline
    assert field(draft, "conference_venue") == "Thành phố Hà Nội"
    assert spanned(text, draft["deadlines"][5]) == "trước ngày 15/3/2024"


def test_004_quotas_caps_and_forms(fmt, request):
    text, draft = plan("004", fmt, request)
    got = [(q["unit_kinds"], q["mode"], q["collectives"], q["individuals"]) for q in draft["quotas"]]
    assert got == [
        (["dang-bo-co-so"], "and", 1, 1),
        (["chi-bo-co-so"], "either", 1, 1),
        (["hoi-cuu-chien-binh", "cong-doan", "doan-thanh-nien"], "and", 0, 2),
    ]
    committee, prime_minister, central = draft["award_forms"]
    assert (committee["name"], committee["granted_by"]) == ("Giấy khen", "Ban Thường vụ Đảng ủy Khối")
    assert (committee["cap_collectives"], committee["cap_individuals"], committee["is_escalation"]) == (15, 25, False)
    assert "15 tập thể và 25 cá nhân" in text[committee["cap_span"][0] : committee["cap_span"][1]]
    assert (prime_minister["granted_by"], prime_minister["is_escalation"]) == ("Thủ tướng Chính phủ", True)
    assert central["granted_by"] == "Trưởng ban Tuyên giáo Trung ương"


def test_004_criteria_and_dossier(fmt, request):
    _text, draft = plan("004", fmt, request)
    checks = {(c["nominee_kind"], c["check_kind"]): c["params"] for c in draft["criteria"]}
    assert checks[("collective", "unit_grade_in_year")] == {"grade": "HTXSNV", "year": 2023}
    assert checks[("individual", "min_grade_each_year")] == {"grade": "HTTNV", "from_year": 2023, "to_year": 2023}
    assert checks[("individual", "summary_max_chars")] == {"max_chars": 1800}  # "không quá 1/2 trang A4"
    assert checks[("individual", "achievement_window")] == {"start": "2023-01-01", "end": "2024-02-29"}
    assert [d["document"].split(" ")[0] for d in draft["dossier"]] == ["Tờ", "Báo", "Bản"]
    assert draft["dossier"][1]["document"].startswith("Báo cáo thành tích của các tập thể, cá nhân")


def test_004_outline_and_assignments(fmt, request):
    _text, draft = plan("004", fmt, request)
    parts = [s["number"] for s in draft["outline"] if s["level"] == 1]
    assert parts == ["I.", "II.", "III.", "IV."]
    results = [s for s in draft["outline"] if s["level"] == 2]
    assert len(results) == 6 + 3 + 2
    assert draft["outline"][-1]["title"] == "Đề xuất, kiến nghị"
    assert draft["outline"][-1]["guidance"].startswith("Đề xuất phương hướng, nhiệm vụ, giải pháp")
    assert [a["body"] for a in draft["assignments"]] == [
        "Đảng ủy Khối các cơ quan tỉnh",
        "Các chi bộ, đảng ủy cơ sở và các đoàn thể thuộc Khối",
    ]
    assert [a["due_date"] for a in draft["assignments"]] == ["2024-02-29", "2024-02-28"]
    assert [r["name"] for r in draft["recipients"]][-1] == "Lưu Văn phòng ĐUK"  # not the typist's initials
    assert len(draft["recipients"]) == 7


def test_every_extracted_item_points_at_its_source(fmt, request):
    for name in ("000", "003", "004"):
        text, draft = plan(name, fmt, request)
        for key in ("references", "deadlines", "quotas", "award_forms", "criteria", "dossier", "outline"):
            for item in draft[key]:
                assert squash(spanned(text, item)).strip(), (name, key, item)
        for key, found in draft["fields"].items():
            assert found["span"] is None or spanned(text, found), (name, key)
