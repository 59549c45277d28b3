"""Uploads are checked by structure, not by their first bytes only, and a stored file is downloaded under a
name and a content type built from the type that was checked.

The outside testers' findings, each as a case: "%PDF-" followed by HTML passed as a PDF; a PDF whose
/OpenAction runs JavaScript passed; a .docx needs its parts; "bao\\u202efdp.exe" and "a\\0b.pdf.html" came
back as "baofdp.exe" and "ab.pdf.html"."""

from __future__ import annotations

import io
import random
import re
import threading
import urllib.parse
import zipfile
import zlib

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from guongsang.accounts.models import Role
from guongsang.documents.responses import document_response
from guongsang.lib.filenames import MAX_LENGTH, safe_download_name
from guongsang.nominations import services as nominating
from guongsang.nominations import uploads
from guongsang.nominations.models import DossierFile
from guongsang.nominations.uploads import TYPES, check_upload
from guongsang.reports import services as reporting
from guongsang.reports.models import ReportAttachment
from tests.awards.conftest import plan  # noqa: F401 (the plan fixture)
from tests.conftest import sign_in
from tests.pdfs import PAGE, PAGES, VALID, pdf, with_catalog
from tests.test_bad_input import report  # noqa: F401 (the report fixture)

# --- PDFs written here, object by object, with a correct cross-reference table -------------------------


def reportlab_pdf(encrypt=None, pages: int = 1) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    sheet = canvas.Canvas(out, encrypt=encrypt)
    for number in range(pages):
        sheet.drawString(72, 760, f"Báo cáo thành tích, trang {number + 1}")
        sheet.showPage()
    sheet.save()
    return out.getvalue()


def owner_password_only() -> bytes:
    """Encrypted with an owner password and an empty user password: it opens without asking (many
    offices' scanners write these to forbid editing), so it is checked like any other."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    return reportlab_pdf(encrypt=StandardEncryption("", ownerPassword="chu-so-huu"))


def inflating_object_stream() -> bytes:
    """A 40 KB object stream that inflates to 40 MB, in a file whose xref is broken: pdfminer's repair
    decodes every object stream it finds."""
    packer = zlib.compressobj(9)
    bomb = b"".join(packer.compress(b"\x00" * 1048576) for _ in range(40)) + packer.flush()
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (
        len(bomb),
        bomb,
    )
    return with_catalog(b"", stream).replace(b"startxref", b"startxrex")


def refused(data: bytes, name: str = "ho-so.pdf", allowed=("pdf", "docx")) -> str:
    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile(name, data), list(allowed))
    return " ".join(error.value.messages)


# --- PDF structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(VALID, id="hand-written"),
        pytest.param(reportlab_pdf(pages=3), id="reportlab"),
        pytest.param(with_catalog(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), id="open-at-a-goto"),
        pytest.param(with_catalog(b"/OpenAction [3 0 R /FitH 842]"), id="open-at-a-destination"),
        pytest.param(
            with_catalog(
                b"",
                page=b"<< /Type /Page /Parent 2 0 R /Annots [<< /Subtype /Link /A << /S /URI "
                b"/URI (https://example.org) >> >>] >>",
            ),
            id="a-web-link",
        ),
        pytest.param(owner_password_only(), id="owner-password-only"),
    ],
)
def test_a_pdf_that_parses_and_runs_nothing_is_accepted(data):
    assert check_upload(SimpleUploadedFile("bao-cao.pdf", data), ["pdf"]) == "pdf"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        pytest.param(
            b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n",
            "không đọc được cấu trúc PDF",
            id="html-after-the-header",
        ),
        pytest.param(VALID[: len(VALID) // 2], "thiếu phần cuối", id="truncated"),
        pytest.param(
            VALID[: len(VALID) // 2] + b"\n%%EOF\n", "không đọc được cấu trúc PDF", id="truncated-then-an-eof-marker"
        ),
        pytest.param(
            pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"),
            "không đọc được cấu trúc PDF",
            id="no-page",
        ),
        pytest.param(reportlab_pdf(encrypt="mat-khau"), "bản không đặt mật khẩu", id="encrypted"),
        pytest.param(inflating_object_stream(), "bung ra hơn 32 MB", id="inflating-object-stream"),
    ],
)
def test_a_pdf_that_does_not_parse_is_refused(data, said):
    message = refused(data)
    assert said in message and "“ho-so.pdf”" in message


JS = b"<< /S /JavaScript /JS (app.alert('x')) >>"


def _within(seconds: float, check, *args) -> str:
    """`check(*args)`'s refusal, or "" if it accepted; the test fails if it takes longer than `seconds`
    (on a daemon thread, so that a check that never ends does not keep the test run alive)."""
    outcome: list[str] = []

    def run():
        try:
            check(*args)
            outcome.append("")
        except ValidationError as error:
            outcome.append(" ".join(error.messages))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "the check did not end"
    return outcome[0]


def _prev_loop(*objects: bytes) -> bytes:
    """A PDF whose cross-reference section names itself as the previous one."""
    first = pdf(*objects)
    start = int(first.rsplit(b"startxref\n", 1)[1].split()[0])
    return pdf(*objects, trailer=b"/Prev %d" % start)


def test_loops_in_the_structure_end_quickly():
    cycle = pdf(b"2 0 R", b"1 0 R")  # the catalog is a reference to a reference to itself
    assert "không đọc được cấu trúc PDF" in _within(10, uploads.check_pdf, cycle, "x.pdf")
    pages = pdf(b"<< /Type /Catalog /Pages 2 0 R >>", b"4 0 R", PAGE, b"2 0 R")  # the page tree too
    assert _within(10, uploads.check_pdf, pages, "x.pdf") == ""
    looping = _prev_loop(b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>", PAGES, PAGE, JS)
    assert "/OpenAction" in _within(10, uploads.check_pdf, looping, "x.pdf")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        pytest.param(with_catalog(b"/OpenAction 4 0 R", JS), "/OpenAction", id="open-action-javascript"),
        pytest.param(
            with_catalog(b"/OpenAction << /S /J#61vaScript /J#53 4 0 R >>", b"(app.alert(1))"),
            "/OpenAction",
            id="open-action-javascript-spelt-in-hex",
        ),
        pytest.param(
            with_catalog(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next 4 0 R >>", JS),
            "/OpenAction",
            id="a-goto-then-javascript",
        ),
        pytest.param(
            with_catalog(b"/Names << /JavaScript 4 0 R >>", b"<< /Names [(a) 5 0 R] >>", JS),
            "mã JavaScript",
            id="names-javascript",
        ),
        pytest.param(with_catalog(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "/Launch", id="launch-on-open"),
        pytest.param(
            with_catalog(
                b"",
                b"<< /Subtype /Link /A << /S /Launch /F (a.exe) >> >>",
                page=b"<< /Type /Page /Parent 2 0 R /Annots [4 0 R] >>",
            ),
            "/Launch",
            id="launch-link",
        ),
        pytest.param(
            with_catalog(b"", JS, page=b"<< /Type /Page /Parent 2 0 R /AA << /O 4 0 R >> >>"),
            "/AA",
            id="page-open-javascript",
        ),
        pytest.param(
            with_catalog(
                b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
            ),
            "/EmbeddedFile",
            id="embedded-file",
        ),
        pytest.param(
            with_catalog(b"", b"<< /Subtype /RichMedia /RichMediaContent << >> >>"), "/RichMedia", id="rich-media"
        ),
        pytest.param(
            with_catalog(b"/AcroForm << /Fields [] /XFA 4 0 R >>", b"<< /Length 0 >>\nstream\n\nendstream"),
            "XFA",
            id="xfa-form",
        ),
    ],
)
def test_a_pdf_with_active_content_is_refused_saying_why(data, said):
    message = refused(data)
    assert "có thể tự chạy" in message and said in message


def test_a_damaged_pdf_only_ever_raises_a_vietnamese_refusal():
    """Bytes changed, cut or repeated anywhere in two real PDFs: the check accepts or refuses in
    Vietnamese, and nothing else escapes it."""
    rng = random.Random(20260507)
    for original in (VALID, reportlab_pdf()):
        for _ in range(150):
            data = bytearray(original)
            at = rng.randrange(len(data))
            match rng.randrange(3):
                case 0:
                    data[at] = rng.randrange(256)
                case 1:
                    del data[at : at + rng.randrange(1, 40)]
                case _:
                    data[at:at] = data[max(0, at - 30) : at]
            try:
                uploads.check_pdf(bytes(data), "x.pdf")
            except ValidationError as error:
                assert "“x.pdf”" in error.messages[0]


# --- Word ------------------------------------------------------------------------------------------


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_docx_needs_its_content_types_and_its_document():
    from docx import Document

    real = io.BytesIO()
    Document().save(real)
    assert check_upload(SimpleUploadedFile("x.docx", real.getvalue()), ["docx"]) == "docx"
    no_document = _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<w:styles/>"})
    assert "thiếu phần word/document.xml" in refused(no_document, "x.docx")
    no_types = _zip({"word/document.xml": b"<w:document/>"})
    assert "thiếu phần [Content_Types].xml" in refused(no_types, "x.docx")


# --- download names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "extension", "served"),
    [
        ("bao\u202efdp.exe", "pdf", "baofdp.pdf"),
        ("a\x00b.pdf.html", "pdf", "ab.pdf"),
        ("baofdp.exe", "pdf", "baofdp.pdf"),
        ("Báo cáo thành tích.PDF", "pdf", "Báo cáo thành tích.pdf"),
        ("Ba\u0301o ca\u0301o.docx", "docx", "Báo cáo.docx"),  # decomposed: made NFC
        ("anh.jpeg", "jpg", "anh.jpg"),
        ("anh.png", "pdf", "anh.pdf"),
        ("Số 12.2024", "pdf", "Số 12.2024.pdf"),  # a year is no extension
        ("Quyết định 12/QĐ-TU.pdf", "pdf", "Quyết định 12_QĐ-TU.pdf"),
        ('a<b>c:d"e|f?g*h\\i.pdf', "pdf", "a_b_c_d_e_f_g_h_i.pdf"),
        ('ban "ky"\r\nSet-Cookie: x=1.pdf', "pdf", "ban _ky_ Set-Cookie_ x=1.pdf"),
        ("a\u200fb\u2028c\u2029d\ufeffe\u200b.png", "png", "ab c de.png"),
        ("\ud800x.pdf", "pdf", "x.pdf"),  # a lone surrogate cannot go into a header
        ("  .. bao cao . .pdf. ", "pdf", "bao cao.pdf"),
        ("", "pdf", "tep.pdf"),
        ("....", "png", "tep.png"),
        (".pdf", "pdf", "tep.pdf"),
        ("\u202e\x00", "docx", "tep.docx"),
        ("CON.pdf", "pdf", "_CON.pdf"),
    ],
)
def test_the_download_name_is_clean_and_ends_with_the_checked_type(original, extension, served):
    assert safe_download_name(original, extension) == served


def test_a_long_name_is_cut_and_keeps_the_checked_extension():
    name = safe_download_name("Báo cáo " * 40 + ".exe", "pdf")
    assert len(name) <= MAX_LENGTH and name.startswith("Báo cáo Báo") and name.endswith(".pdf")
    assert ".exe" not in name
    assert len(safe_download_name("x" * 500, "docx")) == MAX_LENGTH


def test_an_extension_that_is_not_one_is_a_programming_error():
    with pytest.raises(ValueError):
        safe_download_name("x.pdf", "pdf\r\n")


def _filename(response) -> str:
    """The file name a browser takes from the response's Content-Disposition."""
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    if match := re.fullmatch(r"attachment; filename\*=utf-8''(\S+)", header):
        return urllib.parse.unquote(match[1])
    match = re.fullmatch(r'attachment; filename="((?:[^"\\]|\\.)*)"', header)
    assert match, header
    return re.sub(r"\\(.)", r"\1", match[1])


# --- through the pages: dossier files ------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def _told(response) -> str:
    """The messages the page a refused upload goes back to shows."""
    assert response.status_code == 302
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def _stored(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def nomination(cast, plan):  # noqa: F811
    return nominating.nomination_save(
        actor=cast.users[Role.SUBMITTER],
        campaign=plan.campaign,
        unit=cast.commune,
        kind="individual",
        person=cast.person,
        summary="Gương mẫu trong công tác dân vận.",
    )


def test_a_dossier_pdf_named_like_an_executable_downloads_as_a_pdf(client, cast, plan, nomination, media):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    upload = SimpleUploadedFile("bao\u202efdp.exe", VALID, content_type="application/x-msdownload")
    url = reverse("nominations:upload", args=[nomination.pk, plan.requirement.pk])
    assert client.post(url, {"tep": upload}).status_code == 302
    record = DossierFile.objects.get(nomination=nomination)
    response = client.get(reverse("nominations:download", args=[record.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == VALID
    served = _filename(response)
    assert "\u202e" not in served and served.endswith(".pdf") and served == "baofdp.pdf"
    assert response["Content-Type"] == "application/pdf"


def test_a_dossier_upload_of_html_after_a_pdf_header_is_refused_and_stores_nothing(
    client,
    cast,
    plan,  # noqa: F811
    nomination,
    media,
):
    sign_in(client, cast.users[Role.SUBMITTER])
    upload = SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4\n<html><body>Xin chao</body></html>\n%%EOF\n")
    url = reverse("nominations:upload", args=[nomination.pk, plan.requirement.pk])
    page = _told(client.post(url, {"tep": upload}))
    assert "Tệp “bao-cao.pdf” không phải PDF hợp lệ (không đọc được cấu trúc PDF)" in page
    assert not DossierFile.objects.exists() and _stored(media) == []


def test_a_dossier_upload_with_javascript_is_refused_and_stores_nothing(client, cast, plan, nomination, media):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    upload = SimpleUploadedFile("bao-cao.pdf", with_catalog(b"/OpenAction 4 0 R", JS))
    url = reverse("nominations:upload", args=[nomination.pk, plan.requirement.pk])
    page = _told(client.post(url, {"tep": upload}))
    assert "có thể tự chạy" in page and "/OpenAction" in page
    assert not DossierFile.objects.exists() and _stored(media) == []


@pytest.mark.parametrize(
    ("original", "served"),
    [
        ("bao\u202efdp.exe", "baofdp.pdf"),
        ("a\u200fb\u2028.pdf.html", "ab.pdf"),
        ('ban "ky"\r\nSet-Cookie: x=1.pdf', "ban _ky_ Set-Cookie_ x=1.pdf"),
    ],
)
def test_a_stored_name_with_hidden_characters_downloads_clean(client, cast, plan, nomination, original, served):  # noqa: F811
    """Names as a service caller (an import, a restored backup) may store them: through the upload form
    Django drops such characters. (A NUL cannot be stored at all on PostgreSQL: see the next test.)"""
    record = nominating.upload_dossier_file(
        actor=cast.users[Role.SUBMITTER],
        nomination=nomination,
        requirement=plan.requirement,
        upload=SimpleUploadedFile(original, VALID, content_type="text/html"),
    )
    assert record.original_name == original[:255]  # kept as data
    sign_in(client, cast.users[Role.SUBMITTER])
    response = client.get(reverse("nominations:download", args=[record.pk]))
    assert _filename(response) == served
    assert "\x00" not in response["Content-Disposition"] and "Set-Cookie" not in response.headers
    assert response["Content-Type"] == "application/pdf"


def test_a_dossier_name_with_a_nul_downloads_as_a_pdf_without_it(client, cast, plan, nomination):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    upload = SimpleUploadedFile("a\x00b.pdf.html", VALID, content_type="text/html")
    url = reverse("nominations:upload", args=[nomination.pk, plan.requirement.pk])
    assert client.post(url, {"tep": upload}).status_code == 302
    record = DossierFile.objects.get(nomination=nomination)
    response = client.get(reverse("nominations:download", args=[record.pk]))
    assert _filename(response) == "ab.pdf" and "\x00" not in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


# --- through the pages: a report's signed copy ----------------------------------------------------------


def test_a_report_attachment_is_served_under_the_checked_type(client, cast, report, media):  # noqa: F811
    r, _section = report
    sign_in(client, cast.users[Role.SUBMITTER])
    url = reverse("reports:attachment_upload", args=[r.pk])
    upload = SimpleUploadedFile("ban-ky.pdf.html", reportlab_pdf(), content_type="text/html")
    assert client.post(url, {"tep": upload}).status_code == 302
    record = ReportAttachment.objects.get(report=r)
    response = client.get(reverse("reports:attachment", args=[record.pk]))
    assert _filename(response) == "ban-ky.pdf"
    assert response["Content-Type"] == TYPES["pdf"]


def test_a_report_attachment_with_an_embedded_file_is_refused_and_stores_nothing(client, cast, report, media):  # noqa: F811
    r, _section = report
    sign_in(client, cast.users[Role.SUBMITTER])
    data = with_catalog(
        b"/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
        b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
    )
    page = _told(
        client.post(reverse("reports:attachment_upload", args=[r.pk]), {"tep": SimpleUploadedFile("ban-ky.pdf", data)})
    )
    assert "/EmbeddedFile" in page
    assert not ReportAttachment.objects.exists() and _stored(media) == []


def test_a_report_attachment_encrypted_with_a_password_is_refused(cast, report):  # noqa: F811
    r, _section = report
    with pytest.raises(ValidationError) as error:
        reporting.upload_attachment(
            actor=cast.users[Role.SUBMITTER],
            report=r,
            upload=SimpleUploadedFile("ban-ky.pdf", reportlab_pdf(encrypt="mat-khau")),
        )
    assert "bản không đặt mật khẩu" in error.value.messages[0]
    assert not ReportAttachment.objects.exists()


# --- generated documents ----------------------------------------------------------------------------------


def test_a_generated_document_name_cannot_break_its_header():
    request = RequestFactory().get("/")
    response = document_response(request, b"PK\x03\x04", 'bao-cao-"T-LAT"\r\nSet-Cookie: x=1')
    assert _filename(response) == "bao-cao-_T-LAT_ Set-Cookie_ x=1.docx"
    assert "Set-Cookie" not in response.headers
    plain = document_response(request, b"PK\x03\x04", "bao-cao-T-LAT")
    assert plain["Content-Disposition"] == 'attachment; filename="bao-cao-T-LAT.docx"'


def test_a_report_download_with_a_quote_in_the_unit_code_is_served(client, cast, report):  # noqa: F811
    r, _section = report
    type(cast.commune).objects.filter(pk=cast.commune.pk).update(code='T"LAT\nX')
    sign_in(client, cast.users[Role.SUBMITTER])
    response = client.get(reverse("reports:download", args=[r.pk, "docx"]))
    assert response.status_code == 200
    assert _filename(response) == "bao-cao-T_LAT X.docx"
