from django.urls import path

from guongsang.reports import views

app_name = "reports"
urlpatterns = [
    path("ke-hoach/<int:pk>/", views.editor, name="edit"),
    path("ke-hoach/<int:pk>/tat-ca/", views.campaign_reports, name="campaign_list"),
    path("ke-hoach/<int:pk>/theo-doi/", views.dashboard, name="dashboard"),
    path("ke-hoach/<int:pk>/so-lieu/", views.figures, name="figures"),
    path("ke-hoach/<int:pk>/so-lieu.xlsx", views.figures_xlsx, name="figures_xlsx"),
    path("ke-hoach/<int:pk>/tong-hop/", views.consolidate, name="consolidate"),
    path("ke-hoach/<int:pk>/gui-len-cap-tren/", views.send_upward, name="send_upward"),
    path("moc/<int:pk>/nhac-han/", views.remind, name="remind"),
    path("lich/<int:pk>.ics", views.calendar, name="calendar"),
    path("lich/dang-ky/<str:token>.ics", views.calendar_subscription, name="calendar_subscription"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/muc/<int:section_pk>/", views.section_save, name="section_save"),
    path("<int:pk>/gui/", views.submit, name="submit"),
    path("<int:pk>/quyet-dinh/<slug:action>/", views.decide, name="decide"),
    path("<int:pk>/so-sanh/", views.compare, name="compare"),
    path("<int:pk>/dinh-kem/", views.attachment_upload, name="attachment_upload"),
    path("dinh-kem/<int:pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/bao-cao.<str:fmt>", views.download, name="download"),
    path("<int:pk>/nhap-docx/", views.import_docx, name="import_docx"),
]
