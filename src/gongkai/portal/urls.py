from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.portal import views, views_apply
from gongkai.portal.feeds import AgencyFeed
from gongkai.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("agencies/<int:agency_id>/", views.agency_detail, name="agency"),
    path("agencies/<int:agency_id>/guide/", views.guide, name="guide"),
    path("agencies/<int:agency_id>/catalog/", views.catalog, name="catalog"),
    path("agencies/<int:agency_id>/catalog/<int:node_id>/", views.catalog, name="catalog_node"),
    path("agencies/<int:agency_id>/items/<int:item_id>/", views.item_detail, name="item"),
    path(
        "agencies/<int:agency_id>/items/<int:item_id>/attachments/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("agencies/<int:agency_id>/feed/", AgencyFeed(), name="feed"),
    path("agencies/<int:agency_id>/catalog/<int:node_id>/feed/", AgencyFeed(), name="node_feed"),
    path("agencies/<int:agency_id>/apply/", views_apply.apply, name="apply"),
    path("agencies/<int:agency_id>/apply/done/", views_apply.apply_done, name="apply_done"),
    path("track/", views_apply.track_lookup, name="track"),
    path("track/<str:code>/", views_apply.track_status, name="track_status"),
    path("track/<str:code>/correction/", views_apply.track_correction, name="track_correction"),
    path("track/<str:code>/letters/<int:letter_id>.pdf", views_apply.track_letter, name="track_letter"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
