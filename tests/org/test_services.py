import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from guongsang.accounts.models import AuditEntry, Role
from guongsang.org import services
from guongsang.org.models import Grade, Rating, Unit, grade_at_least
from tests.conftest import kind, refresh


def test_it_creates_a_unit_and_logs_it(cast):
    manager = cast.users[Role.MANAGER]
    unit = services.unit_create(
        actor=manager,
        parent=cast.commune,
        code="T-LAT-CB2",
        name="Chi bộ thôn Đạ Nghịt",
        kind=kind("chi-bo-truc-thuoc"),
    )
    assert refresh(unit).parent_unit() == cast.commune
    entry = AuditEntry.objects.get(action="org.unit.created")
    assert entry.actor == manager and entry.unit_path == unit.path and entry.after["code"] == "T-LAT-CB2"


def test_it_refuses_a_duplicate_unit_code_in_vietnamese(cast):
    count = Unit.objects.count()
    with pytest.raises(ValidationError) as err:
        services.unit_create(
            actor=cast.users[Role.MANAGER],
            parent=cast.commune,
            code="T-CB-TOAAN",
            name="Trùng mã",
            kind=kind("chi-bo-truc-thuoc"),
        )
    assert "Mã đơn vị “T-CB-TOAAN” đã có." in str(err.value)
    assert Unit.objects.count() == count
    assert not AuditEntry.objects.exists()


def test_it_refuses_to_create_outside_the_actors_subtree(cast):
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=cast.users["sibling"], parent=cast.commune, code="X1", name="X", kind=kind("chi-bo-truc-thuoc")
        )
    with pytest.raises(PermissionDenied):
        services.unit_create(
            actor=cast.users[Role.SUBMITTER], parent=cast.commune, code="X2", name="X", kind=kind("chi-bo-truc-thuoc")
        )


def test_it_refuses_a_move_that_makes_a_cycle(cast):
    manager = cast.users[Role.MANAGER]
    with pytest.raises(ValidationError) as err:
        services.unit_move(actor=manager, unit=cast.commune, new_parent=cast.branch)
    assert "vòng lặp" in str(err.value)
    assert refresh(cast.branch).parent_unit() == cast.commune


def test_it_moves_a_unit_within_the_subtree(cast):
    moved = services.unit_move(actor=cast.users[Role.MANAGER], unit=cast.branch, new_parent=cast.court)
    assert moved.parent_unit() == cast.court
    assert AuditEntry.objects.filter(action="org.unit.moved").count() == 1


def test_ending_a_unit_keeps_it_with_its_successor(cast):
    manager = cast.users[Role.MANAGER]
    services.unit_end(actor=manager, unit=cast.court, end_date=dt.date(2025, 6, 30), successor=cast.commune)
    court = refresh(cast.court)
    assert court.active_to == dt.date(2025, 6, 30) and court.successor == cast.commune
    assert not court.is_active_on(dt.date(2025, 7, 1)) and court.is_active_on(dt.date(2025, 6, 30))
    assert list(cast.commune.predecessors.all()) == [court]
    assert Unit.objects.active_on(dt.date(2025, 7, 1)).filter(pk=court.pk).count() == 0


def test_it_refuses_an_end_before_the_start(cast):
    services.unit_update(actor=cast.users[Role.MANAGER], unit=cast.court, active_from=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError):
        services.unit_end(actor=cast.users[Role.MANAGER], unit=cast.court, end_date=dt.date(2019, 1, 1))
    assert refresh(cast.court).active_to is None


def test_it_sets_ratings_only_from_the_grades(cast):
    manager = cast.users[Role.MANAGER]
    services.rating_set(actor=manager, subject=cast.person, year=2023, grade="htxsnv")
    assert Rating.objects.get(person=cast.person, year=2023).grade == Grade.HTXSNV
    with pytest.raises(ValidationError) as err:
        services.rating_set(actor=manager, subject=cast.person, year=2022, grade="Tốt")
    assert "không có trong thang xếp loại" in str(err.value)
    assert not Rating.objects.filter(person=cast.person, year=2022).exists()


def test_the_database_refuses_an_unknown_grade_and_a_rating_without_subject(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(person=cast.person, year=2020, grade="XYZ")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(year=2020, grade="HTNV")


def test_grades_are_ordered():
    assert grade_at_least("HTXSNV", "HTTNV") and grade_at_least("HTTNV", "HTTNV")
    assert not grade_at_least("HTNV", "HTTNV") and not grade_at_least("KHTNV", "HTNV")


def test_it_saves_a_person_in_scope_only(cast):
    person = services.person_save(
        actor=cast.users[Role.MANAGER], code="P-9", full_name="  Lê  Văn  An ", unit=cast.court
    )
    assert person.full_name == "Lê Văn An" and person.search_text == "le van an p-9"
    with pytest.raises(PermissionDenied):
        services.person_save(
            actor=cast.users[Role.MANAGER], code="P-10", full_name="Hà Thị Bé", unit=cast.sibling_branch
        )
    with pytest.raises(ValidationError):
        services.person_save(
            actor=cast.users[Role.MANAGER], code="P-11", full_name="Hà Thị Bé", unit=cast.court, birth_year=1850
        )


def test_it_adds_an_honor(cast):
    honor = services.honor_add(
        actor=cast.users[Role.MANAGER],
        subject=cast.commune,
        form="Giấy khen",
        granted_by="Ban Thường vụ Huyện ủy",
        year=2023,
        decision_number="12-QĐ/HU",
    )
    assert honor.unit == cast.commune
    assert AuditEntry.objects.get(action="org.honor.added").unit == cast.commune


def test_an_honour_from_a_decision_stays_inside_the_granting_units_subtree(cast):
    from django.core.exceptions import ValidationError

    from guongsang.org.models import Honor

    fields = {"form": "Giấy khen", "granted_by": "Ban Thường vụ", "decision_number": "01-QĐ/HU", "year": 2026}
    services.honor_granted(actor=cast.users[Role.LEADER], subject=cast.person, granting_unit=cast.district, **fields)
    with pytest.raises(ValidationError, match="không thuộc"):
        services.honor_granted(
            actor=cast.users[Role.LEADER], subject=cast.sibling_person, granting_unit=cast.district, **fields
        )
    with pytest.raises(ValidationError):
        services.honor_granted(
            actor=cast.users[Role.LEADER], subject=cast.person, granting_unit=cast.district, **{**fields, "year": 1800}
        )
    assert Honor.objects.filter(decision_number="01-QĐ/HU").count() == 1
