import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from guongsang.documents.symbols import LEGAL, PARTY, STATE, Symbol, number_line, parse_symbol
from guongsang.documents.vndate import deadline_text, end_of_day, place_and_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("98-KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("Số  98  -KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("Số 83 - KH/HU", Symbol(83, "KH", "HU", PARTY)),
        ("120-KH/ĐUK", Symbol(120, "KH", "ĐUK", PARTY)),
        ("01-KL/TW", Symbol(1, "KL", "TW", PARTY)),
        ("87-HD/BTGTU", Symbol(87, "HD", "BTGTU", PARTY)),
        ("2974/HD-BTĐKT", Symbol(2974, "HD", "BTĐKT", STATE)),
        ("Số: 12/QĐ-UBND", Symbol(12, "QĐ", "UBND", STATE)),
        ("91/2017/NĐ-CP", Symbol(91, "NĐ", "CP", LEGAL, 2017)),
        ("97/2018/TT-BTC", Symbol(97, "TT", "BTC", LEGAL, 2018)),
    ],
)
def test_it_parses_the_symbols_of_the_plans(text, expected):
    assert parse_symbol(text) == expected


@pytest.mark.parametrize("text", ["98-KH/HU", "120-KH/ĐUK", "2974/HD-BTĐKT", "91/2017/NĐ-CP", "01-KL/TW"])
def test_it_formats_what_it_parses(text):
    assert str(parse_symbol(text)) == text


def test_party_numbers_take_a_leading_zero_and_no_colon():
    assert number_line(Symbol(5, "KH", "HU")) == "Số 05-KH/HU"
    assert number_line(Symbol(12, "QĐ", "UBND", STATE)) == "Số: 12/QĐ-UBND"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("KH/HU", "không phải là số và ký hiệu"),
        ("0-KH/HU", "từ 1 trở lên"),
        ("12-XYZ/HU", "Loại văn bản “XYZ”"),
        ("", "không phải là số và ký hiệu"),
    ],
)
def test_it_refuses_bad_symbols_in_vietnamese(text, message):
    with pytest.raises(ValidationError) as err:
        parse_symbol(text)
    assert message in str(err.value)


def test_dates_are_written_the_party_way():
    assert place_and_date("Lạc Dương", dt.date(2023, 2, 20)) == "Lạc Dương, ngày 20 tháng 02 năm 2023"
    assert place_and_date("Kim Bảng", dt.date(2022, 3, 9)) == "Kim Bảng, ngày 09 tháng 3 năm 2022"
    assert place_and_date("Thái Nguyên", dt.date(2024, 12, 1)) == "Thái Nguyên, ngày 01 tháng 12 năm 2024"


def test_deadlines_are_instants_in_vietnam():
    at = end_of_day(dt.date(2023, 3, 24))
    assert deadline_text(at) == "23:59 ngày 24/03/2023"
    assert at.astimezone(dt.UTC).hour == 16
