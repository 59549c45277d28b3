from django.urls import path

from guongsang.org import views

app_name = "org"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim-kiem/", views.search, name="search"),
    path("mau-nhap.xlsx", views.import_template, name="import_template"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit"),
    path("don-vi/<int:pk>/cap-duoi/", views.children, name="children"),
    path("don-vi/<int:pk>/nhan-su/", views.people, name="people"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/them/", views.unit_add, name="unit_add"),
    path("don-vi/<int:pk>/ket-thuc/", views.unit_end, name="unit_end"),
    path("don-vi/<int:pk>/chuyen/", views.unit_move, name="unit_move"),
    path("don-vi/<int:pk>/nhap/", views.import_view, name="import"),
    path("don-vi/<int:pk>/xuat.xlsx", views.export_view, name="export"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person"),
]
