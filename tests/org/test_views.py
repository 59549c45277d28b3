"""The unit forms: each change goes through a service; bad input gets a Vietnamese message."""

from django.urls import reverse

from guongsang.accounts.models import AuditEntry, Role
from guongsang.org.models import Unit
from tests.conftest import refresh


def login(client, cast, who=Role.MANAGER):
    client.force_login(cast.users[who])


def test_a_manager_edits_a_unit(client, cast):
    login(client, cast)
    url = reverse("org:unit_edit", kwargs={"pk": cast.court.pk})
    assert "Chi bộ Tòa án" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": "Chi bộ Tòa án nhân dân khu vực",
            "kind": cast.court.kind_id,
            "code": "T-CB-TOAAN",
            "party_member_count": "12",
            "active_from": "01/07/2025",
        },
    )
    assert response.status_code == 302
    court = refresh(cast.court)
    assert court.name == "Chi bộ Tòa án nhân dân khu vực" and court.party_member_count == 12
    assert str(court.active_from) == "2025-07-01"
    assert AuditEntry.objects.get(action="org.unit.updated").before["name"] == "Chi bộ Tòa án"


def test_a_duplicate_code_is_refused_and_nothing_changes(client, cast):
    login(client, cast)
    response = client.post(
        reverse("org:unit_edit", kwargs={"pk": cast.court.pk}),
        {"name": "Đổi tên", "kind": cast.court.kind_id, "code": "T-LAT"},
    )
    assert response.status_code == 200
    assert "Mã đơn vị “T-LAT” đã có." in response.content.decode()
    assert refresh(cast.court).name == "Chi bộ Tòa án"
    assert not AuditEntry.objects.exclude(action="accounts.signed_in").exists()  # the sign-in is logged


def test_a_negative_member_count_is_refused(client, cast):
    login(client, cast)
    response = client.post(
        reverse("org:unit_add", kwargs={"pk": cast.commune.pk}),
        {"name": "Chi bộ X", "kind": cast.branch.kind_id, "code": "T-X", "party_member_count": "-3"},
    )
    assert "Số đảng viên không được âm." in response.content.decode()
    assert not Unit.objects.filter(code="T-X").exists()


def test_a_manager_adds_a_child_unit(client, cast):
    login(client, cast)
    response = client.post(
        reverse("org:unit_add", kwargs={"pk": cast.commune.pk}),
        {"name": "Chi bộ thôn Đạ Nghịt", "kind": cast.branch.kind_id, "code": "T-LAT-CB2"},
    )
    unit = Unit.objects.get(code="T-LAT-CB2")
    assert response["Location"] == reverse("org:unit", kwargs={"pk": unit.pk})
    assert unit.parent_unit() == cast.commune


def test_ending_a_unit_links_its_successor(client, cast):
    login(client, cast)
    url = reverse("org:unit_end", kwargs={"pk": cast.court.pk})
    response = client.post(url, {"end_date": "30/06/2025", "successor_code": "T-LAT"})
    assert response.status_code == 302
    court = refresh(cast.court)
    assert court.successor == cast.commune and str(court.active_to) == "2025-06-30"
    page = client.get(reverse("org:unit", kwargs={"pk": cast.commune.pk})).content.decode()
    assert "Hình thành từ" in page and "Chi bộ Tòa án" in page


def test_a_successor_outside_the_scope_is_refused(client, cast):
    login(client, cast)
    response = client.post(
        reverse("org:unit_end", kwargs={"pk": cast.court.pk}), {"end_date": "30/06/2025", "successor_code": "T-CB-VKS"}
    )
    assert "Không tìm thấy đơn vị mã “T-CB-VKS” trong phạm vi của bạn." in response.content.decode()
    assert refresh(cast.court).active_to is None


def test_a_move_into_its_own_subtree_is_refused(client, cast):
    login(client, cast)
    response = client.post(reverse("org:unit_move", kwargs={"pk": cast.commune.pk}), {"parent_code": "T-LAT-CB1"})
    assert "vòng lặp" in response.content.decode()
    assert refresh(cast.commune).parent_unit() == cast.district


def test_a_move_keeps_within_the_editable_scope(client, cast):
    login(client, cast)
    response = client.post(reverse("org:unit_move", kwargs={"pk": cast.branch.pk}), {"parent_code": "T-CB-TOAAN"})
    assert response.status_code == 302 and refresh(cast.branch).parent_unit() == cast.court
    response = client.post(reverse("org:unit_move", kwargs={"pk": cast.branch.pk}), {"parent_code": "T-HU-LD"})
    assert response.status_code == 302
    # The manager sees its own district but may not move a unit above it.
    response = client.post(reverse("org:unit_move", kwargs={"pk": cast.branch.pk}), {"parent_code": "T-TU"})
    assert "Không tìm thấy đơn vị mã “T-TU”" in response.content.decode()


def test_other_roles_cannot_use_the_forms(client, cast):
    for who in (Role.LEADER, Role.SUBMITTER, Role.OFFICE):
        login(client, cast, who)
        response = client.post(
            reverse("org:unit_edit", kwargs={"pk": cast.commune.pk}),
            {"name": "X", "kind": cast.commune.kind_id, "code": "T-LAT"},
        )
        assert response.status_code == 403
    assert refresh(cast.commune).name == "Đảng bộ xã Lát"
