from django.urls import path

from guongsang.campaigns import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="edit"),
    path("<int:pk>/muc/<slug:section>/", views.campaign_section, name="section"),
    path("<int:pk>/thao-tac/<slug:action>/", views.campaign_action, name="action"),
    path("<int:pk>/ke-hoach.<str:fmt>", views.plan_download, name="download"),
]
