from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", auth_views.LoginView.as_view(template_name="backoffice/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(next_page="backoffice:login"), name="logout"),
    path("items/", views.item_list, name="items"),
    path("guide/<int:agency_id>/publish/", views.guide_publish, name="guide_publish"),
    path("items/new/", views.item_create, name="item_new"),
    path("items/<int:item_id>/", views.item_detail, name="item"),
    path("items/<int:item_id>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:item_id>/do/<slug:action>/", views.item_action, name="item_action"),
    path("items/<int:item_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("items/<int:item_id>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path(
        "items/<int:item_id>/attachments/<int:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("import/", include("gongkai.backoffice.views_import")),
    path("datalists/", include("gongkai.backoffice.views_data")),
    path("applications/<int:application_id>/letters/", include("gongkai.backoffice.views_letters")),
    path("applications/", include("gongkai.backoffice.views_applications")),
    path("appeals/", include("gongkai.backoffice.views_appeals")),
    path("consultations/", include("gongkai.backoffice.views_consultations")),
    path("reports/check/", include("gongkai.backoffice.views_report_check")),
    path("reports/", include("gongkai.backoffice.views_reports")),
    path("guides/", include("gongkai.backoffice.views_guides")),
    path("plans/", include("gongkai.backoffice.views_plans")),
]
