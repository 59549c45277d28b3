from django.urls import path

from guongsang.importer import views

app_name = "importer"
urlpatterns = [
    path("", views.import_start, name="start"),
    path("<int:pk>/", views.import_review, name="review"),
    path("<int:pk>/bo/", views.import_discard, name="discard"),
]
