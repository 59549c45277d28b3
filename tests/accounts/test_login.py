from django.test import override_settings

from guongsang.accounts.models import Role


def test_the_login_page_is_in_vietnamese(client, cast):
    page = client.get("/dang-nhap/").content.decode()
    assert "Đăng nhập" in page and "Tên đăng nhập" in page and "Mật khẩu" in page


def test_a_user_logs_in_and_out(client, cast):
    response = client.post("/dang-nhap/", {"username": "quanly", "password": "mat-khau-123"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Huyện ủy Lạc Dương" in client.get("/").content.decode()
    client.post("/dang-xuat/")
    assert client.get("/").status_code == 302


def test_a_wrong_password_gets_a_vietnamese_message(client, cast):
    page = client.post("/dang-nhap/", {"username": "quanly", "password": "sai"}).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in page


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_login(client, cast):
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "quanly", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "quanly", "password": "mat-khau-123"})
    assert response.status_code == 429
    assert "tạm bị khóa" in response.content.decode()
    assert client.get("/").status_code == 302  # still not logged in


def test_a_user_changes_the_password(client, cast):
    client.force_login(cast.users[Role.OFFICE])
    response = client.post(
        "/doi-mat-khau/",
        {"old_password": "mat-khau-123", "new_password1": "Cay-Tre-2026!", "new_password2": "Cay-Tre-2026!"},
    )
    assert response.status_code == 302
    cast.users[Role.OFFICE].refresh_from_db()
    assert cast.users[Role.OFFICE].check_password("Cay-Tre-2026!")
