import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count

from guongsang.accounts.models import AuditEntry, Membership, Role
from guongsang.demo.loader import load_demo
from guongsang.demo.tree import DEMO_PASSWORD, ROLE_NAMES, SITES
from guongsang.org.models import Person, Rating, Unit


def test_the_demo_loads_once_and_shows_every_part(db, client, demo):
    # The `demo` fixture loaded it; loading again changes nothing and says so.
    units, people = Unit.objects.count(), Person.objects.count()
    assert load_demo() is False
    assert (Unit.objects.count(), Person.objects.count()) == (units, people)
    assert AuditEntry.objects.filter(action="demo.loaded").count() == 1
    assert Unit.objects.count() > 250 and Person.objects.count() > 2500
    assert set(Rating.objects.values_list("year", flat=True).distinct()) == set(range(2017, 2026))
    assert Rating.objects.exclude(grade__in=["HTTNV", "HTXSNV"]).exists()  # some weaker years
    # The four issuers of the seed plans, with the kinds their rules name.
    for code, kind in [
        ("LD-HU", "huyen-uy"),
        ("HT-DUK", "dang-uy-khoi"),
        ("KB-HU", "huyen-uy"),
        ("TN-DUK", "dang-uy-khoi"),
    ]:
        assert Unit.objects.get(code=code).kind.code == kind
    big = Unit.objects.filter(kind__code="dang-bo-co-so", party_member_count__gte=100).within(
        Unit.objects.get(code="HT-DUK")
    )
    small = Unit.objects.filter(kind__code="dang-bo-co-so", party_member_count__lt=100).within(
        Unit.objects.get(code="HT-DUK")
    )
    assert big.exists() and small.exists()
    # Thái Nguyên after July 2025: ended units link to successors, new ones start then.
    reform = dt.date(2025, 7, 1)
    assert Unit.objects.get(code="TN-DUK").successor.code == "TN-DUCQD"
    assert Unit.objects.get(code="TN-TU-BTG").successor.code == "TN-TU-BTGDV"
    commune = Unit.objects.get(code="TN-DUP-PDP")
    assert commune.parent_unit().code == "TN-TU" and commune.active_from == reform
    assert {p.code for p in commune.predecessors.all()} == {"TN-TP-PDP", "TN-TP-TRUNGVUONG"}
    assert not Unit.objects.active_on(reform).filter(kind__code="huyen-uy").exists()
    # One account per role per site, at the right units.
    # ... and a second reviewer of the bloc (Ban Tổ chức), who declares a conflict of interest in 004.
    assert Membership.objects.count() == len(SITES) * len(ROLE_NAMES) + 1
    assert AuditEntry.objects.filter(action="org.import", unit=commune).exists()
    # A plan typed in the old TCVN3 font, read and waiting for the ward's manager to check it.
    from guongsang.importer.models import PlanImport

    waiting = PlanImport.objects.get(unit=commune)
    assert (waiting.status, waiting.encoding) == (PlanImport.Status.READY, "tcvn3")
    fields = waiting.draft["fields"]
    assert fields["symbol"]["value"] == "27-KH/ĐU" and fields["signer_name"]["value"] == "Hoàng Thị Thu Hà"
    assert [d["lateness"] for d in waiting.draft["deadlines"]] == ["refuse", "mark_late"]
    assert waiting.draft["quotas"][0]["unit_kinds"] == ["chi-bo-co-so"]
    # Follow-up: a reminder sent, a consolidated draft with sources, a ward's report rolled up.
    from guongsang.campaigns.models import Campaign
    from guongsang.notifications.models import Reminder
    from guongsang.reports.aggregation import aggregate
    from guongsang.reports.consolidation import consolidated_report
    from guongsang.reports.models import Report

    lacduong = Campaign.objects.get(issuer__code="LD-HU", number=98)
    assert Reminder.objects.filter(deadline__campaign=lacduong, kind="manual").exists()
    draft = consolidated_report(lacduong)
    assert draft.consolidation["accepted"] > 0 and all(a.sources for a in draft.answers.all() if a.text)
    ward = Campaign.objects.get(issuer=commune, parent__isnull=False)
    upward = Report.objects.get(campaign=ward.parent, unit=commune)
    assert (upward.state, upward.consolidated_from) == (Report.State.ACCEPTED, ward)
    rolled = [p for f in aggregate(ward.parent).figures for p in f.parts if p.sub_campaign_id == ward.pk]
    assert rolled  # the province's figures drill down into the ward's campaign


def test_each_demo_account_sees_only_its_scope(db, client, demo):
    for prefix, _label, issuer, unit_code in SITES:
        for role, suffix in ROLE_NAMES.items():
            username = f"{prefix}.{suffix}"
            response = client.post("/dang-nhap/", {"username": username, "password": DEMO_PASSWORD})
            assert response.status_code == 302, username
            home = unit_code if role in ("submitter", "head") else issuer
            tree = client.get("/to-chuc/").content.decode()
            assert Unit.objects.get(code=home).name in tree, username
            # Nothing of another province is found.
            foreign = "lac duong" if prefix.startswith(("tn", "thai", "phan")) else "thai nguyen"
            found = client.get(f"/to-chuc/tim-kiem/?q={foreign}").content.decode()
            assert "Không tìm thấy đơn vị nào khớp" in found, username
            client.logout()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert client.post("/dang-nhap/", {"username": "admin", "password": DEMO_PASSWORD}).status_code == 302
    assert client.get("/quan-tri/").status_code == 200
    by_role = dict(Membership.objects.values_list("role").annotate(n=Count("id")))
    assert by_role == {role: len(SITES) for role in Role.values} | {Role.REVIEWER: len(SITES) + 1}
