"""Document downloads: the .docx as rendered, or the same turned into .pdf."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from guongsang.documents.issuers import IssuerIncomplete
from guongsang.documents.pdf import PdfUnavailable, docx_to_pdf
from guongsang.lib.filenames import attachment_header, safe_download_name

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(request, docx, name: str, fmt: str = "docx", *, fallback: str = "/"):
    """An attachment named `name.fmt` (made safe by `safe_download_name`) of `docx` (bytes, or a function
    that renders them). A document whose issuer lacks its abbreviation or place, or a .pdf without
    LibreOffice, goes back to `fallback` with a message saying what to do."""
    if callable(docx):
        try:
            docx = docx()
        except IssuerIncomplete as exc:
            messages.error(request, exc.messages[0])
            return redirect(fallback)
    if fmt == "pdf":
        try:
            data, content_type = docx_to_pdf(docx), "application/pdf"
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(fallback)
    else:
        data, content_type = docx, DOCX
    response = HttpResponse(data, content_type=content_type)
    # Names are built from codes and symbols a user typed: cleaned, then quoted (or percent-encoded) by Django.
    response["Content-Disposition"] = attachment_header(safe_download_name(f"{name}.{fmt}", fmt))
    return response
