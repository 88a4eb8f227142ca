from django.contrib.sitemaps.views import sitemap
from django.urls import path

from gongkai.portal import views
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
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
