import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from guongsang.accounts.models import Role
from guongsang.awards import escalation
from guongsang.awards.documents import models_book
from guongsang.awards.models import Escalation
from guongsang.campaigns.models import AwardForm, Campaign, DossierRequirement, Participation
from guongsang.nominations.models import Nomination
from tests.awards.conftest import DUE, signed, submitted


@pytest.fixture
def decided(cast, plan):
    people = [submitted(plan, cast.commune, person=p) for p in plan.people[:2]]
    collective = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    decision = signed(cast, plan, [*people, collective])
    return {a.nomination.nominee_name: a for a in decision.awards.select_related("nomination")}


def test_cap_of_the_higher_form(cast, plan, decided):
    manager = cast.users[Role.MANAGER]
    escalation.escalate(actor=manager, award=decided["Nguyễn Thị Ánh"], target=plan.upward)
    with pytest.raises(ValidationError, match="chỉ nhận 1 cá nhân; đã chọn đủ 1"):
        escalation.escalate(actor=manager, award=decided["Lê Văn Cường"], target=plan.upward)
    escalation.escalate(actor=manager, award=decided["Chi bộ Tòa án"], target=plan.upward)  # no cap on collectives
    assert Escalation.objects.count() == 2


def test_the_higher_forms_deadline_is_kept(cast, plan, decided):
    with pytest.raises(ValidationError, match="Đã quá hạn 23:59 20/12/2030"):
        escalation.escalate(
            actor=cast.users[Role.MANAGER],
            award=decided["Nguyễn Thị Ánh"],
            target=plan.upward,
            now=DUE + dt.timedelta(minutes=1),
        )
    assert not Escalation.objects.exists()


def test_only_escalation_forms_of_the_plan(cast, plan, decided):
    with pytest.raises(ValidationError, match="không phải hình thức đề nghị cấp trên"):
        escalation.escalate(actor=cast.users[Role.MANAGER], award=decided["Nguyễn Thị Ánh"], target=plan.form)


@pytest.fixture
def parent(cast, plan):
    """The province's plan, in the system, in which the district takes part."""
    upper = Campaign.objects.create(
        issuer=cast.root,
        number=61,
        date=dt.date(2026, 1, 5),
        status=Campaign.Status.ISSUED,
        title="Biểu dương cấp tỉnh",
    )
    Participation.objects.create(campaign=upper, unit=cast.district)
    AwardForm.objects.create(
        campaign=upper,
        name="Bằng khen",
        granted_by="Ban Thường vụ Tỉnh ủy Mẫu",
        nominee_kinds=["collective", "individual"],
    )
    DossierRequirement.objects.create(
        campaign=upper, document="Báo cáo thành tích", nominee_kinds=["collective", "individual"]
    )
    plan.campaign.parent = upper
    plan.campaign.save()
    return upper


def test_escalation_creates_nominations_in_the_parent_campaign(cast, plan, decided, parent):
    manager = cast.users[Role.MANAGER]
    escalation.escalate(actor=manager, award=decided["Nguyễn Thị Ánh"], target=plan.upward)
    escalation.escalate(actor=manager, award=decided["Chi bộ Tòa án"], target=plan.upward)
    created = escalation.send_to_parent(actor=manager, campaign=plan.campaign, target=plan.upward)
    assert len(created) == 2
    arrived = Nomination.objects.filter(campaign=parent).order_by("kind")
    assert [(n.unit, n.kind, n.nominee_name, n.state, n.award_form.granted_by) for n in arrived] == [
        (cast.district, "collective", "Chi bộ Tòa án", "draft", "Ban Thường vụ Tỉnh ủy Mẫu"),
        (cast.district, "individual", "Nguyễn Thị Ánh", "draft", "Ban Thường vụ Tỉnh ủy Mẫu"),
    ]
    for n in arrived:  # the dossier came along, filed under the parent's own requirement
        (record,) = n.files.all()
        assert record.requirement.campaign == parent
        with record.file.open("rb") as handle:
            assert handle.read().startswith(b"%PDF")
    assert all(e.sent_at for e in Escalation.objects.all())
    with pytest.raises(ValidationError, match="đã gửi hết"):
        escalation.send_to_parent(actor=manager, campaign=plan.campaign, target=plan.upward)
    with pytest.raises(ValidationError, match="Đã gửi lên cấp trên"):
        escalation.unescalate(actor=manager, escalation=Escalation.objects.first())


def test_without_a_parent_in_the_system_a_package_is_made(cast, plan, decided):
    manager = cast.users[Role.MANAGER]
    escalation.escalate(actor=manager, award=decided["Nguyễn Thị Ánh"], target=plan.upward)
    with pytest.raises(ValidationError, match="tải gói hồ sơ"):
        escalation.send_to_parent(actor=manager, campaign=plan.campaign, target=plan.upward)
    with zipfile.ZipFile(io.BytesIO(escalation.package(plan.campaign, plan.upward))) as z:
        names = z.namelist()
        letter = Document(io.BytesIO(z.read("01-to-trinh.docx")))
    assert names[:2] == ["01-to-trinh.docx", "02-danh-sach.xlsx"]
    assert names[2] == "03-ho-so/01-nguyen-thi-anh/bao-cao-thanh-tich.pdf"
    text = "\n".join(p.text for p in letter.paragraphs) + "".join(
        c.text for t in letter.tables for r in t.rows for c in r.cells
    )
    assert "đề nghị Bằng khen của Ban Thường vụ Tỉnh ủy Mẫu" in text
    assert "Nguyễn Thị Ánh" in text and "Giấy khen, QĐ 01-QĐ/HU" in text


def test_book_of_models(cast, plan, decided):
    data = models_book(plan.campaign, list(decided.values()))
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "NHỮNG MÔ HÌNH, ĐIỂN HÌNH TIÊU BIỂU" in text
    for name in decided:
        assert name in text
    assert "Quyết định 01-QĐ/HU ngày 02/04/2026" in text


def _stored_files(root) -> set[str]:
    from pathlib import Path

    base = Path(root)
    return {str(p.relative_to(base)) for p in base.rglob("*") if p.is_file()} if base.exists() else set()


def test_a_failure_half_way_leaves_no_nomination_and_no_file_in_the_parent(cast, plan, decided, parent, settings):
    """The second awardee's dossier file fails the parent's upload check: the first awardee's
    nomination and copied file are undone as well (rows rolled back, files removed)."""
    manager = cast.users[Role.MANAGER]
    escalation.escalate(actor=manager, award=decided["Chi bộ Tòa án"], target=plan.upward)  # sent first
    escalation.escalate(actor=manager, award=decided["Nguyễn Thị Ánh"], target=plan.upward)
    broken = decided["Nguyễn Thị Ánh"].nomination.files.get()
    with broken.file.open("wb") as handle:
        handle.write(b"%PDF-1.4\n<html><script>alert(1)</script></html>")
    before = _stored_files(settings.MEDIA_ROOT)
    with pytest.raises(ValidationError, match=r"Nguyễn Thị Ánh: .*không phải PDF hợp lệ"):
        escalation.send_to_parent(actor=manager, campaign=plan.campaign, target=plan.upward)
    assert not Nomination.objects.filter(campaign=parent).exists()
    assert _stored_files(settings.MEDIA_ROOT) == before
    assert not Escalation.objects.filter(sent_at__isnull=False).exists()


def test_escalated_nominations_are_written_by_the_nominations_service(cast, plan, decided, parent):
    from guongsang.accounts.models import AuditEntry

    manager = cast.users[Role.MANAGER]
    escalation.escalate(actor=manager, award=decided["Chi bộ Tòa án"], target=plan.upward)
    (n,) = escalation.send_to_parent(actor=manager, campaign=plan.campaign, target=plan.upward)
    actions = list(AuditEntry.objects.filter(object_id=str(n.pk)).values_list("action", flat=True))
    assert "nomination.saved" in actions and "nomination.file.uploaded" in actions
