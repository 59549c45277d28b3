"""Demo reports: in each campaign, a realistic share of units have submitted (on time or late), some
were returned with a comment, some are still drafts, some are missing; texts and figures plausible."""

from __future__ import annotations

import datetime as dt
import random

from guongsang.campaigns.models import Campaign, Indicator
from guongsang.documents.numbering import allocate_number
from guongsang.documents.vndate import local_day
from guongsang.lib.text import fold
from guongsang.reports.models import Report, ReportVersion, SectionAnswer, SectionComment

# What units write under each kind of outline section (chosen by the section's title), so each section
# of a report and of the consolidated report holds its own sentences.
PHRASES = {
    "lead": [
        "{unit} đã quán triệt đầy đủ nội dung Kết luận số 01-KL/TW tới cán bộ, đảng viên; đưa việc học tập và "
        "làm theo Bác vào sinh hoạt chi bộ định kỳ hằng tháng.",
        "Cấp ủy ban hành kế hoạch thực hiện hằng năm, gắn với nhiệm vụ chính trị của địa phương, cơ quan, đơn vị.",
        "Công tác kiểm tra, giám sát được thực hiện theo kế hoạch; kịp thời nhắc nhở, chấn chỉnh những hạn chế.",
    ],
    "result": [
        "Nhiều mô hình, cách làm hay được xây dựng và nhân rộng, tạo chuyển biến rõ nét trong tác phong, lề lối "
        "làm việc của cán bộ, đảng viên.",
        "Việc nêu gương của người đứng đầu được chú trọng; đảng viên đăng ký việc làm cụ thể để làm theo Bác.",
        "{unit} xây dựng mô hình “Dân vận khéo” trong giải quyết thủ tục hành chính, được nhân dân đồng tình.",
    ],
    "limit": [
        "- Một số đảng viên lớn tuổi còn hạn chế trong tiếp cận tài liệu điện tử.\n- Kinh phí cho hoạt động tuyên "
        "truyền còn hạn hẹp.",
        "Việc sơ kết, nhân rộng mô hình ở một số chi bộ còn chậm, chưa thường xuyên.",
    ],
    "next": [
        "Tiếp tục đẩy mạnh học tập và làm theo Bác gắn với thực hiện Nghị quyết Trung ương 4 về xây dựng, chỉnh "
        "đốn Đảng.",
        "Chú trọng phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến ở cơ sở.",
    ],
    "ask": [
        "Đề nghị cấp trên hỗ trợ tài liệu sinh hoạt chuyên đề hằng năm.",
        "Đề nghị bố trí kinh phí cho việc biểu dương, khen thưởng các điển hình.",
    ],
}
_KINDS = (
    ("ask", ("kien nghi", "de xuat", "de nghi")),
    ("next", ("phuong huong", "nhiem vu", "giai phap", "thoi gian toi")),
    ("limit", ("han che", "ton tai", "khuyet diem", "nguyen nhan", "bai hoc")),
    ("lead", ("lanh dao", "chi dao", "quan triet", "trien khai", "to chuc thuc hien", "cong tac")),
)


def _kind_of(title: str) -> str:
    folded = fold(title)
    return next((kind for kind, words in _KINDS if any(w in folded for w in words)), "result")


def _answer_text(rng: random.Random, unit_name: str, title: str = "") -> str:
    pool = PHRASES[_kind_of(title)]
    return "\n".join(p.format(unit=unit_name) for p in rng.sample(pool, min(2, len(pool))))


def _cell(label: str, position: int, name: str, unit_name: str) -> str:
    """A plausible value for a column of a list, chosen by the column's label."""
    folded = fold(label)
    if position == 0 or "ten" in folded.split():
        return name
    if "don vi" in folded:
        return unit_name
    if any(w in folded for w in ("ket qua", "tom tat", "hieu qua", "danh gia")):
        return "Hiệu quả, được nhân rộng"
    return ""


def _values(rng: random.Random, section, campaign: Campaign, unit_name: str = "") -> dict:
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
                [_cell(label, i, rng.choice(names), unit_name) for i, label in enumerate(ind.columns)]
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
        for participation in campaign.participations.select_related("unit__kind"):
            unit = participation.unit
            roll = rng.random()
            if unit.kind.code == "ubnd":
                roll = 0.0  # the demo's State body has sent its report and had it accepted
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
                    text=_answer_text(rng, unit.name, section.title),
                    values=_values(rng, section, campaign, unit.name),
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
