"""Who may perform each state-changing action, by role and by the user's relation to the object's unit,
and in which state of the object; and the same for every service function behind the pages.

Read with tests/action_matrix_cases.py (the world and its builders). Three tables:

- ACTIONS: every POST endpoint (each `action` variant apart), with the object and state it needs, the
  data a browser sends, who succeeds (OK), who is told it is not theirs (404), and how the others are
  refused (403, or the page's Vietnamese error message). A refusal leaves every row of the database as
  it was; a success must change what the row says it changes. Rows whose `only` is set ask one state
  that is wrong (already signed, not yet approved, …) of the users otherwise allowed.
- SERVICES: every public service function with an `actor`: allowed, or PermissionDenied with the
  database untouched.
- READ_ONLY and EXEMPT: the other URL patterns. The completeness tests fail when a new URL pattern or
  a new service function with an `actor` has no row.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import inspect
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests import action_matrix_cases as C
from tests.action_matrix_cases import (
    ADMIN,
    ANON,
    HEAD,
    HEADS,
    HIDDEN_DRAFT,
    HIDDEN_ISSUED,
    HIDDEN_TREE,
    HIDDEN_UNIT_WORK,
    LEADER,
    LEADERS,
    MANAGER,
    MANAGERS,
    NOMINATORS,
    OFFICE,
    PRINTERS,
    REVIEWER,
    ROOT_LEADER,
    SIBLING,
    SIGNED_IN,
    WHO,
    World,
)
from tests.conftest import sign_in
from tests.test_url_matrix import own_patterns


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(C.NOW, tick=False):
        yield


@pytest.fixture(scope="module")
def shared_world(shared_cast, django_db_blocker):
    """The campaign, built once for the module inside the shared cast's transaction (tests/conftest.py):
    each test runs in a savepoint within it, on its own copy of the objects."""
    with django_db_blocker.unblock(), time_machine.travel(C.NOW, tick=False):
        return C.build_world(shared_cast)


@pytest.fixture
def world(shared_world, db) -> World:
    return copy.deepcopy(shared_world)


def _m(module: str):
    return importlib.import_module(f"guongsang.{module}")


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def _get(label: str, **filters):
    return _model(label).objects.get(**filters)


def _exists(label: str, **filters) -> bool:
    return _model(label).objects.filter(**filters).exists()


# --- the table of POST endpoints -------------------------------------------------------------------


@dataclass
class Act:
    name: str  # URL pattern
    variant: str
    setup: Callable[[World], Any]  # builds the state the row needs; returns the target object
    url: Callable[[World, Any], dict]  # reverse() kwargs
    done: Callable[[World, Any], None]  # asserts that the allowed action did what it says
    ok: frozenset = frozenset()
    hidden: frozenset = frozenset()
    deny: Any = 403  # how the others in scope are refused: 403, "msg" (redirect + error), "page" (200 + error)
    data: Callable[[World, Any, str], dict] = lambda w, obj, who: {}
    status: int = 302  # the status of a success (and of a "msg" refusal)
    only: frozenset | None = None  # ask only these users (a row for a wrong state)
    says: str = ""  # Vietnamese text the refusal must show
    overrides: dict = field(default_factory=dict)
    query: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name

    def expected(self, who: str):
        if who == ANON:
            return "login"
        if who in self.overrides:
            return self.overrides[who]
        if who in self.ok:
            return "ok"
        if who in self.hidden:
            return 404
        return self.deny


def pk(*args) -> dict:
    """URL kwargs of the target: pk(obj), or pk(world, obj) as a row's `url`."""
    return {"pk": args[-1].pk}


def campaign_pk(w, obj) -> dict:
    return {"pk": w.campaign.pk}


def issued(w):
    return w.campaign


def draft(w):
    return C.set_status(w, "draft")


def status_is(status):
    def check(w, obj):
        assert _get("campaigns.Campaign", pk=w.campaign.pk).status == status

    return check


def campaign_action(action, source, target, ok, *, hidden=HIDDEN_DRAFT, data=None, deny=403):
    return Act(
        "campaigns:action",
        action,
        lambda w: C.set_status(w, source),
        lambda w, obj: {"pk": obj.pk, "action": action},
        status_is(target),
        ok,
        hidden,
        deny,
        data or (lambda w, obj, who: {}),
    )


def campaign_action_refused(action, state, users, says, *, data=None):
    return Act(
        "campaigns:action",
        f"{action}:{state}",
        lambda w: C.set_status(w, state),
        lambda w, obj: {"pk": obj.pk, "action": action},
        status_is(state),
        deny="msg",
        only=users,
        says=says,
        data=data or (lambda w, obj, who: {}),
    )


def approved_plan(w):
    """A plan the leader approved that passes every issuing check."""
    return C.set_status(w, "approved")


def edit_data(w, obj, who, title="Kế hoạch sơ kết (sửa lần 2)"):
    from guongsang.campaigns.forms import CampaignForm, ParticipantsForm

    campaign = w.fresh(obj)
    data = C.form_data(CampaignForm(instance=campaign, issued=campaign.status == "issued"))
    data.update(C.form_data(ParticipantsForm(prefix="p", initial={"unit_codes": "T-LAT, T-CB-TOAAN"})))
    data["title"] = title
    return data


def section_data(w, obj, who):
    from guongsang.campaigns.forms import section_formset

    _title, formset = section_formset("noi-nhan", w.fresh(obj))
    data = C.formset_data(formset)
    data.update({"noi-nhan-0-name": "Ban Tuyên giáo Tỉnh ủy", "noi-nhan-0-purpose": "report"})
    return data


def unit_form_data(w, obj, who, **changes):
    from guongsang.org.forms import UnitForm

    data = C.form_data(UnitForm(initial=UnitForm.initial_for(w.fresh(obj))))
    data.update(changes)
    return data


def new_unit_data(w, obj, who):
    return {"name": "Chi bộ thôn Păng Tiêng", "kind": w.cast.branch.kind_id, "code": "T-LAT-CB2"}


def create_data(w, obj, who):
    issuer = w.cast.sibling if who == SIBLING else w.cast.district
    return {"mode": "new", "issuer": issuer.pk, "title": "Kế hoạch biểu dương điển hình 2027"}


def created_plan(w, obj):
    assert _exists("campaigns.Campaign", title="Kế hoạch biểu dương điển hình 2027", status="draft")


def nomination_row_data(w, obj, who, summary="Gương mẫu, sáng tạo trong công tác dân vận"):
    return {"loai": "individual", "don_vi": w.cast.commune.pk, "person": w.cast.person.pk, "summary": summary}


def nomination_state(state):
    def check(w, obj):
        assert w.fresh(obj).state == state

    return check


def report_state(state):
    def check(w, obj):
        assert w.fresh(obj).state == state

    return check


def list_status(status):
    def check(w, obj):
        assert w.fresh(obj).status == status

    return check


def decision_fields(w, obj, who):
    from guongsang.awards import decisions
    from guongsang.awards.forms import DecisionForm

    data = C.form_data(DecisionForm(initial=decisions.decision_defaults(w.fresh(obj))))
    data.update({"date": "2026-11-09", "signer_title": "BÍ THƯ", "signer_name": "Ya Tiong"})
    return data


def layout_fields(w, obj, who):
    return {
        "ten": "Phôi giấy khen huyện",
        "kho_rong": "297",
        "kho_cao": "210",
        **{f"name_{k}": v for k, v in {"on": "1", "x": "148.5", "y": "90", "size": "22", "width": "200"}.items()},
        "name_align": "center",
        "name_lines": "1",
    }


def shared_layout(w):
    from guongsang.awards.models import CertificateLayout

    return CertificateLayout.objects.filter(unit__isnull=True).first()


def review_ready(w):
    """A valid nomination, the reviewer assigned to the plan, and a rubric of one item."""
    from guongsang.awards.models import ReviewerAssignment, RubricItem

    n = C.nomination(w, "submitted", "valid")
    ReviewerAssignment.objects.create(campaign=w.campaign, reviewer=w.users[REVIEWER])
    w.extra["item"] = RubricItem.objects.create(campaign=w.campaign, label="Thành tích tiêu biểu", position=0)
    return n


def awarded(w, status="signed"):
    """A decision's award and a higher form to propose it for."""
    d = C.decision(w, status)
    w.extra["target"] = C.escalation_target(w)
    return d.awards.get()


def sent_up_ready(w):
    from guongsang.awards.models import Escalation

    award = awarded(w)
    C.parent_campaign(w)
    Escalation.objects.create(award=award, target=w.extra["target"])
    return w.extra["target"]


def accepted_report(w):
    C.report(w, "accepted")
    return w.campaign


def roll_up_ready(w):
    w.extra["parent"] = C.parent_campaign(w)
    C.consolidated(w)
    return w.campaign


def rolled_up(w, obj):
    upward = _get("reports.Report", campaign=w.extra["parent"], unit=w.cast.district)
    assert upward.consolidated_from_id == w.campaign.pk
    assert upward.answers.get().text == "Xã Lát đã tổ chức học tập."


def import_confirm_data(w, obj, who):
    from guongsang.accounts.permissions import units_for
    from guongsang.importer.forms import review_forms

    units = units_for(w.user(MANAGER), "campaign.manage").filter(active_to__isnull=True).order_by("path")
    header, formsets, outline, _rows = review_forms(obj, units, w.cast.district, None)
    data = C.form_data(header)
    for formset in [*formsets.values(), outline]:
        data.update(C.formset_data(formset))
    data.update({"chung-issuer": w.cast.district.pk, "chung-title": "Sơ kết học tập và làm theo", "chung-number": "7"})
    return data


ACTIONS: list[Act] = [
    # --- plans ---------------------------------------------------------------------------------
    Act(
        "campaigns:create",
        "",
        lambda w: None,
        lambda w, obj: {},
        created_plan,
        MANAGERS | {SIBLING},
        data=create_data,
    ),
    Act(
        "campaigns:edit",
        "",
        draft,
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).title, "Kế hoạch sơ kết (sửa lần 2)"),
        MANAGERS,
        HIDDEN_DRAFT,
        data=edit_data,
    ),
    Act(
        "campaigns:edit",
        "approved",
        approved_plan,
        pk,
        lambda w, obj: None,
        deny="page",
        only=MANAGERS,
        data=edit_data,
        says="Kế hoạch đã được duyệt: muốn sửa, đề nghị lãnh đạo trả lại dự thảo.",
    ),
    Act(
        "campaigns:section",
        "",
        draft,
        lambda w, obj: {"pk": obj.pk, "section": "noi-nhan"},
        lambda w, obj: _assert_eq(
            list(w.fresh(obj).recipients.values_list("name", flat=True)), ["Ban Tuyên giáo Tỉnh ủy"]
        ),
        MANAGERS,
        HIDDEN_DRAFT,
        data=section_data,
    ),
    Act(
        "campaigns:section",
        "closed",
        lambda w: C.set_status(w, "closed"),
        lambda w, obj: {"pk": obj.pk, "section": "noi-nhan"},
        lambda w, obj: None,
        deny="page",
        only=MANAGERS,
        data=section_data,
        says="Đợt đã kết thúc: không sửa được kế hoạch nữa.",
    ),
    campaign_action("trinh-duyet", "draft", "submitted", MANAGERS),
    campaign_action_refused("trinh-duyet", "submitted", MANAGERS, "Chỉ trình duyệt được kế hoạch đang là dự thảo."),
    campaign_action("duyet", "submitted", "approved", LEADERS),
    campaign_action_refused("duyet", "draft", LEADERS, "Chỉ duyệt được kế hoạch đang chờ duyệt."),
    campaign_action("tra-lai", "submitted", "draft", LEADERS, data=lambda w, obj, who: {"ly_do": "Bổ sung mốc."}),
    campaign_action_refused(
        "tra-lai",
        "issued",
        LEADERS,
        "Chỉ trả lại được kế hoạch đang chờ duyệt hoặc đã duyệt nhưng chưa ban hành.",
        data=lambda w, obj, who: {"ly_do": "Bổ sung mốc."},
    ),
    campaign_action("ban-hanh", "approved", "issued", MANAGERS),
    campaign_action_refused(
        "ban-hanh", "submitted", MANAGERS, "Kế hoạch chưa được lãnh đạo duyệt nên chưa ban hành được."
    ),
    campaign_action("ket-thuc", "issued", "closed", MANAGERS, hidden=HIDDEN_ISSUED),
    campaign_action_refused("ket-thuc", "closed", MANAGERS, "Chỉ kết thúc được kế hoạch đã ban hành."),
    # --- the organisation tree -------------------------------------------------------------------
    Act(
        "org:unit_edit",
        "",
        lambda w: w.cast.commune,
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).name, "Đảng bộ xã Lát (mới)"),
        MANAGERS,
        HIDDEN_TREE,
        data=lambda w, obj, who: unit_form_data(w, obj, who, name="Đảng bộ xã Lát (mới)"),
    ),
    Act(
        "org:unit_add",
        "",
        lambda w: w.cast.commune,
        pk,
        lambda w, obj: _assert_eq(_get("org.Unit", code="T-LAT-CB2").parent_unit().pk, obj.pk),
        MANAGERS,
        HIDDEN_TREE,
        data=new_unit_data,
    ),
    Act(
        "org:unit_end",
        "",
        lambda w: w.cast.commune,
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).active_to, dt.date(2026, 12, 31)),
        MANAGERS,
        HIDDEN_TREE,
        data=lambda w, obj, who: {"end_date": "2026-12-31"},
    ),
    Act(
        "org:unit_move",
        "",
        lambda w: w.cast.commune,
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).parent_unit().pk, w.cast.court.pk),
        MANAGERS,
        HIDDEN_TREE,
        data=lambda w, obj, who: {"parent_code": "T-CB-TOAAN"},
    ),
    Act(
        "org:unit_move",
        "into-itself",
        lambda w: w.cast.commune,
        pk,
        lambda w, obj: None,
        deny="page",
        only=MANAGERS,
        data=lambda w, obj, who: {"parent_code": "T-LAT-CB1"},
        says="tạo vòng lặp trong cây",
    ),
    Act(
        "org:import",
        "",
        lambda w: w.cast.commune,
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).name, "Đảng bộ xã Lát Mới"),
        MANAGERS,
        HIDDEN_TREE,
        status=200,
        data=lambda w, obj, who: {
            "tep": C.SimpleUploadedFile("to-chuc.xlsx", C.workbook_renaming_commune(w, "Đảng bộ xã Lát Mới"))
        },
    ),
    # --- nominations -----------------------------------------------------------------------------
    Act(
        "nominations:create",
        "",
        issued,
        campaign_pk,
        lambda w, obj: _assert_eq(
            _get("nominations.Nomination", campaign=w.campaign, unit=w.cast.commune).summary,
            "Gương mẫu, sáng tạo trong công tác dân vận",
        ),
        NOMINATORS,
        SIGNED_IN - NOMINATORS,
        deny=404,
        data=nomination_row_data,
    ),
    Act(
        "nominations:create",
        "closed",
        lambda w: C.set_status(w, "closed"),
        campaign_pk,
        lambda w, obj: None,
        deny=404,
        only=NOMINATORS,
        data=nomination_row_data,
    ),
    Act(
        "nominations:edit",
        "",
        lambda w: C.nomination(w),
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).summary, "Thành tích mới bổ sung"),
        NOMINATORS,
        HIDDEN_UNIT_WORK,
        data=lambda w, obj, who: nomination_row_data(w, obj, who, summary="Thành tích mới bổ sung"),
    ),
    Act(
        "nominations:edit",
        "submitted",
        lambda w: C.nomination(w, "submitted"),
        pk,
        lambda w, obj: None,
        deny="page",
        only=NOMINATORS,
        says="Đề nghị đã gửi; muốn sửa, hãy rút đề nghị trước hạn rồi gửi lại.",
        data=lambda w, obj, who: nomination_row_data(w, obj, who, summary="Thành tích mới bổ sung"),
    ),
    Act(
        "nominations:upload",
        "",
        lambda w: (C.nomination(w), C.requirement(w)),
        lambda w, obj: {"pk": obj[0].pk, "requirement_pk": obj[1].pk},
        lambda w, obj: _assert_eq(obj[0].files.get().original_name, "Báo cáo thành tích.pdf"),
        NOMINATORS,
        HIDDEN_UNIT_WORK,
        data=lambda w, obj, who: {"tep": C.pdf()},
    ),
    Act(
        "nominations:upload",
        "submitted",
        lambda w: (C.nomination(w, "submitted"), C.requirement(w)),
        lambda w, obj: {"pk": obj[0].pk, "requirement_pk": obj[1].pk},
        lambda w, obj: None,
        deny="msg",
        only=NOMINATORS,
        data=lambda w, obj, who: {"tep": C.pdf()},
        says="Đề nghị đã gửi; muốn thay tệp, hãy rút đề nghị trước hạn.",
    ),
    Act(
        "nominations:submit",
        "",
        lambda w: C.nomination(w),
        pk,
        nomination_state("submitted"),
        HEADS,
        HIDDEN_UNIT_WORK,
        deny="msg",
    ),
    Act(
        "nominations:submit",
        "again",
        lambda w: C.nomination(w, "submitted"),
        pk,
        lambda w, obj: None,
        deny="noop",
        only=HEADS,
    ),
    Act(
        "nominations:submit",
        "after-refuse-deadline",
        lambda w: (C.refuse_after(w.dossier_deadline), C.nomination(w))[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=HEADS,
        says="Đã quá hạn",
    ),
    Act(
        "nominations:withdraw",
        "",
        lambda w: C.nomination(w, "submitted"),
        pk,
        nomination_state("withdrawn"),
        HEADS,
        HIDDEN_UNIT_WORK,
        deny="msg",
    ),
    Act(
        "nominations:withdraw",
        "draft",
        lambda w: C.nomination(w),
        pk,
        nomination_state("withdrawn"),
        NOMINATORS,
        HIDDEN_UNIT_WORK,
        deny="msg",
    ),
    Act(
        "nominations:withdraw",
        "screened",
        lambda w: C.nomination(w, "submitted", "valid"),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=HEADS,
        says="Đề nghị đã được thẩm định nên không rút được; hãy liên hệ cán bộ quản lý.",
    ),
    Act(
        "nominations:withdraw",
        "after-deadline",
        lambda w: (C.refuse_after(w.dossier_deadline), C.nomination(w, "submitted"))[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=HEADS,
        says="Đã quá hạn nộp hồ sơ nên không rút được đề nghị.",
    ),
    # --- reports ---------------------------------------------------------------------------------
    Act(
        "reports:section_save",
        "",
        lambda w: C.report(w),
        lambda w, obj: {"pk": obj.pk, "section_pk": w.section.pk},
        lambda w, obj: _assert_eq(obj.answers.get().text, "Đã tổ chức 12 buổi học tập."),
        NOMINATORS,
        HIDDEN_UNIT_WORK,
        status=200,
        data=lambda w, obj, who: {"text": "Đã tổ chức 12 buổi học tập.", "revision": "1"},
    ),
    Act(
        "reports:section_save",
        "submitted",
        lambda w: C.report(w, "submitted"),
        lambda w, obj: {"pk": obj.pk, "section_pk": w.section.pk},
        lambda w, obj: None,
        deny=422,
        only=NOMINATORS,
        says="Báo cáo đã gửi; chỉ sửa được khi cấp trên trả lại.",
        data=lambda w, obj, who: {"text": "Đã tổ chức 12 buổi học tập.", "revision": "1"},
    ),
    Act(
        "reports:submit",
        "",
        lambda w: C.report(w),
        pk,
        report_state("submitted"),
        HEADS,
        HIDDEN_UNIT_WORK,
        "msg",
    ),
    Act(
        "reports:submit", "again", lambda w: C.report(w, "submitted"), pk, lambda w, obj: None, deny="noop", only=HEADS
    ),
    Act(
        "reports:submit",
        "after-refuse-deadline",
        lambda w: (C.refuse_after(w.report_deadline), C.report(w))[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=HEADS,
        says="báo cáo gửi sau thời hạn không được nhận",
    ),
    Act(
        "reports:decide",
        "tiep-nhan",
        lambda w: C.report(w, "submitted"),
        lambda w, obj: {"pk": obj.pk, "action": "tiep-nhan"},
        report_state("accepted"),
        MANAGERS,
        HIDDEN_UNIT_WORK,
        "msg",
    ),
    Act(
        "reports:decide",
        "tiep-nhan:draft",
        lambda w: C.report(w),
        lambda w, obj: {"pk": obj.pk, "action": "tiep-nhan"},
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Chỉ tiếp nhận được báo cáo đã gửi và đang chờ.",
    ),
    Act(
        "reports:decide",
        "tra-lai",
        lambda w: C.report(w, "submitted"),
        lambda w, obj: {"pk": obj.pk, "action": "tra-lai"},
        lambda w, obj: (report_state("returned")(w, obj), _assert_eq(obj.comments.get().text, "Bổ sung số liệu.")),
        MANAGERS,
        HIDDEN_UNIT_WORK,
        "msg",
        data=lambda w, obj, who: {f"c-{w.section.pk}": "Bổ sung số liệu."},
    ),
    Act(
        "reports:decide",
        "tra-lai:accepted",
        lambda w: C.report(w, "accepted"),
        lambda w, obj: {"pk": obj.pk, "action": "tra-lai"},
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Chỉ trả lại được báo cáo đã gửi và đang chờ.",
        data=lambda w, obj, who: {f"c-{w.section.pk}": "Bổ sung số liệu."},
    ),
    Act(
        "reports:decide",
        "mo-lai",
        lambda w: C.report(w, "accepted"),
        lambda w, obj: {"pk": obj.pk, "action": "mo-lai"},
        lambda w, obj: (report_state("returned")(w, obj), _assert_eq(w.fresh(obj).reopen_reason, "Sai số liệu mục 2.")),
        MANAGERS,
        HIDDEN_UNIT_WORK,
        "msg",
        data=lambda w, obj, who: {"ly_do": "Sai số liệu mục 2."},
    ),
    Act(
        "reports:decide",
        "mo-lai:submitted",
        lambda w: C.report(w, "submitted"),
        lambda w, obj: {"pk": obj.pk, "action": "mo-lai"},
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Chỉ mở lại được báo cáo đã tiếp nhận.",
        data=lambda w, obj, who: {"ly_do": "Sai số liệu mục 2."},
    ),
    Act(
        "reports:attachment_upload",
        "",
        lambda w: C.report(w),
        pk,
        lambda w, obj: _assert_eq(obj.attachments.get().original_name, "Bản ký.pdf"),
        NOMINATORS,
        HIDDEN_UNIT_WORK,
        data=lambda w, obj, who: {"tep": C.pdf("Bản ký.pdf")},
    ),
    Act(
        "reports:import_docx",
        "",
        lambda w: C.report(w),
        pk,
        lambda w, obj: _assert_eq(
            obj.answers.get().text, "Xã Lát đã tổ chức học tập.\nChi bộ đã tổ chức 12 buổi sinh hoạt chuyên đề."
        ),
        NOMINATORS,
        HIDDEN_UNIT_WORK,
        status=200,
        data=lambda w, obj, who: {"tep": C.docx_upload()},
    ),
    Act(
        "reports:remind",
        "",
        lambda w: w.report_deadline,
        pk,
        lambda w, obj: _assert_eq(
            sorted(_model("notifications.Reminder").objects.filter(deadline=obj).values_list("unit__code", flat=True)),
            ["T-CB-TOAAN", "T-LAT"],
        ),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
    ),
    Act(
        "reports:remind",
        "closed",
        lambda w: (C.set_status(w, "closed"), w.report_deadline)[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Chỉ nhắc hạn khi kế hoạch đang thực hiện (đã ban hành).",
    ),
    Act(
        "reports:consolidate",
        "",
        accepted_report,
        pk,
        lambda w, obj: _assert_eq(
            _get("reports.Report", campaign=obj, unit=w.cast.district).consolidation["accepted"], 1
        ),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
    ),
    Act(
        "reports:consolidate",
        "nothing-accepted",
        lambda w: (C.report(w, "submitted"), w.campaign)[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Chưa có báo cáo nào được tiếp nhận",
    ),
    Act("reports:send_upward", "", roll_up_ready, pk, rolled_up, MANAGERS, HIDDEN_ISSUED, "msg"),
    Act(
        "reports:send_upward",
        "parent-closed",
        lambda w: (C.parent_campaign(w, "closed"), C.consolidated(w), w.campaign)[2],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Kế hoạch cấp trên không còn nhận báo cáo",
    ),
]


def _assert_eq(actual, expected):
    assert actual == expected


def _screened(verdict):
    def check(w, obj):
        assert w.fresh(obj).screening == verdict

    return check


ACTIONS += [
    # --- selection: screening, review, vote, the list ----------------------------------------------
    Act(
        "awards:screen_many",
        "",
        lambda w: C.nomination(w, "submitted"),
        campaign_pk,
        _screened("valid"),
        MANAGERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"de_nghi": [str(obj.pk)], "ket_qua": "valid", "xac_nhan": "1"},
    ),
    Act(
        "awards:screen_many",
        "confirmation-page",
        lambda w: C.nomination(w, "submitted"),
        campaign_pk,
        lambda w, obj: None,
        deny="noop",
        only=MANAGERS,
        status=200,
        data=lambda w, obj, who: {"de_nghi": [str(obj.pk)], "ket_qua": "valid"},
    ),
    Act(
        "awards:screen",
        "",
        lambda w: C.nomination(w, "submitted"),
        pk,
        _screened("valid"),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
        data=lambda w, obj, who: {"ket_qua": "valid"},
    ),
    Act(
        "awards:screen",
        "returned",
        lambda w: C.nomination(w, "submitted"),
        pk,
        lambda w, obj: (_screened("returned")(w, obj), nomination_state("draft")(w, obj)),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
        data=lambda w, obj, who: {"ket_qua": "returned", "ly_do": "Thiếu bản sao."},
    ),
    Act(
        "awards:screen",
        "draft",
        lambda w: C.nomination(w),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        data=lambda w, obj, who: {"ket_qua": "valid"},
        says="chỉ thẩm định được đề nghị đơn vị đã gửi.",
    ),
    Act(
        "awards:rubric",
        "",
        issued,
        pk,
        lambda w, obj: _assert_eq(list(obj.rubric.values_list("label", flat=True)), ["Sức lan tỏa"]),
        MANAGERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"tieu_chi": "Sức lan tỏa", "trong_so": "2", "diem_toi_da": "10", "doi_tuong": ""},
    ),
    Act(
        "awards:rubric",
        "after-a-score",
        lambda w: (
            review_ready(w),
            _model("awards.Review").objects.create(
                nomination=_model("nominations.Nomination").objects.get(), reviewer=w.users[REVIEWER], scores={}
            ),
            w.campaign,
        )[2],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Đã có điểm chấm theo bộ tiêu chí này nên không sửa được.",
        data=lambda w, obj, who: {"tieu_chi": "Sức lan tỏa", "trong_so": "2", "diem_toi_da": "10", "doi_tuong": ""},
    ),
    Act(
        "awards:assign",
        "",
        issued,
        pk,
        lambda w, obj: _assert_eq(
            list(obj.reviewer_assignments.values_list("reviewer__username", flat=True)), ["thamdinh"]
        ),
        MANAGERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"nguoi_cham": w.users[REVIEWER].pk},
    ),
    Act(
        "awards:assign",
        "not-a-reviewer",
        issued,
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        data=lambda w, obj, who: {"nguoi_cham": w.users[OFFICE].pk},
        says="không có vai trò thẩm định ở đơn vị này.",
    ),
    Act(
        "awards:unassign",
        "",
        lambda w: _model("awards.ReviewerAssignment").objects.create(campaign=w.campaign, reviewer=w.users[REVIEWER]),
        pk,
        lambda w, obj: _assert_eq(_exists("awards.ReviewerAssignment", pk=obj.pk), False),
        MANAGERS,
        HIDDEN_ISSUED,
    ),
    Act(
        "awards:review",
        "",
        review_ready,
        pk,
        lambda w, obj: _assert_eq(str(_get("awards.Review", nomination=obj).total), "80.00"),
        frozenset({REVIEWER}),
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {f"diem_{w.extra['item'].pk}": "8"},
    ),
    Act(
        "awards:review",
        "conflict",
        review_ready,
        pk,
        lambda w, obj: _assert_eq(_get("awards.Review", nomination=obj).conflict, True),
        frozenset({REVIEWER}),
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"xung_dot": "1", "ly_do": "Người thân."},
    ),
    Act(
        "awards:review",
        "list-approved",
        lambda w: (review_ready(w), C.award_list(w, "approved"))[0],
        pk,
        lambda w, obj: None,
        deny="page",
        only=frozenset({REVIEWER}),
        data=lambda w, obj, who: {f"diem_{w.extra['item'].pk}": "8"},
        says="Danh sách của hình thức này đã được duyệt; điểm chấm không thay đổi được nữa.",
    ),
    Act(
        "awards:vote",
        "",
        lambda w: C.nomination(w, "submitted", "valid"),
        pk,
        lambda w, obj: _assert_eq(_get("awards.Vote", nomination=obj).votes_for, 7),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
        data=lambda w, obj, who: {"co_mat": "9", "tan_thanh": "7", "khong_tan_thanh": "2"},
    ),
    Act(
        "awards:vote",
        "not-screened",
        lambda w: C.nomination(w, "submitted"),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Chỉ ghi biểu quyết cho đề nghị đã được thẩm định là hợp lệ.",
        data=lambda w, obj, who: {"co_mat": "9", "tan_thanh": "7", "khong_tan_thanh": "2"},
    ),
    Act(
        "awards:list_toggle",
        "add",
        lambda w: C.nomination(w, "submitted", "valid", vote=True),
        pk,
        lambda w, obj: _assert_eq(_exists("awards.ListEntry", nomination=obj), True),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
    ),
    Act(
        "awards:list_toggle",
        "add:list-approved",
        lambda w: (C.award_list(w, "approved"), C.nomination(w, "submitted", "valid", vote=True))[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Danh sách đã được duyệt; không thêm được.",
    ),
    Act(
        "awards:list_toggle",
        "remove",
        lambda w: C.listed(w).entries.get().nomination,
        pk,
        lambda w, obj: _assert_eq(_exists("awards.ListEntry", nomination=obj), False),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
        data=lambda w, obj, who: {"bo": "1"},
    ),
    Act(
        "awards:list_action",
        "duyet",
        lambda w: C.listed(w),
        lambda w, obj: {"pk": obj.pk, "action": "duyet"},
        list_status("approved"),
        LEADERS,
        HIDDEN_ISSUED,
        "msg",
    ),
    Act(
        "awards:list_action",
        "duyet:empty",
        lambda w: C.award_list(w),
        lambda w, obj: {"pk": obj.pk, "action": "duyet"},
        lambda w, obj: None,
        deny="msg",
        only=LEADERS,
        says="Danh sách chưa có ai; không có gì để duyệt.",
    ),
    Act(
        "awards:list_action",
        "duyet:approved",
        lambda w: C.listed(w, "approved"),
        lambda w, obj: {"pk": obj.pk, "action": "duyet"},
        lambda w, obj: None,
        deny="msg",
        only=LEADERS,
        says="Danh sách này đã được duyệt.",
    ),
    Act(
        "awards:list_action",
        "mo-lai",
        lambda w: C.listed(w, "approved"),
        lambda w, obj: {"pk": obj.pk, "action": "mo-lai"},
        list_status("draft"),
        LEADERS,
        HIDDEN_ISSUED,
        "msg",
    ),
    Act(
        "awards:list_action",
        "mo-lai:draft",
        lambda w: C.listed(w),
        lambda w, obj: {"pk": obj.pk, "action": "mo-lai"},
        lambda w, obj: None,
        deny="msg",
        only=LEADERS,
        says="Chỉ mở lại được danh sách đã duyệt mà chưa có dự thảo quyết định.",
    ),
    Act(
        "awards:list_action",
        "cong-khai",
        lambda w: C.listed(w, "approved"),
        lambda w, obj: {"pk": obj.pk, "action": "cong-khai"},
        lambda w, obj: _assert_eq(w.fresh(obj).notice_until, C.NOW + dt.timedelta(days=5)),
        MANAGERS,
        HIDDEN_ISSUED,
        "msg",
        data=lambda w, obj, who: {"so_ngay": "5"},
    ),
    Act(
        "awards:list_action",
        "cong-khai:draft",
        lambda w: C.listed(w),
        lambda w, obj: {"pk": obj.pk, "action": "cong-khai"},
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        data=lambda w, obj, who: {"so_ngay": "5"},
        says="Chỉ công khai danh sách đã được lãnh đạo duyệt.",
    ),
    Act(
        "awards:notice",
        "",
        lambda w: C.listed(w, "approved") and _notice_open(w),
        pk,
        lambda w, obj: _assert_eq(list(obj.comments.values_list("text", flat=True)), ["Đồng ý với danh sách."]),
        SIGNED_IN - {SIBLING},
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"y_kien": "Đồng ý với danh sách."},
    ),
    Act(
        "awards:notice",
        "closed",
        lambda w: _notice_open(w, start=C.NOW - dt.timedelta(days=9)),
        pk,
        lambda w, obj: None,
        deny="page",
        only=frozenset({HEAD, MANAGER}),
        data=lambda w, obj, who: {"y_kien": "Đồng ý với danh sách."},
        says="Danh sách không trong thời gian lấy ý kiến.",
    ),
    # --- decision, certificates ------------------------------------------------------------------------
    Act(
        "awards:decision",
        "",
        lambda w: C.listed(w, "approved"),
        pk,
        lambda w, obj: _assert_eq(_get("awards.AwardDecision", award_list=obj).signer_name, "Ya Tiong"),
        MANAGERS,
        HIDDEN_ISSUED,
        data=decision_fields,
        overrides={LEADER: "page", ROOT_LEADER: "page", OFFICE: "page"},
    ),
    Act(
        "awards:decision",
        "list-not-approved",
        lambda w: C.listed(w),
        pk,
        lambda w, obj: None,
        deny="page",
        only=MANAGERS,
        data=decision_fields,
        says="Danh sách chưa được lãnh đạo duyệt nên chưa lập quyết định được.",
    ),
    # The signed decision's page no longer shows the form: a stale POST is refused without a word.
    Act(
        "awards:decision",
        "signed",
        lambda w: C.decision(w, "signed").award_list,
        pk,
        lambda w, obj: None,
        deny="noop",
        status=200,
        only=MANAGERS,
        data=decision_fields,
    ),
    Act(
        "awards:sign",
        "",
        lambda w: C.decision(w),
        pk,
        lambda w, obj: (
            _assert_eq(w.fresh(obj).status, "signed"),
            _assert_eq(list(w.cast.person.honors.values_list("decision_number", flat=True)), ["04-QĐ/HU"]),
        ),
        LEADERS,
        HIDDEN_ISSUED,
        overrides={MANAGER: "msg", ADMIN: "msg", OFFICE: "msg"},
    ),
    Act("awards:sign", "signed", lambda w: C.decision(w, "signed"), pk, lambda w, obj: None, deny="noop", only=LEADERS),
    Act(
        "awards:sign",
        "no-number",
        lambda w: C.decision(w, number=None),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=LEADERS,
        says="Quyết định chưa có số quyết định: không ký ban hành được.",
    ),
    Act(
        "awards:certificates",
        "",
        lambda w: C.decision(w, "signed"),
        pk,
        lambda w, obj: _assert_eq(obj.certificate_batches.get().total, 1),
        PRINTERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"mau": shared_layout(w).pk},
    ),
    Act(
        "awards:certificates",
        "not-signed",
        lambda w: C.decision(w),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=PRINTERS,
        data=lambda w, obj, who: {"mau": shared_layout(w).pk},
        says="Chỉ in giấy khen khi quyết định đã ký, ban hành.",
    ),
    Act(
        "awards:calibration",
        "",
        lambda w: C.decision(w, "signed"),
        pk,
        lambda w, obj: _assert_eq(str(_get("awards.PrinterCalibration", unit=w.cast.district).offset_x), "1.5"),
        PRINTERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"ten": "Máy in Văn phòng", "lech_ngang": "1.5", "lech_doc": "-2"},
    ),
    Act(
        "awards:calibration",
        "off-the-page",
        lambda w: C.decision(w, "signed"),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=PRINTERS,
        says="bị đẩy ra ngoài trang",
        data=lambda w, obj, who: {"ten": "Máy in Văn phòng", "lech_ngang": "150", "lech_doc": "0"},
    ),
    Act(
        "awards:layout",
        "",
        lambda w: C.decision(w, "signed"),
        pk,
        lambda w, obj: _assert_eq(
            [f["key"] for f in _get("awards.CertificateLayout", unit=w.cast.district).fields], ["name"]
        ),
        PRINTERS,
        HIDDEN_ISSUED,
        data=layout_fields,
    ),
    # --- escalation --------------------------------------------------------------------------------
    Act(
        "awards:escalate",
        "",
        awarded,
        lambda w, obj: {"pk": w.extra["target"].pk},
        lambda w, obj: _assert_eq(_exists("awards.Escalation", award=obj, target=w.extra["target"]), True),
        MANAGERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"khen_thuong": obj.pk},
    ),
    Act(
        "awards:escalate",
        "unchoose",
        lambda w: (a := awarded(w), _model("awards.Escalation").objects.create(award=a, target=w.extra["target"]))[0],
        lambda w, obj: {"pk": w.extra["target"].pk},
        lambda w, obj: _assert_eq(_exists("awards.Escalation", award=obj), False),
        MANAGERS,
        HIDDEN_ISSUED,
        data=lambda w, obj, who: {"khen_thuong": obj.pk},
    ),
    Act(
        "awards:escalate",
        "not-signed",
        lambda w: awarded(w, "draft"),
        lambda w, obj: {"pk": w.extra["target"].pk},
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        data=lambda w, obj, who: {"khen_thuong": obj.pk},
        says="Chỉ giới thiệu tiếp những người đã có quyết định khen thưởng.",
    ),
    Act(
        "awards:send_up",
        "",
        sent_up_ready,
        pk,
        lambda w, obj: _assert_eq(
            list(
                _model("nominations.Nomination").objects.filter(unit=w.cast.district).values_list("state", "campaign")
            ),
            [("draft", w.campaign.parent_id)],
        ),
        MANAGERS,
        HIDDEN_ISSUED,
    ),
    Act(
        "awards:send_up",
        "no-parent",
        lambda w: (awarded(w), w.extra["target"])[1],
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Kế hoạch cấp trên không có trong hệ thống",
    ),
    # --- plan import -------------------------------------------------------------------------------
    Act(
        "importer:start",
        "",
        lambda w: None,
        lambda w, obj: {},
        lambda w, obj: _assert_eq(_get("importer.PlanImport", original_name="Kế hoạch 9.txt").status, "pending"),
        MANAGERS | {SIBLING},
        data=lambda w, obj, who: {
            "unit": (w.cast.sibling if who == SIBLING else w.cast.district).pk,
            "file": C.plan_txt(),
        },
    ),
    Act(
        "importer:review",
        "confirm",
        lambda w: C.plan_import(w),
        pk,
        lambda w, obj: (
            _assert_eq(w.fresh(obj).status, "confirmed"),
            _assert_eq(w.fresh(obj).campaign.title, "Sơ kết học tập và làm theo"),
        ),
        MANAGERS,
        SIGNED_IN - MANAGERS,
        data=import_confirm_data,
    ),
    Act(
        "importer:review",
        "discarded",
        lambda w: C.plan_import(w, "discarded"),
        pk,
        lambda w, obj: None,
        deny="noop",
        only=MANAGERS,
        status=200,
        data=import_confirm_data,
    ),
    Act(
        "importer:discard",
        "",
        lambda w: C.plan_import(w),
        pk,
        lambda w, obj: _assert_eq(w.fresh(obj).status, "discarded"),
        MANAGERS,
        SIGNED_IN - MANAGERS,
    ),
    Act(
        "importer:discard",
        "confirmed",
        lambda w: C.plan_import(w, "confirmed"),
        pk,
        lambda w, obj: None,
        deny="msg",
        only=MANAGERS,
        says="Tệp này đã được dùng để tạo dự thảo kế hoạch: không bỏ được.",
    ),
]


def _notice_open(w, start=None):
    from guongsang.awards.models import AwardList

    start = start or C.NOW - dt.timedelta(days=1)
    al = AwardList.objects.filter(campaign=w.campaign).first() or C.listed(w, "approved")
    AwardList.objects.filter(pk=al.pk).update(notice_from=start, notice_until=start + dt.timedelta(days=3))
    return w.fresh(al)


# --- the other URL patterns ---------------------------------------------------------------------------

# Patterns that change nothing: a POST by the deployment administrator leaves the database as it was.
# (None of these views is declared GET-only, so they answer a POST as they answer a GET.)
READ_ONLY = {
    "accounts:home": lambda w: {},
    "accounts:audit_log": lambda w: {},
    "accounts:password_change_done": lambda w: {},
    "accounts:security": lambda w: {},
    "org:tree": lambda w: {},
    "org:search": lambda w: {},
    "org:import_template": lambda w: {},
    "org:unit": lambda w: pk(w.cast.commune),
    "org:children": lambda w: pk(w.cast.commune),
    "org:people": lambda w: pk(w.cast.commune),
    "org:export": lambda w: pk(w.cast.commune),
    "org:person": lambda w: pk(w.cast.person),
    "campaigns:list": lambda w: {},
    "campaigns:detail": lambda w: pk(w.campaign),
    "campaigns:download": lambda w: {"pk": w.campaign.pk, "fmt": "docx"},
    "nominations:unit_list": lambda w: pk(w.campaign),
    "nominations:live_check": lambda w: pk(w.campaign),  # POST-only, but it only checks the form
    "nominations:proposal": lambda w: pk(w.campaign),
    "nominations:achievement_report": lambda w: pk(C.nomination(w)),
    "nominations:download": lambda w: pk(_dossier_file(w)),
    "reports:edit": lambda w: pk(w.campaign),  # creates the unit's empty draft report on first view
    "reports:campaign_list": lambda w: pk(w.campaign),
    "reports:review": lambda w: pk(C.report(w, "submitted")),
    "reports:compare": lambda w: pk(C.report(w, "submitted")),
    "reports:attachment": lambda w: pk(_attachment(w)),
    "reports:download": lambda w: {"pk": C.report(w, "submitted").pk, "fmt": "docx"},
    "reports:dashboard": lambda w: pk(w.campaign),
    "reports:figures": lambda w: pk(w.campaign),
    "reports:figures_xlsx": lambda w: pk(w.campaign),
    "reports:calendar": lambda w: pk(w.cast.commune),
    "reports:calendar_subscription": lambda w: {"token": "khong-do-may-chu-nay-ky"},
    "awards:selection": lambda w: pk(w.campaign),  # creates each form's empty list on first view
    "awards:screening": lambda w: pk(w.campaign),
    "awards:review_list": lambda w: pk(w.campaign),
    "awards:scores_xlsx": lambda w: pk(w.campaign),
    "awards:escalations": lambda w: pk(w.campaign),
    "awards:book": lambda w: pk(w.campaign),
    "awards:decision_download": lambda w: {"pk": C.decision(w, "signed").pk, "fmt": "docx"},
    "awards:test_page": lambda w: pk(C.decision(w, "signed")),
    "awards:batch": lambda w: pk(_batch(w)),
    "awards:batch_file": lambda w: pk(_batch(w)),
    "awards:package": lambda w: pk(_escalated(w)),
}

# The empty containers a page creates the first time it is shown (no audit entry: nothing was decided).
LAZILY_CREATED = {"reports:edit": ["reports.Report"], "awards:selection": ["awards.AwardList"]}

# Patterns left out of the matrix, with the reason.
EXEMPT = {
    "accounts:login": "signing in changes only the session and the lock-out counter: tests/accounts",
    "accounts:logout": "signing out changes only the session: tests/accounts",
    "accounts:password_change": "changes the user's own password, nobody else's: tests/accounts",
    "accounts:second_factor": "the user's own second sign-in step: tests/accounts/test_second_factor.py",
    "accounts:second_factor_setup": "the user's own authenticator app: tests/accounts/test_second_factor.py",
    "accounts:security_action": "the user's own codes and sign-ins only: tests/accounts/test_second_factor.py",
}


def _dossier_file(w):
    from guongsang.nominations.models import DossierFile

    record = DossierFile(nomination=C.nomination(w), requirement=C.requirement(w), original_name="a.pdf", size=9)
    record.file.save("a.pdf", C.ContentFile(b"%PDF-1.4 x"), save=True)
    return record


def _attachment(w):
    from guongsang.reports.models import ReportAttachment

    record = ReportAttachment(report=C.report(w, "submitted"), original_name="k.pdf", size=9)
    record.file.save("k.pdf", C.ContentFile(b"%PDF-1.4 x"), save=True)
    return record


def _batch(w):
    from guongsang.awards.models import CertificateBatch

    batch = CertificateBatch.objects.create(
        decision=C.decision(w, "signed"), layout=shared_layout(w), status="done", done=1, total=1
    )
    batch.file.save("g.pdf", C.ContentFile(b"%PDF-1.4 x"), save=True)
    return batch


def _escalated(w):
    from guongsang.awards.models import Escalation

    award = awarded(w)
    Escalation.objects.create(award=award, target=w.extra["target"])
    return w.extra["target"]


ACTION_NAMES = {a.name for a in ACTIONS}


def test_every_url_pattern_is_an_action_a_read_only_page_or_exempt():
    patterns = set(own_patterns())
    assert not ACTION_NAMES & set(READ_ONLY), "a pattern is both an action and read-only"
    assert not (ACTION_NAMES | set(READ_ONLY)) & set(EXEMPT)
    assert patterns - ACTION_NAMES - set(READ_ONLY) - set(EXEMPT) == set(), "a new URL pattern needs a row"
    assert (ACTION_NAMES | set(READ_ONLY) | set(EXEMPT)) - patterns == set(), "a row names no URL pattern"


def test_every_variant_of_the_action_urls_has_a_row():
    from guongsang.awards.views import LIST_ACTIONS
    from guongsang.campaigns.views import ACTIONS as CAMPAIGN_ACTIONS

    def variants(name):
        return {a.variant.split(":")[0] for a in ACTIONS if a.name == name}

    assert set(CAMPAIGN_ACTIONS) <= variants("campaigns:action")
    assert set(LIST_ACTIONS) <= variants("awards:list_action")
    assert {"tiep-nhan", "tra-lai", "mo-lai"} <= variants("reports:decide")
    assert len({a.id for a in ACTIONS}) == len(ACTIONS), "two rows with the same name and variant"


def test_the_write_counter_sees_every_write(world):
    """The refusals are checked with ``writes``: it must see an update to the same value and a write
    that was rolled back, or a refused action could write and undo unnoticed."""
    from django.db import transaction
    from django.db.models import F

    from guongsang.org.models import Unit

    start = C.writes()
    assert C.writes() == start
    Unit.objects.filter(pk=world.cast.commune.pk).update(name=F("name"))
    assert C.writes() == start + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        Unit.objects.filter(pk=world.cast.court.pk).update(name="Tên tạm")
        raise RuntimeError
    assert C.writes() == start + 2
    assert Unit.objects.get(pk=world.cast.court.pk).name != "Tên tạm"


@pytest.mark.parametrize("name", sorted(READ_ONLY))
def test_a_post_to_a_read_only_page_changes_nothing(client, world, name):
    kwargs = READ_ONLY[name](world)
    sign_in(client, world.cast.users["superuser"])
    before = C.fingerprint()
    response = client.post(reverse(name, kwargs=kwargs), {"loai": "individual"})
    assert response.status_code in (200, 302, 403, 404, 405), (name, response.status_code)
    assert C.changed_tables(before, C.fingerprint()) == LAZILY_CREATED.get(name, []), name


# --- the action matrix -------------------------------------------------------------------------------

CASES = [pytest.param(a, who, id=f"{a.id}-{who}") for a in ACTIONS for who in WHO if a.only is None or who in a.only]


def _said(response) -> tuple[list, str]:
    """The error messages of the response, and every text the user is shown."""
    shown = [m for m in get_messages(response.wsgi_request)]
    body = response.content.decode("utf-8", errors="ignore") if not response.streaming else ""
    errors = [m.message for m in shown if m.level_tag == "error"]
    return errors, "\n".join([body, *[m.message for m in shown]])


@pytest.mark.parametrize("row,who", CASES)
def test_who_may_perform_each_action(client, world, row: Act, who):
    obj = row.setup(world)
    url = reverse(row.name, kwargs=row.url(world, obj))
    if row.query:
        url += f"?{row.query}"
    if who != ANON:
        sign_in(client, world.users[who])
    data = row.data(world, obj, who)
    expected = row.expected(who)
    if expected == "ok":
        before = C.fingerprint()
        response = client.post(url, data)
        changed = C.changed_tables(before, C.fingerprint())
        assert response.status_code == row.status, _why(response)
        errors, _ = _said(response)
        assert errors == []
        row.done(world, obj)
        assert changed, "the action reported success and changed nothing"
        assert "accounts.AuditEntry" in changed, "a state change without an audit entry"
        return
    written = C.writes()
    response = client.post(url, data)
    assert C.writes() == written, f"refused ({expected}) but rows were written"
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/")
    elif expected == "msg":
        assert response.status_code == row.status
        errors, text = _said(response)
        assert errors, "refused without saying why"
        for message in errors:
            assert unicodedata.is_normalized("NFC", message)
        assert row.says in text
    elif expected == "page":
        assert response.status_code == 200
        errors, text = _said(response)
        if row.says:
            assert row.says in text
        else:
            assert errors, "refused without saying why"
    elif expected == "noop":
        assert response.status_code == row.status
    else:
        assert response.status_code == expected
        if row.says:
            assert row.says in _said(response)[1]


def _why(response) -> str:
    errors, _text = _said(response)
    context = getattr(response, "context", None)
    form_errors = []
    if context:
        for key in ("form", "header"):
            form = context.get(key) if hasattr(context, "get") else None
            if form is not None and hasattr(form, "errors"):
                form_errors.append(form.errors)
    return f"{response.status_code} {errors} {form_errors}"


# --- the table of service functions --------------------------------------------------------------------

SERVICE_MODULES = [
    "campaigns.services",
    "nominations.services",
    "reports.services",
    "reports.consolidation",
    "reports.reminders",
    "awards.selection",
    "awards.decisions",
    "awards.certificates",
    "awards.escalation",
    "org.services",
    "org.workbook",
    "importer.services",
]


@dataclass
class Svc:
    func: str  # "module.function" under guongsang
    variant: str
    setup: Callable[[World], Any]
    call: Callable[[Any, World, Any], Any]  # (function, world, object) -> a callable taking the actor
    ok: frozenset
    done: Callable[[World, Any, Any], None] = lambda w, obj, result: None
    mutates: bool = True
    only: frozenset | None = None  # a wrong-state row asks the allowed users only
    raises: type = PermissionDenied  # what the others (or, with `only`, everyone asked) get
    says: str = ""

    @property
    def id(self) -> str:
        return f"{self.func}[{self.variant}]" if self.variant else self.func

    @property
    def function(self):
        module, name = self.func.rsplit(".", 1)
        return getattr(_m(module), name)


def svc(func, setup, call, ok, done=None, **kw):
    return Svc(func, kw.pop("variant", ""), setup, call, ok, done or (lambda w, obj, r: None), **kw)


def state_row(func, variant, setup, call, users, says, raises=ValidationError):
    return Svc(func, variant, setup, call, frozenset(), only=users, raises=raises, says=says)


def _section_formset(w):
    from guongsang.campaigns.forms import section_formset

    _t, empty = section_formset("noi-nhan", w.campaign)
    data = C.formset_data(empty)
    data.update({"noi-nhan-0-name": "Ban Tuyên giáo Tỉnh ủy", "noi-nhan-0-purpose": "report"})
    _t, formset = section_formset("noi-nhan", w.campaign, data)
    assert formset.is_valid(), formset.errors
    return formset


def _title(w, obj, r, title):
    assert _get("campaigns.Campaign", pk=r.pk if r is not None else w.campaign.pk).title == title


SERVICES: list[Svc] = [
    # --- campaigns.services ----------------------------------------------------------------------
    svc(
        "campaigns.services.campaign_create",
        lambda w: None,
        lambda f, w, o: lambda a: f(actor=a, issuer=w.cast.district, title="Kế hoạch mới 2027"),
        MANAGERS,
        lambda w, o, r: _title(w, o, r, "Kế hoạch mới 2027"),
    ),
    svc(
        "campaigns.services.campaign_update",
        draft,
        lambda f, w, o: lambda a: f(actor=a, campaign=o, title="Kế hoạch đã sửa"),
        MANAGERS,
        lambda w, o, r: _title(w, o, r, "Kế hoạch đã sửa"),
    ),
    state_row(
        "campaigns.services.campaign_update",
        "closed",
        lambda w: C.set_status(w, "closed"),
        lambda f, w, o: lambda a: f(actor=a, campaign=o, title="Kế hoạch đã sửa"),
        MANAGERS,
        "Đợt đã kết thúc: không sửa được kế hoạch nữa.",
    ),
    svc(
        "campaigns.services.save_children",
        draft,
        lambda f, w, o: lambda a: f(actor=a, campaign=o, section="noi-nhan", formset=_section_formset(w)),
        MANAGERS,
        lambda w, o, r: _assert_eq(o.recipients.count(), 1),
    ),
    svc(
        "campaigns.services.set_participants",
        draft,
        lambda f, w, o: lambda a: f(actor=a, campaign=o, kinds=[], unit_codes="T-LAT"),
        MANAGERS,
        lambda w, o, r: _assert_eq(list(o.participant_units.values_list("code", flat=True)), ["T-LAT"]),
    ),
    svc(
        "campaigns.services.campaign_submit",
        draft,
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        MANAGERS,
        lambda w, o, r: status_is("submitted")(w, o),
    ),
    svc(
        "campaigns.services.campaign_approve",
        lambda w: C.set_status(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        LEADERS,
        lambda w, o, r: status_is("approved")(w, o),
    ),
    svc(
        "campaigns.services.campaign_return",
        lambda w: C.set_status(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, campaign=o, reason="Bổ sung mốc."),
        LEADERS,
        lambda w, o, r: status_is("draft")(w, o),
    ),
    svc(
        "campaigns.services.campaign_issue",
        approved_plan,
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        MANAGERS,
        lambda w, o, r: status_is("issued")(w, o),
    ),
    state_row(
        "campaigns.services.campaign_issue",
        "not-approved",
        lambda w: C.set_status(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        MANAGERS,
        "Kế hoạch chưa được lãnh đạo duyệt nên chưa ban hành được.",
    ),
    svc(
        "campaigns.services.campaign_close",
        issued,
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        MANAGERS,
        lambda w, o, r: status_is("closed")(w, o),
    ),
    svc(
        "campaigns.services.campaign_copy",
        issued,
        lambda f, w, o: lambda a: f(actor=a, source=o, issuer=w.cast.district),
        MANAGERS,
        lambda w, o, r: _assert_eq((r.status, r.title, r.issuer_id), ("draft", o.title, o.issuer_id)),
    ),
    # A manager elsewhere may not copy a plan it cannot see into its own unit.
    svc(
        "campaigns.services.campaign_copy",
        issued,
        lambda f, w, o: lambda a: f(actor=a, source=o, issuer=_own_managed_unit(w, a)),
        MANAGERS,
        lambda w, o, r: _assert_eq(r.status, "draft"),
        variant="into-own-unit",
    ),
    svc(
        "campaigns.services.campaign_derive",
        issued,
        lambda f, w, o: lambda a: f(actor=a, parent=o, issuer=w.cast.commune),
        MANAGERS,
        lambda w, o, r: _assert_eq((r.issuer_id, r.parent_id), (w.cast.commune.pk, o.pk)),
    ),
    # --- nominations.services --------------------------------------------------------------------
    svc(
        "nominations.services.nomination_save",
        issued,
        lambda f, w, o: (
            lambda a: f(
                actor=a, campaign=o, unit=w.cast.commune, kind="individual", person=w.cast.person, summary="Gương mẫu"
            )
        ),
        NOMINATORS,
        lambda w, o, r: _assert_eq(w.fresh(r).summary, "Gương mẫu"),
    ),
    svc(
        "nominations.services.upload_dossier_file",
        lambda w: (C.nomination(w), C.requirement(w)),
        lambda f, w, o: lambda a: f(actor=a, nomination=o[0], requirement=o[1], upload=C.pdf()),
        NOMINATORS,
        lambda w, o, r: _assert_eq(o[0].files.count(), 1),
    ),
    svc(
        "nominations.services.nomination_submit",
        lambda w: C.nomination(w),
        lambda f, w, o: lambda a: f(actor=a, nomination=o),
        HEADS,
        lambda w, o, r: nomination_state("submitted")(w, o),
    ),
    svc(
        "nominations.services.nomination_withdraw",
        lambda w: C.nomination(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, nomination=o),
        HEADS,
        lambda w, o, r: nomination_state("withdrawn")(w, o),
    ),
    svc(
        "nominations.services.nomination_withdraw",
        lambda w: C.nomination(w),
        lambda f, w, o: lambda a: f(actor=a, nomination=o),
        NOMINATORS,
        lambda w, o, r: nomination_state("withdrawn")(w, o),
        variant="draft",
    ),
    # --- reports -------------------------------------------------------------------------------------
    svc(
        "reports.services.save_section",
        lambda w: C.report(w),
        lambda f, w, o: (
            lambda a: f(actor=a, report=o, section=w.section, text="Đã học tập.", values={}, base_revision=1)
        ),
        NOMINATORS,
        lambda w, o, r: _assert_eq(o.answers.get().text, "Đã học tập."),
    ),
    svc(
        "reports.services.import_sections",
        lambda w: C.report(w),
        lambda f, w, o: lambda a: f(actor=a, report=o, placed={w.section.pk: ["Nhập từ tệp Word."]}),
        NOMINATORS,
        lambda w, o, r: _assert_eq(o.answers.get().text.endswith("Nhập từ tệp Word."), True),
    ),
    svc(
        "reports.services.submit",
        lambda w: C.report(w),
        lambda f, w, o: lambda a: f(actor=a, report=o),
        HEADS,
        lambda w, o, r: report_state("submitted")(w, o),
    ),
    svc(
        "reports.services.accept",
        lambda w: C.report(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, report=o),
        MANAGERS,
        lambda w, o, r: report_state("accepted")(w, o),
    ),
    svc(
        "reports.services.reopen",
        lambda w: C.report(w, "accepted"),
        lambda f, w, o: lambda a: f(actor=a, report=o, reason="Sai số liệu."),
        MANAGERS,
        lambda w, o, r: report_state("returned")(w, o),
    ),
    svc(
        "reports.services.return_report",
        lambda w: C.report(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, report=o, comments={w.section.pk: "Bổ sung."}),
        MANAGERS,
        lambda w, o, r: report_state("returned")(w, o),
    ),
    svc(
        "reports.services.upload_attachment",
        lambda w: C.report(w),
        lambda f, w, o: lambda a: f(actor=a, report=o, upload=C.pdf()),
        NOMINATORS,
        lambda w, o, r: _assert_eq(o.attachments.count(), 1),
    ),
    svc(
        "reports.consolidation.build_draft",
        accepted_report,
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        MANAGERS,
        lambda w, o, r: _assert_eq((r.unit_id, r.consolidation["accepted"]), (w.cast.district.pk, 1)),
    ),
    svc(
        "reports.consolidation.roll_up",
        roll_up_ready,
        lambda f, w, o: lambda a: f(actor=a, campaign=o),
        MANAGERS,
        lambda w, o, r: rolled_up(w, o),
    ),
    svc(
        "reports.reminders.remind",
        lambda w: w.report_deadline,
        lambda f, w, o: lambda a: f(actor=a, deadline=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(r, 2),
    ),
    # --- awards.selection ------------------------------------------------------------------------------
    svc("awards.selection.require_manager", issued, lambda f, w, o: lambda a: f(a, o), MANAGERS, mutates=False),
    svc("awards.selection.require_leader", issued, lambda f, w, o: lambda a: f(a, o), LEADERS, mutates=False),
    svc(
        "awards.selection.screen",
        lambda w: C.nomination(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, nomination=o, verdict="valid"),
        MANAGERS,
        lambda w, o, r: _screened("valid")(w, o),
    ),
    svc(
        "awards.selection.screen_many",
        lambda w: C.nomination(w, "submitted"),
        lambda f, w, o: lambda a: f(actor=a, campaign=w.campaign, ids=[o.pk], verdict="valid"),
        MANAGERS,
        lambda w, o, r: _screened("valid")(w, o),
    ),
    svc(
        "awards.selection.rubric_save",
        issued,
        lambda f, w, o: lambda a: f(actor=a, campaign=o, rows=[{"label": "Sức lan tỏa", "weight": "1"}]),
        MANAGERS,
        lambda w, o, r: _assert_eq(o.rubric.count(), 1),
    ),
    svc(
        "awards.selection.assign_reviewer",
        issued,
        lambda f, w, o: lambda a: f(actor=a, campaign=o, reviewer=w.users[REVIEWER]),
        MANAGERS,
        lambda w, o, r: _assert_eq(o.reviewer_assignments.count(), 1),
    ),
    svc(
        "awards.selection.unassign_reviewer",
        lambda w: _model("awards.ReviewerAssignment").objects.create(campaign=w.campaign, reviewer=w.users[REVIEWER]),
        lambda f, w, o: lambda a: f(actor=a, assignment=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(_exists("awards.ReviewerAssignment", pk=o.pk), False),
    ),
    svc(
        "awards.selection.review_save",
        review_ready,
        lambda f, w, o: lambda a: f(actor=a, nomination=o, scores={str(w.extra["item"].pk): "8"}),
        frozenset({REVIEWER}),
        lambda w, o, r: _assert_eq(str(w.fresh(r).total), "80.00"),
    ),
    svc(
        "awards.selection.declare_conflict",
        review_ready,
        lambda f, w, o: lambda a: f(actor=a, nomination=o, reason="Người thân."),
        frozenset({REVIEWER}),
        lambda w, o, r: _assert_eq(w.fresh(r).conflict, True),
    ),
    svc(
        "awards.selection.record_vote",
        lambda w: C.nomination(w, "submitted", "valid"),
        lambda f, w, o: lambda a: f(actor=a, nomination=o, members_present=9, votes_for=7, votes_against=2),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(r).votes_for, 7),
    ),
    svc(
        "awards.selection.add_to_list",
        lambda w: C.nomination(w, "submitted", "valid", vote=True),
        lambda f, w, o: lambda a: f(actor=a, nomination=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(_exists("awards.ListEntry", nomination=o), True),
    ),
    svc(
        "awards.selection.remove_from_list",
        lambda w: C.listed(w).entries.get().nomination,
        lambda f, w, o: lambda a: f(actor=a, nomination=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(_exists("awards.ListEntry", nomination=o), False),
    ),
    svc(
        "awards.selection.approve_list",
        lambda w: C.listed(w),
        lambda f, w, o: lambda a: f(actor=a, award_list=o),
        LEADERS,
        lambda w, o, r: list_status("approved")(w, o),
    ),
    state_row(
        "awards.selection.approve_list",
        "empty",
        lambda w: C.award_list(w),
        lambda f, w, o: lambda a: f(actor=a, award_list=o),
        LEADERS,
        "Danh sách chưa có ai; không có gì để duyệt.",
    ),
    svc(
        "awards.selection.reopen_list",
        lambda w: C.listed(w, "approved"),
        lambda f, w, o: lambda a: f(actor=a, award_list=o),
        LEADERS,
        lambda w, o, r: list_status("draft")(w, o),
    ),
    svc(
        "awards.selection.post_notice",
        lambda w: C.listed(w, "approved"),
        lambda f, w, o: lambda a: f(actor=a, award_list=o, days=5),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).notice_until, C.NOW + dt.timedelta(days=5)),
    ),
    svc(
        "awards.selection.comment_on_notice",
        lambda w: _notice_open(w),
        lambda f, w, o: lambda a: f(actor=a, award_list=o, text="Đồng ý."),
        SIGNED_IN - {SIBLING},
        lambda w, o, r: _assert_eq(list(o.comments.values_list("text", flat=True)), ["Đồng ý."]),
    ),
    # --- awards.decisions, certificates, escalation ----------------------------------------------------
    svc(
        "awards.decisions.decision_save",
        lambda w: C.listed(w, "approved"),
        lambda f, w, o: (
            lambda a: f(actor=a, award_list=o, date=dt.date(2026, 11, 9), signer_title="BÍ THƯ", signer_name="Ya Tiong")
        ),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(r).awards.count(), 1),
    ),
    svc(
        "awards.decisions.decision_sign",
        lambda w: C.decision(w),
        lambda f, w, o: lambda a: f(actor=a, decision=o),
        LEADERS,
        lambda w, o, r: _assert_eq(w.cast.person.honors.count(), 1),
    ),
    state_row(
        "awards.decisions.decision_sign",
        "no-number",
        lambda w: C.decision(w, number=None),
        lambda f, w, o: lambda a: f(actor=a, decision=o),
        LEADERS,
        "Quyết định chưa có số quyết định: không ký ban hành được.",
    ),
    svc(
        "awards.certificates.calibration_save",
        issued,
        lambda f, w, o: lambda a: f(actor=a, unit=w.cast.district, name="Máy in", offset_x="1", offset_y="0"),
        PRINTERS,
        lambda w, o, r: _assert_eq(w.fresh(r).unit_id, w.cast.district.pk),
    ),
    svc(
        "awards.certificates.layout_save",
        issued,
        lambda f, w, o: (
            lambda a: f(
                actor=a,
                unit=w.cast.district,
                name="Phôi",
                page_width=297,
                page_height=210,
                fields=[{"key": "name", "x": 148.5, "y": 90, "size": 22, "width": 200, "align": "center"}],
            )
        ),
        PRINTERS,
        lambda w, o, r: _assert_eq(w.fresh(r).unit_id, w.cast.district.pk),
    ),
    svc(
        "awards.certificates.start_batch",
        lambda w: C.decision(w, "signed"),
        lambda f, w, o: lambda a: f(actor=a, decision=o, layout=shared_layout(w)),
        PRINTERS,
        lambda w, o, r: _assert_eq(w.fresh(r).total, 1),
    ),
    svc(
        "awards.escalation.escalate",
        awarded,
        lambda f, w, o: lambda a: f(actor=a, award=o, target=w.extra["target"]),
        MANAGERS,
        lambda w, o, r: _assert_eq(_exists("awards.Escalation", award=o), True),
    ),
    svc(
        "awards.escalation.unescalate",
        lambda w: _model("awards.Escalation").objects.create(award=awarded(w), target=w.extra["target"]),
        lambda f, w, o: lambda a: f(actor=a, escalation=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(_exists("awards.Escalation", pk=o.pk), False),
    ),
    svc(
        "awards.escalation.send_to_parent",
        sent_up_ready,
        lambda f, w, o: lambda a: f(actor=a, campaign=w.campaign, target=o),
        MANAGERS,
        lambda w, o, r: _assert_eq([n.campaign_id for n in r], [w.campaign.parent_id]),
    ),
    # --- org ----------------------------------------------------------------------------------------------
    svc(
        "org.services.unit_create",
        lambda w: w.cast.commune,
        lambda f, w, o: (
            lambda a: f(actor=a, parent=o, name="Chi bộ thôn mới", code="T-LAT-CB9", kind=w.cast.branch.kind)
        ),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(r).parent_unit().pk, o.pk),
    ),
    # Only the deployment administrator creates a root unit; no role at any unit does.
    svc(
        "org.services.unit_create",
        lambda w: None,
        lambda f, w, o: lambda a: f(actor=a, parent=None, name="Tỉnh ủy khác", code="T-KHAC", kind=w.cast.root.kind),
        frozenset(),
        variant="root",
    ),
    svc(
        "org.services.unit_update",
        lambda w: w.cast.commune,
        lambda f, w, o: lambda a: f(actor=a, unit=o, name="Đảng bộ xã Lát (mới)"),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).name, "Đảng bộ xã Lát (mới)"),
    ),
    svc(
        "org.services.unit_move",
        lambda w: w.cast.commune,
        lambda f, w, o: lambda a: f(actor=a, unit=o, new_parent=w.cast.court),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).parent_unit().pk, w.cast.court.pk),
    ),
    # Moving a unit into a subtree the actor does not edit is refused, even for the unit's manager.
    svc(
        "org.services.unit_move",
        lambda w: w.cast.commune,
        lambda f, w, o: lambda a: f(actor=a, unit=o, new_parent=w.cast.sibling),
        frozenset({ADMIN}),
        lambda w, o, r: _assert_eq(w.fresh(o).parent_unit().pk, w.cast.sibling.pk),
        variant="to-the-sibling",
    ),
    svc(
        "org.services.unit_end",
        lambda w: w.cast.commune,
        lambda f, w, o: lambda a: f(actor=a, unit=o, end_date=dt.date(2026, 12, 31)),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).active_to, dt.date(2026, 12, 31)),
    ),
    svc(
        "org.services.person_save",
        lambda w: w.cast.person,
        lambda f, w, o: lambda a: f(actor=a, person=w.fresh(o), title="Bí thư chi bộ"),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).title, "Bí thư chi bộ"),
    ),
    svc(
        "org.services.rating_set",
        lambda w: w.cast.person,
        lambda f, w, o: lambda a: f(actor=a, subject=o, year=2025, grade="HTXSNV"),
        MANAGERS,
        lambda w, o, r: _assert_eq(o.ratings.get(year=2025).grade, "HTXSNV"),
    ),
    svc(
        "org.services.honor_add",
        lambda w: w.cast.person,
        lambda f, w, o: lambda a: f(actor=a, subject=o, form="Giấy khen", granted_by="Đảng ủy xã Lát", year=2025),
        MANAGERS,
        lambda w, o, r: _assert_eq(o.honors.get().year, 2025),
    ),
    svc(
        "org.services.honor_granted",
        lambda w: w.cast.person,
        lambda f, w, o: (
            lambda a: f(
                actor=a, subject=o, granting_unit=w.cast.district, form="Giấy khen", granted_by="BTV", year=2026
            )
        ),
        LEADERS,
        lambda w, o, r: _assert_eq(o.honors.get().year, 2026),
    ),
    svc(
        "org.workbook.import_workbook",
        lambda w: w.cast.commune,
        lambda f, w, o: lambda a: f(actor=a, scope=o, data=C.workbook_renaming_commune(w, "Đảng bộ xã Lát Mới")),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).name, "Đảng bộ xã Lát Mới"),
    ),
    svc(
        "org.workbook.export_workbook",
        lambda w: w.cast.commune,
        lambda f, w, o: lambda a: f(actor=a, scope=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(r[:2], b"PK"),
        mutates=False,
    ),
    # --- importer.services ----------------------------------------------------------------------------------
    svc(
        "importer.services.start_import",
        lambda w: None,
        lambda f, w, o: lambda a: f(actor=a, unit=w.cast.district, upload=C.plan_txt()),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(r).status, "pending"),
    ),
    svc(
        "importer.services.confirm_import",
        lambda w: C.plan_import(w),
        lambda f, w, o: (
            lambda a: f(
                actor=a,
                record=o,
                issuer=w.cast.district,
                fields={"title": "Sơ kết"},
                participant_kinds=[],
                formsets={},
                outline=[],
            )
        ),
        MANAGERS,
        lambda w, o, r: _assert_eq((w.fresh(o).status, r.title), ("confirmed", "Sơ kết")),
    ),
    svc(
        "importer.services.discard_import",
        lambda w: C.plan_import(w),
        lambda f, w, o: lambda a: f(actor=a, record=o),
        MANAGERS,
        lambda w, o, r: _assert_eq(w.fresh(o).status, "discarded"),
    ),
]


def _own_managed_unit(w, actor):
    from guongsang.accounts.models import Membership

    mine = Membership.objects.filter(user_id=getattr(actor, "pk", None), role__in=["manager", "admin"]).first()
    return mine.unit if mine else w.cast.district


def public_actor_functions():
    for module in SERVICE_MODULES:
        mod = _m(module)
        for name, function in inspect.getmembers(mod, inspect.isfunction):
            if name.startswith("_") or function.__module__ != mod.__name__:
                continue
            if "actor" in inspect.signature(function).parameters:
                yield f"{module}.{name}"


def test_every_service_function_with_an_actor_has_a_row():
    functions = set(public_actor_functions())
    rows = {s.func for s in SERVICES}
    assert len(functions) > 50
    assert functions - rows == set(), "a service function with an `actor` needs a row in SERVICES"
    assert rows - functions == set(), "a row names no service function"


# Services take a signed-in actor: an anonymous request never reaches them (the view table shows that).
SERVICE_WHO = [who for who in WHO if who != ANON]
SERVICE_CASES = [
    pytest.param(s, who, id=f"{s.id}-{who}") for s in SERVICES for who in SERVICE_WHO if s.only is None or who in s.only
]


@pytest.mark.parametrize("row,who", SERVICE_CASES)
def test_who_may_call_each_service(world, row: Svc, who):
    obj = row.setup(world)
    act = row.call(row.function, world, obj)
    actor = world.user(who)
    if who in row.ok:
        before = C.fingerprint()
        result = act(actor)
        row.done(world, obj, result)
        changed = C.changed_tables(before, C.fingerprint())
        if row.mutates:
            assert "accounts.AuditEntry" in changed, "a state change without an audit entry"
        else:
            assert changed == []
        return
    written = C.writes()
    with pytest.raises(row.raises) as refused:
        act(actor)
    assert C.writes() == written, "refused but rows were written"
    if row.raises is PermissionDenied:
        assert not isinstance(refused.value, ValidationError)
    text = " ".join(refused.value.messages) if isinstance(refused.value, ValidationError) else str(refused.value)
    assert row.says in text
    assert text and unicodedata.is_normalized("NFC", text)
