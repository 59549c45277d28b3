from django.urls import path

from guongsang.nominations import views

app_name = "nominations"
urlpatterns = [
    path("ke-hoach/<int:pk>/", views.unit_nominations, name="unit_list"),
    path("ke-hoach/<int:pk>/moi/", views.nomination_create, name="create"),
    path("ke-hoach/<int:pk>/kiem-tra/", views.live_check, name="live_check"),
    path("ke-hoach/<int:pk>/to-trinh.docx", views.proposal_docx, name="proposal"),
    path("<int:pk>/", views.nomination_edit, name="edit"),
    path("<int:pk>/bao-cao-thanh-tich.docx", views.achievement_docx, name="achievement_report"),
    path("<int:pk>/tep/<int:requirement_pk>/", views.upload, name="upload"),
    path("<int:pk>/gui/", views.submit, name="submit"),
    path("<int:pk>/rut/", views.withdraw, name="withdraw"),
    path("tep/<int:pk>/", views.download, name="download"),
]
