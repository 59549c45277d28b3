"""Vietnamese dates as documents write them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _pad(value: int, *, month: bool = False) -> str:
    # Days below 10 and the months 1 and 2 take a leading zero (36-HD/VPTW, NĐ 30/2020).
    if (not month and value < 10) or (month and value in (1, 2)):
        return f"{value:02d}"
    return str(value)


def place_and_date(place: str, day: dt.date) -> str:
    """ "Lạc Dương, ngày 20 tháng 02 năm 2023" """
    text = f"ngày {_pad(day.day)} tháng {_pad(day.month, month=True)} năm {day.year}"
    return f"{place}, {text}" if place else text.capitalize()


def local_day(moment: dt.datetime | None = None) -> dt.date:
    """The day in Vietnam of `moment` (now by default), whatever the server's time zone: a report sent at
    01:45 on 02/12 in Vietnam (18:45 on 01/12 UTC) is dated 02/12."""
    return timezone.localtime(moment or timezone.now(), VN).date()


def short_date(day: dt.date | dt.datetime) -> str:
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day, VN).date()
    return day.strftime("%d/%m/%Y")


def deadline_text(at: dt.datetime) -> str:
    """ "23:59 ngày 24/03/2023" in Asia/Ho_Chi_Minh."""
    local = timezone.localtime(at, VN)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def end_of_day(day: dt.date) -> dt.datetime:
    """23:59:59 of a day in Vietnam, as an aware datetime: "trước ngày …" deadlines."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=VN)
