"""Need to know for personal data (guongsang/accounts/personal.py, docs/security.md): every surface that
can show a person's birth year, ethnicity or grades — pages, documents, the export, rule messages, the
live check fragment — for every kind of user and relation to the person's unit.

The person ``secret`` (in the commune's branch) has been nominated by the commune; ``other`` (in the
commune) has not. Both were graded KHTNV in 2024, which fails the plan's criterion."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse

from guongsang.accounts.models import Role
from guongsang.accounts.permissions import roles_of
from guongsang.accounts.personal import WITHHELD, policy_for
from guongsang.campaigns.models import Criterion
from guongsang.nominations.models import Nomination
from guongsang.org.models import Person, Rating
from tests.awards.conftest import plan, submitted  # noqa: F401 (the plan fixture)
from tests.conftest import make_user, sign_in

SECRET = {"birth": "1957", "ethnicity": "Pà Thẻn", "grade": "KHTNV"}
OTHER = {"birth": "1949", "ethnicity": "Si La", "grade": "KHTNV"}

# Who may see the nominated person's data: a role of the personal_data.view action over the branch, or the
# submitter of the nominating commune. Everyone else in scope may not.
ROLE_BASED = {Role.MANAGER, Role.LEADER, Role.REVIEWER, Role.HEAD, Role.ADMIN, "superuser"}
NOMINEE = ROLE_BASED | {Role.SUBMITTER}
WHO = [*sorted(ROLE_BASED), Role.SUBMITTER, Role.OFFICE, "sibling", "branch_submitter", "anonymous"]  # one order


@dataclass
class World:
    cast: object
    campaign: object
    nomination: Nomination
    secret: Person
    other: Person
    users: dict


@pytest.fixture
def world(cast, plan):  # noqa: F811
    Criterion.objects.create(
        campaign=plan.campaign,
        nominee_kind="individual",
        text="Hoàn thành tốt nhiệm vụ năm 2024",
        check_kind="min_grade_each_year",
        params={"grade": "HTTNV", "from_year": 2024, "to_year": 2024},
    )
    secret = Person.objects.create(
        code="P-S", full_name="Hà Thị Mây", unit=cast.branch, birth_year=1957, ethnicity="Pà Thẻn", is_party_member=True
    )
    other = Person.objects.create(
        code="P-O", full_name="Lò Văn Sơn", unit=cast.commune, birth_year=1949, ethnicity="Si La", is_party_member=True
    )
    for person in (secret, other):
        Rating.objects.create(person=person, year=2024, grade="KHTNV")
    n = submitted(plan, cast.commune, person=secret)
    users = {**cast.users, "branch_submitter": make_user("cb-donvi", cast.branch, Role.SUBMITTER)}
    return World(cast, plan.campaign, n, secret, other, users)


def _live(w: World, person: Person, existing: bool) -> dict:
    data = {
        "loai": "individual",
        "person": person.pk,
        "summary": "Gương mẫu.",
        "award_form": w.nomination.award_form_id,
    }
    data["achievements_from"], data["achievements_to"] = "01/01/2024", "31/12/2025"
    if existing:
        data["de_nghi"] = w.nomination.pk
    return data


# name -> (URL, POST data or None, the secrets it shows to whoever may see them, who may see them)
def surfaces(w: World) -> dict:
    commune = f"?don_vi={w.cast.commune.pk}"
    c, n = w.campaign.pk, w.nomination.pk
    return {
        "person page": (reverse("org:person", args=[w.secret.pk]), None, SECRET, NOMINEE),
        "people list": (reverse("org:people", args=[w.cast.commune.pk]) + "?tat_ca=1", None, SECRET_ID, ROLE_BASED),
        "nomination page": (reverse("nominations:edit", args=[n]), None, {"grade": "KHTNV"}, NOMINEE),
        "unit's nominations": (reverse("nominations:unit_list", args=[c]) + commune, None, {"grade": "KHTNV"}, NOMINEE),
        "achievement report": (reverse("nominations:achievement_report", args=[n]), None, SECRET_ID, NOMINEE),
        "Tờ trình": (reverse("nominations:proposal", args=[c]) + commune, None, {}, NOMINEE),
        "screening": (reverse("awards:screening", args=[c]), None, {"grade": "KHTNV"}, NOMINEE),
        "live check, own nominee": (
            reverse("nominations:live_check", args=[c]) + commune,
            _live(w, w.secret, True),
            {"grade": "KHTNV"},
            NOMINEE,
        ),
        "live check, someone else": (
            reverse("nominations:live_check", args=[c]) + commune,
            _live(w, w.other, False),
            {"grade": "KHTNV"},
            ROLE_BASED,
        ),
        "export": (reverse("org:export", args=[w.cast.commune.pk]), None, SECRET, ROLE_BASED),
    }


SECRET_ID = {"birth": "1957", "ethnicity": "Pà Thẻn"}  # the achievement report has no grades
SURFACES = [
    "person page",
    "people list",
    "nomination page",
    "unit's nominations",
    "achievement report",
    "Tờ trình",
    "screening",
    "live check, own nominee",
    "live check, someone else",
    "export",
]


def _text(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/vnd.openxmlformats-officedocument.wordprocessing"):
        from docx import Document

        doc = Document(io.BytesIO(body))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    if kind.startswith("application/vnd.openxmlformats-officedocument.spreadsheet"):
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    return body.decode("utf-8", errors="ignore")


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("surface", SURFACES)
def test_personal_data_only_to_those_who_may_see_it(client, world, surface, who):
    url, data, shows, may_see = surfaces(world)[surface]
    if who != "anonymous":
        sign_in(client, world.users[who])
    with _frozen():
        response = client.post(url, data) if data is not None else client.get(url)
    if who == "anonymous":
        assert response.status_code == 302
        return
    if response.status_code != 200:
        assert response.status_code in (403, 404), (surface, who, response.status_code)
        return
    text = _text(response)
    about, beside = (OTHER, SECRET) if surface == "live check, someone else" else (SECRET, OTHER)
    if who in may_see:
        for value in shows.values():
            assert value in text, (surface, who, value)
    else:
        for value in about.values():
            assert value not in text, (surface, who, value)
    if surface != "export":  # the export lists the whole subtree, the other person too
        for key in ("birth", "ethnicity"):  # never the data of a person the surface is not about
            assert beside[key] not in text or (surface == "people list" and who in may_see), (surface, who, key)


def _frozen():
    import time_machine

    return time_machine.travel(dt.datetime(2026, 5, 1, 3, 0, tzinfo=dt.UTC), tick=False)


# Only those who may see the data reach these: the issuer's managers (screening, export) and the
# nominators of the unit (its list, its Tờ trình, the live check; office staff and the branch are not).
CLOSED_TO_THE_OTHERS = {"screening", "export", "unit's nominations", "Tờ trình", "live check, own nominee"}


def test_every_surface_was_seen_by_someone_who_may_and_someone_who_may_not(client, world):
    """The matrix above checks only what answers 200; make sure each surface did answer both kinds of
    user, so no row passes by being closed to everyone."""
    table = surfaces(world)
    for surface in SURFACES:
        url, data, _shows, may_see = table[surface]
        reached = {True: [], False: []}
        for who in WHO[:-1]:
            sign_in(client, world.users[who])
            with _frozen():
                response = client.post(url, data) if data is not None else client.get(url)
            if response.status_code == 200:
                reached[who in may_see].append(who)
        assert reached[True], (surface, "no one who may see it reached it")
        if surface not in CLOSED_TO_THE_OTHERS:
            assert reached[False], (surface, "no one who may not see it reached it")
        else:
            assert not reached[False], (surface, reached[False])


def test_office_staff_get_the_achievement_report_without_birth_year_and_ethnicity(client, world):
    sign_in(client, world.users[Role.OFFICE])
    response = client.get(reverse("nominations:achievement_report", args=[world.nomination.pk]))
    assert response.status_code == 200
    text = _text(response)
    assert "Hà Thị Mây" in text
    assert f"Năm sinh: {WITHHELD}" in text and f"Dân tộc: {WITHHELD}" in text
    assert "1957" not in text and "Pà Thẻn" not in text


def test_the_nominating_units_submitter_gets_its_nominees_report_in_full(client, world):
    sign_in(client, world.users[Role.SUBMITTER])
    text = _text(client.get(reverse("nominations:achievement_report", args=[world.nomination.pk])))
    assert "Năm sinh: 1957" in text and "Dân tộc: Pà Thẻn" in text


def test_the_live_check_gives_a_submitter_a_verdict_not_someone_elses_grade(client, world):
    url = reverse("nominations:live_check", args=[world.campaign.pk]) + f"?don_vi={world.cast.commune.pk}"
    sign_in(client, world.users[Role.SUBMITTER])
    with _frozen():
        text = client.post(url, _live(world, world.other, False)).content.decode()
    assert "Lò Văn Sơn không đạt tiêu chuẩn “Hoàn thành tốt nhiệm vụ năm 2024”" in text
    assert "KHTNV" not in text and "năm 2024:" not in text
    # An existing nomination of the unit does not open another person's grades either.
    with _frozen():
        text = client.post(url, _live(world, world.other, True)).content.decode()
    assert "không đạt" in text and "KHTNV" not in text
    sign_in(client, world.users[Role.MANAGER])
    with _frozen():
        text = client.post(url, _live(world, world.other, False)).content.decode()
    assert "nhưng năm 2024: KHTNV" in text


def test_a_sibling_or_a_branch_submitter_is_no_nominator(world):
    """The policy itself: the nominee rule needs the nominating unit, not any submitter role."""
    policy = policy_for(world.users["branch_submitter"])
    assert not policy.allows(world.secret)
    assert policy_for(world.users[Role.SUBMITTER]).allows(world.secret)
    assert not policy_for(world.users[Role.SUBMITTER]).allows(world.other)
    assert not policy_for(world.users["sibling"]).allows(world.secret)
    assert not policy_for(world.users[Role.OFFICE]).allows(world.secret)
    # A withdrawn nomination was still the unit's: its dossier stays readable to the unit.
    Nomination.objects.filter(pk=world.nomination.pk).update(state=Nomination.State.WITHDRAWN)
    assert policy_for(world.users[Role.SUBMITTER]).allows(world.secret)


def test_whoever_may_export_the_tree_may_see_personal_data():
    """The export carries every personal field (it round-trips with the import): only roles that may
    see personal data may edit and export the tree."""
    assert roles_of("tree.edit") <= roles_of("personal_data.view")
