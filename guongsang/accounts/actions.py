"""What each audit-log action code means, in Vietnamese. The codes stay in the data (they are what the
log is filtered and exported by); the pages show these labels."""

from __future__ import annotations

LABELS = {
    "accounts.recovery_codes_renewed": "Tạo lại mã dự phòng",
    "accounts.second_factor_failed": "Nhập sai mã đăng nhập hai bước",
    "accounts.second_factor_off": "Tắt đăng nhập hai bước",
    "accounts.second_factor_on": "Bật đăng nhập hai bước",
    "accounts.second_factor_passed": "Nhập đúng mã đăng nhập hai bước",
    "accounts.sign_in_ended": "Kết thúc một phiên đăng nhập",
    "accounts.sign_in_failed": "Đăng nhập không thành công",
    "accounts.signed_in": "Đăng nhập",
    "accounts.signed_out": "Đăng xuất",
    "accounts.signed_out_everywhere": "Đăng xuất khỏi mọi thiết bị",
    "award.escalated": "Chọn đề nghị lên cấp trên",
    "award.escalations.sent": "Gửi hồ sơ đề nghị cấp trên",
    "award.unescalated": "Bỏ chọn đề nghị lên cấp trên",
    "award_decision.saved": "Lưu dự thảo quyết định khen thưởng",
    "award_decision.signed": "Ký quyết định khen thưởng",
    "award_list.added": "Đưa vào danh sách khen thưởng",
    "award_list.approved": "Duyệt danh sách khen thưởng",
    "award_list.commented": "Góp ý danh sách khen thưởng",
    "award_list.posted": "Công khai danh sách khen thưởng để lấy ý kiến",
    "award_list.removed": "Bỏ khỏi danh sách khen thưởng",
    "award_list.reopened": "Mở lại danh sách khen thưởng",
    "campaign.amended": "Điều chỉnh kế hoạch đã ban hành",
    "campaign.approved": "Duyệt dự thảo kế hoạch",
    "campaign.closed": "Kết thúc đợt",
    "campaign.copied": "Sao chép kế hoạch",
    "campaign.created": "Tạo dự thảo kế hoạch",
    "campaign.issued": "Ban hành kế hoạch",
    "campaign.participants.saved": "Lưu đơn vị tham gia",
    "campaign.return_reason": "Ghi lý do trả lại dự thảo kế hoạch",
    "campaign.returned": "Trả lại dự thảo kế hoạch",
    "campaign.reviewer.assigned": "Phân công thẩm định",
    "campaign.reviewer.unassigned": "Bỏ phân công thẩm định",
    "campaign.rubric.saved": "Lưu thang điểm chấm",
    "campaign.submitted": "Trình duyệt dự thảo kế hoạch",
    "campaign.updated": "Sửa thông tin chung của kế hoạch",
    "certificate.batch.started": "In giấy khen",
    "certificate.calibration.saved": "Lưu hiệu chỉnh máy in",
    "certificate.layout.saved": "Lưu mẫu phôi giấy khen",
    "deadline.reminded": "Nhắc đơn vị chưa nộp",
    "demo.loaded": "Nạp dữ liệu mẫu",
    "nomination.file.uploaded": "Tải lên tệp hồ sơ đề nghị",
    "nomination.review.conflict": "Khai báo xung đột lợi ích khi chấm",
    "nomination.reviewed": "Chấm điểm đề nghị",
    "nomination.saved": "Lưu đề nghị khen thưởng",
    "nomination.submitted": "Gửi đề nghị khen thưởng",
    "nomination.vote.recorded": "Ghi kết quả biểu quyết",
    "nomination.withdrawn": "Rút đề nghị khen thưởng",
    "org.honor.added": "Ghi một khen thưởng đã có vào hồ sơ",
    "org.honor.granted": "Ghi khen thưởng theo quyết định vào hồ sơ",
    "org.import": "Nhập danh sách tổ chức",
    "org.person.created": "Thêm cá nhân",
    "org.person.updated": "Sửa thông tin cá nhân",
    "org.rating.set": "Ghi kết quả xếp loại",
    "org.unit.created": "Thêm đơn vị",
    "org.unit.moved": "Chuyển đơn vị trong cây tổ chức",
    "org.unit.updated": "Sửa thông tin đơn vị",
    "plan_import.confirmed": "Xác nhận kế hoạch nhập từ tệp",
    "plan_import.discarded": "Bỏ tệp kế hoạch đã tải lên",
    "plan_import.read": "Đọc tệp kế hoạch",
    "plan_import.uploaded": "Tải lên tệp kế hoạch",
    "report.accepted": "Tiếp nhận báo cáo",
    "report.attachment.uploaded": "Tải lên tệp đính kèm báo cáo",
    "report.consolidated": "Tổng hợp báo cáo",
    "report.imported": "Nhập báo cáo từ tệp",
    "report.returned": "Trả lại báo cáo kèm ý kiến",
    "report.reopened": "Mở lại báo cáo đã tiếp nhận",
    "report.rolled_up": "Gửi báo cáo tổng hợp lên kế hoạch cấp trên",
    "report.section.saved": "Lưu một mục báo cáo",
    "report.submitted": "Gửi báo cáo",
    "system.restored": "Khôi phục dữ liệu từ bản sao lưu",
}

_ADMIN = {"created": "Thêm", "changed": "Sửa", "deleted": "Xóa"}
# Models of the libraries, whose names are not in Vietnamese.
_MODEL_NAMES = {
    "otp_totp.totpdevice": "thiết bị đăng nhập hai bước",
    "otp_static.staticdevice": "bộ mã dự phòng",
}


def action_label(code: str) -> str:
    """ "report.accepted" → "Tiếp nhận báo cáo"; the codes built from a name ("campaign.moc-thoi-gian.saved",
    "nomination.screened.valid", "org.unit.deleted.admin") are spelled out; an unknown code is shown as
    it is."""
    if code in LABELS:
        return LABELS[code]
    parts = code.split(".")
    if len(parts) == 3 and parts[0] == "campaign" and parts[2] == "saved":
        from guongsang.campaigns.forms import SECTIONS

        if parts[1] in SECTIONS:
            return f"Lưu mục “{SECTIONS[parts[1]][0]}” của kế hoạch"
    if len(parts) == 3 and parts[:2] == ["nomination", "screened"]:
        from guongsang.nominations.models import Nomination

        if parts[2] in Nomination.Screening.values:
            return f"Thẩm định hồ sơ: {Nomination.Screening(parts[2]).label.lower()}"
    if len(parts) == 4 and parts[3] == "admin" and parts[2] in _ADMIN:
        from django.apps import apps

        label = f"{parts[0]}.{parts[1]}"
        if label in _MODEL_NAMES:
            return f"{_ADMIN[parts[2]]} {_MODEL_NAMES[label]} (trang quản trị)"
        try:
            model = apps.get_model(parts[0], parts[1])
        except LookupError:
            return code
        return f"{_ADMIN[parts[2]]} {model._meta.verbose_name} (trang quản trị)"
    return code


def filter_choices() -> list[tuple[str, str]]:
    """The actions to filter the log by, in the order of their labels."""
    from guongsang.lib.text import fold

    return sorted(LABELS.items(), key=lambda item: (fold(item[1]), item[1]))
