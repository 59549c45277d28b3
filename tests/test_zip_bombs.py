"""A small Word or Excel file that expands into hundreds of megabytes, or into thousands of parts, is
refused with a Vietnamese message before anything opens it: on the report's "start from a Word file",
a dossier upload, the plan import and the organisation workbook."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from guongsang.accounts.models import Role
from guongsang.importer.reading import PlanReadError, read_plan_file
from guongsang.lib.ooxml import MAX_ENTRIES, MAX_XML, check_package
from guongsang.nominations.uploads import check_upload
from guongsang.org import workbook
from tests.action_matrix_cases import writes
from tests.awards.conftest import plan  # noqa: F401 (the plan fixture)
from tests.conftest import sign_in
from tests.test_bad_input import report  # noqa: F401 (the report fixture)

BODY = (
    '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
)


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def paragraphs_bomb() -> bytes:
    """Some 18 MB of empty paragraphs (three million) in a file of a few tens of kilobytes."""
    xml = (BODY + "<w:p/>" * 3_000_000 + "</w:body></w:document>").encode()
    assert len(xml) > MAX_XML
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": xml})


def parts_bomb(required: str = "word/document.xml") -> bytes:
    parts = {f"word/media/p{i}.xml": b"<a/>" for i in range(MAX_ENTRIES + 1)}
    return _zip({"[Content_Types].xml": b"<Types/>", required: (BODY + "</w:body></w:document>").encode(), **parts})


@pytest.mark.parametrize("make", [paragraphs_bomb, parts_bomb])
def test_the_package_check_refuses_both_kinds_of_bomb(make):
    data = make()
    assert len(data) < 300_000  # a small upload
    with pytest.raises(ValidationError) as refused:
        check_package(data, "docx", "bao-cao.docx")
    assert "bao-cao.docx" in refused.value.messages[0]


def test_an_ordinary_document_passes():
    from docx import Document

    doc = Document()
    doc.add_paragraph("Báo cáo sơ kết")
    out = io.BytesIO()
    doc.save(out)
    check_package(out.getvalue(), "docx")  # raises nothing


def test_the_report_import_refuses_a_bomb_and_saves_nothing(client, cast, report):  # noqa: F811
    r, _section = report
    sign_in(client, cast.users[Role.SUBMITTER])
    written = writes()
    upload = SimpleUploadedFile("bao-cao.docx", paragraphs_bomb())
    response = client.post(reverse("reports:import_docx", args=[r.pk]), {"tep": upload})
    assert response.status_code == 200
    assert "bung ra quá lớn khi mở" in response.content.decode()
    assert writes() == written


def test_a_dossier_upload_refuses_a_bomb():
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("ho-so.docx", parts_bomb()), ["docx", "pdf"])
    assert "quá nhiều phần" in refused.value.messages[0]


def test_the_plan_import_refuses_a_bomb():
    with pytest.raises(PlanReadError) as refused:
        read_plan_file("ke-hoach.docx", paragraphs_bomb())
    assert "bung ra quá lớn" in str(refused.value)


def test_the_organisation_workbook_refuses_a_bomb():
    _sheets, errors = workbook.read_workbook(parts_bomb("xl/workbook.xml"))
    assert errors and "quá nhiều phần" in errors[0].message
