"""The world the action matrix runs in, and the builders its rows use.

The `cast` tree (tests/conftest.py) plus three users for the remaining relations:

    Tỉnh ủy Mẫu (TU)                admin (role admin), root_leader (leader of the parent)
    ├── Huyện ủy Lạc Dương           manager, leader, reviewer, office  (the issuer)
    │   ├── Đảng bộ xã Lát           submitter, head                    (a participant: own unit)
    │   │   └── Chi bộ thôn Bon Đưng branch_submitter                   (a child unit of the participant)
    │   └── Chi bộ Tòa án            court_head                         (another participant)
    └── Huyện ủy Kim Bảng            sibling (manager)                  (outside the issuer's subtree)

The campaign is the district's, issued at `NOW`, with the commune and the court taking part. Every
other object (nomination, report, list, decision, …) is built by the row that needs it.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from guongsang.accounts.models import Membership, Role
from tests.pdfs import VALID as VALID_PDF

NOW = dt.datetime(2026, 11, 10, 2, 0, tzinfo=dt.UTC)  # 09:00 in Việt Nam
LATER = dt.datetime(2026, 12, 1, 16, 59, tzinfo=dt.UTC)  # 23:59 on 01/12/2026 in Việt Nam
EARLIER = dt.datetime(2026, 11, 5, 16, 59, tzinfo=dt.UTC)

MANAGER, LEADER, REVIEWER, OFFICE = Role.MANAGER, Role.LEADER, Role.REVIEWER, Role.OFFICE
SUBMITTER, HEAD, ADMIN = Role.SUBMITTER, Role.HEAD, Role.ADMIN
SIBLING, BRANCH, COURT, ROOT_LEADER = "sibling", "branch_submitter", "court_head", "root_leader"
ANON = "anon"

# Everyone the matrix asks, in a fixed order.
WHO = [ANON, MANAGER, LEADER, REVIEWER, OFFICE, SUBMITTER, HEAD, ADMIN, SIBLING, BRANCH, COURT, ROOT_LEADER]

ISSUER_SIDE = frozenset({MANAGER, LEADER, REVIEWER, OFFICE, ADMIN, ROOT_LEADER})  # at the issuer or above
UNIT = frozenset({SUBMITTER, HEAD})  # at the commune, the unit whose work it is
PARTICIPANTS = UNIT | {BRANCH, COURT}  # see an issued plan
SIGNED_IN = ISSUER_SIDE | PARTICIPANTS | {SIBLING}
MANAGERS = frozenset({MANAGER, ADMIN})  # the issuer's managers (the administrator role acts as one)
LEADERS = frozenset({LEADER, ROOT_LEADER})  # the issuer's leaders (a leader of the parent unit reaches it)
NOMINATORS = MANAGERS | UNIT  # who writes the commune's nominations and report
HEADS = frozenset({HEAD, ADMIN})  # who confirms and submits for the commune
PRINTERS = MANAGERS | {OFFICE}  # certificate layouts and printer calibration (logistics)

# Who gets a 404: the object is outside their scope (its existence does not leak).
HIDDEN_ISSUED = frozenset({SIBLING})
HIDDEN_DRAFT = frozenset({SIBLING}) | PARTICIPANTS  # a plan not yet issued: the issuer's side only
HIDDEN_UNIT_WORK = frozenset({SIBLING, BRANCH, COURT})  # the commune's nomination or report
HIDDEN_TREE = frozenset({SIBLING, BRANCH, COURT})  # the commune in the organisation tree


@dataclass
class World:
    cast: object
    users: dict
    campaign: object
    section: object
    award_form: object
    report_deadline: object
    dossier_deadline: object
    extra: dict = field(default_factory=dict)

    def user(self, who):
        if who == ANON:
            return AnonymousUser()
        # A fresh object: grants are cached on the user, and a row may have changed memberships.
        return get_user_model().objects.get(pk=self.users[who].pk)

    def fresh(self, obj):
        return type(obj).objects.get(pk=obj.pk)


def make_user(username: str, unit, role: str):
    user = get_user_model().objects.create_user(username=username, password="mat-khau-123")
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


def build_world(cast) -> World:
    from guongsang.campaigns.models import AwardForm, Campaign, Deadline, OutlineSection, Participation, QuotaRule

    users = {k: v for k, v in cast.users.items() if k != "superuser"}
    users[BRANCH] = make_user("donvi.chibo", cast.branch, Role.SUBMITTER)
    users[COURT] = make_user("bithu.toaan", cast.court, Role.HEAD)
    users[ROOT_LEADER] = make_user("lanhdao.tinh", cast.root, Role.LEADER)
    plan = Campaign.objects.create(
        issuer=cast.district,
        number=5,
        date=dt.date(2026, 11, 1),
        status=Campaign.Status.ISSUED,
        title="Kế hoạch sơ kết của Lạc Dương",
        signer_title="BÍ THƯ",
        signer_name="Ya Tiong",
        place="Lạc Dương",
    )
    plan.participant_units.set([cast.commune, cast.court])
    for unit in (cast.commune, cast.court):
        Participation.objects.create(campaign=plan, unit=unit)
    QuotaRule.objects.create(campaign=plan, unit_kind=cast.commune.kind, collectives=1, individuals=2)
    section = OutlineSection.objects.create(campaign=plan, number="I", title="Kết quả thực hiện", position=0)
    form = AwardForm.objects.create(
        campaign=plan, name="Giấy khen", granted_by="Ban Thường vụ Huyện ủy Lạc Dương", nominee_kinds=["individual"]
    )
    report_deadline = Deadline.objects.create(
        campaign=plan, kind=Deadline.Kind.REPORT, what="Báo cáo sơ kết", due_at=LATER
    )
    dossier_deadline = Deadline.objects.create(
        campaign=plan, kind=Deadline.Kind.DOSSIER, what="Hồ sơ đề nghị khen thưởng", due_at=LATER
    )
    return World(cast, users, plan, section, form, report_deadline, dossier_deadline)


# --- builders ------------------------------------------------------------------------------------


def set_status(w: World, status: str):
    from guongsang.campaigns.models import Campaign

    Campaign.objects.filter(pk=w.campaign.pk).update(status=status)
    return w.fresh(w.campaign)


def nomination(w: World, state="draft", screening="pending", *, vote=False, listed=None):
    from guongsang.awards.models import ListEntry, Vote
    from guongsang.nominations.models import Nomination

    n = Nomination.objects.create(
        campaign=w.campaign,
        unit=w.cast.commune,
        kind="individual",
        person=w.cast.person,
        award_form=w.award_form,
        summary="Nguyễn Thị Ánh gương mẫu, tận tụy",
        state=state,
        screening=screening,
        submitted_at=NOW - dt.timedelta(days=1) if state == "submitted" else None,
    )
    if vote:
        Vote.objects.create(nomination=n, members_present=9, votes_for=8, votes_against=1)
    if listed is not None:
        ListEntry.objects.create(award_list=listed, nomination=n)
    return n


def requirement(w: World):
    from guongsang.campaigns.models import DossierRequirement

    return DossierRequirement.objects.create(
        campaign=w.campaign, document="Báo cáo thành tích", nominee_kinds=["individual"], file_types=["pdf"]
    )


def refuse_after(deadline, when=EARLIER):
    from guongsang.campaigns.models import Deadline

    Deadline.objects.filter(pk=deadline.pk).update(due_at=when, lateness=Deadline.Lateness.REFUSE)


def report(w: World, state="draft", unit=None):
    from guongsang.reports.models import Report, ReportVersion, SectionAnswer

    r = Report.objects.create(campaign=w.campaign, unit=unit or w.cast.commune, state=state)
    SectionAnswer.objects.create(report=r, section=w.section, text="Xã Lát đã tổ chức học tập.", revision=1)
    if state in ("submitted", "accepted", "returned"):
        ReportVersion.objects.create(report=r, number=1, submitted_at=NOW - dt.timedelta(days=1), snapshot={})
    return r


def award_list(w: World, status="draft", entries=(), **extra):
    from guongsang.awards.models import AwardList, ListEntry

    al = AwardList.objects.create(campaign=w.campaign, award_form=w.award_form, status=status, **extra)
    for n in entries:
        ListEntry.objects.create(award_list=al, nomination=n)
    return al


def listed(w: World, status="draft"):
    """A valid, voted nomination on the form's list (in `status`)."""
    al = award_list(w, status)
    nomination(w, "submitted", "valid", vote=True, listed=al)
    return al


def decision(w: World, status="draft", *, number=4):
    from guongsang.awards.models import Award, AwardDecision

    al = listed(w, "decided" if status == "signed" else "approved")
    d = AwardDecision.objects.create(
        award_list=al,
        style="party",
        authority="Ban Thường vụ Huyện ủy Lạc Dương",
        abbreviation="HU",
        number=number,
        date=dt.date(2026, 11, 9),
        place="Lạc Dương",
        signer_title="BÍ THƯ",
        signer_name="Ya Tiong",
        base_salary=2_340_000,
        status=status,
    )
    Award.objects.create(decision=d, nomination=al.entries.get().nomination, position=1)
    return d


def escalation_target(w: World):
    from guongsang.campaigns.models import AwardForm

    return AwardForm.objects.create(
        campaign=w.campaign,
        name="Bằng khen",
        granted_by="Ban Thường vụ Tỉnh ủy Mẫu",
        is_escalation=True,
        nominee_kinds=["individual"],
        cap_individuals=2,
    )


def parent_campaign(w: World, status="issued"):
    """The province's plan that the district's campaign implements, the district taking part."""
    from guongsang.campaigns.models import AwardForm, Campaign, OutlineSection, Participation

    parent = Campaign.objects.create(
        issuer=w.cast.root, number=2, date=dt.date(2026, 10, 1), status=status, title="Kế hoạch của Tỉnh ủy Mẫu"
    )
    Participation.objects.create(campaign=parent, unit=w.cast.district)
    OutlineSection.objects.create(campaign=parent, number="I", title="Kết quả thực hiện", position=0)
    AwardForm.objects.create(campaign=parent, name="Bằng khen", granted_by="Ban Thường vụ Tỉnh ủy Mẫu")
    Campaign.objects.filter(pk=w.campaign.pk).update(parent=parent)
    w.campaign = w.fresh(w.campaign)
    return parent


def consolidated(w: World):
    """The district's consolidated report with one section written (what `roll_up` sends up)."""
    return report(w, "draft", unit=w.cast.district)


def plan_import(w: World, status="ready"):
    from guongsang.importer.models import PlanImport

    text = "HUYỆN ỦY LẠC DƯƠNG\nSố 7-KH/HU\nKẾ HOẠCH\nSơ kết học tập và làm theo\nI. MỤC ĐÍCH\nNội dung."
    record = PlanImport(
        unit=w.cast.district, original_name="Kế hoạch 7.docx", status=status, text=text, draft={"fields": {}}
    )
    record.file.save("k.docx", ContentFile(b"PK"), save=True)
    return record


def pdf(name="Báo cáo thành tích.pdf"):
    return SimpleUploadedFile(name, VALID_PDF, content_type="application/pdf")


def plan_txt(name="Kế hoạch 9.txt"):
    body = "HUYỆN ỦY LẠC DƯƠNG\nSố 9-KH/HU\nKẾ HOẠCH\nSơ kết\n".encode()
    return SimpleUploadedFile(name, body, content_type="text/plain")


def docx_upload(title="Kết quả thực hiện"):
    from docx import Document

    doc = Document()
    doc.add_heading(f"I. {title}", level=1)
    doc.add_paragraph("Chi bộ đã tổ chức 12 buổi sinh hoạt chuyên đề.")
    out = io.BytesIO()
    doc.save(out)
    return SimpleUploadedFile(
        "bao-cao.docx",
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


_WORKBOOK: dict = {}


def workbook_renaming_commune(w: World, name: str) -> bytes:
    """The commune's own export with its name changed (the import round-trips the export)."""
    from openpyxl import load_workbook

    from guongsang.org import workbook

    if name not in _WORKBOOK:
        superuser = w.cast.users["superuser"]
        wb = load_workbook(io.BytesIO(workbook.export_workbook(actor=superuser, scope=w.cast.commune)))
        sheet = wb[workbook.UNIT_SHEET]
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == w.cast.commune.code:
                row[1].value = name
        out = io.BytesIO()
        wb.save(out)
        _WORKBOOK[name] = out.getvalue()
    return _WORKBOOK[name]


# --- form data -------------------------------------------------------------------------------------


def form_data(form) -> dict:
    """What a browser would send for an unbound form as it is shown (its initial values)."""
    data: dict = {}
    for bf in form:
        value = bf.field.prepare_value(bf.value())
        if value is None or value is False or value == "":
            continue
        if value is True:
            data[bf.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bf.html_name] = [str(getattr(v, "pk", v)) for v in value]
        else:
            data[bf.html_name] = str(getattr(value, "pk", value))
    return data


def formset_data(formset) -> dict:
    data = form_data(formset.management_form)
    for form in formset.forms:
        data.update(form_data(form))
    return data


# --- the database, whole -------------------------------------------------------------------------


def fingerprint() -> dict:
    """Every row of every table of the project (and the users), to compare before and after. Read with
    plain SQL: it runs twice per case, and the ORM's query building would be most of the matrix's time."""
    from django.db import connection

    with connection.cursor() as cursor:
        out = {}
        for label, sql in _row_queries(connection.ops.quote_name):
            cursor.execute(sql)
            out[label] = cursor.fetchall()
    return out


def writes() -> int:
    """How many rows this connection has inserted, updated or deleted so far: SQLite's total_changes(),
    PostgreSQL's counters for the current transaction (each test runs inside one). A refusal must leave
    it where it was. It is stricter than comparing ``fingerprint``s, which it replaces on the refusals
    (most of the cases): a write that is rolled back, or an update to the same value, still counts."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        else:
            cursor.execute("SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables")
        return int(cursor.fetchone()[0])


_QUERIES: list[tuple[str, str]] = []


def _row_queries(quote) -> list[tuple[str, str]]:
    if not _QUERIES:
        for model in apps.get_models(include_auto_created=True):
            if not (model.__module__.startswith("guongsang.") or model is get_user_model()):
                if not (model._meta.auto_created and model._meta.app_label in _APPS):
                    continue
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            _QUERIES.append((model._meta.label, f"SELECT * FROM {table} ORDER BY {pk}"))
    return _QUERIES


_APPS = {"org", "accounts", "campaigns", "reports", "nominations", "awards", "documents", "importer", "notifications"}


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before if before[k] != after.get(k))
