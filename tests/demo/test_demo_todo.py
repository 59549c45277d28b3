"""On the day the demo is loaded, and twenty days later, every account of the two current campaigns'
sites has open work on its home page, and what it sees is work of its own role."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from guongsang.accounts.todo import todo
from guongsang.demo.tree import ROLE_NAMES

CURRENT_SITES = ("thainguyen", "phandinhphung")  # Tỉnh ủy Thái Nguyên's plan 215 and the ward's plan 12
# What each role's home must show on the ward's site (the ward runs its own campaign under plan 215).
WARD = {
    "quanly": "Đề nghị khen thưởng chờ thẩm định",
    "lanhdao": "Danh sách đề nghị khen thưởng chờ duyệt",
    "thamdinh": "Đề nghị được phân công, chưa chấm điểm",
    "vanphong": "Nhiệm vụ được phân công",
    "donvi": "Đề nghị còn thiếu tệp hồ sơ",
    "bithu": "Đề nghị đủ hồ sơ: xác nhận và gửi",
}


@pytest.mark.parametrize("days", [0, 20])
def test_every_account_of_the_current_campaigns_has_open_work(db, demo, days):
    users = {u.username: u for u in get_user_model().objects.filter(username__regex=r"^(thainguyen|phandinhphung)\.")}
    assert set(users) == {f"{site}.{role}" for site in CURRENT_SITES for role in ROLE_NAMES.values()}
    with time_machine.travel(timezone.now() + dt.timedelta(days=days), tick=False):
        for name, user in sorted(users.items()):
            items = todo(user)
            assert items, f"{name} has nothing to do {days} days after the demo was loaded"
            assert all(i.due_at is None or not i.overdue for i in items), name
        for role, title in WARD.items():
            assert title in {i.title for i in todo(users[f"phandinhphung.{role}"])}, role
