"""Document numbers and symbols, and the dates documents write, to the character.

Party documents: ``98-KH/HU`` (a number below 10 takes a leading zero, no colon after "Số"); State
documents: ``Số: 12/QĐ-UBND``; decrees and circulars: ``91/2017/NĐ-CP``. Dates: days below 10 and the
months 1 and 2 take a leading zero (36-HD/VPTW). Deadlines are instants shown in Asia/Ho_Chi_Minh.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from guongsang.documents.symbols import (
    DOC_TYPES,
    LEGAL,
    PARTY,
    STATE,
    Symbol,
    format_symbol,
    number_line,
    parse_symbol,
    validate_symbol,
)
from guongsang.documents.vndate import VN, deadline_text, end_of_day, place_and_date, short_date

# -- symbols --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "text", "line"),
    [
        (Symbol(5, "KH", "HU"), "05-KH/HU", "Số 05-KH/HU"),
        (Symbol(9, "KH", "HU", PARTY), "09-KH/HU", "Số 09-KH/HU"),
        (Symbol(10, "BC", "ĐUK", PARTY), "10-BC/ĐUK", "Số 10-BC/ĐUK"),
        (Symbol(120, "KH", "ĐUK", PARTY), "120-KH/ĐUK", "Số 120-KH/ĐUK"),
        (Symbol(5, "QĐ", "UBND", STATE), "5/QĐ-UBND", "Số: 5/QĐ-UBND"),
        (Symbol(2974, "HD", "BTĐKT", STATE), "2974/HD-BTĐKT", "Số: 2974/HD-BTĐKT"),
        (Symbol(7, "NĐ", "CP", LEGAL, 2017), "7/2017/NĐ-CP", "Số: 7/2017/NĐ-CP"),
        (Symbol(97, "TT", "BTC", LEGAL, 2018), "97/2018/TT-BTC", "Số: 97/2018/TT-BTC"),
    ],
)
def test_each_style_is_written_its_own_way(symbol, text, line):
    assert format_symbol(symbol) == text
    assert str(symbol) == text
    assert number_line(symbol) == line


def test_a_symbol_is_a_party_one_unless_told():
    assert Symbol(1, "KH", "HU").style == PARTY
    assert Symbol(1, "KH", "HU").year is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số: 98-KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("số 98-KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("SỐ: 98-KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("So 98-KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("Số98-KH/HU", Symbol(98, "KH", "HU", PARTY)),
        ("98-KH/HU   ", Symbol(98, "KH", "HU", PARTY)),
        ("98 - KH / HU", Symbol(98, "KH", "HU", PARTY)),
        ("05-TTr/ĐU-VP", Symbol(5, "TTr", "ĐU-VP", PARTY)),
        ("12 / QĐ - UBND", Symbol(12, "QĐ", "UBND", STATE)),
        ("3/QyĐ-UBND2", Symbol(3, "QyĐ", "UBND2", STATE)),
        ("91 / 2017 / NĐ - CP", Symbol(91, "NĐ", "CP", LEGAL, 2017)),
        ("30/2020/NĐ-CP", Symbol(30, "NĐ", "CP", LEGAL, 2020)),
        ("15/1999/TTLT-BNV", Symbol(15, "TTLT", "BNV", LEGAL, 1999)),
    ],
)
def test_it_reads_symbols_as_written_in_plans(text, expected):
    symbol = parse_symbol(text)
    assert symbol == expected
    assert (symbol.number, symbol.doc_type, symbol.issuer, symbol.style, symbol.year) == (
        expected.number,
        expected.doc_type,
        expected.issuer,
        expected.style,
        expected.year,
    )


def test_decomposed_vietnamese_is_read_as_nfc():
    decomposed = unicodedata.normalize("NFD", "Số: 12/QĐ-UBND")
    assert decomposed != "Số: 12/QĐ-UBND"
    assert parse_symbol(decomposed) == Symbol(12, "QĐ", "UBND", STATE)


def refused(text: str) -> str:
    with pytest.raises(ValidationError) as err:
        parse_symbol(text)
    (message,) = err.value.messages
    return message


@pytest.mark.parametrize(
    "text", ["KH/HU", "98-KH", "98/KH/HU", "91/1899/NĐ-CP", "91/2117/NĐ-CP", "x98-KH/HU", "98-KH/HU x"]
)
def test_what_is_not_a_symbol_is_refused_with_the_text_and_examples(text):
    assert refused(text) == (
        f"“{text}” không phải là số và ký hiệu văn bản hợp lệ (ví dụ 98-KH/HU, 2974/HD-BTĐKT, 91/2017/NĐ-CP)."
    )


def test_number_zero_is_refused_in_every_style():
    for text in ("0-KH/HU", "00/QĐ-UBND", "0/2020/NĐ-CP"):
        assert refused(text) == "Số văn bản phải từ 1 trở lên."
    assert parse_symbol("1-KH/HU").number == 1


def test_an_unknown_document_type_lists_the_known_ones():
    message = refused("12/XYZ-UBND")
    assert message == f"Loại văn bản “XYZ” không có trong danh mục ({', '.join(DOC_TYPES)})."
    assert message.startswith("Loại văn bản “XYZ” không có trong danh mục (KH, QĐ, HD, KL, CT, NQ, TB, BC, TTr,")
    assert refused("12-kh/HU").startswith("Loại văn bản “kh”")


def test_a_symbol_without_issuer_is_refused():
    with pytest.raises(ValidationError) as err:
        validate_symbol(Symbol(3, "KH", ""))
    assert err.value.messages == ["Thiếu ký hiệu cơ quan ban hành."]
    assert validate_symbol(Symbol(3, "KH", "HU")) is None


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2023, 2, 20), "Lạc Dương, ngày 20 tháng 02 năm 2023"),
        (dt.date(2024, 1, 9), "Lạc Dương, ngày 09 tháng 01 năm 2024"),
        (dt.date(2024, 3, 10), "Lạc Dương, ngày 10 tháng 3 năm 2024"),
        (dt.date(2024, 10, 1), "Lạc Dương, ngày 01 tháng 10 năm 2024"),
        (dt.date(2024, 11, 30), "Lạc Dương, ngày 30 tháng 11 năm 2024"),
        (dt.date(2024, 12, 31), "Lạc Dương, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_the_place_and_date_line(day, text):
    assert place_and_date("Lạc Dương", day) == text


def test_without_a_place_the_date_line_starts_with_a_capital():
    assert place_and_date("", dt.date(2024, 2, 5)) == "Ngày 05 tháng 02 năm 2024"


def test_short_dates_of_days_and_of_instants_in_vietnam():
    assert short_date(dt.date(2024, 1, 5)) == "05/01/2024"
    # 17:30 UTC on the 4th is 00:30 on the 5th in Vietnam.
    assert short_date(dt.datetime(2024, 1, 4, 17, 30, tzinfo=dt.UTC)) == "05/01/2024"
    assert short_date(dt.datetime(2024, 1, 4, 16, 59, tzinfo=dt.UTC)) == "04/01/2024"


def test_deadline_text_is_the_vietnamese_wall_clock():
    assert deadline_text(dt.datetime(2023, 3, 24, 16, 59, 59, tzinfo=dt.UTC)) == "23:59 ngày 24/03/2023"
    assert deadline_text(dt.datetime(2024, 2, 27, 17, 5, tzinfo=dt.UTC)) == "00:05 ngày 28/02/2024"
    assert deadline_text(dt.datetime(2024, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))) == "08:00 ngày 01/03/2024"


def test_end_of_day_is_the_last_second_in_vietnam():
    end = end_of_day(dt.date(2024, 2, 28))
    assert end == dt.datetime(2024, 2, 28, 16, 59, 59, tzinfo=dt.UTC)
    assert (end.hour, end.minute, end.second, end.microsecond) == (23, 59, 59, 0)
    assert end.tzinfo is VN
    assert str(VN) == "Asia/Ho_Chi_Minh"
    assert deadline_text(end) == "23:59 ngày 28/02/2024"


def test_vietnamese_time_whatever_the_active_time_zone():
    from django.utils import timezone

    at = dt.datetime(2024, 2, 27, 17, 5, tzinfo=dt.UTC)
    with timezone.override("Europe/Paris"):
        assert deadline_text(at) == "00:05 ngày 28/02/2024"
        assert short_date(at) == "28/02/2024"
