"""The audit log speaks Vietnamese: every action the code writes has a label, the codes built from a name
are spelled out, and the page shows the labels (the codes stay in the data, for filtering)."""

import re
from pathlib import Path

import pytest

from guongsang.accounts.actions import LABELS, action_label
from guongsang.accounts.audit import log_action
from guongsang.accounts.models import Role
from guongsang.accounts.permissions import ACTIONS

SOURCE = Path(__file__).resolve().parents[2] / "guongsang"


# Dotted names of the apps' objects, as the code writes them: action codes, and other names of the same
# shape that are not actions (permissions, rule-finding codes, a file name, a model label).
APPS = ("accounts", "award", "award_decision", "award_list", "campaign", "certificate", "deadline", "demo")
PREFIXES = "|".join((*APPS, "nomination", "org", "plan_import", "report", "system"))
NOT_ACTIONS = {
    *ACTIONS,  # permissions (accounts/permissions.py)
    "deadline.late",  # a finding of the rules (nominations/rules.py)
    "deadline.refused",
    "demo.pdf",  # a file name
    "accounts.signin",  # a model label (lib/backup.py)
}


def _written_codes() -> set[str]:
    """Every action code the code base writes, passed by keyword or as an argument of a helper."""
    codes = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(rf'"((?:{PREFIXES})\.[a-z_]+(?:\.[a-z_]+)*)"', text))
    return {c for c in codes if c not in NOT_ACTIONS}


def test_every_action_the_code_writes_has_a_vietnamese_label():
    codes = _written_codes()
    assert len(codes) > 50  # the scan found the calls (log_action(action="…") across the apps)
    assert sorted(c for c in codes if action_label(c) == c) == []
    assert sorted(set(LABELS) - codes) == []  # no label for an action nothing writes any more
    assert {"campaign.submitted", "org.honor.granted", "accounts.second_factor_failed"} <= codes  # not by keyword


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("report.accepted", "Tiếp nhận báo cáo"),
        ("campaign.moc-thoi-gian.saved", "Lưu mục “Mốc thời gian” của kế hoạch"),
        ("nomination.screened.valid", "Thẩm định hồ sơ: hợp lệ"),
        ("nomination.screened.returned", "Thẩm định hồ sơ: trả lại để bổ sung"),
        ("accounts.membership.deleted.admin", "Xóa vai trò tại đơn vị (trang quản trị)"),
        ("accounts.membership.changed.admin", "Sửa vai trò tại đơn vị (trang quản trị)"),
        ("campaign.khong-co.saved", "campaign.khong-co.saved"),  # unknown: shown as written
        ("nomination.screened.maybe", "nomination.screened.maybe"),
        ("nope.model.deleted.admin", "nope.model.deleted.admin"),
    ],
)
def test_codes_built_from_a_name_are_spelled_out(code, label):
    assert action_label(code) == label


@pytest.mark.django_db
def test_the_page_shows_labels_and_filters_by_action(cast, client):
    manager = cast.users[Role.MANAGER]
    log_action(actor=manager, action="report.accepted", obj=cast.branch)
    log_action(actor=manager, action="org.unit.updated", obj=cast.branch)
    client.force_login(manager)
    page = client.get("/nhat-ky/").content.decode()
    cells = re.findall(r'<td title="([^"]+)">([^<]+)</td>', page)
    assert ("report.accepted", "Tiếp nhận báo cáo") in cells and ("org.unit.updated", "Sửa thông tin đơn vị") in cells
    assert '<option value="report.accepted">Tiếp nhận báo cáo</option>' in page
    only = client.get("/nhat-ky/", {"thao_tac": "report.accepted"}).content.decode()
    assert "Tiếp nhận báo cáo</td>" in only and "Sửa thông tin đơn vị</td>" not in only
    assert '<option value="report.accepted" selected>' in only
