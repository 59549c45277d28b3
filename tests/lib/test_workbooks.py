"""Every workbook the app produces can be used as it comes: a bold header row that stays in view and
filters, every used column as wide as its content, dates as real dates shown dd/mm/yyyy, numbers as
numbers, one value per cell. Each producer's workbook is built from real records, read back with
openpyxl and checked sheet by sheet; the helpers are checked on their own below."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from guongsang.accounts.models import Role
from guongsang.awards import escalation, selection
from guongsang.campaigns.models import Campaign, Indicator, OutlineSection, Participation
from guongsang.lib import workbooks as W
from guongsang.org.models import Honor, Person, Unit
from guongsang.org.workbook import (
    COLUMNS,
    HELP_SHEET,
    HONOR_SHEET,
    PERSON_SHEET,
    RATING_SHEET,
    UNIT_SHEET,
    build_workbook,
    export_workbook,
    import_workbook,
    read_workbook,
    template_workbook,
)
from guongsang.reports.aggregation import aggregate, figures_workbook
from guongsang.reports.models import Report, SectionAnswer
from tests.awards import conftest as awards
from tests.awards.conftest import signed, submitted
from tests.conftest import make_unit

plan = awards.plan  # the district plan of the awards tests, as a fixture here too

# A date or a number written as text: what str(), strftime() or a " | " join would leave behind.
DATE_AS_TEXT = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}")
NUMBER_AS_TEXT = re.compile(r"-?\d+(?:[.,]\d+)?")


# -- reading a sheet back ---------------------------------------------------------------------------


def column_widths(ws) -> dict[int, float]:
    """Column index -> width as saved (a <col> element may span several columns)."""
    out = {}
    for dim in ws.column_dimensions.values():
        if dim.customWidth and dim.width:
            for index in range(dim.min, dim.max + 1):
                out[index] = dim.width
    return out


def shown_width(value) -> int:
    if isinstance(value, dt.datetime):
        return 10 if value.time() == dt.time(0) else 16
    text = unicodedata.normalize("NFC", str(value))
    return max(len(line) for line in text.splitlines()) if text else 0


def header(ws) -> list:
    return [c.value for c in ws[1]]


def column(ws, title: str) -> list:
    """The data cells under a header title."""
    index = header(ws).index(title) + 1
    return [row[index - 1] for row in ws.iter_rows(min_row=2) if len(row) >= index]


def check_sheet(ws, *, dates=(), numbers=(), texts_like_numbers=(), rows: int | None = None) -> None:
    """The checks every table sheet of every producer must pass. `dates` and `numbers` name columns that
    must hold real dates / numbers; `texts_like_numbers` those whose texts may look like numbers (a
    telephone number, a code)."""
    titles = header(ws)
    last = ws.cell(row=1, column=len(titles)).column_letter
    assert ws.freeze_panes == "A2", ws.title
    assert all(titles) and all(c.font.bold for c in ws[1]), ws.title
    assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", ws.title
    assert ws.max_column == len(titles), f"{ws.title}: values beyond the last titled column"
    if rows is not None:
        assert ws.max_row == rows + 1, ws.title
    widths = column_widths(ws)
    for index in range(1, ws.max_column + 1):
        values = [c.value for c in ws.iter_cols(min_col=index, max_col=index).__next__() if c.value is not None]
        assert index in widths, f"{ws.title}: column {index} has no width"
        longest = max(shown_width(v) for v in values)
        # As wide as the longest value (header included), within the cap; long texts wrap instead.
        assert min(longest, W.MAX_WIDTH - W.PADDING) + 1 <= widths[index] <= W.MAX_WIDTH, (ws.title, index)
    allowed = {header(ws).index(t) + 1 for t in texts_like_numbers}
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                assert " | " not in value, (ws.title, cell.coordinate, value)
                assert not DATE_AS_TEXT.search(value), f"{ws.title} {cell.coordinate}: date as text {value!r}"
                if cell.column not in allowed:
                    assert not NUMBER_AS_TEXT.fullmatch(value), f"{ws.title} {cell.coordinate}: number as text"
    for title in dates:
        cells = [c for c in column(ws, title) if c.value is not None]
        assert cells, f"{ws.title}: no date in “{title}” to check"
        for c in cells:
            assert isinstance(c.value, dt.datetime), (ws.title, c.coordinate, c.value)
            assert "DD/MM/YYYY" in c.number_format, (ws.title, c.coordinate, c.number_format)
            assert c.is_date
    for title in numbers:
        cells = [c for c in column(ws, title) if c.value is not None]
        assert cells, f"{ws.title}: no number in “{title}” to check"
        for c in cells:
            assert isinstance(c.value, (int, float)) and not isinstance(c.value, bool), (ws.title, c.coordinate)


def book_of(data: bytes):
    return load_workbook(io.BytesIO(data))


def values(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


# -- the figures of a campaign ----------------------------------------------------------------------


@pytest.fixture
def figures(cast):
    campaign = Campaign.objects.create(
        issuer=cast.district, title="Sơ kết", status=Campaign.Status.ISSUED, date=dt.date(2026, 2, 1)
    )
    section = OutlineSection.objects.create(campaign=campaign, number="I.", title="KẾT QUẢ", position=0)
    spec = [
        ("so-buoi", "Số buổi sinh hoạt chuyên đề", "integer", "sum", []),
        ("ty-le", "Tỷ lệ đảng viên tham gia", "decimal", "mean", []),
        ("hang-nam", "Số đảng viên được khen", "series", "sum", []),
        ("y-kien", "Khó khăn, vướng mắc", "text", "list", []),
        ("mo-hinh", "Mô hình, cách làm hay", "table", "list", ["Tên mô hình", "Số hộ tham gia", "Điện thoại"]),
    ]
    for position, (code, label, type_, how, columns) in enumerate(spec):
        Indicator.objects.create(
            section=section, code=code, label=label, type=type_, aggregate=how, columns=columns, position=position
        )
    dasar = make_unit(cast.district, "T-DASAR", "Đảng bộ xã Đạ Sar", "dang-bo-co-so")
    answers = {
        cast.commune: {
            "so-buoi": 12,
            "ty-le": 96.5,
            "hang-nam": {"2024": 10, "2025": 14},
            "y-kien": "Thiếu kinh phí in tài liệu",
            "mo-hinh": [["Dân vận khéo", "120", "0263 3839 123"], ["Tủ sách", "45", "0912345678"]],
        },
        dasar: {"so-buoi": 8, "ty-le": 90.25, "hang-nam": {"2024": 5}, "mo-hinh": [["Sân chơi thiếu nhi", "7", ""]]},
    }
    for unit, answer in answers.items():
        Participation.objects.create(campaign=campaign, unit=unit)
        report = Report.objects.create(campaign=campaign, unit=unit, state=Report.State.ACCEPTED)
        SectionAnswer.objects.create(report=report, section=section, values=answer)
    return campaign


def test_the_figures_workbook(figures):
    nominees = [("Đảng bộ xã Lát", "Cá nhân", "Nguyễn Thị Ánh", "Giấy khen", "Đã gửi")]
    book = book_of(figures_workbook(aggregate(figures), nominees))
    assert book.sheetnames == ["Tổng hợp", "Từng đơn vị", "Danh sách", "Mô hình, cách làm hay", "Đề nghị khen thưởng"]
    totals = book["Tổng hợp"]
    check_sheet(totals, numbers=["Số đơn vị trả lời", "Toàn đợt", "Đảng bộ cơ sở"], rows=6)
    assert values(totals)[3][:4] == ["Số đảng viên được khen — năm 2024", "Cộng", 2, 15]
    check_sheet(book["Từng đơn vị"], rows=2 + 2 + 3 + 1 + 2)
    check_sheet(book["Danh sách"], rows=1)
    table = book["Mô hình, cách làm hay"]
    check_sheet(table, numbers=["Số hộ tham gia"], texts_like_numbers=["Điện thoại"], rows=3)
    assert values(table) == [
        ["Đơn vị", "Tên mô hình", "Số hộ tham gia", "Điện thoại"],
        ["Đảng bộ xã Lát", "Dân vận khéo", 120, "0263 3839 123"],
        ["Đảng bộ xã Lát", "Tủ sách", 45, "0912345678"],  # the leading zero kept: a text
        ["Đảng bộ xã Đạ Sar", "Sân chơi thiếu nhi", 7, None],
    ]
    check_sheet(book["Đề nghị khen thưởng"], rows=1)


def test_a_table_without_column_labels_numbers_its_columns_and_its_sheet_name_is_made_valid(figures):
    Indicator.objects.filter(code="mo-hinh").update(label="Mô hình: “Dân vận khéo” / cách làm hay ở cơ sở", columns=[])
    book = book_of(figures_workbook(aggregate(figures)))
    (title,) = [t for t in book.sheetnames if t.startswith("Mô hình")]
    assert len(title) <= 31 and not set(title) & set("\\/?*[]:")
    assert header(book[title]) == ["Đơn vị", "Cột 1", "Cột 2", "Cột 3"]
    check_sheet(book[title], numbers=["Cột 2"], texts_like_numbers=["Cột 3"], rows=3)


# -- scores and the escalation list -----------------------------------------------------------------


def test_the_scores_workbook(cast, plan):
    manager, reviewer = cast.users[Role.MANAGER], cast.users[Role.REVIEWER]
    n = submitted(plan, cast.commune, person=plan.people[0])
    selection.screen(actor=manager, nomination=n, verdict="valid")
    selection.assign_reviewer(actor=manager, campaign=plan.campaign, reviewer=reviewer)
    item = plan.campaign.rubric.get()
    selection.review_save(actor=reviewer, nomination=n, scores={str(item.pk): "7,5"}, comment="Tiêu biểu")
    book = book_of(selection.scores_workbook(plan.campaign))
    scores = book["Điểm chấm"]
    check_sheet(scores, numbers=[header(scores)[5], "Điểm (100)"], rows=1)
    assert values(scores)[1][5:] == [7.5, 75, "Tiêu biểu"]
    check_sheet(book["Tổng hợp"], numbers=["Số người chấm", "Điểm trung bình", "Độ lệch chuẩn"], rows=1)


def test_the_escalation_list(cast, plan):
    people = [submitted(plan, cast.commune, person=p) for p in plan.people[:1]]
    collective = submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    decision = signed(cast, plan, [*people, collective])
    for award in decision.awards.all():
        escalation.escalate(actor=cast.users[Role.MANAGER], award=award, target=plan.upward)
    with zipfile.ZipFile(io.BytesIO(escalation.package(plan.campaign, plan.upward))) as z:
        book = book_of(z.read("02-danh-sach.xlsx"))
    ws = book["Danh sách"]
    check_sheet(ws, dates=["Ngày quyết định"], numbers=["TT"], rows=2)
    assert header(ws) == [
        "TT",
        "Tập thể, cá nhân",
        "Đối tượng",
        "Chức vụ, đơn vị",
        "Hình thức đã được khen",
        "Số quyết định",
        "Ngày quyết định",
        "Tóm tắt thành tích",
    ]
    first = values(ws)[1]
    assert first[0] == 1 and first[4:7] == ["Giấy khen", "01-QĐ/HU", dt.datetime(2026, 4, 2)]


# -- the organisation workbook: template, export, build; still read back by the import ---------------


ORG_DATES = {UNIT_SHEET: ["Hoạt động từ ngày"], HONOR_SHEET: ["Ngày quyết định"]}
ORG_NUMBERS = {UNIT_SHEET: ["Số đảng viên"], PERSON_SHEET: ["Năm sinh"], RATING_SHEET: ["Năm"], HONOR_SHEET: ["Năm"]}
ORG_TEXTS = ["Điện thoại", "Mã đơn vị", "Mã", "Mã cán bộ", "Mã đơn vị cấp trên", "Mã đơn vị kế tục"]


def check_org_book(book) -> None:
    for name, cols in COLUMNS.items():
        ws = book[name]
        assert header(ws) == [title for _, title, _ in cols]
        check_sheet(
            ws,
            dates=ORG_DATES.get(name, ()),
            numbers=ORG_NUMBERS[name],
            texts_like_numbers=[t for t in ORG_TEXTS if t in header(ws)],
        )
        # Columns typed into later: dates shown dd/mm/yyyy, telephone numbers and codes kept as texts.
        for index, (key, _, _) in enumerate(cols, start=1):
            dim = next(d for d in ws.column_dimensions.values() if d.min <= index <= d.max)
            if key in ("active_from", "active_to", "decision_date"):
                assert dim.number_format == "DD/MM/YYYY", (name, key)
            if key in ("phone", "code"):
                assert dim.number_format == "@", (name, key)


def test_the_template(cast):
    book = book_of(template_workbook())
    assert book.sheetnames == [HELP_SHEET, *COLUMNS]
    check_org_book(book)
    assert book[UNIT_SHEET]["I2"].value == dt.datetime(2020, 1, 1)
    assert book[HONOR_SHEET]["F2"].value == dt.datetime(2023, 5, 15)
    sheets, errors = read_workbook(template_workbook())
    assert not errors
    ((_, honour),) = sheets[HONOR_SHEET].items
    assert honour["decision_date"] == dt.datetime(2023, 5, 15) and honour["year"] == 2023


def test_the_export_and_its_round_trip(cast):
    manager = cast.users[Role.MANAGER]
    Unit.objects.filter(pk=cast.commune.pk).update(active_from=dt.date(2015, 9, 2), phone="0263 3839 123")
    Honor.objects.create(
        person=cast.person,
        form="Giấy khen",
        granted_by="Ban Thường vụ Huyện ủy",
        decision_number="12-QĐ/HU",
        decision_date=dt.date(2023, 5, 19),
        year=2023,
        reason="Có thành tích xuất sắc trong học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    )
    data = export_workbook(actor=manager, scope=cast.district)
    book = book_of(data)
    check_org_book(book)
    units = {row[0]: row for row in values(book[UNIT_SHEET])[1:]}
    assert units["T-LAT"][7:9] == [120, dt.datetime(2015, 9, 2)]
    assert units["T-LAT"][12] == "0263 3839 123"
    (honour,) = values(book[HONOR_SHEET])[1:]
    assert honour[5:7] == [dt.datetime(2023, 5, 19), 2023]
    before = (
        sorted(Unit.objects.values_list("code", "active_from", "phone", "party_member_count")),
        sorted(Honor.objects.values_list("form", "decision_date", "year")),
        sorted(Person.objects.values_list("code", "birth_year")),
    )
    result = import_workbook(actor=manager, scope=cast.district, data=data)
    assert result.saved, [str(e) for e in result.errors]
    assert result.counts["units_created"] == 0 and result.counts["honors"] == 1
    after = (
        sorted(Unit.objects.values_list("code", "active_from", "phone", "party_member_count")),
        sorted(Honor.objects.values_list("form", "decision_date", "year")),
        sorted(Person.objects.values_list("code", "birth_year")),
    )
    assert after == before


def test_a_built_workbook_keeps_texts_as_given_and_dates_as_dates(cast):
    row = ["N-1", "Chi bộ thôn Đạ Nghịt", "", "chi-bo-truc-thuoc", "T-LAT", "", "", 9, dt.date(2021, 3, 4)]
    row += ["05/06/2022", "", "", ""]
    book = book_of(build_workbook({UNIT_SHEET: [row]}))
    ws = book[UNIT_SHEET]
    assert ws["I2"].value == dt.datetime(2021, 3, 4) and "DD/MM/YYYY" in ws["I2"].number_format
    assert ws["J2"].value == "05/06/2022"  # what the caller wrote: the import reads both
    assert ws.freeze_panes == "A2" and column_widths(ws)[2] >= len("Chi bộ thôn Đạ Nghịt")
    result = import_workbook(
        actor=cast.users[Role.MANAGER], scope=cast.district, data=build_workbook({UNIT_SHEET: [row]})
    )
    assert result.saved, [str(e) for e in result.errors]
    unit = Unit.objects.get(code="N-1")
    assert (unit.active_from, unit.active_to) == (dt.date(2021, 3, 4), dt.date(2022, 6, 5))


# -- the helpers ------------------------------------------------------------------------------------


def saved(book):
    return load_workbook(io.BytesIO(W.save(book)))


def test_cells_are_normalised_dates_localised_and_formulas_kept_as_text():
    book = Workbook()
    ws = book.active
    W.header_row(ws, ["Tên", "Ngày", "Lúc", "Số", "Ghi chú"])
    moment = dt.datetime(2026, 3, 1, 18, 30, tzinfo=dt.UTC)  # 01:30 on 02/03 in Vietnam
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    W.write_row(ws, [decomposed, dt.date(2026, 3, 1), moment, Decimal("12.50"), '=HYPERLINK("x")\x0b'])
    W.date_cell(ws, 3, 2, dt.date(2026, 12, 31))
    W.finish(ws)
    ws = saved(book).active
    assert ws["A2"].value == "Nguyễn Thị Ánh" == unicodedata.normalize("NFC", decomposed)
    assert (ws["B2"].value, ws["B2"].number_format) == (dt.datetime(2026, 3, 1), "DD/MM/YYYY")
    assert (ws["C2"].value, ws["C2"].number_format) == (dt.datetime(2026, 3, 2, 1, 30), "DD/MM/YYYY HH:MM")
    assert ws["D2"].value == 12.5 and ws["D2"].data_type == "n"
    assert ws["E2"].value == '=HYPERLINK("x")' and ws["E2"].data_type == "s"  # a text, not a formula
    assert (ws["B3"].value, ws["B3"].number_format) == (dt.datetime(2026, 12, 31), "DD/MM/YYYY")
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:E3"


def test_widths_follow_the_longest_nfc_text_within_bounds_and_long_texts_wrap():
    book = Workbook()
    ws = book.active
    W.header_row(ws, ["TT", "Họ và tên", "Tóm tắt thành tích"])
    name = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Nguyệt")  # NFD would count 27 characters
    W.write_row(ws, [1, name, "Gương mẫu " * 20])
    W.write_row(ws, [2, "A", "Dòng một\nDòng hai"])
    W.finish(ws)
    ws = saved(book).active
    widths = column_widths(ws)
    assert widths[1] == W.MIN_WIDTH
    assert widths[2] == len("Nguyễn Thị Ánh Nguyệt") + W.PADDING
    assert widths[3] == W.MAX_WIDTH and ws["C2"].alignment.wrap_text
    assert ws["C3"].alignment.wrap_text and not ws["B2"].alignment.wrap_text


def test_the_header_must_come_first():
    ws = Workbook().active
    ws.append(["đã có"])
    with pytest.raises(ValueError, match="first row"):
        W.header_row(ws, ["Tên"])


def test_plain_whole_numbers_only_become_numbers():
    assert [W.number_or_text(v) for v in ("12", " 7 ", "0", "012", "1.500", "1,5", "12a", "", None, 3)] == [
        12,
        7,
        0,
        "012",
        "1.500",
        "1,5",
        "12a",
        "",
        None,
        3,
    ]


def test_sheet_titles_are_valid_and_unique_whatever_the_text():
    assert W.sheet_title("Mô hình: tốt/khá [2025]?", []) == "Mô hình tốt khá 2025"
    long = "Danh sách mô hình, điển hình tiên tiến được nhân rộng"
    first = W.sheet_title(long, [])
    second = W.sheet_title(long, [first])
    assert len(first) <= 31 and len(second) <= 31 and second.endswith("(2)")
    assert W.sheet_title("tổng hợp", ["Tổng hợp"]) == "tổng hợp (2)"
    assert W.sheet_title("  ''  ", []) == "Trang"


def test_a_header_typed_as_a_formula_stays_a_text():
    book = Workbook()
    W.header_row(book.active, ["TT", '=HYPERLINK("http://x","bấm")'])
    ws = load_workbook(io.BytesIO(W.save(book))).active
    assert ws["B1"].data_type == "s"
    assert ws["B1"].value == '=HYPERLINK("http://x","bấm")'
