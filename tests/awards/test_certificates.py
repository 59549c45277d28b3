import io

import pdfplumber
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from guongsang.accounts.models import Role
from guongsang.awards import certificates
from guongsang.awards.models import CertificateBatch, CertificateLayout, PrinterCalibration
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
