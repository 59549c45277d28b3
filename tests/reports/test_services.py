import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from guongsang.accounts.models import AuditEntry, Role
from guongsang.campaigns.models import Campaign, Deadline, Indicator, OutlineSection, Participation
from guongsang.notifications.models import Notice
from guongsang.reports import services
from guongsang.reports.models import Report, ReportVersion
from tests.pdfs import VALID as VALID_PDF

DUE = dt.datetime(2026, 12, 20, 16, 59, 59, tzinfo=dt.UTC)
BEFORE = DUE - dt.timedelta(days=2)


@pytest.fixture
def plan(cast):
    campaign = Campaign.objects.create(
        issuer=cast.district,
        number=4,
        date=dt.date(2026, 11, 1),
        status=Campaign.Status.ISSUED,
        title="Sơ kết 05 năm",
        period_start=2021,
        period_end=2025,
    )
    Participation.objects.create(campaign=campaign, unit=cast.commune)
    Deadline.objects.create(
        campaign=campaign,
        what="Báo cáo sơ kết",
        due_at=DUE,
        kind=Deadline.Kind.REPORT,
        lateness=Deadline.Lateness.MARK_LATE,
    )
    s1 = OutlineSection.objects.create(campaign=campaign, number="I", title="LÃNH ĐẠO, CHỈ ĐẠO", position=0)
    s2 = OutlineSection.objects.create(campaign=campaign, number="II", title="KẾT QUẢ", position=1)
    Indicator.objects.create(section=s1, code="van-ban", label="Số văn bản", required=True)
    Indicator.objects.create(section=s2, code="tuyen-truyen", label="Buổi tuyên truyền", type="series")
    Indicator.objects.create(
        section=s2, code="mo-hinh", label="Mô hình", type="table", aggregate="list", columns=["Tên", "Kết quả"]
    )
    Indicator.objects.create(section=s2, code="ty-le", label="Tỷ lệ đảng viên học tập", type="decimal", unit_label="%")
    campaign.s1, campaign.s2 = s1, s2
    return campaign


def save(cast, plan, section, text="", values=None, who=Role.SUBMITTER, revision=None):
    report = services.report_for(plan, cast.commune)
    answer = report.answers.filter(section=section).first()
    base = (answer.revision if answer else 0) if revision is None else revision
    return services.save_section(
        actor=cast.users[who], report=report, section=section, text=text, values=values or {}, base_revision=base
    )


def test_indicators_are_validated(cast, plan):
    answer, _ = save(
        cast,
        plan,
        plan.s2,
        "Kết quả tốt.",
        {"tuyen-truyen": {"2021": "12", "2025": "30"}, "mo-hinh": [["Dân vận khéo", "Tốt"], ["", ""]], "ty-le": "97,5"},
    )
    assert answer.values == {
        "tuyen-truyen": {"2021": 12, "2025": 30},
        "mo-hinh": [["Dân vận khéo", "Tốt"]],
        "ty-le": 97.5,
    }
    with pytest.raises(ValidationError) as err:
        save(cast, plan, plan.s1, "Nội dung giữ lại", {"van-ban": "-3"})
    assert "“Số văn bản” không được âm (-3)." in err.value.messages
    with pytest.raises(ValidationError) as err:
        save(cast, plan, plan.s2, "x", {"tuyen-truyen": {"2019": "5"}})
    assert "năm 2019 nằm ngoài giai đoạn 2021–2025" in " ".join(err.value.messages)
    with pytest.raises(ValidationError) as err:
        save(cast, plan, plan.s1, "x", {"van-ban": "ba"})
    assert "“Số văn bản” phải là một số nguyên" in " ".join(err.value.messages)
    for year in ("năm-nay", "99999", "2O24"):
        with pytest.raises(ValidationError) as err:
            save(cast, plan, plan.s2, "x", {"tuyen-truyen": {year: "5"}})
        assert f"“Buổi tuyên truyền”: “{year}” không phải là một năm." in err.value.messages
    with pytest.raises(ValidationError) as err:
        save(cast, plan, plan.s1, "x", {"van-ban": "9" * 26})
    assert "“Số văn bản” quá lớn" in " ".join(err.value.messages)
    report = Report.objects.get()
    assert not report.answers.filter(section=plan.s1).exists()  # nothing half-saved
    assert report.answers.get(section=plan.s2).text == "Kết quả tốt."


def test_scripts_and_styles_are_cleaned(cast, plan):
    answer, removed = save(
        cast,
        plan,
        plan.s1,
        '<p>Đã <b onclick="x()">quán triệt</b></p><script>alert(1)</script>'
        "<style>p{}</style><ul><li>Chi bộ 1</li></ul>",
        {"van-ban": "3"},
    )
    assert removed and "script" not in answer.text and "onclick" not in answer.text and "style" not in answer.text
    assert "<b>quán triệt</b>" in answer.text and "<li>Chi bộ 1</li>" in answer.text


def test_a_second_editor_gets_a_conflict_not_an_overwrite(cast, plan):
    save(cast, plan, plan.s1, "Bản đầu", {"van-ban": "2"})
    save(cast, plan, plan.s1, "Bản của bí thư", {"van-ban": "2"}, who=Role.HEAD, revision=1)
    with pytest.raises(services.ReportConflict) as conflict:
        save(cast, plan, plan.s1, "Bản của cán bộ", {"van-ban": "2"}, revision=1)
    assert conflict.value.theirs == "Bản của bí thư" and conflict.value.mine == "Bản của cán bộ"
    assert conflict.value.by == "bithu"
    assert Report.objects.get().answers.get(section=plan.s1).text == "Bản của bí thư"


def test_submit_is_by_the_head_once_and_marks_lateness(cast, plan):
    report = services.report_for(plan, cast.commune)
    with pytest.raises(ValidationError) as err:
        services.submit(actor=cast.users[Role.HEAD], report=report, now=BEFORE)
    assert "Mục I: chưa nhập “Số văn bản”." in err.value.messages
    save(cast, plan, plan.s1, "Đã ban hành kế hoạch.", {"van-ban": "4"})
    with pytest.raises(PermissionDenied):
        services.submit(actor=cast.users[Role.SUBMITTER], report=report, now=BEFORE)
    first = services.submit(actor=cast.users[Role.HEAD], report=report, now=DUE + dt.timedelta(days=1, hours=2))
    again = services.submit(actor=cast.users[Role.HEAD], report=report, now=DUE + dt.timedelta(days=3))
    assert first.late_days == 2 and again.submitted_at == first.submitted_at
    assert ReportVersion.objects.count() == 1 and AuditEntry.objects.filter(action="report.submitted").count() == 1
    with pytest.raises(ValidationError):
        save(cast, plan, plan.s1, "Sửa sau khi gửi", {"van-ban": "4"})


def test_a_refuse_deadline_refuses_a_late_report(cast, plan):
    plan.deadlines.update(lateness=Deadline.Lateness.REFUSE)
    save(cast, plan, plan.s1, "x", {"van-ban": "1"})
    report = Report.objects.get()
    with pytest.raises(ValidationError) as err:
        services.submit(actor=cast.users[Role.HEAD], report=report, now=DUE + dt.timedelta(minutes=5))
    assert "báo cáo gửi sau thời hạn không được nhận" in " ".join(err.value.messages)
    report.refresh_from_db()
    assert report.state == Report.State.DRAFT


def test_the_manager_returns_a_section_and_accepts_the_revision(cast, plan):
    save(cast, plan, plan.s1, "Bản 1", {"van-ban": "1"})
    report = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=BEFORE)
    with pytest.raises(ValidationError):
        services.return_report(actor=cast.users[Role.MANAGER], report=report, comments={})
    with pytest.raises(PermissionDenied):
        services.return_report(actor=cast.users[Role.HEAD], report=report, comments={plan.s2.pk: "x"})
    services.return_report(actor=cast.users[Role.MANAGER], report=report, comments={plan.s2.pk: "Bổ sung số liệu"})
    report.refresh_from_db()
    assert report.state == Report.State.RETURNED and report.comments.get().section == plan.s2
    notice = Notice.objects.get(unit=cast.commune, title="Báo cáo bị trả lại để sửa")
    assert notice.body == f"Mục {plan.s2.number.rstrip('.')}. {plan.s2.title}: Bổ sung số liệu."
    save(cast, plan, plan.s2, "Đã bổ sung", {"tuyen-truyen": {"2024": "8"}})
    services.submit(actor=cast.users[Role.HEAD], report=report, now=BEFORE)
    services.accept(actor=cast.users[Role.MANAGER], report=report)
    report.refresh_from_db()
    assert report.state == Report.State.ACCEPTED
    assert [v.number for v in report.versions.all()] == [1, 2]
    assert report.versions.get(number=2).snapshot[str(plan.s2.pk)]["text"] == "Đã bổ sung"


def test_attachments_are_checked_by_content(cast, plan):
    report = services.report_for(plan, cast.commune)
    with pytest.raises(ValidationError):
        services.upload_attachment(
            actor=cast.users[Role.SUBMITTER],
            report=report,
            upload=SimpleUploadedFile("ban-ky.pdf", b"GIF89a not a pdf"),
        )
    with override_settings(GS_UPLOAD_MAX_BYTES=10), pytest.raises(ValidationError) as err:
        services.upload_attachment(
            actor=cast.users[Role.SUBMITTER],
            report=report,
            upload=SimpleUploadedFile("ban-ky.pdf", b"%PDF-1.4 long enough"),
        )
    assert "quá lớn" in str(err.value)
    record = services.upload_attachment(
        actor=cast.users[Role.SUBMITTER], report=report, upload=SimpleUploadedFile("ban-ky.pdf", VALID_PDF)
    )
    assert record.content_type == "application/pdf"


def test_another_unit_cannot_write(cast, plan):
    report = services.report_for(plan, cast.commune)
    with pytest.raises(PermissionDenied):
        services.save_section(
            actor=cast.users["sibling"], report=report, section=plan.s1, text="x", values={}, base_revision=0
        )


@pytest.mark.parametrize(
    ("after_due", "accepted"),
    [(dt.timedelta(0), True), (dt.timedelta(microseconds=999_999), True), (dt.timedelta(seconds=1), False)],
)
def test_a_refuse_deadline_takes_a_report_until_the_last_second_ends(cast, plan, after_due, accepted):
    plan.deadlines.update(lateness=Deadline.Lateness.REFUSE)
    save(cast, plan, plan.s1, "x", {"van-ban": "1"})
    report = Report.objects.get()
    if accepted:
        sent = services.submit(actor=cast.users[Role.HEAD], report=report, now=DUE + after_due)
        assert (sent.state, sent.late_days) == (Report.State.SUBMITTED, None)
    else:
        with pytest.raises(ValidationError) as err:
            services.submit(actor=cast.users[Role.HEAD], report=report, now=DUE + after_due)
        assert (
            "(23:59 ngày 20/12/2026); theo kế hoạch, báo cáo gửi sau thời hạn không được nhận." in err.value.messages[0]
        )
        report.refresh_from_db()
        assert (report.state, ReportVersion.objects.count()) == (Report.State.DRAFT, 0)


def test_a_report_one_second_late_is_one_day_late(cast, plan):
    save(cast, plan, plan.s1, "x", {"van-ban": "1"})
    sent = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=DUE + dt.timedelta(seconds=1))
    assert sent.late_days == 1


def test_a_return_notice_names_each_section_and_ends_each_comment_once(cast, plan):
    save(cast, plan, plan.s1, "Bản 1", {"van-ban": "1"})
    report = services.submit(actor=cast.users[Role.HEAD], report=Report.objects.get(), now=BEFORE)
    comments = {plan.s1.pk: " Thiếu số liệu năm 2024. ", plan.s2.pk: "Bổ sung mô hình;"}
    services.return_report(actor=cast.users[Role.MANAGER], report=report, comments=comments)
    body = Notice.objects.get(unit=cast.commune, title="Báo cáo bị trả lại để sửa").body
    assert body.splitlines() == [
        f"Mục {plan.s1.number.rstrip('.')}. {plan.s1.title}: Thiếu số liệu năm 2024.",
        f"Mục {plan.s2.number.rstrip('.')}. {plan.s2.title}: Bổ sung mô hình.",
    ]
    assert ".;" not in body and ".." not in body
