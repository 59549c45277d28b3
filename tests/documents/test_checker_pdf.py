"""The .pdf checker: a page that holds nothing but its number is blank, and a font must be embedded."""

import io

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from guongsang.documents.checker import check_pdf

LIBERATION = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def pdf(pages: list[str], font: str) -> bytes:
    out = io.BytesIO()
    sheet = canvas.Canvas(out, initialFontName=font)  # no Helvetica declared by default
    for text in pages:
        sheet.setFont(font, 12)
        if text:
            sheet.drawString(72, 720, text)
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def test_a_page_with_only_its_number_is_blank_and_the_others_are_not():
    pdfmetrics.registerFont(TTFont("LiberationSerif", LIBERATION))
    data = pdf(["Báo cáo kết quả", "2", "", "Danh sách"], "LiberationSerif")
    assert check_pdf(data) == ["trang 2 trắng", "trang 3 trắng"]
    assert check_pdf(pdf(["Báo cáo kết quả"], "LiberationSerif")) == []


def test_a_font_not_embedded_is_named():
    assert check_pdf(pdf(["Bao cao"], "Helvetica")) == ["phông /'Helvetica' không được nhúng"]
