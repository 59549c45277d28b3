"""The follow-up dashboard, the one-click reminder and a unit's calendar feed, through the pages."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from icalendar import Calendar

from guongsang.accounts.models import Role
from guongsang.notifications.models import Reminder
from guongsang.reports import dashboard
from tests.reports.test_followup import DUE, tree  # noqa: F401


def test_the_dashboard_shows_rates_missing_units_and_charts(client, cast, tree):  # noqa: F811
    campaign, _report, _dossier, _units = tree
    client.force_login(cast.users[Role.LEADER])
    page = client.get(reverse("reports:dashboard", args=[campaign.pk])).content.decode()
    assert "Đầy đủ: <strong>4/6</strong> (67%)" in page
    assert "Đúng hạn: <strong>3/6</strong> (50%)" in page
    assert "Đảng bộ xã Đưng K&#x27;Nớ" in page and "dungknoh@example.vn" in page and "0263 3839 000" in page
    assert "<svg" in page and "polyline" in page
    assert "Nhắc tất cả đơn vị chưa gửi" not in page  # leaders follow; managers remind


def test_the_chart_counts_first_submissions_and_marks_deadlines(tree):  # noqa: F811
    campaign, _report, _dossier, _units = tree
    chart = dashboard.submissions_over_time(campaign, now=DUE + dt.timedelta(days=5))
    assert [s.last for s in chart.series] == [4, 1]  # four reports, one nomination
    assert [day for _x, _what, day in chart.marks] == ["24/03", "24/03"]


def test_a_manager_reminds_from_the_dashboard(client, cast, tree):  # noqa: F811
    campaign, report, _dossier, units = tree
    client.force_login(cast.users[Role.MANAGER])
    page = client.get(reverse("reports:dashboard", args=[campaign.pk])).content.decode()
    assert "Nhắc tất cả đơn vị chưa gửi" in page
    response = client.post(reverse("reports:remind", args=[report.pk]), follow=True)
    assert "Đã gửi nhắc hạn “Báo cáo”" in response.content.decode()
    assert Reminder.objects.filter(deadline=report, kind="manual").count() == 2
    response = client.post(
        reverse("reports:remind", args=[report.pk]), {"chon": "1", "don_vi": [units["lat"].pk]}, follow=True
    )
    assert "Đảng bộ xã Lát đã gửi: không cần nhắc." in response.content.decode()
    response = client.post(reverse("reports:remind", args=[report.pk]), {"chon": "1"}, follow=True)
    assert "Chưa chọn đơn vị nào để nhắc." in response.content.decode()
    assert Reminder.objects.count() == 2
    for bad in ("abc", "9" * 30):  # no unit id: a 400 in Vietnamese, not a server error
        response = client.post(reverse("reports:remind", args=[report.pk]), {"chon": "1", "don_vi": [bad]})
        assert response.status_code == 400 and "Đơn vị không hợp lệ" in response.content.decode()
    assert Reminder.objects.count() == 2


def test_a_units_deadlines_as_a_calendar(client, cast, tree):  # noqa: F811
    _campaign, _report, _dossier, _units = tree
    client.force_login(cast.users[Role.SUBMITTER])
    response = client.get(reverse("reports:calendar", args=[cast.commune.pk]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    assert sorted(str(e["summary"]) for e in events) == ["Hạn: Báo cáo", "Hạn: Hồ sơ"]
    assert events[0].decoded("dtend") == DUE
    client.force_login(cast.users["sibling"])
    assert client.get(reverse("reports:calendar", args=[cast.commune.pk])).status_code == 404


def test_chart_coordinates_are_not_written_with_a_decimal_comma(client, cast, tree):  # noqa: F811
    import re

    campaign, _report, _dossier, _units = tree
    client.force_login(cast.users[Role.MANAGER])
    page = client.get(reverse("reports:dashboard", args=[campaign.pk])).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert re.findall(r'\b[xy][12]?="[^"]*,[^"]*"', svg) == []
    assert re.search(r'points="[\d.]+,[\d.]+ ', svg)


def test_a_calendar_subscription_needs_no_login_but_a_signed_token(client, cast, tree):  # noqa: F811
    import re

    from guongsang.reports.calendar import feed_token, unit_from_token

    token = feed_token(cast.commune)
    response = client.get(reverse("reports:calendar_subscription", args=[token]))
    assert response.status_code == 200 and b"BEGIN:VCALENDAR" in response.content
    assert sorted(str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")) == [
        "Hạn: Báo cáo",
        "Hạn: Hồ sơ",
    ]
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("reports:calendar_subscription", args=[forged])).status_code == 404
    other = feed_token(cast.sibling)
    assert unit_from_token(other) == cast.sibling and other != token
    # A token naming another unit under this unit's signature is refused too.
    assert unit_from_token(f"{cast.sibling.pk}:{token.split(':', 1)[1]}") is None
    # The address on the unit's home page is read back by what it names, not compared with a token made here.
    client.force_login(cast.users[Role.SUBMITTER])
    links = re.findall(r"/bao-cao/lich/dang-ky/([^\"<>]+)\.ics", client.get("/").content.decode())
    assert links and {unit_from_token(t) for t in links} == {cast.commune}
    # The address does not change from one page load to the next.
    assert re.findall(r"/bao-cao/lich/dang-ky/([^\"<>]+)\.ics", client.get("/").content.decode()) == links
