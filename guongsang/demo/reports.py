"""Demo reports: in each campaign, a realistic share of units have submitted (on time or late), some
were returned with a comment, some are still drafts, some are missing; texts and figures plausible."""

from __future__ import annotations

import datetime as dt
import random

from guongsang.campaigns.models import Campaign, Indicator
from guongsang.documents.numbering import allocate_number
from guongsang.documents.vndate import local_day
from guongsang.reports.models import Report, ReportVersion, SectionAnswer, SectionComment

PHRASES = [
    "{unit} đã quán triệt đầy đủ nội dung Kết luận số 01-KL/TW tới cán bộ, đảng viên; đưa việc học tập và làm theo "
    "Bác vào sinh hoạt chi bộ định kỳ hằng tháng.",
    "Cấp ủy ban hành kế hoạch thực hiện hằng năm, gắn với nhiệm vụ chính trị của địa phương, cơ quan, đơn vị.",
    "Nhiều mô hình, cách làm hay được xây dựng và nhân rộng, tạo chuyển biến rõ nét trong tác phong, lề lối làm "
    "việc của cán bộ, đảng viên.",
    "Việc nêu gương của người đứng đầu được chú trọng; đảng viên đăng ký việc làm cụ thể để làm theo Bác.",
    "Công tác kiểm tra, giám sát được thực hiện theo kế hoạch; kịp thời nhắc nhở, chấn chỉnh những hạn chế.",
    "- Một số đảng viên lớn tuổi còn hạn chế trong tiếp cận tài liệu điện tử.\n- Kinh phí cho hoạt động tuyên "
    "truyền còn hạn hẹp.",
    "Tiếp tục đẩy mạnh học tập và làm theo Bác gắn với thực hiện Nghị quyết Trung ương 4 về xây dựng, chỉnh đốn Đảng.",
]


def _answer_text(rng: random.Random, unit_name: str) -> str:
    return "\n".join(p.format(unit=unit_name) for p in rng.sample(PHRASES, 2))


def _values(rng: random.Random, section, campaign: Campaign) -> dict:
    values = {}
    for ind in section.indicators.all():
        if ind.type == Indicator.Type.INTEGER:
            values[ind.code] = rng.randint(2, 40)
        elif ind.type == Indicator.Type.DECIMAL:
            values[ind.code] = round(rng.uniform(80, 100), 1)
        elif ind.type == Indicator.Type.SERIES and campaign.period_start and campaign.period_end:
            values[ind.code] = {
                str(y): rng.randint(2, 15) for y in range(campaign.period_start, campaign.period_end + 1)
            }
        elif ind.type == Indicator.Type.TABLE:
            names = ["Dân vận khéo", "Chi bộ kiểu mẫu", "Gia đình học tập", "Tuyến đường hoa", "Nhóm tự quản"]
            values[ind.code] = [
                [rng.choice(names), "Hiệu quả, được nhân rộng", *[""] * (len(ind.columns) - 2)][: len(ind.columns)]
                for _ in range(rng.randint(1, 2))
            ]
    return values


def load_reports(seed: int = 7) -> int:
    rng = random.Random(seed)
    count = 0
    for campaign in Campaign.objects.filter(status=Campaign.Status.ISSUED).exclude(sections=None).distinct():
        deadline = campaign.deadlines.filter(kind="report").order_by("due_at").first()
        if deadline is None:
            continue
        sections = list(campaign.sections.prefetch_related("indicators"))
        future = deadline.due_at > dt.datetime.now(dt.UTC)
        for participation in campaign.participations.select_related("unit"):
            unit = participation.unit
            roll = rng.random()
            if future:
                state = "draft" if roll < 0.3 else "submitted" if roll < 0.4 else None
            else:
                state = (
                    "accepted"
                    if roll < 0.45
                    else "submitted"
                    if roll < 0.6
                    else "late"
                    if roll < 0.72
                    else "returned"
                    if roll < 0.82
                    else "draft"
                    if roll < 0.9
                    else None
                )
            if state is None:
                continue  # missing
            report = Report.objects.create(campaign=campaign, unit=unit, state={"late": "accepted"}.get(state, state))
            for section in sections:
                SectionAnswer.objects.create(
                    report=report,
                    section=section,
                    text=_answer_text(rng, unit.name),
                    values=_values(rng, section, campaign),
                    revision=1,
                )
            if state != "draft":
                late_days = rng.randint(1, 6) if state == "late" else None
                at = (
                    deadline.due_at + dt.timedelta(days=late_days)
                    if late_days
                    else (deadline.due_at - dt.timedelta(days=rng.randint(1, 8)))
                )
                report.submitted_at, report.late_days = at, late_days
                report.doc_number = allocate_number(issuer=unit, doc_type="BC", year=local_day(at).year)
                report.save(update_fields=["submitted_at", "late_days", "doc_number"])
                snapshot = {
                    str(a.section_id): {
                        "number": a.section.number,
                        "title": a.section.title,
                        "text": a.text,
                        "values": a.values,
                    }
                    for a in report.answers.select_related("section")
                }
                ReportVersion.objects.create(report=report, number=1, submitted_at=at, snapshot=snapshot)
                if state == "returned":
                    target = next((s for s in sections if s.number.strip(".") == "II"), sections[0])
                    SectionComment.objects.create(
                        report=report,
                        section=target,
                        version=1,
                        text="Đề nghị bổ sung số liệu cụ thể từng năm và tên các mô hình.",
                    )
            count += 1
    return count
