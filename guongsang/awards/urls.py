from django.urls import path

from guongsang.awards import views

app_name = "awards"
urlpatterns = [
    path("ke-hoach/<int:pk>/", views.selection_page, name="selection"),
    path("ke-hoach/<int:pk>/tham-dinh-ho-so/", views.screening, name="screening"),
    path("ke-hoach/<int:pk>/tham-dinh-ho-so/nhieu/", views.screen_many, name="screen_many"),
    path("ke-hoach/<int:pk>/cham-diem/", views.review_list, name="review_list"),
    path("ke-hoach/<int:pk>/tieu-chi-cham/", views.rubric, name="rubric"),
    path("ke-hoach/<int:pk>/phan-cong/", views.assign, name="assign"),
    path("ke-hoach/<int:pk>/diem-cham.xlsx", views.scores_xlsx, name="scores_xlsx"),
    path("ke-hoach/<int:pk>/de-nghi-cap-tren/", views.escalations, name="escalations"),
    path("ke-hoach/<int:pk>/sach-mo-hinh.docx", views.book, name="book"),
    path("phan-cong/<int:pk>/bo/", views.unassign, name="unassign"),
    path("de-nghi/<int:pk>/tham-dinh/", views.screen, name="screen"),
    path("de-nghi/<int:pk>/cham-diem/", views.review, name="review"),
    path("de-nghi/<int:pk>/bieu-quyet/", views.vote, name="vote"),
    path("de-nghi/<int:pk>/danh-sach/", views.list_toggle, name="list_toggle"),
    path("danh-sach/<int:pk>/y-kien/", views.notice, name="notice"),
    path("danh-sach/<int:pk>/quyet-dinh/", views.decision, name="decision"),
    path("danh-sach/<int:pk>/<slug:action>/", views.list_action, name="list_action"),
    path("quyet-dinh/<int:pk>/ky/", views.sign, name="sign"),
    path("quyet-dinh/<int:pk>/tai.<str:fmt>", views.decision_download, name="decision_download"),
    path("quyet-dinh/<int:pk>/giay-khen/", views.certificates_start, name="certificates"),
    path("quyet-dinh/<int:pk>/trang-in-thu.pdf", views.test_page, name="test_page"),
    path("quyet-dinh/<int:pk>/may-in/", views.calibration, name="calibration"),
    path("quyet-dinh/<int:pk>/phoi/", views.layout, name="layout"),
    path("giay-khen/<int:pk>/", views.batch, name="batch"),
    path("giay-khen/<int:pk>/tep.pdf", views.batch_file, name="batch_file"),
    path("hinh-thuc/<int:pk>/chon/", views.escalate, name="escalate"),
    path("hinh-thuc/<int:pk>/gui-len/", views.send_up, name="send_up"),
    path("hinh-thuc/<int:pk>/goi-ho-so.zip", views.package, name="package"),
]
