"""Document downloads: the .docx as rendered, or the same turned into .pdf."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from guongsang.documents.pdf import PdfUnavailable, docx_to_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def document_response(request, docx: bytes, name: str, fmt: str = "docx", *, fallback: str = "/"):
    """An attachment named `name.fmt`; without LibreOffice a .pdf request goes back to `fallback` with a
    message saying so."""
    if fmt == "pdf":
        try:
            data, content_type = docx_to_pdf(docx), "application/pdf"
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return redirect(fallback)
    else:
        data, content_type = docx, DOCX
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
