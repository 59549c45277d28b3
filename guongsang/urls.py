from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Gương Sáng — quản trị"
admin.site.site_title = "Gương Sáng"
admin.site.index_title = "Quản trị hệ thống"

urlpatterns = [
    path("quan-tri/", admin.site.urls),
    path("to-chuc/", include("guongsang.org.urls")),
    path("ke-hoach/nhap-tu-tep/", include("guongsang.importer.urls")),
    path("ke-hoach/", include("guongsang.campaigns.urls")),
    path("de-nghi/", include("guongsang.nominations.urls")),
    path("bao-cao/", include("guongsang.reports.urls")),
    path("xet-chon/", include("guongsang.awards.urls")),
    path("", include("guongsang.accounts.urls")),
]

handler400 = "guongsang.lib.http.bad_request"
