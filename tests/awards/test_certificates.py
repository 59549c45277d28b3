import io

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.accounts.models import Role
from guongsang.awards import certificates
from guongsang.awards.models import CertificateBatch, CertificateLayout, PrinterCalibration
from guongsang.documents.issuers import respell_capacity
from tests.awards.conftest import approved, signed, submitted

MM = 72 / 25.4  # points per millimetre
TOLERANCE = 0.5  # mm


@pytest.fixture
def layout(db):
    return CertificateLayout.objects.get(unit__isnull=True)


def words_at(page) -> dict[str, dict]:
    """The printed text of each line, with where it starts, ends and sits (its baseline), in mm."""
    lines: dict[float, list] = {}
    for ch in page.chars:
        lines.setdefault(round(ch["matrix"][5], 1), []).append(ch)
    out = {}
    for baseline, chars in lines.items():
        chars.sort(key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars)
        out[text] = {
            "left": chars[0]["x0"] / MM,
            "right": chars[-1]["x1"] / MM,
            "baseline": (float(page.height) - baseline) / MM,
        }
    return out


def anchor(field: dict, box: dict) -> tuple[float, float]:
    x = {"left": box["left"], "center": (box["left"] + box["right"]) / 2, "right": box["right"]}[field["align"]]
    return x, box["baseline"]


@pytest.mark.parametrize(("dx", "dy"), [(0, 0), (2.5, -1.5)])
def test_text_lands_on_the_configured_positions(layout, dx, dy):
    calibration = PrinterCalibration(name="Máy in", offset_x=dx, offset_y=dy)
    texts = {
        "name": "Nguyễn Thị Ánh",
        "unit": "Bí thư Chi bộ thôn Bon Đưng, Đảng bộ xã Lát",
        "reason": "Đã có thành tích tiêu biểu",
        "decision_number": "Quyết định số 01-QĐ/HU",
        "decision_date": "Lạc Dương, ngày 02 tháng 4 năm 2026",
        "signer_title": "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ",
        "signer_name": "Ya Tiong",
    }
    data = certificates.render(layout, [texts, {**texts, "name": "Lê Văn Cường"}], calibration)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2
        page = pdf.pages[0]
        assert (round(page.width / MM), round(page.height / MM)) == (297, 210)
        found = words_at(page)
        for field in layout.fields:
            box = found[texts[field["key"]]]
            x, y = anchor(field, box)
            assert abs(x - (field["x"] + dx)) <= TOLERANCE, (field["key"], x)
            assert abs(y - (field["y"] + dy)) <= TOLERANCE, (field["key"], y)
        assert "Lê Văn Cường" in words_at(pdf.pages[1])


def test_long_text_shrinks_or_wraps_within_its_width(layout):
    long_name = "Tập thể Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh xã Lát, huyện Lạc Dương, tỉnh Lâm Đồng"
    reason = "Đã có thành tích xuất sắc " * 20
    data = certificates.render(layout, [{"name": long_name, "reason": reason}])
    fields = {f["key"]: f for f in layout.fields}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        found = words_at(pdf.pages[0])
    name = found[long_name]
    assert name["right"] - name["left"] <= fields["name"]["width"] + TOLERANCE
    reason_lines = [box for text, box in found.items() if text.startswith("Đã có") or "thành tích" in text]
    assert len(reason_lines) in range(2, fields["reason"]["lines"] + 1)  # wrapped, within its lines
    for box in reason_lines:
        assert box["right"] - box["left"] <= fields["reason"]["width"] + TOLERANCE


def test_an_offset_that_pushes_text_off_the_page_is_refused(cast, layout):
    manager = cast.users[Role.MANAGER]
    with pytest.raises(ValidationError) as exc:
        certificates.calibration_save(actor=manager, unit=cast.district, name="Máy in Canon", offset_x=60, offset_y=0)
    assert "bị đẩy ra ngoài trang" in " ".join(exc.value.messages)
    assert "Trường “Họ tên / tên tập thể” ra ngoài trang: chữ chiếm từ 108.5 đến 308.5 mm" in " ".join(
        exc.value.messages
    )
    assert not PrinterCalibration.objects.exists()
    with pytest.raises(ValidationError, match="Phải là số"):
        certificates.calibration_save(actor=manager, unit=cast.district, name="Máy in", offset_x="hai", offset_y=0)
    saved = certificates.calibration_save(
        actor=manager, unit=cast.district, name="Máy in Canon", offset_x="1,5", offset_y=-2
    )
    assert (float(saved.offset_x), float(saved.offset_y)) == (1.5, -2.0)
    with pytest.raises(PermissionDenied):
        certificates.calibration_save(actor=cast.users[Role.HEAD], unit=cast.district, name="X", offset_x=0, offset_y=0)


def test_layouts_are_checked_against_the_page(cast):
    manager = cast.users[Role.MANAGER]
    field = {"key": "name", "x": 290, "y": 90, "size": 20, "align": "left", "width": 50}
    with pytest.raises(ValidationError, match="ra ngoài trang"):
        certificates.layout_save(
            actor=manager, unit=cast.district, name="Phôi", page_width=297, page_height=210, fields=[field]
        )
    with pytest.raises(ValidationError, match="không có trong danh mục"):
        certificates.layout_save(
            actor=manager,
            unit=cast.district,
            name="Phôi",
            page_width=297,
            page_height=210,
            fields=[{**field, "key": "x", "x": 10}],
        )
    record = certificates.layout_save(
        actor=manager, unit=cast.district, name="Phôi A4", page_width=297, page_height=210, fields=[{**field, "x": 20}]
    )
    assert record.fields[0]["x"] == 20


def test_grid_test_page(layout):
    data = certificates.test_page(layout, PrinterCalibration(name="M", offset_x=1, offset_y=2))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        text = pdf.pages[0].extract_text()
    assert "Họ tên / tên tập thể (x 149.5, y 94 mm)" in text
    assert "ngang +1 mm, dọc +2 mm" in text


def test_bulk_certificates_run_in_the_background(cast, plan, layout, django_capture_on_commit_callbacks):
    nominations = [submitted(plan, cast.commune, person=p) for p in plan.people[:2]]
    manager = cast.users[Role.MANAGER]
    award_list = approved(cast, plan, nominations)
    from guongsang.awards import decisions

    draft = decisions.decision_save(actor=manager, award_list=award_list, allocate=True)
    with pytest.raises(ValidationError, match="đã ký"):
        certificates.start_batch(actor=manager, decision=draft, layout=layout)
    d = decisions.decision_sign(actor=cast.users[Role.LEADER], decision=draft)
    with django_capture_on_commit_callbacks(execute=True):
        batch = certificates.start_batch(actor=manager, decision=d, layout=layout)
    batch.refresh_from_db()
    assert (batch.status, batch.done, batch.total) == (CertificateBatch.Status.DONE, 2, 2)
    with batch.file.open("rb") as handle, pdfplumber.open(handle) as pdf:
        names = [pdf.pages[i].extract_text() for i in range(len(pdf.pages))]
    assert len(names) == 2 and "Nguyễn Thị Ánh" in names[0] and "01-QĐ/HU" in names[1]


def test_batches_only_for_the_issuers_side(cast, plan, layout):
    d = signed(cast, plan, [submitted(plan, cast.commune, person=plan.people[0])])
    with pytest.raises(PermissionDenied):
        certificates.start_batch(actor=cast.users[Role.HEAD], decision=d, layout=layout)
    other = PrinterCalibration.objects.create(name="Máy khác", unit=cast.sibling)
    with pytest.raises(ValidationError, match="không thuộc đơn vị"):
        certificates.start_batch(actor=cast.users[Role.MANAGER], decision=d, layout=layout, calibration=other)


# -- the PDF as the printer receives it: fonts, the signer's lines, the unit line ------------------

STANDARD_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-BoldOblique",
    "Courier-Oblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-BoldOblique",
    "Helvetica-Oblique",
    "Symbol",
    "Times-Bold",
    "Times-BoldItalic",
    "Times-Italic",
    "Times-Roman",
    "ZapfDingbats",
}


def declared_fonts(data: bytes) -> dict[str, bool]:
    """Every font a page of the PDF declares in its resources, by base name (subset prefix dropped),
    and whether its file is embedded (for a Type0 font, in its descendant font's descriptor)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    out: dict[str, bool] = {}
    for page in PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))):
        for font in (resolve1((resolve1(page.resources) or {}).get("Font")) or {}).values():
            font = resolve1(font)
            name = literal_name(font.get("BaseFont")).split("+", 1)[-1]
            descriptor = resolve1(font.get("FontDescriptor"))
            if descriptor is None and font.get("DescendantFonts"):
                descendant = resolve1(resolve1(font["DescendantFonts"])[0])
                descriptor = resolve1(descendant.get("FontDescriptor"))
            embedded = any(k in (descriptor or {}) for k in ("FontFile", "FontFile2", "FontFile3"))
            out[name] = out.get(name, True) and embedded
    return out


def batch_pdf(cast, layout, decision, capture) -> bytes:
    """The certificates of a signed decision, made the way the office makes them (the background run)."""
    with capture(execute=True):
        batch = certificates.start_batch(actor=cast.users[Role.MANAGER], decision=decision, layout=layout)
    batch.refresh_from_db()
    assert batch.status == CertificateBatch.Status.DONE, batch.error
    with batch.file.open("rb") as handle:
        return handle.read()


def page_lines(data: bytes, page: int = 0) -> list[tuple[str, float]]:
    """The printed lines of a page, top to bottom, each with its baseline in mm from the top."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        found = words_at(pdf.pages[page])
    return sorted(((text, box["baseline"]) for text, box in found.items()), key=lambda line: line[1])


@pytest.mark.parametrize("which", ["certificates", "grid test page"])
def test_every_font_is_embedded_and_no_standard_font_is_declared(
    cast, plan, layout, which, django_capture_on_commit_callbacks
):
    from guongsang.documents.checker import check_pdf

    if which == "certificates":
        d = signed(cast, plan, [submitted(plan, cast.commune, person=p) for p in plan.people[:2]])
        data = batch_pdf(cast, layout, d, django_capture_on_commit_callbacks)
    else:
        data = certificates.test_page(layout, PrinterCalibration(name="M", offset_x=1, offset_y=2))
    fonts = declared_fonts(data)
    assert fonts, "the PDF declares no font at all"
    assert not STANDARD_14 & set(fonts), fonts  # reportlab's initial Helvetica, unused and unembedded
    assert all(fonts.values()), fonts
    assert check_pdf(data) == []


@pytest.mark.parametrize(
    ("capacity", "title"),
    [
        ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),  # a Party committee
        ("K/T BÍ THƯ", "PHÓ BÍ THƯ"),
        ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),  # a People's Committee
        ("TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"),  # the Front, a mass organisation
        ("t/m ban chấp hành", "Bí thư"),  # typed in lower case: printed in capitals
    ],
)
def test_the_signer_capacity_and_title_are_printed_on_two_lines(
    cast, plan, layout, capacity, title, django_capture_on_commit_callbacks
):
    d = signed(
        cast, plan, [submitted(plan, cast.commune, person=plan.people[1])], signer_capacity=capacity, signer_title=title
    )
    lines = dict(page_lines(batch_pdf(cast, layout, d, django_capture_on_commit_callbacks)))
    field = next(f for f in layout.fields if f["key"] == "signer_title")
    # spelled as the decision spells it: "T/M" in a Party decision even when typed "TM."
    spelled = respell_capacity(capacity, "party")
    assert spelled.startswith(("T/M", "K/T")), spelled
    top, below = lines.get(spelled), lines.get(title.upper())
    assert top is not None and below is not None, lines  # each its own line, not "T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ"
    assert abs(top - field["y"]) <= TOLERANCE
    assert below - top == pytest.approx(field["size"] * 1.25 / MM, abs=0.1)  # the next line, one leading below


def test_a_signer_without_capacity_prints_the_title_alone(cast, plan, layout, django_capture_on_commit_callbacks):
    d = signed(cast, plan, [submitted(plan, cast.commune, person=plan.people[1])], signer_capacity="")
    lines = dict(page_lines(batch_pdf(cast, layout, d, django_capture_on_commit_callbacks)))
    field = next(f for f in layout.fields if f["key"] == "signer_title")
    assert abs(lines["PHÓ BÍ THƯ"] - field["y"]) <= TOLERANCE


def test_explicit_line_breaks_are_kept_and_long_lines_still_wrap():
    field = {"key": "reason", "x": 148.5, "y": 118, "size": 14, "align": "center", "width": 120, "lines": 4}
    long = "Đã có thành tích xuất sắc trong công tác xây dựng Đảng và hệ thống chính trị ở cơ sở"
    lines, size = certificates.field_lines(field, f"Dòng thứ nhất\n{long}\n\nDòng cuối")
    assert size == 14
    assert lines[0] == "Dòng thứ nhất" and lines[-1] == "Dòng cuối"
    assert " ".join(lines[1:-1]) == long and len(lines) == 4  # the long line wrapped, the empty one dropped
    for line in lines:
        assert certificates.pdfmetrics.stringWidth(line, certificates._font(field), size) <= 120 * MM
    # More breaks than the field has lines: nothing lost, the rest stays on its last line.
    one = {**field, "lines": 1, "width": 200}
    assert certificates.field_lines(one, "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ")[0] == ["T/M BAN THƯỜNG VỤ PHÓ BÍ THƯ"]
    two = {**field, "lines": 2, "width": 200}
    assert certificates.field_lines(two, "A\nB\nC")[0] == ["A", "B C"]


def test_the_unit_is_not_named_twice(cast, plan, layout, django_capture_on_commit_callbacks):
    deputy, member = plan.people[1], plan.people[2]
    deputy.title = "Phó Bí thư Đảng bộ xã Lát"  # the title already names the unit (cast.commune)
    deputy.save()
    member.title = "Bí thư Chi bộ"
    member.save()
    nominations = [
        submitted(plan, cast.commune, person=deputy),
        submitted(plan, cast.commune, person=member),
        submitted(plan, cast.commune, kind="collective", nominee_unit=cast.commune),  # the proposing unit itself
    ]
    data = batch_pdf(cast, layout, signed(cast, plan, nominations), django_capture_on_commit_callbacks)
    unit_y = next(f for f in layout.fields if f["key"] == "unit")["y"]
    pages = {}  # the name printed on a page -> the text printed on the unit line
    for page in range(len(nominations)):
        lines = page_lines(data, page)
        pages[lines[0][0]] = [text for text, y in lines if abs(y - unit_y) <= TOLERANCE]
    assert pages == {
        deputy.full_name: ["Phó Bí thư Đảng bộ xã Lát"],  # not "Phó Bí thư Đảng bộ xã Lát, Đảng bộ xã Lát"
        member.full_name: ["Bí thư Chi bộ, Đảng bộ xã Lát"],  # a title without the unit gets it
        "Đảng bộ xã Lát": [],  # a collective's name is not repeated on the unit line under it
    }
