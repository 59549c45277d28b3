"""The unit's nomination page states its quota in words and the places left; a kind used up is shown as
used up where its add button was, and a unit with no place left is told so."""

import pytest

from guongsang.accounts.models import Role
from tests.awards.conftest import plan, submitted  # noqa: F401 (the plan fixture)
from tests.conftest import make_user, sign_in

pytestmark = pytest.mark.django_db


def page(client, plan, unit) -> str:  # noqa: F811
    return client.get(f"/de-nghi/ke-hoach/{plan.campaign.pk}/?don_vi={unit.pk}").content.decode()


def test_the_quota_is_worded_and_used_up_kinds_are_not_offered(client, cast, plan):  # noqa: F811
    sign_in(client, make_user("donvi.toaan", cast.court, Role.SUBMITTER))
    html = page(client, plan, cast.court)
    assert "Chỉ tiêu: Mỗi chi bộ cơ sở lựa chọn, đề xuất 01 tập thể hoặc 01 cá nhân." in html
    assert 'id="places-left">1 tập thể, 1 cá nhân, 0 mô hình<' in html
    assert "&loai=collective" in html and "&loai=individual" in html
    assert "&loai=model" not in html and "Thêm mô hình" not in html  # the quota gives no model
    assert "hết chỉ tiêu" not in html and "đã dùng hết chỉ tiêu" not in html

    submitted(plan, cast.court, kind="collective", nominee_unit=cast.court)
    html = page(client, plan, cast.court)
    assert "&loai=collective" not in html and "Thêm tập thể: hết chỉ tiêu" in html
    assert "&loai=individual" not in html  # one collective or one individual: the choice is made
    assert "Đơn vị đã dùng hết chỉ tiêu đề nghị của kế hoạch." in html


def test_a_unit_with_places_left_is_not_told_it_has_none(client, cast, plan):  # noqa: F811
    sign_in(client, cast.users[Role.SUBMITTER])
    submitted(plan, cast.commune, person=plan.people[0])
    html = page(client, plan, cast.commune)
    assert "Chỉ tiêu: Mỗi đảng bộ cơ sở lựa chọn, đề xuất 01 tập thể và 03 cá nhân." in html
    assert 'id="places-left">1 tập thể, 2 cá nhân, 0 mô hình<' in html
    assert "&loai=individual" in html and "Đơn vị đã dùng hết chỉ tiêu" not in html
