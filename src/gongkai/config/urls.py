from django.contrib import admin
from django.urls import include, path

from gongkai.config.api import api

admin.site.site_header = "公开 · 政府信息公开平台管理后台"
admin.site.site_title = "政府信息公开平台"
admin.site.index_title = "管理首页"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("office/", include("gongkai.backoffice.urls")),
    path("api/v1/", api.urls),
    path("", include("gongkai.portal.urls")),
]
