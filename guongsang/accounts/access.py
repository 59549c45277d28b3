"""Fetching an object for a user, the one way every view does it: 404 when the object is outside what
the user may see (its existence does not leak), 403 with a Vietnamese message when the user sees it
but may not perform the named action (`accounts.permissions.ACTIONS`) on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from guongsang.accounts.permissions import can
from guongsang.lib.typing import AnyUser

if TYPE_CHECKING:
    from guongsang.campaigns.models import Campaign
    from guongsang.nominations.models import Nomination
    from guongsang.org.models import Unit
    from guongsang.reports.models import Report

# What a user is told when the object is in sight but the action is not theirs.
REFUSALS = {
    "unit.view": "Bạn không có vai trò tại đơn vị này.",
    "tree.edit": "Bạn không có quyền sửa tổ chức của đơn vị này.",
    "audit.view": "Chỉ cán bộ quản lý, lãnh đạo và quản trị xem được nhật ký của đơn vị.",
    "personal_data.view": "Bạn không được xem thông tin cá nhân của đơn vị này.",
    "nominee_data.prepare": "Bạn không soạn được hồ sơ của đơn vị này.",
    "campaign.manage": "Chỉ cán bộ quản lý của đơn vị ban hành mới làm được việc này.",
    "campaign.approve": "Chỉ lãnh đạo của đơn vị ban hành mới làm được việc này.",
    "campaign.follow": "Chỉ cán bộ quản lý và lãnh đạo của đơn vị ban hành mới theo dõi được tiến độ.",
    "report.write": "Bạn không soạn được báo cáo của đơn vị này.",
    "report.submit": "Chỉ bí thư (người đứng đầu) đơn vị mới xác nhận và gửi được báo cáo.",
    "nomination.prepare": "Bạn không đề nghị được cho đơn vị này.",
    "nomination.submit": "Chỉ bí thư (người đứng đầu) đơn vị mới gửi hoặc rút được đề nghị đã gửi.",
    "nomination.review": "Bạn không phải cán bộ thẩm định của đơn vị ban hành.",
    "certificate.print": "Chỉ cán bộ quản lý và văn phòng của đơn vị ban hành in được giấy khen.",
}


def require(user: AnyUser, action: str, unit: Unit) -> None:
    """403 unless the user may perform `action` over `unit`."""
    if not can(user, action, unit):
        raise PermissionDenied(REFUSALS[action])


def _for_user(
    queryset: QuerySet[Any],
    pk: int,
    user: AnyUser,
    action: str | None,
    *,
    seen: Callable[[Any], bool],
    unit: Callable[[Any], Unit],
) -> Any:
    """The object `pk` of `queryset`: 404 when missing or not `seen` by the user, 403 when `action` is
    not the user's over the object's `unit`."""
    try:
        obj = queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise Http404 from None
    if not seen(obj):
        raise Http404
    if action is not None:
        require(user, action, unit(obj))
    return obj


def get_unit_for_user(user: AnyUser, pk: int, action: str | None = None) -> Unit:
    from guongsang.org.models import Unit

    units = Unit.objects.select_related("kind", "successor")
    return _for_user(units, pk, user, action, seen=lambda u: can(user, "unit.view", u), unit=lambda u: u)


def get_campaign_for_user(user: AnyUser, pk: int, action: str | None = None) -> Campaign:
    """A campaign the user sees (its issuer's side, or a participant once issued); `action` is asked of
    the issuer."""
    from guongsang.campaigns.models import Campaign
    from guongsang.campaigns.permissions import can_view_campaign

    campaigns = Campaign.objects.select_related("issuer", "issuer__kind", "parent")
    return _for_user(campaigns, pk, user, action, seen=lambda c: can_view_campaign(user, c), unit=lambda c: c.issuer)


def _seen_by(user: AnyUser, obj: Nomination | Report, own_units: Callable[..., QuerySet[Unit]]) -> bool:
    """A unit's nomination or report: seen by those who act for the unit, and by the issuer's side."""
    if own_units(user, obj.campaign).filter(pk=obj.unit_id).exists():
        return True
    return can(user, "unit.view", obj.campaign.issuer)


def get_nomination_for_user(user: AnyUser, pk: int, action: str | None = None) -> Nomination:
    """A nomination seen by its own unit's nominators and by the issuer's side; `action` is asked of
    the nominating unit."""
    from guongsang.nominations.models import Nomination
    from guongsang.nominations.services import nominating_units

    nominations = Nomination.objects.select_related(
        "campaign", "campaign__issuer", "unit", "unit__kind", "person", "nominee_unit", "model_unit"
    )
    return _for_user(
        nominations, pk, user, action, seen=lambda n: _seen_by(user, n, nominating_units), unit=lambda n: n.unit
    )


def get_report_for_user(user: AnyUser, pk: int, action: str | None = None) -> Report:
    """A report seen by its own unit's writers and by the issuer's side; `action` is asked of the
    reporting unit."""
    from guongsang.reports.models import Report
    from guongsang.reports.services import reporting_units

    reports = Report.objects.select_related("campaign", "campaign__issuer", "unit", "unit__kind")
    return _for_user(
        reports, pk, user, action, seen=lambda r: _seen_by(user, r, reporting_units), unit=lambda r: r.unit
    )
