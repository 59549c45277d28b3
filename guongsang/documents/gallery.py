"""Every kind of document the app prints, rendered from the data in the database (the demo): the
plan, the unit report of each kind of issuer, the consolidated report, the Tờ trình with its list,
the achievement report, the decisions, certificates, the book of models and the workbooks.

`render_all` writes .docx/.pdf/.xlsx files and a PNG of page 1 of each printed document, and reads
each one back with the document checker, so a reader (and `manage.py render_documents`) sees what
the app prints and whether its layout holds."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model

from guongsang.documents.checker import check_docx, check_pdf, page_count
from guongsang.documents.issuers import IssuerIncomplete, family_of
from guongsang.documents.pdf import PdfUnavailable, convert_many


@dataclass
class Sample:
    """One document to render: its file stem, its kind (a line of the gallery), the issuer's family."""

    name: str
    kind: str
    issuer: str
    family: str
    build: Callable[[], bytes]
    extension: str = "docx"


@dataclass
class Rendered:
    sample: Sample
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pages: int = 0


def _one_per(items, key) -> list:
    seen: dict = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def samples() -> Iterator[Sample]:
    """The documents of the current database, one of each kind for each kind of issuer."""
    from guongsang.awards import certificates, escalation, selection
    from guongsang.awards.documents import decision_docx, models_book
    from guongsang.awards.models import AwardDecision, CertificateLayout
    from guongsang.campaigns.documents import render_plan_docx
    from guongsang.campaigns.models import Campaign
    from guongsang.nominations import documents as nominations_documents
    from guongsang.nominations.models import Nomination
    from guongsang.reports import aggregation
    from guongsang.reports.documents import report_docx
    from guongsang.reports.models import Report

    campaigns = list(Campaign.objects.select_related("issuer__kind").exclude(status=Campaign.Status.DRAFT))
    for c in _one_per(campaigns, lambda c: family_of(c.issuer)):
        yield Sample(
            f"ke-hoach-{c.pk}", "Kế hoạch", c.issuer.name, family_of(c.issuer), lambda c=c: render_plan_docx(c)
        )

    reports = Report.objects.select_related("unit__kind", "campaign__issuer")
    reports = [r for r in reports.order_by("pk") if r.submitted_at or r.unit_id == r.campaign.issuer_id]
    for r in _one_per(reports, lambda r: (r.unit.kind_id, r.unit_id == r.campaign.issuer_id)):
        consolidated = r.unit_id == r.campaign.issuer_id
        yield Sample(
            f"bao-cao-{'tong-hop-' if consolidated else ''}{r.pk}",
            "Báo cáo tổng hợp" if consolidated else f"Báo cáo đơn vị — {r.unit.kind.name}",
            r.unit.name,
            family_of(r.unit),
            lambda r=r: report_docx(r),
        )

    nominations = list(
        Nomination.objects.select_related("unit__kind", "campaign", "person__unit", "award_form")
        .exclude(state=Nomination.State.DRAFT)
        .order_by("pk")
    )
    for n in _one_per(nominations, lambda n: family_of(n.unit))[:2]:
        mine = [m for m in nominations if m.unit_id == n.unit_id and m.campaign_id == n.campaign_id]
        yield Sample(
            f"to-trinh-{n.unit.code}",
            "Tờ trình đề nghị khen thưởng",
            n.unit.name,
            family_of(n.unit),
            lambda n=n, mine=mine: nominations_documents.proposal_letter(n.campaign, n.unit, mine),
        )
    viewer = get_user_model().objects.filter(is_superuser=True).first()
    for kind in _one_per(nominations, lambda n: n.kind):
        yield Sample(
            f"bao-cao-thanh-tich-{kind.pk}",
            f"Báo cáo thành tích ({kind.get_kind_display().lower()})",
            kind.unit.name,
            "form",
            lambda n=kind: nominations_documents.achievement_report(n, viewer=viewer),
        )

    decisions = AwardDecision.objects.select_related("award_list__campaign__issuer__kind", "award_list__award_form")
    for d in _one_per(decisions.order_by("pk"), lambda d: d.style):
        campaign = d.award_list.campaign
        yield Sample(
            f"quyet-dinh-{d.pk}",
            "Quyết định khen thưởng (" + ("Đảng" if d.style == AwardDecision.Style.PARTY else "Nhà nước") + ")",
            d.authority if d.style == AwardDecision.Style.STATE else campaign.issuer.name,
            family_of(campaign.issuer) if d.style == AwardDecision.Style.PARTY else "state",
            lambda d=d: decision_docx(d),
        )
        awards = list(d.awards.order_by("position"))
        layout = CertificateLayout.objects.filter(unit__isnull=True).first() or CertificateLayout(
            name="Mẫu chung", fields=certificates.default_fields()
        )
        if awards and d.status == AwardDecision.Status.SIGNED:
            yield Sample(
                f"giay-khen-{d.pk}",
                "Giấy khen (in lên phôi)",
                campaign.issuer.name,
                family_of(campaign.issuer),
                lambda awards=awards, layout=layout: certificates.render(
                    layout, [certificates.texts_for(a) for a in awards[:3]]
                ),
                "pdf",
            )
            book = list(escalation.awards_of(campaign))
            yield Sample(
                f"sach-mo-hinh-{campaign.pk}",
                "Sách mô hình, gương tiêu biểu",
                campaign.issuer.name,
                "book",
                lambda campaign=campaign, book=book: models_book(campaign, book),
            )
            yield Sample(
                f"bang-diem-{campaign.pk}",
                "Bảng điểm chấm hồ sơ (Excel)",
                campaign.issuer.name,
                family_of(campaign.issuer),
                lambda campaign=campaign: selection.scores_workbook(campaign),
                "xlsx",
            )
    for c in _one_per([c for c in campaigns if c.status != Campaign.Status.DRAFT], lambda c: 0):
        yield Sample(
            f"so-lieu-tong-hop-{c.pk}",
            "Số liệu tổng hợp (Excel)",
            c.issuer.name,
            family_of(c.issuer),
            lambda c=c: aggregation.figures_workbook(aggregation.aggregate(c)),
            "xlsx",
        )


def _png(pdf: Path, stem: Path, width: int) -> bool:
    """Page 1 of the PDF as stem.png, `width` pixels wide (poppler's pdftoppm)."""
    if not shutil.which("pdftoppm"):
        return False
    subprocess.run(
        [*"pdftoppm -png -singlefile -f 1 -l 1 -scale-to-y -1 -scale-to-x".split(), str(width), str(pdf), str(stem)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return True


def render_all(out: Path, *, pictures: bool = True, width: int = 700) -> list[Rendered]:
    """Render every sample into `out`; each result lists its files and what the checker found."""
    out.mkdir(parents=True, exist_ok=True)
    results: list[Rendered] = []
    docx: list[tuple[Rendered, bytes]] = []
    for sample in samples():
        result = Rendered(sample)
        results.append(result)
        try:
            data = sample.build()
        except IssuerIncomplete as exc:
            result.problems.append(" ".join(exc.messages))
            continue
        path = out / f"{sample.name}.{sample.extension}"
        path.write_bytes(data)
        result.files.append(path.name)
        if sample.extension == "docx":
            result.problems += check_docx(data, family=sample.family)
            docx.append((result, data))
        elif sample.extension == "pdf":
            result.problems += check_pdf(data)
    try:
        pdfs = convert_many([data for _, data in docx], ".docx", "pdf") if docx else []
    except PdfUnavailable as exc:
        for result, _ in docx:
            result.problems.append(f"không chuyển được sang PDF: {exc}")
        pdfs = []
    for (result, _), pdf in zip(docx, pdfs, strict=False):
        path = out / f"{result.sample.name}.pdf"
        path.write_bytes(pdf)
        result.files.append(path.name)
        result.problems += check_pdf(pdf)
    for result in results:
        pdf = out / f"{result.sample.name}.pdf"
        if pdf.exists():
            result.pages = page_count(pdf.read_bytes())
            if pictures and _png(pdf, out / result.sample.name, width):
                result.files.append(f"{result.sample.name}.png")
    return results


def summary(results: list[Rendered]) -> str:
    """A Markdown table of what was rendered: kind, issuer, files, pages, checker findings."""
    lines = ["| Văn bản | Đơn vị ban hành | Tệp | Trang | Kiểm tra |", "|---|---|---|---|---|"]
    for r in results:
        found = "; ".join(r.problems) if r.problems else "đạt"
        lines.append(f"| {r.sample.kind} | {r.sample.issuer} | {', '.join(r.files)} | {r.pages or ''} | {found} |")
    return "\n".join(lines) + "\n"
