"""Every URL pattern, for an anonymous visitor, each role, and a user of a sibling unit.

The target objects live in the subtree of the roles' unit (a chi bộ under Huyện ủy Lạc Dương); the
sibling manager belongs to Huyện ủy Kim Bảng. No page or download may show them data across units.
A new URL pattern without a row here fails the completeness test.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from guongsang.accounts.models import Role
from tests.conftest import sign_in
from tests.docx_text import docx_text

ROLES = [Role.MANAGER, Role.LEADER, Role.REVIEWER, Role.OFFICE, Role.SUBMITTER, Role.HEAD, Role.ADMIN]
EVERYONE = {r: 200 for r in ROLES} | {"sibling": 200}
SCOPED = {r: 200 for r in ROLES} | {"sibling": 404}
EDITORS = {r: 403 for r in ROLES} | {Role.MANAGER: 200, Role.ADMIN: 200, "sibling": 404}
AUDITORS = {r: 404 for r in ROLES} | {Role.MANAGER: 200, Role.LEADER: 200, Role.ADMIN: 200, "sibling": 200}
# The submitter and unit head sit at the commune; the tree browser starts from there for them.
UNIT_TARGET = "branch"

MANAGERS_ANYWHERE = {r: 403 for r in ROLES} | {Role.MANAGER: 200, Role.ADMIN: 200, "sibling": 200}
POST_ONLY = {r: 405 for r in ROLES} | {"sibling": 405}  # the same for every id: nothing leaks
# Who writes the commune's report pages: its own unit roles and the district's managers; others of the
# district may read the report but not write it.
WRITERS_PAGE = {r: 403 for r in ROLES} | {
    Role.MANAGER: 200,
    Role.ADMIN: 200,
    Role.SUBMITTER: 200,
    Role.HEAD: 200,
    "sibling": 404,
}
# Who nominates for the participating commune: its own unit roles and the district's managers.
NOMINATORS = {r: 404 for r in ROLES} | {
    Role.MANAGER: 200,
    Role.ADMIN: 200,
    Role.SUBMITTER: 200,
    Role.HEAD: 200,
    "sibling": 404,
}
# The follow-up dashboard: the issuer's managers and leaders (the sibling does not see the plan at all).
FOLLOWERS = {r: 403 for r in ROLES} | {Role.MANAGER: 200, Role.ADMIN: 200, Role.LEADER: 200, "sibling": 404}
# A unit's calendar: anyone holding a role at the unit or above it.
CALENDAR = {r: 200 for r in ROLES} | {"sibling": 404}
# A plan file being imported is seen only by the managers of the unit that uploaded it.
IMPORTERS = {r: 404 for r in ROLES} | {Role.MANAGER: 200, Role.ADMIN: 200, "sibling": 404}

# The issuer's selection pages: its managers and leaders; the plan is hidden from the sibling.
ISSUER_SIDE = {r: 403 for r in ROLES} | {Role.MANAGER: 200, Role.LEADER: 200, Role.ADMIN: 200, "sibling": 404}
# A decision: its managers draft it, its leaders sign it, its office prints the certificates.
DECISION_READERS = ISSUER_SIDE | {Role.OFFICE: 200}
# Certificates (print runs, layouts, calibration, the test page): the issuer's managers and office.
PRINTING = {r: 403 for r in ROLES} | {Role.MANAGER: 200, Role.ADMIN: 200, Role.OFFICE: 200, "sibling": 404}
# Scoring: the reviewer assigned to the plan.
REVIEWING = {r: 403 for r in ROLES} | {Role.REVIEWER: 200, "sibling": 404}

# name -> (target object or None, query string, expected status by user, method); a target may be
# (name, extra URL kwargs).
MATRIX = {
    "accounts:home": (None, "", EVERYONE, "get"),
    "accounts:login": (None, "", None, "get"),
    "accounts:logout": (None, "", None, "post"),
    "accounts:password_change": (None, "", EVERYONE, "get"),
    "accounts:password_change_done": (None, "", EVERYONE, "get"),
    "accounts:audit_log": (None, "", AUDITORS, "get"),
    "accounts:security": (None, "", EVERYONE, "get"),
    "accounts:second_factor_setup": (None, "", EVERYONE, "get"),
    # Only a sign-in waiting for its code stays on this page; any other is sent on.
    "accounts:second_factor": (None, "", {r: 302 for r in ROLES} | {"sibling": 302}, "get"),
    "accounts:security_action": ((None, {"action": "tat"}), "", POST_ONLY, "get"),
    "org:tree": (None, "", EVERYONE, "get"),
    "org:search": (None, "q=bon+dung", EVERYONE, "get"),
    "org:import_template": (None, "", EVERYONE, "get"),
    "org:unit": ("branch", "", SCOPED, "get"),
    "org:children": ("commune", "", SCOPED, "get"),
    "org:people": ("branch", "tat_ca=1", SCOPED, "get"),
    "org:import": ("commune", "", EDITORS, "get"),
    "org:unit_edit": ("commune", "", EDITORS, "get"),
    "org:unit_add": ("commune", "", EDITORS, "get"),
    "org:unit_end": ("commune", "", EDITORS, "get"),
    "org:unit_move": ("commune", "", EDITORS, "get"),
    "org:export": ("commune", "", EDITORS, "get"),
    "org:person": ("person", "", SCOPED, "get"),
    "campaigns:list": (None, "", EVERYONE, "get"),
    "campaigns:create": (None, "", MANAGERS_ANYWHERE, "get"),
    "campaigns:detail": ("campaign", "", SCOPED, "get"),
    "campaigns:edit": ("campaign", "", EDITORS, "get"),
    "campaigns:section": (("campaign", {"section": "chi-tieu"}), "", EDITORS, "get"),
    "campaigns:action": (("campaign", {"action": "ban-hanh"}), "", POST_ONLY, "get"),
    "campaigns:download": (("campaign", {"fmt": "docx"}), "", SCOPED, "get"),
    "nominations:unit_list": (("campaign", {}), "", NOMINATORS, "get"),
    "nominations:create": (("campaign", {}), "loai=individual", NOMINATORS, "get"),
    "nominations:live_check": (("campaign", {}), "", POST_ONLY, "get"),
    "nominations:edit": ("nomination", "", SCOPED, "get"),
    "nominations:proposal": (("campaign", {}), "", NOMINATORS, "get"),
    "nominations:achievement_report": ("nomination", "", SCOPED, "get"),
    "nominations:upload": (("nomination", {"requirement_pk": 1}), "", POST_ONLY, "get"),
    "nominations:submit": ("nomination", "", POST_ONLY, "get"),
    "nominations:withdraw": ("nomination", "", POST_ONLY, "get"),
    "nominations:download": ("dossier_file", "", SCOPED, "get"),
    "reports:edit": (("campaign", {}), "", NOMINATORS, "get"),
    "reports:campaign_list": (("campaign", {}), "", EDITORS, "get"),
    "reports:review": ("report", "", SCOPED, "get"),
    "reports:section_save": (("report", {"section_pk": 1}), "", POST_ONLY, "get"),
    "reports:submit": ("report", "", POST_ONLY, "get"),
    "reports:decide": (("report", {"action": "tiep-nhan"}), "", POST_ONLY, "get"),
    "reports:compare": ("report", "", SCOPED, "get"),
    "reports:attachment_upload": ("report", "", POST_ONLY, "get"),
    "reports:attachment": ("report_attachment", "", SCOPED, "get"),
    "reports:download": (("report", {"fmt": "docx"}), "", SCOPED, "get"),
    "reports:import_docx": ("report", "", WRITERS_PAGE, "get"),
    "reports:dashboard": (("campaign", {}), "", FOLLOWERS, "get"),
    "reports:remind": ("deadline", "", POST_ONLY, "get"),
    "reports:figures": (("campaign", {}), "", FOLLOWERS, "get"),
    "reports:figures_xlsx": (("campaign", {}), "", FOLLOWERS, "get"),
    "reports:consolidate": (("campaign", {}), "", POST_ONLY, "get"),
    "reports:send_upward": (("campaign", {}), "", POST_ONLY, "get"),
    "reports:calendar": ("commune", "", CALENDAR, "get"),
    "reports:calendar_subscription": (None, "", None, "get"),  # public by its signed token: tested apart
    "awards:selection": (("campaign", {}), "", ISSUER_SIDE, "get"),
    "awards:screening": (("campaign", {}), "loai_don_vi=dang-bo-co-so&tham_dinh=valid", EDITORS, "get"),
    "awards:screen_many": (("campaign", {}), "", POST_ONLY, "get"),
    "awards:review_list": (("campaign", {}), "", REVIEWING, "get"),
    "awards:rubric": (("campaign", {}), "", POST_ONLY, "get"),
    "awards:assign": (("campaign", {}), "", POST_ONLY, "get"),
    "awards:scores_xlsx": (("campaign", {}), "", ISSUER_SIDE, "get"),
    "awards:escalations": (("campaign", {}), "", ISSUER_SIDE, "get"),
    "awards:book": (("campaign", {}), "", ISSUER_SIDE, "get"),
    "awards:unassign": ("assignment", "", POST_ONLY, "get"),
    "awards:screen": ("nomination", "", POST_ONLY, "get"),
    "awards:review": ("nomination", "", REVIEWING, "get"),
    "awards:vote": ("nomination", "", POST_ONLY, "get"),
    "awards:list_toggle": ("nomination", "", POST_ONLY, "get"),
    "awards:notice": ("award_list", "", SCOPED, "get"),
    "awards:decision": ("award_list", "", DECISION_READERS, "get"),
    "awards:list_action": (("award_list", {"action": "duyet"}), "", POST_ONLY, "get"),
    "awards:sign": ("decision", "", POST_ONLY, "get"),
    "awards:decision_download": (("decision", {"fmt": "docx"}), "", DECISION_READERS, "get"),
    "awards:certificates": ("decision", "", POST_ONLY, "get"),
    "awards:test_page": ("decision", "", PRINTING, "get"),
    "awards:calibration": ("decision", "", POST_ONLY, "get"),
    "awards:layout": ("decision", "", PRINTING, "get"),
    "awards:batch": ("batch", "", PRINTING, "get"),
    "awards:batch_file": ("batch", "", PRINTING, "get"),
    "awards:escalate": ("upward", "", POST_ONLY, "get"),
    "awards:send_up": ("upward", "", POST_ONLY, "get"),
    "awards:package": ("upward", "", ISSUER_SIDE, "get"),
    "importer:start": (None, "", MANAGERS_ANYWHERE, "get"),
    "importer:review": ("plan_import", "", IMPORTERS, "get"),
    "importer:discard": ("plan_import", "", POST_ONLY, "get"),
}
# Text that belongs to the Lạc Dương subtree and must never reach the sibling district's user.
SECRETS = ["Chi bộ thôn Bon Đưng", "Nguyễn Thị Ánh", "Đảng bộ xã Lát", "Kế hoạch bí mật của Lạc Dương"]
PERSONAL = ["1980", "HTTNV"]  # the person's birth year and rating
# Who sees them: the personal-data roles, and the commune's submitter because the commune has nominated
# the person (guongsang/accounts/personal.py; every surface is in tests/test_personal_data.py).
PERSONAL_ROLES = {Role.MANAGER, Role.LEADER, Role.REVIEWER, Role.HEAD, Role.ADMIN, Role.SUBMITTER}


def all_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from all_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def own_patterns():
    return sorted({name for name, _ in all_patterns() if not name.startswith("admin:")})


def test_every_url_pattern_has_a_row():
    assert set(own_patterns()) == set(MATRIX)


@pytest.fixture(scope="module")
def shared_campaign(shared_cast, django_db_blocker):
    """Built once per module inside the shared cast's transaction (tests/conftest.py); each test's `cast`
    is a copy of the shared one, with the objects below as its attributes."""
    with django_db_blocker.unblock():
        return build_campaign(shared_cast)


@pytest.fixture
def campaign(shared_campaign, cast):
    return cast.campaign


@pytest.fixture
def read_cast(shared_campaign, shared_cast, db):
    """The shared cast itself, not a copy, for the rows that only read (GET and HEAD): no request
    changes a test's objects, and whatever it writes in the database goes with the test's savepoint.
    Copying the cast was a tenth of this module's time."""
    return shared_cast


def build_campaign(cast):
    """An issued plan of the district in which the commune and the court take part."""
    from guongsang.campaigns.models import Campaign, Participation

    plan = Campaign.objects.create(
        issuer=cast.district,
        number=5,
        date=dt.date(2026, 11, 1),
        status=Campaign.Status.ISSUED,
        title="Kế hoạch bí mật của Lạc Dương",
        signer_name="Ya Tiong",
    )
    for unit in (cast.commune, cast.court):
        Participation.objects.create(campaign=plan, unit=unit)
    cast.campaign = plan
    from django.core.files.base import ContentFile

    from guongsang.campaigns.models import DossierRequirement
    from guongsang.nominations.models import DossierFile, Nomination

    requirement = DossierRequirement.objects.create(campaign=plan, document="Báo cáo", nominee_kinds=["individual"])
    cast.nomination = Nomination.objects.create(
        campaign=plan, unit=cast.commune, kind="individual", person=cast.person, summary="Nguyễn Thị Ánh gương mẫu"
    )
    record = DossierFile(
        nomination=cast.nomination,
        requirement=requirement,
        original_name="Nguyễn Thị Ánh.pdf",
        content_type="application/pdf",
        size=12,
    )
    record.file.save("x.pdf", ContentFile(b"%PDF-1.4 Nguyen Thi Anh"), save=True)
    cast.dossier_file = record
    from guongsang.reports.models import Report, ReportAttachment, ReportVersion

    cast.report = Report.objects.create(campaign=plan, unit=cast.commune, state=Report.State.SUBMITTED)
    ReportVersion.objects.create(
        report=cast.report, number=1, submitted_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC), snapshot={}
    )
    attachment = ReportAttachment(
        report=cast.report, original_name="Nguyễn Thị Ánh ký.pdf", content_type="application/pdf", size=10
    )
    attachment.file.save("k.pdf", ContentFile(b"%PDF-1.4 x"), save=True)
    cast.report_attachment = attachment
    from guongsang.campaigns.models import Deadline

    cast.deadline = Deadline.objects.create(
        campaign=plan, what="Kế hoạch bí mật của Lạc Dương: báo cáo", due_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    )
    from guongsang.importer.extract import extract
    from guongsang.importer.models import PlanImport

    text = "HUYỆN ỦY LẠC DƯƠNG\nSố 7-KH/HU\nKẾ HOẠCH\nKế hoạch bí mật của Lạc Dương\nI. MỤC ĐÍCH\nNội dung."
    cast.plan_import = PlanImport(
        unit=cast.district,
        original_name="Kế hoạch bí mật của Lạc Dương.docx",
        status=PlanImport.Status.READY,
        text=text,
        draft=extract(text),
    )
    cast.plan_import.file.save("k.docx", ContentFile(b"PK"), save=True)
    _selection(cast, plan)
    return plan


def _selection(cast, plan):
    """The nomination screened, scored by the assigned reviewer, voted, listed, approved, posted for
    comment and decided; a print run done; one awardee chosen for a higher form."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from guongsang.awards.models import (
        Award,
        AwardDecision,
        AwardList,
        CertificateBatch,
        CertificateLayout,
        Escalation,
        ListEntry,
        ReviewerAssignment,
        Vote,
    )
    from guongsang.campaigns.models import AwardForm

    n = cast.nomination
    form = AwardForm.objects.create(campaign=plan, name="Giấy khen", granted_by="Ban Thường vụ Huyện ủy Lạc Dương")
    cast.upward = AwardForm.objects.create(
        campaign=plan, name="Bằng khen", granted_by="Ban Thường vụ Tỉnh ủy Mẫu", is_escalation=True
    )
    n.award_form, n.state, n.screening = form, "submitted", "valid"
    n.save()
    cast.assignment = ReviewerAssignment.objects.create(campaign=plan, reviewer=cast.users[Role.REVIEWER])
    Vote.objects.create(nomination=n, members_present=9, votes_for=9, votes_against=0)
    now = timezone.now()
    cast.award_list = AwardList.objects.create(
        campaign=plan,
        award_form=form,
        status="decided",
        notice_from=now,
        notice_until=now + dt.timedelta(days=3),
    )
    ListEntry.objects.create(award_list=cast.award_list, nomination=n)
    cast.decision = AwardDecision.objects.create(
        award_list=cast.award_list,
        style="party",
        authority="Ban Thường vụ Huyện ủy Lạc Dương",
        abbreviation="HU",
        number=4,
        date=dt.date(2026, 11, 20),
        place="Lạc Dương",
        signer_title="BÍ THƯ",
        signer_name="Ya Tiong",
        base_salary=2_530_000,
        status="signed",
    )
    award = Award.objects.create(decision=cast.decision, nomination=n, position=1)
    Escalation.objects.create(award=award, target=cast.upward)
    cast.batch = CertificateBatch.objects.create(
        decision=cast.decision, layout=CertificateLayout.objects.first(), status="done", done=1, total=1
    )
    cast.batch.file.save("g.pdf", ContentFile(b"%PDF-1.4 Nguyen Thi Anh"), save=True)


def url_for(cast, name):
    target, query, _, _ = MATRIX[name]
    target, extra = target if isinstance(target, tuple) else (target, {})
    kwargs = ({"pk": getattr(cast, target).pk} if target else {}) | extra
    if name == "reports:calendar_subscription":
        kwargs = {"token": "khong-do-may-chu-nay-ky"}  # a token this server did not sign
    url = reverse(name, kwargs=kwargs)
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_the_login_page(client, read_cast, name):
    _, _, _, method = MATRIX[name]
    response = getattr(client, method)(url_for(read_cast, name))
    if name == "accounts:login":
        assert response.status_code == 200
    elif name == "reports:calendar_subscription":
        assert response.status_code == 404  # no login, but only a token signed by the server opens it
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/") or name == "accounts:logout"


@pytest.mark.parametrize("who", [*ROLES, "sibling"])
@pytest.mark.parametrize("name", sorted(n for n, row in MATRIX.items() if row[2] is not None))
def test_each_role_gets_what_it_may_and_nothing_leaks(client, read_cast, name, who):
    cast = read_cast
    _, _, expected, method = MATRIX[name]
    sign_in(client, cast.users[who])
    response = getattr(client, method)(url_for(cast, name))
    assert response.status_code == expected[who], (name, who)
    body = b"".join(response) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats-officedocument.wordprocessing"):
        body = docx_text(body).encode()
    text = body.decode("utf-8", errors="ignore")
    if who == "sibling":
        for secret in SECRETS:
            assert secret not in text, (name, secret)
    if name == "org:person" and response.status_code == 200:
        for value in PERSONAL:
            assert (value in text) is (who in PERSONAL_ROLES), (name, who, value)


def test_a_submitter_only_reaches_its_own_unit(client, cast):
    sign_in(client, cast.users[Role.SUBMITTER])
    assert client.get(reverse("org:unit", kwargs={"pk": cast.court.pk})).status_code == 404
    assert client.get(reverse("org:unit", kwargs={"pk": cast.district.pk})).status_code == 404
    assert client.get(reverse("org:unit", kwargs={"pk": cast.branch.pk})).status_code == 200


def test_a_nonexistent_object_is_a_404_like_a_foreign_one(client, cast):
    sign_in(client, cast.users[Role.MANAGER])
    assert client.get(reverse("org:unit", kwargs={"pk": 999999})).status_code == 404
    assert client.get(reverse("org:person", kwargs={"pk": 999999})).status_code == 404


def admin_urls():
    out = []
    for name, entry in all_patterns():
        if not name.startswith("admin:"):
            continue
        pattern = entry.pattern
        names = list(getattr(pattern, "converters", {}) or {}) or list(pattern.regex.groupindex)
        values = {"app_label": "org", "content_type_id": "1"}
        out.append((name, {n: values.get(n, "1") for n in names}))
    return out


# The login and logout pages, and the tree admin's catalogue of interface strings (no data).
PUBLIC_ADMIN = {"admin:login", "admin:logout", "admin:javascript-catalog"}


def test_the_admin_is_closed_to_everyone_but_administrators(client, cast):
    urls = admin_urls()
    assert len(urls) > 40
    manager = cast.users[Role.MANAGER]
    for name, kwargs in urls:
        url = reverse(name, kwargs=kwargs)
        if name in PUBLIC_ADMIN:
            continue
        client.logout()
        assert client.get(url).status_code == 302, name
        sign_in(client, manager)
        response = client.get(url)
        assert response.status_code == 302 and "/quan-tri/login/" in response["Location"], name


def test_the_admin_pages_work_for_the_administrator(client, cast):
    sign_in(client, cast.users["superuser"])
    for name, kwargs in admin_urls():
        if name == "admin:logout":
            continue
        if "object_id" in kwargs:
            kwargs["object_id"] = "1"
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code < 500, name
    for model in ("unit", "unitkind", "person", "rating", "honor"):
        assert client.get(f"/quan-tri/org/{model}/").status_code == 200
        assert client.get(f"/quan-tri/org/{model}/add/").status_code == 200
    assert client.get("/quan-tri/accounts/auditentry/").status_code == 200
    assert client.get("/quan-tri/accounts/auditentry/add/").status_code == 403


def test_lifecycle_actions_are_refused_to_outsiders_and_other_roles(client, cast, campaign):
    from guongsang.campaigns.models import Campaign

    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.SUBMITTED)
    url = reverse("campaigns:action", kwargs={"pk": campaign.pk, "action": "duyet"})
    # Outsiders, and participants while the plan is not yet issued, do not see it at all.
    for who in ("sibling", Role.SUBMITTER):
        sign_in(client, cast.users[who])
        assert client.post(url).status_code == 404
    for who in (Role.MANAGER, Role.OFFICE):
        sign_in(client, cast.users[who])
        assert client.post(url).status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.SUBMITTED
    sign_in(client, cast.users[Role.LEADER])
    assert client.post(url).status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.APPROVED


@pytest.mark.parametrize(
    ("who", "sees"),
    [(Role.OFFICE, True), (Role.MANAGER, True), (Role.LEADER, False), (Role.SUBMITTER, False), ("sibling", False)],
)
def test_those_who_print_find_a_signed_decisions_certificates_on_the_plan_page(client, cast, campaign, who, sees):
    sign_in(client, cast.users[who])
    response = client.get(reverse("campaigns:detail", args=[campaign.pk]))
    link = f'href="{reverse("awards:decision", args=[cast.award_list.pk])}#giay-khen"'
    assert (link in response.content.decode()) is sees
    if sees:
        decision = client.get(reverse("awards:decision", args=[cast.award_list.pk])).content.decode()
        assert 'id="giay-khen"' in decision and "Tạo tệp in" in decision
