from django.contrib.auth import views as auth_views
from django.urls import path

from guongsang.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("nhat-ky/", views.audit_log, name="audit_log"),
    path("dang-nhap/xac-thuc/", views.second_factor, name="second_factor"),
    path("tai-khoan/bao-mat/", views.security, name="security"),
    path("tai-khoan/xac-thuc-hai-buoc/", views.second_factor_setup, name="second_factor_setup"),
    path("tai-khoan/bao-mat/<slug:action>/", views.security_action, name="security_action"),
]
