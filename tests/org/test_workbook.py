import io

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from guongsang.accounts.models import AuditEntry, Role
from guongsang.org.models import Honor, Person, Rating, Unit
from guongsang.org.workbook import (
    COLUMNS,
    HONOR_SHEET,
    PERSON_SHEET,
    RATING_SHEET,
    UNIT_SHEET,
    build_workbook,
    export_workbook,
    import_workbook,
    template_workbook,
)
from tests.conftest import refresh


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    return build_workbook(sheets)


def unit_row(code, name, kind="chi-bo-truc-thuoc", parent="T-LAT", **extra):
    row = [
        code,
        name,
        "",
        kind,
        parent,
        "",
        "",
        extra.get("members"),
        extra.get("start"),
        extra.get("end"),
        extra.get("successor", ""),
        "",
        "",
    ]
    return row


def person_row(code, name, unit, gender="Nữ", year=1984, member="Có"):
    return [code, name, gender, year, "Kinh", "Chuyên viên", unit, member]


def state():
    """Everything an import could change, to prove a refused file changed nothing."""
    return (
        sorted(Unit.objects.values_list("code", "path", "name", "successor_id"), key=str),
        sorted(Person.objects.values_list("code", "full_name", "unit_id"), key=str),
        sorted(Rating.objects.values_list("person_id", "unit_id", "year", "grade"), key=str),
        Honor.objects.count(),
        AuditEntry.objects.count(),
    )


GOOD = {
    UNIT_SHEET: [
        unit_row("N-CB2", "Chi bộ thôn Đạ Nghịt"),
        unit_row("N-DB", "Đảng bộ xã Đạ Sar", kind="dang-bo-co-so", parent="T-HU-LD", members=96),
        unit_row("N-DB-CB1", "Chi bộ thôn Đưng K'Si", parent="N-DB"),  # parent defined above in the file
    ],
    PERSON_SHEET: [person_row("N-P1", "Cil Ha Sen", "N-CB2"), person_row("N-P2", "Lê Văn Hùng", "N-DB-CB1", "Nam")],
    RATING_SHEET: [
        ["Cá nhân", "N-P1", 2023, "HTTNV", "Đảng", ""],
        ["Đơn vị", "N-DB", 2024, "htxsnv", "", ""],
        ["Cá nhân", "P-1", 2023, "HTNV", "", "Nghị quyết 05"],
    ],
    HONOR_SHEET: [["Cá nhân", "N-P2", "Giấy khen", "Ban Thường vụ Huyện ủy", "12-QĐ/HU", "19/05/2023", 2023, ""]],
}


def test_a_good_file_is_saved_in_one_go(cast):
    result = import_workbook(actor=cast.users[Role.MANAGER], scope=cast.district, data=xlsx(GOOD), filename="a.xlsx")
    assert result.saved, [str(e) for e in result.errors]
    assert result.counts == {
        "units_created": 3,
        "units_updated": 0,
        "people_created": 2,
        "people_updated": 0,
        "ratings": 3,
        "honors": 1,
    }
    child = Unit.objects.get(code="N-DB-CB1")
    assert child.parent_unit().code == "N-DB" and child.is_within(cast.district)
    assert Person.objects.get(code="N-P1").unit.code == "N-CB2"
    assert Rating.objects.get(unit__code="N-DB", year=2024).grade == "HTXSNV"
    assert Rating.objects.get(person=cast.person, year=2023).note == "Nghị quyết 05"
    entry = AuditEntry.objects.get(action="org.import")
    assert entry.after["units_created"] == 3 and entry.unit == cast.district


def test_export_then_import_round_trips_without_changes(cast):
    manager = cast.users[Role.MANAGER]
    import_workbook(actor=manager, scope=cast.district, data=xlsx(GOOD))
    before = state()[:4]
    data = export_workbook(actor=manager, scope=cast.district)
    wb = load_workbook(io.BytesIO(data))
    assert wb[UNIT_SHEET]["A2"].value == "T-HU-LD" and wb[UNIT_SHEET]["E2"].value == "T-TU"
    result = import_workbook(actor=manager, scope=cast.district, data=data)
    assert result.saved, [str(e) for e in result.errors]
    assert result.counts["units_created"] == 0 and result.counts["people_created"] == 0
    assert state()[:4] == before


def test_the_template_has_every_sheet_and_imports_cleanly_once_its_example_is_pointed_in_scope(cast):
    wb = load_workbook(io.BytesIO(template_workbook()))
    assert wb.sheetnames[0] == "Hướng dẫn"
    for name, cols in COLUMNS.items():
        assert [c.value for c in wb[name][1]] == [title for _, title, _ in cols]
    wb[UNIT_SHEET]["E2"] = "T-LAT"
    out = io.BytesIO()
    wb.save(out)
    result = import_workbook(actor=cast.users[Role.MANAGER], scope=cast.district, data=out.getvalue())
    assert result.saved, [str(e) for e in result.errors]


BAD_CASES = {
    "not an xlsx": (b"MZ\x90\x00 this is not a spreadsheet", "không phải là bảng tính Excel"),
    "empty": (b"", "Tệp rỗng"),
    "no known sheet": (None, "Không tìm thấy trang nào"),
    "missing column": (None, "thiếu cột bắt buộc “Mã loại đơn vị”"),
    "duplicate code in file": (
        {UNIT_SHEET: [unit_row("N-1", "A"), unit_row("N-1", "B")]},
        "mã đơn vị “N-1” trùng với dòng 3",
    ),
    "code taken outside the scope": ({UNIT_SHEET: [unit_row("T-CB-VKS", "Chi bộ mới")]}, "ngoài phạm vi của bạn"),
    "cycle in the file": (
        {UNIT_SHEET: [unit_row("N-A", "A", parent="N-B"), unit_row("N-B", "B", parent="N-A")]},
        "vòng lặp",
    ),
    "cycle with the tree": (
        {UNIT_SHEET: [unit_row("T-LAT", "Đảng bộ xã Lát", kind="dang-bo-co-so", parent="T-LAT-CB1")]},
        "vòng lặp",
    ),
    "unknown kind": ({UNIT_SHEET: [unit_row("N-1", "A", kind="chi-bo-ma")]}, "loại đơn vị “chi-bo-ma” không có"),
    "parent in a sibling subtree": ({UNIT_SHEET: [unit_row("N-1", "A", parent="T-HU-KB")]}, "nằm ngoài phạm vi"),
    "bad date": ({UNIT_SHEET: [unit_row("N-1", "A", start="31/02/2024")]}, "không phải là ngày dạng dd/mm/yyyy"),
    "rating outside the grades": (
        {RATING_SHEET: [["Cá nhân", "P-1", 2024, "Tốt", "", ""]]},
        "xếp loại “Tốt” không có trong thang xếp loại",
    ),
    "rating year out of range": ({RATING_SHEET: [["Cá nhân", "P-1", 1800, "HTNV", "", ""]]}, "Năm 1800 không hợp lệ"),
    "person in an unknown unit": (
        {PERSON_SHEET: [person_row("N-P", "Hà Văn Cường", "KHONG-CO")]},
        "không tìm thấy đơn vị mã “KHONG-CO”",
    ),
    "person in a sibling's unit": (
        {PERSON_SHEET: [person_row("N-P", "Hà Văn Cường", "T-CB-VKS")]},
        "không tìm thấy đơn vị mã “T-CB-VKS”",
    ),
    "bad gender": ({PERSON_SHEET: [person_row("N-P", "Hà Văn Cường", "T-LAT", gender="X")]}, "phải là Nam hoặc Nữ"),
    "rating of a sibling's person": (
        {RATING_SHEET: [["Cá nhân", "P-2", 2024, "HTNV", "", ""]]},
        "không tìm thấy cá nhân mã “P-2”",
    ),
}


def _bad_file(case, payload):
    if case == "no known sheet":
        wb = Workbook()
        wb.active.title = "Sheet1"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    if case == "missing column":
        wb = Workbook()
        ws = wb.active
        ws.title = UNIT_SHEET
        ws.append(["Mã đơn vị", "Tên đơn vị"])
        ws.append(["N-1", "A"])
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()
    return payload if isinstance(payload, bytes) else xlsx(payload)


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_a_bad_file_is_refused_with_a_vietnamese_message_and_nothing_saved(cast, case):
    payload, message = BAD_CASES[case]
    # A good row beside the bad one must not be saved either.
    data = _bad_file(case, payload)
    if isinstance(payload, dict):
        payload = {**payload}
        payload.setdefault(UNIT_SHEET, [])
        payload[UNIT_SHEET] = [unit_row("N-OK", "Chi bộ hợp lệ"), *payload[UNIT_SHEET]]
        data = xlsx(payload)
    before = state()
    result = import_workbook(actor=cast.users[Role.MANAGER], scope=cast.district, data=data)
    assert not result.saved
    text = "\n".join(str(e) for e in result.errors)
    assert message in text
    assert state() == before


def test_errors_name_the_sheet_and_row(cast):
    result = import_workbook(
        actor=cast.users[Role.MANAGER],
        scope=cast.district,
        data=xlsx({PERSON_SHEET: [person_row("N-P", "A", "T-LAT"), person_row("N-Q", "", "T-LAT")]}),
    )
    assert [str(e) for e in result.errors] == ["Trang “Cá nhân”, dòng 3: thiếu họ và tên."]


def test_only_tree_editors_may_import_or_export(cast):
    for user in (cast.users[Role.SUBMITTER], cast.users[Role.LEADER], cast.users["sibling"]):
        with pytest.raises(PermissionDenied):
            import_workbook(actor=user, scope=cast.district, data=xlsx(GOOD))
        with pytest.raises(PermissionDenied):
            export_workbook(actor=user, scope=cast.district)
    assert refresh(cast.district).numchild == 2
