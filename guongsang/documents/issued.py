"""Documents kept as they were signed: an issued plan, a signed decision.

`freeze` is called inside the transaction that issues or signs: it renders the .docx from the data of
that moment, stores it with that data and a checksum as a new version, and has a background task make
the .pdf from the stored .docx once the transaction has committed. `stored_response` serves a stored
version; nothing re-renders a signed document from live data, so renaming a unit or correcting a name
later changes only documents issued after the change."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django_tasks import task

from guongsang.documents.models import IssuedDocument
from guongsang.documents.pdf import PdfUnavailable, docx_to_pdf
from guongsang.documents.responses import DOCX
from guongsang.lib.filenames import attachment_header, safe_download_name
from guongsang.lib.files import store
from guongsang.lib.typing import Actor

logger = logging.getLogger(__name__)


def plan_key(campaign_id: int) -> str:
    return f"plan:{campaign_id}"


def decision_key(decision_id: int) -> str:
    return f"decision:{decision_id}"


def freeze(*, key: str, title: str, render: Callable[[], bytes], data: dict, actor: Actor | None) -> IssuedDocument:
    """Store a new version of the document `key`, rendered now; the .pdf follows after commit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("freeze() belongs inside the transaction that issues or signs the document")
    docx = render()
    last = IssuedDocument.objects.filter(key=key).aggregate(last=Max("version"))["last"] or 0
    doc = IssuedDocument(
        key=key,
        version=last + 1,
        title=title[:300],
        sha256=hashlib.sha256(docx).hexdigest(),
        data=data,
        issued_at=timezone.now(),
        issued_by=actor if getattr(actor, "pk", None) else None,
    )
    store(doc.docx, "van-ban.docx", ContentFile(docx))  # removed again if the transaction rolls back
    doc.save()
    transaction.on_commit(lambda: make_pdf.enqueue(doc.pk))
    return doc


@task()
def make_pdf(pk: int) -> str:
    return store_pdf(pk)


def store_pdf(pk: int) -> str:
    """The .pdf of a stored version, converted from its stored .docx (never from live data)."""
    doc = IssuedDocument.objects.get(pk=pk)
    if doc.pdf_state == IssuedDocument.Pdf.READY:
        return doc.pdf_state
    try:
        with doc.docx.open("rb") as f:
            pdf = docx_to_pdf(f.read())
    except PdfUnavailable:
        logger.warning("PDF of issued document %s not made: LibreOffice unavailable", pk)
        IssuedDocument.objects.filter(pk=pk).update(pdf_state=IssuedDocument.Pdf.FAILED)
        return IssuedDocument.Pdf.FAILED
    doc.pdf.save("van-ban.pdf", ContentFile(pdf), save=False)
    doc.pdf_state = IssuedDocument.Pdf.READY
    doc.save(update_fields=["pdf", "pdf_state"])
    return doc.pdf_state


def versions(key: str) -> list[IssuedDocument]:
    return list(IssuedDocument.objects.filter(key=key).order_by("-version"))


def stored(key: str, version: str | int | None = None) -> IssuedDocument | None:
    """The latest stored version of `key`, or the one asked for (None when there is none)."""
    found = IssuedDocument.objects.filter(key=key)
    if version not in (None, ""):
        try:
            return found.filter(version=int(version)).first()
        except (TypeError, ValueError):
            return None
    return found.order_by("-version").first()


def kept_response(request, key: str, name: str, fmt: str, *, fallback: str):
    """The download of an issued or signed document: its stored version (the latest, or `?phien_ban=N`);
    None when nothing is stored for it (then the caller renders it). An unknown version is a 404."""
    asked = request.GET.get("phien_ban")
    doc = stored(key, asked)
    if doc is None and asked:
        raise Http404("Không có bản này của văn bản.")
    if doc is None:
        return None
    return stored_response(request, doc, f"{name}-ban-{doc.version}" if asked else name, fmt, fallback=fallback)


def stored_response(request, doc: IssuedDocument, name: str, fmt: str, *, fallback: str):
    """The stored file as an attachment; a .pdf the background task has not made yet is made now, from
    the stored .docx, and kept."""
    if fmt == "pdf" and doc.pdf_state != IssuedDocument.Pdf.READY:
        if store_pdf(doc.pk) != IssuedDocument.Pdf.READY:
            messages.error(request, "Chưa tạo được bản PDF (máy chủ thiếu LibreOffice); hãy tải bản .docx.")
            return redirect(fallback)
        doc.refresh_from_db()
    field, content_type = (doc.pdf, "application/pdf") if fmt == "pdf" else (doc.docx, DOCX)
    with field.open("rb") as f:
        response = HttpResponse(f.read(), content_type=content_type)
    response["Content-Disposition"] = attachment_header(safe_download_name(f"{name}.{fmt}", fmt))
    return response
