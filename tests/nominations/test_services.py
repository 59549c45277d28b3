import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Campaign, Criterion, Deadline, DossierRequirement, Participation, QuotaRule
from guongsang.nominations import services
from guongsang.nominations.models import DossierFile, Nomination
from guongsang.org.models import Person, Rating
from tests.conftest import kind
from tests.pdfs import VALID as VALID_PDF

DUE = dt.datetime(2026, 12, 20, 16, 59, 59, tzinfo=dt.UTC)  # 23:59:59 on 20/12/2026 in Vietnam
BEFORE = DUE - dt.timedelta(days=3)
PDF = VALID_PDF


def pdf(name="bao-cao.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def plan(cast):
    campaign = Campaign.objects.create(
        issuer=cast.district,
        number=9,
        date=dt.date(2026, 11, 1),
        status=Campaign.Status.ISSUED,
        title="Biểu dương điển hình 2026",
    )
    for unit in (cast.commune, cast.court):
        Participation.objects.create(campaign=campaign, unit=unit)
    Deadline.objects.create(
        campaign=campaign,
        what="Hồ sơ đề nghị",
        due_at=DUE,
        kind=Deadline.Kind.DOSSIER,
        lateness=Deadline.Lateness.REFUSE,
    )
    QuotaRule.objects.create(
        campaign=campaign,
        unit_kind=kind("dang-bo-co-so"),
        collectives=1,
        individuals=1,
        bonus_threshold=100,
        bonus_individuals=1,
    )
    QuotaRule.objects.create(
        campaign=campaign, unit_kind=kind("chi-bo-co-so"), mode="either", collectives=1, individuals=1
    )
    Criterion.objects.create(
        campaign=campaign,
        nominee_kind="individual",
        text="Hoàn thành tốt nhiệm vụ năm 2024",
        check_kind="min_grade_each_year",
        params={"grade": "HTTNV", "from_year": 2024, "to_year": 2024},
    )
    campaign.requirement = DossierRequirement.objects.create(
        campaign=campaign,
        document="Báo cáo thành tích",
        nominee_kinds=["collective", "individual"],
        copies=2,
        file_types=["pdf", "docx"],
    )
    return campaign


def individual(cast, plan, who=Role.SUBMITTER, person=None):
    return services.nomination_save(
        actor=cast.users[who],
        campaign=plan,
        unit=cast.commune,
        kind="individual",
        person=person or cast.person,
        summary="Gương mẫu trong công tác dân vận.",
    )


def test_a_unit_proposes_uploads_and_its_head_submits(cast, plan):
    n = individual(cast, plan)
    codes = [f.code for f in services.findings_for(n, now=BEFORE)]
    assert codes == ["dossier.missing"]
    with pytest.raises(PermissionDenied):
        services.nomination_submit(actor=cast.users[Role.SUBMITTER], nomination=n, now=BEFORE)
    with pytest.raises(ValidationError) as err:
        services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=BEFORE)
    assert "Thiếu tệp “Báo cáo thành tích”; nộp kèm 02 bản giấy." in err.value.messages
    record = services.upload_dossier_file(
        actor=cast.users[Role.SUBMITTER], nomination=n, requirement=plan.requirement, upload=pdf()
    )
    assert record.content_type == "application/pdf" and record.original_name == "bao-cao.pdf"
    assert "bao-cao" not in record.file.name and record.file.name.startswith(f"ho-so/{plan.pk}/")
    submitted = services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=BEFORE)
    assert submitted.state == Nomination.State.SUBMITTED and submitted.late_days is None
    again = services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=BEFORE + dt.timedelta(hours=1))
    assert again.submitted_at == submitted.submitted_at
    assert AuditEntry.objects.filter(action="nomination.submitted").count() == 1


def test_a_person_from_another_subtree_is_refused(cast, plan):
    with pytest.raises(ValidationError) as err:
        individual(cast, plan, person=cast.sibling_person)
    assert "Trần Văn Bình không thuộc Đảng bộ xã Lát hoặc đơn vị trực thuộc." in str(err.value)
    assert not Nomination.objects.exists()
    with pytest.raises(PermissionDenied):
        individual(cast, plan, who="sibling")


def test_a_renamed_executable_and_an_oversized_file_are_refused(cast, plan):
    n = individual(cast, plan)
    with pytest.raises(ValidationError) as err:
        services.upload_dossier_file(
            actor=cast.users[Role.SUBMITTER],
            nomination=n,
            requirement=plan.requirement,
            upload=pdf("bao-cao.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200),
        )
    assert "không hợp lệ" in str(err.value) and "Chỉ nhận: PDF, Word (.docx)" in str(err.value)
    png = SimpleUploadedFile("anh.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    with pytest.raises(ValidationError) as err:
        services.upload_dossier_file(
            actor=cast.users[Role.SUBMITTER], nomination=n, requirement=plan.requirement, upload=png
        )
    assert "nội dung là ảnh PNG" in str(err.value)
    with override_settings(GS_UPLOAD_MAX_BYTES=20), pytest.raises(ValidationError) as err:
        services.upload_dossier_file(
            actor=cast.users[Role.SUBMITTER], nomination=n, requirement=plan.requirement, upload=pdf()
        )
    assert "quá lớn" in str(err.value)
    assert not DossierFile.objects.exists()


def test_a_real_docx_is_recognised_from_its_content(cast, plan):
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    n = individual(cast, plan)
    record = services.upload_dossier_file(
        actor=cast.users[Role.SUBMITTER],
        nomination=n,
        requirement=plan.requirement,
        upload=SimpleUploadedFile("x.bin", out.getvalue()),
    )
    assert record.content_type.endswith("wordprocessingml.document")


def refuse_everything(data: bytes, name: str) -> None:
    raise ValidationError(f"Phát hiện mã độc trong tệp “{name}”.")


@override_settings(GS_VIRUS_SCANNER="tests.nominations.test_services.refuse_everything")
def test_the_virus_scanner_hook_can_refuse_a_file(cast, plan):
    n = individual(cast, plan)
    with pytest.raises(ValidationError) as err:
        services.upload_dossier_file(
            actor=cast.users[Role.SUBMITTER], nomination=n, requirement=plan.requirement, upload=pdf()
        )
    assert "mã độc" in str(err.value) and not DossierFile.objects.exists()


def _ready(cast, plan, person):
    n = individual(cast, plan, person=person)
    services.upload_dossier_file(
        actor=cast.users[Role.SUBMITTER], nomination=n, requirement=plan.requirement, upload=pdf()
    )
    return n


def test_the_quota_counts_the_units_whole_set(cast, plan):
    people = []
    for i in range(3):
        p = Person(code=f"Q-{i}", full_name=f"Lê Văn Hùng {i}", unit=cast.branch, is_party_member=True)
        p.save()
        Rating.objects.create(person=p, year=2024, grade="HTTNV")
        people.append(p)
    first, second, third = (_ready(cast, plan, p) for p in people)
    for n in (first, second):  # 120 party members: 1 + 1 bonus individual
        services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=BEFORE)
    with pytest.raises(ValidationError) as err:
        services.nomination_submit(actor=cast.users[Role.HEAD], nomination=third, now=BEFORE)
    assert "Đảng bộ xã Lát đề nghị 3 cá nhân, chỉ tiêu là 2" in " ".join(err.value.messages)
    third.refresh_from_db()
    assert third.state == Nomination.State.DRAFT


def test_nothing_is_accepted_after_a_refuse_deadline(cast, plan):
    n = _ready(cast, plan, cast.person)
    late = DUE + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError) as err:
        services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=late)
    assert "hồ sơ gửi sau thời hạn không được xem xét" in " ".join(err.value.messages)
    with pytest.raises(ValidationError):
        services.nomination_withdraw(actor=cast.users[Role.SUBMITTER], nomination=n, now=late)
    n.refresh_from_db()
    assert n.state == Nomination.State.DRAFT


def test_a_late_submission_is_marked_when_the_plan_accepts_it(cast, plan):
    plan.deadlines.update(lateness=Deadline.Lateness.MARK_LATE)
    n = _ready(cast, plan, cast.person)
    submitted = services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=DUE + dt.timedelta(days=2))
    assert submitted.late_days == 2


def test_withdrawal_before_the_deadline_frees_the_place(cast, plan):
    n = _ready(cast, plan, cast.person)
    services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n, now=BEFORE)
    services.nomination_withdraw(actor=cast.users[Role.HEAD], nomination=n, now=BEFORE)
    n.refresh_from_db()
    assert n.state == Nomination.State.WITHDRAWN
    assert services.counts_of(plan, cast.commune) == {}


def test_a_person_is_entered_on_the_spot(cast, plan):
    n = services.nomination_save(
        actor=cast.users[Role.SUBMITTER],
        campaign=plan,
        unit=cast.commune,
        kind="individual",
        new_person={"full_name": "  Ha  Sen ", "title": "Trưởng thôn"},
    )
    person = n.person
    assert person.unit == cast.commune and person.code == "T-LAT-MOI-001" and person.full_name == "Ha Sen"
    second = services.nomination_save(
        actor=cast.users[Role.SUBMITTER],
        campaign=plan,
        unit=cast.commune,
        kind="individual",
        new_person={"full_name": "B"},
    )
    assert second.person.code == "T-LAT-MOI-002"


def test_a_refused_nomination_leaves_no_new_person_behind(cast, plan):
    people = Person.objects.count()
    with pytest.raises(services.NominationError):
        services.nomination_save(
            actor=cast.users[Role.SUBMITTER],
            campaign=plan,
            unit=cast.commune,
            kind="individual",
            new_person={"full_name": "Ha Sen"},
            achievements_from=dt.date(2025, 6, 1),
            achievements_to=dt.date(2025, 1, 1),
        )
    assert Person.objects.count() == people


def test_the_unit_documents_carry_the_nominations(cast, plan, client):
    from django.urls import reverse
    from docx import Document

    n = _ready(cast, plan, cast.person)
    client.force_login(cast.users[Role.SUBMITTER])
    letter = client.get(reverse("nominations:proposal", kwargs={"pk": plan.pk}) + f"?don_vi={cast.commune.pk}")
    doc = Document(io.BytesIO(letter.content))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "TỜ TRÌNH" in text and "Kế hoạch số 09-KH/HU" in text and "01 cá nhân" in text
    assert "Cá nhân: Nguyễn Thị Ánh" in text and "ĐẢNG ỦY XÃ LÁT" in text
    assert "(Kèm theo Tờ trình của Đảng ủy xã Lát)" in text  # not numbered before anything is submitted
    report = client.get(reverse("nominations:achievement_report", kwargs={"pk": n.pk}))
    text = "\n".join(p.text for p in Document(io.BytesIO(report.content)).paragraphs)
    assert "BÁO CÁO THÀNH TÍCH" in text and "Họ và tên: Nguyễn Thị Ánh" in text
    assert "Nghị định số 152/2025/NĐ-CP" in text  # the form in force on the report's date
    # The form follows the date the report was sent, not the campaign: one sent in 2023 uses Mẫu 07.
    Nomination.objects.filter(pk=n.pk).update(submitted_at=dt.datetime(2023, 5, 4, 3, tzinfo=dt.UTC))
    report = client.get(reverse("nominations:achievement_report", kwargs={"pk": n.pk}))
    first = Document(io.BytesIO(report.content)).paragraphs[0].text
    assert "Mẫu số 07 (Nghị định số 91/2017/NĐ-CP)" in first and "152/2025" not in first
    # The head's first submission enters the Tờ trình in the unit's register: its list cites number and date.
    services.nomination_submit(actor=cast.users[Role.HEAD], nomination=n)
    letter = client.get(reverse("nominations:proposal", kwargs={"pk": plan.pk}) + f"?don_vi={cast.commune.pk}")
    doc = Document(io.BytesIO(letter.content))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "Số 01-TTr/ĐU" in text and "(Kèm theo Tờ trình số 01-TTr/ĐU, ngày " in text


def test_the_units_list_page_does_not_grow_in_queries_with_its_rows(cast, plan, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(cast.users[Role.SUBMITTER])
    url = reverse("nominations:unit_list", kwargs={"pk": plan.pk}) + f"?don_vi={cast.commune.pk}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    _ready(cast, plan, cast.person)
    one = queries()
    for i in range(6):
        p = Person(code=f"L-{i}", full_name=f"Vũ Văn Nam {i}", unit=cast.branch, is_party_member=True)
        p.save()
        _ready(cast, plan, p)
    assert queries() == one
