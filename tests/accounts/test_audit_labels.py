"""The audit log speaks Vietnamese: every action the code writes has a label, the codes built from a name
are spelled out, and the page shows the labels (the codes stay in the data, for filtering)."""

import ast
import re
from pathlib import Path

import pytest

from guongsang.accounts.actions import LABELS, action_label
from guongsang.accounts.audit import log_action
from guongsang.accounts.models import Role

SOURCE = Path(__file__).resolve().parents[2] / "guongsang"


# The calls that write an action, and where its code is: log_action(action=…) and the helpers that pass
# theirs on (argument position, counting from 0).
WRITERS = {"log_action": None, "_transition": 4, "_honor_write": 2}
# The codes built from names, by shape ("*" for each name); each is spelled out by action_label.
SHAPES = {"campaign.*.saved", "nomination.screened.*", "*.deleted.admin", "*.*.admin"}


def _values(node: ast.AST, assigned: dict[str, list[ast.AST]]) -> list[ast.AST]:
    """The expressions a code can come from: both branches of `a if c else b`, what a local name was set to."""
    if isinstance(node, ast.IfExp):
        return _values(node.body, assigned) + _values(node.orelse, assigned)
    if isinstance(node, ast.Name) and node.id in assigned:
        return [v for value in assigned[node.id] for v in _values(value, assigned)]
    return [node]


def _shape(node: ast.JoinedStr) -> str:
    return "".join(part.value if isinstance(part, ast.Constant) else "*" for part in node.values)


def _written() -> tuple[set[str], set[str], list[str]]:
    """Every action code the code base writes (plain strings), the shapes of those it builds (f-strings),
    and the places whose code could not be read (a parameter passed on, which its callers then supply)."""
    codes, shapes, unread = set(), set(), []
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
            assigned: dict[str, list[ast.AST]] = {}
            for node in ast.walk(function):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            assigned.setdefault(target.id, []).append(node.value)
            params = {a.arg for a in function.args.args + function.args.kwonlyargs}
            for call in [n for n in ast.walk(function) if isinstance(n, ast.Call)]:
                name = getattr(call.func, "id", getattr(call.func, "attr", ""))
                if name not in WRITERS:
                    continue
                found = [k.value for k in call.keywords if k.arg == "action"]
                position = WRITERS[name]
                if not found and position is not None and len(call.args) > position:
                    found = [call.args[position]]
                for value in (v for f in found for v in _values(f, assigned)):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        codes.add(value.value)
                    elif isinstance(value, ast.JoinedStr):
                        shapes.add(_shape(value))
                    elif not (isinstance(value, ast.Name) and value.id in params):
                        unread.append(f"{path.name}:{call.lineno}")
    return codes, shapes, unread


def test_every_action_the_code_writes_has_a_vietnamese_label():
    codes, shapes, unread = _written()
    assert len(codes) > 60  # the scan found the calls across the apps
    assert {"campaign.submitted", "org.honor.granted", "accounts.second_factor_failed"} <= codes  # passed on
    assert sorted(c for c in codes if action_label(c) == c) == []
    assert sorted(set(LABELS) - codes) == []  # no label for an action nothing writes any more
    assert shapes <= SHAPES, shapes - SHAPES  # a new built code needs its spelling in action_label
    assert unread == []


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("report.accepted", "Tiếp nhận báo cáo"),
        ("campaign.moc-thoi-gian.saved", "Lưu mục “Mốc thời gian” của kế hoạch"),
        ("nomination.screened.valid", "Thẩm định hồ sơ: hợp lệ"),
        ("nomination.screened.returned", "Thẩm định hồ sơ: trả lại để bổ sung"),
        ("accounts.membership.deleted.admin", "Xóa vai trò tại đơn vị (trang quản trị)"),
        ("accounts.membership.changed.admin", "Sửa vai trò tại đơn vị (trang quản trị)"),
        ("otp_totp.totpdevice.created.admin", "Thêm thiết bị đăng nhập hai bước (trang quản trị)"),
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
    # A chosen action is that action, not every code that starts with it; a typed prefix keeps its group.
    log_action(actor=manager, action="accounts.signed_out", obj=cast.branch)
    log_action(actor=manager, action="accounts.signed_out_everywhere", obj=cast.branch)
    chosen = client.get("/nhat-ky/", {"thao_tac": "accounts.signed_out"}).content.decode()
    assert "Đăng xuất</td>" in chosen and "Đăng xuất khỏi mọi thiết bị</td>" not in chosen
    group = client.get("/nhat-ky/", {"thao_tac": "accounts.signed_out"[:-4]}).content.decode()
    assert "Đăng xuất</td>" in group and "Đăng xuất khỏi mọi thiết bị</td>" in group
